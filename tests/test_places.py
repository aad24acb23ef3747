"""places: linking place mentions to divisions (issue 15). Texts are invented; the division names
and codes are facts of jionlp's table (江津区 500116, 渝中区 500103, 龙华区 in 深圳 440309 and 海口)."""

import pandas as pd

from pipeline.places.link import describe, home_indices, link_article
from pipeline.places.posts import metric_place, place_named, post_place
from pipeline.stages.places import PlacesConfig, places


def links(surfaces, home=()):
    return [describe(link) for link in link_article(surfaces, home)]


def test_full_name_short_form_and_written_chain():
    full, short, chain = links(["江津区", "渝中", "重庆市江津区"])
    assert (full["adcode"], full["level"], full["resolution"], full["province"]) == ("500116", "county", "exact", "重庆市")
    assert (short["name"], short["adcode"], short["resolution"]) == ("渝中区", "500103", "short")
    assert (chain["name"], chain["adcode"]) == ("江津区", "500116")


def test_same_name_is_ambiguous_alone_and_chosen_by_context():
    (alone,) = links(["龙华区"])
    assert alone["adcode"] is None and alone["resolution"] == "ambiguous" and alone["candidates"] == 2
    _, chosen = links(["深圳市", "龙华区"])
    assert (chosen["adcode"], chosen["resolution"], chosen["city"]) == ("440309", "context", "深圳市")
    (by_home,) = links(["龙华区"], home_indices("深圳市"))
    assert by_home["adcode"] == "440309"


def test_common_township_name_never_gets_a_guess():
    (town,) = links(["城关镇"])
    assert town["adcode"] is None and town["candidates"] > 10 and town["level"] == "township"


def test_invented_places_and_zones_are_other():
    region, zone = links(["青岚山区", "经济开发区"])
    assert region["level"] == zone["level"] == "other" and region["adcode"] is None and zone["resolution"] == "none"


def test_township_stem_needs_its_county_in_the_article():
    (alone,) = links(["八都"])
    assert alone["level"] == "other"
    _, stem = links(["吉水县", "八都"])
    assert (stem["name"], stem["adcode"], stem["level"]) == ("八都镇", "360822", "township")


def test_post_place_reads_the_place_at_the_start_of_a_post():
    assert post_place("中共重庆市江津区委书记") == {"post_place": "江津区", "post_adcode": "500116"}
    assert post_place("区委书记") == {"post_place": None, "post_adcode": None}
    # jionlp lists a few townships named 街道 or 社区 alone: a level word, no place (a fresh-user trial)
    assert post_place("街道党工委书记") == {"post_place": None, "post_adcode": None}
    assert links(["社区"])[0]["adcode"] is None
    assert post_place("龙华区政协主席")["post_adcode"] is None
    assert post_place("龙华区政协主席", ["深圳"])["post_adcode"] == "440309"


def test_a_row_named_by_its_level_word_alone_is_no_division_and_its_rows_keep_their_county():
    from pipeline.divisions import parse

    items = parse(["甲省\t990000", "\t乙市\t990100", "\t\t丙县\t990101", "\t\t\t街道", "\t\t\t\t丁村"]).items
    assert [d.name for d in items] == ["甲省", "乙市", "丙县", "丁村"]
    assert items[items[3].parent].name == "丙县"


def test_post_qualifiers_are_stripped_only_when_they_are_not_part_of_the_place():
    assert post_place("代理县长")["post_place"] is None  # acting 县长, not 理县
    assert post_place("原江津区委书记")["post_adcode"] == "500116"  # former
    assert post_place("原平市委书记")["post_adcode"] == "140981"  # 原平市 is a city
    assert post_place("代县县长")["post_adcode"] == "140923"  # 代县 is a county


def test_metric_place_reads_the_subject_then_the_phrase():
    assert place_named("江津区农业农村委") == "江津区" and place_named("全区") is None
    assert place_named("今年重庆市江津区的") == "重庆市江津区"
    assert metric_place("江津区", "地区生产总值") == {"metric_place": "江津区", "metric_adcode": "500116"}
    assert metric_place("全区", "地区生产总值") == {"metric_place": None, "metric_adcode": None}
    assert metric_place(None, "龙华区工业增加值")["metric_adcode"] is None  # 深圳 or 海口: no guess
    assert metric_place(None, "龙华区工业增加值", ["深圳"])["metric_adcode"] == "440309"


def _frames(text, entities, path="paper/p1.txt"):
    articles = pd.DataFrame([{"article_id": "d:0", "doc_id": "d", "text": text, "page_start": 0}])
    pages = pd.DataFrame([{"doc_id": "d", "offsets": list(range(len(text)))}])
    documents = pd.DataFrame([{"doc_id": "d", "path": path}])
    rows = [
        {"entity_id": f"d:0:{s}:{e}:{label}", "article_id": "d:0", "doc_id": "d", "label": label, "text": text[s:e], "start": s, "end": e, "nested_in": holder}
        for s, e, label, holder in entities
    ]
    return articles, pd.DataFrame(rows), pages, documents


def test_stage_links_ner_nested_and_scanned_places():
    text = "中共江津区委书记林青远在渝中调研,江津的雾栖村干部参加。"
    org = "d:0:0:7:TITLE"
    table = places(*_frames(text, [(0, 8, "TITLE", None), (2, 5, "LOC", org), (8, 11, "PER", None), (12, 14, "LOC", None)]), PlacesConfig())
    rows = {r.text: r for r in table.itertuples()}
    assert rows["江津区"].source == "nested" and rows["江津区"].nested_in == org and rows["江津区"].adcode == "500116"
    assert rows["渝中"].source == "ner" and rows["渝中"].adcode == "500103"
    # 江津 was not tagged: the scan finds it next to the article's other Chongqing places
    assert rows["江津"].source == "gazetteer" and rows["江津"].adcode == "500116"
    assert rows["江津"].raw_start == text.index("江津的")
    assert "雾栖村" not in rows  # an invented village the NER did not tag is not guessed


def test_stage_home_area_decides_and_empty_input():
    text = "龙华区召开会议。"
    articles, entities, pages, documents = _frames(text, [(0, 3, "LOC", None)])
    assert places(articles, entities, pages, documents, PlacesConfig()).adcode.isna().all()
    assert places(articles, entities, pages, documents, PlacesConfig(home_area="440300")).adcode.tolist() == ["440309"]
    assert places(articles.iloc[:0], entities.iloc[:0], pages, documents, PlacesConfig()).empty


def test_stage_home_area_per_input_folder():
    text = "龙华区召开会议。"
    folders = {"shenzhen": "深圳市", "shenzhen/old": "海口市"}
    for path, code in (("shenzhen/a.txt", "440309"), ("shenzhen/old/b.txt", "460106"), ("other/c.txt", None)):
        table = places(*_frames(text, [(0, 3, "LOC", None)], path), PlacesConfig(folder_home_areas=folders))
        assert table.adcode.fillna("none").tolist() == [code or "none"], path


def test_township_written_with_another_township_word_needs_its_county():
    # the table lists 尚贤乡 under 吉水县 (360822); a paper writing 尚贤镇 (made a town since) means it
    (alone,) = links(["尚贤镇"])
    assert alone["adcode"] is None and alone["level"] == "other"
    _, town = links(["吉水县", "尚贤镇"])
    assert (town["name"], town["adcode"], town["level"], town["resolution"]) == ("尚贤乡", "360822", "township", "context")


def test_unlisted_village_lies_in_the_article_only_county():
    _, village = links(["吉水县", "雾栖村"])
    assert (village["name"], village["adcode"], village["level"], village["candidates"]) == ("雾栖村", "360822", "village", 0)
    assert links(["雾栖村"])[0]["adcode"] is None  # no county in the article: no guess
    assert links(["吉水县", "江津区", "雾栖村"])[-1]["adcode"] is None  # two counties: no guess
    assert links(["吉水县", "美丽乡村"])[-1]["level"] == "other"  # a common word, not a village


def test_district_named_like_a_zone_is_a_division_and_a_zone_is_not():
    district, zone = links(["浦东新区", "长春经济技术开发区"])
    assert (district["adcode"], district["level"]) == ("310115", "county")
    assert (zone["adcode"], zone["level"]) == (None, "other")


def test_stage_drops_roads_rivers_and_company_names_and_lone_stems():
    text = "吉水县八都镇干部到白水路和赣江边调研,吉水恒达实业有限公司参加。八都的冠山干部也来了。"
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("吉水县", "八都镇", "白水路", "赣江", "吉水恒")]
    ents = [(s, e, "LOC", None) for s, e in spans[:4]] + [(spans[4][0], spans[4][0] + 2, "LOC", None)]
    table = places(*_frames(text, ents), PlacesConfig())
    found = dict(zip(table.text, table.source))
    assert "白水路" not in found and "赣江" not in found  # a road and a river are not places
    assert "吉水" not in found  # the place opening a company's name is part of that name
    assert found["八都"] == "gazetteer"  # a stem of a township the article names in full
    assert "冠山" not in found  # a stem whose township is not named in full: a word, not a place


def test_stage_splits_a_written_chain_and_cuts_a_swallowed_group():
    text = "吉水县八都镇干部与吉水县党政考察团座谈,共话乡村振兴。"
    chain, group = (text.index("吉水县八都镇"), text.index("吉水县八都镇") + 6), (text.index("吉水县党政"), text.index("考察团") + 3)
    table = places(*_frames(text, [(*chain, "LOC", None), (*group, "LOC", None)]), PlacesConfig(scan=False))
    assert list(zip(table.text, table.level)) == [("吉水县", "county"), ("八都镇", "township"), ("吉水县", "county")]
    assert table.adcode.tolist() == ["360822"] * 3 and table.start.tolist() == [0, 3, 9]


def test_a_township_needs_its_city_in_the_article_not_just_its_province():
    # 龙华街道 is listed under 深圳's 龙华区 and in four other provinces, not under 汕头's 龙湖区:
    # sharing the province alone is no evidence (the article's own one may be missing from the table)
    _, town = links(["龙湖区", "龙华街道"])
    assert town["adcode"] is None and town["resolution"] == "ambiguous"
    assert links(["深圳市", "龙华街道"])[1]["adcode"] == "440309"


def test_a_post_naming_only_its_level_takes_the_one_division_of_that_level_the_article_names():
    from pipeline.places.posts import article_division, named_division

    def named(*surfaces):
        rows = [describe(link) for link in link_article(list(surfaces))]
        return tuple(named_division(r["name"], r["adcode"], r["level"]) for r in rows if r["adcode"])

    assert article_division("区", named("重庆市", "江津区", "白沙镇")) == {"post_place": "江津区", "post_adcode": "500116"}
    assert article_division("市", named("重庆市", "江津区"))["post_adcode"] == "500000"
    # two districts named: 区委书记 stays uncoded; no division of the level, or no level word: none
    assert article_division("区", named("江津区", "渝中区"))["post_adcode"] is None
    assert article_division("县", named("江津区"))["post_adcode"] is None
    assert article_division(None, named("江津区"))["post_adcode"] is None
