"""The report's parts on invented values: Chinese numbers, natural order, metric families and places,
the timeline's date order, links between pages, and the copies the scaling benchmark makes."""

import datetime as dt
import math
import re

import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from pipeline.report.site import Site, relative
from pipeline.report.figures import NO_METRIC, NO_PLACE, article_places, family_matrix, family_of, figure_table
from pipeline.report.highlight import highlight
from pipeline.report.numbers import chinese_number, count
from pipeline.report.order import as_date, natural_key
from pipeline.report.scale import copy_table
from pipeline.report.summary import distinct_model_ids
from pipeline.report.timeline import post_rows, timeline_svg


def test_chinese_number_kinds():
    assert chinese_number(850000000.0, "美元") == "8.5亿美元"
    assert chinese_number(509999999.99999994, "美元") == "5.1亿美元"  # a float artefact reads as written
    assert chinese_number(21300, "元") == "2.13万元"
    assert chinese_number(12400000, "吨") == "1,240万吨"
    assert chinese_number(1.26e12, "元") == "1.26万亿元"
    assert chinese_number(1860, "户") == "1,860户"
    assert chinese_number(92.6, "%") == "92.6%"
    assert chinese_number(250000, "%") == "250,000%"  # ratios are never scaled by 万
    assert chinese_number(-35000.0, "元") == "-3.5万元"
    assert chinese_number(None, "元") == chinese_number(float("nan"), "元") == ""
    assert count(1234567) == "1,234,567"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e20, max_value=1e20))
def test_chinese_number_never_scientific(value):
    text = chinese_number(value, "元")
    assert not re.search(r"[eE]", text)
    number = float(re.sub(r"[^\d.\-]", "", text))
    scale = 1e12 if "万亿" in text else 1e8 if "亿" in text else 1e4 if "万" in text else 1
    assert math.isclose(number * scale, value, rel_tol=1e-3, abs_tol=scale * 1e-4 + 1e-4)


def test_natural_key_orders_numbers_as_numbers():
    names = ["p_10.txt", "p_2.txt", "P_1.txt", "p_100.txt", "a/p_3.txt", "p_2b.txt"]
    assert sorted(names, key=natural_key) == ["a/p_3.txt", "P_1.txt", "p_2.txt", "p_2b.txt", "p_10.txt", "p_100.txt"]


def test_as_date_reads_arrow_dates_and_strings():
    assert as_date(dt.date(2024, 3, 20)) == as_date("2024-03-20") == as_date(dt.datetime(2024, 3, 20, 8)) == dt.date(2024, 3, 20)
    assert as_date(None) is None and as_date("") is None and as_date("not a date") is None


def test_family_of_longest_keyword_then_value_kind():
    assert family_of("外贸进出口总额")[0] == "trade"
    assert family_of("一般公共预算收入")[0] == "finance"  # 一般公共预算 is longer than 收入
    assert family_of("城乡居民人均可支配收入")[0] == "income"
    assert family_of("累计接待游客")[0] == "culture"
    assert family_of("某某指数", "PERCENT") == ("other-ratio", "其他比率")
    assert family_of(None, "MONEY") == family_of("  ", "MONEY") == NO_METRIC


def test_figures_place_is_the_articles_county():
    places = pd.DataFrame(
        {
            "article_id": ["a:0", "a:0", "a:0", "b:0"],
            "text": ["青枫镇", "云溪", "云溪区", "北河"],
            "name": ["青枫镇", "云溪区", "云溪区", None],
            "level": ["township", "county", "county", "other"],
            "county": ["云溪区", "云溪区", "云溪区", None],
            "city": [None, None, None, None],
            "province": [None, None, None, None],
        }
    )
    assert article_places(places) == {"a:0": "云溪区", "b:0": "北河"}
    metrics = pd.DataFrame(
        {
            "article_id": ["a:0", "a:0", "b:0", "c:0"],
            "metric": ["外贸进出口", "出口", "总投资", None],
            "value_kind": ["MONEY", "PERCENT", "MONEY", "QUANTITY"],
        }
    )
    frame = figure_table(metrics, places, {"a:0": "docs/a.html#article-0"})
    assert list(frame["place"]) == ["云溪区", "云溪区", "北河", NO_PLACE]
    own = figure_table(metrics.assign(metric_place=["青枫镇", None, None, None]), places, {})
    assert list(own["place"]) == ["青枫镇", "云溪区", "北河", NO_PLACE]  # the figure's own place first
    matrix = family_matrix(frame)
    assert matrix.places == ["云溪区", "北河", NO_PLACE]
    assert {row["key"]: row["cells"] for row in matrix.rows} == {"trade": [2, 0, 0], "investment": [0, 1, 0], NO_METRIC[0]: [0, 0, 1]}


def officials(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "person", "post", "date"])


def test_timeline_orders_by_date_not_by_article():
    # Article order (x:1, x:2, x:3) is the reverse of the dates: the timeline follows the dates.
    frame = officials(
        [
            ("x:1", "林书远", "区长", dt.date(2024, 5, 1)),
            ("x:2", "林书远", "区长", None),
            ("x:3", "林书远", "区长", dt.date(2023, 1, 9)),
            ("x:3", "宋佳怡", "记者", None),
            ("x:4", "孙若兰", "区政协副主席", None),
        ]
    )
    article_dates = {"x:4": dt.date(2023, 6, 1)}  # the official has no date: the article's is used
    rows = post_rows(frame, article_dates, {a: f"docs/x.html#{a}" for a in frame["article_id"]})
    assert [(r.person, r.first, r.last, r.undated) for r in rows] == [
        ("林书远", dt.date(2023, 1, 9), dt.date(2024, 5, 1), 1),
        ("孙若兰", dt.date(2023, 6, 1), dt.date(2023, 6, 1), 0),
        ("宋佳怡", None, None, 1),
    ]
    svg = str(timeline_svg(rows))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(xs) == 3 and xs[0] < xs[2] < xs[1]  # 2023-01-09 < 2023-06-01 < 2024-05-01 on the axis
    assert "2023" in svg and "宋佳怡" not in svg  # never dated: in the table only


def test_timeline_merges_days_too_close_to_draw():
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(2000)]
    frame = officials([(f"x:{k}", "林书远", "区长", day) for k, day in enumerate(days)])
    rows = post_rows(frame, {}, {})
    svg = str(timeline_svg(rows))
    counts = [int(n) for n in re.findall(r": (\d+) mention\(s\)</title></circle>", svg)]
    assert 50 < len(counts) < 200 and sum(counts) == 2000


def test_timeline_keeps_same_name_people_apart_by_person_id():
    frame = officials([("x:1", "王伟", "区长", None), ("x:2", "王伟", "区长", None)]).assign(person_id=["p_1", "p_2"])
    assert len(post_rows(frame, {}, {})) == 2
    assert len(post_rows(frame.drop(columns="person_id"), {}, {})) == 1


def test_links_between_pages_are_relative():
    site = Site(__import__("pathlib").Path("/x/out/report.html"))
    doc = site.document("2024/p_1.txt")
    assert doc.startswith("report/docs/") and doc == site.document("2024/p_1.txt")
    assert relative("report.html", doc + "#article-2") == doc + "#article-2"
    assert relative("report/timeline.html", doc) == doc.removeprefix("report/")
    assert relative("report/figures/trade.html", doc + "#a") == "../" + doc.removeprefix("report/") + "#a"
    assert relative(doc, "report.html") == "../../report.html"


def test_highlight_escapes_text_and_checks_offsets():
    text = "<b>孙若兰</b>出席"
    entities = pd.DataFrame({"start": [3, 3, 0], "end": [6, 5, 2], "label": ["PER", "PER", "ORG"], "text": ["孙若兰", "孙若", "xx"]})
    html, problems = highlight(text, entities)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count('class="entity"') == 1 and "孙若兰" in html
    assert len(problems) == 2  # the overlapping span and the span whose text does not match


def test_copies_get_own_ids_paths_and_dates():
    table = pa.table(
        {
            "article_id": ["d1:0"],
            "doc_id": ["d1"],
            "person_id": ["p_9"],
            "path": ["a/p_1.txt"],
            "date": pa.array([dt.date(2024, 1, 31)], pa.date32()),
        }
    )
    copy = copy_table(table, 3).to_pylist()[0]
    assert copy == {"article_id": "d1:0~3", "doc_id": "d1~3", "person_id": "p_9", "path": "copy-00003/a/p_1.txt", "date": dt.date(2024, 2, 3)}


def test_the_header_names_each_model_once():
    ids = {"ner": "crf+a1", "ner.crf": "crf+a1", "ner.nested": "nested+b2", "ner.rules": "rules+c3", "tokens": "pkuseg+d4"}
    assert distinct_model_ids(ids) == {"ner": "crf+a1", "ner.nested": "nested+b2", "ner.rules": "rules+c3", "tokens": "pkuseg+d4"}
    # a layer that is not the stage's model stays (an ensemble names its own id)
    assert distinct_model_ids({"ner": "ensemble+e5", "ner.crf": "crf+a1"}) == {"ner": "ensemble+e5", "ner.crf": "crf+a1"}
