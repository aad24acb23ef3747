"""A metric's period as written (今年一季度, 截至9月底, 1—9月, 2023年) → ISO start and end dates.

jionlp's `parse_time` reads the common forms against a base date (the article's date); this module
wraps what it gets wrong or does not read:
  - full-width digits (２０２４年 is read as year 24): NFKC first;
  - month ranges (1—9月, 1至9月 are read as 1月9日 or the whole year): read here;
  - 截至X (as of): no start, the end of X as end (jionlp gives the last days of the month);
  - 今年以来 (its end is 'inf'): from the year start to the article date;
  - a bare month (9月, 9月份: jionlp raises on it), X月末/底.
Relative forms (今年, 去年, 上半年…) need the article date: without one they give no dates, and
an absolute form (2023年) never depends on it. Anything unread gives (None, None), never a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
import unicodedata
from functools import lru_cache

MONTH_RANGE = re.compile(r"^(?:(?P<year>(?:19|20)\d{2})年|(?P<rel>今年|去年|明年|前年))?(?P<m1>1[0-2]|0?[1-9])(?:\s*[—\-–~至到－]\s*(?P<m2>1[0-2]|0?[1-9]))?月份?$")
AS_OF = re.compile(r"^(?:截至|截止到?|到)(?P<rest>.+?)(?:止|为止)?$")
RELATIVE_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
ABSOLUTE = re.compile(r"(?:19|20)\d{2}年")


@lru_cache(maxsize=1)
def _jionlp():
    """jionlp, imported on first use (it costs about a second); its import prints banners on
    stdout (and jiojio's), which would corrupt a `--quiet` run's output, so they are swallowed."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

    return jionlp


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _parse(text: str, base: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    year_match = MONTH_RANGE.match(text)
    if year_match:
        if year_match["year"]:
            year = int(year_match["year"])
        elif base is not None:
            year = base.year + RELATIVE_YEAR.get(year_match["rel"] or "今年", 0)
        else:
            return None, None
        m1 = int(year_match["m1"])
        m2 = int(year_match["m2"] or m1)
        return (dt.date(year, m1, 1), _month_end(year, m2)) if m1 <= m2 else (None, None)
    if base is None and not ABSOLUTE.search(text):
        return None, None
    if text.endswith("以来"):
        start, _ = _parse(text[:-2], base)
        return start, base
    stamp = time.mktime((base or dt.date(2000, 1, 1)).timetuple())
    try:
        parsed = _jionlp().parse_time(text, time_base=stamp)
    except Exception:  # jionlp raises ValueError and others on text it does not read
        return None, None
    if not parsed or parsed.get("type") not in ("time_point", "time_span"):
        return None, None
    try:
        start, end = (dt.datetime.strptime(t, "%Y-%m-%d %H:%M:%S").date() for t in parsed["time"])
    except (ValueError, TypeError):
        return None, None
    if re.search(r"[月]底$|[月]末$", text):  # X月底: the month, not its last days
        start = start.replace(day=1)
    return start, end


@lru_cache(maxsize=4096)  # pure; papers repeat their periods (今年以来, 1-9月) and jionlp is slow
def normalise_period(period: str | None, article_date: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a period as written; (None, None) when it cannot be read."""
    if not period:
        return None, None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", period))
    as_of = AS_OF.match(text)
    if as_of:
        _, end = _parse(as_of["rest"], article_date)
        return None, end
    return _parse(text, article_date)
