"""Offset maps between a clean text and the raw text it came from.

An offset map is a sequence `offsets` with `offsets[i]` = raw index of clean character i. It is
strictly increasing (cleaning only deletes or replaces characters), so raw positions are found
with bisect. Spans are Python slices: start inclusive, end exclusive.
"""

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def clean_to_raw_span(offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Raw span covering the clean span [start, end); an empty clean span maps to an empty raw span."""
    if not 0 <= start <= end <= len(offsets):
        raise ValueError(f"clean span ({start}, {end}) outside 0..{len(offsets)}")
    if start == end:
        position = raw_position(offsets, start)
        return position, position
    return int(offsets[start]), int(offsets[end - 1]) + 1


def raw_to_clean_span(offsets: Sequence[int], raw_start: int, raw_end: int) -> tuple[int, int] | None:
    """Clean span of the kept characters of the raw span [raw_start, raw_end); None if none was kept."""
    start = bisect_left(offsets, raw_start)
    end = bisect_left(offsets, raw_end)
    if start >= end:
        return None
    return start, end


def clean_position(offsets: Sequence[int], raw_position: int) -> int:
    """Where a raw position falls in the clean text: the index of the first kept char at or after it."""
    return bisect_left(offsets, raw_position)


def raw_position(offsets: Sequence[int], clean_position: int) -> int:
    """Raw index of a clean position; the end of the text maps just past the last kept raw char."""
    if clean_position < len(offsets):
        return int(offsets[clean_position])
    return int(offsets[-1]) + 1 if len(offsets) else 0


def compose(outer: Sequence[int], inner: Sequence[int]) -> list[int]:
    """Offsets of a text cleaned twice: `inner` indexes the intermediate text, `outer` maps it to raw."""
    return [int(outer[i]) for i in inner]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of `text` without the whitespace at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def first_disjoint(items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items, in the order given (the caller's priority), that overlap no item kept before
    them; `bounds(item)` is its (start, end) span, start >= 0. Overlap means sharing a position, so
    an empty span is always kept (the callers' entity spans are never empty). One occupancy array
    per call, not a test against every kept item (a long article holds hundreds of candidates)."""
    items = list(items)
    spans = [bounds(item) for item in items]
    used = bytearray(max((end for _, end in spans), default=0))
    kept = []
    for item, (start, end) in zip(items, spans):
        if used.find(1, start, end) == -1:
            used[start:end] = b"\x01" * (end - start)
            kept.append(item)
    return kept


def find_all(text: str, word: str) -> list[int]:
    """Start offset of every occurrence of `word` in `text`, overlapping ones too (aa in aaa: 0, 1);
    none for an empty word."""
    found, start = [], text.find(word) if word else -1
    while start != -1:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text`, newline excluded."""
    spans, start = [], 0
    for piece in text.split("\n"):
        spans.append((start, start + len(piece)))
        start += len(piece) + 1
    return spans


def article_span(page_offsets: Sequence[int] | None, article_page_start: int | None, start: int, end: int) -> tuple[int | None, int | None, int | None, int | None]:
    """(page_start, page_end, raw_start, raw_end) of the span [start, end) of an article's text that
    starts at `article_page_start` in its page; None for what cannot be known (no page offset map)."""
    if article_page_start is None or article_page_start != article_page_start:  # None or NaN
        return None, None, None, None
    page_start, page_end = int(article_page_start) + start, int(article_page_start) + end
    if page_offsets is None or page_end > len(page_offsets):
        return page_start, page_end, None, None
    return (page_start, page_end, *clean_to_raw_span(page_offsets, page_start, page_end))
