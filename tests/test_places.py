"""places: linking place mentions to divisions (issue 15). Texts are invented; the division names
and codes are facts of jionlp's table (江津区 500116, 渝中区 500103, 龙华区 in 深圳 440309 and 海口)."""

import pandas as pd

from pipeline.places.link import describe, home_indices, link_article
from pipeline.places.posts import post_place
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
    assert post_place("龙华区政协主席")["post_adcode"] is None
    assert post_place("龙华区政协主席", ["深圳"])["post_adcode"] == "440309"


def _frames(text, entities):
    articles = pd.DataFrame([{"article_id": "d:0", "doc_id": "d", "text": text, "start": 0}])
    pages = pd.DataFrame([{"doc_id": "d", "offsets": list(range(len(text)))}])
    rows = [
        {"entity_id": f"d:0:{s}:{e}:{label}", "article_id": "d:0", "doc_id": "d", "label": label, "text": text[s:e], "start": s, "end": e, "nested_in": holder}
        for s, e, label, holder in entities
    ]
    return articles, pd.DataFrame(rows), pages


def test_stage_links_ner_nested_and_scanned_places():
    text = "中共江津区委书记林青远在渝中调研,江津的雾栖村干部参加。"
    org = "d:0:0:7:TITLE"
    articles, entities, pages = _frames(text, [(0, 8, "TITLE", None), (2, 5, "LOC", org), (8, 11, "PER", None), (12, 14, "LOC", None)])
    table = places(articles, entities, pages, PlacesConfig())
    rows = {r.text: r for r in table.itertuples()}
    assert rows["江津区"].source == "nested" and rows["江津区"].nested_in == org and rows["江津区"].adcode == "500116"
    assert rows["渝中"].source == "ner" and rows["渝中"].adcode == "500103"
    # 江津 was not tagged: the scan finds it next to the article's other Chongqing places
    assert rows["江津"].source == "gazetteer" and rows["江津"].adcode == "500116"
    assert rows["江津"].raw_start == text.index("江津的")
    assert "雾栖村" not in rows  # an invented village the NER did not tag is not guessed


def test_stage_home_area_decides_and_empty_input():
    text = "龙华区召开会议。"
    articles, entities, pages = _frames(text, [(0, 3, "LOC", None)])
    assert places(articles, entities, pages, PlacesConfig()).adcode.isna().all()
    assert places(articles, entities, pages, PlacesConfig(home_area="440300")).adcode.tolist() == ["440309"]
    assert places(articles.iloc[:0], entities.iloc[:0], pages, PlacesConfig()).empty
