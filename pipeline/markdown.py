"""Generated sections of markdown files (model cards, READMEs).

A section runs from a start marker to its end marker (HTML comments such as `<!-- lodo:start -->`,
`<!-- lodo:end -->`, invisible when rendered) and belongs to the one command that writes it;
everything around it is left as it is, so a card written by training keeps its evaluation section
and re-evaluating replaces only that.
"""

from __future__ import annotations


def marked_section(text: str, start: str, end: str) -> str | None:
    """The section of `text` from `start` to `end`, both markers included; None when there is none."""
    if start not in text or end not in text[text.index(start) :]:
        return None
    first = text.index(start)
    return text[first : text.index(end, first) + len(end)]


def replace_marked(text: str, start: str, end: str, section: str, heading: str = "") -> str:
    """`text` with its marked section replaced by `section` (which carries the markers); when it has
    none, `heading` and `section` are appended after a blank line."""
    old = marked_section(text, start, end)
    if old is None:
        return text.rstrip("\n") + "\n\n" + heading + section + "\n"
    first = text.index(start)
    return text[:first] + section + text[first + len(old) :]
