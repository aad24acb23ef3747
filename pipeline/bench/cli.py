"""`python -m pipeline.bench`: build the scaled corpus, run and measure, write results.json and the table."""

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.bench import corpus, measure, report
from pipeline.config import REPO_ROOT, load_config
from pipeline.errors import DifangError, ModelError

app = typer.Typer(add_completion=False, help=__doc__)
console = Console(stderr=True)


def _default_seeds() -> Path:
    return Path(os.environ.get("SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))


def _ner_overrides(overrides: list[str], notes: list[str]) -> list[str]:
    """Run the trained model when it is there; without it (or with ner.layers set) fall back to the rules."""
    if any(item.split("=", 1)[0].strip() == "ner.layers" for item in overrides):
        return overrides
    from pipeline.stages.ner import model_ids

    try:
        model_ids(load_config(None, overrides).ner)
    except ModelError as exc:
        notes.append(f"no trained NER model ({exc}); benchmarked with ner.layers=[rules], so 'bare NER' is the rules pipeline.")
        return [*overrides, "ner.layers=[rules]"]
    return overrides


@app.command()
def bench(
    mb: Annotated[float, typer.Option(help="Size of the scaled corpus in MB (10^6 bytes).")] = 5.0,
    small_mb: Annotated[float | None, typer.Option(help="Size of the 1x corpus of the streaming-memory check; default mb/10.")] = None,
    workers: Annotated[list[int] | None, typer.Option("--workers", "-w", help="Worker counts to run (repeatable); default 1 and 2.")] = None,
    seeds: Annotated[Path | None, typer.Option(help="Seed pages; default $SEEDS_DIR or ../shared/seeds.")] = None,
    sample: Annotated[Path, typer.Option(help="Project sample pages added to the sources.")] = REPO_ROOT / "data" / "sample",
    workdir: Annotated[Path, typer.Option(help="Corpus and run outputs (git-ignored by default).")] = REPO_ROOT / "bench" / "corpus",
    results: Annotated[Path, typer.Option("--results", help="Where to write results.json.")] = REPO_ROOT / "bench" / "results.json",
    readme: Annotated[str, typer.Option(help="Markdown file whose generated section gets the table; --readme '' to skip.")] = str(REPO_ROOT / "bench" / "README.md"),
    set_: Annotated[list[str] | None, typer.Option("--set", help="Pipeline config override, as for `extract` (repeatable).")] = None,
    memory_check: Annotated[bool, typer.Option(help="Also run the small corpus for the streaming-memory check.")] = True,
    bare_ner: Annotated[bool, typer.Option(help="Also time the bare NER model over the same article texts.")] = True,
) -> None:
    """Benchmark chars/s per stage, peak memory, worker speed-up and the pipeline's overhead over bare NER."""
    try:
        _bench(mb, small_mb, workers or [1, 2], seeds or _default_seeds(), sample, workdir, results, readme, set_ or [], memory_check, bare_ner)
    except (DifangError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _bench(mb, small_mb, workers, seeds, sample, workdir, results_path, readme, overrides, memory_check, bare_ner) -> None:
    notes: list[str] = []
    overrides = _ner_overrides([o for o in overrides if not o.startswith("run.workers=")], notes)
    small_mb = round(mb / 10, 6) if small_mb is None else small_mb
    workers = sorted(set(workers))
    sources = corpus.source_pages(seeds, sample) if sample and str(sample) else corpus.source_pages(seeds)
    workdir = workdir.resolve()

    big = corpus.build_corpus(sources, workdir / f"input-{mb:g}mb", mb)
    console.print(f"corpus: {big.files} files, {big.bytes / 1e6:.2f} MB ({big.copies} copies of {big.sources} pages) in {workdir}")
    runs = {}
    for count in workers:
        console.print(f"pipeline, {count} worker(s)…")
        runs[count] = measure.run_pipeline(workdir / f"input-{mb:g}mb", workdir / f"out-{mb:g}mb-w{count}", [*overrides, f"run.workers={count}"], workdir / "logs" / f"w{count}.log")
        console.print(f"  {runs[count].wall_seconds:.1f} s, peak RSS {runs[count].peak_rss_mb:.0f} MB")
    base = min(workers)
    bare = None
    if bare_ner:
        console.print("bare NER…")
        ner_config = load_config(None, overrides).ner.model_dump(mode="json")
        bare = measure.run_bare_ner(workdir / f"out-{mb:g}mb-w{base}" / "articles", ner_config, workdir / "logs" / "bare_ner.log")
        console.print(f"  {bare[0].wall_seconds:.1f} s")
    small = None
    if memory_check:
        small_stats = corpus.build_corpus(sources, workdir / f"input-{small_mb:g}mb", small_mb)
        console.print(f"streaming-memory check: {small_stats.files} files, {small_stats.bytes / 1e6:.2f} MB, {base} worker(s)…")
        small = measure.run_pipeline(workdir / f"input-{small_mb:g}mb", workdir / f"out-{small_mb:g}mb-w{base}", [*overrides, f"run.workers={base}"], workdir / "logs" / "small.log")
    config = {
        "mb": mb,
        "small_mb": small_mb,
        "workers": workers,
        "overrides": overrides,
        "sources": [str(p.relative_to(p.parent.parent)) for p in sources],
        "footer": "each copy k gets the line '- k -' appended",
    }
    corpus_info = {"files": big.files, "bytes": big.bytes, "copies": big.copies, "source_pages": big.sources}
    res = report.results(config=config, corpus=corpus_info, runs=runs, bare=bare, small=small, notes=notes)
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = report.markdown(res)
    print(table)
    if readme:
        report.update_readme(Path(readme), table)
    console.print(f"results: {results_path}")
