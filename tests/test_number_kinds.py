"""More kinds of reported figures (issue 17, second round), one test per kind, on invented
sentences: fractions and ratios, per mille, 百分之百, 翻一番 and 倍, units the number grammar did
not know, growth wording written as 同比增加, per-capita figures, and ranks (not metrics)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ner.rules import default_rules
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.numbers import parse_figure
from pipeline.relations.officials import Mention


def rows(text: str) -> dict:
    """value text → MetricValue, for the rule layer's number entities."""
    mentions = [Mention(m.start, m.end, m.label, text[m.start : m.end]) for m in default_rules().find(text)]
    return {r.value.text: r for r in relate_metrics(text, mentions)}


def labels(text: str) -> dict[str, str]:
    return {text[m.start : m.end]: m.label for m in default_rules().find(text)}


# -- fractions: a share written as two numbers ----------------------------------------------------
@pytest.mark.parametrize(
    ("surface", "share"),
    [("三分之一", 100 / 3), ("五分之四", 80), ("十分之三", 30), ("二十分之一", 5), ("1/3", 100 / 3), ("3/4", 75)],
)
def test_a_fraction_is_a_share_in_percent_with_no_single_written_number(surface, share):
    figure = parse_figure(surface)
    assert figure.value is None and figure.unit == "" and figure.base_unit == "%"
    assert figure.value_norm == pytest.approx(share) and figure.value_low == figure.value_high == figure.value_norm
    assert not figure.approximate


def test_ji_yishang_is_at_least():
    figure = parse_figure("3年及以上")
    assert (figure.value_low, figure.value_high, figure.qualifier, figure.approximate) == (3, None, "及以上", True)


def test_qualified_fractions_keep_their_bound():
    near = parse_figure("近三分之一")
    assert near.approximate and near.qualifier == "近" and near.value_low is None and near.value_high == pytest.approx(100 / 3)
    above = parse_figure("三分之二以上")
    assert above.approximate and above.value_low == pytest.approx(200 / 3) and above.value_high is None


def test_a_fraction_before_a_noun_measures_that_noun():
    found = rows("全村三分之一的耕地已完成流转。")
    assert "三分之一" in found and found["三分之一"].figure.value is None
    assert "耕地" in found["三分之一"].metric and "全村" != found["三分之一"].metric


def test_a_share_stated_after_its_whole_is_named_before_it():
    found = rows("流转耕地占全村耕地的五分之四。")
    assert found["五分之四"].metric.startswith("流转耕地")


def test_an_arabic_fraction_needs_a_share_context():
    assert labels("全县约1/3的村建成了文化广场。").get("约1/3") == "PERCENT"
    assert "1/3" not in "".join(rows("图1/3 村民在广场跳舞。"))  # a photo counter
    assert rows("会议于2024/1/3召开。") == {}  # a date


def test_a_share_in_percent_before_a_noun_measures_that_noun():
    found = rows("全村35%的耕地已完成流转。")
    assert "耕地" in found["35%"].metric


# -- per mille and the whole ---------------------------------------------------------------------
def test_per_mille_is_its_own_base_unit():
    found = rows("全县人口自然增长率为3.5‰，婴儿死亡率下降千分之三。")
    assert (found["3.5‰"].figure.value, found["3.5‰"].figure.base_unit) == (3.5, "‰")
    assert (found["千分之三"].figure.value, found["千分之三"].figure.base_unit) == (3, "‰")
    assert found["3.5‰"].metric == "人口自然增长率"


def test_one_hundred_percent_in_words():
    found = rows("全村脱贫户参保率达到百分之百。")
    assert found["百分之百"].figure.value_norm == 100 and found["百分之百"].figure.base_unit == "%"


# -- ratios: 成, 倍, 翻一番 ---------------------------------------------------------------------------
def test_tenths_keep_their_unit_and_the_metric_does_not_start_with_the_qualifier():
    found = rows("七成以上的村民参加了医保。")
    figure = found["七成"].figure
    assert (figure.value, figure.unit, figure.base_unit, figure.value_low) == (7, "成", "成", 7)
    assert not found["七成"].metric.startswith(("以上", "的"))


def test_doubling_is_a_count_of_doublings():
    found = rows("今年全区旅游收入翻了一番。")
    figure = found["一番"].figure
    assert (figure.value, figure.base_unit) == (1, "番") and "旅游收入" in found["一番"].metric
    assert rows("他三番五次上门做工作。") == {}


def test_a_multiple_of_an_earlier_value_is_named_by_its_subject():
    found = rows("该镇农民收入是十年前的两倍。")
    assert found["两倍"].metric == "农民收入"


# -- units the grammar did not know --------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        ("全镇新打机井12眼。", "12眼", "眼"),
        ("活动发放手套5000双。", "5000双", "双"),
        ("共有30对新人参加集体婚礼。", "30对", "对"),
        ("现场搭建帐篷20顶。", "20顶", "顶"),
        ("该书收录诗词300首。", "300首", "首"),
        ("志愿者发放矿泉水300瓶。", "300瓶", "瓶"),
        ("全年平均气温17.5℃。", "17.5℃", "°C"),  # units are NFKC-normalised (℃ → °C, as ２３％ → 23%)
        ("最高气温达到38摄氏度。", "38摄氏度", "摄氏度"),
        ("细颗粒物平均浓度为32微克/立方米。", "32微克/立方米", "微克/立方米"),
        ("数字资源容量达到50TB。", "50TB", "TB"),
        ("全村新挖山塘5口。", "5口", "口"),
        ("清运土方8万方。", "8万方", "万方"),
        ("光伏电站年发电1200万度。", "1200万度", "万度"),
        ("开展两轮集中督查。", "两轮", "轮"),
        ("新建综合楼一栋共18层。", "18层", "层"),
        ("出动无人机6架。", "6架", "架"),
        ("收到群众感谢信12封。", "12封", "封"),
        ("发放种子3000颗。", "3000颗", "颗"),
    ],
)
def test_units_of_local_news_are_read(sentence, surface, unit):
    found = rows(sentence)
    assert surface in found and found[surface].figure.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "开展一对一帮扶。", "双方首次签约。", "他一眼就认出了老人。", "一家三口之家。", "他一口气跑完。", "三方协议已签订。",
        "新一轮改革启动。", "他三度获评先进。", "项目两层面推进。", "3架构体系。", "一封信。",
    ],
)
def test_words_that_start_with_a_unit_character_are_not_units(sentence):
    assert rows(sentence) == {}


def test_a_score_in_points_is_a_figure_but_a_time_of_day_is_not():
    found = rows("该区综合得分92.6分，游客满意度评分为4.8分，选手以98分的成绩夺冠。")
    assert {k: (v.figure.value, v.figure.unit) for k, v in found.items()} == {"92.6分": (92.6, "分"), "4.8分": (4.8, "分"), "98分": (98, "分")}
    assert rows("上午10时30分，会议召开。") == {} and rows("会议用时30分钟。")["30分钟"].figure.unit == "分钟"
    assert rows("工作十分重要。") == {}


def test_a_rate_after_a_comparison_clause_is_named_by_that_clause():
    found = rows("全区工业增加值与去年同期相比，增长5.2%。")
    assert found["5.2%"].metric == "工业增加值增长"


# -- growth wording and per-capita figures -------------------------------------------------------
def test_growth_wording_with_tongbi_is_not_cut_mid_word():
    found = rows("工业用电量同比增加1200万千瓦时。")
    assert found["1200万千瓦时"].metric in ("工业用电量", "工业用电量同比增加")


@pytest.mark.parametrize("verb", ["拥有", "具有", "持有", "现有"])
def test_a_verb_of_having_is_not_cut_to_its_first_character(verb):
    found = rows(f"全镇{verb}茶园，面积3000亩，其中{verb}3000亩。")
    assert all(not r.metric.endswith(verb[0]) for r in found.values())


@pytest.mark.parametrize(
    ("sentence", "surface", "metric"),
    [
        ("上级共下达3000万元。", "3000万元", "下达"),  # not 下
        ("全区地区生产总值年均增长8.5%。", "8.5%", "年均增长"),  # not 年增长
        ("全县农民人均3000元。", "3000元", "人均"),  # not 人
        ("通过改造，该厂共节约500万元。", "约500万元", "节约"),  # not 节
        ("全镇总共1200人参加。", "1200人", None),  # not 总
        ("估计3000人参加。", "3000人", None),  # not 估
    ],
)
def test_a_link_character_that_ends_a_word_is_not_cut_off(sentence, surface, metric):
    found = rows(sentence)
    name = found[surface].metric if surface in found else ""
    assert name.endswith(metric) if metric else len(name) != 1


def test_a_number_inside_the_metric_phrase_is_kept_whole():
    found = rows("全县共有党员1.2万余名，其中女党员3200名，35岁以下党员2100名。")
    assert found["2100名"].metric == "35岁以下党员"


@pytest.mark.parametrize(
    ("sentence", "surface", "metric"),
    [
        ("区财政拨付3000万元专项资金。", "3000万元", "拨付专项资金"),
        ("该镇争取到500万元上级补助资金。", "500万元", "争取上级补助资金"),
        ("爱心企业捐赠20万元物资。", "20万元", "捐赠物资"),
        ("为群众减免80万元医疗费用。", "80万元", "减免医疗费用"),
        ("今年安排1.2亿元财政资金支持乡村振兴。", "1.2亿元", "安排财政资金"),
        ("全年发放了3000万元贷款。", "3000万元", "发放贷款"),
    ],
)
def test_money_after_a_verb_of_giving_or_raising_measures_the_noun_after_it(sentence, surface, metric):
    """The name is the verb and the noun, as when the noun comes first (发放贷款3000万元): issue 17."""
    assert rows(sentence)[surface].metric.startswith(metric)


def test_every_growth_word_is_a_qualifier():
    found = rows("全区居民消费价格上涨2.1%，工业生产者价格下跌1.5%，用电量上升3.2%。")
    assert [found[r].qualifier for r in ("2.1%", "1.5%", "3.2%")] == ["上涨", "下跌", "上升"]
    assert found["3.2%"].metric == "用电量上升"


def test_per_capita_figures_keep_their_per_capita_word():
    found = rows("全镇农村居民人均可支配收入达到2.3万元。")
    assert found["2.3万元"].metric == "农村居民人均可支配收入" and found["2.3万元"].figure.value_norm == 23000


# -- ranks are not metrics -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence", ["该县位列全国百强县前10位。", "该队连续三年进入全省前三名。", "该镇考核排名第3。", "该县位列全省前 10位。", "该队进入全市前 \t三名。"]
)
def test_ranks_are_not_metrics(sentence):
    assert rows(sentence) == {}


def test_a_period_that_frames_other_figures_and_a_frequency_are_not_durations():
    assert set(rows("过去3年，该镇新建道路50公里。")) == {"50公里"}
    assert set(rows("每两周开展一次巡查，每月组织2次培训。")) == {"2次"}


def test_an_address_is_not_a_metric_but_a_count_of_buildings_is():
    assert rows("家住青禾小区3栋501室的老人。") == {} and rows("办事大厅位于综合楼5层。") == {}
    assert set(rows("新建住宅楼12栋，每栋18层。")) == {"12栋", "18层"}


@pytest.mark.parametrize("sentence", ["构建三位一体工作格局。", "为实现两个一百年奋斗目标而努力。", "落实四个不摘要求。"])
def test_slogans_with_numerals_are_not_metrics(sentence):
    assert rows(sentence) == {}


def test_a_count_of_meetings_is_a_figure_but_a_session_number_is_not():
    assert rows("区委常委会共召开12次会议。")["12次"].metric.endswith("会议")
    assert rows("区十四届人大三次会议隆重开幕。") == {} and rows("市委十二届五次全会召开。") == {}


def test_a_rank_beside_a_reported_figure_leaves_the_figure():
    found = rows("前10名选手每人获得奖金500元。")
    assert "500元" in found and "10名" not in found


# -- property: a fraction written out in Chinese numerals reads back to its share -----------------
CN = "零一二三四五六七八九"


def _small(n: int) -> str:
    """1 ≤ n ≤ 99 in Chinese (十, 十五, 二十, 九十九)."""
    tens, ones = divmod(n, 10)
    return (CN[tens] if tens > 1 else "") + ("十" if tens else "") + (CN[ones] if ones else "")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=99), st.data())
def test_chinese_fraction_reads_back_to_its_share(denominator, data):
    numerator = data.draw(st.integers(min_value=1, max_value=denominator))
    figure = parse_figure(f"{_small(denominator)}分之{_small(numerator)}")
    assert figure.value_norm == pytest.approx(100 * numerator / denominator)


# -- signs and ranges written with words or on both ends ------------------------------------------
@pytest.mark.parametrize(("sentence", "surface", "norm"), [("全区工业增加值增长-3.2%。", "-3.2%", -3.2), ("出口增速为－1.5%。", "－1.5%", -1.5)])
def test_a_negative_rate_keeps_its_sign(sentence, surface, norm):
    found = rows(sentence)
    assert surface in found and found[surface].figure.value_norm == norm and found[surface].figure.value == norm
    assert not found[surface].metric.endswith(("－", "-"))


@pytest.mark.parametrize(("surface", "qualifier"), [("约-3.2%", "约"), ("近-1.5%", "近"), ("约-20万元", "约")])
def test_a_negative_figure_keeps_the_qualifier_written_before_its_sign(surface, qualifier):
    figure = parse_figure(surface)
    assert figure.qualifier == qualifier and figure.approximate and figure.value_norm < 0


@pytest.mark.parametrize(("surface", "low", "high"), [("-20至30%", -20, 30), ("-10%—20%", -10, 20), ("－5至8%", -5, 8)])
def test_a_sign_before_a_range_belongs_to_its_first_end(surface, low, high):
    figure = parse_figure(surface)
    assert (figure.value_low, figure.value_high, figure.value_norm, figure.value) == (low, high, (low + high) / 2, None)


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=1, max_value=99))
def test_a_signed_range_holds_its_written_ends(first, second):
    figure = parse_figure(f"-{first}至{first + second}%")
    assert figure.value_low == -first and figure.value_high == first + second
    assert figure.value_low <= figure.value_norm <= figure.value_high


def test_a_range_with_a_dash_is_no_negative_number():
    found = rows("每组安排20-30人。")
    assert (found["20-30人"].figure.value_low, found["20-30人"].figure.value_high) == (20, 30)


@pytest.mark.parametrize(("sentence", "surface"), [("项目总投资5000万人民币。", "5000万人民币"), ("引进外资300万美金。", "300万美金"), ("捐款20万港币。", "20万港币")])
def test_currencies_written_without_yuan_are_money(sentence, surface):
    assert labels(sentence).get(surface) == "MONEY"
    figure = rows(sentence)[surface].figure
    assert figure.unit.endswith(surface[-2:]) and figure.base_unit in ("元", "美元", "港元")


# -- Chinese decimals with a multiplier, ranges in 百分之, approximate percentage points ------------
@pytest.mark.parametrize(("surface", "norm"), [("三点五万人", 35_000), ("一点二三万吨", 12_300), ("零点八亿元", 80_000_000)])
def test_a_chinese_decimal_with_a_multiplier_is_exact(surface, norm):
    figure = parse_figure(surface)
    assert figure.value_norm == norm and figure.value_low == figure.value_high == norm


@pytest.mark.parametrize(("surface", "low", "high"), [("百分之七八十", 70, 80), ("百分之十几", 11, 19), ("百分之三十几", 31, 39)])
def test_a_range_written_after_baifenzhi_is_a_range_of_percent(surface, low, high):
    figure = parse_figure(surface)
    assert (figure.value_low, figure.value_high, figure.base_unit) == (low, high, "%") and figure.approximate


@pytest.mark.parametrize(("sentence", "surface", "unit"), [("工程历时3个多月完成。", "3个多月", "个月"), ("抢修持续了两个多小时。", "两个多小时", "个小时")])
def test_more_than_n_months_or_hours_is_one_figure_not_a_count(sentence, surface, unit):
    figure = rows(sentence)[surface].figure
    assert (figure.unit, figure.qualifier, figure.value_high) == (unit, "多", None) and figure.approximate


def test_more_than_n_percentage_points():
    found = rows("全区森林覆盖率比上年提高三个多百分点。")
    figure = found["三个多百分点"].figure
    assert (figure.value, figure.base_unit, figure.value_low, figure.value_high) == (3, "百分点", 3, None) and figure.approximate


# -- digits that a PDF text layer spaced out -------------------------------------------------------
def test_letter_spaced_digits_are_one_number_not_their_last_digit():
    found = rows("新建5G基站 1 2 0 个，完成投资 3 . 5 亿元。")
    assert "0 个" not in found and "0个" not in found
    assert found["1 2 0 个"].figure.value_norm == 120 and found["3 . 5 亿元"].figure.value_norm == 350_000_000


# -- figures given respectively (分别) ----------------------------------------------------------------
def test_rates_given_respectively_inherit_the_metric_not_the_conjunction():
    found = rows("全县城镇和农村居民人均可支配收入分别达到38260元和15680元，分别增长5.6%和7.8%。")
    for rate in ("5.6%", "7.8%"):
        assert "人均可支配收入" in found[rate].metric and found[rate].metric.endswith("增长")


def test_a_list_of_metrics_given_respectively_pairs_item_and_figure():
    found = rows("工业用电量、居民用电量同比分别增长5.1%、3.2%。")
    assert found["5.1%"].metric.startswith("工业用电量") and found["3.2%"].metric.startswith("居民用电量")
    assert all(r.metric.endswith("增长") for r in found.values())  # not cut to 同 by the link word 比
    found = rows("全区粮食播种面积和产量分别为45万亩、18万吨。")
    assert found["45万亩"].metric == "粮食播种面积" and found["18万吨"].metric == "产量"
    found = rows("一季度、二季度分别完成投资12亿元、15亿元。")
    assert all(r.metric.endswith("投资") and not r.metric.startswith("分别") for r in found.values())


def test_rates_given_respectively_after_separate_facts_pair_with_them_in_order():
    found = rows("全县接待游客326.5万人次，实现旅游收入31亿元，分别增长两成和1.5倍。")
    assert found["两成"].metric.startswith("接待游客") and found["1.5倍"].metric.startswith("旅游收入")
    # a run of another length than the facts before it is not paired: it inherits as before
    found = rows("全县接待游客326.5万人次，分别增长两成和1.5倍。")
    assert found["两成"].metric == found["1.5倍"].metric


def test_a_list_of_figures_after_fenbie_each_take_the_metric():
    found = rows("第一、二、三产业增加值分别增长3.2%、6.5%和8.1%。")
    assert all("产业增加值" in found[rate].metric for rate in ("3.2%", "6.5%", "8.1%"))


def test_a_bound_word_before_a_figure_is_not_part_of_its_metric():
    found = rows("该村集体经济收入从不足5万元增长到50余万元。")
    assert found["5万元"].metric.endswith("集体经济收入") and found["50余万元"].metric.startswith("集体经济收入")
    assert found["5万元"].figure.value_high == 50_000 and found["5万元"].figure.qualifier == "不足"
