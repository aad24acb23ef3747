"""Which lines of a headline run are the kicker (引题), the title and the subtitle (副题)."""

import re
from dataclasses import dataclass

from pipeline.segmentation.blocks import Block

_SUBTITLE_DASH = re.compile(r"^\s*[—－-]{1,2}\s*")
_INLINE_SUBTITLE = re.compile(r"\s*——\s*")
_RAW_PARAGRAPH_GAP = 3  # ≥2 raw characters (a blank line) deleted between two clean lines


@dataclass(frozen=True)
class Headline:
    kicker: str | None
    title: str | None
    subtitle: str | None


def _text(blocks: list[Block]) -> str:
    return " ".join(b.text.strip() for b in blocks)


def raw_paragraphs(blocks: list[Block], offsets: list[int] | None) -> list[list[Block]]:
    """Merge consecutive lines that were one paragraph in the raw page (a two-line title printed
    as one block) — clean may have collapsed the blank lines that told them apart."""
    if not blocks:
        return []
    parts = [[blocks[0]]]
    for prev, block in zip(blocks, blocks[1:]):
        same = (
            offsets is not None
            and prev.level is None
            and block.level is None
            and 0 < prev.end < len(offsets)
            and block.start < len(offsets)
            and offsets[block.start] - offsets[prev.end - 1] < _RAW_PARAGRAPH_GAP
        )
        if same:
            parts[-1].append(block)
        else:
            parts.append([block])
    return parts


def assign_headline(group: list[Block], offsets: list[int] | None = None) -> Headline:
    """Kicker, title and subtitle of a headline run.

    With markdown levels the title is the last line of the highest level in the run; otherwise a
    line opening with a dash is the subtitle and the line above it the title; otherwise the last
    raw paragraph is the title. The line just above the title is the kicker, the one just below
    the subtitle. `title——subtitle` on one line is split at the dash.
    """
    if not group:
        return Headline(None, None, None)
    leveled = [b for b in group if b.level is not None]
    if leveled:
        parts = [[b] for b in group]
        top = min(b.level for b in leveled)
        t = max(k for k, part in enumerate(parts) if part[0].level == top)
    else:
        parts = raw_paragraphs(group, offsets)
        dashed = [k for k in range(1, len(parts)) if _SUBTITLE_DASH.match(parts[k][0].text)]
        t = dashed[0] - 1 if dashed else len(parts) - 1
    title = _text(parts[t])
    kicker = _text(parts[t - 1]) if t > 0 else None
    subtitle = _text(parts[t + 1]) if t + 1 < len(parts) else None
    inline = _INLINE_SUBTITLE.search(title[1:])
    if subtitle is None and inline:
        title, subtitle = title[: inline.start() + 1], title[inline.end() + 1 :]
    if subtitle is not None:
        subtitle = _SUBTITLE_DASH.sub("", subtitle) or None
    return Headline(kicker, title.strip() or None, subtitle)
