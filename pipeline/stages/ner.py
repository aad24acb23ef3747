"""ner stage: articles (+ pages for the raw offset map) → entities.

Backends (config `ner.backend`): `spacy` — the trained spaCy pipeline in models/ner (char tok2vec +
ner); `hanlp` — HanLP's character BiLSTM-CRF in models/hanlp_ner (or a HanLP pretrained identifier,
see pipeline/ner/hanlp_backend.py); `ensemble` — spaCy, HanLP and the rules combined with a
strategy per label (pipeline/ner/ensemble.py). Layers (config `ner.layers`): `model` — the backend's
model(s); `rules` — gazetteer and number patterns (pipeline/ner/rules.py) that fill what the model
left empty and take over MONEY/PERCENT/QUANTITY/DATE spans. Either layer can run alone. Models are
only ever loaded from local folders under models/ unless `ner.allow_external_model`; nothing is
downloaded unless a HanLP pretrained identifier is configured on purpose.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

import pandas as pd
import pyarrow as pa
from pydantic import Field, field_validator

from pipeline.configbase import StageConfig
from pipeline.offsets import clean_to_raw_span
from pipeline.schemas import ENTITIES

IMPLEMENTED = True
VERSION = "2"

Layer = Literal["model", "rules"]
Backend = Literal["spacy", "hanlp", "ensemble"]
Label = Literal["PER", "TITLE", "ORG", "LOC", "DATE", "MONEY", "PERCENT", "QUANTITY"]
Strategy = Literal["vote", "union", "priority"]
Source = Literal["rules", "spacy", "hanlp"]

# Chosen on the leave-one-document-out comparison (python -m pipeline.evaluation.backends_eval,
# models/hanlp_ner/MODEL_CARD.md): a majority vote of rules, spaCy and HanLP was best for every
# label but MONEY, where the rules' spans (priority) were best; union and priority let each model's
# false positives through.
DEFAULT_ENSEMBLE: dict[str, str] = {
    "PER": "vote",
    "TITLE": "vote",
    "ORG": "vote",
    "LOC": "vote",
    "DATE": "vote",
    "MONEY": "priority",
    "PERCENT": "vote",
    "QUANTITY": "vote",
}
SOURCE_COLUMN = {"rules": "rule", "spacy": "spacy", "hanlp": "hanlp"}


class NerConfig(StageConfig):
    model: str = Field("models/ner", description="Folder of the trained spaCy NER pipeline (relative paths: from the repo root).")
    layers: list[Layer] = Field(["model", "rules"], description="Which layers run: the trained model, the rules, or both (rules fill gaps).")
    batch_size: int = Field(32, ge=1, description="Articles per spaCy nlp.pipe batch.")
    allow_external_model: bool = Field(False, description="Allow ner.model / ner.hanlp_model to point outside the repository's models/ folder (a HanLP pretrained identifier counts as outside).")
    backend: Backend = Field("spacy", description="spacy (models/ner), hanlp (ner.hanlp_model) or ensemble (spaCy + HanLP + rules, per-label strategies in ner.ensemble).")
    hanlp_model: str = Field("models/hanlp_ner", description="Folder of the trained HanLP model, or a HanLP pretrained identifier (e.g. MSRA_NER_ELECTRA_SMALL_ZH; needs allow_external_model and network).")
    ensemble: dict[Label, Strategy] = Field(
        default_factory=lambda: dict(DEFAULT_ENSEMBLE),
        description="Per-label strategy of the ensemble backend: vote (majority of layers), union (every layer) or priority (first layer in ensemble_priority, the next ones fill gaps). Labels not given keep their default.",
    )
    ensemble_priority: list[Source] = Field(["rules", "spacy", "hanlp"], description="Order of trust of the ensemble's layers (priority strategy and overlap resolution).")

    @field_validator("layers")
    @classmethod
    def _layers(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one layer (model, rules) is needed")
        if len(set(value)) != len(value):
            raise ValueError("each layer may appear once")
        return value

    @field_validator("ensemble")
    @classmethod
    def _ensemble(cls, value: dict[str, str]) -> dict[str, str]:
        return {**DEFAULT_ENSEMBLE, **value}

    @field_validator("ensemble_priority")
    @classmethod
    def _priority(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each layer may appear once")
        return value + [s for s in ("rules", "spacy", "hanlp") if s not in value]


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


def _hanlp_model(config: NerConfig) -> str:
    from pipeline.ner import hanlp_backend

    return hanlp_backend.resolve(config.hanlp_model, config.allow_external_model)


def model_ids(config: NerConfig) -> dict[str, str]:
    """{"ner": id of what produces the entities, plus "ner.<layer>" ids for hanlp/ensemble}; checks the model folders."""
    from pipeline.ner import hanlp_backend
    from pipeline.ner import spacy_backend as backend

    use_model = "model" in config.layers
    ids: dict[str, str] = {}
    if config.backend in ("spacy", "ensemble") and use_model:
        ids["ner.spacy"] = backend.model_id(backend.resolve_model_dir(config.model, config.allow_external_model))
    if config.backend in ("hanlp", "ensemble") and use_model:
        ids["ner.hanlp"] = hanlp_backend.model_id(_hanlp_model(config))
    if "rules" in config.layers:
        ids["ner.rules"] = backend.rules_id()
    if config.backend == "spacy":
        return {"ner": ids.get("ner.spacy", ids.get("ner.rules"))}
    if config.backend == "hanlp":
        return {"ner": ids.get("ner.hanlp") or ids["ner.rules"], **ids}
    strategy = json.dumps([config.ensemble, config.ensemble_priority, sorted(ids.values())], sort_keys=True)
    return {"ner": f"ensemble+{hashlib.sha256(strategy.encode()).hexdigest()[:12]}", **ids}


# One found entity: start, end, label, source (spacy/hanlp/rule, or several joined by +), model id, score.
Found = tuple[int, int, str, str, str, float | None]


def _spacy_found(texts: list[str], config: NerConfig) -> list[list[Found]]:
    from pipeline.ner.component import RULE_SPANS_KEY

    nlp, model_id, disable = _pipeline(config)
    found = []
    for doc in nlp.pipe(texts, batch_size=config.batch_size, disable=disable):
        rule_spans = {(s.start, s.end, s.label_) for s in doc.spans.get(RULE_SPANS_KEY, [])}
        rows = []
        for ent in doc.ents:
            is_rule = (ent.start, ent.end, ent.label_) in rule_spans
            rows.append((ent.start_char, ent.end_char, ent.label_, "rule" if is_rule else "spacy", model_id, 1.0 if is_rule else None))
        found.append(rows)
    return found


def _layer_spans(texts: list[str], config: NerConfig, sources: list[str]) -> dict[str, list[list[tuple[int, int, str]]]]:
    """Spans of each requested layer alone: spacy (network without the final rules layer), hanlp, rules."""
    from pipeline.ner import hanlp_backend
    from pipeline.ner import spacy_backend as backend
    from pipeline.ner.component import FACTORY
    from pipeline.ner.rules import default_rules

    spans: dict[str, list[list[tuple[int, int, str]]]] = {}
    if "spacy" in sources:
        nlp = backend.load_pipeline(str(backend.resolve_model_dir(config.model, config.allow_external_model)))
        disable = [name for name in nlp.pipe_names if name == FACTORY]
        spans["spacy"] = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=config.batch_size, disable=disable)]
    if "hanlp" in sources:
        spans["hanlp"] = hanlp_backend.predict(hanlp_backend.load(_hanlp_model(config)), texts, config.batch_size)
    if "rules" in sources:
        rules = default_rules()
        spans["rules"] = [[(m.start, m.end, m.label) for m in rules.find(t)] for t in texts]
    return spans


def _combined_found(texts: list[str], config: NerConfig) -> list[list[Found]]:
    """hanlp backend (HanLP, rules first) or ensemble backend (per-label strategies)."""
    from pipeline.ner.ensemble import combine

    models = ["hanlp"] if config.backend == "hanlp" else ["spacy", "hanlp"]
    sources = (models if "model" in config.layers else []) + (["rules"] if "rules" in config.layers else [])
    ids = model_ids(config)
    spans = _layer_spans(texts, config, sources)
    if config.backend == "hanlp":
        strategies, priority = {}, ["rules", "hanlp"]
    else:
        strategies, priority = dict(config.ensemble), list(config.ensemble_priority)
    found = []
    for i in range(len(texts)):
        combined = combine({source: spans[source][i] for source in sources}, strategies, priority)
        rows = []
        for c in combined:
            source = "+".join(SOURCE_COLUMN[s] for s in c.sources)
            # HanLP's tagger gives no confidence; the ensemble's score is the share of layers that agree.
            score = (1.0 if c.sources[0] == "rules" else None) if config.backend == "hanlp" else c.score
            rows.append((c.start, c.end, c.label, source, ids.get(f"ner.{c.sources[0]}", ids["ner"]), score))
        found.append(rows)
    return found


def ner(articles: pd.DataFrame, pages: pd.DataFrame, config: NerConfig) -> pd.DataFrame:
    """Find entities in each article's text; offsets index articles.text, the clean page and the raw page."""
    if articles.empty:
        return ENTITIES.empty_table().to_pandas()
    offsets_by_doc = dict(zip(pages["doc_id"], pages["offsets"])) if not pages.empty else {}
    texts = [t if isinstance(t, str) else "" for t in articles["text"]]
    found = _spacy_found(texts, config) if config.backend == "spacy" else _combined_found(texts, config)
    rows = []
    for art, text, entities in zip(articles.itertuples(index=False), texts, found):
        offsets = offsets_by_doc.get(art.doc_id)
        base = None if pd.isna(art.start) else int(art.start)
        for start, end, label, source, model_id, score in entities:
            page_start = page_end = raw_start = raw_end = None
            if base is not None:
                page_start, page_end = base + start, base + end
                if offsets is not None and page_end <= len(offsets):
                    raw_start, raw_end = clean_to_raw_span(offsets, page_start, page_end)
            rows.append(
                {
                    "entity_id": f"{art.article_id}:{start}:{end}:{label}",
                    "article_id": art.article_id,
                    "doc_id": art.doc_id,
                    "label": label,
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "page_start": page_start,
                    "page_end": page_end,
                    "raw_start": raw_start,
                    "raw_end": raw_end,
                    "source": source,
                    "model_id": model_id,
                    "score": score,
                }
            )
    return pa.Table.from_pylist(rows, schema=ENTITIES).to_pandas()
