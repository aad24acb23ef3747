"""Article text with its entities highlighted, in displaCy's `ent` markup (mark.entity + label).

Written out rather than rendered by displaCy: displaCy's import (all of spaCy, about 2 s and 200 MB)
and its per-span templating took most of a 1,000-page report's time; the markup is the same idea,
one <mark> per span with the text escaped.
"""

import html

import pandas as pd
from markupsafe import Markup

LABEL_COLORS = {
    "PER": "#f4a6a6",
    "TITLE": "#f7d794",
    "ORG": "#9fd3f5",
    "LOC": "#b8e0a8",
    "DATE": "#d9c2f0",
    "MONEY": "#f9c38a",
    "PERCENT": "#f2b5d4",
    "QUANTITY": "#c9d6df",
}
OTHER_COLOR = "#ddd"


def usable_spans(text: str, entities: list[dict]) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Entity spans that can be drawn (in range, text matching, non-overlapping: longest first at a
    start) as (start, end, label), and a note for every entity left out, so bad offsets show up in
    the report instead of vanishing. `entities`: dicts with start, end, label, text."""
    problems, spans = [], []
    ordered = sorted(entities, key=lambda e: (int(e["start"]), -(int(e["end"]) - int(e["start"]))))
    last_end = 0
    for ent in ordered:
        start, end, label, mention = int(ent["start"]), int(ent["end"]), str(ent["label"]), ent["text"]
        if not 0 <= start < end <= len(text):
            problems.append(f"{label} {mention!r}: offsets {start}–{end} outside the article text")
        elif text[start:end] != mention:
            problems.append(f"{label} {mention!r}: article text at {start}–{end} is {text[start:end]!r}")
        elif start < last_end:
            problems.append(f"{label} {mention!r} at {start}–{end} overlaps an earlier entity (not drawn)")
        else:
            spans.append((start, end, label))
            last_end = end
    return spans, problems


def highlight(text: str, entities: pd.DataFrame | list[dict]) -> tuple[Markup, list[str]]:
    """HTML of the article text (escaped, line breaks kept) with a mark per entity, plus problems found."""
    rows = entities.to_dict("records") if isinstance(entities, pd.DataFrame) else entities
    spans, problems = usable_spans(text, rows)
    parts, position = ['<div class="entities">'], 0
    for start, end, label in spans:
        parts.append(html.escape(text[position:start]))
        color = LABEL_COLORS.get(label, OTHER_COLOR)
        parts.append(
            f'<mark class="entity" style="background: {color}">{html.escape(text[start:end])}'
            f'<span class="label">{html.escape(label)}</span></mark>'
        )
        position = end
    parts.append(html.escape(text[position:]))
    parts.append("</div>")
    return Markup("".join(parts)), problems
