"""Metric names built from parts (issue 17), one kind per test, on invented sentences: the `metric`
name of a figure may join words that do not stand together in the text, while its phrase span
(metric_start/metric_end) stays one stretch of the text. Kinds: pipeline/relations/metrics.py's
docstring; word lists: data/metrics/ (growth_words, attribute_words, after_noun_tails,
time_span_openers, set_phrases)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ner.rules import default_rules
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.officials import Mention


def rows(text: str):
    mentions = [Mention(m.start, m.end, m.label, text[m.start : m.end]) for m in default_rules().find(text)]
    return relate_metrics(text, mentions)


def names(text: str) -> dict[str, str | None]:
    """value text → built metric name."""
    return {r.value.text: r.metric for r in rows(text)}


def spans(text: str) -> dict[str, str | None]:
    """value text → metric phrase as written (the span)."""
    return {r.value.text: None if r.metric_start is None else text[r.metric_start : r.metric_end] for r in rows(text)}


# -- span: the phrase as written -----------------------------------------------------------------
def test_a_plain_phrase_is_its_own_name():
    assert names("全区绿色贷款余额达8.5亿元。") == {"8.5亿元": "绿色贷款余额"}


def test_the_aspect_particle_is_not_part_of_the_name_but_stays_in_the_span():
    text = "今年以来共接待了国内外客商120批次。"
    assert names(text)["120批次"] == "接待国内外客商"
    assert spans(text)["120批次"] == "接待了国内外客商"


# -- rate: growth wording ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全镇工业增加值同比增长5.2%。", "5.2%", "工业增加值同比增长"),  # wording between metric and figure
        ("全市进出口总额320亿元，增长9.1%。", "9.1%", "进出口总额增长"),  # inherited from the clause before
        ("全县接待游客8.2万人次，比2022年同期增长5.6%。", "5.6%", "接待游客增长"),  # a comparison before the wording
        ("税收收入86亿元，净增12亿元。", "12亿元", "税收收入净增"),  # an absolute change inherits too
        ("服务业比重提高1.5个百分点。", "1.5个百分点", "服务业比重提高"),
    ],
)
def test_a_rate_is_named_with_its_growth_wording(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全县贷款余额增加了12亿元。", "12亿元", "贷款余额增加"),
        ("全镇常住人口减少300人。", "300人", "常住人口减少"),
        ("耕地面积增加约2300亩。", "约2300亩", "耕地面积增加"),
    ],
)
def test_an_absolute_change_is_named_with_its_growth_wording(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全县工业经济运行平稳，同比增长8.1%。", "8.1%", "工业经济同比增长"),
        ("全市外贸形势持续向好，增长12%。", "12%", "外贸增长"),
    ],
)
def test_a_rate_after_a_statement_of_how_it_went_is_of_its_subject(sentence, value, name):
    assert names(sentence)[value] == name


def test_a_statement_of_how_it_went_names_no_amount():
    assert rows("他的身体状况良好，3.5万元。") == []  # only a rate is read as the statement's


def test_a_change_verb_before_a_count_acts_on_the_noun_after_it():
    found = names("专项资金累计降低120户小微企业融资费用。")
    assert not found["120户"].endswith("降低")


def test_a_rate_after_a_rate_does_not_repeat_the_wording():
    found = names("全区财政收入同比增长8%，环比下降2%。")
    assert found == {"8%": "财政收入同比增长", "2%": "财政收入环比下降"}


def test_a_new_level_after_increase_to_is_not_a_change():
    assert names("全镇常住人口由3.2万人增加到3.6万人。") == {"3.2万人": "常住人口", "3.6万人": "常住人口"}


def test_a_rate_without_growth_wording_keeps_its_phrase():
    assert names("全县森林覆盖率达62.5%。") == {"62.5%": "森林覆盖率"}


def test_nothing_is_built_on_a_phrase_that_is_only_a_date():
    found = names("游客接待人数都在5000人以上，正月初八达到了6120人次，同比增长9.6%。")
    assert found["9.6%"] == "正月初八"  # the figure before it counts 人, not 人次: nothing to take


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("其中，正月初一接待游客8000人次，正月初二达到9500人次，同比增长12.5%。", "9500人次", "正月初二接待游客"),
        ("其中，正月初一接待游客8000人次，正月初二达到9500人次，同比增长12.5%。", "12.5%", "正月初二接待游客同比增长"),
        ("10月1日售出门票3200张，10月3日为4100张。", "4100张", "10月3日售出门票"),
    ],
)
def test_a_date_alone_before_a_figure_takes_the_metric_of_the_figure_before_it_in_the_same_unit(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("今年计划实施民生项目12项。截至目前，已完成9项。", "9项", "实施民生项目"),
        ("全年计划投资20亿元。目前已完成12亿元。", "12亿元", "投资"),
    ],
)
def test_a_count_with_no_phrase_counts_what_the_sentence_before_counted(text, value, name):
    assert names(text)[value] == name


@pytest.mark.parametrize(
    "text",
    ["今年计划实施民生项目12项。截至目前，已完成9个。", "今年计划实施民生项目12项。\n截至目前，已完成9项。"],
)
def test_a_count_with_no_phrase_takes_nothing_from_another_unit_or_paragraph(text):
    assert "9项" not in names(text) and "9个" not in names(text)


@pytest.mark.parametrize("wording", ["同比分别增长", "分别同比增长", "比上年分别增长"])
def test_rates_given_respectively_after_link_words_go_one_to_each_fact(wording):
    found = names(f"全年接待游客120万人次，实现旅游综合收入8.6亿元，{wording}12%和15%。")
    growth = "同比增长" if "同比" in wording else "比上年增长"  # the base is growth wording as 同比 is
    assert (found["12%"], found["15%"]) == ("接待游客" + growth, "旅游综合收入" + growth)


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("其中，建筑业增长7.5%，批发、零售和住宿业增长5.4%。", "5.4%", "批发、零售和住宿业增长"),
        ("从限额以上商品看，粮油、食品、饮料类增长8.2%。", "8.2%", "粮油、食品、饮料类增长"),
        # a long item before 、 is a clause of its own: 绿化补植 is not part of the next figure's name
        ("整治内容包括沿河两岸堤坝的绿化补植、水面清理约3万亩。", "约3万亩", "水面清理"),
    ],
)
def test_short_items_joined_by_a_list_mark_stay_in_the_name(sentence, value, name):
    assert names(sentence)[value] == name


def test_figures_joined_by_a_list_mark_keep_their_own_names():
    assert names("全镇新增企业80家、个体工商户200户。") == {"80家": "新增企业", "200户": "个体工商户"}


# -- attribute: a word before the figure that describes the noun after 的 --------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "name", "span"),
    [
        ("主要项目有某某置业公司投资12亿元的滨河康养中心项目。", "12亿元", "滨河康养中心项目投资", "滨河康养中心项目"),
        ("新建库容500立方米的清水池和库容300立方米的沉淀池各1座。", "500立方米", "清水池库容", "库容"),
        ("建成全长8公里的环湖绿道。", "8公里", "环湖绿道全长", None),
    ],
)
def test_an_attribute_before_the_figure_names_the_noun_after_it(sentence, value, name, span):
    assert names(sentence)[value] == name
    if span is not None:
        assert spans(sentence)[value] == span  # the span stays where it was found


def test_an_attribute_without_de_keeps_its_phrase():
    assert names("该项目总投资5亿元，占地面积300亩。") == {"5亿元": "项目总投资", "300亩": "占地面积"}


# -- shared noun: a run of figures before one noun ------------------------------------------------
def test_figures_joined_by_a_conjunction_share_the_noun_after_them():
    text = "新城区完成2条主干道及5.5公里和3公里的雨水管网建设。"
    found = names(text)
    assert found["5.5公里"] == "雨水管网" and found["3公里"] == "雨水管网"  # 建设 closes the noun
    assert spans(text)["3公里"] == "雨水管网建设"  # the span is as written


def test_a_count_and_measures_written_together_share_their_noun_and_the_measures_say_their_dimension():
    found = names("北区完成3条6.4公里、18万平方米城市次干道建设。")
    assert found == {"3条": "城市次干道", "6.4公里": "城市次干道长度", "18万平方米": "城市次干道面积"}
    found = names("先后修筑园区内道路12条31.5公里。")
    assert found == {"12条": "修筑园区内道路", "31.5公里": "修筑园区内道路长度"}


def test_a_measure_without_a_count_of_the_same_things_takes_no_dimension():
    assert names("铺设供排水管网42.5公里，新建道路3条。") == {"42.5公里": "铺设供排水管网", "3条": "道路"}


def test_figures_with_nouns_of_their_own_are_no_run():
    found = names("新增企业80家、个体工商户200户。")
    assert found == {"80家": "新增企业", "200户": "个体工商户"}


def test_a_figure_with_a_noun_before_it_shares_no_noun_after_a_run_of_one_unit():
    found = names("争取银行授信五亿多元、数十万元贴息。")
    assert found == {"五亿多元": "争取银行授信", "数十万元": "贴息"}


# -- nouns after a figure ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("在某某集团公司50万吨精品钢项目建设现场，考察组听取汇报。", "50万吨", "精品钢项目"),  # 建设现场 closes it
        ("开启了为期5天的基层干部能力提升培训。", "5天", "基层干部能力提升培训"),  # 为期: the length of the noun after 的
        ("组建起150余人的应急救援队伍。", "150余人", "应急救援队伍"),
        ("全镇28家规上企业中，有21家实现增长。", "28家", "规上企业"),  # 中 makes it the whole counted from
        ("新建2所初中。", "2所", "新建初中"),  # not the 中 of 初中
    ],
)
def test_the_noun_after_a_figure(sentence, value, name):
    assert names(sentence)[value] == name


def test_the_members_a_body_is_made_of_measure_the_body():
    assert names("大会选举产生了由25人组成的新一届委员会。") == {"25人": "新一届委员会"}


def test_a_count_that_opens_its_clause_names_what_the_counted_did():
    assert names("活动当天，2000余人参加。") == {"2000余人": "参加"}


def test_a_measure_that_opens_its_clause_names_the_noun_after_it():
    assert names("全镇新建基地3处，5000亩的示范基地已投产。")["5000亩"] == "示范基地"


def test_a_figure_with_nothing_measured_gives_no_row():
    assert rows("他连声说：3.5万元！") == []  # a metric row needs a measured thing


def test_a_stop_word_ends_the_counted_noun_only_after_its_start():
    assert names("已有45家企业入驻园区。") == {"45家": "企业"}
    assert names("园区现有45家入驻企业。") == {"45家": "入驻企业"}


def test_words_that_run_into_a_figure_the_number_rules_missed_are_not_the_noun():
    assert names("其中新能源2个投资突破百亿元，文旅项目3个。")["2个"] == "新能源"


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全力办好30件民生实事……会上还通报了其他工作。", "30件", "民生实事"),  # an ellipsis ends the noun
        ("全力办好30件民生实事......会上还通报了其他工作。", "30件", "民生实事"),
        ("200多位海外乡贤齐聚家乡。", "200多位", "海外乡贤"),
    ],
)
def test_the_noun_after_a_count_ends_at_an_ellipsis_or_a_gathering_verb(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("项目建成后可实现年产值8亿元。", "8亿元", "年产值"),  # a modal and 实现 open the clause
        ("投产后将新增就业岗位300个。", "300个", "新增就业岗位"),
        ("此次第九期重点项目集中签约活动项目16个。", "16个", "重点项目集中签约活动项目"),  # which round
    ],
)
def test_a_modal_before_a_forecast_and_the_round_of_an_event_are_openers(sentence, value, name):
    assert names(sentence)[value] == name


# -- not metrics -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "其余5天游客人数平稳。",  # a stretch of time pointed at, not a duration reported
        "这两天气温回升。",
        "最近3天气温回升。",  # 最近's 近 is no estimate of the 3 days
        "历时5天。",  # the time what follows took
        "二期车间正在建设。",  # which phase, not how many
        "前3天阴雨不断。",  # the first days of a period
        "全镇一亩耕地也不撂荒。",  # not a single one
        "推行一户一策帮扶。",  # slogans
        "群众办事最多跑一次。",
        "服务窗口24小时值守。",  # round the clock (24小时内 is kept)
        "打造15分钟便民生活圈。",  # a reach that names a circle
        "县四套班子领导出席。",  # a name
        "两项指标均创新高。",  # a count pointing back
        "他给记者算了一笔账。",  # a reckoning
        "假期7天时间里客流不断。",  # the stretch later figures were counted in
    ],
)
def test_numbers_in_set_phrases_and_pointed_times_are_not_figures(sentence):
    assert rows(sentence) == []


@pytest.mark.parametrize("sentence", ["扎实开展“三个一批”活动。", "按照“1小时响应、3小时到场、12小时办结”时限办理。", "开展”五个一“活动。"])
def test_a_figure_inside_short_quotes_is_a_label(sentence):
    assert rows(sentence) == []


def test_a_figure_between_two_quoted_words_is_not_inside_quotes():
    found = names("对“议事会”辖区近50名居民代表“零距离”回访。")
    assert "近50名" in found


def test_a_figure_in_a_question_is_asked_not_reported():
    assert rows("“每周能有多少场演出？能容纳500人吗？”") == []
    assert names("全年演出120场。") == {"120场": "演出"}


def test_a_count_that_names_a_product_group_before_its_growth_is_no_figure():
    found = names("水泥增长2.3%，六种主要建材增长1.8%。")
    assert "六种" not in found and found["1.8%"] == "六种主要建材增长"


def test_a_duration_within_a_deadline_is_kept():
    assert "24小时" in names("群众诉求24小时内办结。")


@pytest.mark.parametrize("sentence", ["力争二期工程15个月内完工。", "要求各乡镇1周内完成排查。"])
def test_the_deadline_of_a_plan_is_no_figure(sentence):
    assert rows(sentence) == []


def test_a_deadline_is_no_part_of_the_name():
    assert names("全县将在5年内新建公园8个。") == {"8个": "公园"}


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全面完成9所中小学校舍改造任务。", "9所", "中小学校舍改造任务"),  # 中小学 is no locative 中
        ("尚未整改的2处隐患务必在月底前整改到位。", "2处", "隐患"),
        ("建有宿舍楼3栋及食堂、操场。", "3栋", "建有宿舍楼"),
        ("流转土地800亩发展林下经济。", "800亩", "流转土地"),
    ],
)
def test_a_conjunction_a_verb_or_a_modal_after_the_figure_opens_no_noun(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("带动周边一百多户茶农户均增收6000元。", "一百多户", "茶农"),  # 户均 goes on with the clause
        ("带动260户农户人均增收1800元。", "260户", "带动农户"),  # an amount after the growth word: the households are counted
    ],
)
def test_a_count_before_a_per_head_amount_counts_its_noun(sentence, value, name):
    assert names(sentence)[value] == name


def test_a_measure_word_before_a_place_name_is_no_unit():
    assert names("七台山景区当天接待游客2万人次。") == {"2万人次": "七台山景区当天接待游客"}
    assert "六台" not in names("游客纷纷走进六台山滑雪场。")


# -- owner: a rate noun, a target or an attribute alone names a part of the metric before it -----
@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全镇财政收入3200万元，增幅达18%。", "18%", "财政收入增幅"),  # a rate noun alone
        ("某厂销售收入接近9亿元，同比增幅超过了25%。", "25%", "某厂销售收入同比增幅"),
        ("全县固定资产投资同比增长8.2%，增速比上半年回落1.3个百分点。", "1.3个百分点", "固定资产投资增速比上半年回落"),
        ("全县实现地区生产总值125.6亿元，比上年增长6.1%，增速高于全市0.5个百分点。", "0.5个百分点", "地区生产总值增速高于全市"),
        ("服务业增加值46亿元，比重达到52%。", "52%", "服务业增加值比重"),
    ],
)
def test_a_rate_noun_alone_is_named_with_the_metric_before_it(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全镇一般公共预算收入完成2.1亿元，完成年度目标的105%。", {"2.1亿元": "一般公共预算收入", "105%": "一般公共预算收入完成年度目标"}),
        (
            "实现城镇新增就业1.2万人，完成年目标任务1.1万人的109%。",
            {"1.2万人": "城镇新增就业", "1.1万人": "城镇新增就业年目标任务", "109%": "城镇新增就业完成年目标任务"},
        ),
    ],
)
def test_a_target_is_named_with_the_metric_it_is_the_target_of(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("此次甲类活动项目16个，总投资42.5亿元。", "42.5亿元", "甲类活动项目总投资"),
        ("文旅项目9个，总投资20.7亿元，占地面积860亩。", "860亩", "文旅项目占地面积"),
    ],
)
def test_an_attribute_alone_after_a_count_is_the_counted_things_attribute(sentence, value, name):
    assert names(sentence)[value] == name


def test_an_attribute_after_a_measure_of_its_own_keeps_its_name():
    # 占地面积 after a sum of money: both describe 项目, neither belongs to the other
    assert names("该项目总投资5.8亿元，占地面积120亩。") == {"5.8亿元": "项目总投资", "120亩": "占地面积"}


def test_an_attribute_after_a_count_of_households_is_not_theirs():
    found = names("该项目涉及居民楼42栋、住户1860户，总投资1.26亿元。")
    assert found["1.26亿元"] == "总投资"  # not 住户总投资


def test_an_owner_is_looked_for_in_the_same_sentence_only():
    assert names("全镇新建文化广场3个。总投资800万元。")["800万元"] == "总投资"


def test_a_rate_noun_with_a_subject_of_its_own_keeps_its_name():
    assert names("全区税收收入12亿元，第二产业占比提高1个百分点。")["1个百分点"] == "第二产业占比提高"


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("该镇已累计完成土地流转1.8万亩，占全镇耕地面积的62%。", "62%", "占全镇耕地面积"),
        ("全市完成固定资产投资320亿元，占年度计划的78%。", "78%", "固定资产投资占年度计划"),  # a target: 占 relates it
        ("民营经济占全县经济总量的比重为61.5%。", "61.5%", "民营经济占全县经济总量的比重"),  # 的 before a rate noun stays
    ],
)
def test_a_share_named_by_its_whole_keeps_its_phrase_but_a_share_of_a_target_takes_the_metric(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全县一般公共预算收入完成8.2亿元，为年度预算的102%。", "102%", "一般公共预算收入为年度预算"),
        ("全县地区生产总值增长6.5%，比全市高1.2个百分点。", "1.2个百分点", "地区生产总值比全市高"),
        ("规模以上工业增加值增长9.1%，增速比一季度加快2.3个百分点。", "2.3个百分点", "规模以上工业增加值增速比一季度加快"),
    ],
)
def test_a_share_of_a_budget_or_a_difference_in_points_takes_the_metric_before_it(sentence, value, name):
    assert names(sentence)[value] == name


def test_an_inherited_name_loses_only_the_growth_wording_at_its_end():
    # 增加 inside 增加值 is no growth word: the rate after a rate is 工业增加值 + its own wording
    found = names("全市工业增加值增长9.1%，同比提高2个百分点。")
    assert found == {"9.1%": "工业增加值增长", "2个百分点": "工业增加值同比提高"}


def test_a_built_up_area_is_no_opener():
    assert names("全区建成区绿化覆盖率40.2%。") == {"40.2%": "建成区绿化覆盖率"}


def test_a_stretch_of_years_before_a_level_is_no_metric():
    found = names("全县粮食总产量达到32.5万吨，连续五年稳定在30万吨以上。")
    assert found == {"32.5万吨": "粮食总产量", "30万吨": "粮食总产量"}


# -- the verb before a figure goes with the noun after it ------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("开幕式上共签约26个项目。", "约26个", "签约项目"),  # the mention holds 约 of 签约; the figure does not
        ("新建12公里道路。", "12公里", "新建道路"),
        ("该镇投资5000万元建设污水处理厂。", "5000万元", "投资建设污水处理厂"),
        ("该镇争取到800万元上级补助资金。", "800万元", "争取上级补助资金"),  # 到 is no part of the verb
    ],
)
def test_the_verb_before_a_figure_goes_in_front_of_the_noun_after_it(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("组建起150余人的应急救援队伍。", "150余人", "应急救援队伍"),  # 的: the size of the noun, not what was done
        ("开启了为期5天的基层干部培训。", "5天", "基层干部培训"),  # 为期 frames the figure
        ("乡里开展了为期3天的集中培训。", "3天", "集中培训"),  # after 的, 集中 modifies the noun
        ("培训为期4天，共有80名学员参加。", "4天", "培训"),  # 为期 is a link word before the figure
        ("可抵扣最高50%的担保费。", "50%", "担保费"),
    ],
)
def test_a_frame_word_or_a_de_keeps_the_verb_out(sentence, value, name):
    assert names(sentence)[value] == name


def test_a_noun_after_a_count_may_open_with_an_age():
    assert names("为全区2.3万名60岁以上老人建立健康档案。")["2.3万名"].startswith("60岁以上老人")


# -- subject: the words before an inner adverb (共, 累计, 分别) ------------------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全县规模以上工业企业共实现利润12亿元。", "12亿元", "规模以上工业企业利润"),  # 实现 goes as in 实现地区生产总值
        ("该市各景区共接待游客33万人次。", "33万人次", "各景区接待游客"),  # 该市 is an opener
        ("全县农村公路累计通车里程达到3200公里。", "3200公里", "农村公路通车里程"),
        ("全县各级各类学校共有在校学生5.6万人。", "5.6万人", "各级各类学校在校学生"),
        ("全区先后建成文化站12个。", "12个", "文化站"),  # only openers before the adverb: no subject
    ],
)
def test_a_subject_before_an_inner_adverb_stays_in_the_name(sentence, value, name):
    assert names(sentence)[value] == name


def test_a_subject_before_an_inner_adverb_stays_out_of_the_span():
    assert spans("该市各景区共接待游客33万人次。")["33万人次"] == "接待游客"


def test_a_time_phrase_before_an_inner_adverb_is_no_subject():
    assert names("据统计，活动期间共吸引游客5.6万人次。") == {"5.6万人次": "吸引游客"}


def test_an_adverb_after_a_figure_opens_no_noun():
    assert names("仅用时3个月就完成了主体建设。")["3个月"].endswith("用时")  # it was named 就


def test_subjects_listed_before_respectively_go_one_to_each_figure():
    found = names("甲镇、乙镇、丙镇分别完成投资2.3亿元、1.8亿元和1亿元，分别增长5%、6%和7%。")
    assert [found[v] for v in ("2.3亿元", "1.8亿元", "1亿元")] == ["甲镇完成投资", "乙镇完成投资", "丙镇完成投资"]
    assert [found[v] for v in ("5%", "6%", "7%")] == ["甲镇完成投资增长", "乙镇完成投资增长", "丙镇完成投资增长"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "城镇和农村居民人均可支配收入分别达到38650元和19200元，分别增长5.8%和7.6%。",
            {"38650元": "城镇居民人均可支配收入", "19200元": "农村居民人均可支配收入",
             "5.8%": "城镇居民人均可支配收入增长", "7.6%": "农村居民人均可支配收入增长"},
        ),
        ("全县出口、进口分别完成12亿元和8亿元。", {"12亿元": "出口", "8亿元": "进口"}),
    ],
)
def test_a_list_given_respectively_gives_each_figure_its_item_with_the_shared_head(sentence, expected):
    assert names(sentence) == expected


def test_a_list_of_items_of_two_lengths_stays_whole():
    found = names("第一、二、三产业增加值分别增长3.5%、7.8%和6.2%。")
    assert set(found.values()) == {"第一、二、三产业增加值增长"}


def test_subjects_that_do_not_match_the_run_are_left_out():
    found = names("甲镇、乙镇、丙镇分别完成投资2.3亿元和1.8亿元。")
    assert found == {"2.3亿元": "完成投资", "1.8亿元": "完成投资"}


def test_a_figure_inheriting_from_a_figure_without_a_phrase_gives_no_row():
    assert rows("他连声说：3.5万元，增长5%。") == []  # the source has no phrase: nothing to name it by


# -- headline and body ---------------------------------------------------------------------------
def test_a_headline_that_rounds_a_body_figure_is_the_same_fact():
    text = "国庆长假某县实现旅游收入超亿元\n记者从县文旅局获悉，国庆长假期间全县实现旅游收入10230万元，接待游客12万人次。"
    found = rows(text)
    assert [r.value.text for r in found] == ["10230万元", "12万人次"]  # the headline's 超亿元 is the body's figure


def test_a_headline_that_writes_a_metric_short_states_the_body_fact_once():
    text = "某县前三季度GDP增长6.5% 工业增加值增长8%\n记者从县统计局获悉，前三季度全县地区生产总值同比增长6.5%。"
    assert names(text) == {"6.5%": "地区生产总值同比增长", "8%": "工业增加值增长"}


def test_a_space_in_a_title_line_parts_its_clauses():
    text = "某县12个项目集中签约 协议投资达86亿元\n本报讯 近日，某县举行项目集中签约仪式。"
    assert names(text)["86亿元"] == "协议投资"


def test_a_space_in_a_body_sentence_is_extraction_noise():
    assert names("全镇共接待游 客 12 万人次，实现旅游收入 8600 万元。")["12 万人次"] == "接待游客"


@pytest.mark.parametrize(
    "headline",
    [
        "国庆长假某县实现旅游收入1亿元",  # exact in the headline: not a rounding of the body's
        "国庆长假某县实现旅游收入超2亿元",  # too far from the body's figure
        "国庆长假某县商品房销售额超亿元",  # another metric
    ],
)
def test_a_headline_figure_that_is_not_a_rounding_of_the_body_stays(headline):
    text = headline + "\n记者从县文旅局获悉，国庆长假期间全县实现旅游收入10230万元，接待游客12万人次。"
    assert len(rows(text)) == 3


# -- a figure's clause going on without a mark ------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全县接待游客12万人次同比增长15%。", {"12万人次": "接待游客", "15%": "接待游客同比增长"}),  # no product group
        ("全县新增城镇就业1200人超额完成年度任务。", {"1200人": "新增城镇就业"}),
        ("今年全县粮食播种面积达到52万亩创历史新高。", {"52万亩": "粮食播种面积"}),
        ("全县建成高标准农田3万亩惠及农户1.2万户。", {"3万亩": "高标准农田", "1.2万户": "农户"}),
    ],
)
def test_a_predicate_right_after_a_figure_is_not_its_noun(sentence, expected):
    assert names(sentence) == expected


# -- 多 after the unit ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("新修的水渠有1公里多长。", "1公里", "水渠"),  # 长 says which dimension; it is no noun
        ("村里的核桃树已有两米多高。", "两米", "核桃树"),
    ],
)
def test_more_after_the_unit_makes_the_figure_approximate(sentence, value, name):
    (row,) = [r for r in rows(sentence) if r.value.text == value]
    assert row.figure.approximate and row.figure.qualifier == "多" and row.figure.value_low == row.figure.value
    assert row.metric == name


def test_more_that_opens_a_word_after_a_count_is_no_qualifier():
    (row,) = rows("全镇3个多功能厅已投用。")
    assert not row.figure.approximate and row.metric == "多功能厅"


# -- properties ------------------------------------------------------------------------------------
NOUNS = st.sampled_from(["工业增加值", "社会消费品零售总额", "粮食产量", "接待游客", "财政收入", "外贸进出口额"])
GROWTH = st.sampled_from(["增长", "同比增长", "下降", "同比下降", "提高"])


@settings(max_examples=60, deadline=None)
@given(noun=NOUNS, amount=st.integers(1, 9999), growth=GROWTH, rate=st.integers(1, 99))
def test_an_inherited_rate_is_the_metric_and_its_wording(noun, amount, growth, rate):
    """…X达N亿元，<growth>R%: the rate's name is X + wording; its span is X's span, as written."""
    text = f"今年全县{noun}达{amount}亿元，{growth}{rate}%。"
    (level, change) = rows(text)
    assert level.metric == noun and change.metric == noun + growth
    assert text[change.metric_start : change.metric_end] == noun


@settings(max_examples=60, deadline=None)
@given(noun=NOUNS, amount=st.integers(1, 9999), growth=GROWTH, rate=st.integers(1, 99))
def test_a_span_is_one_stretch_of_the_text_and_the_name_is_made_of_its_words(noun, amount, growth, rate):
    text = f"截至9月底，全镇{noun}{amount} 万元，{growth} {rate}%；其中 3个项目投资 {amount}亿元的滨河公园项目。"
    for row in rows(text):
        if row.metric_start is not None:
            assert 0 <= row.metric_start < row.metric_end <= len(text)
        assert row.metric is None or (row.metric and not any(c.isspace() for c in row.metric))
        assert row.metric is None or set(row.metric) <= set(text)  # built from the text's words, none invented


CLAUSES = st.sampled_from(
    [
        "全县规模以上工业企业共实现利润12亿元", "增长5.2%", "甲镇、乙镇分别完成投资2.3亿元和1.8亿元", "分别增长5%和6%",
        "其中文旅项目9个", "总投资20.7亿元", "完成年度目标的105%", "增速比上半年回落1.3个百分点", "占全镇耕地面积的62%",
        "他连声说：3.5万元", "连续五年稳定在30万吨以上", "签约12个项目", "新修的水渠有1公里多长", "3000余人参加",
        "为1200名困难群众发放救助金360万元", "正月初六达到了7938人次", "该景区共接待游客近4万人次",
    ]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(CLAUSES, st.sampled_from(["，", "；", "。", "、", "\n"])), min_size=1, max_size=6))
def test_any_sequence_of_report_clauses_gives_names_without_spaces_and_never_fails(parts):
    """Clauses of the shapes above in any order and with any marks between: every row has a
    non-empty name of the text's characters, and relate_metrics never raises."""
    text = "".join(clause + mark for clause, mark in parts)
    for row in rows(text):
        assert row.metric and not any(c.isspace() for c in row.metric) and set(row.metric) <= set(text)


# -- bounds and estimates written outside the figure's span ---------------------------------------
@pytest.mark.parametrize(
    "sentence, value, low, high, qualifier",
    [
        ("全镇涉农贷款突破2亿元。", "2亿元", 2e8, None, "突破"),
        ("参加培训的群众超过3000人次。", "3000人次", 3000, None, "超过"),
        ("计划完成投资50亿元以上。", "50亿元", 5e9, None, "以上"),
        ("全年税收不到5亿元。", "5亿元", None, 5e8, "不到"),
        ("参保农户不足300户。", "300户", None, 300, "不足"),
        ("工业用电量增长8.8%左右。", "8.8%", None, None, "左右"),
        ("森林覆盖率不低于65%。", "65%", 65, None, "不低于"),
        ("明年投入不少于800万元。", "800万元", 8e6, None, "不少于"),
        ("单笔采购不超过5万元。", "5万元", None, 5e4, "不超过"),
    ],
)
def test_a_bound_written_beside_the_figure_makes_it_approximate(sentence, value, low, high, qualifier):
    (row,) = [r for r in rows(sentence) if r.value.text == value]
    assert row.figure.approximate and qualifier in row.figure.qualifier.split(",")
    assert (row.figure.value_low, row.figure.value_high) == (low, high)
    assert not row.metric.endswith(qualifier)


def test_an_everyday_single_character_before_a_figure_is_no_bound():
    (row,) = rows("会上3000名代表参加表决。")
    assert not row.figure.approximate


def test_the_noun_after_a_count_stops_before_the_next_figure():
    got = names("今年，全镇为120家小微企业发放贷款3.5亿元。")
    assert got["120家"] and not any(ch.isdigit() for ch in got["120家"])


@pytest.mark.parametrize(
    "text",
    [
        "G318国道改造工程二期开工。",  # a phase number after its project noun
        "政务服务大厅365天不打烊。",  # all year round: a slogan
        "年满60周岁的老人可免费体检。",  # an age in full years, not 60 weeks
    ],
)
def test_figures_that_name_a_phase_an_age_or_a_slogan_are_no_metric(text):
    assert names(text) == {}


def test_a_deadline_within_a_year_is_still_a_figure():
    assert names("办理时限为365天内。") == {"365天": "办理时限"}


def test_a_lone_count_whose_clause_says_what_it_counts_does_not_inherit():
    assert names("会议持续两天，共有120人参加。") == {"两天": "会议持续", "120人": "参加"}


@pytest.mark.parametrize("lead", ["本报讯（记者 柯明远）", "本报讯 ", "云溪网讯 ", "青溪融媒体中心讯（通讯员 吕思成）"])
def test_the_lead_marker_and_its_byline_are_no_part_of_a_name(lead):
    assert names(lead + "云溪镇新增就业1200人。") == {"1200人": "云溪镇新增就业"}


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("该村集体经济收入从2019年的5万元增加到去年的32万元。", "5万元", "32万元"),
        ("人均收入由8000元提高至1.2万元。", "8000元", "1.2万元"),
        ("贫困发生率从12.5%降至0.3%。", "12.5%", "0.3%"),
    ],
)
def test_a_new_level_after_a_change_is_the_same_metric(text, first, second):
    found = names(text)
    assert found[second] == found[first] and "到" not in found[second] and "至" not in found[second]


def test_two_verbs_joined_before_a_figure_both_stay_in_its_name():
    assert names("全县新建和改造农村公路86公里。") == {"86公里": "新建和改造农村公路"}


def test_a_period_inside_a_name_goes_to_the_period_but_a_comparison_base_stays():
    assert names("县政协今年共收到提案236件。") == {"236件": "县政协收到提案"}
    assert names("全区投资增速比一季度加快2.1个百分点。")["2.1个百分点"].startswith("投资增速比一季度")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("大班额比例由上学期的4.2%降至0.3%。", {"4.2%": "大班额比例", "0.3%": "大班额比例"}),
        ("基础养老金由每人每月150元提高到165元。", {"150元": "基础养老金", "165元": "基础养老金"}),
        ("审批时限由原来的12天压缩至4天。", {"12天": "审批时限", "4天": "审批时限"}),
        ("全乡果园面积由2018年的0.8万亩扩大到目前的2.1万亩。", {"0.8万亩": "果园面积", "2.1万亩": "果园面积"}),
        ("办结时限压缩至2天。", {"2天": "办结时限"}),
        ("审批时间由原来的60天压减到20天。", {"60天": "审批时间", "20天": "审批时间"}),
        ("装配时间由过去的6小时缩短到4小时。", {"6小时": "装配时间", "4小时": "装配时间"}),  # not the past 6 hours
        ("城市、农村低保标准分别提高到每人每月900元和700元。", {"900元": "城市低保标准", "700元": "农村低保标准"}),
        # an old level dated without 的, an adverb before the change
        ("全县教育经费已由2019年前每年50万元逐年增加到2023年的260万元。", {"50万元": "教育经费", "260万元": "教育经费"}),
        ("村民人均收入由上年6200元逐步提高到7400元。", {"6200元": "村民人均收入", "7400元": "村民人均收入"}),
        ("全县人均收入一跃达到了2023年的12800元。", {"12800元": "人均收入"}),
        # the counted noun after the old level is what changed (not 委办局减至)
        ("青禾县政府已由过去的24个委办局减至目前的17个。", {"24个": "委办局", "17个": "委办局"}),
        ("镇属学校由原来的9所减少到6所。", {"9所": "镇属学校", "6所": "镇属学校"}),
    ],
)
def test_an_old_level_written_with_you_and_a_new_level_name_what_changed(sentence, expected):
    """由…的 (the old level), 每人每月 (a per-head base) and 压缩至/提高到 (the new level) frame the
    figure; the name is what changed."""
    assert names(sentence) == expected


def test_rates_compared_with_one_base_given_respectively_go_one_to_each_fact():
    found = rows("门诊量占比提高到61.2%，住院率达37.5%，较改革前分别提高5.1个和2.4个百分点。")
    named = {r.value.text: (r.metric, r.figure.unit) for r in found}
    assert named["5.1个"] == ("门诊量占比提高", "个百分点")  # the unit written once, after the second
    assert named["2.4个百分点"] == ("住院率提高", "个百分点")


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("对全镇23个在建工地实行封闭管理。", "23个", "在建工地"),
        ("东坪、西坪等5个村率先完成改厕。", "5个", "村"),
        ("将对年内计划完工的9个项目逐一建立台账。", "9个", "项目"),
        ("20余家企业带来岗位300多个。", "20余家", "企业"),
        ("晚稻亩产能到600公斤。", "600公斤", "晚稻亩产"),
        ("县医共体共有成员单位26家。", "26家", "县医共体成员单位"),  # the 共 of 医共体 is no adverb
    ],
)
def test_words_that_go_on_with_the_clause_end_the_noun(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全县早稻总产量12.4万吨，同比增产0.6万吨，增长5.1%。", {"12.4万吨": "早稻总产量", "0.6万吨": "早稻总产量同比增产", "5.1%": "早稻总产量增长"}),
        ("确保全年规上工业产值20亿元。", {"20亿元": "规上工业产值"}),
    ],
)
def test_growth_wording_alone_is_the_change_of_the_metric_before_it_and_a_target_pursued_is_the_target(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("其中30万元以上的村9个。", {"9个": "30万元以上的村"}),
        ("5亿元至10亿元项目4个。", {"4个": "5亿元至10亿元项目"}),
        ("年收入超过20万元的村达到7个。", {"7个": "年收入超过20万元的村"}),
    ],
)
def test_money_that_sets_which_things_are_counted_is_a_size_threshold(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize(("sentence", "value"), [("计划投资5亿元至8亿元。", "8亿元"), ("每亩补贴300元到500元。", "500元")])
def test_the_high_end_of_a_range_written_as_two_figures_takes_the_metric_of_the_low_end(sentence, value):
    found = names(sentence)
    assert len(set(found.values())) == 1 and found[value] in ("投资", "每亩补贴")


def test_the_yu_of_qiyu_is_no_estimate_word_to_strip():
    assert names("已完工14项，其余6项正在加紧施工。")["6项"] == "其余"  # not 其


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("会上代表提出的98件建议目前已全部办复。", {"98件": "建议"}),  # a time word ends the counted noun
        ("截至目前已为215名退役军人发放补贴。", {"215名": "退役军人发放补贴"}),  # 截至目前 is when
        ("年接诊量从过去的2000人次左右增加到了4100人次。", {"2000人次": "年接诊量", "4100人次": "年接诊量"}),
        ("他在合作社上班已经3年了。", {"3年": "合作社上班"}),  # 了 opens no noun
        ("与周边4个乡镇900多户农户签订收购合同。", {"4个": "乡镇", "900多户": "农户"}),  # a noun right before the next count
        ("【城市更新】区里投资1800万元。", {"1800万元": "区里投资"}),  # the kicker is the section
        ("5年前，他外出务工。", {}),  # a point in time
        ("县城新增停车泊位860个 近日，项目完工。", {"860个": "县城新增停车泊位"}),
        ("一个月下来卖出200单。", {"200单": "卖出"}),  # the time a result took
        ("项目全部投产后可实现年产值8亿元。", {"8亿元": "年产值"}),
        ("订购的150吨有机大米几乎都已发货。", {"150吨": "有机大米"}),
        ("去年销售收入0.9亿元，今年一季度就完成了3100万元。", {"0.9亿元": "销售收入", "3100万元": "销售收入"}),  # 就 before a verb of achievement
        ("他流转的600亩水稻平均亩产达到1200斤。", {"600亩": "水稻", "1200斤": "水稻平均亩产"}),
        ("管好用好每一笔扶贫资金。", {}),  # every single one
        ("全村286户1032人。", {"286户": "全村户数", "1032人": "全村人口"}),  # the place named alone
    ],
)
def test_time_words_kickers_and_points_in_time_stay_out_of_names(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("据介绍，该厂一季度实现产值1.2亿元，\n同比增长8.1%。", {"1.2亿元": "产值", "8.1%": "产值同比增长"}),  # cut after a comma
        ("其中，全厂出口额达\n3600万元，占产值的21%。", {"3600万元": "全厂出口额", "21%": "占产值"}),  # cut inside a clause
    ],
)
def test_a_line_break_inside_a_sentence_does_not_end_the_clause(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、强化组织领导，压实责任\n各乡镇新建公园3个。", {"3个": "各乡镇新建公园"}),  # a section heading stays apart
        ("会议要求，做好三方面工作：\n一是新建公园3个。", {"3个": "公园"}),  # an item opens its own line
    ],
)
def test_a_heading_or_an_item_line_is_not_joined_to_the_line_before(text, expected):
    assert names(text) == expected


def test_joined_lines_keep_every_offset():
    text = "全年实现产值1.2亿元，\n同比增长8.1%。"
    for row in rows(text):
        assert text[row.value.start : row.value.end] == row.value.text


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "name"),
    [
        ("办结时限压缩至4个工作日。", "4个", "个工作日", "办结时限"),
        ("审批时限由原来的20个工作日压缩至6个工作日。", "6个", "个工作日", "审批时限"),  # the next name starts past the completed unit
        ("购置农机具38台套。", "38台", "台套", "购置农机具"),
        ("机收作业面积达到9万亩次。", "9万亩", "万亩次", "机收作业面积"),
        ("播种300亩次年收获。", "300亩", "亩", "播种"),  # 次年 is the next year
    ],
)
def test_a_unit_the_number_rules_stop_short_of_is_completed(sentence, value, unit, name):
    (row,) = [r for r in rows(sentence) if r.value.text == value]
    assert (row.figure.unit, row.metric) == (unit, name)
    assert row.written in (None, sentence[row.value.start : row.value.start + len(row.written or "")])


def test_the_figure_as_written_drops_a_character_glued_from_the_word_before():
    (row,) = rows("今年共签约7个项目。")
    assert (row.value.text, row.written, row.figure.approximate) == ("约7个", "7个", False)


def test_the_first_months_of_a_period_are_when_not_what():
    assert names("线上销售额去年为0.8亿元，今年前9个月已达1.1亿元。") == {"0.8亿元": "线上销售额", "1.1亿元": "线上销售额"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("“夕阳红服务队”有队员五十六人。", "“夕阳红服务队”队员"),  # the having verb between owner and owned goes
        ("该企业现有职工二百一十名。", "企业职工"),
        ("全村原有低保户48户。", "原有低保户"),  # a word of its own stays
        ("有机认证果园3200亩。", "有机认证果园"),  # 有 opening a word stays
    ],
)
def test_a_having_verb_inside_a_name_goes(sentence, name):
    assert list(names(sentence).values()) == [name]


def test_a_count_bounded_before_a_noun_is_a_size_threshold():
    assert names("全县50亩以上种植大户120户。") == {"120户": "50亩以上种植大户"}
    assert "七成" in names("七成以上的村民参加了医保。")  # a share bounded below is reported


def test_from_what_it_was_to_a_new_level():
    assert names("该企业年产值由原来的不到5000万元跃升至3.2亿元。") == {"5000万元": "企业年产值", "3.2亿元": "企业年产值"}


def test_the_past_years_framing_other_figures_are_no_metric():
    assert names("过去的3年里，累计投入1.2亿元。") == {"1.2亿元": "投入"}


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [("该村用三年时间建成梨园600亩。", "600亩", "梨园"), ("仅用两个月时间就完成征地900亩。", "900亩", "征地")],
)
def test_the_time_something_took_is_no_part_of_its_name(sentence, value, name):
    assert names(sentence) == {value: name}


@pytest.mark.parametrize(
    "text, expected",
    [
        # 一亩 before a noun is "per mu", and a clause that says only "now can have" inherits its metric
        ("“以前一亩茶园收入不到两千元，现在能有五六千元。”", {"两千元": "一亩茶园收入", "五六千元": "一亩茶园收入"}),
        ("该馆去年接待游客约2.3万人次。", {"约2.3万人次": "接待游客"}),  # 该馆 is the unit named before
        ("白鹭镇将力争到2026年把茶产业综合产值提高到一亿五千万元。", {"一亿五千万元": "茶产业综合产值"}),  # what 把 takes
        ("今年推广“稻虾共养”模式3500亩。", {"3500亩": "推广“稻虾共养”模式"}),  # 共 inside quotes is no "in all"
        ("第3季度计划再建200座。", {"200座": "计划再建"}),  # a period at the head of a name
    ],
)
def test_names_in_the_shapes_a_new_user_met(text, expected):
    assert names(text) == expected


def test_value_added_is_no_growth_qualifier():
    (row,) = rows("全县规模以上工业增加值增长8.1%。")
    assert row.qualifier == "增长"  # not 增长,增加: 增加值 is a noun


def test_points_above_or_below_a_reference_name_what_was_compared():
    found = names("全镇农村居民人均可支配收入2.1万元，同比增长7.8%，高于全县平均水平0.6个百分点。")
    assert found["0.6个百分点"] == "农村居民人均可支配收入高于全县平均水平"  # as the gold writes 失业率低于年目标任务


# -- kinds met in real news paragraphs (data/eval/people_daily_metrics a–c), on invented sentences --
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a preposition, an adverb or a total after the counted noun ends it
        ("53个受灾户由县里的单位对口帮扶。", {"53个": "受灾户"}),
        ("12个部门在青禾镇挂钩帮扶。", {"12个": "部门"}),
        ("全市共有356个单位共1200多名干部驻村。", {"356个": "单位"}),
        ("还有20多个孩子仍在旧校舍上课。", {"20多个": "孩子"}),
        ("6个医共体全部建成。", {"6个": "医共体"}),  # 共 of 医共体 ends nothing
        # where the counted things are is not part of them
        ("把物资送到400多户群众手中。", {"400多户": "群众"}),
        # a part of a whole counted by what it is
        ("全区13个乡镇中有9个是重点镇。", {"13个": "乡镇", "9个": "重点镇"}),
        ("新建项目12个，其中3个是省重点项目。", {"3个": "省重点项目"}),
        # openers: a sight, a cause, a modal, a time frame, the base of a computation
        ("只见20多个屏幕不断切换。", {"20多个": "屏幕"}),
        ("全年预计可完成投资160亿元。", {"160亿元": "投资"}),
        ("3年多来全镇营造经济林8.5万亩。", {"8.5万亩": "营造经济林"}),
        ("按全县农村户数2.1万户计算，户均增收500元。", {"2.1万户": "农村户数", "500元": "户均增收"}),
        ("25岁以上的青年就有108个。", {"108个": "青年"}),
        # how little the figure is thought to be is no part of the name
        ("全村人均收入才200元。", {"200元": "人均收入"}),
        ("县里给乡里的经费只有80万元。", {"80万元": "经费"}),
        ("两地相距不过100公里。", {"100公里": "两地相距"}),
        # all of the counted things going on
        ("13名教师个个都是书法能手。", {"13名": "教师"}),
        ("8个专业都办得有声有色。", {"8个": "专业"}),
        # 从 as 由 before an old level, per-period bases, 发展到 / 变为 as changes
        ("全县旅游收入从每月500万元增加到800万元。", {"500万元": "旅游收入", "800万元": "旅游收入"}),
        ("礼金数额从前几年的10元发展到现在的500元。", {"10元": "礼金数额", "500元": "礼金数额"}),
        ("品种数量从100个变为320个。", {"100个": "品种数量", "320个": "品种数量"}),
        # a verb of paying before the fee named after 的; 完成了 before a dated target
        ("每个用户只要交15元的钥匙押金。", {"15元": "钥匙押金"}),
        ("仅用10天时间就完成了今年1200万公斤的收购任务。", {"1200万公斤": "收购任务"}),
        ("治理开发的周期一般只有3年。", {"3年": "周期"}),
        # a share named by what it is; a pronoun subject; a time of day after the counted noun
        ("今年录取的新生中，80%是优秀学生干部，70%为中共党员。", {"80%": "优秀学生干部", "70%": "中共党员"}),
        ("他自己贷款2000元。", {"2000元": "贷款"}),
        ("300名官兵昨晚7时就已赶到。", {"300名": "官兵"}),
        # a per-period base after a verb of reaching, 也, 则, 把 before the noun handed over, 踊跃, 大关
        ("烈属的抚恤金也分别达到每月130元和116元。", {"130元": "烈属的抚恤金", "116元": "烈属的抚恤金"}),
        ("考虑经济衰退的影响，则为46%。", {"46%": None}),
        ("并把3000元救灾款送到农户家里。", {"3000元": "救灾款"}),
        ("全站306名职工踊跃投入捐助活动。", {"306名": "职工"}),
        ("人均占有粮食越过500公斤大关。", {"500公斤": "人均占有粮食"}),
        ("全区还将举办59项次比赛。", {"59项": "举办比赛"}),
        # statistical and contrast frames, 则, a currency named before the figure, 短短 before a span
        ("城镇居民人均收入8000元，扣除价格因素比上年增长5.2%。", {"5.2%": "城镇居民人均收入比上年增长"}),
        ("援助的比例则从同期的55.96%下降至14.05%。", {"55.96%": "比例", "14.05%": "比例"}),
        ("群众捐助的衣物，价值人民币15万元。", {"15万元": "价值"}),
        ("短短2个月建成大棚30座。", {"30座": "大棚"}),
        # 等 inside 三等功; the passive 被 after counted people; 目前 before a count is no rank
        ("曾4次荣立三等功，1次荣立二等功。", {"4次": "荣立三等功", "1次": "荣立二等功"}),
        ("目前73名下岗职工被4家单位聘用。", {"73名": "下岗职工"}),
        # examples before 等 and a count: what is counted follows; a demonstrative, an outcome
        ("快译通、名人等14个品牌的产品。", {"14个": "品牌"}),
        ("如今这一比重已提高到26%。", {"26%": "比重"}),
        ("结果增幅超过22%。", {"22%": "增幅"}),
        # still and yet, a deadline, a further change to a new level
        ("目前职工住宅消费支出占家庭收入的比重还在5%左右。", {"5%": "职工住宅消费支出占家庭收入的比重"}),
        ("而用户电表上记载的总和却只有93千瓦时。", {"93千瓦时": "总和"}),
        ("仍然实现工商税利193.5亿元。", {"193.5亿元": "工商税利"}),
        ("市场占有份额今年为4%，到年底可达6%。", {"4%": "市场占有份额", "6%": "市场占有份额"}),
        ("流入资本去年为2952亿美元，今年将进一步降至1715亿美元。", {"1715亿美元": "流入资本"}),
    ],
)
def test_kinds_met_in_real_news_paragraphs(sentence, expected):
    found = names(sentence)
    assert {value: found.get(value) for value in expected} == expected


def test_a_share_after_a_cause_names_the_things_it_is_a_share_of():
    assert names("使80%以上的学生能够参加。")["80%"].startswith("学生")
    assert names("使用资金500万元。") == {"500万元": "使用资金"}  # 使 of 使用 opens nothing


@pytest.mark.parametrize(("sentence", "span"), [("3年多来全镇营造经济林8.5万亩。", "3年"), ("经过8年的努力，全县建成果园3万亩。", "8年"), ("今年头4个月，新增线索3条。", "4个月")])
def test_a_span_of_time_that_frames_other_figures_is_no_metric(sentence, span):
    assert span not in names(sentence)


@pytest.mark.parametrize("sentence", ["该寺始建于1368年。", "自从1871年提出这一论点以来。", "乘474次列车返乡。", "有30年党龄的老党员。", "离春节还有3天。", "这是一种彻底放松的感觉。", "这是一件很可怜的事。"])
def test_years_train_numbers_service_lengths_countdowns_and_articles_are_no_metric(sentence):
    assert names(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        # the one-character stops and link words never cut inside a word
        ("全国已设立21个自由贸易试验区。", "21个", "自由贸易试验区"),
        ("全县12个相对贫困村。", "12个", "相对贫困村"),
        ("引进5个成都企业。", "5个", "成都企业"),
        ("建成3个首都功能区。", "3个", "建成首都功能区"),
        ("6所初中有2所是新建的。", "6所", "初中"),
        ("全市专业技术人才12万人。", "12万人", "专业技术人才"),
        ("全港船只300艘。", "300艘", "全港船只"),
        ("全县120个在建项目完成投资50亿元。", "120个", "在建项目"),
        ("按键手机销量3万部。", "3万部", "按键手机销量"),
        ("线路全长达56公里。", "56公里", "线路全长"),
        ("出台实施细则12项。", "12项", "出台实施细则"),
        ("税收返还300万元。", "300万元", "税收返还"),
        ("这一天接待游客3万人次。", "3万人次", "这一天接待游客"),
        ("而今全县有企业300家。", "300家", "而今全县企业"),
        ("全县结果果园面积3万亩。", "3万亩", "结果果园面积"),
        ("他县客商投资3亿元。", "3亿元", "他县客商投资"),
        ("我们村共有党员56名。", "56名", "我们村党员"),
        ("全县报告确诊病例一例。", "一例", "报告确诊病例"),  # 一例 is a count, not the article
        ("开通每周14次航班。", "14次", "航班"),  # flights, not a train number
    ],
)
def test_stops_and_link_words_never_cut_inside_a_word(sentence, value, name):
    assert names(sentence)[value] == name


@pytest.mark.parametrize(("sentence", "value"), [("该寺已有1300年历史。", "1300年"), ("距今已有1500年。", "1500年")])
def test_a_length_of_time_in_years_is_no_year(sentence, value):
    assert value in names(sentence)


def test_a_count_of_one_in_digits_stays_a_count():
    assert names("新增确诊病例1例。") == {"1例": "新增确诊病例"}


def test_the_base_of_an_exchange_rate_is_no_amount():
    assert names("汇率为7.1元兑1美元。") == {"7.1元": "汇率"}


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全县实现销售收入64.3亿元，比上年增长37.2%。", "37.2%", "销售收入比上年增长"),
        ("全县实现销售收入64.3亿元，较去年同期下降3.2%。", "3.2%", "销售收入较去年同期下降"),
        ("销售收入64.3亿元、利税10.1亿元，分别比上年增长37.2%和24%。", "24%", "利税比上年增长"),
        ("全县实现销售收入64.3亿元，同比增长37.2%。", "37.2%", "销售收入同比增长"),
        ("各项贷款余额386亿元，比年初增加21亿元。", "21亿元", "各项贷款余额比年初增加"),  # since January, not year on year
    ],
)
def test_a_year_on_year_base_is_part_of_the_growth_wording(sentence, value, name):
    """比上年增长 says what 同比增长 says, 比年初增加 something else: the base goes into the rate's
    name with the growth word."""
    assert names(sentence)[value] == name


@pytest.mark.parametrize("sentence", ["比索兑换1美元。", "汇率为1美元合8.09元人民币。"])
def test_the_one_dollar_of_an_exchange_rate_is_no_amount(sentence):
    assert "1美元" not in names(sentence)


def test_a_rank_in_this_years_list_stays_a_rank():
    assert names("进入今年前10名。") == {}


@pytest.mark.parametrize(
    ("sentence", "planned"),
    [
        ("力争全年新增贷款60亿元。", {"60亿元": True}),  # a target
        ("今年计划投资2.3亿元，前三季度已完成1.2亿元。", {"2.3亿元": True, "1.2亿元": False}),  # the plan, then the result
        ("计划新建学校12所、公园3个。", {"12所": True, "3个": True}),  # the plan covers its sentence's list
        ("预计年底可突破3000万吨。", {"3000万吨": True}),  # a forecast
        ("年度目标任务8600人，已完成9100人。", {"8600人": True, "9100人": False}),
        ("全县新增就业1200人，同比增长5%。", {"1200人": False, "5%": False}),  # a result
        ("计划投资2亿元。全年实际完成投资2.3亿元。", {"2亿元": True, "2.3亿元": False}),  # another sentence
        ("已完成投资21.3亿元，占年度计划的91.6%。", {"21.3亿元": False, "91.6%": False}),  # the plan as a share's base
        ("完成年度目标任务的105%。", {"105%": False}),
        ("今年的主要目标是：农业增加值增长4%，农民人均纯收入增长5%。", {"4%": True, "5%": True}),  # a plan heading
        ("规划投资4000万元。", {"4000万元": True}),
        ("她们帮助争取到周转金10万元。", {"10万元": False}),  # 争取到: obtained
        ("计划生育经费由117.6万元增加到590万元。", {"117.6万元": False, "590万元": False}),  # family planning
        ("计划扶贫的20个贫困乡镇已实现通光缆。", {"20个": False}),  # a result after the figure
        ("预计全年扣除价格因素实际增长4%左右。", {"4%": True}),  # 实际增长 is real growth, still forecast
    ],
)
def test_a_plan_target_or_forecast_is_marked_planned(sentence, planned):
    assert {r.value.text: r.planned for r in rows(sentence)} == planned


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全县贫困人口大幅减少，由2015年的3.2万人减少到2019年的0.3万人。", {"3.2万人": "贫困人口", "0.3万人": "贫困人口"}),
        ("礼金数额越来越大，从前几年的10元发展到现在的500元。", {"10元": "礼金数额", "500元": "礼金数额"}),
        ("公司的交易额也大幅减少，从每周5.5亿元下降到3.8亿元。", {"5.5亿元": "公司的交易额", "3.8亿元": "公司的交易额"}),
    ],
)
def test_old_and_new_levels_after_a_clause_saying_what_changed_are_its_levels(sentence, expected):
    """The words after an old level are never its metric (下降到3.8亿元 is the next level); the clause
    before that says what changed names both."""
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("中央已下拨1000万元用于救济灾民。", "1000万元", "中央下拨"),  # 已 inside a name goes, as 了 does
        ("重点民生实事已完成投资21.3亿元。", "21.3亿元", "重点民生实事完成投资"),
        ("线索比去年同期猛升了7倍。", "7倍", "线索比去年同期猛升"),  # 猛升, 激增, 锐减 are growth wording
    ],
)
def test_already_goes_out_of_names_and_sharp_changes_are_growth_wording(sentence, value, name):
    assert names(sentence)[value] == name


def test_a_duration_opening_its_clause_is_named_by_what_follows_up_to_the_next_figure():
    found = names("其中某公司，一周之内成功申贷400万元，解了燃眉之急。")
    assert found["一周"] == "之内成功申贷"  # not 之内成功申贷400万元: a name never holds another figure
