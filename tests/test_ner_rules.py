"""The rules layer alone: number grammars, gazetteer titles, name patterns (invented text)."""

import pytest

from pipeline.ner.rules import default_rules, squeeze


def found(text: str) -> set[tuple[str, str]]:
    return {(text[m.start : m.end], m.label) for m in default_rules().find(text)}


@pytest.mark.parametrize(
    "text, span, label",
    [
        ("全年完成投资约3.6亿元，", "约3.6亿元", "MONEY"),
        ("共发放补贴2100余万元。", "2100余万元", "MONEY"),
        ("引进外资4.5亿美元", "4.5亿美元", "MONEY"),
        ("同比增长12.35%，", "12.35%", "PERCENT"),
        ("提高了3.2个百分点", "3.2个百分点", "PERCENT"),
        ("占比百分之六点五", "百分之六点五", "PERCENT"),
        ("开展活动86场次，", "86场次", "QUANTITY"),
        ("惠及群众2万余人", "2万余人", "QUANTITY"),
        ("改造面积1200余平方米", "1200余平方米", "QUANTITY"),
        ("走访企业两个月", "两个月", "QUANTITY"),
        ("2022年上半年，", "2022年上半年", "DATE"),
        ("3月18日上午", "3月18日", "DATE"),
        ("9月中旬起", "9月中旬", "DATE"),
        ("今年5月以来", "今年5月", "DATE"),
        ("2019—2021年间", "2019—2021年", "DATE"),
        ("于5月6日至8日举行", "5月6日至8日", "DATE"),
    ],
)
def test_numbers_and_dates(text, span, label):
    assert (span, label) in found(text)


def test_wrap_spaces_inside_figures_are_skipped():
    assert ("2022年上半 年", "DATE") in found("2022年上半 年，共有 56 个项目")
    assert ("56 个", "QUANTITY") in found("2022年上半 年，共有 56 个项目")


@pytest.mark.parametrize(
    "text",
    [
        "第一批试点单位",  # ordinal
        "召开第十次全体会议",  # ordinal
        "十二届九次主席会议",  # session numbers
        "咨询电话023-61234567",  # phone number
        "联系电话：13800001234",
        "统一刊号CN99-0001",  # code
        "推动四下基层",  # number inside a slogan
        "庆祝建校20周年",  # anniversary
        "2024年的工作",  # a year is a DATE, never a QUANTITY
        "千家万户",
    ],
)
def test_not_quantities(text):
    assert not {label for _, label in found(text)} & {"QUANTITY", "MONEY", "PERCENT"}


def test_titles_and_names_from_gazetteers():
    spans = found("区委常委、统战部部长钱晓岚出席会议。")
    assert ("区委常委", "TITLE") in spans
    assert ("统战部部长", "TITLE") in spans
    assert ("钱晓岚", "PER") in spans


def test_byline_and_coordination():
    spans = found("本报讯（记者 谭思远 通讯员 龚雨）")
    assert {("记者", "TITLE"), ("谭思远", "PER"), ("通讯员", "TITLE"), ("龚雨", "PER")} <= spans
    spans = found("区政协副主席邵一鸣、牟佳等参加。")
    assert {("区政协副主席", "TITLE"), ("邵一鸣", "PER"), ("牟佳", "PER")} <= spans


def test_he_ends_a_name_before_another_name_not_before_a_verb():
    assert ("冉清和", "PER") in found("副县长冉清和主持会议。")  # 和 is the name's, 主持 follows
    assert ("甘明", "PER") in found("副县长甘明和甲某出席会议。")  # 和 joins two people


def test_places_and_orgs():
    spans = found("綦江区召开会议，区发展改革委参加。")
    assert ("綦江区", "LOC") in spans
    assert ("区发展改革委", "ORG") in spans


def test_squeeze_keeps_spaces_between_latin_words():
    text, index = squeeze("XYZ 影城 ABC Live")
    assert text == "XYZ影城ABC Live"
    assert [text[i] == "XYZ 影城 ABC Live"[index[i]] for i in range(len(text))] == [True] * len(text)


def test_speaker_and_title_after_name():
    spans = found("会上，\n龚思远书记指出，要抓好落实。")
    assert ("龚思远", "PER") in spans and ("书记", "TITLE") in spans


def test_coordinated_titles():
    spans = found("区委书记、区长听取汇报")
    assert ("区委书记", "TITLE") in spans and ("区长", "TITLE") in spans


def test_local_places_and_their_organisations():
    spans = found("近日，青杉镇党委书记在青杉镇调研，走进柏溪社区。")
    assert ("青杉镇党委书记", "TITLE") in spans
    assert ("青杉镇", "LOC") in spans
    assert ("柏溪社区", "LOC") in spans
    assert ("重庆云栖科技有限公司", "ORG") in found("由重庆云栖科技有限公司承建")


def test_generic_group_is_not_a_title():
    assert not any(label == "TITLE" for _, label in found("全体政协委员参加"))


def test_a_name_found_once_is_found_again_in_the_same_text():
    spans = [(m.start, m.label) for m in default_rules().find("区委副书记邬明远主持会议。会后邬明远手捧鲜花。")]
    assert (5, "PER") in spans and (15, "PER") in spans


def test_names_after_a_title_before_common_verbs_and_concurrent_posts():
    spans = found("区妇联党组书记、常务副主席伍静怡为退休职工颁证，区委组织部副部长（兼）滕子昂为她送上祝福。")
    assert ("伍静怡", "PER") in spans and ("滕子昂", "PER") in spans
    assert ("区委组织部副部长（兼）", "TITLE") in spans


def test_list_items_are_not_taken_for_names():
    spans = found("增强居民的获得感、幸福感、安全感，送去关怀和温暖。")
    assert not any(label == "PER" for _, label in spans)
