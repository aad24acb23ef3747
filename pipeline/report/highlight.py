"""Article text with its entities highlighted by spaCy's displaCy (manual mode, no spaCy model)."""

import html

import pandas as pd
from markupsafe import Markup
from spacy import displacy

from pipeline.report.summary import LABELS

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


def usable_spans(text: str, entities: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """Entity spans displaCy can draw (in range, non-overlapping: longest first at a start) and
    a note for every entity left out, so bad offsets show up in the report instead of vanishing."""
    problems, spans = [], []
    ordered = entities.assign(_len=entities["end"] - entities["start"]).sort_values(["start", "_len"], ascending=[True, False], kind="stable")
    last_end = 0
    for ent in ordered.itertuples():
        start, end, label = int(ent.start), int(ent.end), str(ent.label)
        if not 0 <= start < end <= len(text):
            problems.append(f"{label} {ent.text!r}: offsets {start}–{end} outside the article text")
        elif text[start:end] != ent.text:
            problems.append(f"{label} {ent.text!r}: article text at {start}–{end} is {text[start:end]!r}")
        elif start < last_end:
            problems.append(f"{label} {ent.text!r} at {start}–{end} overlaps an earlier entity (not drawn)")
        else:
            # displaCy does not escape labels; ours are fixed words but the table is input, so escape.
            spans.append({"start": start, "end": end, "label": html.escape(label)})
            last_end = end
    return spans, problems


def highlight(text: str, entities: pd.DataFrame) -> tuple[Markup, list[str]]:
    """HTML of the article text with entity marks (displaCy escapes the text), plus problems found."""
    spans, problems = usable_spans(text, entities)
    options = {"colors": LABEL_COLORS, "ents": list(LABELS) + sorted({s["label"] for s in spans} - set(LABELS))}
    markup = displacy.render({"text": text, "ents": spans, "title": None}, style="ent", manual=True, page=False, options=options)
    return Markup(markup), problems
