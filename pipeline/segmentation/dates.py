"""Datelines (`7月20日`) and page dates (`2024年01月16日`), resolved without inventing a year."""

import datetime as dt
import re

_FULL_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_SHORT_RE = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISO_RE = re.compile(r"(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})")
# The dateline sits right after the lead and its byline: `本报讯(记者 王某)7月20日,…`.
_DATELINE_RE = re.compile(rf"^\s*(?:{_FULL_RE.pattern}|{_SHORT_RE.pattern.replace('?P<m>', '?P<m2>').replace('?P<d>', '?P<d2>')})")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_page_date(text: str) -> dt.date | None:
    """A full date printed on the page (masthead `2024年01月16日`), the first one found, or None."""
    for pattern in (_FULL_RE, _ISO_RE):
        for match in pattern.finditer(text):
            date = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
            if date:
                return date
    return None


def parse_dateline(text: str) -> tuple[str, int, int] | None:
    """The dateline at the start of `text` as (date_text, start, end), or None."""
    match = _DATELINE_RE.match(text)
    if not match:
        return None
    start = match.start("y") if match.group("y") else match.start("m2")
    return text[start : match.end()], start, match.end()


def resolve_date(date_text: str, page_date: dt.date | None) -> dt.date | None:
    """The calendar date of a dateline. Without a year, the page date's year is used; a dateline
    more than a month after the page date belongs to the previous year (a December event on a
    January page). Without a year and without a page date, None — never a guess."""
    full = _FULL_RE.search(date_text)
    if full:
        return _safe_date(int(full["y"]), int(full["m"]), int(full["d"]))
    short = _SHORT_RE.search(date_text)
    if not short or page_date is None:
        return None
    date = _safe_date(page_date.year, int(short["m"]), int(short["d"]))
    if date and date > page_date + dt.timedelta(days=31):
        date = _safe_date(page_date.year - 1, int(short["m"]), int(short["d"]))
    return date
