"""Offset-map helpers: clean spans ↔ raw spans."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.offsets import clean_position, clean_to_raw_span, compose, first_disjoint, raw_position, raw_to_clean_span

OFFSETS = [0, 1, 4, 5, 9]  # raw chars 2, 3, 6, 7, 8 were removed


def test_clean_to_raw_span_covers_the_kept_characters():
    assert clean_to_raw_span(OFFSETS, 1, 3) == (1, 5)
    assert clean_to_raw_span(OFFSETS, 0, 5) == (0, 10)


def test_empty_clean_span_maps_to_an_empty_raw_span():
    assert clean_to_raw_span(OFFSETS, 2, 2) == (4, 4)
    assert clean_to_raw_span(OFFSETS, 5, 5) == (10, 10)
    assert clean_to_raw_span([], 0, 0) == (0, 0)


def test_raw_to_clean_span_skips_removed_characters():
    assert raw_to_clean_span(OFFSETS, 2, 6) == (2, 4)
    assert raw_to_clean_span(OFFSETS, 6, 9) is None  # nothing of it was kept
    assert raw_to_clean_span(OFFSETS, 3, 3) is None


def test_positions_and_compose():
    assert clean_position(OFFSETS, 6) == 4
    assert raw_position(OFFSETS, 2) == 4
    assert compose([10, 11, 12, 20], [0, 3]) == [10, 20]


@st.composite
def offset_maps(draw):
    kept = draw(st.lists(st.booleans(), min_size=0, max_size=60))
    return [i for i, keep in enumerate(kept) if keep], len(kept)


@given(offset_maps(), st.data())
def test_spans_round_trip(offset_map, data):
    offsets, _ = offset_map
    start = data.draw(st.integers(0, len(offsets)))
    end = data.draw(st.integers(start, len(offsets)))
    raw_start, raw_end = clean_to_raw_span(offsets, start, end)
    assert raw_to_clean_span(offsets, raw_start, raw_end) == ((start, end) if end > start else None)


@given(offset_maps(), st.data())
def test_raw_span_maps_to_the_kept_chars_inside_it(offset_map, data):
    offsets, n_raw = offset_map
    raw_start = data.draw(st.integers(0, n_raw))
    raw_end = data.draw(st.integers(raw_start, n_raw))
    span = raw_to_clean_span(offsets, raw_start, raw_end)
    inside = [i for i, o in enumerate(offsets) if raw_start <= o < raw_end]
    assert span == ((inside[0], inside[-1] + 1) if inside else None)


def test_first_disjoint_keeps_items_in_priority_order():
    spans = [(2, 5, "long"), (0, 3, "overlaps the first"), (5, 7, "touches it"), (4, 4, "empty"), (0, 2, "before it")]
    assert first_disjoint(spans, lambda s: s[:2]) == [(2, 5, "long"), (5, 7, "touches it"), (4, 4, "empty"), (0, 2, "before it")]
    assert first_disjoint([], lambda s: s) == []


SPAN = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1]))  # non-empty: an empty span shares no position


@given(st.lists(SPAN, max_size=25))
def test_first_disjoint_is_the_pairwise_overlap_test_on_non_empty_spans(spans):
    kept = []
    for start, end in spans:
        if all(end <= s or start >= e for s, e in kept):
            kept.append((start, end))
    assert first_disjoint(spans, lambda s: s) == kept


@given(st.text(alphabet="ab甲", max_size=12), st.text(alphabet="ab甲", max_size=3))
def test_find_all_finds_every_occurrence_and_only_those(text, word):
    from pipeline.offsets import find_all

    expected = [k for k in range(len(text)) if word and text.startswith(word, k)]
    assert find_all(text, word) == expected
