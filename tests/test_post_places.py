"""officials.post_place / post_adcode / post_level / post_adcode_source, one kind of post per test
(issue 14), on invented articles run through the places and relate stages. Division names are
facts of jionlp's table (重庆市江津区 500116, 重庆市渝中区 500103, 河南省南阳市镇平县 411324 …);
persons and sentences are invented."""

import pytest
from test_relate import tables

from pipeline.places.link import describe, link_article
from pipeline.places.posts import article_division, named_division, place_of_post, writes_own_place
from pipeline.relations.officials import decompose_post
from pipeline.stages.relate import RelateConfig, relate


def placed(text: str, marked: list[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
    """(person, post) → (post_place, post_adcode, post_level, post_adcode_source) of the article."""
    out = relate(*tables(text, marked), RelateConfig())["officials"]
    none = lambda v: None if v != v else v  # noqa: E731  (NaN from an all-null column)
    return {(o.person, o.post): (none(o.post_place), none(o.post_adcode), none(o.post_level), none(o.post_adcode_source)) for o in out.itertuples()}


def divisions(*surfaces: str, free: bool = True):
    """The article divisions of place mentions, linked together as the places stage links them."""
    found = []
    for surface, link in zip(surfaces, link_article(list(surfaces))):
        row = describe(link)
        if row["adcode"]:
            found.append(named_division(row["name"], row["adcode"], row["level"], free, surface))
    return tuple(found)


# -- the article's division of the post's level ----------------------------------------------------
def test_a_level_only_post_takes_the_one_division_of_that_level_the_article_names():
    text = "江津区召开工作会议。区委书记林书远出席会议。"
    found = placed(text, [("江津区", "LOC"), ("区委书记", "TITLE"), ("林书远", "PER")])
    assert found[("林书远", "区委书记")] == ("江津区", "500116", "区", "article")


def test_ancestors_of_the_named_divisions_place_higher_posts():
    # an article about one district: 市委书记 is its city's (a province-level city here), 省长 none
    assert article_division("市", divisions("江津区"))["post_adcode"] == "500000"
    # a county in a prefecture: 市 is the prefecture, 省 the province
    assert article_division("市", divisions("镇平县")) == {"post_place": "南阳市", "post_adcode": "411300"}
    assert article_division("省", divisions("镇平县")) == {"post_place": "河南省", "post_adcode": "410000"}
    # townships are nobody's ancestors: a 镇 post needs its township named
    assert article_division("镇", divisions("镇平县"))["post_adcode"] is None


def test_two_divisions_of_the_level_leave_the_post_uncoded():
    assert article_division("区", divisions("江津区", "渝中区"))["post_adcode"] is None
    # their common ancestor is still one city
    assert article_division("市", divisions("江津区", "渝中区"))["post_adcode"] == "500000"


def test_a_division_inside_another_post_that_writes_its_place_gives_way_to_the_free_one():
    # 渝中区 is named only inside a visitor's post (某区委书记): the host district is the free one
    both = divisions("江津区") + divisions("渝中区", free=False)
    assert article_division("区", both)["post_adcode"] == "500116"
    assert article_division("区", divisions("江津区", free=False) + divisions("渝中区", free=False))["post_adcode"] is None


def test_the_visitors_post_and_the_hosts_bare_post_in_one_article():
    text = "渝中区委书记岑向东带队到江津区考察。区委书记林书远陪同。"
    marked = [("渝中区委书记", "TITLE"), ("岑向东", "PER"), ("江津区", "LOC"), ("区委书记", "TITLE"), ("林书远", "PER")]
    found = placed(text, marked)
    assert found[("岑向东", "渝中区委书记")] == ("渝中区", "500103", "区", "written")
    assert found[("林书远", "区委书记")] == ("江津区", "500116", "区", "article")


def test_a_county_level_city_stands_for_a_bare_city_post_only_when_written_in_full():
    # 万州 is the short form of a district; 万源 of a county-level city (达州市): written as 万源
    # alone it does not make 市委书记 that city's, written 万源市 it does
    assert article_division("市", divisions("万源市"))["post_place"] == "万源市"
    assert article_division("市", divisions("万源"))["post_place"] == "达州市"


# -- the level of a post ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("post", "level"),
    [("副县长", "县"), ("常务副区长", "区"), ("旗长", "旗"), ("副镇长", "镇"), ("县教育局局长", "县"), ("区人大常委会主任", "区"), ("旗政府副旗长", "旗"), ("主任", None), ("董事长", None)],
)
def test_the_level_comes_from_the_organisation_or_from_the_heads_role(post, level):
    assert decompose_post(post).level == level


def test_a_role_level_post_takes_the_articles_division():
    text = "江津区举行签约仪式。副区长邬明远致辞。"
    found = placed(text, [("江津区", "LOC"), ("副区长", "TITLE"), ("邬明远", "PER")])
    assert found[("邬明远", "副区长")] == ("江津区", "500116", "区", "article")


def test_an_organisation_with_a_level_prefix_takes_the_articles_division():
    text = "镇平县教育工作会议召开。县教育局局长柯沐阳作报告。"
    found = placed(text, [("镇平县", "LOC"), ("县教育局局长", "TITLE"), ("柯沐阳", "PER")])
    assert found[("柯沐阳", "县教育局局长")] == ("镇平县", "411324", "县", "article")


# -- a place written in the post --------------------------------------------------------------------
def test_a_written_place_gives_the_post_its_place_and_its_level():
    # 镇平县委书记 starts with 镇 but is a county's post
    found = place_of_post("镇平县委书记", "镇")
    assert (found["post_place"], found["post_adcode"], found["post_level"], found["post_adcode_source"]) == ("镇平县", "411324", "县", "written")


def test_a_short_form_written_with_its_unit_is_a_written_place():
    found = place_of_post("黔南州委书记", None)
    assert found["post_adcode"] == "522700" and found["post_level"] == "州" and found["post_adcode_source"] == "written"


def test_a_prefectures_committee_written_as_di_wei_names_the_prefecture():
    found = place_of_post("阿勒泰地委副书记", None)
    assert (found["post_place"], found["post_adcode"], found["post_level"]) == ("阿勒泰地区", "654300", "地区")


def test_a_session_ordinal_before_the_organisation_names_no_place():
    assert not writes_own_place("十二届省政协副主席")
    assert place_of_post("十二届省政协副主席", "省", (), divisions("镇平县"))["post_adcode"] == "410000"


def test_a_post_naming_a_unit_the_table_does_not_know_takes_nothing_from_the_article():
    # 青禾镇 is invented: the article's one township is not it
    assert writes_own_place("青禾镇党委书记") and writes_own_place("高新区管委会主任")
    found = place_of_post("青禾镇党委书记", "镇", (), divisions("江津区", "云溪镇"))
    assert found["post_adcode"] is None and found["post_level"] == "镇" and found["post_adcode_source"] is None
    # a level word before a head's role is no place of its own: 政府旗长, 代理县长
    assert not writes_own_place("政府旗长") and not writes_own_place("代理县长") and not writes_own_place("县委书记")


def test_a_level_post_after_a_written_one_in_the_same_clause_is_that_places():
    text = "渝中区委书记岑向东、区长顾清一行到江津区考察。"
    marked = [("渝中区委书记", "TITLE"), ("岑向东", "PER"), ("区长", "TITLE"), ("顾清", "PER"), ("江津区", "LOC")]
    assert placed(text, marked)[("顾清", "区长")][:2] == ("渝中区", "500103")


def test_a_level_post_in_the_next_clause_is_the_hosts():
    text = "渝中区委书记岑向东带队到江津区考察，区委书记林书远陪同。"
    marked = [("渝中区委书记", "TITLE"), ("岑向东", "PER"), ("江津区", "LOC"), ("区委书记", "TITLE"), ("林书远", "PER")]
    assert placed(text, marked)[("林书远", "区委书记")][:2] == ("江津区", "500116")


# -- townships, villages, central posts, posts without a level -----------------------------------------
def test_a_township_post_takes_the_one_township_the_article_names():
    assert article_division("镇", divisions("江津区", "白沙镇")) == {"post_place": "白沙镇", "post_adcode": "500116"}
    assert article_division("镇", divisions("江津区"))["post_adcode"] is None


def test_central_posts_and_posts_without_a_level_stay_uncoded():
    context = divisions("江津区")
    for post in ("中央候补委员", "全国人大代表", "董事长", "主任"):
        parts = decompose_post(post)
        assert place_of_post(post, parts.level, (), context)["post_adcode"] is None, post


def test_credit_roles_never_get_a_place():
    text = "江津区召开会议。(编辑:甘明)"
    found = placed(text, [("江津区", "LOC"), ("编辑", "TITLE"), ("甘明", "PER")])
    assert found[("甘明", "编辑")][1] is None


# -- elliptical posts -------------------------------------------------------------------------------------
def test_an_elliptical_post_is_placed_like_the_full_post_it_follows():
    text = "江津区召开座谈会。区人大常委会主任林书远，副主任邬明远、柯沐阳出席。"
    marked = [("江津区", "LOC"), ("区人大常委会主任", "TITLE"), ("林书远", "PER"), ("副主任", "TITLE"), ("邬明远", "PER"), ("柯沐阳", "PER")]
    found = placed(text, marked)
    assert found[("邬明远", "副主任")] == ("江津区", "500116", None, "article")
    assert found[("柯沐阳", "副主任")][1] == "500116"


def test_an_elliptical_post_after_the_full_posts_clause_is_still_placed():
    text = "江津区召开常委会会议。区人大常委会主任林书远主持会议，副主任邬明远出席。"
    marked = [("江津区", "LOC"), ("区人大常委会主任", "TITLE"), ("林书远", "PER"), ("副主任", "TITLE"), ("邬明远", "PER")]
    assert placed(text, marked)[("邬明远", "副主任")][1] == "500116"


def test_an_elliptical_post_after_a_visitors_full_post_and_another_place_stays_uncoded():
    text = "渝中区人大常委会主任岑向东带队到江津区考察，副主任邬明远陪同。"
    marked = [("渝中区人大常委会主任", "TITLE"), ("岑向东", "PER"), ("江津区", "LOC"), ("副主任", "TITLE"), ("邬明远", "PER")]
    assert placed(text, marked)[("邬明远", "副主任")][1] is None


def test_an_elliptical_post_without_a_full_post_before_it_stays_uncoded():
    text = "江津区召开座谈会。副主任邬明远出席。"
    assert placed(text, [("江津区", "LOC"), ("副主任", "TITLE"), ("邬明远", "PER")])[("邬明远", "副主任")][1] is None


# -- chains of one person's posts ----------------------------------------------------------------------
def test_a_later_link_of_a_chain_is_placed_like_the_link_before_it():
    text = "江津区召开会议。区委常委、统战部部长覃立言出席。"
    marked = [("江津区", "LOC"), ("区委常委", "TITLE"), ("统战部部长", "TITLE"), ("覃立言", "PER")]
    found = placed(text, marked)
    assert found[("覃立言", "区委常委")][1] == "500116"
    assert found[("覃立言", "统战部部长")] == ("江津区", "500116", None, "article")


def test_a_post_not_chained_to_a_placed_one_stays_uncoded():
    text = "江津区召开会议。区委常委覃立言出席。统战部部长邬明远发言。"
    marked = [("江津区", "LOC"), ("区委常委", "TITLE"), ("覃立言", "PER"), ("统战部部长", "TITLE"), ("邬明远", "PER")]
    assert placed(text, marked)[("邬明远", "统战部部长")][1] is None


# -- person_id --------------------------------------------------------------------------------------------
def test_person_id_ignores_the_place_taken_from_the_article():
    marked = lambda place: [(place, "LOC"), ("区委书记", "TITLE"), ("林书远", "PER")]  # noqa: E731
    one = relate(*tables("江津区召开会议。区委书记林书远出席。", marked("江津区")), RelateConfig())["officials"]
    two = relate(*tables("渝中区召开会议。区委书记林书远出席。", marked("渝中区")), RelateConfig())["officials"]
    assert one.post_adcode[0] != two.post_adcode[0] and one.person_id[0] == two.person_id[0]


def test_people_context_is_what_person_id_hashes_when_the_place_came_from_the_article():
    import pandas as pd

    from pipeline.config import RegistryConfig
    from pipeline.ids import person_id
    from pipeline.stages.registry import registry

    text = "江津区召开会议。区委书记林书远、渝中区委书记岑向东出席。"
    marked = [("江津区", "LOC"), ("区委书记", "TITLE"), ("林书远", "PER"), ("渝中区委书记", "TITLE"), ("岑向东", "PER")]
    articles, entities, pages, places = tables(text, marked)
    officials = relate(articles, entities, pages, places, RelateConfig())["officials"]
    assert set(officials.post_adcode_source) == {"article", "written"}
    people = registry(officials, relate(articles, entities, pages, places, RelateConfig())["metrics"], articles, pd.DataFrame([{"doc_id": "d", "path": "d.txt"}]), RegistryConfig())["people"]
    assert dict(zip(people.name, people.context)) == {"林书远": "official", "岑向东": "渝中区|official"}
    assert all(person_id(n, c) == p for n, c, p in zip(people.name, people.context, people.person_id))


@pytest.mark.parametrize("post", ["代县长", "代理县长", "常务副县长", "代区长"])
def test_a_qualifier_before_a_role_names_no_place(post):
    # 代县 and 理县 are counties (140923, 513222), but 代县长 is the acting county head
    from pipeline.ids import post_place_key
    from pipeline.places.posts import post_prefix

    assert post_prefix(post) is None and post_place_key(post, None) == ""
    assert decompose_post(post).org is None


def test_the_county_whose_name_starts_like_a_qualifier_is_still_read():
    from pipeline.places.posts import post_prefix

    assert post_prefix("代县县长") == "代县" and post_prefix("理县县长") == "理县"


def test_no_place_inside_a_qualified_role():
    from pipeline.ner import crf_backend
    from pipeline.ner.nested import places_inside

    automaton = crf_backend.division_automaton()
    for title in ("代县长", "代理县长", "县委副书记、代县长", "青溪县代县长"):
        assert places_inside(title, automaton) == []
    assert [title[s:e] for title in ["代县县长"] for s, e in places_inside(title, automaton)] == ["代县"]


@pytest.mark.parametrize("post, org, role", [("区总河长", "区", "总河长"), ("县副总河长", "县", "副总河长"), ("常务副县长", None, "常务副县长")])
def test_the_role_of_a_post_is_the_whole_listed_role(post, org, role):
    parts = decompose_post(post)
    assert (parts.org, parts.role) == (org, role)
