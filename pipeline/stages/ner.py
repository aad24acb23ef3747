"""ner stage: articles (+ pages for the raw offset map) → entities.

Layers (config `ner.layers`): `model` — the trained spaCy pipeline in models/ner (char tok2vec +
ner); `rules` — gazetteer and number patterns (pipeline/ner/rules.py) that fill what the model
left empty and take over MONEY/PERCENT/QUANTITY/DATE spans. Either layer can run alone. The model
is only ever loaded from a local folder (see pipeline/ner/spacy_backend.py); nothing is downloaded.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
import pyarrow as pa
from pydantic import Field, field_validator

from pipeline.configbase import StageConfig
from pipeline.offsets import clean_to_raw_span
from pipeline.schemas import ENTITIES

IMPLEMENTED = True
VERSION = "1"

Layer = Literal["model", "rules"]


class NerConfig(StageConfig):
    model: str = Field("models/ner", description="Folder of the trained spaCy NER pipeline (relative paths: from the repo root).")
    layers: list[Layer] = Field(["model", "rules"], description="Which layers run: the trained model, the rules, or both (rules fill gaps).")
    batch_size: int = Field(32, ge=1, description="Articles per spaCy nlp.pipe batch.")
    allow_external_model: bool = Field(False, description="Allow ner.model to point outside the repository's models/ folder.")

    @field_validator("layers")
    @classmethod
    def _layers(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one layer (model, rules) is needed")
        if len(set(value)) != len(value):
            raise ValueError("each layer may appear once")
        return value


def _pipeline(config: NerConfig):
    """The spaCy pipeline for the configured layers, its model id and the components to disable."""
    from pipeline.ner import spacy_backend as backend
    from pipeline.ner.component import FACTORY

    if "model" not in config.layers:
        return backend.rules_pipeline(), backend.rules_id(), []
    model_dir = backend.resolve_model_dir(config.model, config.allow_external_model)
    nlp = backend.load_pipeline(str(model_dir))
    disable = [] if "rules" in config.layers else [name for name in nlp.pipe_names if name == FACTORY]
    return nlp, backend.model_id(model_dir), disable


def model_ids(config: NerConfig) -> dict[str, str]:
    """{"ner": id of the model (or rules) that produces the entities}; checks the model folder."""
    from pipeline.ner import spacy_backend as backend

    if "model" not in config.layers:
        return {"ner": backend.rules_id()}
    return {"ner": backend.model_id(backend.resolve_model_dir(config.model, config.allow_external_model))}


def ner(articles: pd.DataFrame, pages: pd.DataFrame, config: NerConfig) -> pd.DataFrame:
    """Find entities in each article's text; offsets index articles.text, the clean page and the raw page."""
    if articles.empty:
        return ENTITIES.empty_table().to_pandas()
    from pipeline.ner.component import RULE_SPANS_KEY

    nlp, model_id, disable = _pipeline(config)
    offsets_by_doc = dict(zip(pages["doc_id"], pages["offsets"])) if not pages.empty else {}
    texts = [t if isinstance(t, str) else "" for t in articles["text"]]
    rows = []
    for art, doc in zip(articles.itertuples(index=False), nlp.pipe(texts, batch_size=config.batch_size, disable=disable)):
        rule_spans = {(s.start, s.end, s.label_) for s in doc.spans.get(RULE_SPANS_KEY, [])}
        offsets = offsets_by_doc.get(art.doc_id)
        base = None if pd.isna(art.start) else int(art.start)
        for ent in doc.ents:
            start, end = ent.start_char, ent.end_char
            page_start = page_end = raw_start = raw_end = None
            if base is not None:
                page_start, page_end = base + start, base + end
                if offsets is not None and page_end <= len(offsets):
                    raw_start, raw_end = clean_to_raw_span(offsets, page_start, page_end)
            is_rule = (ent.start, ent.end, ent.label_) in rule_spans
            rows.append(
                {
                    "entity_id": f"{art.article_id}:{start}:{end}:{ent.label_}",
                    "article_id": art.article_id,
                    "doc_id": art.doc_id,
                    "label": ent.label_,
                    "text": ent.text,
                    "start": start,
                    "end": end,
                    "page_start": page_start,
                    "page_end": page_end,
                    "raw_start": raw_start,
                    "raw_end": raw_end,
                    "source": "rule" if is_rule else "spacy",
                    "model_id": model_id,
                    "score": 1.0 if is_rule else None,
                }
            )
    return pa.Table.from_pylist(rows, schema=ENTITIES).to_pandas()
