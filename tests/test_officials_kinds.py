"""official → post, one test per kind of failure of issue #14, on invented names and places.

Only PER mentions (and the ORG/LOC/TITLE mentions an NER would give) are passed in: the posts
themselves are rebuilt by pipeline.relations.officials from the text."""

import pytest

from pipeline.relations.officials import Mention, pair_officials


def pairs(text: str, marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    mentions, cursor = [], 0
    for surface, label in marked:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        mentions.append(Mention(start, cursor, label, surface))
    return sorted({(p.person.text, p.post.text) for p in pair_officials(text, mentions)})


def people(*names: str) -> list[tuple[str, str]]:
    return [(n, "PER") for n in names]


# -- post cut at its place or organisation prefix ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "marked", "post"),
    [
        ("青禾县政协主席孟思远出席。", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县政协主席"),
        ("中共白石区委书记孟思远讲话。", [("孟思远", "PER")], "中共白石区委书记"),
        ("会上，云岭镇人大主席孟思远发言。", [("云岭镇", "LOC"), ("孟思远", "PER")], "云岭镇人大主席"),
        ("禾田街道党工委书记孟思远主持。", [("禾田街道", "LOC"), ("孟思远", "PER")], "禾田街道党工委书记"),
        ("，青禾投资集团有限公司总经理孟思远介绍", [("孟思远", "PER")], "青禾投资集团有限公司总经理"),
        ("县人大常委会办公室主任孟思远说", [("孟思远", "PER")], "县人大常委会办公室主任"),
        ("会议由十二届省政协副主席孟思远主持。", [("孟思远", "PER")], "十二届省政协副主席"),
        ("，旗政府副旗长孟思远陪同。", [("孟思远", "PER")], "旗政府副旗长"),
        ("中国人民政治协商会议青禾县委员会主席孟思远出席。", [("青禾县", "LOC"), ("孟思远", "PER")], "中国人民政治协商会议青禾县委员会主席"),
        ("，主席团常务主席孟思远就座。", [("常务主席", "TITLE"), ("孟思远", "PER")], "主席团常务主席"),
    ],
)
def test_the_post_keeps_its_place_and_organisation(text, marked, post):
    assert pairs(text, marked) == [("孟思远", post)]


@pytest.mark.parametrize(
    ("text", "marked", "post"),
    [
        # a department name with 和 in it, after a function word (由)
        ("会议由青禾县住房和城乡建设局副局长孟思远主持。", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县住房和城乡建设局副局长"),
        # a bureau the word lists do not know, closed by its single-character ending (局)
        ("在青禾县林果局局长孟思远陪同下", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县林果局局长"),
        ("据青禾林果局局长孟思远介绍", [("青禾", "LOC"), ("孟思远", "PER")], "青禾林果局局长"),
        # a zone whose name holds a stop word's character (经济)
        ("会议由青禾经济技术开发区管委会主任孟思远主持", [("青禾", "LOC"), ("孟思远", "PER")], "青禾经济技术开发区管委会主任"),
        # a civil-service grade before the rank, a village committee, a hospital rank
        ("县交通运输局四级调研员孟思远介绍", [("孟思远", "PER")], "县交通运输局四级调研员"),
        ("村监委会主任孟思远说", [("孟思远", "PER")], "村监委会主任"),
        ("青禾县人民医院副主任医师孟思远说", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县人民医院副主任医师"),
        ("，青禾县政协专职副主席孟思远说", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县政协专职副主席"),
        ("，青禾大学副教授孟思远说", [("青禾", "LOC"), ("孟思远", "PER")], "青禾大学副教授"),
        ("，青禾县公安局督察长孟思远说", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县公安局督察长"),
        ("柯一帆联系民建会员孟思远交流", [("柯一帆", "PER"), ("孟思远", "PER")], "民建会员"),
        ("会上，华宇（集团）有限公司董事长孟思远介绍", [("孟思远", "PER")], "华宇（集团）有限公司董事长"),
        ("会上，华宇（北京）科技有限公司总经理孟思远介绍", [("孟思远", "PER")], "华宇（北京）科技有限公司总经理"),
        ("，青禾县人民法院审判员孟思远说", [("青禾县", "LOC"), ("孟思远", "PER")], "青禾县人民法院审判员"),
    ],
)
def test_the_post_keeps_an_organisation_name_read_after_a_function_word(text, marked, post):
    assert pairs(text, marked) == [("孟思远", post)]


def test_a_chain_keeps_every_link_when_one_holds_an_unknown_name():
    # 经 is a stop word but also the first character of 经济; 兼 joins two posts
    text = "，县政协副主席、县工商联主席、县民营经济发展局局长孟思远出席。"
    assert set(pairs(text, people("孟思远"))) == {("孟思远", "县政协副主席"), ("孟思远", "县工商联主席"), ("孟思远", "县民营经济发展局局长")}
    text = "，县委常委、组织部部长兼县委党校校长孟思远讲话。"
    assert set(pairs(text, people("孟思远"))) == {("孟思远", "县委常委"), ("孟思远", "组织部部长"), ("孟思远", "县委党校校长")}
    assert ("孟思远", "副县长（挂职）") in pairs("，县委常委、副县长（挂职）孟思远出席。", people("孟思远"))


def test_a_chain_link_takes_the_unknown_organisation_after_the_list_comma():
    # 禾苗 is no known place or unit, but between 、 and the role it can only be the link's prefix
    text = "，县委常委、禾苗主任孟思远出席。"
    assert set(pairs(text, people("孟思远"))) == {("孟思远", "县委常委"), ("孟思远", "禾苗主任")}
    # a list comma after a name, not after a post, starts no link
    assert pairs("孟思远、禾苗主任柯一帆出席", people("孟思远", "柯一帆")) == [("柯一帆", "主任")]


def test_a_function_word_before_unknown_characters_keeps_the_post_short():
    # 了 then 林果: no known place or unit follows the stop word, so 林果 is not taken for a name
    assert pairs("会议听取了林果局局长孟思远的汇报", people("孟思远")) == [("孟思远", "局长")]


def test_abbreviated_department_posts_and_committee_portfolios_keep_the_chain():
    text = "，镇党委委员、武装部长孟思远，镇党委副书记、政法委员柯一帆参加。"
    assert set(pairs(text, people("孟思远", "柯一帆"))) == {
        ("孟思远", "镇党委委员"), ("孟思远", "武装部长"), ("柯一帆", "镇党委副书记"), ("柯一帆", "政法委员")
    }


def test_an_abbreviated_department_post_keeps_the_whole_department():
    # 组织部长 = 组织部 + 部长 sharing 部; 组织 alone is a verb (a stop word)
    assert set(pairs("，县委常委、组织部长孟思远讲话。", people("孟思远"))) == {("孟思远", "县委常委"), ("孟思远", "组织部长")}
    assert pairs("会议由组织部长孟思远主持。", people("孟思远")) == [("孟思远", "组织部长")]
    assert pairs("，县公安局长孟思远出席。", people("孟思远")) == [("孟思远", "县公安局长")]


def test_a_roster_gives_weak_roles_before_a_colon():
    text = "组长：孟思远\n副组长：柯一帆\n成员：祁望舒、贺知行"
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒", "贺知行"))) == {
        ("孟思远", "组长"), ("柯一帆", "副组长"), ("祁望舒", "成员"), ("贺知行", "成员")
    }


def test_a_title_mention_cut_inside_a_word_is_widened_over_the_whole_word():
    # the NER's TITLE 区领导 starts inside 新区 (a zone, not an administrative division)
    text = "出席的有新区领导孟思远、柯一帆。"
    assert set(pairs(text, [("区领导", "TITLE"), ("孟思远", "PER"), ("柯一帆", "PER")])) == {("孟思远", "新区领导"), ("柯一帆", "新区领导")}


def test_a_cut_title_mention_is_widened_over_the_org_before_it():
    text = "，青禾县委统战部部长孟思远出席。"
    assert pairs(text, [("青禾县", "LOC"), ("统战部部长", "TITLE"), ("孟思远", "PER")]) == [("孟思远", "青禾县委统战部部长")]


def test_the_post_stops_at_a_verb_or_a_name():
    assert pairs("，陪同县委书记孟思远调研。", people("孟思远")) == [("孟思远", "县委书记")]
    assert pairs("柯一帆和县人大常委会委员出席。", people("柯一帆")) == []


# -- collective and coordinated lists ---------------------------------------------------------
def test_a_collective_title_goes_to_every_name():
    text = "县领导孟思远、柯一帆、祁望舒、贺知行参加。"
    assert pairs(text, people("孟思远", "柯一帆", "祁望舒", "贺知行")) == sorted((n, "县领导") for n in ("孟思远", "柯一帆", "祁望舒", "贺知行"))


def test_a_deictic_place_is_part_of_the_collective_title():
    text = "出席活动的有我县领导孟思远、柯一帆、祁望舒。"
    assert pairs(text, people("孟思远", "柯一帆", "祁望舒")) == sorted((n, "我县领导") for n in ("孟思远", "柯一帆", "祁望舒"))


def test_a_title_before_a_list_and_names_glued_without_commas():
    assert set(pairs("，大会执行主席孟思远、柯一帆主持。", people("孟思远", "柯一帆"))) == {("孟思远", "大会执行主席"), ("柯一帆", "大会执行主席")}
    assert set(pairs("孟思远柯一帆当选副主席", people("孟思远", "柯一帆"))) == {("孟思远", "副主席"), ("柯一帆", "副主席")}
    assert set(pairs("副主席孟思远、柯一帆出席。", people("孟思远", "柯一帆"))) == {("孟思远", "副主席"), ("柯一帆", "副主席")}


def test_the_comma_between_titles_and_people_is_read_by_meaning():
    text = "区委副书记、区长孟思远，区政协主席柯一帆、区委常委、副区长祁望舒出席。"
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒"))) == {
        ("孟思远", "区委副书记"), ("孟思远", "区长"), ("柯一帆", "区政协主席"), ("祁望舒", "区委常委"), ("祁望舒", "副区长")
    }
    text = "区委副书记、区长孟思远、区政协主席柯一帆出席。"
    assert set(pairs(text, people("孟思远", "柯一帆"))) == {("孟思远", "区委副书记"), ("孟思远", "区长"), ("柯一帆", "区政协主席")}


def test_a_line_wrapped_after_the_list_comma_keeps_chains_and_lists():
    text = "，县委常委、\n副县长孟思远，县领导柯一帆、\n祁望舒出席。"
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒"))) == {
        ("孟思远", "县委常委"), ("孟思远", "副县长"), ("柯一帆", "县领导"), ("祁望舒", "县领导")
    }
    assert pairs("（甲）局长孟思远说", people("孟思远")) == [("孟思远", "局长")]  # a bracket holding nothing known


def test_a_weak_role_needs_its_organisation():
    assert pairs("，盟委委员、政府党组成员、副盟长提名人选孟思远参加。", people("孟思远")) == sorted(
        [("孟思远", "盟委委员"), ("孟思远", "政府党组成员"), ("孟思远", "副盟长提名人选")]
    )
    # without one, only as a link of a chain that holds a full post, right before a name (an
    # elliptical title, 委员甲) or before a roster's colon
    assert set(pairs("，县政协常委、委员、副主席孟思远出席", people("孟思远"))) == {("孟思远", "县政协常委"), ("孟思远", "委员"), ("孟思远", "副主席")}
    assert pairs("委员孟思远发言。", people("孟思远")) == [("孟思远", "委员")]
    assert pairs("各位委员，孟思远发言。", people("孟思远")) == []


# -- credit lines ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("编辑:孟思远 柯一帆", ("孟思远", "柯一帆"), {("孟思远", "编辑"), ("柯一帆", "编辑")}),
        ("【责任编辑:孟思远】", ("孟思远",), {("孟思远", "责任编辑")}),
        ("编辑|孟思远\n审核|柯一帆 终审|祁望舒", ("孟思远", "柯一帆", "祁望舒"), {("孟思远", "编辑"), ("柯一帆", "审核"), ("祁望舒", "终审")}),
        ("监制:孟思远\n值班总编:柯一帆", ("孟思远", "柯一帆"), {("孟思远", "监制"), ("柯一帆", "值班总编")}),
        ("(记者 孟思远 摄影 柯一帆)", ("孟思远", "柯一帆"), {("孟思远", "记者"), ("柯一帆", "摄影")}),
        ("(全媒记者 孟思远 实习记者 柯一帆 报道)", ("孟思远", "柯一帆"), {("孟思远", "全媒记者"), ("柯一帆", "实习记者")}),
        ("初稿:孟思远\n修改:柯一帆\n发布:祁望舒", ("孟思远", "柯一帆", "祁望舒"), {("孟思远", "初稿"), ("柯一帆", "修改"), ("祁望舒", "发布")}),
        ("(孟思远、记者柯一帆)", ("孟思远", "柯一帆"), {("柯一帆", "记者")}),
        ("(孟思远 柯一帆)", ("孟思远", "柯一帆"), set()),
        ("(青禾日报·青禾客户端记者 孟思远 柯一帆)", ("孟思远", "柯一帆"), {("孟思远", "青禾日报·青禾客户端记者"), ("柯一帆", "青禾日报·青禾客户端记者")}),
        ("(记者 孟思远/文 柯一帆 祁望舒/图)", ("孟思远", "柯一帆", "祁望舒"), {("孟思远", "记者"), ("柯一帆", "记者"), ("祁望舒", "记者")}),
    ],
)
def test_credit_lines(text, names, expected):
    assert set(pairs(text, people(*names))) == expected


def test_a_credit_word_before_its_colon_takes_nothing_from_before_it():
    # cleaning removes the space between 中心 and 作者; the NER may tag the whole as one TITLE
    text = "来源：青禾县融媒体中心作者：孟思远"
    assert pairs(text, [("青禾县融媒体中心", "ORG"), ("孟思远", "PER")]) == [("孟思远", "作者")]
    assert pairs(text, [("青禾县融媒体中心作者", "TITLE"), ("孟思远", "PER")]) == [("孟思远", "作者")]
    assert pairs("信息编辑:[孟思远]", people("孟思远")) == [("孟思远", "信息编辑")]


def test_credit_lines_survive_cleaning_and_keep_their_people():
    from pipeline.stages.clean import CleanConfig, clean_text

    raw = "标题\n会议召开，县委书记孟思远出席。\n编辑：柯一帆\n【责任编辑：祁望舒】\n（记者 贺知行 摄影 闵若水）\n"
    text = clean_text(raw, CleanConfig()).text
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒", "贺知行", "闵若水"))) == {
        ("孟思远", "县委书记"), ("柯一帆", "编辑"), ("祁望舒", "责任编辑"), ("贺知行", "记者"), ("闵若水", "摄影")
    }


def test_a_credit_word_inside_another_word_is_not_a_post():
    assert ("孟思远", "作者") not in pairs("获评最美科技工作者、教研组组长孟思远发言", people("孟思远"))
    assert pairs("他修改孟思远的稿子", people("孟思远")) == []


# -- titles after names, qualifiers -------------------------------------------------------------
def test_titles_after_names_beside_a_title_before():
    text = "县委书记孟思远强调。孟思远书记指出，柯一帆专员一行来到村里，祁望舒代表说"
    assert set(pairs(text, people("孟思远", "孟思远", "柯一帆", "祁望舒"))) == {
        ("孟思远", "县委书记"), ("孟思远", "书记"), ("柯一帆", "专员"), ("祁望舒", "代表")
    }


def test_a_strong_role_after_a_name_needs_no_listed_follower_but_a_weak_one_does():
    assert pairs("孟思远县长详细询问了情况。", people("孟思远")) == [("孟思远", "县长")]
    assert pairs("孟思远主任带着大家参观。", people("孟思远")) == [("孟思远", "主任")]
    assert pairs("孟思远代表青禾县人民政府签约。", people("孟思远")) == []  # 代表 here is a verb


def test_a_credit_word_after_a_name_marks_a_photo_not_a_post():
    assert pairs("（记者 孟思远 柯一帆 摄影）", people("孟思远", "柯一帆")) == [("孟思远", "记者"), ("柯一帆", "记者")]


def test_a_role_word_that_starts_another_word_after_a_name_is_not_a_post():
    assert pairs("孟思远主任科员", people("孟思远")) == [("孟思远", "主任科员")]
    assert pairs("孟思远代表团抵达", people("孟思远")) == []


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("，原县政协主席孟思远说", "原县政协主席"),
        ("，代理县长孟思远主持", "代理县长"),
        ("，副主席提名人选孟思远参加", "副主席提名人选"),
        ("，区委组织部副部长（兼）孟思远参加", "区委组织部副部长（兼）"),
        ("，副局长（正局级）孟思远参加", "副局长（正局级）"),
    ],
)
def test_qualifiers_stay_inside_the_post(text, post):
    assert pairs(text, people("孟思远")) == [("孟思远", post)]


def test_elections_and_appointments_state_a_post():
    text = "会议选举孟思远同志为云岭镇人大主席和青禾州第十四届人大代表、柯一帆同志为云岭镇副镇长。"
    assert set(pairs(text, [("孟思远", "PER"), ("云岭镇", "LOC"), ("青禾州", "LOC"), ("柯一帆", "PER"), ("云岭镇", "LOC")])) == {
        ("孟思远", "云岭镇人大主席"), ("孟思远", "青禾州第十四届人大代表"), ("柯一帆", "云岭镇副镇长")
    }
    text = "孟思远、柯一帆、祁望舒当选十二届省政协副主席。"
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒"))) == {(n, "十二届省政协副主席") for n in ("孟思远", "柯一帆", "祁望舒")}


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("孟思远被任命为青禾县副县长。", "青禾县副县长"),
        ("孟思远兼任青禾县委党校校长。", "青禾县委党校校长"),
        ("孟思远调任青禾县委书记。", "青禾县委书记"),
        ("孟思远（青禾县委书记）发言。", "青禾县委书记"),
    ],
)
def test_appointments_and_bracketed_posts_after_a_name(text, post):
    assert pairs(text, [("孟思远", "PER"), ("青禾县", "LOC")]) == [("孟思远", post)]


def test_a_bracket_after_a_name_that_does_not_close_on_the_post_is_no_post():
    assert pairs("孟思远（青禾县委书记的同事）发言。", [("孟思远", "PER"), ("青禾县", "LOC")]) == []


def test_a_headline_post_does_not_reach_the_next_line():
    text = "孟思远当选省政协主席\n柯一帆祁望舒当选副主席"
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒"))) == {("孟思远", "省政协主席"), ("柯一帆", "副主席"), ("祁望舒", "副主席")}


# -- the pairing never loses a found name --------------------------------------------------------
def test_names_the_ner_found_keep_their_pairs_whatever_it_tagged_around_them():
    text = "，盟委副书记、盟长孟思远，盟行署副盟长柯一帆，省农业厅党组成员、副厅长祁望舒出席"
    assert set(pairs(text, people("孟思远", "柯一帆", "祁望舒"))) == {
        ("孟思远", "盟委副书记"), ("孟思远", "盟长"), ("柯一帆", "盟行署副盟长"), ("祁望舒", "省农业厅党组成员"), ("祁望舒", "副厅长")
    }
