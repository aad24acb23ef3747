"""The ner stage and the shipped models (models/crf_ner, the default; models/ner, spaCy): loading
rules, offsets, ids, nested entities, no network."""

import socket
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import ModelError
from pipeline.ner import spacy_backend
from pipeline.schemas import ENTITIES
from pipeline.stages.ner import NerConfig, model_ids, ner

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "models" / "ner"

# Invented text: made-up people, standard post titles, figures.
SENTENCE = "区委常委、统战部部长钱晓岚出席会议。区政协副主席邵一鸣、牟佳等参加。"
PAGE_PREFIX = "报头\n"


def tables(text: str = SENTENCE) -> tuple[pd.DataFrame, pd.DataFrame]:
    page = PAGE_PREFIX + text
    # Raw page = clean page with two extra characters at the start, so raw = clean + 2.
    pages = pd.DataFrame({"doc_id": ["d1"], "text": [page], "offsets": [[i + 2 for i in range(len(page))]]})
    articles = pd.DataFrame(
        {"article_id": ["d1:0"], "doc_id": ["d1"], "text": [text], "page_start": [len(PAGE_PREFIX)], "page_end": [len(page)]}
    )
    return articles, pages


def surfaces(entities: pd.DataFrame, label: str) -> set[str]:
    return set(entities.loc[entities["label"] == label, "text"])


def test_shipped_model_loads_with_spacy_load_alone():
    import spacy

    import pipeline.ner.component  # noqa: F401  (registers difang_rules: documented in MODEL_CARD.md)

    nlp = spacy.load(MODEL_DIR)
    assert nlp.pipe_names == ["difang_rule_features", "tok2vec", "ner", "difang_rules"]
    assert nlp.tokenizer.segmenter == "char" or str(nlp.tokenizer.segmenter) .endswith("char")
    assert (MODEL_DIR / "MODEL_CARD.md").is_file()


def test_crf_model_finds_people():
    entities = ner(*tables(), NerConfig(layers=["model"], nested=False))
    assert {"钱晓岚", "邵一鸣", "牟佳"} <= surfaces(entities, "PER")
    assert set(entities["source"]) == {"crf"}


def test_default_backend_gives_titles_with_their_organisation_nested():
    entities = ner(*tables(), NerConfig())
    assert {"区委常委", "统战部部长", "区政协副主席"} <= surfaces(entities, "TITLE")
    inner = entities[entities["nested_in"].notna()]
    assert {"区委", "统战部", "区政协"} <= set(inner.loc[inner["label"] == "ORG", "text"])
    holders = set(entities["entity_id"])
    assert set(inner["nested_in"]) <= holders
    assert set(inner["source"]) == {"nested"}


def test_spacy_model_finds_people_and_the_rules_add_titles():
    # The spaCy network learns PER/LOC/ORG only (like the CRF); posts come from the rules layer.
    alone = ner(*tables(), NerConfig(backend="spacy", layers=["model"], nested=False))
    assert {"钱晓岚", "邵一鸣"} <= surfaces(alone, "PER")
    assert set(alone["source"]) == {"spacy"} and set(alone["label"]) <= {"PER", "LOC", "ORG"}
    both = ner(*tables(), NerConfig(backend="spacy", nested=False))
    assert {"区委常委", "统战部部长"} <= surfaces(both, "TITLE")
    assert {"钱晓岚", "邵一鸣"} <= surfaces(both, "PER")


def test_stage_offsets_ids_and_provenance():
    articles, pages = tables(SENTENCE + "共投入资金约3.5亿元，建成12个站点。")
    entities = ner(articles, pages, NerConfig())
    assert list(entities.columns) == ENTITIES.names
    text = articles.loc[0, "text"]
    page = pages.loc[0, "text"]
    for row in entities.itertuples():
        assert text[row.start : row.end] == row.text
        assert page[row.page_start : row.page_end] == row.text
        assert (row.raw_start, row.raw_end) == (row.page_start + 2, row.page_end + 2)
        assert row.entity_id == f"d1:0:{row.start}:{row.end}:{row.label}"
        assert row.model_id in model_ids(NerConfig()).values()
    rule_rows = entities[entities["source"] == "rule"]
    assert (rule_rows["score"] == 1.0).all()
    assert ("约3.5亿元", "MONEY") in set(zip(entities["text"], entities["label"]))
    assert ("12个", "QUANTITY") in set(zip(entities["text"], entities["label"]))


def test_rules_layer_alone_needs_no_model():
    config = NerConfig(layers=["rules"], model="models/does-not-exist")
    entities = ner(*tables("今年3月，共投入资金约3.5亿元。"), config)
    assert set(entities["source"]) == {"rule"}
    assert {"约3.5亿元", "今年3月"} <= set(entities["text"])
    assert model_ids(config)["ner"].startswith("difang_rules+")


def test_empty_articles_give_an_empty_table():
    articles, pages = tables()
    out = ner(articles.iloc[0:0], pages, NerConfig())
    assert list(out.columns) == ENTITIES.names and out.empty


# The model-folder key of each backend that loads one from models/.
MODEL_KEYS = [{"backend": "crf", "key": "crf_model"}, {"backend": "spacy", "key": "model"}]


@pytest.mark.parametrize("case", MODEL_KEYS, ids=lambda c: c["backend"])
def test_model_outside_models_folder_needs_permission(tmp_path, case):
    with pytest.raises(ModelError, match="allow_external_model"):
        ner(*tables(), NerConfig(backend=case["backend"], **{case["key"]: str(tmp_path)}))
    with pytest.raises(ModelError, match="make train"):
        ner(*tables(), NerConfig(backend=case["backend"], allow_external_model=True, **{case["key"]: str(tmp_path)}))


@pytest.mark.parametrize("case", MODEL_KEYS, ids=lambda c: c["backend"])
def test_missing_model_folder_says_make_train(case):
    with pytest.raises(ModelError, match="make train"):
        model_ids(NerConfig(backend=case["backend"], **{case["key"]: "models/not-trained"}))


@pytest.mark.parametrize("case", MODEL_KEYS, ids=lambda c: c["backend"])
def test_package_name_fails_fast_without_download(case):
    started = time.monotonic()
    config = NerConfig(backend=case["backend"], **{case["key"]: "zh_core_web_sm"})
    with pytest.raises(ModelError, match="never downloads"):
        ner(*tables(), config)
    with pytest.raises(ModelError):
        model_ids(config)
    assert time.monotonic() - started < 5


def test_config_is_strict():
    with pytest.raises(ValueError):
        NerConfig(layers=["model", "hanlp"])
    with pytest.raises(ValueError):
        NerConfig(layers=[])
    with pytest.raises(ValueError):
        NerConfig(modle="models/ner")


def test_no_network_access(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    spacy_backend.load_pipeline.cache_clear()
    entities = ner(*tables(), NerConfig())
    assert not entities.empty
