"""Segmentation end to end on the real seeds: nothing lost on any page, and the measured score above
a floor. What each kind of page looks like (headings, bylines, photo news, fragments, headlines
after the body, interleaved columns) is tested on invented text in test_segment_units.py; nothing
here names a seed's articles, counts or contents."""

import pandas as pd
import pytest

from pipeline.evaluation.segment_eval import evaluate_segmentation, format_table
from pipeline.schemas import DOCUMENTS
from pipeline.stages.clean import CleanConfig, clean_text
from pipeline.stages.segment import SegmentConfig, segment

# Floors under the figures `make eval` prints and README.md's Segmentation table records (boundary
# F1 and title match 1.00 on the held-out seeds 003–004, F1 0.98 on the tuning seeds 000–002): a
# drop below them is a regression to look at, not noise.
HELD_OUT_FLOOR = 0.9
TUNING_FLOOR = 0.9


@pytest.fixture(scope="module")
def segmented(seed_texts) -> dict[str, tuple[str, pd.DataFrame]]:
    """Clean page text and article rows of every seed, by stem."""
    out = {}
    for stem, raw in seed_texts.items():
        page = clean_text(raw, CleanConfig())
        pages = pd.DataFrame([{"doc_id": stem, "text": page.text, "offsets": page.offsets, "markers": page.markers,
                               "n_raw_chars": len(raw), "n_clean_chars": len(page.text)}])
        out[stem] = page.text, segment(pages, DOCUMENTS.empty_table().to_pandas(), SegmentConfig())
    return out


def test_nothing_lost_and_spans_consistent(segmented):
    for stem, (text, frame) in segmented.items():
        assert len(frame) >= 1, stem
        inside = [False] * len(text)
        previous_end = 0
        for row in frame.itertuples():
            assert previous_end <= row.page_start < row.page_end <= len(text), stem
            assert row.page_start <= row.body_page_start <= row.body_page_end <= row.page_end, stem
            assert row.text == text[row.page_start : row.page_end], stem
            assert row.raw_start <= row.raw_end, stem
            previous_end = row.page_end
            for i in range(row.page_start, row.page_end):
                inside[i] = True
        assert all(inside[i] or text[i].isspace() for i in range(len(text))), stem


def test_measured_scores_stay_above_their_floors(seeds_dir):
    result = evaluate_segmentation(seeds_dir)
    print(format_table(result))
    assert result["held_out"]["f1"] >= HELD_OUT_FLOOR and result["held_out"]["title_match"] >= HELD_OUT_FLOOR
    assert result["tuning"]["f1"] >= TUNING_FLOOR
