"""Metric phrase boundaries (issue 17), one construction per test, on invented sentences: which
words make up `metric` for a figure found by the rule layer. Word lists: data/metrics/."""

import pytest

from pipeline.ner.rules import default_rules
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.officials import Mention


def rows(text: str):
    mentions = [Mention(m.start, m.end, m.label, text[m.start : m.end]) for m in default_rules().find(text)]
    return relate_metrics(text, mentions)


def phrases(text: str) -> dict[str, str | None]:
    """value text → metric phrase (None when no phrase was found)."""
    return {r.value.text: None if r.metric_start is None else text[r.metric_start : r.metric_end] for r in rows(text)}


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [
        ("今年全镇粮食产量增幅超过了12%。", "12%", "粮食产量增幅"),  # aspect particle after the verb
        ("各村参训人数都在300人左右。", "300人", "各村参训人数"),  # 都在: "all at"
        ("截至10月底，完成年度目标任务3000人的95%。", "3000人", "年度目标任务"),  # achievement verb opens
        ("失业率控制在2.1%，比年度目标5%低0.3个百分点。", "5%", "年度目标"),  # comparison opens
        ("该园区入驻企业120家。", "120家", "园区入驻企业"),  # demonstrative
    ],
)
def test_verbs_particles_and_openers_are_not_part_of_the_metric(sentence, value, metric):
    assert phrases(sentence)[value] == metric


def test_a_comparison_with_a_year_inherits_the_metric():
    found = phrases("全县接待游客8.2万人次，比2022年同期增长5.6%。")
    assert found == {"8.2万人次": "接待游客", "5.6%": "接待游客"}


def test_a_parenthesised_aside_stays_inside_the_metric():
    found = phrases("全市规模以上工业增加值（不含电力）同比增长4.2%。")
    assert found["4.2%"] == "规模以上工业增加值（不含电力）"


def test_coordinated_figures_in_one_clause_each_take_their_own_noun():
    found = phrases("新建容量500立方米的清水池和容量300立方米的沉淀池。")
    assert found["500立方米"] == "容量" and found["300立方米"] == "容量"


def test_a_measure_in_a_list_is_named_before_it_not_by_the_list_end():
    found = phrases("其中河道清淤约3.5万亩、岸坡修复约1.2万亩等。")
    assert found["约1.2万亩"] == "岸坡修复"


def test_a_count_of_nouns_that_start_with_a_measure_character():
    assert phrases("12个项目完成签约。")["12个"] == "项目"


def test_words_after_a_count_that_lead_to_the_next_figure_are_not_its_noun():
    found = phrases("其中新能源3个投资超过50亿元。")
    assert found["3个"] == "新能源"


def test_a_character_of_the_word_before_is_no_approximation():
    (row,) = rows("共签约25个项目。")
    assert (row.figure.value, row.figure.approximate) == (25, False)


def test_a_figure_before_a_noun_it_describes_after_investing():
    found = phrases("主要项目有某某置业公司投资12亿元的滨河康养中心项目。")
    assert found["12亿元"].startswith("滨河康养中心")


def test_a_fact_stated_again_gives_one_row():
    text = "新增企业80家，增长20%。会议指出，新增企业80家，增长20%。"
    assert [r.value.text for r in rows(text)] == ["80家", "20%"]


def test_a_distributive_figure_names_the_whole_list():
    found = phrases("其中东区3个，西湖、南山、北塘社区各1个。")
    assert found["1个"] == "西湖、南山、北塘社区"


def test_a_threshold_after_a_bound_word_is_not_a_figure():
    found = phrases("项目投资超过10亿元的有5个。")
    assert "10亿元" not in found and "5个" in found


def test_a_phase_number_is_not_a_count():
    assert "二期" not in phrases("目前二期工程建设顺利推进，新增产能5万吨。")


def test_numbers_in_an_image_file_name_are_not_figures():
    assert phrases("图为活动现场。\nQ7B{%3X)5%K}]AB_tmb.jpg\n全镇新增就业120人。") == {"120人": "新增就业"}


@pytest.mark.parametrize(("sentence", "unit"), [("土地流转价格为800元/亩。", "元/亩"), ("最大流量30立方米/秒。", "立方米/秒"), ("新建装机容量3.5万千瓦。", "万千瓦")])
def test_rates_per_unit_and_compound_units_keep_the_whole_unit(sentence, unit):
    (row,) = rows(sentence)
    assert row.figure.unit == unit


def test_a_headline_figure_restated_in_the_body_is_kept_once_with_the_body_phrase():
    text = "新区接待游客12万人次\n本报讯 今年国庆期间，新区景区接待游客12万人次，实现旅游收入3.2亿元。"
    found = rows(text)
    assert [r.value.text for r in found] == ["12万人次", "3.2亿元"]
    assert found[0].value.start > text.index("\n")


def test_a_headline_figure_of_another_fact_in_the_body_is_kept():
    text = "全区地区生产总值744.9亿元，同比增长6.3%\n农业生产平稳，茶叶产量增长6.3%。"
    assert [r.value.text for r in rows(text)] == ["744.9亿元", "6.3%", "6.3%"]


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [
        ("该镇拥有省级龙头企业5家。", "5家", "省级龙头企业"),  # having opens the clause
        ("现有在校学生2300人。", "2300人", "在校学生"),
        ("粮食总产量稳定在50万吨以上。", "50万吨", "粮食总产量"),  # a level held
        ("为60名留守儿童送去学习用品。", "60名", "留守儿童"),  # the counted noun ends at the verb
        ("3名党员干部受到表彰。", "3名", "党员干部"),
        ("共收到书法爱好者的4382幅参赛作品。", "4382幅", "参赛作品"),  # a verb that makes a noun
    ],
)
def test_having_levels_and_the_end_of_a_counted_noun(sentence, value, metric):
    assert phrases(sentence)[value] == metric


def test_a_change_from_one_figure_to_another_inherits_the_metric():
    assert phrases("全镇常住人口由3.2万人增加到3.6万人。") == {"3.2万人": "常住人口", "3.6万人": "常住人口"}


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [
        ("全市外贸进出口总额完成86亿元。", "86亿元", "外贸进出口总额"),  # 总额 is part of the noun
        ("该区共有市场主体8.6万户，比年初净增6200户。", "6200户", "市场主体"),  # net change inherits
        ("每万人发明专利拥有量8.5件。", "8.5件", "每万人发明专利拥有量"),  # a rate with decimals is a figure
    ],
)
def test_nouns_ending_in_link_characters_and_rates(sentence, value, metric):
    assert phrases(sentence)[value] == metric


def test_a_long_phrase_is_never_cut_mid_word():
    after = phrases("甲某、乙某等97人当选为第十二届市政协常务委员。")
    assert after["97人"] == "当选为第十二届市政协常务委员"
    before = phrases("全县农村集体经济组织年度经营性收入总额突破3000万元。")
    assert before["3000万元"] == "农村集体经济组织年度经营性收入总额"  # 18 characters, no 的 to cut at


@pytest.mark.parametrize("sentence", ["扎实开展“三个一批”活动。", '扎实开展"三个一批"活动。'])
def test_a_quoted_label_is_no_figure_with_curly_or_straight_quotes(sentence):
    assert phrases(sentence) == {}


def test_a_headline_wrapped_over_two_lines_is_still_the_headline():
    text = "城区新建公园\n今年新建口袋公园12个\n本报讯 今年以来，我区新建口袋公园12个，受到群众欢迎。"
    found = rows(text)
    assert [r.value.text for r in found] == ["12个"] and found[0].value.start > text.index("本报讯")


def test_a_quoted_label_whose_quotes_came_out_reversed():
    assert phrases("扎实开展”三个一批“活动。") == {}


def test_the_head_noun_after_the_last_de_is_the_metric():
    assert phrases("活动吸引了来自全国各地的选手200余名。")["200余名"] == "选手"


def test_a_passive_verb_ends_the_counted_noun():
    assert phrases("该县有15个村被评为省级卫生村。")["15个"] == "村"


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [("完成3个目标任务。", "3个", "目标任务"), ("工作分为5个阶段。", "5个", "阶段"), ("设立12个部门。", "12个", "部门")],
)
def test_a_measure_word_clashes_only_with_its_own_compounds(sentence, value, metric):
    assert phrases(sentence)[value] == metric  # 个目标 is a count; 项目, 部门, 年度 are words


@pytest.mark.parametrize("sentence", ["近3年来累计投入资金。", "力争在5年内建成。", "今年年底前完成。"])
def test_years_as_a_span_of_time_are_not_figures(sentence):
    assert phrases(sentence) == {}


def test_money_after_an_abbreviation_and_approximate_lai():
    assert phrases("全年GDP3000亿元。") == {"3000亿元": "GDP"}
    (row,) = rows("现场约200来人参加。")
    assert (row.figure.value, row.figure.unit, row.figure.approximate) == (200, "人", True)
    assert phrases("PM2.5浓度持续下降。") == {}


def test_a_bare_wan_or_yi_amount_closing_a_clause():
    found = {r.value.text: (r.value.label, r.figure.value_norm, r.figure.unit) for r in rows("项目总投资1.5亿，全镇常住人口3.2万。")}
    assert found == {"1.5亿": ("MONEY", 150_000_000, "亿"), "3.2万": ("QUANTITY", 32_000, "万")}
    assert rows("情况十万火急。") == []


@pytest.mark.parametrize(("sentence", "value"), [("全镇共3 000人参加。", 3000), ("全镇共1，200人参加。", 1200), ("全镇共2,000多人参加。", 2000)])
def test_thousands_separated_by_a_space_or_a_comma_read_as_one_number(sentence, value):
    (row,) = rows(sentence)
    assert row.figure.value == value  # never 000人 → 0


def test_a_bracketed_second_measure_word_belongs_to_the_unit():
    (row,) = rows("购置设备30台（套）。")
    assert (row.figure.value, row.figure.unit) == (30, "台(套)")


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [("黄金周期间，该景区共接待游客近4万人次。", "近4万人次", "接待游客"), ("全镇工业销售收入已经接近20亿元。", "近20亿元", "工业销售收入")],
)
def test_inner_adverbs_and_split_qualifiers_are_not_part_of_the_metric(sentence, value, metric):
    assert phrases(sentence)[value] == metric


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [("参会代表120名听取了报告。", "120名", "参会代表"), ("志愿者300余人次深入社区开展服务。", "300余人次", "志愿者"), ("学员50人顺利结业。", "50人", "学员")],
)
def test_a_counted_subject_before_its_predicate_names_the_metric(sentence, value, metric):
    assert phrases(sentence)[value] == metric


def test_a_rate_describing_the_noun_after_it_and_the_three_sectors():
    assert phrases("该县以12.5%的增速领跑全市。") == {"12.5%": "增速"}
    assert "三次" not in phrases("三次产业结构不断优化。")


@pytest.mark.parametrize(
    ("sentence", "value", "metric"),
    [("全区农村居民人均可支配收入达2.13万元。", "2.13万元", "农村居民人均可支配收入"), ("全县公共服务支出12亿元。", "12亿元", "公共服务支出")],
)
def test_adverb_characters_inside_words_do_not_cut_the_metric(sentence, value, metric):
    assert phrases(sentence)[value] == metric  # 人均, 公共


@pytest.mark.parametrize(("sentence", "unit"), [("七成以上农户参加。", "成"), ("投放鱼苗50万尾。", "万尾"), ("面积120平方千米。", "平方千米")])
def test_tenths_fish_and_square_kilometres_are_units(sentence, unit):
    (row,) = rows(sentence)
    assert row.figure.unit == unit


@pytest.mark.parametrize("sentence", ["近5年，全县新增企业。", "这一成绩来之不易。"])
def test_spans_of_years_and_cheng_inside_words_are_not_figures(sentence):
    assert rows(sentence) == []
