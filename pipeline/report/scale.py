"""The report's scaling benchmark: `python -m pipeline.report.scale --pages 1000` (`make bench-report`).

Builds a run folder of about `--pages` pages, then times `python -m pipeline.report` on it in a child
process (wall seconds, CPU seconds, peak RSS) and measures what it wrote (index size, pages, total
bytes). Two ways to get the run (the bar of issue #18: 1,000 pages in under 10 s and 500 MB, index
under 2 MB):
- default: the sample run's tables copied `pages / 3` times (seconds): ids get a per-copy suffix,
  paths a `copy-k/` folder, dates move k days so the timeline spans the copies;
- `--extract`: the bench corpus builder's copies of data/sample, run through `pipeline extract`
  (about a minute; the real tables of a 1,000-page run).
Speed is a benchmark figure, never a timed test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import typer

from pipeline.config import REPO_ROOT

SAMPLE = REPO_ROOT / "data" / "sample"
COPIED_TABLES = ("documents", "articles", "entities", "officials", "metrics", "places", "failures")
# Id columns that name one row or document, made unique per copy; person_id names a person, who
# stays the same person in every copy.
KEEP_IDS = {"person_id"}

app = typer.Typer(add_completion=False, help=__doc__)


def _is_id(name: str) -> bool:
    return (name.endswith("_id") and name not in KEEP_IDS) or name == "nested_in"


def copy_table(table: pa.Table, copy: int) -> pa.Table:
    """Copy number `copy` of a table: ids suffixed `~copy`, paths under `copy-<copy>/`, dates + copy days."""
    columns = {}
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            if _is_id(name):
                column = pc.binary_join_element_wise(column, pa.scalar(f"~{copy}", column.type), "")
            elif name in ("path", "duplicate_of"):
                column = pc.binary_join_element_wise(pa.scalar(f"copy-{copy:05d}/", column.type), column, "")
        elif pa.types.is_date32(column.type):
            column = pc.add(column.cast(pa.int32()), pa.scalar(copy, pa.int32())).cast(pa.date32())
        columns[name] = column
    return pa.table(columns, schema=table.schema)


def replicate_run(source: Path, target: Path, copies: int) -> int:
    """Write into `target` a run folder holding `copies` copies of the run in `source` (manifest
    copied); returns the number of documents written."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(source / "manifest.json", target / "manifest.json")
    documents = 0
    for name in COPIED_TABLES:
        if not (source / name).exists():
            continue
        table = pq.read_table(source / name)
        (target / name).mkdir()
        # One file in row groups of the default size, as a run's part files are (not one group per copy).
        pq.write_table(pa.concat_tables([copy_table(table, copy) for copy in range(1, copies + 1)]), target / name / "part-0.parquet")
        if name == "documents":
            documents = len(table) * copies
    return documents


def _run(args: list[str]) -> None:
    subprocess.run(args, cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL)


def measure_report(run: Path) -> dict:
    """Time `python -m pipeline.report --output run` in a child and measure its output."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "pipeline.report", "--output", str(run)], cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage (peak RSS in KiB on Linux)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args)
    folder = run / "report"
    files = [p for p in folder.rglob("*.html")]
    return {
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "index_bytes": (run / "report.html").stat().st_size,
        "html_files": len(files) + 1,
        "largest_page_bytes": max((p.stat().st_size for p in files), default=0),
        "total_bytes": sum(p.stat().st_size for p in files) + (run / "report.html").stat().st_size,
    }


@app.command()
def scale(
    pages: Annotated[int, typer.Option(help="Pages (documents) in the run to report on.")] = 1000,
    workdir: Annotated[Path, typer.Option(help="Where the corpus and runs go (git-ignored by default).")] = REPO_ROOT / "bench" / "corpus" / "report",
    extract: Annotated[bool, typer.Option(help="Run `pipeline extract` on a corpus of copies instead of copying the sample run's tables.")] = False,
    results: Annotated[Path | None, typer.Option(help="Also write the numbers to this JSON file.")] = None,
) -> None:
    """Build a run of about PAGES pages and measure `make report` on it."""
    sample_run = workdir / "sample-run"
    run = workdir / f"run-{pages}{'-extract' if extract else ''}"
    if extract:
        from pipeline.bench.corpus import build_corpus, footer, source_pages

        sources = source_pages(SAMPLE)
        sizes = [p.stat().st_size for p in sources]
        # build_corpus stops at a byte budget: the bytes of exactly `pages` files.
        budget = sum(sizes[i % len(sources)] + len(footer(i // len(sources) + 1)) for i in range(pages - 1)) + 1
        corpus = workdir / f"corpus-{pages}"
        build_corpus(sources, corpus, budget / 1_000_000)
        shutil.rmtree(run, ignore_errors=True)
        _run([sys.executable, "-m", "pipeline", "extract", "--input", str(corpus), "--output", str(run), "--quiet"])
    else:
        shutil.rmtree(sample_run, ignore_errors=True)
        _run([sys.executable, "-m", "pipeline", "extract", "--input", str(SAMPLE), "--output", str(sample_run), "--quiet"])
        n_sample = len(pq.read_table(sample_run / "documents", columns=["doc_id"]))
        replicate_run(sample_run, run, max(1, -(-pages // n_sample)))
    numbers = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "pages": pages, "mode": "extract" if extract else "replicated tables", **measure_report(run)}
    typer.echo(json.dumps(numbers, indent=2))
    if results is not None:
        results.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    app()
