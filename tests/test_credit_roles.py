"""The one list of credit-line words (data/gazetteers/credit_roles.txt) and how each user honours
its kinds: a plain role (编辑) with or without a colon, a colon-only role (发布) only before a colon
or bar, a furniture word (来源) that ends a credit and marks furniture but names no one.
Users: the NER rules, the post finder, the segmenter's closing cues, the invented training
sentences. Invented names and outlets throughout."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ner.rules import default_rules
from pipeline.relations.officials import Mention, pair_officials
from pipeline.segmentation import cues
from pipeline.wordlists import CreditRoles, read_credit_roles

CREDITS = read_credit_roles()
NAME = "柯一帆"


def ner(text: str) -> set[tuple[str, str]]:
    return {(text[m.start : m.end], m.label) for m in default_rules().find(text)}


def posts(text: str, *names: str) -> set[tuple[str, str]]:
    mentions, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        cursor = start + len(name)
        mentions.append(Mention(start, cursor, "PER", name))
    return {(p.person.text, p.post.text) for p in pair_officials(text, mentions)}


# -- the list ----------------------------------------------------------------------------------
def test_markers_give_the_kind_and_an_unmarked_list_is_all_plain_roles():
    kinds = CreditRoles.parse(["编辑", "责任编辑", "发布:", "来源-"])
    assert kinds.free == ("责任编辑", "编辑") and kinds.colon_only == ("发布",) and kinds.furniture == ("来源",)
    assert kinds.roles == ("责任编辑", "编辑", "发布") and kinds.words == ("责任编辑", "编辑", "发布", "来源")
    # a model's saved copy of the list from before the markers: every word a plain role
    assert CreditRoles.parse(["编辑", "来源"]).free == ("编辑", "来源")


def test_the_data_file_gives_each_word_one_kind():
    words = CREDITS.free + CREDITS.colon_only + CREDITS.furniture
    assert len(words) == len(set(words))
    assert {"编辑", "审核"} <= set(CREDITS.free) and {"发布", "策划"} <= set(CREDITS.colon_only) and CREDITS.furniture == ("来源",)


# -- NER rules -----------------------------------------------------------------------------------
@pytest.mark.parametrize("separator", ["：", ":", "|", " "])
def test_a_plain_role_heads_a_name_with_or_without_a_colon(separator):
    assert {("编辑", "TITLE"), (NAME, "PER")} <= ner(f"编辑{separator}{NAME}")


@pytest.mark.parametrize("role", CREDITS.colon_only)
def test_a_colon_only_role_heads_a_name_before_a_colon_or_bar(role):
    assert {(role, "TITLE"), (NAME, "PER")} <= ner(f"{role}：{NAME}")
    assert {(role, "TITLE"), (NAME, "PER")} <= ner(f"{role}|{NAME}")


@pytest.mark.parametrize("role", CREDITS.colon_only)
def test_a_colon_only_role_without_a_colon_is_no_credit(role):
    found = ner(f"{role} {NAME}")
    assert (role, "TITLE") not in found and (NAME, "PER") not in found


def test_a_colon_only_word_in_running_text_is_no_title():
    assert not {label for _, label in ner("县里召开新闻发布会，统筹推进项目。")} & {"TITLE", "PER"}


def test_a_furniture_word_names_no_one_but_ends_a_credit_name():
    assert not {label for _, label in ner(f"来源：{NAME}")} & {"TITLE", "PER"}
    found = ner(f"编辑：{NAME}来源：青禾新闻网")
    assert (NAME, "PER") in found and ("来源", "TITLE") not in found


def test_further_names_of_a_credit_stop_at_any_credit_word():
    found = ner("编辑：孟思远 柯一帆 发布：祁望舒")
    assert {("孟思远", "PER"), ("柯一帆", "PER"), ("发布", "TITLE"), ("祁望舒", "PER")} <= found


# -- posts (relations/officials.py) ---------------------------------------------------------------
def test_a_colon_only_role_is_a_post_only_before_its_colon():
    assert posts(f"策划：{NAME}", NAME) == {(NAME, "策划")}
    assert posts(f"统筹|{NAME}", NAME) == {(NAME, "统筹")}
    assert posts(f"活动由青禾县统筹{NAME}等人参加", NAME) == set()


def test_a_furniture_word_is_no_post():
    assert posts(f"来源：{NAME}", NAME) == set()
    assert posts(f"来源：青禾新闻网 编辑：{NAME}", NAME) == {(NAME, "编辑")}


# -- segmentation cues -----------------------------------------------------------------------------
STORY = "青禾县举办农民丰收节，展示了一年的成果。"


def test_a_colon_only_role_closes_a_story_only_before_a_colon():
    assert cues.is_credit_line(f"策划：{NAME}") and cues.credit_authors(f"发布：{NAME}") == [(NAME, "发布")]
    assert cues.closing_tail(f"{STORY}策划：{NAME}") is not None
    assert cues.closing_tail(f"{STORY}策划 {NAME}") is None
    assert not cues.is_credit_line(f"策划 {NAME}")


def test_a_plain_role_closes_a_story_with_or_without_a_colon():
    assert cues.closing_tail(f"{STORY}编辑 {NAME}") is not None
    assert cues.is_credit_line(f"（编辑 {NAME}）")


def test_a_furniture_word_marks_furniture_not_a_credit():
    line = "来源：青禾新闻网"
    assert cues.is_furniture(line) and not cues.is_credit_line(line)
    assert cues.outlet(line) == "青禾新闻网"
    assert "来源" in cues.furniture_labels() and "来源" not in CREDITS.roles


def test_an_empty_credit_label_takes_no_label_after_it_for_a_name():
    assert cues.furniture_authors("作者: 发布时间:2024/3/5 10:08:00 点击率:0") == []
    assert cues.furniture_authors(f"编辑：{NAME}2024-03-05 来源：青禾新闻网") == [(NAME, "编辑")]


def test_a_role_that_also_labels_furniture_is_furniture_to_the_segmenter():
    # 作者 names a person for the NER (and a post), but on a page it labels the furniture
    # under a headline (作者：甲 发布时间：…), which must not close the story above it
    assert ("作者", "TITLE") in ner(f"作者：{NAME}") and "作者" in cues.furniture_labels()
    assert cues.is_furniture(f"作者：{NAME}") and not cues.is_credit_line(f"作者：{NAME}")


# -- training sentences ------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_invented_credit_lines_honour_the_kinds(seed):
    from pipeline.training.synthetic import Builder, Generator

    generator = Generator(seed)
    for _ in range(10):
        builder = Builder()
        generator.credit_line(builder)
        example = builder.example()
        for start, end, label in example.entities:
            word = example.text[start:end]
            if label != "TITLE":
                continue
            assert word not in CREDITS.furniture
            if word in CREDITS.colon_only:
                assert re.match(r"[:：|｜]", example.text[end:]), example.text
