"""ner stage: articles (+ pages for the raw offset map) → entities.

Backends (config `ner.backend`): `crf` (default) — the character CRF in models/crf_ner trained
on People's Daily 1998 and the real-news train split, with the rules' labels as features
(pipeline/ner/crf_backend.py); `spacy` — the trained spaCy pipeline in models/ner (char tok2vec +
ner); `hanlp` — HanLP's character BiLSTM-CRF in models/hanlp_ner (or a HanLP pretrained identifier,
see pipeline/ner/hanlp_backend.py); `ensemble` — spaCy, HanLP and the rules combined with a
strategy per label (pipeline/ner/ensemble.py). Layers (config `ner.layers`): `model` — the backend's
model(s); `rules` — gazetteer and number patterns (pipeline/ner/rules.py) that fill what the model
left empty and take over MONEY/PERCENT/QUANTITY/DATE spans. Either layer can run alone. Models are
only ever loaded from local folders under models/ unless `ner.allow_external_model`; nothing is
downloaded unless a HanLP pretrained identifier is configured on purpose.

Nested entities (config `ner.nested`, pipeline/ner/nested.py): the organisation part of every
TITLE (县委 in 县委书记) and the suffixed places inside every ORG and TITLE (某某区 in 中共某某区委)
are extra rows whose `nested_in` names the entity holding them.
"""

from __future__ import annotations

import hashlib
import json
from typing import get_args

import pandas as pd
import pyarrow as pa

from pipeline.config import Label, NerConfig
from pipeline.errors import require_extra
from pipeline.ids import span_id
from pipeline.offsets import article_span, first_disjoint
from pipeline.schemas import ENTITIES

LABELS: tuple[str, ...] = get_args(Label)
# Labels the rules layer owns when it runs beside the CRF (the CRF is trained on PER, LOC, ORG only).
RULE_OWNED = frozenset({"TITLE", "DATE", "MONEY", "PERCENT", "QUANTITY"})
SOURCE_COLUMN = {"rules": "rule", "spacy": "spacy", "hanlp": "hanlp", "crf": "crf"}


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
    """{"ner": id of what produces the entities, plus "ner.<layer>" ids (rules, nested, each model)};
    checks the model folders. Only the configured backend's libraries are imported."""
    from pipeline.ner.local_models import rules_id

    use_model = "model" in config.layers
    ids: dict[str, str] = {}
    if config.nested:
        ids["ner.nested"] = _nested_id()
    if config.backend == "crf":
        if use_model:
            ids["ner.crf"] = crf_backend_id(config)
        if "rules" in config.layers:
            ids["ner.rules"] = rules_id()
        return {"ner": ids.get("ner.crf", ids.get("ner.rules")), **ids}
    # The other backends run the rules as a spaCy component; HanLP needs torch as well.
    require_extra("spacy", "spacy", f"ner.backend={config.backend}")
    if config.backend in ("hanlp", "ensemble") and use_model:
        require_extra("hanlp", "hanlp", f"ner.backend={config.backend}")
    from pipeline.ner import hanlp_backend
    from pipeline.ner import spacy_backend as backend

    if config.backend in ("spacy", "ensemble") and use_model:
        ids["ner.spacy"] = backend.model_id(backend.resolve_model_dir(config.model, config.allow_external_model))
    if config.backend in ("hanlp", "ensemble") and use_model:
        ids["ner.hanlp"] = hanlp_backend.model_id(_hanlp_model(config))
    if "rules" in config.layers:
        ids["ner.rules"] = backend.rules_id()
    if config.backend == "spacy":
        return {"ner": ids.get("ner.spacy", ids.get("ner.rules")), **ids}
    if config.backend == "hanlp":
        return {"ner": ids.get("ner.hanlp") or ids["ner.rules"], **ids}
    strategy = json.dumps([config.ensemble, config.ensemble_priority, sorted(ids.values())], sort_keys=True)
    return {"ner": f"ensemble+{hashlib.sha256(strategy.encode()).hexdigest()[:12]}", **ids}


def _crf_dir(config: NerConfig) -> str:
    from pipeline.ner import crf_backend
    from pipeline.ner.local_models import resolve_model_dir

    return str(resolve_model_dir(config.crf_model, config.allow_external_model, key="ner.crf_model", required=(crf_backend.MODEL_FILE,), example="models/crf_ner"))


def crf_backend_id(config: NerConfig) -> str:
    from pipeline.ner import crf_backend

    return crf_backend.model_id(_crf_dir(config))


def _nested_id() -> str:
    """Hash of the code that reworks the model's spans (nested entities, names) and its word lists."""
    from pipeline.ner import names, nested
    from pipeline.ner.rules import GAZETTEER_DIR

    digest = hashlib.sha256(open(nested.__file__, "rb").read() + open(names.__file__, "rb").read())
    for name in (*nested.DATA_FILES, "not_name_endings.txt", "translit_chars.txt", "name_credit_suffixes.txt", "surnames_rare.txt", "facility_heads.txt"):
        digest.update((GAZETTEER_DIR / name).read_bytes())
    return f"nested+{digest.hexdigest()[:12]}"


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


def _crf_found(texts: list[str], config: NerConfig) -> list[list[Found]]:
    """crf backend: the rules run once per text; their labels feed the CRF and they own TITLE,
    dates and numbers; CRF spans (PER/LOC/ORG) win over the rules' PER/LOC/ORG, which fill gaps;
    a name read cleanly once is read the same way everywhere in the article, an item of a list of
    names shaped like a name is one, a name written only as part of a facility is none
    (pipeline/ner/names.py)."""
    from pipeline.ner import crf_backend
    from pipeline.ner.names import (
        apply_known_names, complete_name_lists, drop_facility_names, drop_place_like_names, drop_single_characters, extend_transliterated_names, jionlp_surnames, split_run_on_names, trim_credit_suffix,
    )
    from pipeline.ner.nested import with_division_suffix
    from pipeline.ner.rules import GAZETTEER_DIR, default_rules, read_list
    from pipeline.wordlists import longest_first

    use_model, use_rules = "model" in config.layers, "rules" in config.layers
    tagger = crf_backend.load(_crf_dir(config)) if use_model else None
    ids = model_ids(config)
    rules = default_rules()
    surnames = frozenset(rules.gazetteers["surnames"])
    not_name_endings = frozenset(read_list(GAZETTEER_DIR / "not_name_endings.txt"))
    # In a list of people any surname will do: the rare ones (data/gazetteers/surnames_rare.txt) and jionlp's.
    list_surnames = surnames | frozenset(read_list(GAZETTEER_DIR / "surnames_rare.txt")) | jionlp_surnames()
    translit = frozenset(read_list(GAZETTEER_DIR / "translit_chars.txt"))
    credit_suffixes = longest_first(read_list(GAZETTEER_DIR / "name_credit_suffixes.txt"))
    facility_heads = tuple(read_list(GAZETTEER_DIR / "facility_heads.txt"))
    found = []
    for text in texts:
        matches = rules.find(text)
        scored = tagger.scored_spans(text, matches) if tagger else []
        model_spans = [span[:3] for span in scored]
        fill = set(config.rule_fill) | RULE_OWNED if tagger else set(LABELS)
        rule_spans = [(m.start, m.end, m.label) for m in matches if m.label in fill] if use_rules else []
        rule_spans = [_with_prefix(span, model_spans, text) if span[2] == "TITLE" else span for span in rule_spans]
        rows = [(s, e, label, "crf", ids["ner.crf"], round(score, 4)) for s, e, label, score in scored]
        rows += [(s, e, label, "rule", ids["ner.rules"], 1.0) for s, e, label in rule_spans]
        merged = drop_place_like_names(text, split_run_on_names(text, _agreed(_merge(rows), rows), surnames), not_name_endings)
        merged = drop_single_characters(trim_credit_suffix(text, merged, credit_suffixes))
        merged = drop_facility_names(text, merged, facility_heads)
        merged = with_division_suffix(text, extend_transliterated_names(text, merged, translit))
        merged = apply_known_names(text, merged)
        if use_rules:  # a list completed is a rule's finding
            merged = complete_name_lists(text, merged, list_surnames, not_name_endings, ("rule", ids["ner.rules"], 1.0))
        found.append(_own_scores(merged, scored))
    return found


def _with_prefix(title: tuple[int, int, str], model_spans: list[tuple[int, int, str]], text: str) -> tuple[int, int, str]:
    """A TITLE widened to the model's ORG/LOC spans written right before it or overlapping its
    start: the post is the whole title string with its place and organisation (某某县 + 政协主席,
    某某集团有限公司 + 总经理), repeatedly leftwards."""
    start, end, label = title
    moved = True
    while moved:
        moved = False
        for s, e, lab in model_spans:
            if lab in ("ORG", "LOC") and s < start and start <= e < end and not text[e:start].strip(" "):
                start, moved = s, True
    return start, end, label


def _merge(rows: list[Found]) -> list[Found]:
    """Non-overlapping entities: rule-owned labels first (TITLE, dates, numbers), then the model's
    spans, then the rules' PER/LOC/ORG where nothing else was found; each group longest first.
    A rule name that strictly contains the model's name of the same label replaces it (the model
    cut 魏晨陵 to 魏晨; the rules saw the whole name next to its title or verb)."""
    model_names = [m for m in rows if m[3] != "rule" and m[2] == "PER"]
    rule_names = [r for r in rows if r[3] == "rule" and r[2] == "PER"]
    widened = {
        id(m): r for m in model_names for r in rule_names if r[0] <= m[0] and m[1] <= r[1] and r[1] - r[0] > m[1] - m[0]
    }
    rows = [widened.get(id(row), row) for row in rows]
    widening = set(widened.values())

    def rank(row: Found) -> tuple:
        start, end, label, source = row[:4]
        owned = source == "rule" and (label in RULE_OWNED or row in widening)
        group = 0 if owned and label in RULE_OWNED else 1 if source != "rule" or owned else 2
        return group, -(end - start), start

    return sorted(first_disjoint(sorted(rows, key=rank), lambda r: (r[0], r[1])), key=lambda r: (r[0], r[1]))


def _agreed(taken: list[Found], rows: list[Found]) -> list[Found]:
    """Kept spans that both the rules and the CRF found exactly say so: source rule+crf, with the
    CRF's marginal as score (the rules' 1.0 says nothing)."""
    crf = {(r[0], r[1], r[2]): r for r in rows if r[3] == "crf"}
    rule = {(r[0], r[1], r[2]) for r in rows if r[3] == "rule"}
    out = []
    for row in taken:
        key = (row[0], row[1], row[2])
        if key in crf and key in rule:
            row = (*key, "rule+crf", row[4], crf[key][5])
        out.append(row)
    return out


def _own_scores(rows: list[Found], scored: list[tuple[int, int, str, float]]) -> list[Found]:
    """A CRF span reworked after tagging (a run-on name split, a name re-read as elsewhere in the
    article) keeps no score: the marginal was the CRF's for another span."""
    tagged = {span[:3] for span in scored}
    return [row if "crf" not in row[3] or row[:3] in tagged else (*row[:5], None) for row in rows]


def _with_late_figures(text: str, entities: list[Found], rule_id: str) -> list[Found]:
    """The entities and the figures of the rules layer found after the model in the gaps they
    leave (pipeline/ner/late_figures.py: units and counts the CRF's rule features do not hold yet)."""
    from pipeline.ner.late_figures import late_figures

    late = late_figures(text, [(row[0], row[1]) for row in entities])
    return sorted([*entities, *((s, e, label, "rule", rule_id, 1.0) for s, e, label in late)], key=lambda row: (row[0], row[1]))


def _nested_rows(text: str, entities: list[Found]) -> list[tuple[Found, int]]:
    """(entity, index of the entity holding it) of the ORG inside each TITLE and the places
    inside each ORG and TITLE (pipeline/ner/nested.py)."""
    from pipeline.ner import crf_backend, nested

    automaton = crf_backend.division_automaton()
    out: list[tuple[Found, int]] = []
    for k, (start, end, label, source, model_id, _) in enumerate(entities):
        if label not in ("TITLE", "ORG"):
            continue
        surface = text[start:end]
        inner = []
        if label == "TITLE" and (org := nested.title_org(surface)):
            inner.append((start + org[0], start + org[1], "ORG"))
        inner += [(start + s, start + e, "LOC") for s, e in nested.places_inside(surface, automaton)]
        out += [((s, e, lab, "nested", model_id, None), k) for s, e, lab in inner]
    return out


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
    if config.backend == "crf":
        found = _crf_found(texts, config)
    elif config.backend == "spacy":
        found = _spacy_found(texts, config)
    else:
        found = _combined_found(texts, config)
    if "rules" in config.layers:
        from pipeline.ner.local_models import rules_id

        rule_id = rules_id()
        found = [_with_late_figures(text, entities, rule_id) for text, entities in zip(texts, found)]
    rows = []
    for art, text, entities in zip(articles.itertuples(index=False), texts, found):
        offsets = offsets_by_doc.get(art.doc_id)
        nested = _nested_rows(text, entities) if config.nested else []
        holders = [None] * len(entities) + [span_id(art.article_id, *entities[k][:3]) for _, k in nested]
        for (start, end, label, source, model_id, score), nested_in in zip([*entities, *(row for row, _ in nested)], holders):
            page_start, page_end, raw_start, raw_end = article_span(offsets, art.page_start, start, end)
            rows.append(
                {
                    "entity_id": span_id(art.article_id, start, end, label),
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
                    "nested_in": nested_in,
                }
            )
    return pa.Table.from_pylist(rows, schema=ENTITIES).to_pandas()
