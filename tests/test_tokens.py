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
    return pd.DataFrame({"article_id": ["d1:0"], "doc_id": ["d1"], "text": [text], "start": [5], "end": [5 + len(text)]})


def test_pkuseg_model_loads_by_path_and_segments_domain_words():
    nlp = load_segmenter(str(MODEL_DIR), str(MODEL_DIR / "user_dict.txt"))
    words = [t.text for t in nlp("区委常委、统战部部长钱晓岚出席会议。")]
    assert "统战部" in words and "部长" in words and "区委" in words
    assert "".join(words) == "区委常委、统战部部长钱晓岚出席会议。"


def test_tokens_stage_offsets_index_the_article_text():
    config = TokensConfig(enabled=True)
    table = tokens(articles(), config)
    assert len(table) > 10
    for row in table.itertuples():
        assert TEXT[row.start : row.end] == row.word
        assert row.page_start == row.start + 5
        assert row.word.strip() == row.word
    assert list(table["index"]) == list(range(len(table)))
    assert table.loc[table["word"] == "，", "is_punct"].all()
    assert model_ids(config)["tokens"].startswith("pkuseg_pkuseg+")


def test_tokens_stage_disabled_writes_an_empty_table():
    table = tokens(articles(), TokensConfig())
    assert table.empty and list(table.columns) == TOKENS.names
    assert model_ids(TokensConfig()) == {}


def test_tokens_model_outside_models_needs_permission(tmp_path):
    with pytest.raises(ModelError, match="allow_external_model"):
        tokens(articles(), TokensConfig(enabled=True, model=str(tmp_path)))


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
    table = tokens(articles("围绕“乡村振兴”开展调研，增长12.5%。"), TokensConfig(enabled=True))
    assert {"“", "”", "12.5%"} <= set(table["word"])
    assert table.loc[table["word"].isin(["“", "”", "，", "。"]), "is_punct"].all()
