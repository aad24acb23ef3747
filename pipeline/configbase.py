"""Base class for every config section: strict (unknown keys are errors) and immutable."""

from pydantic import BaseModel, ConfigDict


class StageConfig(BaseModel):
    """A config section. Misspelled keys fail validation instead of being ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
