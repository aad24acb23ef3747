"""`make eval` is reproducible and writes only build/: the leave-one-document-out folds give the
same scores whether they train one or two at a time, retrained or reused, and the model cards
change only through `make record-eval` (pipeline/evaluation/record.py)."""

import json

import pytest

from pipeline.annotations.gold import load_all
from pipeline.evaluation import ner_eval, record
from pipeline.fingerprints import code_and_data

STEPS = 3  # a few training steps: enough to give each fold its own weights, cheap to repeat


@pytest.fixture(scope="module")
def held_out(seeds_dir) -> list[str]:
    """Two folds keep the tests short; the mechanics are the same for every fold."""
    return sorted(d.stem for d in load_all(seeds_dir))[:2]


@pytest.fixture(scope="module")
def one_at_a_time(seeds_dir, held_out, tmp_path_factory):
    folds = tmp_path_factory.mktemp("folds")
    return folds, ner_eval.evaluate_ner(seeds_dir, max_steps=STEPS, workers=1, reuse=False, verbose=False, folds_dir=folds, held_out=held_out)


def _scores(result: dict) -> tuple:
    return result["scores"], [(f["held_out"], f["predictions"], f["model"], f["rules"], f["model+rules"]) for f in result["folds"]]


def test_parallel_folds_give_the_same_scores(one_at_a_time, seeds_dir, held_out, tmp_path):
    _, sequential = one_at_a_time
    parallel = ner_eval.evaluate_ner(seeds_dir, max_steps=STEPS, workers=2, reuse=False, verbose=False, folds_dir=tmp_path, held_out=held_out)
    assert [f["held_out"] for f in parallel["folds"]] == sorted(f["held_out"] for f in parallel["folds"])
    assert _scores(parallel) == _scores(sequential)


def test_reused_fold_models_give_the_same_scores(one_at_a_time, seeds_dir, held_out):
    folds, first = one_at_a_time
    again = ner_eval.evaluate_ner(seeds_dir, max_steps=STEPS, workers=2, reuse=True, verbose=False, folds_dir=folds, held_out=held_out)
    assert _scores(again) == _scores(first)


def test_the_fold_cache_key_covers_the_training_code_and_its_word_lists():
    key = code_and_data("pipeline.training.train")
    assert {"pipeline.training.train", "pipeline.ner.component", "pipeline.ner.rules", "pipeline.training.synthetic"} <= set(key["code"])
    assert "data/gazetteers/titles.txt" in key["data"]


def test_record_writes_the_lodo_table_of_an_eval_run_into_the_card(one_at_a_time, tmp_path):
    _, result = one_at_a_time
    eval_json = tmp_path / "eval.json"
    summary = {k: v for k, v in result.items() if k != "folds"} | {"folds": [{k: v for k, v in f.items() if k != "predictions"} for f in result["folds"]]}
    eval_json.write_text(json.dumps({"ner": summary}), encoding="utf-8")
    card = record.record_lodo(eval_json, tmp_path / "model")
    text = card.read_text(encoding="utf-8")
    assert ner_eval.format_table(result) in text and all(f["held_out"] in text for f in result["folds"])


def test_record_without_an_eval_run_says_what_to_do(tmp_path, capsys):
    assert record.main(["--eval-json", str(tmp_path / "eval.json"), "--realnews-json", str(tmp_path / "r.json")]) == 2
    assert "make eval" in capsys.readouterr().out
