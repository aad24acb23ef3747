"""Article dates and where each came from (articles.date_source): dateline, 发布时间, masthead, file
name, configured hints per folder and per run; invented pages."""

import datetime as dt

import pandas as pd

from pipeline.schemas import DOCUMENTS
from pipeline.segmentation.dates import date_in_path, find_published_date, folder_hint
from pipeline.stages.segment import SegmentConfig, segment

DATELINE = "区里召开会议\n\n本报讯（记者 甲乙丙）7月20日，区里召开会议，研究部署下半年工作。\n"
UNDATED = "区里开展志愿服务\n\n区里组织志愿者走进社区，开展义诊和政策宣传活动。\n"


def run(text: str, path: str = "p.txt", markers: list[dict] = (), **config) -> pd.DataFrame:
    pages = pd.DataFrame([{"doc_id": "d", "text": text, "offsets": list(range(len(text))), "markers": list(markers)}])
    documents = pd.DataFrame([{**dict.fromkeys(DOCUMENTS.names), "doc_id": "d", "path": path, "status": "ok"}], columns=DOCUMENTS.names)
    return segment(pages, documents, SegmentConfig(**config))


def first(frame: pd.DataFrame) -> tuple:
    return frame.loc[0, "date"], frame.loc[0, "date_source"]


def test_a_dateline_takes_its_year_from_the_file_name():
    assert first(run(DATELINE, "paper/20230722_p1.txt")) == (dt.date(2023, 7, 20), "dateline")


def test_a_yearless_dateline_without_any_page_date_stays_undated():
    frame = run(DATELINE)
    assert pd.isna(frame.loc[0, "date"]) and pd.isna(frame.loc[0, "date_source"]) and frame.loc[0, "date_text"] == "7月20日"


def test_published_line_of_a_web_article():
    text = "区里开展志愿服务\n发布时间：2022-11-03 08:15 来源：区融媒体中心\n\n区里组织志愿者走进社区，开展义诊活动。\n"
    assert first(run(text, "paper/2021-01-01.txt")) == (dt.date(2022, 11, 3), "published")


def test_masthead_beats_the_file_name_and_config():
    masthead = {"kind": "chrome", "text": "某某日报 2024年01月16日 第2版", "raw_start": 0, "raw_end": 0, "page_start": 0, "page_end": 0}
    assert first(run(UNDATED, "20200101.txt", [masthead], page_date=dt.date(2019, 1, 1))) == (dt.date(2024, 1, 16), "masthead")


def test_a_masthead_line_at_the_top_of_the_page():
    text = "云溪时报 2024年1月16日 星期二 第2版\n\n" + DATELINE
    assert first(run(text, "p.txt")) == (dt.date(2023, 7, 20), "dateline")  # a July event on a January page: last year
    assert first(run("云溪时报 2024年1月16日 星期二 第2版\n\n" + UNDATED, "p.txt")) == (dt.date(2024, 1, 16), "masthead")


def test_file_name_then_folder_hint_then_run_hint():
    assert first(run(UNDATED, "yunxi/2023-05-06/p1.txt")) == (dt.date(2023, 5, 6), "filename")
    hints = {"folder_dates": {"yunxi": dt.date(2022, 2, 2), "yunxi/spring": dt.date(2022, 3, 3)}, "page_date": dt.date(2021, 1, 1)}
    assert first(run(UNDATED, "yunxi/spring/p1.txt", **hints)) == (dt.date(2022, 3, 3), "config")
    assert first(run(UNDATED, "yunxi/p1.txt", **hints)) == (dt.date(2022, 2, 2), "config")
    assert first(run(UNDATED, "other/p1.txt", **hints)) == (dt.date(2021, 1, 1), "config")


def test_date_helpers():
    assert date_in_path("a/2023/07/20/b.txt") == dt.date(2023, 7, 20)
    assert date_in_path("scan_1234567890.txt") is None
    assert find_published_date("发布日期:2024年3月2日") == dt.date(2024, 3, 2)
    assert find_published_date("会议时间很紧") is None
    assert folder_hint("ab/c.txt", {"a": dt.date(2020, 1, 1)}) is None


def test_dated_furniture_lines_without_a_label_and_day_first_dates():
    for line, date in (("2020-11-05 10:22", dt.date(2020, 11, 5)), ("21.05.2019  09:15", dt.date(2019, 5, 21)),
                       ("来源：区融媒体中心 2021-06-07 08:15:42", dt.date(2021, 6, 7)), ("时间：21.05.2019", dt.date(2019, 5, 21))):
        text = f"区里开展志愿服务\n{line}\n\n区里组织志愿者走进社区，开展义诊活动。\n"
        assert first(run(text)) == (date, "published"), line
    assert find_published_date("全区2021-06-07完成了任务，共建成水库十二座。") is None  # running text is no furniture


def test_a_headline_holding_a_date_does_not_date_the_page_as_a_masthead():
    # the page's first line is kept (clean's masthead detector, segmentation.masthead, rejects it): no masthead date
    text = "云溪日报社2023年7月3日召开年会\n\n" + UNDATED
    assert run(text, "p.txt").loc[0, "date_source"] != "masthead"
