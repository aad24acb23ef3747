"""Number normalisation by kind (issue 17), on invented sentences: exact Chinese numerals, ranges,
approximations, non-metrics, dates and periods. Plus a property: any number written out in
Chinese numerals by an independent writer reads back to itself."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ner.rules import default_rules
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.numbers import chinese_or_arabic, parse_figure
from pipeline.relations.officials import Mention
from pipeline.relations.periods import normalise_period


def figures(text: str) -> dict[str, tuple]:
    """value text → (value, unit, value_norm, low, high, approximate) for the rule layer's number entities."""
    mentions = [Mention(m.start, m.end, m.label, text[m.start : m.end]) for m in default_rules().find(text)]
    return {
        r.value.text: (r.figure.value, r.figure.unit, r.figure.value_norm, r.figure.value_low, r.figure.value_high, r.figure.approximate)
        for r in relate_metrics(text, mentions)
    }


def labels(text: str) -> dict[str, str]:
    return {text[m.start : m.end]: m.label for m in default_rules().find(text)}


# -- exact Chinese numerals ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "surface", "norm"),
    [
        ("镇里今年发放补贴一万三千元。", "一万三千元", 13000),
        ("全镇共动员志愿者三万五千人。", "三万五千人", 35000),
        ("村集体收入达三百零五万零六百元。", "三百零五万零六百元", 3050600),
        ("合作社分红3万5千元。", "3万5千元", 35000),
        ("项目获得奖补资金1.2万元。", "1.2万元", 12000),
        ("贫困发生率降至百分之二点一三。", "百分之二点一三", 2.13),
        ("失业率下降零点八个百分点。", "零点八个百分点", 0.8),
        ("新建厂房两千平方米。", "两千平方米", 2000),
        ("园区投资一亿零三百万元。", "一亿零三百万元", 103_000_000),
    ],
)
def test_exact_chinese_numerals_keep_every_section(sentence, surface, norm):
    found = figures(sentence)
    assert surface in found
    value, _unit, value_norm, low, high, approximate = found[surface]
    assert value_norm == norm and low == high == norm and not approximate


def test_decimal_arithmetic_has_no_float_residue():
    assert parse_figure("5.1亿元").value_norm == 510_000_000
    assert parse_figure("0.07万亩").value_norm == 700
    assert parse_figure("3.3亿元").value_norm == 330_000_000


def test_multiplier_stays_in_the_unit_after_an_arabic_number():
    figure = parse_figure("8.5亿美元")
    assert (figure.value, figure.unit, figure.base_unit) == (8.5, "亿美元", "美元")
    assert (parse_figure("百亿元").value, parse_figure("百亿元").unit) == (100, "亿元")
    assert (parse_figure("十万只").value, parse_figure("十万只").unit) == (100_000, "只")


@pytest.mark.parametrize(
    ("surface", "value", "unit", "norm", "qualifier"),
    [
        ("1个亿", 1, "个亿", 100_000_000, None),  # the spoken 个 before a multiplier is no measure word
        ("一个亿", 1, "个亿", 100_000_000, None),
        ("3个亿元", 3, "个亿元", 300_000_000, None),
        ("两个多亿元", 2, "个亿元", 200_000_000, "多"),
        ("3个万亩", 3, "个万亩", 3, None),  # 3个万亩基地 counts bases: 个 is the measure word there
    ],
)
def test_a_spoken_ge_before_a_multiplier_multiplies(surface, value, unit, norm, qualifier):
    figure = parse_figure(surface)
    assert (figure.value, figure.unit, figure.value_norm, figure.qualifier) == (value, unit, norm, qualifier)


# -- ranges and estimates --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "surface", "low", "high"),
    [
        ("村里还有七八户没有搬迁。", "七八户", 7, 8),
        ("街上有三四十家商铺。", "三四十家", 30, 40),
        ("每月补助五六百元。", "五六百元", 500, 600),
        ("建成十几个示范点。", "十几个", 11, 19),
        ("每组安排20至30人。", "20至30人", 20, 30),
        ("单户投入5—8万元。", "5—8万元", 50_000, 80_000),
        ("吸引数十家企业入驻。", "数十家", 20, 90),
        ("现场来了二十几人。", "二十几人", 21, 29),
        ("每个村安排两到三个项目。", "两到三个", 2, 3),  # a range in words
        ("培训时间为三至五天。", "三至五天", 3, 5),
        ("每户补贴三到五百元。", "三到五百元", 300, 500),  # the multiplier of the second end applies to both
        ("每亩增收五至八万元。", "五至八万元", 50_000, 80_000),
        ("贷款利率下浮10%—20%。", "10%—20%", 10, 20),  # the unit written on both ends
        ("合格率在20%至30%之间。", "20%至30%", 20, 30),
    ],
)
def test_ranges_have_both_ends_and_the_midpoint(sentence, surface, low, high):
    found = figures(sentence)
    assert surface in found
    value, _unit, norm, value_low, value_high, approximate = found[surface]
    assert (value_low, value_high) == (low, high)
    assert norm == (low + high) / 2 and approximate
    assert value is None  # two numbers are written, not one: value_text keeps them


@pytest.mark.parametrize(
    ("surface", "qualifier", "low", "high"),
    [
        ("约1700万元", "约", None, None),
        ("近千人", "近", None, 1000),
        ("上百家", "上", 100, None),
        ("10万余人", "余", 100_000, None),
        ("300多位", "多", 300, None),
        ("超过300家", "超过", 300, None),
        ("突破100亿元", "突破", 1e10, None),
        ("不到5%", "不到", None, 5),
        ("8.8%左右", "左右", None, None),
        ("10%以上", "以上", 10, None),
    ],
)
def test_approximations_keep_their_word_and_bound(surface, qualifier, low, high):
    figure = parse_figure(surface)
    assert figure.approximate and figure.qualifier == qualifier
    assert (figure.value_low, figure.value_high) == (low, high)


def test_exact_figure_is_not_approximate():
    figure = parse_figure("共1200人")
    assert not figure.approximate and figure.qualifier == "共" and figure.value_low == figure.value_high == 1200


# -- numbers that are not metrics ----------------------------------------------------------------
def test_full_width_year_is_a_date_not_a_quantity():
    text = "２０２４年全区实现产值３．５亿元，增长２３％。"
    assert labels(text)["２０２４年"] == "DATE"
    found = figures(text)
    assert "２０２４年" not in found
    assert found["３．５亿元"][2] == 350_000_000 and found["２３％"][2] == 23


def test_section_numbers_glued_to_headings_are_not_values():
    text = "3.1本工程建设内容包括道路。3.2工程建成后将方便群众出行。"
    assert figures(text) == {}


def test_numerals_inside_names_are_not_figures():
    text = "参加活动的有贾四海、钟五一、王三等同志。"
    mentions = [Mention(10, 13, "PER", "钟五一"), Mention(11, 13, "QUANTITY", "五一")]
    assert text[10:13] == "钟五一"
    assert figures(text) == {}
    assert relate_metrics(text, mentions) == []


def test_quoted_labels_and_size_thresholds_are_not_figures():
    assert figures("扎实开展“三个一批”活动。") == {}
    found = figures("培育10亿元以上项目5个。")
    assert "10亿元" not in found and "5个" in found


def test_metric_phrase_does_not_start_with_a_list_number():
    text = "2.招商引资项目38个，合同投资总额87.36亿元。"
    mentions = [Mention(m.start, m.end, m.label, text[m.start : m.end]) for m in default_rules().find(text)]
    phrases = [text[r.metric_start : r.metric_end] for r in relate_metrics(text, mentions)]
    assert phrases[0] == "招商引资项目" and not phrases[1][0].isdigit()


# -- dates and periods ----------------------------------------------------------------------------
@pytest.mark.parametrize("date", ["农历八月十五", "正月初八", "冬月初六", "今年一季度", "前三季度", "1—9月", "２０２４年"])
def test_dates_are_date_entities(date):
    assert labels(f"活动于{date}举行。").get(date) == "DATE"


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2023年", "2023-01-01", "2023-12-31"),
        ("今年上半年", "2024-01-01", "2024-06-30"),
        ("今年一季度", "2024-01-01", "2024-03-31"),
        ("前三季度", "2024-01-01", "2024-09-30"),
        ("1—9月", "2024-01-01", "2024-09-30"),
        ("去年", "2023-01-01", "2023-12-31"),
        ("截至9月底", None, "2024-09-30"),
        ("截至2023年底", None, "2023-12-31"),
        ("今年以来", "2024-01-01", "2024-10-20"),
        ("２０２２年", "2022-01-01", "2022-12-31"),
    ],
)
def test_periods_are_normalised_against_the_article_date(period, start, end):
    got = normalise_period(period, dt.date(2024, 10, 20))
    assert tuple(d.isoformat() if d else None for d in got) == (start, end)


def test_relative_periods_need_the_article_date():
    assert normalise_period("今年一季度", None) == (None, None)
    assert normalise_period("2023年1至9月", None) == (dt.date(2023, 1, 1), dt.date(2023, 9, 30))


# -- property: Chinese numerals read back ---------------------------------------------------------
DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese, 零 for gaps (1005 → 一千零五, 10 → 一十 inside a larger number)."""
    out, zero = "", False
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit:
            out += ("零" if zero and out else "") + DIGITS[digit] + name
            zero = False
        else:
            zero = True
    return out


def write_chinese(n: int) -> str:
    """An independent writer of Chinese numerals (not cn2an): 亿/万 sections with 零 gaps."""
    if n == 0:
        return "零"
    parts = []
    for unit, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
        section = n // size % 10**4 if size < 10**8 else n // size
        parts.append((section, unit, size))
    out, gap = "", False
    for section, unit, size in parts:
        if section:
            text = _section(section) if section < 10**4 else write_chinese(section)
            if out and (gap or section < 1000):
                text = "零" + text.lstrip("零")
            out += text + unit
            gap = False
        elif out:
            gap = True
    if out.startswith("一十"):
        out = out[1:]  # 十五, not 一十五
    return out


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numeral_reads_back_to_itself(n):
    written = write_chinese(n)
    assert chinese_or_arabic(written) == Decimal(n), written
    assert parse_figure(written + "人").value_norm == n


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=99))
def test_decimal_with_multiplier_is_exact(whole, cents):
    text = f"{whole}.{cents:02d}亿元"
    assert Decimal(repr(parse_figure(text).value_norm)) == Decimal(f"{whole}.{cents:02d}") * 10**8


def test_multiplier_before_a_unit_with_wan_is_kept():
    figure = parse_figure("33.62万人次")
    assert (figure.value, figure.unit, figure.value_norm, figure.base_unit) == (33.62, "万人次", 336_200, "人次")
    assert parse_figure("7700多万元").value_norm == 77_000_000  # 多 before 万: the 万 still counts


def test_eval_counts_values_that_differ_from_the_gold_figure(tmp_path):
    import pandas as pd

    from pipeline.evaluation.realnews_eval import metric_value_mismatches

    text = "全镇收入7700多万元，新增企业12家。"
    article = {"id": "X-01", "text": text, "metrics": [
        {"metric": "收入", "value": "7700", "unit": "万元", "text": "全镇收入7700多万元"},
        {"metric": "新增企业", "value": "12", "unit": "家", "text": "新增企业12家"},
    ]}
    (tmp_path / "documents").mkdir()
    (tmp_path / "metrics").mkdir()
    pd.DataFrame([{"doc_id": "d", "path": "in/X-01.txt"}]).to_parquet(tmp_path / "documents" / "part.parquet")
    rows = [
        {"doc_id": "d", "value_text": "7700多万元", "value_norm": 7700.0, "raw_start": 4, "raw_end": 11},  # a lost 万
        {"doc_id": "d", "value_text": "12家", "value_norm": 12.0, "raw_start": 16, "raw_end": 19},
    ]
    pd.DataFrame(rows).to_parquet(tmp_path / "metrics" / "part.parquet")
    counted = metric_value_mismatches(tmp_path, [article])
    assert (counted["checked"], counted["mismatch"], counted["factor"]) == (2, 1, 1)
