"""Stories that cleaning joined onto the story above (issue 16, noised pages): a PDF text layer
wraps every line, so cleaning joins across a paragraph break after any line that does not end a
sentence. The segmenter finds the break in the offset map (two or more raw characters deleted)
when a story opens there; and a headline the PDF layer wrapped is one title. Invented text only."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluation.noiser import add_noise
from pipeline.segmentation import cues
from pipeline.segmentation.blocks import split_before_glued_openings, split_blocks
from pipeline.segmentation.page import segment_text
from pipeline.stages.clean import clean_text

FLOOD = (
    "云溪区召开防汛工作会议，部署汛期防汛各项工作。会议要求，各镇街要压实防汛责任，做好防汛值班值守，"
    "加强水库巡查，确保水库安全度汛。区防汛办通报了今年水库除险加固进展，全区水库已完成除险加固十二座。"
)
SCHOOL = (
    "青枫小学举办校园读书节，全校师生共读经典。读书节期间，学校开展了图书漂流、亲子共读和朗诵比赛，"
    "学生们在书香中收获成长。校长表示，学校将把阅读融入日常教学，为每个班级配齐图书角。"
)

# A note closing the story that no cue list knows (not a credit); cleaning joins across the
# paragraph break after it, since `）` after no full stop ends no sentence.
NOTE = "（数据截至6月底）"


def joined(*parts: str, gaps: tuple[int, ...]) -> tuple[str, list[int]]:
    """The parts glued into one line, and an offset map where `gaps[i]` raw characters were
    deleted between part i and part i + 1 (2: a paragraph break `\\n\\n`, 1: a wrap)."""
    text, offsets, raw = "", [], 0
    for k, part in enumerate(parts):
        if k:
            raw += gaps[k - 1]
        offsets += range(raw, raw + len(part))
        raw += len(part)
        text += part
    return text, offsets


def pieces(text: str, offsets: list[int]) -> list[str]:
    return [b.text for b in split_before_glued_openings(split_blocks(text), text, offsets)]


def test_dated_lead_glued_after_an_unknown_ending_is_cut_off():
    text, offsets = joined(FLOOD + NOTE, "6月3日上午，" + SCHOOL, gaps=(2,))
    assert pieces(text, offsets) == [FLOOD + NOTE, "6月3日上午，" + SCHOOL]


def test_headline_glued_between_two_stories_over_a_news_lead_is_cut_off_before_the_headline():
    text, offsets = joined(FLOOD + NOTE, "青枫小学书香满校园", "本报讯（记者 王某）" + SCHOOL, gaps=(2, 2))
    assert pieces(text, offsets)[1:] == ["青枫小学书香满校园本报讯（记者 王某）" + SCHOOL]  # split_fused_headlines cuts it next
    rows = segment_text("d", text, offsets)
    assert [r["title"] for r in rows] == [None, "青枫小学书香满校园"]


def test_furniture_glued_after_a_story_is_cut_off():
    text, offsets = joined(FLOOD + NOTE, "来源：云溪网 2021-10-09 08:27" + SCHOOL, gaps=(2,))
    assert len(pieces(text, offsets)) == 2


def test_a_plain_wrap_before_a_dated_clause_is_no_break():
    # One raw character deleted: a wrap inside the paragraph, not a paragraph break.
    text, offsets = joined(FLOOD + NOTE, "6月3日上午，" + SCHOOL, gaps=(1,))
    assert len(pieces(text, offsets)) == 1


def test_a_break_after_a_clause_that_goes_on_is_no_story_end():
    # `截至` / `6月3日，` and `，` / `近日，`: the sentence goes on across the break.
    for before in ("区防汛办统计，截至", "区防汛办通报，"):
        text, offsets = joined(FLOOD + before, "6月3日，全区水库已完成除险加固十二座，汛前将全部完工。", gaps=(2,))
        assert len(pieces(text, offsets)) == 1


def test_kicker_and_title_glued_over_a_lead_stay_one_headline():
    # A block opening with a two-line headline that cleaning joined: no cut between its lines.
    text, offsets = joined("总投资超九亿元", "云溪区签约八个项目", "本报云溪3月2日电（记者 王某）" + SCHOOL, gaps=(2, 2))
    assert pieces(text, offsets) == [text]


# A page of two invented stories, the second without a headline line, the first ending on NOTE.
STORY_A = "云溪区召开防汛工作会议\n" + FLOOD + "\n会上，各镇街汇报了水库巡查和防汛物资储备情况，防汛物资要定点存放、专人管理。" + NOTE
STORY_B = "6月3日上午，" + SCHOOL + "\n家长代表说，孩子回家后主动读书，读书节让全家一起读书成了新习惯。"


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_a_noised_page_segments_like_its_clean_version(seed):
    clean_page = STORY_A + "\n" + STORY_B + "\n"
    noised_page = add_noise(STORY_A, "pdf", seed).rstrip("\n") + "\n\n" + add_noise(STORY_B, "pdf", seed + 1).removeprefix("# ")
    counts = []
    for raw in (clean_page, noised_page):
        page = clean_text(raw)
        counts.append(len(segment_text("d", page.text, page.offsets, page.markers)))
    assert counts == [2, 2]


# Headlines a PDF text layer wrapped (issue 16: "also when the headline was hard-wrapped"). On a
# page whose paragraphs are set apart by blank lines, a bare line break inside a heading is a wrap.
HEADLINE = "云溪区召开春季植树动员会部署全年造林任务"


def pdf_page(first: str, second: str) -> str:
    """Two invented stories as a PDF text layer prints them: blank lines between paragraphs."""
    return "\n\n".join([first, FLOOD, FLOOD + "会议要求各街道抓紧落实。", second, "3月2日上午，" + SCHOOL, SCHOOL]) + "\n"


def titles(raw: str) -> list[str | None]:
    page = clean_text(raw)
    return [r["title"] for r in segment_text("d", page.text, page.offsets, page.markers)]


def test_a_marked_headline_wrapped_by_a_pdf_layer_is_one_title():
    wrapped = "# " + HEADLINE[:11] + "\n" + HEADLINE[11:]
    assert titles(pdf_page(wrapped, "青枫小学书香满校园")) == [HEADLINE, "青枫小学书香满校园"]


def test_a_headline_wrapped_with_a_trailing_space_is_one_title():
    # ` \n`: cleaning deletes the space before the newline, which says nothing about paragraphs.
    wrapped = "青枫小学举办校园读书节 \n全校师生共读经典"
    assert titles(pdf_page("# 云溪区防汛工作会议召开", wrapped)) == ["云溪区防汛工作会议召开", "青枫小学举办校园读书节全校师生共读经典"]


def test_headline_lines_apart_by_bare_line_breaks_stay_kicker_title_and_subtitle_on_a_page_without_blank_lines():
    # One paragraph a line (no blank lines): a bare line break is a paragraph break, the marked line the title.
    raw = "\n".join(["云溪区植树节", "# 全民义务植树", "共建绿色家园", "3月2日上午，" + FLOOD, FLOOD]) + "\n"
    page = clean_text(raw)
    rows = segment_text("d", page.text, page.offsets, page.markers)
    assert [(r["kicker"], r["title"], r["subtitle"]) for r in rows] == [("云溪区植树节", "全民义务植树", "共建绿色家园")]


def test_a_page_is_set_by_blank_lines_when_most_kept_line_breaks_lost_a_blank_line_after_them():
    from pipeline.segmentation.headline import paragraphs_by_blank_lines

    assert paragraphs_by_blank_lines("甲\n乙\n丙", [0, 1, 3, 4, 6])  # `甲\n\n乙\n\n丙` cleaned
    assert not paragraphs_by_blank_lines("甲\n乙\n丙", [0, 1, 2, 3, 4])  # one paragraph a line
    assert not paragraphs_by_blank_lines("甲\n乙", None) and not paragraphs_by_blank_lines("甲", [0])


# Wraps inside bylines and credit lines: cleaning deletes the wrap, and the author parser puts a
# space back wherever raw characters were deleted (page.spaced), which is right between names
# and wrong inside a name or a role word.


def test_a_wrap_after_a_surname_starts_the_next_name():
    from pipeline.segmentation.bylines import parse_authors

    names = lambda byline: [a.name for a in parse_authors(byline)]
    assert names("（记者 王某某 徐 某某）") == ["王某某", "徐某某"]  # not 王某某徐 and 某某
    assert names("（记者 王某某 李 某）") == ["王某某", "李某"]
    assert names("（记者 王某 某）") == ["王某某"]  # a wrap after the second character
    assert names("（记者 甘 明）") == ["甘明"]  # OCR spaces inside one name
    assert names("（记者 王某某 区 委报道组）")[0] == "王某某"  # a character after a whole three-character name is no part of it
    assert names("（记者 王某 宇 李某）") == ["王某宇", "李某"]  # 宇 alone is no common surname (宇文 is)
    # The same in credit lines and author parentheses (cues.split_names).
    assert cues.split_names("王某某 徐 某某") == ["王某某", "徐某某"] and cues.split_names("陈 薇") == ["陈薇"]


def test_a_wrap_inside_a_role_word_is_taken_out_of_the_credit():
    assert cues.join_broken_roles("编辑：张某某 终 审：陈 薇") == "编辑：张某某 终审：陈 薇"
    assert cues.join_broken_roles("（全媒体记 者 王某某）") == "（全媒体记者 王某某）"
    closing = "编辑：张某某终审：陈薇"
    text = FLOOD + closing
    wrap = len(FLOOD) + closing.index("审")  # a wrap fell between 终 and 审
    offsets = [*range(wrap), *range(wrap + 1, len(text) + 1)]
    rows = segment_text("d", text, offsets)
    assert {"name": "陈薇", "role": "终审"} in rows[0]["authors"]


def test_a_byline_bracket_wrapped_onto_the_next_line_is_read_whole():
    # A page of one paragraph a line, where cleaning left the wrap inside the bracket in place.
    lead = "云溪融媒体中心3月2日讯（全媒体记者 王某某"
    rest = "李某）3月1日上午，" + SCHOOL
    text = "\n".join([lead, rest, FLOOD])
    rows = segment_text("d", text, list(range(len(text))))
    assert len(rows) == 1
    assert [(a["name"], a["role"]) for a in rows[0]["authors"]] == [("王某某", "记者"), ("李某", "记者")]


def test_a_dated_opener_with_its_byline_under_photo_captions_gives_the_authors():
    # Furniture, two caption-like lines, then the lead: the grouping keeps it as running text, and
    # its byline still names the story's reporters (and its dateline the date).
    text = "\n".join(["来源：云溪网 2021-10-09 08:27", "云溪区植树节活动现场。", "志愿者在植树。",
                      "云溪新闻网3月12日讯（记者 王某某 李某）3月12日上午，" + FLOOD])
    rows = segment_text("d", text, list(range(len(text))))
    assert len(rows) == 1
    assert [(a["name"], a["role"]) for a in rows[0]["authors"]] == [("王某某", "记者"), ("李某", "记者")]
    assert rows[0]["date_text"] == "3月12日"


def test_clause_particles_are_single_characters():
    """blocks._clause_goes_on compares the one character before a break with the list: a longer
    entry in data/segmentation/clause_particles.txt would silently never match."""
    assert all(len(word) == 1 for word in cues.read_words("clause_particles.txt"))
