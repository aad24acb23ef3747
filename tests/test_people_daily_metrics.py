"""Stand-off metric annotations over People's Daily paragraphs (pipeline/evaluation/people_daily_metrics):
strings → offsets → strings gives the annotation back; a changed paragraph or a string not in the
text is a StandoffError. Invented paragraphs only."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluation import people_daily_metrics as pdm

TEXT = "本报讯 青禾县去年修筑乡村道路25条57.5公里，全县粮食总产量达3·2亿公斤，比上年增长5%。"
RECORD = {
    "line": 7,
    "text": TEXT,
    "metrics": [
        {"metric": "修筑乡村道路", "value": "25", "unit": "条", "text": "青禾县去年修筑乡村道路25条57.5公里"},
        {"metric": "修筑乡村道路长度", "value": "57.5", "unit": "公里", "text": "青禾县去年修筑乡村道路25条57.5公里"},
        {"metric": "全县粮食总产量", "value": "3.2", "unit": "亿公斤", "text": "全县粮食总产量达3·2亿公斤"},
        {"metric": "粮食总产量增长", "value": "5", "unit": "%", "text": "比上年增长5%"},
    ],
}


def test_an_annotation_comes_back_from_its_offsets():
    standoff = pdm.to_standoff(RECORD)
    assert "青禾" not in json.dumps(standoff, ensure_ascii=False)  # offsets, not the text (长度 is the annotator's word)
    assert pdm.from_standoff(standoff, TEXT)["metrics"] == RECORD["metrics"]


def test_a_name_joining_words_keeps_its_own_word_as_a_string():
    pieces = pdm.to_standoff(RECORD)["metrics"][1]["metric"]
    assert pieces[-1] == "长度" and all(isinstance(p, list) for p in pieces[:-1])


def test_a_changed_paragraph_is_refused():
    with pytest.raises(pdm.StandoffError, match="SHA-1"):
        pdm.from_standoff(pdm.to_standoff(RECORD), TEXT.replace("25条", "26条"))


def test_a_value_not_in_its_clause_is_refused():
    bad = {**RECORD, "metrics": [{"metric": "道路", "value": "99", "unit": "条", "text": "青禾县去年修筑乡村道路25条57.5公里"}]}
    with pytest.raises(pdm.StandoffError, match="99"):
        pdm.to_standoff(bad)


def test_build_joins_each_set_with_the_corpus(tmp_path):
    tagged = tmp_path / "199801.txt"
    tagged.write_text("无关/a  段落/n\n" + "  ".join(f"{c}/x" for c in TEXT.replace(" ", "")) + "\n", encoding="utf-8")
    text = pdm.paragraphs(tagged)[2]
    record = {**RECORD, "line": 2, "text": text}
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "x.jsonl").write_text(json.dumps(pdm.to_standoff(record)) + "\n", encoding="utf-8")
    [built] = pdm.build(tagged, tmp_path / "sets", tmp_path / "out")
    row = json.loads(built.read_text(encoding="utf-8"))
    assert row["id"] == "pd-2" and row["text"] == text and row["metrics"] == RECORD["metrics"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=2, max_size=12), st.integers(1, 99999), st.sampled_from(["人", "万元", "%", "亩"]))
def test_any_named_figure_round_trips(name, number, unit):
    text = f"据统计，{name}为{number}{unit}，其余不变。"
    clause = f"{name}为{number}{unit}"
    record = {"line": 1, "text": text, "metrics": [{"metric": name, "value": str(number), "unit": unit, "text": clause}]}
    assert pdm.from_standoff(pdm.to_standoff(record), text)["metrics"] == record["metrics"]


def test_make_eval_scores_each_set_and_skips_without_the_corpus(tmp_path, monkeypatch):
    from rich.console import Console

    from pipeline.evaluation import realnews_eval as rn
    from pipeline.training import sources

    tagged = tmp_path / "199801.txt"
    tagged.write_text("  ".join(f"{c}/x" for c in TEXT.replace(" ", "")) + "\n", encoding="utf-8")
    (tmp_path / "sets").mkdir()
    record = {**RECORD, "line": 1, "text": pdm.paragraphs(tagged)[1]}
    (tmp_path / "sets" / "p1.jsonl").write_text(json.dumps(pdm.to_standoff(record)) + "\n", encoding="utf-8")
    seen = []

    def fake_run(articles, overrides):
        seen.append(articles[0]["metrics"])
        return {"scores": {"metrics": {"p": 1.0, "r": 0.5, "f1": 0.667}}}

    monkeypatch.setattr(rn, "evaluate_difang", fake_run)
    monkeypatch.setattr(rn, "BUILD", tmp_path / "build")
    monkeypatch.setattr(sources, "peoples_daily_tagged", lambda: tagged)
    console = Console(record=True, width=200)
    assert rn.people_daily_metrics(console, tmp_path / "sets") == {"p1": {"p": 1.0, "r": 0.5, "f1": 0.667}}
    assert seen == [RECORD["metrics"]] and "p1 0.667" in console.export_text()

    def unavailable():
        raise sources.SourceError("no network")

    monkeypatch.setattr(sources, "peoples_daily_tagged", unavailable)
    assert rn.people_daily_metrics(console, tmp_path / "sets") == {}
    assert "skipped: no network" in console.export_text()

    # another corpus version: the paragraph's SHA-1 differs; make eval goes on
    tagged.write_text("  ".join(f"{c}/x" for c in "全县新建公园3个。") + "\n", encoding="utf-8")
    monkeypatch.setattr(sources, "peoples_daily_tagged", lambda: tagged)
    assert rn.people_daily_metrics(console, tmp_path / "sets") == {}
    assert "SHA-1" in console.export_text()


def test_the_shipped_sets_are_stand_off():
    sets = sorted(pdm.STANDOFF_DIR.glob("*.jsonl"))
    assert {p.stem for p in sets} >= {"a", "b", "c", "heldout", "heldout_2"}
    for path in sets:
        for record in pdm.read_corpus(path):
            assert isinstance(record["line"], int) and len(record["sha1"]) == 40
            for m in record["metrics"]:
                spans = [m["value"], m["text"], *(p for p in m["metric"] if not isinstance(p, str))]
                spans += [m["unit"]] if isinstance(m["unit"], list) else []
                assert all(0 <= s < e for s, e in spans)
                # own words only: a name's added word is short, never a copied passage
                assert all(len(p) <= 4 for p in m["metric"] if isinstance(p, str))


def test_a_value_is_never_anchored_inside_another_number():
    text = "增幅由12%下降到2%，比重由26%升至6%。"
    record = {"line": 3, "text": text, "metrics": [
        {"metric": "增幅", "value": "2", "unit": "%", "text": "增幅由12%下降到2%"},
        {"metric": "比重", "value": "6", "unit": "%", "text": "比重由26%升至6%"},
    ]}
    starts = [m["value"][0] for m in pdm.to_standoff(record)["metrics"]]
    assert [text[s : s + 2] for s in starts] == ["2%", "6%"]


def test_a_range_of_chinese_numerals_split_by_the_annotator_is_found():
    text = "要花二三个小时。"
    record = {"line": 4, "text": text, "metrics": [
        {"metric": "时间", "value": "二", "unit": "个小时", "text": "要花二三个小时"},
        {"metric": "时间", "value": "三", "unit": "个小时", "text": "要花二三个小时"},
    ]}
    assert pdm.from_standoff(pdm.to_standoff(record), text)["metrics"] == record["metrics"]


def test_planned_flags_are_scored_on_the_matched_facts(tmp_path):
    import pandas as pd

    from pipeline.evaluation.realnews_eval import planned_scores

    pd.DataFrame([{"doc_id": "d1", "path": "in/pd-1.txt"}]).to_parquet(tmp_path / "documents.parquet")
    rows = [
        {"doc_id": "d1", "metric": "新增贷款", "value": 60.0, "unit": "亿元", "value_text": "60亿元", "planned": True},
        {"doc_id": "d1", "metric": "完成投资", "value": 1.2, "unit": "亿元", "value_text": "1.2亿元", "planned": True},  # wrongly planned
        {"doc_id": "d1", "metric": "新建学校", "value": 12.0, "unit": "所", "value_text": "12所", "planned": False},  # missed plan
        {"doc_id": "d1", "metric": "别的", "value": 7.0, "unit": "个", "value_text": "7个", "planned": True},  # no gold fact: not counted
    ]
    pd.DataFrame(rows).to_parquet(tmp_path / "metrics.parquet")
    gold = [
        {"metric": "新增贷款", "value": "60", "unit": "亿元", "planned": True},
        {"metric": "完成投资", "value": "1.2", "unit": "亿元", "planned": False},
        {"metric": "新建学校", "value": "12", "unit": "所", "planned": True},
    ]
    scores = planned_scores(tmp_path, [{"id": "pd-1", "metrics": gold}])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["pairs"]) == (1, 1, 1, 3)
    assert planned_scores(tmp_path, [{"id": "pd-1", "metrics": [{k: v for k, v in g.items() if k != "planned"} for g in gold]}]) is None


def test_a_planned_flag_survives_the_stand_off_round_trip():
    record = {**RECORD, "metrics": [{**RECORD["metrics"][0], "planned": True}, *RECORD["metrics"][1:]]}
    back = pdm.from_standoff(pdm.to_standoff(record), TEXT)["metrics"]
    assert back[0]["planned"] is True and "planned" not in back[1]
