"""The stage registry: each stage's name, inputs, outputs, config section and function.

Stage functions are pure (tables in, tables out, no paths); the runner reads their inputs,
calls them batch by batch and writes their outputs.

A stage's code lives in the module of its name (`pipeline.stages.<name>`), which is imported the
first time its function, version or model ids are needed: reading the registry (stage names for
`--help`, the order of a run) loads neither pandas nor any model library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Stage:
    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    whole: bool = False  # True: runs once over all batches (cross-document tables)

    @property
    def module(self) -> ModuleType:
        """The stage's module, `pipeline.stages.<name>` (imported on first use; Python caches it)."""
        return import_module(f"{__name__}.{self.name}")

    @property
    def function(self) -> Callable[..., pd.DataFrame | dict[str, pd.DataFrame]]:
        """The stage function: input tables in `inputs` order, then the config section."""
        return getattr(self.module, self.name)

    def model_ids(self, config) -> dict[str, str]:
        """Ids of the models the stage loads under `config` (the module's `model_ids`; none if it has none)."""
        function = getattr(self.module, "model_ids", None)
        return function(config) if function else {}

    def run(self, config, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Call the stage function with its input tables and return its outputs by table name."""
        result = self.function(*(tables[name] for name in self.inputs), config)
        if isinstance(result, dict):
            return dict(result)
        return {self.outputs[0]: result}


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in [
        Stage("ingest", (), ("documents",)),
        Stage("clean", ("documents",), ("pages",)),
        Stage("segment", ("pages", "documents"), ("articles",)),
        Stage("ner", ("articles", "pages"), ("entities",)),
        Stage("places", ("articles", "entities", "pages", "documents"), ("places",)),
        Stage("tokens", ("articles", "pages"), ("tokens",)),
        Stage("relate", ("articles", "entities", "pages", "places"), ("officials", "metrics")),
        Stage("registry", ("officials", "metrics", "articles", "documents"), ("people", "careers", "figures", "divisions"), whole=True),
    ]
}

STAGE_ORDER: list[str] = list(STAGES)
