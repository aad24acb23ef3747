"""Ensemble strategies on hand-made span lists (pipeline/ner/ensemble.py) and the config keys."""

import pytest
from pydantic import ValidationError

from pipeline.ner.ensemble import combine
from pipeline.stages.ner import NerConfig


def spans(result):
    return [(c.start, c.end, c.label) for c in result]


PREDICTIONS = {
    "rules": [(0, 4, "TITLE"), (10, 15, "DATE")],
    "spacy": [(0, 4, "TITLE"), (4, 7, "PER"), (20, 23, "PER")],
    "hanlp": [(4, 7, "PER"), (20, 22, "PER"), (30, 33, "LOC")],
}


def test_vote_keeps_what_a_majority_found():
    result = combine(PREDICTIONS, {"PER": "vote", "LOC": "vote", "TITLE": "vote", "DATE": "vote"})
    assert spans(result) == [(0, 4, "TITLE"), (4, 7, "PER")]
    per = next(c for c in result if c.label == "PER")
    assert per.sources == ("spacy", "hanlp") and per.score == pytest.approx(2 / 3)


def test_union_keeps_every_layer_and_resolves_overlaps_by_priority():
    result = combine(PREDICTIONS, {label: "union" for label in ("PER", "LOC", "TITLE", "DATE")})
    # 20-23 (spacy) and 20-22 (hanlp) overlap: spacy is above hanlp in the default priority.
    assert spans(result) == [(0, 4, "TITLE"), (4, 7, "PER"), (10, 15, "DATE"), (20, 23, "PER"), (30, 33, "LOC")]


def test_priority_takes_the_first_layer_and_fills_gaps():
    result = combine(PREDICTIONS, {}, priority=["hanlp", "spacy", "rules"])
    assert (20, 22, "PER") in spans(result) and (20, 23, "PER") not in spans(result)
    assert (10, 15, "DATE") in spans(result)  # only the rules found it: fills a gap


def test_cross_label_conflict_goes_to_more_agreement_then_priority():
    predictions = {"rules": [(0, 4, "ORG")], "spacy": [(0, 4, "LOC")], "hanlp": [(0, 4, "LOC")]}
    assert spans(combine(predictions, {"LOC": "union", "ORG": "union"})) == [(0, 4, "LOC")]
    predictions = {"rules": [(0, 4, "ORG")], "spacy": [(2, 6, "LOC")]}
    assert spans(combine(predictions, {"LOC": "union", "ORG": "union"})) == [(0, 4, "ORG")]


def test_single_layer_and_empty_input():
    assert spans(combine({"rules": [(1, 3, "PER")]}, {"PER": "vote"})) == [(1, 3, "PER")]
    assert combine({"rules": [], "spacy": []}) == []


def test_config_validates_strategies_labels_and_priority():
    config = NerConfig(backend="ensemble", ensemble={"PER": "union"}, ensemble_priority=["hanlp"])
    assert config.ensemble_priority == ["hanlp", "rules", "spacy"]
    with pytest.raises(ValidationError):
        NerConfig(ensemble={"PER": "majority"})
    with pytest.raises(ValidationError):
        NerConfig(ensemble={"PERSON": "vote"})
    with pytest.raises(ValidationError):
        NerConfig(ensemble_priority=["rules", "rules"])
    with pytest.raises(ValidationError):
        NerConfig(backend="stanza")


def test_default_strategies_keep_the_labels_only_the_rules_tag():
    """The trained networks tag PER/LOC/ORG only: TITLE, dates and numbers come from the rules
    alone and must survive the default strategies (a vote of 2 of 3 layers dropped them all)."""
    rules = [(0, 5, "DATE"), (6, 9, "TITLE"), (9, 11, "PER"), (12, 15, "PERCENT"), (16, 19, "QUANTITY"), (20, 24, "MONEY")]
    network = [(9, 11, "PER"), (25, 28, "LOC")]
    kept = combine({"rules": rules, "spacy": network, "hanlp": network}, NerConfig().ensemble, NerConfig().ensemble_priority)
    assert {(c.start, c.end, c.label) for c in kept} == {*rules, (25, 28, "LOC")}
