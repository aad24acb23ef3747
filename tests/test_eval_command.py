"""`make eval` (pipeline.evaluation.__main__) hands each section the inputs it needs and writes the
summary: every section replaced by a stub, so the wiring is tested in a second, not the scores."""

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.evaluation import __main__ as evaluation


def test_each_section_gets_its_input_and_the_summary_is_written(tmp_path, monkeypatch):
    seeds, realnews = tmp_path / "seeds", tmp_path / "realnews"
    seeds.mkdir()
    realnews.mkdir()
    seen = {}
    monkeypatch.setattr(evaluation.clean_eval, "evaluate_cleaning", lambda: {"cer": 0.0})
    monkeypatch.setattr(evaluation.clean_eval, "format_table", lambda result: "cleaning")
    monkeypatch.setattr(evaluation.segment_eval, "evaluate_segmentation", lambda folder: {"seeds": str(folder)})
    monkeypatch.setattr(evaluation.segment_eval, "format_table", lambda result: "segmentation")
    monkeypatch.setattr(evaluation.ner_eval, "evaluate_ner", lambda folder: {"folds": []})
    monkeypatch.setattr(evaluation.ner_eval, "format_table", lambda result: "ner")
    monkeypatch.setattr(evaluation.relate_eval, "evaluate_relations", lambda folder, predict=None: {})
    monkeypatch.setattr(evaluation.relate_eval, "print_scores", lambda *args, **kwargs: None)

    def realnews_section(folder, console):
        seen["realnews"] = folder
        return {"metrics": {"f1": 0.5}}

    def composed_section(folder, console):
        seen["composed"] = folder
        return [{"corpus": "dev.jsonl"}]

    monkeypatch.setattr(evaluation.realnews_eval, "section", realnews_section)
    monkeypatch.setattr(evaluation.compose_eval, "section", composed_section)
    out = tmp_path / "eval.json"
    result = CliRunner().invoke(evaluation.app, ["--seeds", str(seeds), "--realnews", str(realnews), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert seen == {"realnews": realnews, "composed": realnews}  # the folder, not the real-news scores
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["realnews"] == {"metrics": {"f1": 0.5}} and summary["composed_pages"] == [{"corpus": "dev.jsonl"}]
