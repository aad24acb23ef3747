"""Segment stage units on small invented pages (no seed text)."""

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schemas import ARTICLES, DOCUMENTS
from pipeline.segmentation.bylines import parse_authors
from pipeline.segmentation.dates import find_page_date, resolve_date
from pipeline.segmentation.page import segment_text
from pipeline.stages.segment import SegmentConfig, segment

BODY_A = "会议指出，要把各项工作抓实抓细，确保取得实效。"
BODY_B = "活动现场气氛热烈，居民们纷纷表示收获很大。"


def page_frame(text: str, markers: list[dict] | None = None, doc_id: str = "doc") -> pd.DataFrame:
    return pd.DataFrame(
        [{"doc_id": doc_id, "text": text, "offsets": list(range(len(text))), "markers": markers or [],
          "n_raw_chars": len(text), "n_clean_chars": len(text)}]
    )


def run(text: str, markers: list[dict] | None = None, **config) -> pd.DataFrame:
    return segment(page_frame(text, markers), DOCUMENTS.empty_table().to_pandas(), SegmentConfig(**config))


def heading_marker(text: str, title: str, level: int) -> list[dict]:
    start = text.index(title)
    return [
        {"kind": "markup", "text": "#" * level + " ", "raw_start": start, "raw_end": start, "page_start": start, "page_end": start},
        {"kind": "heading", "text": title, "raw_start": start, "raw_end": start + len(title), "page_start": start, "page_end": start + len(title)},
    ]


def test_output_matches_the_articles_schema():
    frame = run(f"区里召开推进会\n本报讯（记者 王小明）3月5日，{BODY_A}")
    pa.Table.from_pandas(frame, schema=ARTICLES, preserve_index=False)  # raises on a mismatch
    assert list(frame.columns) == ARTICLES.names
    assert frame.loc[0, "article_id"] == "doc:0"


def test_bare_headlines_split_news_stories():
    text = (f"区里召开推进会\n本报讯（记者 王小明 通讯员 李华）3月5日，{BODY_A}\n{BODY_B}\n"
            f"社区开展志愿服务活动\n本报讯（见习记者 赵一）3月6日，{BODY_B}")
    frame = run(text, page_date=dt.date(2024, 3, 10))
    assert frame["title"].tolist() == ["区里召开推进会", "社区开展志愿服务活动"]
    assert frame.loc[0, "authors"] == [{"name": "王小明", "role": "记者"}, {"name": "李华", "role": "通讯员"}]
    assert frame.loc[1, "authors"] == [{"name": "赵一", "role": "见习记者"}]
    assert frame.loc[0, "date_text"] == "3月5日" and frame.loc[0, "date"] == dt.date(2024, 3, 5)
    assert frame.loc[0, "body"].startswith("本报讯")


def test_markdown_kicker_title_subtitle():
    text = f"街道举办邻里节\n共建和美家园\n张书记出席\n本报讯（记者 刘某）{BODY_A}"
    frame = run(text, heading_marker(text, "共建和美家园", 1))
    row = frame.iloc[0]
    assert (row["kicker"], row["title"], row["subtitle"]) == ("街道举办邻里节", "共建和美家园", "张书记出席")
    assert len(frame) == 1


def test_a_lower_markdown_heading_over_a_lead_heads_the_new_story():
    text = f"区里召开推进会\n本报讯（记者 王小明）3月5日，{BODY_A}\n社区开展志愿服务活动\n本报讯（记者 赵一）3月6日，{BODY_B}"
    markers = heading_marker(text, "区里召开推进会", 1) + heading_marker(text, "社区开展志愿服务活动", 2)
    frame = run(text, markers)
    assert frame["title"].tolist() == ["区里召开推进会", "社区开展志愿服务活动"]
    assert frame.loc[0, "text"].endswith(BODY_A)


def test_a_lower_markdown_heading_over_running_text_is_a_section_heading():
    text = f"小镇新貌\n{BODY_A}\n产业兴旺添活力\n{BODY_B}"
    markers = heading_marker(text, "小镇新貌", 1) + heading_marker(text, "产业兴旺添活力", 2)
    assert run(text, markers)["title"].tolist() == ["小镇新貌"]


def test_feature_section_headings_stay_in_one_article():
    text = (f"小镇新貌\n——某镇乡村振兴纪实\n{BODY_A}\n产业兴旺添活力\n{BODY_B}\n生态宜居换新颜\n{BODY_A}\n"
            "通讯员 张小军 特约记者 何大为")
    frame = run(text)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["title"] == "小镇新貌" and row["subtitle"] == "某镇乡村振兴纪实"
    assert row["kind"] == "feature"
    assert row["authors"] == [{"name": "张小军", "role": "通讯员"}, {"name": "何大为", "role": "特约记者"}]
    assert row["body"].endswith(BODY_A)
    assert row["body_page_end"] < row["page_end"]  # the closing author line is not body


def test_photo_news_and_continuation_fragment():
    text = ("山村里的丰收节\n金秋时节，村民们在田间收割稻谷，脸上洋溢着笑容。\n记者 陈小 摄\n"
            f"（上接第一版）{BODY_A}\n{BODY_B}")
    frame = run(text)
    assert frame["kind"].tolist()[0] == "photo"
    assert frame.loc[0, "authors"] == [{"name": "陈小", "role": "摄"}]
    assert frame.loc[1, "continued_from"] == "1" and "no_title" in frame.loc[1, "flags"]


def test_headlines_printed_after_the_body():
    text = (f"（上接1版）{BODY_A}\n{BODY_B}\n坚持问题导向推动工作落实\n本报讯（记者 伍某某）{BODY_A}\n"
            "青少年科技活动在我区举行")
    frame = run(text)
    assert frame["title"].tolist() == ["坚持问题导向推动工作落实", "青少年科技活动在我区举行"]
    assert "title_after_body" in frame.loc[0, "flags"]


def test_mixed_layout_headline_echoing_the_story_below_heads_it():
    """A title-after page where one headline, after an end byline, clearly names the next story."""
    text = (f"（上接1版）{BODY_A}\n{BODY_B}\n坚持问题导向推动工作落实\n"
            "本报讯（记者 伍某某）{BODY_A}\n记者 伍某某\n"
            "云溪区新建口袋公园三十处\n今年以来，云溪区新建口袋公园三十处，居民休闲更方便。\n"
            "科技活动周在我区举行")
    frame = run(text)
    titles = frame["title"].tolist()
    assert "云溪区新建口袋公园三十处" in titles
    park = frame[frame["title"] == "云溪区新建口袋公园三十处"].iloc[0]
    assert park["body"].startswith("今年以来")


def test_lead_without_a_headline_keeps_its_byline():
    text = (f"云岭镇召开秋收动员会\n本报讯（记者 甘明远）{BODY_A}\n{BODY_B}\n"
            f"本报讯（通讯员 顾清和）9月3日，青溪区读书节开幕，{BODY_B}{BODY_A}")
    frame = run(text)
    assert frame["title"].tolist()[0] == "云岭镇召开秋收动员会" and pd.isna(frame.loc[1, "title"])
    assert frame.loc[1, "authors"] == [{"name": "顾清和", "role": "通讯员"}]


# Two columns read across by a PDF converter: each line stops mid-sentence and the next line is the
# other column's text.
INTERLEAVED = ("云岭镇召开秋收动员会\n本报讯（记者 甘明远）9月2日，云岭镇召开秋收动员会，部署全镇秋粮收购和仓储工作。"
               "会议指出，今年全镇秋粮长势良好，各村要提前\n"
               "青溪区读书节当天共有三千余名市民走进图书馆，参加阅读分享、图书漂流等活动，现场\n"
               "谋划，抓紧组织人手和机械，做好烘干、仓储等各项准备工作，确保秋粮应收尽收、颗粒\n"
               "还为小读者准备了精美书签和绘本，吸引了不少家长带着孩子前来参加，大家纷纷表示\n"
               "归仓。会议还对秋季防火工作作了安排。")


def test_interleaved_columns_are_flagged():
    frame = run(INTERLEAVED)
    assert "interleaved_columns" in frame.loc[0, "flags"]


def test_a_single_column_page_is_not_flagged_interleaved():
    single = (f"云岭镇召开秋收动员会\n本报讯（记者 甘明远）{BODY_A}\n{BODY_B}\n"
              f"青溪区举办读书节\n本报讯（记者 顾清和）{BODY_B}\n{BODY_A}")
    frame = run(single)
    assert len(frame) == 2 and not frame["flags"].map(lambda f: "interleaved_columns" in f).any()


def test_structureless_page_gives_one_low_confidence_article():
    frame = run("一些没有标题也没有电头的文字，像是残缺的一段。另一句话也在这里")
    assert len(frame) == 1
    assert "low_confidence" in frame.loc[0, "flags"] and frame.loc[0, "confidence"] < 0.5


def test_single_article_file_gives_one_article():
    frame = run(f"区里召开推进会\n本报讯（记者 王小明）{BODY_A}\n{BODY_B}\n{BODY_A}")
    assert len(frame) == 1 and frame.loc[0, "title"] == "区里召开推进会"


def test_empty_input_gives_empty_table():
    assert segment(page_frame("")[:0], DOCUMENTS.empty_table().to_pandas(), SegmentConfig()).empty
    assert run("   \n ").empty


def test_byline_parsing():
    assert [(a.name, a.role) for a in parse_authors("（记者 甘 明）")] == [("甘明", "记者")]
    assert [(a.name, a.role) for a in parse_authors("(甲某某 乙某某/文 某区政协供图)")] == [
        ("甲某某", "文"), ("乙某某", "文"), ("某区政协", "供图")]
    assert [(a.name, a.role) for a in parse_authors("记者 **刘某某** 摄")] == [("刘某某", "摄")]


def test_dates_never_invent_a_year():
    assert resolve_date("7月20日", None) is None
    assert resolve_date("7月20日", dt.date(2023, 7, 24)) == dt.date(2023, 7, 20)
    assert resolve_date("12月28日", dt.date(2024, 1, 16)) == dt.date(2023, 12, 28)
    assert resolve_date("2022年5月1日", None) == dt.date(2022, 5, 1)
    assert find_page_date("某某报 2024年01月16日 第5版") == dt.date(2024, 1, 16)


def covered(rows: list[dict], text: str) -> bool:
    inside = [False] * len(text)
    for row in rows:
        for i in range(row["page_start"], row["page_end"]):
            inside[i] = True
    return all(inside[i] or text[i].isspace() for i in range(len(text)))


def test_nothing_is_lost_on_invented_page():
    text = f"报头文字\n区里召开推进会\n本报讯（记者 王小明）{BODY_A}\n图为活动现场。某单位供图\n产业兴旺添活力\n{BODY_B}"
    assert covered(segment_text("d", text, list(range(len(text)))), text)


_LINES = st.sampled_from(
    ["区里召开推进会", "本报讯（记者 王小明）3月5日，" + BODY_A, BODY_A, BODY_B, "记者 陈小 摄", "（上接2版）" + BODY_B,
     "——某镇纪实", "图为活动现场。某单位供图", "通讯员 张小军", "", "  ", "文字没有句号"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=12))
def test_property_spans_sorted_disjoint_inside_page(lines):
    text = "\n".join(lines)
    rows = segment_text("d", text, list(range(len(text))))
    previous_end = 0
    for seq, row in enumerate(rows):
        assert row["seq"] == seq
        assert previous_end <= row["page_start"] < row["page_end"] <= len(text)
        assert row["page_start"] <= row["body_page_start"] <= row["body_page_end"] <= row["page_end"]
        assert row["text"] == text[row["page_start"] : row["page_end"]]
        previous_end = row["page_end"]
    assert covered(rows, text)
    assert bool(rows) == bool(text.strip())


# ---------------------------------------------------------------------------------------------
# Issue 16: article boundaries without reliable headline lines (cues on invented text)

from pipeline.segmentation import cues  # noqa: E402

STORY_A = "桐林街道组织志愿者走进社区，为老人提供义诊服务。活动现场气氛热烈，居民们纷纷表示收获很大，志愿者还为老人讲解了健康知识，发放宣传资料二百余份。"
STORY_B = "云溪区召开防汛工作会议，部署汛期各项工作。会议要求，各部门要压实责任，做好值班值守，确保安全度汛，切实保障人民群众生命财产安全。"
STORY_C = "青枫小学举办校园读书节，全校师生共读经典图书。读书节期间，学校开展了图书漂流和朗诵比赛，孩子们在书香中收获成长，家长们也走进校园参与亲子共读。"


def test_strong_openings():
    for lead in ("本报讯（记者 王小明）", "云溪网讯", "云溪新闻网讯（通讯员 甲某、乙某）", "本报青枫6月1日电", "今日云溪网消息", "（记者 王小明）"):
        assert cues.is_strong_opening(lead + STORY_B), lead
    assert not cues.is_strong_opening(STORY_B)


def test_weak_openings():
    for lead in ("9月上旬，", "6月12日上午，", "2022年4月8日，", "近日，", "日前，", "记者从云溪区水利局获悉，"):
        assert cues.is_weak_opening(lead + STORY_B), lead
    assert not cues.is_weak_opening("记者从会上获悉，" + STORY_B)
    assert not cues.is_weak_opening("6月12日的会议上" + STORY_B)


def test_closing_cues():
    for tail in ("（甲某）", "（甲某 乙某）", "（作者：甲某 乙某）", "（云溪区移民办）", "（完）", "本报记者 甲某某"):
        text = STORY_A + tail
        span = cues.closing_tail(text)
        assert span is not None and text[span[0] : span[1]].strip() == tail.strip(), tail
    assert cues.closing_tail(STORY_A + "（2023年）") is None and cues.closing_tail(STORY_A) is None
    for line in ("编辑：甲某", "责任编辑：甲某 审核：乙某", "审核|丙某某", "终审：甲某", "监制：乙某某", "■甲某某"):
        assert cues.is_credit_line(line), line
    assert cues.credit_authors("编辑：甲某 审核：陈 薇") == [("甲某", "编辑"), ("陈薇", "审核")]
    assert cues.parenthesis_authors("（作者：甲某 乙某）") == [("甲某", "作者"), ("乙某", "作者")]


def test_web_furniture():
    for line in ("发布时间：2022-08-16 来源：云溪区人民政府", "浏览次数：128", "字号：大 中 小", "2021-10-14", "21.05.2019  09:15",
                 "2020-11-05 10:22", "来源：云溪新闻网 时间：2017-12-07 访问量："):
        assert cues.is_furniture(line), line
    assert not cues.is_furniture(STORY_A) and not cues.is_furniture("时间就是生命")
    assert cues.starts_with_furniture("2021-10-14来源：云溪新闻网" + STORY_B)


def test_page_of_untitled_stories_splits_at_cues():
    text = "\n".join([
        "云溪网讯（通讯员 甲某、乙某）" + STORY_A, STORY_B + "（丙某某 丁某）",
        "6月12日上午，" + STORY_B, STORY_A, "编辑：戊某某", "审核：己某",
        "青枫镇举办农民丰收节", "发布时间：2022-08-16 来源：青枫镇人民政府", STORY_A, STORY_B,
        "近日，" + STORY_C,
    ])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:4] for r in rows] == ["云溪网讯", "6月12", "青枫镇举", "近日，青"]
    assert rows[2]["title"] == "青枫镇举办农民丰收节"
    assert {"name": "甲某", "role": "通讯员"} in rows[0]["authors"] and {"name": "丙某某", "role": "作者"} in rows[0]["authors"]
    assert {"name": "戊某某", "role": "编辑"} in rows[1]["authors"] and {"name": "己某", "role": "审核"} in rows[1]["authors"]
    assert rows[0]["body"].endswith("。") and rows[1]["body"].endswith("。")


def test_dated_paragraph_inside_a_short_story_stays():
    text = "\n".join(["区里召开推进会", "本报讯（记者 王小明）" + BODY_A, "3月6日，" + BODY_B])
    assert len(segment_text("d", text, list(range(len(text))))) == 1


def test_feature_subheading_over_a_dated_paragraph_is_a_section_heading():
    text = "\n".join(["小镇新貌", "——某镇乡村振兴纪实", STORY_A, STORY_B, "产业兴旺添活力", "2023年5月1日，" + STORY_A])
    rows = segment_text("d", text, list(range(len(text))))
    assert len(rows) == 1


def test_pdf_heading_mark_on_running_text_is_not_a_headline():
    from pipeline.evaluation.noiser import add_noise
    from pipeline.stages.clean import clean_text

    pieces = ["近日，" + STORY_A, "青枫镇举办农民丰收节\n9月23日，" + STORY_B + STORY_A, "日前，" + STORY_C]
    raw = "\n\n".join(add_noise(p, "pdf", k).rstrip("\n").removeprefix("# " if k else "") for k, p in enumerate(pieces))
    page = clean_text(raw)
    assert len(segment_text("d", page.text, page.offsets, page.markers)) == 3


def test_story_joined_onto_a_closing_by_cleaning_is_split_at_the_line_break():
    from pipeline.stages.clean import clean_text

    for closing, opening in (("（甲某 乙某）", "9月30日上午，"), ("终审：陈 薇", "青枫镇举办农民丰收节\n"), ("本报记者 王某某", "")):
        raw = STORY_A + closing + "\n\n" + opening + STORY_B + "\n\n" + STORY_A + "\n"
        page = clean_text(raw)
        rows = segment_text("d", page.text, page.offsets, page.markers)
        assert len(rows) == 2, (closing, [r["text"][:8] for r in rows])
        assert rows[1]["text"].startswith((opening or STORY_B)[:4])
    assert cues.ends_with_closing(STORY_A + "终审：陈 薇") and not cues.ends_with_closing(STORY_A + "终审：陈薇青枫镇举办")


def test_headline_after_a_story_closed_by_its_credit_is_no_caption():
    text = "\n".join([STORY_A + "本报记者 王某某", "青枫镇举办农民丰收节", "本报讯 " + STORY_B])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["title"] for r in rows] == [None, "青枫镇举办农民丰收节"]


@pytest.mark.parametrize(
    "lead, date_text",
    [
        ("本报讯 5月6日，青禾镇召开春耕动员会。会议要求抓好农时。", "5月6日"),  # no byline
        ("青禾县融媒体中心1月3日讯（记者 甲某）近日，青禾县召开会议。", "1月3日"),  # the date inside the opener
        ("青禾新闻网讯 2023年4月8日，青禾县召开会议。", "2023年4月8日"),
        ("电力公司5月6日召开安全生产会议。", None),  # 电 of a word is no opener
    ],
)
def test_the_dateline_of_a_lead_without_byline_or_inside_its_opener(lead, date_text):
    (row,) = segment_text("d", lead, list(range(len(lead))))
    assert row["date_text"] == date_text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=40), st.integers(0, 10), st.integers(-12, 45), st.integers(1, 4), st.integers(0, 45))
def test_gaps_are_the_positions_after_deleted_characters(steps, block_start, stop, min_gap, first):
    """blocks._gaps finds exactly the positions a per-character test of the offset map finds,
    whatever the block's place and the range (empty, reversed, past the end)."""
    from pipeline.segmentation.blocks import _gaps

    offsets = [sum(steps[: i + 1]) + i for i in range(len(steps))]  # increasing raw indices with gaps
    first = max(1, min(first, len(offsets) - block_start)) if len(offsets) > block_start else 1
    expected = [k for k in range(first, stop) if 0 < block_start + k < len(offsets) and offsets[block_start + k] - offsets[block_start + k - 1] >= min_gap]
    assert _gaps(offsets, block_start, first, stop, min_gap) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙丙丁戊 ，。a1\n", max_size=60))
def test_bigrams_count_adjacent_han_pairs_within_runs(text):
    from collections import Counter

    from pipeline.segmentation.cohesion import bigrams

    han = "甲乙丙丁戊"
    expected = Counter(text[i : i + 2] for i in range(len(text) - 1) if text[i] in han and text[i + 1] in han)
    assert bigrams(text) == expected
