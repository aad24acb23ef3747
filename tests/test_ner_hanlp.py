"""The HanLP backend: the shipped model (models/hanlp_ner), tiny training end to end, the stage
with backend hanlp / ensemble, and a pretrained identifier failing fast without network."""

import socket
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import ModelError
from pipeline.ner import hanlp_backend
from pipeline.stages.ner import NerConfig, model_ids, ner
from pipeline.training.corpus import Example
from pipeline.training.synthetic import synthetic_examples

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "models" / "hanlp_ner"
LABELS = {"PER", "TITLE", "ORG", "LOC", "DATE", "MONEY", "PERCENT", "QUANTITY"}
# Invented text: made-up people, standard post titles.
SENTENCE = "区委常委、统战部部长钱晓岚出席会议。区政协副主席邵一鸣、牟佳等参加。"
PAGE_PREFIX = "报头\n"


def tables(text: str = SENTENCE) -> tuple[pd.DataFrame, pd.DataFrame]:
    page = PAGE_PREFIX + text
    # Raw page = clean page with two extra characters at the start, so raw = clean + 2.
    pages = pd.DataFrame({"doc_id": ["d1"], "text": [page], "offsets": [[i + 2 for i in range(len(page))]]})
    articles = pd.DataFrame({"article_id": ["d1:0"], "doc_id": ["d1"], "text": [text], "page_start": [len(PAGE_PREFIX)], "page_end": [len(page)]})
    return articles, pages


def test_shipped_model_loads_and_predicts_an_invented_sentence():
    tagger = hanlp_backend.load(hanlp_backend.resolve("models/hanlp_ner"))
    text = "3月5日，区委常委、统战部部长钱晓岚出席会议。\n  区政协副主席邵一鸣主持。"
    [found] = hanlp_backend.predict(tagger, [text])
    assert found and all(label in LABELS and 0 <= s < e <= len(text) for s, e, label in found)
    assert all(text[s:e] == text[s:e].strip() for s, e, _ in found)
    assert (text.index("钱晓岚"), text.index("钱晓岚") + 3, "PER") in found
    assert "\u2423" not in "".join(text[s:e] for s, e, _ in found)


def test_shipped_model_is_small_and_has_no_optimizer_state():
    files = {p.name for p in MODEL_DIR.iterdir()}
    assert {"config.json", "vocabs.json", "model.pt", "difang.json", "MODEL_CARD.md"} == files
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) < 10_000_000
    assert hanlp_backend.model_id(str(MODEL_DIR)).startswith("hanlp_difang_hanlp_ner-")


def test_ner_stage_with_hanlp_and_ensemble_backends():
    articles, pages = tables()
    for backend in ("hanlp", "ensemble"):
        config = NerConfig(backend=backend)
        entities = ner(articles, pages, config)
        assert not entities.empty
        for row in entities.itertuples():
            assert SENTENCE[row.start : row.end] == row.text
            assert row.raw_start == row.start + len(PAGE_PREFIX) + 2
            assert set(row.source.split("+")) <= {"spacy", "hanlp", "rule", "nested"}  # nested: a place or org inside a title or org
        assert "钱晓岚" in set(entities.loc[entities["label"] == "PER", "text"])
        assert model_ids(config)["ner"]
    only_model = ner(articles, pages, NerConfig(backend="hanlp", layers=["model"]))
    assert set(only_model["source"]) == {"hanlp"}


def test_tiny_hanlp_training_end_to_end(tmp_path):
    from pipeline.training.hanlp_train import package, train_cached

    examples = synthetic_examples(40, 1) + [Example("x", "记者 王小川报道。", ((0, 2, "TITLE"), (3, 6, "PER")))]
    params = {"epochs": 2, "embed": 16, "rnn_hidden": 16, "batch_size": 8}
    result = train_cached(examples, examples[:5], tmp_path / "work", params, threads=1)
    assert (tmp_path / "work" / "train.tsv").read_text(encoding="utf-8").startswith(examples[0].text[0] + "\t")
    assert "␣\tO" in (tmp_path / "work" / "train.tsv").read_text(encoding="utf-8")  # the space of 记者 王小川
    again = train_cached(examples, examples[:5], tmp_path / "work", params, threads=1)
    assert again.seconds == round(result.seconds, 1)  # reused, not retrained
    out = package(result.model_dir, tmp_path / "models" / "hanlp_ner", {"config_hash": "test"})
    assert sorted(p.name for p in out.iterdir()) == ["config.json", "difang.json", "model.pt", "vocabs.json"]
    tagger = hanlp_backend.load(str(out))
    [found] = hanlp_backend.predict(tagger, ["区长张三出席会议。"])
    assert all(label in LABELS for _, _, label in found)
    assert hanlp_backend.model_id(str(out)).endswith("+test")


def test_ner_examples_keep_per_loc_org_in_chunks_of_at_most_max_chars():
    from pipeline.training.hanlp_train import ner_examples

    # Invented text: one long paragraph of made-up names, so it has to be cut.
    sentence = "区长张三到青石镇调研，青石镇人民政府负责人李四陪同。"
    text = sentence * 12
    entities = []
    for k in range(12):
        base = k * len(sentence)
        entities += [(base, base + 2, "TITLE"), (base + 2, base + 4, "PER"), (base + 5, base + 8, "LOC"), (base + 11, base + 18, "ORG"), (base + 21, base + 23, "PER")]
    pieces = ner_examples([Example("x", text, tuple(entities))], max_chars=60)
    assert "".join(p.text for p in pieces) == text
    assert all(len(p.text) <= 60 and p.text.endswith("。") for p in pieces)
    labels = [label for p in pieces for _, _, label in p.entities]
    assert set(labels) == {"PER", "LOC", "ORG"} and len(labels) == 12 * 4
    for p in pieces:
        for s, e, label in p.entities:
            assert p.text[s:e] in {"张三", "李四", "青石镇", "青石镇人民政府"}
    # No sentence end within max_chars: cut anywhere but inside an entity.
    [a, b] = ner_examples([Example("x", "甲" * 8 + "王小川" + "乙" * 5, ((8, 11, "PER"),))], max_chars=10)
    assert (a.text, a.entities, b.entities) == ("甲" * 8, (), ((0, 3, "PER"),))


def test_glue_name_lists_drops_some_list_commas_between_names():
    from pipeline.training.hanlp_train import glue_name_lists

    # Invented names.
    example = Example("x", "张小川、李一鸣、王五出席青石镇会议。", ((0, 3, "PER"), (4, 7, "PER"), (8, 10, "PER"), (12, 15, "LOC")))
    [glued] = glue_name_lists([example], rate=1.0)
    assert glued.text == "张小川李一鸣王五出席青石镇会议。"
    assert [glued.text[s:e] for s, e, _ in glued.entities] == ["张小川", "李一鸣", "王五", "青石镇"]
    assert glue_name_lists([example], rate=0.0) == [example]
    assert glue_name_lists([example] * 20, rate=0.5, seed=3) == glue_name_lists([example] * 20, rate=0.5, seed=3)


def test_tidy_names_recuts_run_together_names_and_drops_single_characters():
    # Invented credit line and names: the tagger cut 王启明王振 as 王启明王 + 振.
    text = "（记者王启明王振）王启明说，王振也在。"
    spans = [(3, 7, "PER"), (7, 8, "PER"), (9, 12, "PER"), (14, 16, "PER")]
    assert hanlp_backend.tidy_names(text, spans) == [(3, 6, "PER"), (6, 8, "PER"), (9, 12, "PER"), (14, 16, "PER")]
    assert hanlp_backend.tidy_names("钱晓岚和丁到场。", [(0, 3, "PER"), (4, 5, "PER")]) == [(0, 3, "PER")]
    # A name split by a stray space is one name; a space between two whole names separates them.
    from pipeline.ner.rules import squeeze

    text = "编辑:张三峰 李一鸣"
    _, index = squeeze(text)
    separators = {k for k in index if text[k].isspace()}
    assert hanlp_backend.tidy_names(text, [(3, 10, "PER")], separators) == [(3, 6, "PER"), (7, 10, "PER")]


def test_progress_stream_forwards_epoch_summaries_and_throttles_batch_lines():
    import io

    from pipeline.training.hanlp_train import _Progress

    out = io.StringIO()
    stream = _Progress(out, interval=3600)
    stream.write("\r1/10 loss: 1.0 ETA: 9 s")
    stream.write("\b\b\b   \r2/10 loss: 0.9 ETA: 8 s")
    assert out.getvalue() == ""
    stream.write("\x1b[31mSaved\x1b[0m lr: 0.0020 ET: 10 s\n")
    assert out.getvalue() == "hanlp:   Saved lr: 0.0020 ET: 10 s\n"


def test_local_folder_rules_match_the_spacy_backend(tmp_path):
    with pytest.raises(ModelError, match="outside the repository's models/"):
        hanlp_backend.resolve(str(tmp_path))
    with pytest.raises(ModelError, match="make train"):
        hanlp_backend.resolve("models/no_such_hanlp_model")


def test_pretrained_identifier_needs_permission():
    with pytest.raises(ModelError, match="allow_external_model"):
        hanlp_backend.resolve("MSRA_NER_ELECTRA_SMALL_ZH")


def test_pretrained_identifier_fails_fast_offline(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise OSError("network blocked by the test")

    monkeypatch.setenv("HANLP_HOME", str(tmp_path))  # nothing cached
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    hanlp_backend.load.cache_clear()
    articles, pages = tables()
    config = NerConfig(backend="hanlp", hanlp_model="MSRA_NER_ELECTRA_SMALL_ZH", allow_external_model=True)
    started = time.monotonic()
    with pytest.raises(ModelError) as error:
        ner(articles, pages, config)
    assert time.monotonic() - started < 10
    message = str(error.value)
    assert "MSRA_NER_ELECTRA_SMALL_ZH" in message and "models/hanlp_ner" in message and "ner.hanlp_model" in message


def test_pretrained_labels_are_mapped():
    class FakePretrained:
        def __call__(self, batch, batch_size=32):
            return [[("钱晓岚", "NR", 0, 3), ("渝北区", "NS", 5, 8), ("某某", "MISC", 9, 11)] for _ in batch]

    [found] = hanlp_backend.predict(FakePretrained(), ["钱晓岚到访渝北区的某某。"])
    assert found == [(0, 3, "PER"), (5, 8, "LOC")]
