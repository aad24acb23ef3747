"""Page furniture is no article text: a paper's masthead (name, date, weekday, edition) dates the
page and is never a title or kicker; a web page's copyright line, navigation bar and <title> are
site chrome. Clean and segment together, on invented pages."""

import datetime as dt

import pandas as pd
import pytest

from pipeline.config import CleanConfig
from pipeline.schemas import DOCUMENTS
from pipeline.segmentation.masthead import masthead_span
from pipeline.stages.clean import clean_text
from pipeline.stages.ingest import html_to_text
from pipeline.stages.segment import SegmentConfig, segment

STORY = "云溪县举行项目集中签约仪式\n本报讯（记者 甲某某）7月2日，云溪县举行项目集中签约仪式，共签约项目12个。\n"
UNDATED = "云溪县开展志愿服务\n云溪县组织志愿者走进社区，开展义诊和政策宣传活动。\n"


def articles(raw: str, path: str = "p.txt") -> pd.DataFrame:
    """The articles of one raw page, cleaned as the pipeline cleans it."""
    page = clean_text(raw, CleanConfig())
    pages = pd.DataFrame([{"doc_id": "d", "text": page.text, "offsets": page.offsets, "markers": page.markers}])
    documents = pd.DataFrame([{**dict.fromkeys(DOCUMENTS.names), "doc_id": "d", "path": path, "status": "ok"}], columns=DOCUMENTS.names)
    return segment(pages, documents, SegmentConfig())


def headline(frame: pd.DataFrame, row: int = 0) -> tuple:
    kicker, title = frame.loc[row, "kicker"], frame.loc[row, "title"]
    return (None if pd.isna(kicker) else kicker), title


@pytest.mark.parametrize(
    "masthead",
    [
        "云溪新闻\n2023年7月3日\n",  # name over a date line
        "云溪新闻\n2023年7月3日 星期一\n",  # with the weekday
        "青屿日报\n2023年7月3日 星期一 农历五月十六\n",  # and the lunar date
        "云溪新闻  2023年7月3日  第2版\n",  # one line with the edition
        "青屿日报 2023年7月3日 星期一 第3版\n",
        "青屿日报\n2023年7月3日 星期一 第2368期\n",  # with the issue number
    ],
)
def test_a_masthead_is_no_title_and_the_dateline_takes_its_year(masthead):
    frame = articles(masthead + STORY)
    assert len(frame) == 1
    assert headline(frame) == (None, "云溪县举行项目集中签约仪式")
    assert (frame.loc[0, "date"], frame.loc[0, "date_source"]) == (dt.date(2023, 7, 2), "dateline")
    assert not frame.loc[0, "text"].startswith(masthead.split()[0])


def test_an_undated_story_under_a_masthead_takes_the_masthead_date():
    frame = articles("云溪新闻\n2023年7月3日\n" + UNDATED)
    assert frame.loc[0, "title"] == "云溪县开展志愿服务"
    assert (frame.loc[0, "date"], frame.loc[0, "date_source"]) == (dt.date(2023, 7, 3), "masthead")


def test_a_markdown_masthead_is_no_kicker():
    raw = "# 云溪新闻\n2023年7月3日 星期一\n\n# 云溪县举行项目集中签约仪式\n\n" + STORY.split("\n", 1)[1]
    frame = articles(raw, "p.md")
    assert headline(frame) == (None, "云溪县举行项目集中签约仪式")
    assert (frame.loc[0, "date"], frame.loc[0, "date_source"]) == (dt.date(2023, 7, 2), "dateline")


@pytest.mark.parametrize(
    "top",
    [
        "云溪县召开安全生产会议\n2023年7月3日\n",  # a headline with its date under it
        "2023年7月3日\n",  # a bare date line: no masthead words
        "本报讯 2023年7月3日，云溪县召开会议。\n",  # running text
        "云溪新闻\n2023年7月3日至5日\n",  # a date range is no masthead date
        "云溪日报社2023年7月3日召开年会\n",  # a headline holding a date
        "云溪县政府工作报告（2023年7月3日）\n",  # a headline with its date in brackets
        "在云溪县大会上的讲话（2023年7月3日）\n",
    ],
)
def test_what_is_no_masthead(top):
    assert masthead_span(top + UNDATED) is None


def test_masthead_span_covers_name_and_date_line_only():
    text = "云溪新闻\n2023年7月3日 星期一\n" + STORY
    start, end = masthead_span(text)
    assert text[start:end] == "云溪新闻\n2023年7月3日 星期一"


WEB = (
    "<html><head><title>{title}</title></head><body>"
    "<div class='nav'>{nav}</div><h1>云溪县政协召开常委会议</h1>"
    "<div class='info'>发布时间：2023-06-10 来源：云溪新闻网</div>"
    "<p>6月9日，云溪县政协召开常委会议。县政协主席乙某某主持会议。</p>"
    "<p>编辑：丙某某 审核：丁某某</p><div class='footer'>{footer}</div></body></html>"
)


def web_page(title: str = "云溪新闻网", nav: str = "首页 | 新闻 | 政务 | 联系我们", footer: str = "版权所有 云溪新闻网") -> pd.DataFrame:
    return articles(html_to_text(WEB.format(title=title, nav=nav, footer=footer)), "p.html")


@pytest.mark.parametrize("footer", ["版权所有 云溪新闻网", "云溪新闻网 版权所有", "本网站版权所有，未经授权不得转载。", "版权归云溪县融媒体中心所有"])
def test_a_copyright_line_without_a_colon_is_chrome(footer):
    frame = web_page(footer=footer)
    assert len(frame) == 1
    assert "版权" not in frame.loc[0, "text"]
    assert frame.loc[0, "text"].rstrip().endswith("编辑：丙某某 审核：丁某某")


@pytest.mark.parametrize("nav", ["首页 | 新闻 | 政务 | 联系我们", "首页｜要闻｜专题", "网站首页 新闻中心 政务公开 联系我们", "要闻 | 乡镇 | 部门 | 专题"])
def test_a_navigation_bar_is_no_kicker(nav):
    frame = web_page(nav=nav)
    assert headline(frame) == (None, "云溪县政协召开常委会议")
    assert "新闻" not in frame.loc[0, "text"].split("\n")[0]


@pytest.mark.parametrize("sentence", ["作品版权所有者甲某某表示，将依法维权。", "会议强调，版权所有单位要依法维权。"])
def test_a_sentence_about_a_copyright_owner_stays(sentence):
    assert sentence in clean_text("云溪县召开会议\n会议强调，要做好各项工作。\n" + sentence + "\n").text


@pytest.mark.parametrize(
    "line",
    ["审核｜丁某某 终审｜戊某某", "甲某某 乙某某 丙某某", "学习 工作 生活", "经济 | 民生", "一等奖｜甲某某｜乙某某｜丙某某"],
)
def test_credit_lines_and_short_word_lines_are_no_navigation_bar(line):
    assert line.replace(" ", "") in clean_text("云溪县召开会议\n会议强调，要做好各项工作。\n" + line + "\n").text.replace(" ", "")


@pytest.mark.parametrize("title", ["云溪新闻网", "云溪县政协召开常委会议", "云溪县政协召开常委会议_云溪新闻网", "云溪县政协召开常委会议 - 云溪新闻网"])
def test_the_html_title_repeating_the_site_or_the_h1_is_dropped(title):
    frame = web_page(title=title)
    assert len(frame) == 1
    assert frame.loc[0, "text"].startswith("云溪县政协召开常委会议\n发布时间")
    assert frame.loc[0, "title"] == "云溪县政协召开常委会议"


def test_an_html_title_that_is_the_only_headline_stays():
    raw = html_to_text("<html><head><title>云溪县政协召开常委会议</title></head><body><p>6月9日，云溪县政协召开常委会议。</p></body></html>")
    frame = articles(raw, "p.html")
    assert frame.loc[0, "title"] == "云溪县政协召开常委会议"


def test_a_wire_story_after_a_local_one_is_its_own_article_with_its_source():
    wire = "新华社北京7月2日电 国家统计局今天发布数据，6月份全国居民消费价格同比上涨0.6%。\n"
    frame = articles(STORY + "\n" + wire)
    assert len(frame) == 2 and frame.loc[1, "text"].startswith("新华社北京7月2日电")
    assert frame.loc[1, "source"] == "新华社"


def test_each_item_of_a_block_of_briefs_is_a_story_with_its_own_date():
    briefs = "简讯\n●7月1日，县政协主席甲某某带队调研乡村振兴工作。\n●6月30日，县人大常委会主任乙某某主持召开主任会议。\n"
    frame = articles("青屿日报 2023年7月3日 星期一\n" + STORY + "\n" + briefs)
    assert len(frame) == 3 and "●" not in frame.loc[0, "text"]
    assert list(frame["date"]) == [dt.date(2023, 7, 2), dt.date(2023, 7, 1), dt.date(2023, 6, 30)]
