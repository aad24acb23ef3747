"""Orders a reader expects: file names naturally (page_2 before page_10), dates as dates."""

import datetime as dt
import re

import pandas as pd

_DIGITS = re.compile(r"(\d+)")


def natural_key(text) -> tuple:
    """Sort key that compares digit runs as numbers: p_2.txt < p_10.txt < p_100.txt.
    Even positions hold text (case-folded), odd positions numbers, so keys always compare."""
    parts = _DIGITS.split(str(text or ""))
    return tuple(int(part) if i % 2 else part.casefold() for i, part in enumerate(parts))


def as_date(value) -> dt.date | None:
    """A date from an Arrow date, a datetime or an ISO string; None for null or unreadable values."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.date()
