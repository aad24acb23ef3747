"""Real-news evaluation (pipeline/evaluation/realnews_eval.py) on invented text only.

The corpus texts are third-party copy and stay out of the repository: every name, place and
sentence here is made up. When the reference scorer (../shared/tools/score_realnews.py) is
present, a fake corpus and a fake difang output are scored by both and must agree exactly.
"""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from pipeline.evaluation import realnews_eval as rn
from pipeline.evaluation.clean_eval import levenshtein
from pipeline.evaluation.noiser import STYLES, add_noise
from pipeline.stages.clean import clean_text

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "tools" / "score_realnews.py"
CORPUS_DIR = REPO.parent / "shared" / "corpus" / "realnews"


# ---------------------------------------------------------------------------------------------
# Normalisation and numbers


def test_norm_is_nfkc_without_whitespace():
    assert rn.norm("苏 映雪") == "苏映雪"
    assert rn.norm("青禾县，\u3000Ｗ区\n") == "青禾县,W区"
    assert rn.norm(None) == ""


@pytest.mark.parametrize(
    "text, value",
    [("两", 2.0), ("十", 10.0), ("十万", 100000.0), ("百", 100.0), ("一百二十", 120.0), ("三千五百万", 35000000.0), ("两亿", 200000000.0)],
)
def test_chinese_numerals(text, value):
    assert rn.chinese_number(text) == value
    assert rn.to_number(text) == value


def test_numbers_as_written():
    assert rn.to_number("1.5") == 1.5
    assert rn.to_number(1.5) == 1.5
    assert rn.to_number("1,200") == 1200.0
    assert rn.to_number("1.5万") is None  # a mixed form is not read (as in the reference)
    assert rn.to_number(None) is None


def test_unit_key_drops_approximation_words():
    assert rn.unit_key("余人") == rn.unit_key("人") == "人"
    assert rn.unit_key("万元以上") == "万元"
    assert rn.unit_key(" 万 元 ") == "万元"


# ---------------------------------------------------------------------------------------------
# Scoring


def test_set_scoring_is_micro_summed_over_articles():
    gold = [{"苏映雪", "陆知行"}, {"韩青禾"}]
    pred = [{"苏映雪", "陆知"}, set()]
    assert rn.score_sets(gold, pred) == {"p": 0.5, "r": 0.3333, "f1": 0.4, "tp": 1, "fp": 1, "fn": 2}
    assert rn.score_sets([set()], [set()]) == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}


def test_lenient_posts_accept_a_post_that_ends_the_other():
    gold = [{("苏映雪", "云溪区副区长"), ("陆知行", "记者")}]
    pred = [{("苏映雪", "副区长"), ("陆知行", "本报记者"), ("韩青禾", "区长")}]
    exact = rn.score_posts(gold, pred, lenient=False)
    lenient = rn.score_posts(gold, pred, lenient=True)
    assert (exact["tp"], exact["fp"], exact["fn"]) == (0, 3, 2)
    assert (lenient["tp"], lenient["fp"], lenient["fn"]) == (2, 1, 0)


def test_lenient_posts_use_each_gold_pair_once_and_need_the_same_person():
    gold = {("苏映雪", "青禾县委书记")}
    pred = {("苏映雪", "书记"), ("苏映雪", "县委书记"), ("陆知行", "青禾县委书记")}
    matches = rn.lenient_post_matches(gold, pred)
    assert sum(hit is not None for hit in matches.values()) == 1
    assert matches[("陆知行", "青禾县委书记")] is None


def test_metrics_match_on_number_unit_and_phrase():
    gold = [("参会代表", "两", "百人"), ("项目总投资", "十万", "元"), ("粮食产量增长", "1.5", "%"), ("新建村道", "12", "公里")]
    pred = [
        ("参会代表", 2.0, "百人"),  # 两 = 2
        ("总投资", 100000.0, "元"),  # 十万 = 100000, phrase inside the gold phrase
        ("粮食产量同比增长", "1.5", "%"),  # half of the gold characters predicted
        ("新建村道", 12.0, "米"),  # other unit: spurious, and the gold one missed
    ]
    match = rn.match_metrics(gold, pred)
    assert match.hits == [(0, 0), (1, 1), (2, 2)]
    assert match.spurious == [3] and match.missed == [3]
    assert rn.score_metrics([gold], [pred]) == {"p": 0.75, "r": 0.75, "f1": 0.75, "tp": 3, "fp": 1, "fn": 1}


def test_a_metric_with_the_right_number_but_another_phrase_is_both_spurious_and_missed():
    gold = [("新增就业岗位", "300", "个")]
    match = rn.match_metrics(gold, [("签约项目", 300.0, "余个")])
    assert (match.hits, match.spurious, match.missed) == ([], [0], [0])


def test_score_and_errors_of_one_article():
    article = {
        "id": "T-01",
        "text": "",
        "persons": ["苏映雪", "陆 知行"],
        "official_posts": [["苏映雪", "云溪区区长"]],
        "places": ["云溪区"],
        "orgs": ["云溪区政协"],
        "metrics": [{"metric": "新建公园", "value": "两", "unit": "个", "text": ""}],
    }
    pred = rn.empty_view() | {
        "persons": {"苏映雪", "陆知行"},
        "posts": {("苏映雪", "区长")},
        "places": {"云溪"},
        "metrics": [("新建公园", 2.0, "个")],
    }
    scores = rn.score([article], {"T-01": pred})
    assert scores["persons"]["f1"] == 1.0 and scores["metrics"]["f1"] == 1.0
    assert scores["official_posts"]["tp"] == 0 and scores["official_posts_lenient"]["tp"] == 1
    errors = {e["field"]: e for e in rn.article_errors([article], {"T-01": pred})}
    assert errors["places"] == {"id": "T-01", "field": "places", "missed": ["云溪区"], "spurious": ["云溪"]}
    assert errors["orgs"]["missed"] == ["云溪区政协"] and "metrics" not in errors and "persons" not in errors


def test_errors_show_a_metric_without_phrase_or_unit_as_such():
    # read_output turns a null phrase or unit into the string "nan", as the reference scorer does
    article = {"id": "T-02", "text": "", "metrics": [{"metric": "新建公园", "value": "2", "unit": "个", "text": ""}]}
    pred = rn.empty_view() | {"metrics": [("nan", 3.0, "个"), ("新增绿地", 5.0, "nan")]}
    errors = {e["field"]: e for e in rn.article_errors([article], {"T-02": pred})}
    assert errors["metrics"]["spurious"] == ["(no phrase)=3.0 个", "新增绿地=5.0"]


# ---------------------------------------------------------------------------------------------
# The pdf noise style

PASSAGE = (
    "云溪区数字经济产业园新增入驻企业27家\n"
    "本报讯（记者 林书远）8月3日，云溪区数字经济产业园举行集中签约活动，27家企业正式入驻，协议投资总额达46.2亿元。"
    "区委常委、常务副区长周启明出席活动并致辞。\n"
    "据介绍，园区今年新建道路3.5公里，规模以上企业营业收入同比增长6.8%，其中软件和信息服务业收入占比达到41%。"
)


def test_pdf_noise_is_deterministic_and_looks_like_a_pdf_text_layer():
    noised = add_noise(PASSAGE, "pdf", 3)
    assert noised == add_noise(PASSAGE, "pdf", 3)
    assert noised != add_noise(PASSAGE, "pdf", 4)
    assert noised.startswith("# 云溪区")
    assert "，" not in noised and "（" not in noised  # half-width punctuation
    # Only whitespace, the heading mark and half-width forms were added: NFKC undoes the latter.
    assert rn.norm(noised.removeprefix("# ")) == rn.norm(PASSAGE)
    assert noised.count("\n") > PASSAGE.count("\n") * 2 + 2  # hard wraps inside paragraphs
    assert max(len(piece) for piece in re.split(r"[ \n]", noised)) <= 30  # a wrap every 17–26 chars
    assert "46.2" in noised and "3.5" in noised  # figures are never split
    assert "pdf" not in STYLES  # the cleaning table of make eval keeps its three seed styles


def test_cleaning_removes_the_pdf_noise():
    passages = [PASSAGE] + [p.read_text(encoding="utf-8").strip("\n") for p in sorted((REPO / "data" / "eval" / "clean_passages").glob("*.txt"))]
    edits = chars = 0
    for seed, text in enumerate(passages):
        edits += levenshtein(text, clean_text(add_noise(text, "pdf", seed)).text)
        chars += len(text)
    assert edits / chars < 0.01


def test_noised_text_depends_on_the_id_not_the_position():
    article = {"id": "T-07", "text": PASSAGE}
    assert rn.noised_text(article) == rn.noised_text(dict(article))
    assert rn.noised_text(article) != rn.noised_text({"id": "T-08", "text": PASSAGE})


# ---------------------------------------------------------------------------------------------
# Reading a difang output folder; agreement with the reference scorer

ARTICLES = [
    {
        "id": "T-01",
        "text": "云溪区政协召开常委会议。",
        "persons": ["苏映雪", "陆 知行", "何晓岚"],
        "official_posts": [["苏映雪", "云溪区政协主席"], ["陆知行", "副主席"], ["何晓岚", "记者"]],
        "places": ["云溪区", "桐林街道"],
        "orgs": ["云溪区政协", "区委"],
        "metrics": [
            {"metric": "提案立案", "value": "126", "unit": "件", "text": ""},
            {"metric": "参会委员", "value": "两百", "unit": "余人", "text": ""},
            {"metric": "办复率", "value": "98.5", "unit": "%", "text": ""},
        ],
    },
    {
        "id": "T-02",
        "text": "青禾县新建文化广场。",
        "persons": ["韩青禾"],
        "official_posts": [["韩青禾", "青禾县副县长"], ["韩青禾", "县长"]],
        "places": ["青禾县"],
        "orgs": ["青禾县文旅局"],
        "metrics": [{"metric": "广场面积", "value": "十万", "unit": "平方米", "text": ""}],
    },
    {"id": "T-03", "text": "无人名。", "persons": [], "official_posts": [], "places": [], "orgs": [], "metrics": []},
]


def _write(out: Path, name: str, rows: list[dict], columns: list[str]) -> None:
    """One table as difang writes it: a folder of part files."""
    (out / name).mkdir(parents=True)
    pd.DataFrame(rows, columns=columns).to_parquet(out / name / "part-00000.parquet", index=False)


def fake_output(out: Path, places: bool = False) -> Path:
    """A difang output for ARTICLES with hits, misses, near misses and odd values in every field."""
    docs = [("d1", "in/T-01.txt"), ("d2", "in/sub/T-02.txt"), ("d9", "in/other.txt")]
    _write(out, "documents", [{"doc_id": d, "path": p} for d, p in docs], ["doc_id", "path"])
    entities = [
        ("d1", "PER", "苏映雪"), ("d1", "PER", "陆知行"), ("d1", "PER", "云溪"), ("d1", "LOC", "云溪区"),
        ("d1", "ORG", "云溪区政协"), ("d1", "TITLE", "主席"), ("d2", "PER", "韩 青禾"), ("d2", "LOC", "青禾县"),
        ("d2", "LOC", "文化广场"), ("d2", "ORG", "青禾县文旅局"), ("d9", "PER", "苏映雪"),
    ]
    _write(out, "entities", [dict(zip(("doc_id", "label", "text"), e)) for e in entities], ["doc_id", "label", "text"])
    if places:
        rows = [("d1", "云溪区"), ("d1", "桐林街道"), ("d2", "青禾"), ("d9", "云溪区")]
        _write(out, "places", [{"doc_id": d, "text": t} for d, t in rows], ["doc_id", "text"])
    officials = [("d1", "苏映雪", "主席"), ("d1", "陆知行", "副主席"), ("d1", "何晓岚", "本报记者"), ("d2", "韩青禾", "副县长"), ("d2", "韩青禾", "县长")]
    _write(out, "officials", [dict(zip(("doc_id", "person", "post"), o)) for o in officials], ["doc_id", "person", "post"])
    metrics = [
        ("d1", "提案立案", 126.0, "126件", "件"),
        ("d1", "委员", None, "两百余人", "余人"),  # no parsed value: value_text is used
        ("d1", "办复率", 98.5, "98.5%", None),  # no unit
        ("d1", None, 3.0, "3个", "个"),  # no metric phrase
        ("d2", "面积", 100000.0, "十万平方米", "平方米"),
        ("d2", "广场面积", 5.0, "5亩", "亩"),
    ]
    columns = ["doc_id", "metric", "value", "value_text", "unit"]
    _write(out, "metrics", [dict(zip(columns, m)) for m in metrics], columns)
    return out


@pytest.mark.parametrize("places", [False, True])
def test_read_output(tmp_path, places):
    pred = rn.read_output(fake_output(tmp_path / "out", places), ARTICLES)
    assert set(pred) == {"T-01", "T-02", "T-03"} and pred["T-03"] == rn.empty_view()
    assert pred["T-02"]["persons"] == {"韩青禾"}
    assert pred["T-01"]["places"] == ({"云溪区", "桐林街道"} if places else {"云溪区"})
    metrics = pred["T-01"]["metrics"]
    assert metrics[0] == ("提案立案", 126.0, "件") and metrics[2][:2] == ("办复率", 98.5)
    assert metrics[1] == ("委员", "两百余人", "余人")  # no parsed value: the figure as written


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer ../shared/tools/score_realnews.py not present")
@pytest.mark.parametrize("places", [False, True])
def test_same_numbers_as_the_reference_scorer(tmp_path, places):
    corpus = tmp_path / "fake.jsonl"
    corpus.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    out = fake_output(tmp_path / "out", places)
    reference_json = tmp_path / "reference.json"
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(corpus), "--output-dir", str(out), "--json", str(reference_json)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    reference = json.loads(reference_json.read_text(encoding="utf-8"))
    ours = rn.score(rn.read_corpus(corpus), rn.read_output(out, ARTICLES))
    assert ours == reference
    assert 0 < ours["metrics"]["tp"] and 0 < ours["metrics"]["fp"] and 0 < ours["metrics"]["fn"]
    assert ours["official_posts"]["tp"] < ours["official_posts_lenient"]["tp"]


# ---------------------------------------------------------------------------------------------
# Peers, output, section


def test_peer_predictions_map_tags_line_by_line():
    tags = {"苏映雪到青禾县调研": [("苏映雪", "PER"), ("到", "v"), ("青禾县", "LOC"), ("调研", "vn")], "县文旅局": [("县文旅局", "ORG")]}
    view = rn.peer_predictions(lambda line: tags[line], rn.LAC_FIELDS, "苏映雪到青禾县调研\n\n县文旅局")
    assert (view["persons"], view["places"], view["orgs"]) == ({"苏映雪"}, {"青禾县"}, {"县文旅局"})


def test_a_missing_peer_package_is_skipped_with_one_line(capsys):
    def not_installed():
        raise ImportError("No module named 'nowhere'")

    peer = rn.Peer("Nowhere", "nowhere-tagger", "1.0", not_installed, rn.LAC_FIELDS)
    console = Console(file=sys.stdout, width=200)
    assert rn.evaluate_peer(peer, ARTICLES, console) is None
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "nowhere-tagger" in lines[0] and "pip install nowhere-tagger==1.0" in lines[0]


def test_peer_scores_and_speed():
    peer = rn.Peer("Echo", "echo", "0", lambda: (lambda line: [(line.rstrip("。"), "PER")]), rn.LAC_FIELDS)
    articles = [{**ARTICLES[1], "text": "韩青禾"}]
    result = rn.evaluate_peer(peer, articles, Console(file=io.StringIO()))
    assert result["scores"]["persons"]["f1"] == 1.0 and set(result["scores"]) == set(rn.SET_FIELDS)
    assert result["chars_per_s"] is None or result["chars_per_s"] > 0


def test_results_table_renders(tmp_path):
    scores = rn.score(ARTICLES, rn.read_output(fake_output(tmp_path / "out"), ARTICLES))
    result = {
        "corpus": "fake.jsonl", "articles": 3, "chars": 30,
        "systems": {
            "difang": {"scores": scores, "errors": [], "model_ids": {}, "seconds": 1.0},
            "difang_noised": {"scores": scores, "errors": [], "noise": {"style": "pdf", "seed": 0}},
            "LAC": {"scores": {f: scores[f] for f in rn.SET_FIELDS}, "errors": [], "chars_per_s": 100},
        },
        "noise_drop": {f: 0.0 for f in rn.FIELDS},
    }
    console = Console(record=True, width=200, file=io.StringIO())
    rn.print_results(result, console, errors=True)
    text = console.export_text()
    assert "official_posts_lenient" in text and "noised P" in text and "100 chars/s" in text
    assert "errors" not in json.dumps(rn.summary(result)["systems"])


def test_section_is_skipped_without_the_corpus(tmp_path):
    console = Console(record=True, file=io.StringIO())
    result = rn.section(tmp_path / "absent", console)
    assert "does not exist" in result["skipped"] and "skipped" in console.export_text()


@pytest.mark.skipif(not (CORPUS_DIR / "dev.jsonl").exists(), reason="real-news corpus not present")
def test_no_corpus_text_in_the_files_of_the_section():
    """The corpus texts are third-party copy: no 14-character window of them is in our files."""
    texts = [a["text"] for name in ("train.jsonl", "dev.jsonl") for a in rn.read_corpus(CORPUS_DIR / name)]

    def windows(text: str) -> set[str]:
        return {w for w in (text[i : i + 14] for i in range(len(text) - 13)) if len(re.findall(r"[\u4e00-\u9fff]", w)) >= 8}

    corpus = set().union(*(windows(t) for t in texts))
    for path in (Path(rn.__file__), REPO / "pipeline" / "evaluation" / "noiser.py", Path(__file__)):
        leaks = windows(path.read_text(encoding="utf-8")) & corpus
        assert not leaks, (path.name, sorted(leaks)[:3])


def test_place_errors_are_counted_by_kind():
    from pipeline.evaluation.place_kinds import describe, place_error_kinds

    text = "青禾县召开会议,江津区干部到白鹭大道调研,渝中区委书记讲话。"
    article = {"id": "x1", "text": text, "places": ["青禾县", "江津区", "渝中区", "北碚区"]}

    def at(word, **row):
        start = text.index(word)
        return {"doc_id": "d1", "raw_start": start, "raw_end": start + len(word), "text": word, **row}

    tables = {
        "documents": pd.DataFrame([{"doc_id": "d1", "path": "x1.txt"}]),
        "places": pd.DataFrame(
            [
                at("青禾", source="ner", adcode=None, resolution="none"),  # cut: boundary
                at("江津区", source="ner", adcode="500116", resolution="exact"),
                at("白鹭大道", source="ner", adcode=None, resolution="none"),  # spurious, no division
            ]
        ),
        "entities": pd.DataFrame([at("渝中区委书记", label="TITLE", nested_in=None)]),
    }
    kinds = place_error_kinds(tables, [article], {("x1", "江津区"): "500116", ("x1", "渝中区"): "500103"})
    assert kinds["missed"] == {"boundary": 1, "inside an entity": 1, "division": 1}
    assert kinds["spurious"] == {"boundary": 1, "ner other": 1}
    assert kinds["coverage"] == {"coded": 1, "not found": 1} and kinds["correct"] == {"ner": 1}
    assert describe(kinds).startswith("correct 1 (ner 1); missed 3")


def test_the_development_split_is_skipped_without_train_jsonl(tmp_path):
    assert rn.development_split(tmp_path, Console()) == {}


def test_each_invented_metrics_set_is_scored_and_named(tmp_path, monkeypatch):
    for name in ("b", "a"):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": "全县新建公园3个。", "metrics": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    seen = []

    def fake_run(articles, overrides):
        seen.append([a["id"] for a in articles])
        return {"scores": {"metrics": {"p": 1.0, "r": 1.0, "f1": 1.0}}}

    monkeypatch.setattr(rn, "evaluate_difang", fake_run)
    console = Console(record=True, width=200)
    assert list(rn.invented_metrics(console, tmp_path)) == ["a", "b"] and seen == [["a"], ["b"]]
    assert "a 1.000, b 1.000" in console.export_text()


def test_the_shipped_invented_sets_have_the_realnews_fields_and_their_figures_in_the_text():
    sets = sorted(rn.INVENTED_DIR.glob("*.jsonl"))
    assert sets
    for path in sets:
        for article in rn.read_corpus(path):
            assert {"id", "text", "metrics"} <= set(article)
            for metric in article["metrics"]:
                assert metric["value"] in article["text"] and metric["metric"]
