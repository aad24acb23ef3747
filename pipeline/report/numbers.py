"""Numbers as a Chinese reader writes them: 8.5亿美元, 2.13万元, 1,860户, 92.6%, never 8.5e+08.

Values in base units (metrics.value_norm) are scaled by 万亿, 亿 or 万 when they reach them, with
thousands separators before the multiplier and at most four decimals after it. Arithmetic is Decimal
on the float's shortest repr, so a float artefact (509999999.99999994) prints as written (5.1亿).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Largest multiplier first; a value below 10^4 is written out with separators.
SCALES = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
# Units that are never scaled: a ratio is not "万%".
UNSCALED_UNITS = frozenset({"%", "‰", "百分点", "个百分点", "倍", "成"})
DECIMALS = 4


def _decimal(value) -> Decimal | None:
    """`value` (int, float, Decimal, numeric string) as a finite Decimal, or None for null/NaN/inf."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return Decimal(repr(value))
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def grouped(number: Decimal, decimals: int = DECIMALS) -> str:
    """`number` rounded to at most `decimals` places, trailing zeros dropped, thousands separated."""
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def chinese_number(value, unit: str | None = "") -> str:
    """`value` in the Chinese convention followed by `unit` (no space): 850000000, 美元 → 8.5亿美元;
    21300, 元 → 2.13万元; 1860, 户 → 1,860户; 92.6, % → 92.6%. Empty for a null or non-number."""
    number = _decimal(value)
    if number is None:
        return ""
    unit = unit or ""
    if unit not in UNSCALED_UNITS:
        for scale, name in SCALES:
            if abs(number) >= scale:
                return f"{grouped(number / scale)}{name}{unit}"
    return f"{grouped(number)}{unit}"


def count(value) -> str:
    """A count with thousands separators (12,345); empty for null."""
    number = _decimal(value)
    return "" if number is None else grouped(number, 0)
