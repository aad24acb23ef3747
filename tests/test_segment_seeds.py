"""Segmentation of the real seeds: one test per layout, nothing lost, and the measured score."""

import datetime as dt

import pandas as pd
import pytest

from pipeline.evaluation.segment_eval import evaluate_segmentation, format_table
from pipeline.schemas import DOCUMENTS
from pipeline.stages.clean import CleanConfig, clean_text
from pipeline.stages.segment import SegmentConfig, segment


def _page(seed_texts: dict[str, str], prefix: str) -> tuple[str, pd.DataFrame]:
    stem = next(s for s in seed_texts if s.startswith(prefix))
    page = clean_text(seed_texts[stem], CleanConfig())
    frame = pd.DataFrame([{"doc_id": stem, "text": page.text, "offsets": page.offsets, "markers": page.markers,
                           "n_raw_chars": len(seed_texts[stem]), "n_clean_chars": len(page.text)}])
    return page.text, frame


@pytest.fixture(scope="module")
def articles(seed_texts):
    def get(prefix: str, **config) -> tuple[str, pd.DataFrame]:
        text, pages = _page(seed_texts, prefix)
        return text, segment(pages, DOCUMENTS.empty_table().to_pandas(), SegmentConfig(**config))
    return get


def test_000_markdown_headings_and_interleaved_columns(articles):
    _, frame = articles("000")
    assert len(frame) == 8
    assert frame["title"].notna().all()
    assert frame.loc[1, "kicker"] is not None and frame.loc[1, "title"] != frame.loc[1, "kicker"]
    assert frame.loc[3, "continued_from"] == "1"
    interleaved = frame[frame["flags"].map(lambda f: "interleaved_columns" in f)]
    # the cinema and the environment pieces, whose columns the PDF converter read across
    assert sorted(interleaved["seq"]) == [5, 6]
    assert "观影" in interleaved.iloc[0]["title"] and "企业" in interleaved.iloc[1]["title"]
    assert {"name": "秦诗雨", "role": "实习生"} in frame.loc[1, "authors"]
    assert frame.loc[0, "date_text"] == "7月20日" and pd.isna(frame.loc[0, "date"])  # no year anywhere on the page


def test_000_dateline_resolved_with_configured_page_date(articles):
    _, frame = articles("000", page_date=dt.date(2023, 7, 24))
    assert frame.loc[0, "date"] == dt.date(2023, 7, 20)


def test_001_bare_headlines_photo_news_and_fragments(articles):
    _, frame = articles("001")
    assert len(frame) == 9
    photo = frame[frame["kind"] == "photo"]
    assert len(photo) == 1 and photo.iloc[0]["authors"][0]["role"] == "摄"
    fragments = frame[frame["continued_from"].notna()]
    assert len(fragments) == 2 and (fragments["continued_from"] == "1").all() and fragments["title"].isna().all()
    assert "见习记者" in {a["role"] for authors in frame["authors"] for a in authors}


def test_002_headlines_after_body_and_hard_wraps(articles):
    _, frame = articles("002")
    assert frame["flags"].map(lambda f: "title_after_body" in f).all()
    assert frame["continued_from"].eq("1").sum() >= 6
    # The title comes from the line printed after the story, and the story opens the article.
    first = frame.iloc[0]
    assert first["title"] is not None and first["body_page_start"] == first["page_start"]
    assert {"name": "廖松", "role": "记者"} in [a for authors in frame["authors"] for a in authors]


def test_003_one_feature_without_site_chrome(articles):
    text, frame = articles("003")
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["kind"] == "feature" and row["title"] and row["subtitle"]
    assert "放大" not in row["text"] and "录入" not in row["text"]
    assert [a["role"] for a in row["authors"]] == ["文", "文", "供图"]
    assert row["body_page_end"] < row["page_end"]  # the closing author line is not body


def test_004_end_byline_and_mid_sentence_captions(articles):
    _, frame = articles("004")
    assert len(frame) == 4
    last = frame.iloc[-1]
    assert [a["role"] for a in last["authors"]] == ["通讯员", "特约记者"]
    assert last["byline"] and last["body_page_end"] <= last["page_end"]
    assert pd.isna(frame.iloc[2]["title"]) and frame.iloc[2]["authors"]  # a lead without a headline


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_nothing_lost_and_spans_consistent(articles, prefix):
    text, frame = articles(prefix)
    inside = [False] * len(text)
    previous_end = 0
    for row in frame.itertuples():
        assert previous_end <= row.page_start < row.page_end <= len(text)
        assert row.text == text[row.page_start : row.page_end]
        assert row.raw_start <= row.raw_end
        previous_end = row.page_end
        for i in range(row.page_start, row.page_end):
            inside[i] = True
    assert all(inside[i] or text[i].isspace() for i in range(len(text)))


def test_measured_scores(seeds_dir):
    result = evaluate_segmentation(seeds_dir)
    print(format_table(result))
    assert result["held_out"]["f1"] >= 0.9 and result["held_out"]["title_match"] >= 0.9
    assert result["tuning"]["f1"] >= 0.9


def test_no_interleaving_flag_on_single_column_pages(articles):
    for stem in ("001", "002", "003", "004"):
        _, frame = articles(stem)
        assert not frame["flags"].map(lambda f: "interleaved_columns" in f).any(), stem
