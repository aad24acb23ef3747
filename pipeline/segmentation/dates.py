"""Datelines (`7月20日`) and page dates (`2024年01月16日`), resolved without inventing a year."""

import datetime as dt
import re

from pipeline.segmentation.masthead import FULL_DATE_RE as _FULL_RE
from pipeline.segmentation.masthead import masthead_span
_SHORT_RE = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISO_RE = re.compile(r"(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})")
# Day first, as some sites print it: `21.05.2019  09:15`.
_DMY_RE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d{2})(?!\d)")
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


# A date in a file's path: 2024-03-20, 2024_03_20, 2024/03/20 (folders) or 20240320, not inside a longer number.
_PATH_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-_./]?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?!\d)")


def date_in_path(path: str | None) -> dt.date | None:
    """The last valid date written in a file's path (a file name's date beats its folders'), or None."""
    found = [_safe_date(int(m["y"]), int(m["m"]), int(m["d"])) for m in _PATH_RE.finditer(path or "")]
    found = [d for d in found if d]
    return found[-1] if found else None


def find_published_date(text: str) -> dt.date | None:
    """The date after a web page's label (发布时间：2024-03-20 10:15, 发布日期:2024年3月20日): a full
    date right after one of the furniture labels (`cues.furniture_labels`)."""
    from pipeline.segmentation.cues import furniture_labels

    labels = "|".join(map(re.escape, furniture_labels()))
    for label in re.finditer(rf"(?:{labels})\s*[：:]\s*", text):
        for pattern in (_FULL_RE, _ISO_RE, _DMY_RE):
            match = pattern.match(text, label.end())
            date = _safe_date(int(match["y"]), int(match["m"]), int(match["d"])) if match else None
            if date:
                return date
    return find_furniture_date(text)


def find_furniture_date(text: str) -> dt.date | None:
    """The first full date on a web furniture line of `text` (a bare `2020-11-05 10:22` or
    `21.05.2019  09:15` line, `来源：某某网 2021-06-07 08:15`), or None. Running text never counts."""
    from pipeline.segmentation.cues import is_furniture

    for line in text.split("\n"):
        if not is_furniture(line):
            continue
        found = [m for pattern in (_FULL_RE, _ISO_RE, _DMY_RE) for m in pattern.finditer(line)]
        for match in sorted(found, key=lambda m: m.start()):
            date = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
            if date:
                return date
    return None


def folder_hint(path: str | None, folder_dates: dict[str, dt.date]) -> dt.date | None:
    """The date configured for the longest folder (path prefix) holding `path`, or None."""
    folders = [f for f in folder_dates if path and (path == f or path.startswith(f.rstrip("/") + "/"))]
    return folder_dates[max(folders, key=len)] if folders else None


def masthead_date(text: str) -> dt.date | None:
    """The date of the masthead at the top of `text` (see `masthead_span`), or None."""
    span = masthead_span(text)
    return find_page_date(text[span[0] : span[1]]) if span else None
