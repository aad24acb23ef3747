"""Topic-change and cue kinds of the segmenter on invented text (issue 16): lexical cohesion,
day-only dated leads, furniture lines with a date, credits under a headline."""

from pipeline.segmentation import cohesion, cues
from pipeline.segmentation.page import segment_text

# Two invented stories on different subjects, each long enough to judge its topic.
FLOOD = (
    "云溪区召开防汛工作会议，部署汛期防汛各项工作。会议要求，各镇街要压实防汛责任，做好防汛值班值守，"
    "加强水库巡查，确保水库安全度汛。区防汛办通报了今年水库除险加固进展，全区水库已完成除险加固十二座。"
    "会议强调，防汛工作要早部署、早落实，各水库管理单位要落实防汛物资，开展防汛演练，确保防汛工作万无一失。"
)
FLOOD_MORE = (
    "会上，各镇街汇报了水库巡查和防汛物资储备情况。区防汛办要求，汛期水库实行二十四小时值班，"
    "发现险情及时上报，防汛物资要定点存放、专人管理，确保防汛抢险拉得出、用得上。"
)
SCHOOL = (
    "青枫小学举办校园读书节，全校师生共读经典。读书节期间，学校开展了图书漂流、亲子共读和朗诵比赛，"
    "学生们在书香中收获成长。校长表示，学校将把阅读融入日常教学，为每个班级配齐图书角，让孩子爱上读书。"
    "家长代表说，孩子回家后主动读书，读书节让全家一起读书成了新习惯。"
)


def test_similarity_is_high_within_a_story_and_low_across_stories():
    assert cohesion.similarity(FLOOD, FLOOD_MORE) > 0.2
    assert cohesion.similarity(FLOOD, SCHOOL) < 0.04
    assert cohesion.similarity("", SCHOOL) == 0.0 and cohesion.similarity("2024，3", SCHOOL) == 0.0


def test_cue_less_story_after_a_finished_story_starts_where_the_topic_changes():
    text = "\n".join([FLOOD, FLOOD_MORE, SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:4] for r in rows] == [FLOOD[:4], SCHOOL[:4]]


def test_headline_over_plain_text_on_another_topic_opens_a_story():
    text = "\n".join([FLOOD, FLOOD_MORE, "青枫小学书香满校园", SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["title"] for r in rows] == [None, "青枫小学书香满校园"]


def test_section_heading_and_dated_paragraph_on_the_same_topic_stay_in_the_story():
    text = "\n".join([FLOOD, "水库巡查全覆盖", FLOOD_MORE, "6月3日，" + FLOOD_MORE])
    assert len(segment_text("d", text, list(range(len(text))))) == 1


def test_dated_lead_on_another_topic_opens_a_story():
    text = "\n".join([FLOOD, FLOOD_MORE, "29日，" + SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:3] for r in rows] == [FLOOD[:3], "29日"]


# A roundup: one story telling the same kind of event in two towns, a dated paragraph each.
TOWN_A = (
    "5月12日，青石镇召开第九届人民代表大会第三次会议。本次会议应到代表41名，实到代表36名，请假代表5名，列席人员9名。"
    "会议审议并通过了镇政府工作报告和镇人大工作报告，收集代表建议18条。会议选举张某同志为青石镇人大主席、李某同志为副镇长。"
)
TOWN_B = (
    "13日，白沙镇召开第五届人民代表大会第三次会议。本次会议应到代表22名，实到代表20名，请假代表2名。"
    "会议审议并通过了镇政府工作报告和镇人大工作报告，代表们围绕道路建设提出建议6条。"
)


def test_dated_paragraph_after_a_short_story_on_the_same_topic_stays_in_it():
    assert 120 <= len(TOWN_A) < 150  # long enough for a dated lead to open a story, too short to skip the topic test
    text = "\n".join(["两镇人代会召开", TOWN_A, TOWN_B])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["title"] for r in rows] == ["两镇人代会召开"]
    text = "\n".join([TOWN_A, "13日，" + SCHOOL])
    assert [r["text"][:3] for r in segment_text("d", text, list(range(len(text))))] == ["5月1", "13日"]


def test_day_only_and_ranged_dated_leads_are_weak_openings():
    for lead in ("29日，", "2日至3日，", "3日上午，", "6月2日至3日，"):
        assert cues.is_weak_opening(lead + SCHOOL), lead
    assert not cues.is_weak_opening("29日的会议上" + SCHOOL)


def test_furniture_lines_with_a_date_and_bare_labels():
    for line in ("编辑：甲某 2020-02-03 09:41 内容来源：云溪网", "来源：云溪区人民政府 2021-06-07 08:15:42", "语音播报"):
        assert cues.is_furniture(line), line
    assert not cues.is_furniture("编辑：甲某") and not cues.is_furniture("2019年起，全区共建成水库十二座")


def test_credit_line_under_a_headline_belongs_to_the_story_below():
    text = "\n".join([FLOOD, "青枫小学举办读书节", "编辑：甲某", "本报讯 " + SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["title"] for r in rows] == [None, "青枫小学举办读书节"]
    assert {"name": "甲某", "role": "编辑"} in rows[1]["authors"]


def test_credit_runs_at_the_end_of_a_story_are_closings():
    for tail in ("本报记者 王某 通讯员李某某摄", "图/文 王某某", "王某某/文 李某/图", "文：王某 图：李某", "（通讯员 王某）",
                 "云溪区委宣传部供稿", "（来源：云溪日报）", "【责任编辑：王某】"):
        text = FLOOD + tail
        span = cues.closing_tail(text)
        assert span is not None and text[span[0] : span[1]].strip() == tail, tail
        assert cues.ends_with_closing(text), tail
    for tail in ("记者了解到", "文明城", "终审：陈薇青枫小学"):
        assert not cues.ends_with_closing(FLOOD + tail), tail
    assert cues.is_credit_line("（编辑 甲某）") and cues.is_credit_line("【责任编辑：甲某】")
    assert cues.parenthesis_authors("（编辑 甲某）") == [("甲某", "编辑")]


def test_wrapped_line_of_running_text_is_no_fused_headline():
    from pipeline.stages.clean import clean_text

    # A space left at a wrap looks like a paragraph break in the offset map; the words of the
    # line before it do not recur below, so it stays running text.
    raw = FLOOD + "\n\n随着全区防汛物资仓库和十二座水库除险加固工程的加快 \n推进，各镇街防汛能力明显提升，群众安全感不断增强。\n"
    page = clean_text(raw)
    rows = segment_text("d", page.text, page.offsets, page.markers)
    assert len(rows) == 1 and rows[0]["title"] is None


def test_furniture_line_inside_a_story_and_over_an_untitled_lead():
    text = "\n".join([FLOOD, FLOOD_MORE, "来源：云溪区应急管理局 2021-10-14", FLOOD_MORE, "发布时间：2022-08-16 来源：青枫小学", "本报讯 " + SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:4] for r in rows] == [FLOOD[:4], "发布时间"]


def test_source_is_the_outlet_named_in_furniture_or_lead():
    for text, outlet in (("来源：云溪新闻网-青枫频道", "云溪新闻网-青枫频道"), ("来源：云溪县人民政府网2021-06-07 08:15:42", "云溪县人民政府网"),
                         ("编辑：甲某2020-02-03 09:41内容来源：云溪网", "云溪网"), ("时间：2022-09-05 17:26:08 | 来源：云溪日报", "云溪日报"),
                         ("云溪融媒体中心1月3日讯（记者 王某）", "云溪融媒体中心"), ("今日云溪网消息 11月5日，", "今日云溪网"),
                         ("（据云溪新闻网--云溪日报01月30日）", "云溪新闻网"), ("据云溪日报报道，近日", "云溪日报")):
        assert cues.outlet(text) == outlet, text
    for text in ("本报讯（记者 王某）", "来源：", "据了解，全县", FLOOD):
        assert cues.outlet(text) is None, text
    text = "\n".join(["云溪网讯（通讯员 甲某）" + FLOOD, "青枫小学举办读书节", "发布时间：2022-08-16 来源：云溪教育网", SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["source"] for r in rows] == ["云溪网", "云溪教育网"]


def test_authors_with_roles_from_closing_credits_and_furniture():
    assert cues.closing_authors("融媒体中心记者/王某某 编辑：张某 初审：李某 终审：陈 薇") == [
        ("王某某", "记者"), ("张某", "编辑"), ("李某", "初审"), ("陈薇", "终审")]
    assert cues.closing_authors("本报记者 王某 通讯员李某某摄") == [("王某", "记者"), ("李某某", "摄")]
    assert cues.closing_authors("（甲某 乙某）") == [("甲某", "作者"), ("乙某", "作者")]
    assert cues.closing_authors("图/文 王某某") == [("王某某", "文")]
    assert cues.closing_authors("制作：尹某某刘某") == [("尹某某", "制作"), ("刘某", "制作")]
    assert cues.split_names("湛某某 王 群") == ["湛某某", "王群"]
    assert cues.furniture_authors("编辑：胡某某2020-02-03 09:41内容来源：云溪网") == [("胡某某", "编辑")]
    text = "\n".join([SCHOOL, "编辑：王某 2021-10-14 来源：云溪网", FLOOD + "融媒体中心记者/李某某 终审：陈 薇"])
    rows = segment_text("d", text, list(range(len(text))))
    assert {"name": "李某某", "role": "记者"} in rows[-1]["authors"] and {"name": "陈薇", "role": "终审"} in rows[-1]["authors"]


def test_divider_lines_are_furniture_and_end_a_joined_story():
    assert cues.is_furniture("——————") and cues.is_furniture("______") and cues.is_furniture("▼")
    assert not cues.is_furniture("A1") and not cues.is_furniture("第1版")
    from pipeline.segmentation.blocks import split_after_closings, split_blocks

    text = FLOOD + "______" + SCHOOL  # cleaning joined the divider line to the next story's first line
    offsets = [*range(len(FLOOD) + 6), *range(len(FLOOD) + 8, len(text) + 2)]
    blocks = split_after_closings(split_blocks(text), text, offsets)
    assert [b.text[:4] for b in blocks] == [FLOOD[:4], SCHOOL[:4]]


def test_cue_less_window_stops_at_the_next_dated_lead():
    # The paragraph after the story is judged against its own text, not against the next story's.
    text = "\n".join([FLOOD, FLOOD_MORE, "会上还通报了水库除险加固的资金安排，防汛物资将于汛前全部到位。", "6月3日，" + SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:4] for r in rows] == [FLOOD[:4], "6月3日"]


def test_headline_with_a_layout_mark_and_subtitle_over_a_lead_is_one_story():
    text = "\n".join([FLOOD, FLOOD_MORE, "青枫小学书香满校园", "▼", "校园读书节启动", "本报讯（记者 王某）" + SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["title"] for r in rows] == [None, "青枫小学书香满校园"]
    assert rows[1]["subtitle"] == "校园读书节启动"  # a headline line under the mark is the subtitle


def test_headline_under_a_layout_mark_opens_one_story_with_its_lead():
    # The story's first headline line is missing: the mark, the line under it and the lead are one story.
    text = "\n".join([FLOOD, FLOOD_MORE, "▼", "校园读书节启动", "本报讯（记者 王某）" + SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [(r["text"][:1], r["title"]) for r in rows] == [(FLOOD[:1], None), ("▼", "校园读书节启动")]


def test_headline_with_a_comma_fused_onto_a_dated_lead_is_cut_off():
    from pipeline.stages.clean import clean_text

    raw = FLOOD + FLOOD_MORE + "\n\n青枫小学：书香满校园，读书成习惯\n\n6月3日上午，" + SCHOOL + "\n"
    page = clean_text(raw)
    rows = segment_text("d", page.text, page.offsets, page.markers)
    assert [r["title"] for r in rows][-1] == "青枫小学：书香满校园，读书成习惯"


def test_credit_run_opening_a_joined_paragraph_and_credit_furniture_glued_to_text():
    assert cues.closing_tail("本报记者王某 通讯员李某某摄") == (0, len("本报记者王某 通讯员李某某摄"))
    assert cues.starts_with_furniture("编辑：胡某某2020-02-03 09:41内容来源：云溪网云溪区植树节义务植树活动举行。")
    assert not cues.starts_with_furniture("编辑部的同志们认真学习了会议精神。")
    text = "本报记者王某 通讯员李某某摄编辑：胡某某2020-02-03 09:41内容来源：云溪网" + SCHOOL
    cut = len("本报记者王某 通讯员李某某摄")
    offsets = [*range(cut), *range(cut + 2, len(text) + 2)]  # cleaning removed a line break after 摄
    from pipeline.segmentation.blocks import split_after_closings, split_blocks

    assert [b.text[:4] for b in split_after_closings(split_blocks(text), text, offsets)] == ["本报记者", "编辑：胡"]


def test_slash_credits_give_every_name_the_byline_role():
    from pipeline.segmentation.bylines import is_standalone_byline, parse_authors

    authors = [(a.name, a.role) for a in parse_authors("（记者 王某某/文 李某 赵某某/图）")]
    assert authors == [("王某某", "记者"), ("李某", "记者"), ("赵某某", "记者")]  # /文 and /图 are no roles
    assert [(a.name, a.role) for a in parse_authors("（王某某/文 李某/图）")] == [("王某某", "文"), ("李某", "摄")]
    assert is_standalone_byline("记者王某某/文李某/图") and is_standalone_byline("王某/文 李某/图")
    assert cues.closing_tail("确保安全度汛。（记者 王某某/文 李某/图）") == (7, 7 + len("（记者 王某某/文 李某/图）"))


def test_slash_credit_line_closes_the_story_above():
    for credit in ("（记者 王某某/文 李某/图）", "记者 王某某/文 李某/图"):
        text = "\n".join([FLOOD, FLOOD_MORE, credit, SCHOOL])
        rows = segment_text("d", text, list(range(len(text))))
        assert [r["text"][:4] for r in rows] == [FLOOD[:4], SCHOOL[:4]], credit
        assert {"name": "王某某", "role": "记者"} in rows[0]["authors"]


def test_story_glued_onto_a_slash_credit_by_cleaning_is_split():
    from pipeline.stages.clean import clean_text

    raw = FLOOD + FLOOD_MORE + "（记者 王某某/文 李某/图）\n\n" + SCHOOL + "\n"
    page = clean_text(raw)
    rows = segment_text("d", page.text, page.offsets, page.markers)
    assert [r["text"][:4] for r in rows] == [FLOOD[:4], SCHOOL[:4]]


def test_cue_less_story_after_a_line_without_a_full_stop():
    # A caption, a signature or a figure line ends the story above where it ends; what follows on
    # another topic is the next story (only running text cut mid-sentence may go on below).
    for last_line in ("图为防汛演练现场", "王某某", "全年计划投资5.6亿元"):
        text = "\n".join([FLOOD, FLOOD_MORE, last_line, SCHOOL])
        rows = segment_text("d", text, list(range(len(text))))
        assert [r["text"][:4] for r in rows] == [FLOOD[:4], SCHOOL[:4]], last_line
    text = "\n".join([FLOOD, FLOOD_MORE[:30], FLOOD_MORE[30:]])
    assert len(segment_text("d", text, list(range(len(text))))) == 1


def test_line_break_inside_a_closing_credit_run_is_no_story_end():
    from pipeline.segmentation.blocks import split_after_closings, split_blocks

    assert cues.ends_with_closing(FLOOD + "本报记者王某通讯员李某某摄")  # spaces removed: the last name is after the last role
    for credit, inner in (("本报记者王某通讯员李某某摄", len("本报记者王某")), ("编辑：周某某初审：吴某某终审：郑某某", len("编辑：周某某初审：吴某某终"))):
        text = FLOOD + credit + SCHOOL
        end = len(FLOOD) + len(credit)
        # cleaning removed raw characters (a space or a wrap) inside the credit and a line break after it
        offsets = [*range(len(FLOOD) + inner), *(k + 1 for k in range(len(FLOOD) + inner, end)), *(k + 3 for k in range(end, len(text)))]
        pieces = [b.text for b in split_after_closings(split_blocks(text), text, offsets)]
        assert pieces == [FLOOD + credit, SCHOOL], credit


def test_credit_line_at_the_head_of_a_page_belongs_to_the_story_below():
    text = "\n".join(["编辑：周某某", "本报讯（记者 王某）" + SCHOOL, "6月3日，" + FLOOD, FLOOD_MORE])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:4] for r in rows] == ["编辑：周", "6月3日"]
    assert {"name": "周某某", "role": "编辑"} in rows[0]["authors"]


def test_headline_after_a_feature_opens_a_story_when_the_subject_changes():
    text = "\n".join(["防汛一线见闻", "——云溪区防汛工作纪实", FLOOD, FLOOD_MORE, "青枫小学举办读书节", SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["title"] for r in rows] == ["防汛一线见闻", "青枫小学举办读书节"]
    text = "\n".join(["防汛一线见闻", "——云溪区防汛工作纪实", FLOOD, "水库巡查全覆盖", FLOOD_MORE])
    assert len(segment_text("d", text, list(range(len(text))))) == 1  # a 小标题 on the feature's subject


def test_headline_with_a_comma_on_a_page_without_blank_lines_is_no_wrap():
    from pipeline.segmentation.blocks import merge_broken_sentences, split_blocks

    headline = "青枫小学读书节开幕，全校师生共读经典"
    text = "\n".join([FLOOD, FLOOD_MORE, headline, SCHOOL])
    assert [r["title"] for r in segment_text("d", text, list(range(len(text))))] == [None, headline]
    # a clause cut by a wrap whose words do not recur below is still joined to its line
    text = "\n".join([FLOOD, "会后，区防汛办副主任", "带队检查了城区排涝泵站和河道清淤现场。"])
    merged = merge_broken_sentences(split_blocks(text), text, list(range(len(text))))
    assert [b.text[:4] for b in merged] == [FLOOD[:4], "会后，区"]


def test_time_of_day_wrapped_off_a_furniture_line_stays_furniture():
    assert cues.is_furniture("09:15:32") and cues.is_furniture("9:15") and not cues.is_furniture("9时15分，会议开始")
    text = "\n".join([FLOOD, FLOOD_MORE, "来源：云溪网2024-05-06", "09:15:32", "语音播报", "青枫小学举办读书节", SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [(r["text"][:4], r["title"]) for r in rows] == [(FLOOD[:4], None), ("来源：云", "青枫小学举办读书节")]


def test_reporter_bracket_alone_on_its_line_is_an_author_line_not_a_story():
    text = "\n".join([FLOOD, FLOOD_MORE, "（记者 王某某）", SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert [r["text"][:4] for r in rows] == [FLOOD[:4], SCHOOL[:4]]
    assert {"name": "王某某", "role": "记者"} in rows[0]["authors"]
    text = "\n".join([FLOOD, FLOOD_MORE, "青枫小学举办读书节", "（记者 王某某）", SCHOOL])
    rows = segment_text("d", text, list(range(len(text))))
    assert rows[1]["title"] == "青枫小学举办读书节" and {"name": "王某某", "role": "记者"} in rows[1]["authors"]


def test_a_line_of_bare_furniture_labels_is_furniture():
    for line in ("打印本页 关闭窗口", "【打印本页】【关闭窗口】", "语音播报 | 分享到"):
        assert cues.is_furniture(line), line
    assert not cues.is_furniture("阅读 文明城市建设") and not cues.is_furniture("作者 王某")
