"""The benchmark runs end to end on a tiny corpus and writes its results (no timing assertions)."""

import hashlib
import json

from typer.testing import CliRunner

from pipeline.bench import corpus, report
from pipeline.bench.cli import app
from pipeline.bench.measure import balance_bound
from pipeline.config import REPO_ROOT


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
    args = ["--mb", "0.05", "--small-mb", "0.01", "--workers", "1", "--seeds", str(seeds_dir), "--workdir", str(tmp_path / "work"),
            "--results", str(results), "--readme", str(readme)]  # fmt: skip
    outcome = CliRunner().invoke(app, args)
    assert outcome.exit_code == 0, outcome.output
    res = json.loads(results.read_text(encoding="utf-8"))
    assert {"date", "machine", "versions", "config", "pipeline_config", "corpus", "runs", "bare_ner", "memory", "ratios", "targets"} <= set(res)
    run = res["runs"]["workers_1"]
    assert run["chars"] > 0 and run["peak_rss_mb"] > 0 and run["wall_seconds"] > 0
    assert {"ingest", "clean", "segment", "ner", "relate"} <= set(run["stages"])
    assert all({"seconds", "share", "chars_per_s"} <= set(row) for row in run["stages"].values())
    assert res["bare_ner"]["texts"] == run["articles"] and res["memory"]["peak_rss_small_mb"] > 0
    assert set(res["targets"]) == set(report.TARGETS)
    assert "| ner |" in outcome.output and "| ner |" in readme.read_text(encoding="utf-8")
