"""The stage registry: each stage's name, inputs, outputs, config section and function.

Stage functions are pure (tables in, tables out, no paths); the runner reads their inputs,
calls them batch by batch and writes their outputs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from pipeline.stages import clean, ingest, ner, places, registry, relate, segment, tokens


@dataclass(frozen=True)
class Stage:
    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    function: Callable[..., pd.DataFrame | dict[str, pd.DataFrame]]
    implemented: bool
    version: str = "1"  # bump when the stage's logic changes, so cached outputs are recomputed
    model_ids: Callable[[object], dict[str, str]] = field(default=lambda config: {})
    whole: bool = False  # True: runs once over all batches (cross-document tables)

    def run(self, config, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Call the stage function with its input tables and return its outputs by table name."""
        result = self.function(*(tables[name] for name in self.inputs), config)
        if isinstance(result, pd.DataFrame):
            return {self.outputs[0]: result}
        return dict(result)


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in [
        Stage("ingest", (), ("documents",), ingest.ingest, ingest.IMPLEMENTED, getattr(ingest, "VERSION", "1")),
        Stage("clean", ("documents",), ("pages",), clean.clean, getattr(clean, "IMPLEMENTED", True), getattr(clean, "VERSION", "1")),
        Stage("segment", ("pages",), ("articles",), segment.segment, segment.IMPLEMENTED, getattr(segment, "VERSION", "1")),
        Stage(
            "ner",
            ("articles", "pages"),
            ("entities",),
            ner.ner,
            ner.IMPLEMENTED,
            getattr(ner, "VERSION", "1"),
            getattr(ner, "model_ids", lambda config: {}),
        ),
        Stage("places", ("articles", "entities", "pages"), ("places",), places.places, places.IMPLEMENTED, places.VERSION),
        Stage("tokens", ("articles",), ("tokens",), tokens.tokens, tokens.IMPLEMENTED, tokens.VERSION, tokens.model_ids),
        Stage("relate", ("articles", "entities"), ("officials", "metrics"), relate.relate, relate.IMPLEMENTED, getattr(relate, "VERSION", "1")),
        Stage(
            "registry",
            ("officials", "metrics", "articles", "documents"),
            ("people", "careers", "figures"),
            registry.registry,
            registry.IMPLEMENTED,
            registry.VERSION,
            whole=True,
        ),
    ]
}

STAGE_ORDER: list[str] = list(STAGES)
