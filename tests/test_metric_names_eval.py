"""The strict name comparison of pipeline/evaluation/metric_names_eval.py, on invented names."""

import sys

import pytest

from pipeline.evaluation import metric_names_eval
from pipeline.evaluation.metric_names_eval import name_class, name_kinds


@pytest.mark.parametrize(
    ("gold", "ours", "klass"),
    [
        ("工业增加值", "工业 增加值", "exact"),  # whitespace is no difference
        ("工业增加值", "甲镇工业增加值", "gold_in_ours"),
        ("甲镇签约项目", "签约项目", "ours_in_gold"),
        ("甲镇工业增加值同比增长", "工业增加值增长", "overlap"),  # a scorer hit, not inside each other
        ("规模以上工业企业利润", "实现利润", "miss"),
    ],
)
def test_a_pair_is_put_in_the_strictest_class_that_holds(gold, ours, klass):
    assert name_class(gold, ours) == klass


def test_the_kinds_say_what_differs():
    assert name_kinds("甲镇签约项目", "签约项目") == ("subject",)
    assert name_kinds("粮食产量", "粮食") == ("tail",)
    assert set(name_kinds("财政收入增长", "财政收入")) == {"tail", "growth"}
    assert "list" in name_kinds("甲、乙两镇投资", "乙两镇投资")
    assert name_kinds("投资", "甲镇投资") == ("longer",)
    assert "built" in name_kinds("旁听会议公民代表", "公民代表旁听")
    assert name_kinds("工业增加值", "工业增加值") == ()


def test_context_kinds_place_the_figure_in_its_article():
    text = "某县新建公园3个\n全县新建3个公园，甲镇、乙镇分别完成投资2亿元和1亿元。"
    assert "headline" in name_kinds("新建公园", "公园", text, "3个")
    assert "after" in name_kinds("新建公园", "公园", text[text.index("\n") :], "3个")
    assert "respectively" in name_kinds("甲镇完成投资", "完成投资", text, "2亿元")


def test_pairs_of_a_dev_file_are_never_listed(monkeypatch, tmp_path):
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["metric_names_eval", "--corpus", str(corpus), "--output-dir", str(tmp_path), "--show"])
    with pytest.raises(SystemExit):
        metric_names_eval.main()
