"""Parse a reported figure (8.5亿美元, 10万余人, 百分之六点八, 约1700万元) into number, unit and base value.

Chinese numerals are converted with cn2an; this module only splits a figure into its parts.
"""

import re
from dataclasses import dataclass

import cn2an

MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2}
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千点"
# Words around a number that make it approximate or bounded; kept as the qualifier.
PREFIX_QUALIFIERS = ("超过", "多达", "不到", "不足", "将近", "约", "近", "超", "逾", "达", "共", "仅", "最高", "最低")
APPROXIMATE = {"约", "近", "将近", "余", "多", "左右", "逾", "超", "超过", "不到", "不足", "上下"}

FIGURE = re.compile(
    rf"""^(?P<prefix>{'|'.join(PREFIX_QUALIFIERS)})?
    (?P<number>\d[\d,，]*(?:\.\d+)?|[{CHINESE_DIGITS}]+)
    (?P<mult>万亿|千万|百万|亿|万|千)?
    (?P<approx>余|多)?
    (?P<unit>.*?)
    (?P<suffix>余|多|左右|上下)?$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Figure:
    value: float  # the number as written (8.5 in 8.5亿美元)
    unit: str  # as written after the number, multiplier included (亿美元)
    value_norm: float  # in base units (850000000)
    base_unit: str  # 美元; % for percentages; 百分点 for percentage points
    approximate: bool
    qualifier: str | None  # the prefix/suffix word: 约, 近, 余, 超 …


def to_number(text: str) -> float:
    """Arabic or Chinese numeral → float (1,200 → 1200; 八点五 → 8.5; 两千 → 2000)."""
    text = text.replace(",", "").replace("，", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    return float(cn2an.cn2an(text, "smart"))


def parse_figure(text: str) -> Figure | None:
    """Split a MONEY/PERCENT/QUANTITY surface into its parts; None when it holds no number."""
    compact = re.sub(r"\s+", "", text)
    compact = compact.replace("％", "%")
    percent_words = re.fullmatch(r"(?P<prefix>约|近|超)?百分之(?P<number>[\d.]+|[" + CHINESE_DIGITS + "]+)", compact)
    if percent_words:
        value = to_number(percent_words["number"])
        prefix = percent_words["prefix"]
        return Figure(value, "%", value, "%", prefix in APPROXIMATE, prefix)
    match = FIGURE.match(compact)
    if not match:
        return None
    try:
        value = to_number(match["number"])
    except (ValueError, KeyError):
        return None
    multiplier = match["mult"] or ""
    unit_rest = match["unit"] or ""
    base_unit = unit_rest
    # 个百分点 / 百分点 are percentage points; 个 alone is a measure word.
    if base_unit.endswith("百分点"):
        base_unit = "百分点"
    qualifiers = [q for q in (match["prefix"], match["approx"], match["suffix"]) if q]
    factor = MULTIPLIERS.get(multiplier, 1.0)
    return Figure(
        value=value,
        unit=multiplier + unit_rest,
        value_norm=value * factor,
        base_unit=base_unit,
        approximate=any(q in APPROXIMATE for q in qualifiers),
        qualifier=",".join(qualifiers) or None,
    )
