"""Which lines of a headline run are the kicker (引题), the title and the subtitle (副题)."""

import re
from dataclasses import dataclass

from pipeline.segmentation.blocks import Block

_SUBTITLE_DASH = re.compile(r"^\s*[—－-]{1,2}\s*")
_INLINE_SUBTITLE = re.compile(r"\s*——\s*")
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Headline:
    kicker: str | None
    title: str | None
    subtitle: str | None


def _text(blocks: list[Block], joiner: str = " ") -> str:
    return joiner.join(b.text.strip() for b in blocks)


def _raw_line_break(offsets: list[int], prev: Block, block: Block) -> bool:
    """Whether `block` followed `prev` after a bare line break in the raw page: one newline between
    them in the clean text, and no raw character deleted right after it. Cleaning keeps the first
    newline of a blank line and deletes the rest, and deletes the indent of a paragraph; the spaces
    it deletes before a newline (a PDF wrap printed as ` \n`) tell nothing about paragraphs."""
    newline = block.start - 1
    return newline == prev.end and 0 < newline < len(offsets) - 1 and block.start < len(offsets) and offsets[block.start] - offsets[newline] == 1


def paragraphs_by_blank_lines(text: str, offsets: list[int] | None) -> bool:
    """Whether the raw page set its paragraphs apart with blank lines (or indents): cleaning
    deleted raw characters right after most of the line breaks it kept. On such a page (a PDF
    text layer) a bare line break inside a heading is a wrap."""
    if offsets is None:
        return False
    kept = [m.start() for m in _NEWLINE.finditer(text[:-1])]  # per line, not per character
    after_blank = sum(offsets[i + 1] - offsets[i] > 1 for i in kept)
    return len(kept) >= 2 and 2 * after_blank > len(kept)


def raw_paragraphs(blocks: list[Block], offsets: list[int] | None, wrapped_marks: bool = False) -> list[list[Block]]:
    """Merge consecutive lines that were one paragraph in the raw page (a two-line title printed
    as one block, a title a PDF layer wrapped) — clean may have collapsed the blank lines that told
    them apart. With `wrapped_marks`, a line under a `#` line after a bare line break continues
    that heading (a PDF layer marks a line and wraps it); otherwise a marked line stands alone."""
    if not blocks:
        return []
    parts = [[blocks[0]]]
    for prev, block in zip(blocks, blocks[1:]):
        same = (
            offsets is not None and block.level is None and (prev.level is None or wrapped_marks)
            and _raw_line_break(offsets, prev, block)
        )
        if same:
            parts[-1].append(block)
        else:
            parts.append([block])
    return parts


def assign_headline(group: list[Block], offsets: list[int] | None = None, wrapped_marks: bool = False) -> Headline:
    """Kicker, title and subtitle of a headline run.

    With markdown levels the title is the last line of the highest level in the run; otherwise a
    line opening with a dash is the subtitle and the line above it the title; otherwise the last
    raw paragraph is the title. The line just above the title is the kicker, the one just below
    the subtitle. `title——subtitle` on one line is split at the dash. `wrapped_marks`: the page
    sets paragraphs apart with blank lines (paragraphs_by_blank_lines), so a bare line break in a
    heading, also under a `#` line, is a wrap inside it (its parts are joined without a space).
    """
    if not group:
        return Headline(None, None, None)
    leveled = [b for b in group if b.level is not None]
    if leveled:
        parts = raw_paragraphs(group, offsets, wrapped_marks=True) if wrapped_marks else [[b] for b in group]
        top = min(b.level for b in leveled)
        t = max(k for k, part in enumerate(parts) if part[0].level == top)
    else:
        parts = raw_paragraphs(group, offsets)
        dashed = [k for k in range(1, len(parts)) if _SUBTITLE_DASH.match(parts[k][0].text)]
        t = dashed[0] - 1 if dashed else len(parts) - 1
    joiner = "" if wrapped_marks else " "  # the lines of a wrapped heading are one printed line
    title = _text(parts[t], joiner)
    kicker = _text(parts[t - 1], joiner) if t > 0 else None
    subtitle = _text(parts[t + 1], joiner) if t + 1 < len(parts) else None
    inline = _INLINE_SUBTITLE.search(title[1:])
    if subtitle is None and inline:
        title, subtitle = title[: inline.start() + 1], title[inline.end() + 1 :]
    if subtitle is not None:
        subtitle = _SUBTITLE_DASH.sub("", subtitle) or None
    return Headline(kicker, title.strip() or None, subtitle)
