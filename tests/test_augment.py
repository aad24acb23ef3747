"""Mention replacement (pipeline.training.augment): kinds of example, and a property over spans."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.training.augment import name_pool, swap_names, swapped_copies
from pipeline.training.corpus import Example

POOL = ["欧阳晓东", "田甜", "钱多多"]


def spans(example: Example) -> list[tuple[str, str]]:
    return [(example.text[s:e], label) for s, e, label in example.entities]


def test_every_later_span_moves_with_a_longer_or_shorter_name():
    example = Example("x", "县领导甲乙丙、丁戊出席，在某某镇考察。", ((3, 6, "PER"), (7, 9, "PER"), (13, 16, "LOC")))
    swapped = swap_names(example, POOL, random.Random(3))
    names = [text for text, label in spans(swapped) if label == "PER"]
    assert all(name in POOL for name in names)
    assert spans(swapped)[-1] == ("某某镇", "LOC")
    assert swapped.text.startswith("县领导") and swapped.text.endswith("考察。")


def test_the_same_name_gets_the_same_replacement_within_an_example():
    example = Example("x", "记者甲乙丙报道。甲乙丙说，", ((2, 5, "PER"), (8, 11, "PER")))
    first, second = (text for text, _ in spans(swap_names(example, POOL, random.Random(0))))
    assert first == second


def test_spaced_and_transliterated_names_and_other_labels_stay_as_written():
    example = Example("x", "编辑：甲 乙，阿布·热合曼在某某县。", ((3, 6, "PER"), (7, 12, "PER"), (13, 16, "LOC")))
    assert swap_names(example, POOL, random.Random(0)) == example


def test_copies_are_deterministic_and_differ_from_copy_to_copy():
    examples = [Example("x", f"通讯员甲乙{k}报道", ((3, 5, "PER"),)) for k in range(20)]
    pool = [f"钱{c}" for c in "一二三四五六七八九"]
    once, again = swapped_copies(examples, 2, pool, seed=7), swapped_copies(examples, 2, pool, seed=7)
    assert once == again and len(once) == 40
    assert [x.text for x in once[:20]] != [x.text for x in once[20:]]


def test_the_pool_holds_han_names_that_start_with_a_known_surname():
    examples = [Example("pd", "王小明和克林顿、欧阳山与明天见面", ((0, 3, "PER"), (4, 7, "PER"), (8, 11, "PER"), (12, 14, "PER")))]
    assert name_pool(examples, ["王", "欧阳", "李"]) == ["欧阳山", "王小明"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text("甲乙丙丁、。，", min_size=0, max_size=4), st.text("张王李赵钱孙周吴", min_size=2, max_size=4), st.sampled_from(["PER", "LOC"])), min_size=1, max_size=6), st.integers(0, 99))
def test_spans_still_cover_their_surfaces(parts, seed):
    text, entities = "", []
    for gap, surface, label in parts:
        text += gap
        entities.append((len(text), len(text) + len(surface), label))
        text += surface
    example = Example("x", text, tuple(entities))
    swapped = swap_names(example, POOL, random.Random(seed))
    assert [label for *_, label in swapped.entities] == [label for *_, label in entities]
    for (start, end, label), (old_start, old_end, _) in zip(swapped.entities, entities):
        assert swapped.text[start:end] in POOL if label == "PER" else swapped.text[start:end] == text[old_start:old_end]
