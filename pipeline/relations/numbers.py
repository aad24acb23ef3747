"""Parse a reported figure (8.5亿美元, 10万余人, 百分之六点八, 约1700万元, 七八户, 20至30人) into
number, unit, base value, bounds and approximation.

Well-formed numerals are converted with cn2an (sections 十/百/千/万/亿, 零 gaps, 两, mixed 3万5千,
点 decimals); this module only splits a figure into its parts and reads the forms cn2an does not
cover: ranges (七八, 三四十, 五六百, 十几, 数十, 20至30, 5—8万), bare multipliers after a qualifier
(上百, 近千) and the qualifiers themselves. All arithmetic is Decimal, so 5.1亿 is 510000000, not
509999999.99999994.

Kinds (each tested in tests/test_numbers.py):
  exact      1.2万元, 一万三千元, 三百零五万零六百元 → value_low = value_high = value_norm
  range      七八户, 20至30人, 5—8万元, 十几个, 数十家 → low/high, value_norm = midpoint, approximate;
             value null: two numbers are written, not one (value_text keeps them as written)
  bounded    10万余人, 超过300家, 不到5% → one bound (low for 余/多/超/逾/突破/以上/上, high for
             近/不到/不足/以下), approximate
  about      约1700万元, 8.8%左右 → no bounds, approximate
  share      三分之一, 五分之四, 1/3, 一半 → a fraction is two written numbers, not one: value null,
             unit empty, value_norm = the share in percent (33.33…, base_unit %), exact up to
             float rounding; 千分之三 and 3.5‰ are per mille (value 3, base_unit ‰), as 百分之六点八
             is 6.8 %; 三成 is 3 tenths (base_unit 成), 翻一番 one doubling (base_unit 番)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import cn2an

from pipeline.wordlists import DATA_DIR, longest_first, read_list, read_rows

MULTIPLIERS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "万": Decimal(10) ** 4, "千": Decimal(1000), "百": Decimal(100)}
PLACE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
DATA = DATA_DIR / "metrics"


def _qualifier_table(path: Path = DATA / "qualifiers.txt") -> list[tuple[str, str, str]]:
    """(word, position, bound) rows of data/metrics/qualifiers.txt."""
    return [(row[0], row[1], row[2]) for row in read_rows(path) if len(row) == 3]


_QUALIFIERS = _qualifier_table()
# 人民币 → 元, 美金 → 美元: data/metrics/currency_aliases.txt
CURRENCY_ALIASES = {row[0]: row[1] for row in read_rows(DATA / "currency_aliases.txt") if len(row) == 2}
# Qualifiers before the number, longest first. Kept in `qualifier`; all but the `none` ones set `approximate`.
PREFIX_QUALIFIERS = tuple(sorted((w for w, p, _ in _QUALIFIERS if p == "prefix"), key=len, reverse=True))
SUFFIX_QUALIFIERS = tuple(sorted((w for w, p, _ in _QUALIFIERS if p == "suffix"), key=len, reverse=True))
INNER_QUALIFIERS = tuple(w for w, p, _ in _QUALIFIERS if p == "inner")  # between number and unit: 10余万元
APPROXIMATE = {w for w, _, b in _QUALIFIERS if b != "none"}
LOW_BOUND = {w for w, _, b in _QUALIFIERS if b == "low"}  # the figure is at least the number
HIGH_BOUND = {w for w, _, b in _QUALIFIERS if b == "high"}  # the figure is at most the number
# Currency words as written after a number: base units (data/metrics/currencies.txt) and their
# other written forms (currency_aliases.txt), longest first.
CURRENCY_WORDS = longest_first([*read_list(DATA / "currencies.txt"), *CURRENCY_ALIASES])
CURRENCY = re.compile("^(?:" + "|".join(map(re.escape, CURRENCY_WORDS)) + ")")
RANGE_SEP = "至到~—–\\-－〜"
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A numeral run: Arabic digits and Chinese numeral characters mixed (3万5千, 1.2万, 三百零五万零六百).
NUMERAL_RUN = re.compile(rf"^(?:{ARABIC}|[{CN_NUMERAL}点几数])(?:{ARABIC}|[{CN_NUMERAL}点几数])*")
# Units that start with a numeral character: 千米 is a unit, not 千 × 米.
UNIT_WITH_NUMERAL = re.compile(r"^(?:千米|千克|千瓦|千伏|千帕|千卡|百分点|个百分点)")


@dataclass(frozen=True)
class Figure:
    value: float | None  # the number as written (8.5 in 8.5亿美元); None for a range or a fraction
    unit: str  # as written after the number, multiplier included (亿美元)
    value_norm: float | None  # in base units (850000000); midpoint of a range
    base_unit: str  # 美元; % for percentages; 百分点 for percentage points
    approximate: bool
    qualifier: str | None  # the prefix/suffix words: 约, 近, 余, 超 …
    value_low: float | None = None  # lower bound in base units (null when open)
    value_high: float | None = None  # upper bound in base units (null when open)
    is_range: bool = False


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace("，", ",")


def _bare_places(text: str) -> Decimal | None:
    """百 → 100, 千万 → 10000000 (a multiplier with no digit: 上百, 近千)."""
    if not text or any(c not in PLACE for c in text):
        return None
    value = Decimal(1)
    for c in text:
        value *= PLACE[c]
    return value


def chinese_or_arabic(text: str) -> Decimal:
    """One numeral, Arabic, Chinese or mixed → Decimal (1,200 → 1200; 八点五 → 8.5; 3万5千 → 35000).
    Raises ValueError when it is not a single well-formed numeral."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    bare = _bare_places(text)
    if bare is not None:
        return bare  # 百, 千万, 十万: a multiplier with no digit (上百, 近千)
    decimal = re.fullmatch(r"(?P<number>[零〇一二两三四五六七八九十百千]*点[零〇一二三四五六七八九]+)(?P<place>万亿|亿|万)", text)
    if decimal:  # 三点五万 → 3.5 × 10^4 (cn2an reads no multiplier after a decimal)
        return chinese_or_arabic(decimal["number"]) * MULTIPLIERS[decimal["place"]]
    if re.fullmatch(r"[零〇一二三四五六七八九]{2,}", text):
        raise ValueError(f"digit string {text!r} is not a numeral")  # 七八 is a range, 二〇二四 a year
    try:
        converted = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ValueError(text) from error
    return Decimal(str(converted))


def _range(core: str) -> tuple[Decimal, Decimal] | None:
    """The ranges cn2an does not read: 七八, 三四十, 五六百, 十七八, 十几, 二十几, 几十, 数百, 20至30, 5万至8万."""
    sep = re.fullmatch(rf"(?P<a>[^{RANGE_SEP}]+)[{RANGE_SEP}](?P<b>[^{RANGE_SEP}]+)", core)
    if sep:
        a, b = sep["a"], sep["b"]
        # the multiplier of the second end applies to both: 5—8万, 五至八万, 三到五百 (one digit each in words)
        mult_b = re.search(r"[万亿千百]+$", b) if re.match(r"\d", b) or re.fullmatch(r"[一二两三四五六七八九][万亿千百]+", b) else None
        try:
            high = chinese_or_arabic(b)
            low = chinese_or_arabic(a)
        except ValueError:
            return None
        if mult_b and not re.search(r"[万亿千百十]$", a) and (re.match(r"\d", a) or len(a) == 1):
            low *= MULTIPLIERS.get(mult_b.group(0), Decimal(1))
        return (low, high) if low < high else None
    adjacent = re.fullmatch(r"(?P<tens>十)?(?P<a>[一二两三四五六七八九])(?P<b>[一二三四五六七八九])(?P<place>[十百千万亿]*)", core)
    if adjacent:
        a, b = DIGITS[adjacent["a"]], DIGITS[adjacent["b"]]
        if b != a + 1 and not (adjacent["a"] == "两" and b == 3):
            return None
        place = _bare_places(adjacent["place"]) or Decimal(1)
        tens = Decimal(10) * place if adjacent["tens"] else Decimal(0)
        return tens + a * place, tens + b * place
    several = re.fullmatch(r"(?P<head>[一二两三四五六七八九]?十)几(?P<place>[万亿]*)", core)
    if several:  # 十几 = 11–19, 二十几 = 21–29
        base = chinese_or_arabic(several["head"])
        place = _bare_places(several["place"]) or Decimal(1)
        return (base + 1) * place, (base + 9) * place
    vague = re.fullmatch(r"[几数](?P<place>[十百千万亿]+)", core)
    if vague:  # 几十, 数百万: 2 to 9 of the place
        place = _bare_places(vague["place"])
        return 2 * place, 9 * place
    return None


def _split_multiplier(core: str, rest: str) -> tuple[str, str]:
    """(numeral, multiplier): 8.5亿 → (8.5, 亿); 十万只 keeps 十万 (a Chinese numeral is one word),
    but 百亿元 and 三百万元 give 亿元/万元, the usual money units."""
    arabic = re.fullmatch(rf"({ARABIC}(?:[{RANGE_SEP}]{ARABIC})?)(万亿|千万|百万|亿|万|千|百)", core)
    if arabic:
        return arabic.group(1), arabic.group(2)
    chinese = re.fullmatch(rf"([{CN_NUMERAL}点]*?(?:[{RANGE_SEP}][{CN_NUMERAL}点]*?)?[一二两三四五六七八九十百千])(万亿|亿|万)", core)
    if chinese and CURRENCY.match(rest) and not re.search(r"[万亿]", chinese.group(1)):
        return chinese.group(1), chinese.group(2)
    return core, ""


def _sign(compact: str) -> tuple[int, str]:
    """(-1, the rest) for a figure that opens with a minus sign (-3.2%, −1.5%); (1, compact) otherwise.
    The number rules take a sign only where no digit or letter stands before it (20-30 is a range)."""
    if re.match(r"[-−](?=\d)", compact):
        return -1, compact[1:]
    return 1, compact


def _negated(figure: Figure) -> Figure:
    """The same figure below zero: value, value_norm and the bounds negated, the bounds swapped.
    A range carries the sign on its first end only (-20至30%, -10%—20%: from -20 to 30), so only
    its low end is negated and value_norm is the new midpoint."""
    def minus(x: float | None) -> float | None:
        return None if x is None else -x

    if figure.is_range and figure.value_low is not None and figure.value_high is not None:
        low = -figure.value_low
        return replace(figure, value_low=low, value_norm=(low + figure.value_high) / 2)
    return Figure(
        value=minus(figure.value), unit=figure.unit, value_norm=minus(figure.value_norm), base_unit=figure.base_unit,
        approximate=figure.approximate, qualifier=figure.qualifier, value_low=minus(figure.value_high), value_high=minus(figure.value_low),
        is_range=figure.is_range,
    )


def _number(value: Decimal) -> float:
    return float(value)


def parse_figure(text: str) -> Figure | None:
    """Split a MONEY/PERCENT/QUANTITY surface into its parts; None when it holds no number."""
    compact = _clean(text)
    qualifiers: list[str] = []
    prefix = next((q for q in PREFIX_QUALIFIERS if compact.startswith(q) and len(compact) > len(q)), None)
    if prefix == "上" and not re.match(r"上[百千万亿]", compact):
        prefix = None
    if prefix:
        qualifiers.append(prefix)
        compact = compact[len(prefix) :]
    share = _share(compact, qualifiers)
    if share is not None:
        return share
    sign, compact = _sign(compact)
    if sign < 0:  # the prefix qualifiers read above go back in front (约-3.2% is approximate)
        figure = parse_figure("".join(qualifiers) + compact)
        return None if figure is None else _negated(figure)
    compact = re.sub(rf"^({ARABIC})%(?=[{RANGE_SEP}]{ARABIC}%)", r"\1", compact)  # 10%—20% → 10—20%
    compact = re.sub(r"个多(百分点|月|小时|星期)", r"多个\1", compact)  # 三个多百分点, 3个多月: more than 3
    percent_words = re.fullmatch(rf"百分之(?P<number>[\d.]+|[{CN_NUMERAL}点几数]+)(?P<suffix>{'|'.join(SUFFIX_QUALIFIERS)})?", compact)
    if percent_words:
        qualifiers += [percent_words["suffix"]] if percent_words["suffix"] else []
        bounds = _range(percent_words["number"])  # 百分之七八十, 百分之十几
        if bounds:
            return _figure(None, *bounds, "%", "%", qualifiers, is_range=True)
        try:
            value = chinese_or_arabic(percent_words["number"])
        except ValueError:
            return None
        return _figure(value, value, value, "%", "%", qualifiers, is_range=False)
    run = NUMERAL_RUN.match(compact)
    if not run or compact[run.end() :].startswith("分之"):
        return None
    core, rest = run.group(0), compact[run.end() :]
    # 1个亿, 投资三个亿元: the spoken 个 before a multiplier is no measure word (1个亿 = 1亿); the
    # unit stays as written (个亿)
    spoken = re.match(r"个(多|余)?(亿)", rest)  # not 个万: 3个万亩基地, 万元户 count things
    if spoken:
        core, rest = core + spoken.group(2), rest[spoken.end() :]
        qualifiers += [spoken.group(1)] if spoken.group(1) else []
    # 20至30人 / 5—8万元 / 5万至8万元: a range written with a separator
    sep = re.match(rf"[{RANGE_SEP}](?:{ARABIC}|[{CN_NUMERAL}点])+", rest)
    if sep and not re.match(rf"[{RANGE_SEP}]\d{{4}}", rest):
        core, rest = core + sep.group(0), rest[sep.end() :]
    # give back a unit that starts with a numeral character (5千米, 3百分点)
    for cut in range(1, min(3, len(core))):
        if UNIT_WITH_NUMERAL.match(core[-cut:] + rest) and not UNIT_WITH_NUMERAL.match(rest):
            core, rest = core[:-cut], core[-cut:] + rest
            break
    core = core.rstrip(".点")
    if not core:
        return None
    approx_inner = ""
    for q in INNER_QUALIFIERS:
        if rest.startswith(q):
            approx_inner, rest = q, rest[1:]
            break
    # a multiplier after 余/多 (10余万元) belongs to the number
    moved = re.match(r"(万亿|千万|百万|亿|万|千)(?!米|克|瓦|伏|帕|卡)", rest) if approx_inner else None
    if moved:
        core, rest = core + moved.group(1), rest[moved.end() :]
    suffix = next((q for q in SUFFIX_QUALIFIERS if rest.endswith(q) and len(q) <= len(rest)), None)
    unit_rest = rest[: len(rest) - len(suffix)] if suffix else rest
    if approx_inner:
        qualifiers.append(approx_inner)
    if suffix:
        qualifiers.append(suffix)
    numeral, multiplier = _split_multiplier(core, unit_rest)
    if spoken and not multiplier:  # 一个亿: the multiplier was written apart, so it stays apart
        numeral, multiplier = core[: -len(spoken.group(2))], spoken.group(2)
    factor = MULTIPLIERS.get(multiplier, Decimal(1))
    bounds = _range(numeral)
    if bounds is None:
        try:
            value = chinese_or_arabic(numeral)
        except ValueError:
            return None
        low = high = value
    else:
        low, high = bounds
        value = None  # two numbers written (20至30): value_low/value_high, value_norm their midpoint
    unit = ("个" if spoken else "") + multiplier + unit_rest
    base_unit = CURRENCY_ALIASES.get(unit_rest, unit_rest)
    if base_unit.endswith("百分点"):
        base_unit = "百分点"  # 个百分点 / 百分点 are percentage points; 个 alone is a measure word
    if base_unit.startswith("%"):
        base_unit = "%"
    return _figure(value, low * factor, high * factor, unit, base_unit, qualifiers, is_range=bounds is not None, factor=factor)


# 三分之一, 二十分之一, 万分之五 (not 百分之/千分之: percent and per mille signs written out), 1/3, 一半.
FRACTION = re.compile(
    rf"(?:(?P<den>(?![百千]分)[{CN_NUMERAL}]+)分之(?P<num>[{CN_NUMERAL}点]+)|(?P<anum>\d{{1,3}})/(?P<aden>\d{{1,3}})|(?P<half>一半|半数))"
    rf"(?P<suffix>{'|'.join(SUFFIX_QUALIFIERS)})?"
)


def _share(compact: str, prefixes: list[str]) -> Figure | None:
    """A fraction (三分之一, 1/3, with a suffix qualifier: 三分之二以上) or a per-mille figure written
    out (千分之三) as a Figure; None for other shapes. `compact` is the figure without the prefix
    qualifiers already read (`prefixes`: 近 of 近三分之一)."""
    per_mille = re.fullmatch(rf"千分之(?P<number>[\d.]+|[{CN_NUMERAL}点]+)(?P<suffix>{'|'.join(SUFFIX_QUALIFIERS)})?", compact)
    fraction = FRACTION.fullmatch(compact)
    if not (per_mille or fraction):
        return None
    found = per_mille or fraction
    qualifiers = prefixes + ([found["suffix"]] if found["suffix"] else [])
    try:
        if per_mille:
            value = chinese_or_arabic(per_mille["number"])
            return _figure(value, value, value, "‰", "‰", qualifiers, is_range=False)
        numerator = chinese_or_arabic(fraction["num"] or fraction["anum"] or "1")
        denominator = chinese_or_arabic(fraction["den"] or fraction["aden"] or "2")  # 一半, 半数: one half
    except ValueError:
        return None
    if not 0 < numerator <= denominator:
        return None  # 3/2 is no share; 0/5 is a score or a code
    percent = 100 * numerator / denominator
    return _figure(None, percent, percent, "", "%", qualifiers, is_range=False)


def _figure(value: Decimal | None, low: Decimal, high: Decimal, unit: str, base_unit: str, qualifiers: list[str], *, is_range: bool, factor: Decimal = Decimal(1)) -> Figure:
    norm = (low + high) / 2
    if not is_range:
        if any(q in LOW_BOUND for q in qualifiers):
            high = None
        if any(q in HIGH_BOUND for q in qualifiers):
            low = None
        if any(q in APPROXIMATE and q not in LOW_BOUND | HIGH_BOUND for q in qualifiers):
            low = high = None
    return Figure(
        value=None if value is None else _number(value),
        unit=unit,
        value_norm=_number(norm),
        base_unit=base_unit,
        approximate=is_range or any(q in APPROXIMATE for q in qualifiers),
        qualifier=",".join(qualifiers) or None,
        value_low=None if low is None else _number(low),
        value_high=None if high is None else _number(high),
        is_range=is_range,
    )


def to_number(text: str) -> float:
    """Arabic or Chinese numeral → float (1,200 → 1200; 八点五 → 8.5; 两千 → 2000)."""
    try:
        return float(chinese_or_arabic(_clean(text)))
    except (ValueError, InvalidOperation) as error:
        raise ValueError(text) from error
