"""clean stage: named rules, offsets, markers, idempotence and the pages table on invented text; the real
seeds only end to end (every seed cleans idempotently with valid offsets) and for the no-seed-text check."""

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline.offsets import clean_to_raw_span, raw_to_clean_span
from pipeline.schemas import MARKER, PAGES
from pipeline.stages.clean import _FULLWIDTH, CleanConfig, clean, clean_text

REPO = Path(__file__).resolve().parents[1]
HALF_TO_FULL = {**_FULLWIDTH, '"': "“”", "'": "‘’"}


def cleaned(raw: str, **switches) -> str:
    return clean_text(raw, CleanConfig(**switches)).text


def assert_offsets_valid(raw: str, page) -> None:
    assert len(page.offsets) == len(page.text)
    assert all(a < b for a, b in zip(page.offsets, page.offsets[1:]))
    for char, offset in zip(page.text, page.offsets):
        source = raw[offset]
        assert char == source or char in HALF_TO_FULL.get(source, ""), (char, source)


# --- config -------------------------------------------------------------------------------------


def test_config_is_strict_and_documented():
    with pytest.raises(ValidationError):
        CleanConfig(wrap_space=False)  # misspelled switch
    for name, field in CleanConfig.model_fields.items():
        assert field.description, name


def test_each_rule_can_be_switched_off():
    assert cleaned("统 战工作", wrap_spaces=False) == "统 战工作"
    assert cleaned("日,我区", fullwidth_punctuation=False) == "日,我区"
    assert cleaned("# 标题", markdown=False, wrap_spaces=False) == "# 标题"
    assert cleaned("（上接1版）正文。", continuation_markers=False) == "（上接1版）正文。"
    assert cleaned("主题教\n育活动。", join_wrapped_lines=False) == "主题教\n育活动。"


# --- rules --------------------------------------------------------------------------------------


def test_wrap_spaces_inside_chinese_are_removed():
    assert cleaned("云岭镇举办2024年下半 年宣 传工作会议。") == "云岭镇举办2024年下半年宣传工作会议。"
    assert cleaned("云溪政协 2024 年将聚焦乡村振兴") == "云溪政协2024年将聚焦乡村振兴"
    assert cleaned("本报讯（记者 甘 明）今天。") == "本报讯（记者甘明）今天。"
    assert cleaned("建立“1+ N”体系。") == "建立“1+N”体系。"


def test_spaces_between_the_names_of_a_credit_line_are_kept():
    assert cleaned("正文。\n编辑：甲某某 乙某\n") == "正文。\n编辑：甲某某 乙某"
    assert cleaned("审核｜丙某 终审｜丁某某") == "审核｜丙某 终审｜丁某某"
    assert cleaned("本报讯（记者 甲某 通讯员 乙某某）今天，") == "本报讯（记者 甲某 通讯员 乙某某）今天，"
    assert cleaned("【责任编辑：戊某 己某】") == "【责任编辑：戊某 己某】"
    # an author parenthesis closing a paragraph: names only, no role
    assert cleaned("会议结束。\n（甲某某 乙某）\n") == "会议结束。\n（甲某某 乙某）"
    assert cleaned("会议结束。（丙某 丁某某/文）") == "会议结束。（丙某 丁某某/文）"
    assert cleaned("会议结束（全区 统战工作）。") == "会议结束（全区统战工作）。"  # inside a sentence: a wrap
    # one character on either side is a name a wrap split (甲 某), not two names
    assert cleaned("编辑：甲 某\n") == "编辑：甲某"
    # a sentence that starts with a role word is no credit line: its wrap spaces go
    assert cleaned("记者从区委 获悉，全区 统战工作有序推进。") == "记者从区委获悉，全区统战工作有序推进。"
    # a colon-only role word (统筹) opens a credit line only before its colon
    assert cleaned("统筹：甲某 乙某\n") == "统筹：甲某 乙某"
    assert cleaned("统筹城乡 发展\n") == "统筹城乡发展"
    assert cleaned("编辑：甲某 乙某\n", keep_credit_name_spaces=False) == "编辑：甲某乙某"


def test_meaningful_spaces_are_kept():
    text = "刊号CN99-0001，位于New York 的Blue Note Café 与XYZ 影城合作，支持Wi-Fi 6。"
    assert cleaned(text) == text


def test_half_width_punctuation_between_chinese_becomes_full_width():
    raw = '7月20日,我区召开"一镇一品"会议:参与QFII(境外合格投资者)试点;好吗?好!'
    assert cleaned(raw) == "7月20日，我区召开“一镇一品”会议：参与QFII（境外合格投资者）试点；好吗？好！"


def test_numbers_keep_their_punctuation():
    text = "余额1234.56亿元，额度8.5亿美元，“3+X”与“1+N”，共1,200人，上午10:30开始。"
    assert cleaned(text) == text


def test_markdown_headings_become_heading_markers():
    page = clean_text("# 为发展凝聚力量\n\n正文**加粗**内容。\n\n### 小标题\n")
    assert page.text == "为发展凝聚力量\n正文加粗内容。\n小标题"
    headings = [m for m in page.markers if m["kind"] == "heading"]
    assert [page.text[m["page_start"] : m["page_end"]] for m in headings] == ["为发展凝聚力量", "小标题"]
    assert {m["text"] for m in page.markers if m["kind"] == "markup"} == {"# ", "**", "### "}


def test_continuation_markers_are_recorded():
    page = clean_text("（上接1版）要着眼全局，统筹推进。\n\n会议要求，抓好落实。(下转2版)\n")
    assert page.text == "要着眼全局，统筹推进。\n会议要求，抓好落实。"
    found = [(m["text"], m["page_start"], m["page_end"]) for m in page.markers if m["kind"] == "continuation"]
    assert found == [("（上接1版）", 0, 0), ("(下转2版)", 22, 22)]


def test_hard_wraps_are_joined_and_headlines_kept():
    raw = "年初以来，桐林街道加快推进主题教\n育，统筹各类专项资金，提高使用效\n益。\n\n拓宽项目融资渠道\n提升财政资金效能\n"
    assert cleaned(raw) == "年初以来，桐林街道加快推进主题教育，统筹各类专项资金，提高使用效益。\n拓宽项目融资渠道\n提升财政资金效能"


def test_a_page_wrapped_at_a_wide_column_is_joined_too():
    # 44-character lines that end inside sentences: a PDF text layer of a wide column
    raw = (
        "本报讯 5月5日，青溪县城南农贸市场改造工程通过验收。该项目总投资共计1860万\n"
        "元，新增摊位二百四十个，市场面积由原来的3200平方米扩大到5600平方米。县人大\n"
        "常委会副主任柯明远参加验收。据统计，今年1至4月，全县农贸市场交易额累计达到\n"
        "4.6亿元，同比增长12.3%，其中蔬菜交易量约1.2万吨，水果交易量约8000吨。菜篮\n"
        "子工程惠及全县三十余万群众。\n"
    )
    assert "\n" not in cleaned(raw) and "菜篮子工程" in cleaned(raw)
    # one paragraph per line (each ends a sentence) stays as it is
    paragraphs = "本报讯 5月5日，青溪县城南农贸市场改造工程通过了县里组织的验收。\n" * 4
    assert cleaned(paragraphs).count("\n") == 3


@pytest.mark.parametrize(
    "raw",
    [
        "一、强化组织领导，压实工作责任\n各乡镇要成立工作专班。",  # a section heading
        "会议要求，做好三方面工作：\n一是压实责任，二是强化督查。",  # a numbered item opens its own line
        "青溪县召开三夏生产推进会\n本报讯 6月2日，青溪县召开推进会。",  # a headline before the story
    ],
)
def test_a_heading_an_item_or_a_headline_is_not_joined_to_the_line_after_it(raw):
    assert cleaned(raw).split("\n")[0] == raw.split("\n")[0]


@pytest.mark.parametrize("byline", ["**本报记者 慕容清**", "记者 柯明远 通讯员 吕思成"])
def test_a_byline_line_is_not_joined_to_the_paragraph_after_it(byline):
    raw = f"青溪县开展夏季消防演练\n\n{byline}\n\n6月1日，记者走进青溪县消防救援大队，参加了演练。\n"
    assert cleaned(raw).split("\n")[1] == byline.strip("*")


def test_caption_between_paragraph_halves_is_moved_out():
    raw = "去年新建党群服务中心3个，完善村级服务功能，按照目录规范标识牌7\n\n\n\n村民议事会现场\n\n个；新建道路。\n"
    page = clean_text(raw)
    assert page.text == "去年新建党群服务中心3个，完善村级服务功能，按照目录规范标识牌7个；新建道路。"
    assert [m["text"] for m in page.markers if m["kind"] == "caption"] == ["村民议事会现场"]


def test_caption_with_credit_is_moved_out_but_photo_news_credit_stays():
    raw = "正文第一段。\n\n\n\n市民在影城购票。记者 **张三** 摄\n\n寒冬送暖，捐赠大米。\n\n记者 顾清 摄\n"
    page = clean_text(raw)
    assert page.text == "正文第一段。\n寒冬送暖，捐赠大米。\n记者 顾清摄"  # a credit line keeps its role and name apart
    assert any(m["kind"] == "caption" and "购票" in m["text"] for m in page.markers)


def test_site_chrome_is_dropped():
    raw = "某某报数字报纸\n按日期搜索\n正文内容。\n录入:王五\n放大 缩小 默认\n主办单位:某某报社 邮 编:400000\n"
    page = clean_text(raw)
    assert page.text == "正文内容。"
    assert len([m for m in page.markers if m["kind"] == "chrome"]) == 5


def test_closing_author_lines_stay_in_the_text():
    feature = clean_text("小镇新貌，处处生机。\n\n村民们说，日子越过越好。\n\n（甘明远 顾清和/文 云岭镇供图）\n")
    assert feature.text.splitlines()[-1] == "（甘明远 顾清和/文云岭镇供图）"
    news = clean_text("会议要求，抓好落实。\n\n\n\n活动现场。云岭镇供图\n\n会议还部署了其他工作。\n\n通讯员 顾清和 特约记者 甘明远\n")
    assert news.text.splitlines()[-1] == "通讯员 顾清和 特约记者 甘明远"  # the end byline is content…
    assert clean_text("会议结束。\n校对：甘明远\n").text == "会议结束。\n校对：甘明远"  # a credit role (credit_roles.txt)
    assert [m["text"] for m in news.markers if m["kind"] == "caption"] == ["活动现场。云岭镇供图"]  # …a credited caption is not


# --- properties ---------------------------------------------------------------------------------

PIECES = st.sampled_from(
    ["统", "战", "工作", "会议", "年", "2023", "8.5", "亿", "XYZ", "New York", "CN99-0001", " ", "  ", "\n", "\n\n",
     "\n\n\n\n", "，", "。", ",", ".", ":", "?", "!", '"', "'", "(", ")", "（上接1版）", "(下转2版)", "# ", "### ",
     "**", "供图", " 摄", "记者 王 松", "放大 缩小 默认", "录入:", "1+N", "\t", "——", "、", "“", "”"]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_map_every_clean_char_to_its_raw_char(raw):
    page = clean_text(raw)
    assert_offsets_valid(raw, page)
    for marker in page.markers:
        assert set(marker) == set(MARKER.names)
        assert marker["text"] == raw[marker["raw_start"] : marker["raw_end"]]
        assert 0 <= marker["page_start"] <= marker["page_end"] <= len(page.text)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_clean_spans_round_trip_through_raw(raw, data):
    page = clean_text(raw)
    start = data.draw(st.integers(0, len(page.text)))
    end = data.draw(st.integers(start, len(page.text)))
    raw_start, raw_end = clean_to_raw_span(page.offsets, start, end)
    assert raw_to_clean_span(page.offsets, raw_start, raw_end) == ((start, end) if end > start else None)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_clean_is_idempotent(raw):
    once = clean_text(raw).text
    assert clean_text(once).text == once


# --- the pages table ----------------------------------------------------------------------------


def test_clean_returns_one_pages_row_per_ok_document():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "status": ["ok", "failed", "ok"],
            "raw_text": ["统 战工作,推进。", None, "# 标题\n"],
        }
    )
    before = documents.copy()
    pages = clean(documents, CleanConfig())
    pd.testing.assert_frame_equal(documents, before)  # the input is not mutated
    assert list(pages.columns) == PAGES.names
    assert pages["doc_id"].tolist() == ["a", "c"]
    assert pages["text"].tolist() == ["统战工作，推进。", "标题"]
    assert pages["n_clean_chars"].tolist() == [8, 2]
    import pyarrow as pa

    pa.Table.from_pandas(pages, schema=PAGES, preserve_index=False)  # fits the schema


def test_clean_of_no_documents_is_an_empty_pages_table():
    empty = pd.DataFrame({"doc_id": [], "status": [], "raw_text": []})
    assert list(clean(empty, CleanConfig()).columns) == PAGES.names


# --- the real seeds -----------------------------------------------------------------------------


def test_every_seed_cleans_idempotently_with_valid_offsets(seed_texts):
    assert len(seed_texts) >= 5
    for raw in seed_texts.values():
        page = clean_text(raw)
        assert_offsets_valid(raw, page)
        assert clean_text(page.text).text == page.text
        assert "\n\n" not in page.text and not page.text.startswith("\n")


# --- measured quality and data policy ----------------------------------------------------------


def test_cleaning_score_meets_its_target():
    from pipeline.evaluation.clean_eval import evaluate_cleaning

    result = evaluate_cleaning()
    assert result["cer"] < 0.005
    assert result["spaces_destroyed"] == 0 and result["legit_spaces"] > 0
    # a wrap inside a credit line's name can join it to the name before: a few, never most
    assert 0 < result["credit_spaces"] and result["credit_spaces_destroyed"] <= 0.1 * result["credit_spaces"]


def test_eval_passages_are_already_clean():
    for path in sorted((REPO / "data" / "eval" / "clean_passages").glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip("\n")
        assert clean_text(text).text == text, path.name


def test_no_seed_text_in_files_of_the_clean_stage(seed_texts):
    owned = [
        *(REPO / "data" / "sample").glob("*.txt"),
        *(REPO / "data" / "eval" / "clean_passages").glob("*.txt"),
        REPO / "pipeline" / "stages" / "clean.py",
        REPO / "pipeline" / "offsets.py",
        REPO / "pipeline" / "evaluation" / "noiser.py",
        REPO / "pipeline" / "evaluation" / "clean_eval.py",
        *(REPO / "tests").glob("test_clean*.py"),
    ]
    def phrases(text: str) -> set[str]:
        # 14-char windows that are mostly Chinese text (markup such as "### (上接1版)" is no phrase).
        windows = (text[i : i + 14] for i in range(len(text) - 13))
        return {w for w in windows if len(re.findall(r"[\u4e00-\u9fff]", w)) >= 8}

    seed_phrases = set().union(*(phrases(raw) for raw in seed_texts.values()))
    for path in owned:
        leaks = phrases(path.read_text(encoding="utf-8")) & seed_phrases
        assert not leaks, (path.name, sorted(leaks)[:3])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\u3000\u00a0\n\r甲a", max_size=40))
def test_line_edge_spaces_are_the_runs_at_a_line_start_or_end(text):
    """The strip_line_edges pattern (written for speed) matches exactly what its plain form does:
    a run of spaces at the start of a line or at its end."""
    from pipeline.stages.clean import _LINE_EDGE_SPACE, _SPACE

    plain = re.compile(f"(?m)^[{_SPACE}]+|[{_SPACE}]+$")
    assert [m.span() for m in _LINE_EDGE_SPACE.finditer(text)] == [m.span() for m in plain.finditer(text)]
