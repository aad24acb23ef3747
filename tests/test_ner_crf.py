"""The CRF backend, its training data readers and nested entities, on invented text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ner import crf_backend, nested
from pipeline.ner.rules import squeeze
from pipeline.stages.ner import _merge, _with_prefix
from pipeline.training import datasets, people_daily, realnews
from pipeline.training.corpus import Example

SUFFIXES = datasets.org_suffixes()


# -- People's Daily reader -------------------------------------------------------------------

def test_feature_values_fold_digits_letters_and_spaces_one_for_one():
    assert crf_backend.fold("共3９人 xY\u3000县\t") == "共00人_AA_县_"
    assert crf_backend.fold("") == ""


def test_person_parts_merge_into_one_name():
    tokens = people_daily.parse_line("县长/n  柯/nr  明远/nr  到/v  青溪/ns  调研/v  。/w")
    example = people_daily.paragraph_example(tokens, SUFFIXES, "t")
    assert [(example.text[s:e], label) for s, e, label in example.entities] == [("柯明远", "PER"), ("青溪", "LOC")]


def test_flattened_organisation_compound_is_restored():
    tokens = people_daily.parse_line("青溪/ns  农业/n  技术/n  协会/n  成立/v")
    example = people_daily.paragraph_example(tokens, SUFFIXES, "t")
    assert [(example.text[s:e], label) for s, e, label in example.entities] == [("青溪农业技术协会", "ORG")]


def test_fullwidth_digits_become_ascii_without_moving_offsets():
    tokens = people_daily.parse_line("１９９８年/t  ，/w  张/nr  三/nr")
    example = people_daily.paragraph_example(tokens, SUFFIXES, "t")
    assert example.text.startswith("1998年，")
    assert [example.text[s:e] for s, e, _ in example.entities] == ["张三"]


def test_sentences_never_cut_an_entity():
    text = "甲。" * 100 + "柯明远。"
    example = Example("t", text, ((len(text) - 4, len(text) - 1, "PER"),))
    pieces = people_daily.sentences(example, max_chars=50)
    assert "".join(p.text for p in pieces) == text
    assert [p.text[s:e] for p in pieces for s, e, _ in p.entities] == ["柯明远"]


# -- real-news projection -------------------------------------------------------------------

def test_projection_takes_longest_strings_and_every_occurrence():
    text = "中共青溪区委书记柯明远在青溪区调研。柯明远指出"
    spans = realnews.project(text, {"PER": ["柯明远"], "ORG": ["中共青溪区委"], "LOC": ["青溪区"]})
    assert [(text[s:e], label) for s, e, label in spans] == [("中共青溪区委", "ORG"), ("柯明远", "PER"), ("青溪区", "LOC"), ("柯明远", "PER")]


def test_article_example_maps_spans_onto_clean_text(tmp_path):
    record = {"id": "X-1", "text": "记者 柯 明远 报道,青溪区召开会议。", "persons": ["柯 明远"], "places": ["青溪区"], "orgs": []}
    example = realnews.article_example(record)
    got = {(example.text[s:e].replace(" ", ""), label) for s, e, label in example.entities}
    assert got == {("柯明远", "PER"), ("青溪区", "LOC")}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert realnews.examples(path)[0].entities


# -- nested entities ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title, org",
    [
        ("区委常委", "区委"),
        ("县政协副主席", "县政协"),
        ("原县委书记", "县委"),
        ("镇党委书记", "镇党委"),
        ("青溪街道党工委书记", "青溪街道党工委"),
        ("县人大常委会主任", "县人大常委会"),
        ("云岭投资集团有限公司总经理", "云岭投资集团有限公司"),
        ("副区长", None),
        ("记者", None),
    ],
)
def test_organisation_part_of_a_title(title, org):
    span = nested.title_org(title)
    assert (title[span[0] : span[1]] if span else None) == org


def test_places_inside_an_organisation_need_a_division_suffix():
    automaton = crf_backend.Lexicon.build({"div": ["青溪区", "青溪", "云岭镇"]}).automata["div"]
    assert nested.places_inside("中共青溪区委", automaton) == [(2, 5)]
    assert nested.places_inside("青溪日报社", automaton) == []  # a short form inside a name is not a place


def test_titles_become_their_organisation_for_training():
    example = Example("t", "区委常委柯明远", ((0, 4, "TITLE"), (4, 7, "PER")))
    assert datasets.titles_as_orgs(example).entities == ((0, 2, "ORG"), (4, 7, "PER"))


# -- features, spans, merge -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, squeezed",
    [("记者 柯 明远", "记者柯明远"), ("编辑:柯明远 吕思", "编辑:柯明远 吕思"), ("上半 年", "上半年"), ("审核|吕 思  终审", "审核|吕思  终审"), ("政协 2024 年", "政协2024年"), ("A 1", "A 1")],
)
def test_squeeze_drops_only_spaces_that_split_a_word(text, squeezed):
    out, index = squeeze(text)
    assert out == squeezed
    assert "".join(text[i] for i in index) == out


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 5), st.sampled_from(crf_backend.LABELS)), max_size=6))
@settings(max_examples=60, deadline=None)
def test_bio_round_trip(raw):
    spans, taken = [], set()
    for start, length, label in raw:
        cells = set(range(start, start + length))
        if not cells & taken:
            spans.append((start, start + length, label))
            taken |= cells
    assert crf_backend.bio_to_spans(crf_backend.spans_to_bio(40, spans)) == sorted(spans)
    assert crf_backend.bio_to_spans(crf_backend.spans_to_bio(40, spans, "BIOES")) == sorted(spans)


def test_features_have_one_row_per_character():
    lexicon = crf_backend.Lexicon.build({"div": ["青溪区"], "sur": ["柯"], "ttl": ["区长"], "osf": ["委"]})
    text = "青溪区区长柯明远"
    rows = crf_backend.char_features(text, lexicon, ["O"] * len(text))
    assert len(rows) == len(text)
    assert "div=B" in rows[0] and "div=E" in rows[2] and "ttl=T" in rows[5] and "sur=S" in rows[5]



def test_cluster_features_only_where_a_name_may_be():
    lexicon = crf_backend.Lexicon.build({"div": [], "sur": ["柯"], "ttl": [], "osf": []})
    text = "会上柯明远发言"
    rows = crf_backend.char_features(text, lexicon, ["O"] * len(text), {"柯": 1, "明": 2, "远": 2})
    with_clusters = [i for i, row in enumerate(rows) if any(f.startswith("k0=") for f in row)]
    assert with_clusters == [2, 3, 4]  # the surname and the two characters after it
    assert {"k-1=1", "k0=2", "k1=2"} <= set(rows[3]) and "k1=-" in rows[4]  # 发: no cluster
    assert not any(f.startswith("k") for row in crf_backend.char_features(text, lexicon, ["O"] * len(text)) for f in row)
    # a division name that opens with a surname (江津区) keeps its features as they were
    lexicon = crf_backend.Lexicon.build({"div": ["江津区"], "sur": ["江", "柯"], "ttl": [], "osf": []})
    rows = crf_backend.char_features("江津区柯明远", lexicon, ["O"] * 6, {"柯": 1})
    assert [i for i, row in enumerate(rows) if any(f.startswith("k0=") for f in row)] == [3, 4, 5]


def test_characters_written_in_the_same_neighbourhoods_share_a_cluster():
    from pipeline.training.clusters import character_clusters

    texts = ["左甲右", "左乙右", "左丙右", "上一下", "上二下", "上三下"] * 5
    clusters = character_clusters(texts, k=6, contexts=50, min_count=3, dims=8)
    assert clusters == character_clusters(texts, k=6, contexts=50, min_count=3, dims=8)  # deterministic
    assert clusters["甲"] == clusters["乙"] == clusters["丙"] != clusters["一"] == clusters["二"] == clusters["三"]
    with pytest.raises(ValueError, match="too few"):
        character_clusters(texts, k=20)


def test_a_packaged_crf_model_carries_its_clusters_or_none(tmp_path):
    from pipeline.training import crf_train

    work = tmp_path / "work"
    work.mkdir()
    (work / "model.crfsuite").write_bytes(b"model")
    (work / "clusters.json").write_text('{"柯": 1}', encoding="utf-8")
    out = crf_train.package(work / "model.crfsuite", tmp_path / "out", {"config_hash": "x"})
    assert crf_backend.read_clusters(out) == {"柯": 1}
    (work / "clusters.json").unlink()
    crf_train.package(work / "model.crfsuite", out, {"config_hash": "y"})
    assert crf_backend.read_clusters(out) is None  # no stale clusters from the model before

def test_title_takes_the_organisation_written_before_it():
    text = "云岭投资集团有限公司总经理柯明远"
    assert _with_prefix((10, 13, "TITLE"), [(0, 10, "ORG")], text) == (0, 13, "TITLE")
    assert _with_prefix((10, 13, "TITLE"), [(0, 9, "ORG")], text) == (10, 13, "TITLE")  # not adjacent


def test_merge_rules_own_titles_and_numbers_model_owns_names():
    rows = [
        (0, 4, "TITLE", "rule", "r", 1.0),
        (0, 2, "ORG", "crf", "m", None),  # inside the title: the nested step finds it again
        (4, 7, "PER", "crf", "m", None),
        (4, 6, "PER", "rule", "r", 1.0),  # the model's longer name wins
        (8, 11, "LOC", "rule", "r", 1.0),  # nothing else there: the rules fill the gap
    ]
    assert [(s, e, label) for s, e, label, *_ in _merge(rows)] == [(0, 4, "TITLE"), (4, 7, "PER"), (8, 11, "LOC")]


def test_rule_name_that_contains_the_model_name_replaces_it():
    rows = [(0, 2, "PER", "crf", "m", None), (0, 3, "PER", "rule", "r", 1.0), (5, 7, "PER", "crf", "m", None)]
    assert [(s, e, source) for s, e, _, source, *_ in _merge(rows)] == [(0, 3, "rule"), (5, 7, "crf")]


def test_names_run_together_are_read_like_the_clean_mentions():
    from pipeline.ner.names import apply_known_names

    text = "柯明远吕思成当选\n柯明远、吕思成出席。王群英表示，王群说"
    rows = [(0, 4, "PER", "crf"), (4, 6, "PER", "crf"), (9, 12, "PER", "crf"), (13, 16, "PER", "crf"), (19, 22, "PER", "crf"), (25, 27, "PER", "crf")]
    got = [(text[s:e]) for s, e, *_ in apply_known_names(text, rows)]
    assert got == ["柯明远", "吕思成", "柯明远", "吕思成", "王群英", "王群"]


def test_five_character_names_are_two_names_run_together():
    from pipeline.ner.names import split_run_on_names

    surnames = frozenset(["柯", "吕", "欧阳"])
    text = "柯明远吕思 欧阳明吕思成 阿依·木沙江 柯明远"
    rows = [(0, 5, "PER", "crf"), (6, 12, "PER", "crf"), (13, 19, "PER", "crf"), (20, 23, "PER", "crf")]
    got = [text[s:e] for s, e, *_ in split_run_on_names(text, rows, surnames)]
    assert got == ["柯明远", "吕思", "欧阳明", "吕思成", "阿依·木沙江", "柯明远"]


def test_names_ending_like_a_street_or_reservoir_are_dropped():
    from pipeline.ner.names import drop_place_like_names

    text = "柯家街 柯明远 吕水库"
    rows = [(0, 3, "PER"), (4, 7, "PER"), (8, 11, "PER"), (0, 3, "LOC")]
    assert drop_place_like_names(text, rows, frozenset("街库")) == [(4, 7, "PER"), (0, 3, "LOC")]


def test_a_name_run_into_a_closing_credit_word_ends_before_it():
    from pipeline.ner.names import trim_credit_suffix

    suffixes = ("摄影", "报道", "摄")
    text = "记者柯明远摄\n通讯员吕思报道）柯明摄影展开幕，吕摄 丁"
    rows = [(2, 6, "PER"), (10, 14, "PER"), (15, 19, "PER"), (23, 25, "PER")]
    got = [text[s:e] for s, e, *_ in trim_credit_suffix(text, rows, suffixes)]
    # closing a credit: cut; running on into the sentence (摄影展): kept; no two-character name left: kept
    assert got == ["柯明远", "吕思", "柯明摄影", "吕摄"]



def test_a_list_of_people_is_names_throughout():
    from pipeline.ner.names import complete_name_lists

    surnames = frozenset(["柯", "吕", "宓", "汲", "欧阳"])
    fields = ("rule", "rules-id", 1.0)
    # a rare surname the tagger skipped between two names; a place read inside a name; a compound surname
    text = "获奖的有：柯明远、宓春和、吕思成、汲长安、欧阳小英等。"
    rows = [(5, 8, "PER", "crf"), (13, 16, "PER", "crf"), (18, 20, "LOC", "crf"), (21, 25, "PER", "crf")]
    got = complete_name_lists(text, rows, surnames, frozenset("街"), fields)
    assert [(text[r[0]:r[1]], r[2]) for r in got] == [("柯明远", "PER"), ("宓春和", "PER"), ("吕思成", "PER"), ("汲长安", "PER"), ("欧阳小英", "PER")]
    assert got[1][3:] == fields


@pytest.mark.parametrize(
    "text, rows",
    [
        ("柯明远、城关镇、宓春和", [(0, 3, "PER")]),  # not shaped like a name (no surname)
        ("柯明远、宓家街、吕思成", [(0, 3, "PER"), (8, 11, "PER")]),  # ends like a street
        ("城关、宓春和、新区", [(0, 2, "LOC")]),  # no person next to it
        ("柯明远、宓春和、吕思成", [(0, 3, "PER"), (4, 7, "TITLE"), (8, 11, "PER")]),  # another entity keeps it
        ("会上，宓春和、吕思成发言", [(7, 10, "PER")]),  # one name next to it: it may be a stray PER
    ],
)
def test_list_items_that_are_not_names_stay(text, rows):
    from pipeline.ner.names import complete_name_lists

    assert complete_name_lists(text, rows, frozenset("柯吕宓"), frozenset("街"), ("rule", "r", 1.0)) == rows


def test_jionlp_surnames_are_read_from_the_installed_package():
    from pipeline.ner.names import jionlp_surnames

    surnames = jionlp_surnames()
    assert {"欧阳", "司马"} <= surnames and len([s for s in surnames if len(s) == 1]) > 150
    assert "的" not in surnames and "时" not in surnames  # jionlp keeps only the unambiguous ones


def test_a_name_written_only_as_part_of_a_facility_is_no_person():
    from pipeline.ner.names import drop_facility_names

    heads = ("纪念馆", "小学")
    text = "柯明远纪念馆开馆。吕思成小学的学生与宓春和交谈，宓春和小学毕业。"
    rows = [(0, 3, "PER"), (3, 6, "ORG"), (9, 12, "PER"), (19, 22, "PER"), (25, 28, "PER")]
    # 柯明远 and 吕思成 only ever head a facility; 宓春和 is also written on their own: a person
    assert drop_facility_names(text, rows, heads) == [(3, 6, "ORG"), (19, 22, "PER"), (25, 28, "PER")]

def test_one_character_persons_are_forms_of_address_not_names():
    from pipeline.ner.names import drop_single_characters

    rows = [(0, 1, "PER", "crf"), (3, 5, "PER", "crf"), (6, 7, "LOC", "crf")]
    assert drop_single_characters(rows) == [(3, 5, "PER", "crf"), (6, 7, "LOC", "crf")]


def test_names_written_together_stay_two_people():
    tokens = people_daily.parse_line("记者/n  柯/nr  明远/nr  吕/nr  思成/nr  报道/v")
    example = people_daily.paragraph_example(tokens, SUFFIXES, "t")
    assert [example.text[s:e] for s, e, _ in example.entities] == ["柯明远", "吕思成"]


def test_a_dotted_name_cut_short_runs_to_the_end_of_its_transliteration():
    from pipeline.ner.names import extend_transliterated_names

    translit = frozenset("阿依木沙江提别克")
    text = "阿依·木沙江提别克说，柯明远·阿依在会上"
    # cut short; already whole and followed by an ordinary character; a plain name is untouched
    rows = [(0, 6, "PER"), (11, 17, "PER")]
    got = [text[s:e] for s, e, _ in extend_transliterated_names(text, rows, translit)]
    assert got == ["阿依·木沙江提别克", "柯明远·阿依"]
    # never runs into the next entity
    assert extend_transliterated_names("阿依·木沙江提别克", [(0, 5, "PER"), (6, 9, "LOC")], translit)[0] == (0, 6, "PER")


def test_a_place_cut_before_its_division_suffix_takes_it():
    from pipeline.ner.nested import with_division_suffix

    text = "云岭街道和青溪地区，柯家村民，松林镇党委，云岭市场"
    rows = [(0, 2, "LOC"), (5, 7, "LOC"), (10, 12, "LOC"), (15, 17, "LOC"), (21, 23, "LOC")]
    got = [text[s:e] for s, e, _ in with_division_suffix(text, rows)]
    # 街道 and 地区 are taken; 村 is taken (a village's residents); an organisation follows 镇
    # (松林镇党委) and 市 starts a word (市场): both left as they were
    assert got == ["云岭街道", "青溪地区", "柯家村", "松林", "云岭"]
    # never into the next entity
    assert with_division_suffix("云岭街道办", [(0, 2, "LOC"), (2, 5, "ORG")]) == [(0, 2, "LOC"), (2, 5, "ORG")]
