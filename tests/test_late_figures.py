"""Figures found after the model (pipeline/ner/late_figures.py, issue 17): units the number rules stop
short of and counts of people in 万, one test per kind, on invented sentences; and the ner stage
adds them as rule entities in the gaps the other entities leave."""

import pandas as pd
import pytest

from pipeline.config import NerConfig
from pipeline.ner.late_figures import late_figures
from pipeline.ner.rules import default_rules, rules_hash
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.officials import Mention


def found(text: str, taken=()) -> list[str]:
    return [text[s:e] for s, e, _ in late_figures(text, list(taken))]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("全镇累计接种疫苗5000剂次。", "5000剂次"),
        ("旅游专列每天往返3趟。", "3趟"),
        ("电站年发电量达2.3吉瓦时。", "2.3吉瓦时"),
        ("新建污水管网3500延米。", "3500延米"),
        ("全县近3万余剂次。", "近3万余剂次"),  # estimates and multipliers as the rules read them
    ],
)
def test_a_unit_the_rules_stop_short_of_is_a_quantity(text, figure):
    assert found(text) == [figure]


@pytest.mark.parametrize("text", ["限时秒杀5场。", "组建3个集团公司。", "开设门口摊位", "参加1秒钟挑战"])
def test_a_unit_that_starts_another_word_is_none(text):
    assert all(not f.endswith(("秒", "集", "门")) for f in found(text))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("青禾县43万农民人均增收300元。", "43万"),
        ("全市200多万贫困人口已基本脱贫。", "200多万"),
        ("有1290万农村妇女接受了培训。", "1290万"),  # a modifier between
        ("在全州15万民兵家庭中开展活动。", "15万"),
    ],
)
def test_a_count_in_wan_before_the_people_it_counts_is_a_quantity(text, figure):
    assert found(text) == [figure]


@pytest.mark.parametrize("text", ["收入5万元以上农民", "千家万户", "全县3万亩农田", "总人口22.6万。", "5万多公里道路"])
def test_no_count_of_people_without_people_after_a_bare_wan(text):
    assert not [f for f in found(text) if f.endswith(("万", "万多", "万余"))]


def test_only_the_gaps_the_entities_leave():
    text = "接种疫苗5000剂次。"
    assert found(text, [(4, 8)]) == []  # a span found before wins


def test_the_crf_config_hash_does_not_cover_them_but_the_rules_id_does(tmp_path, monkeypatch):
    """The shipped CRF's config hash (crf_train.params_hash) must not change when a late unit is
    added (no retrain); the rules layer's id, the stage's cache key, must."""
    from pipeline.ner import late_figures as late
    from pipeline.ner.local_models import rules_id
    from pipeline.training import crf_train
    from pipeline.training.corpus import Example

    examples = [Example("synthetic", "全县新建公园3个。", ())]
    before = (crf_train.params_hash(crf_train.PARAMS, examples), rules_id(), late.late_figures_hash())
    copy = tmp_path / "late_units.txt"
    copy.write_text(late.LATE_UNITS_FILE.read_text(encoding="utf-8") + "\n测试单位\n", encoding="utf-8")
    monkeypatch.setattr(late, "LATE_UNITS_FILE", copy)
    after = (crf_train.params_hash(crf_train.PARAMS, examples), rules_id(), late.late_figures_hash())
    assert after[0] == before[0] and after[1] != before[1] and after[2] != before[2]


@pytest.mark.parametrize(
    "text",
    [
        "他一门心思扑在工作上。",  # a Chinese numeral with a measure word: an idiom
        "大家拧成一股劲。",
        "三门峡市召开会议。",  # a place name
        "县里投资5000万建设农民新村。",  # money written without 元, not a count of the farmers
        "筹集资金2亿帮助贫困人口。",
        "大熊猫寿命一般在15岁左右，园里的这只今年3岁。",  # 3岁: another clause, no change of the age
    ],
)
def test_idioms_names_money_and_unrelated_ages_are_no_late_figure(text):
    assert found(text) in ([], ["15岁"])


def test_a_count_of_people_in_wan_is_named_and_valued():
    text = "青禾县43万农民人均增收300元。"
    mentions = [Mention(m.start, m.end, m.label, text[m.start : m.end]) for m in default_rules().find(text)]
    mentions += [Mention(s, e, label, text[s:e]) for s, e, label in late_figures(text, [(m.start, m.end) for m in mentions])]
    row = next(r for r in relate_metrics(text, mentions) if r.value.text == "43万")
    assert (row.figure.value, row.figure.unit, row.figure.value_norm) == (43, "万", 430000)
    assert "农民" in row.metric


def test_the_ner_stage_adds_them_as_rule_entities():
    from pipeline.stages.ner import ner

    articles = pd.DataFrame([{"article_id": "a1", "doc_id": "d1", "text": "全镇累计接种疫苗5000剂次。", "page_start": 0}])
    entities = ner(articles, pd.DataFrame(), NerConfig(layers=["rules"]))
    row = entities[entities["text"] == "5000剂次"].iloc[0]
    assert (row["label"], row["source"]) == ("QUANTITY", "rule")


def test_the_seconds_of_a_time_in_minutes_are_no_figure():
    assert found("成绩为1分1秒16。") == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("新一届村党组织书记平均年龄46.3岁，比换届前下降5.2岁。", ["46.3岁", "5.2岁"]),  # the change is an age fact too
        ("服务队中年龄最大的74岁，最小的也已60岁。", ["74岁", "60岁"]),
        ("84岁的老人甲某说。", []),  # who someone is
        ("为年满60岁的老人发放补贴。", []),
        ("他今年58岁。", []),  # no age word: an age of a person
        ("平均年龄偏大。他今年58岁。", []),  # the age word is in another sentence
    ],
)
def test_an_age_is_a_figure_only_when_an_age_word_makes_it_the_fact(text, ages):
    assert found(text) == ages
