"""`python -m pipeline.annotations validate|export-labelstudio|import-labelstudio|export-docbin`."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.annotations.gold import ANNOTATIONS_DIR

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Gold annotations over the seed pages.")
console = Console()
err = Console(stderr=True)

SeedsOpt = Annotated[Path, typer.Option("--seeds", help="Folder of raw seed pages (SEEDS_DIR, e.g. ../shared/seeds).")]
AnnOpt = Annotated[Path, typer.Option("--annotations", help="Annotations folder (entities/, articles/).")]


def _fail(exc: Exception) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(1)


@app.command()
def validate(
    seeds: SeedsOpt,
    annotations: AnnOpt = ANNOTATIONS_DIR,
    quiet_warnings: Annotated[bool, typer.Option("--no-warnings", help="Print errors only.")] = False,
) -> None:
    """Check the stand-off annotations against the seeds; print counts; exit 1 on any error."""
    from pipeline.annotations.validate import print_report, validate as run

    report = run(seeds, annotations)
    print_report(report, console, show_warnings=not quiet_warnings)
    if not report.ok:
        raise typer.Exit(1)


@app.command("export-labelstudio")
def export_labelstudio(
    seeds: SeedsOpt,
    out: Annotated[Path, typer.Option("--out", help="Label Studio tasks JSON to write (outside the repo: it holds seed text).")],
    annotations: AnnOpt = ANNOTATIONS_DIR,
    as_: Annotated[str, typer.Option("--as", help="Put the gold under 'annotations' or 'predictions'.")] = "annotations",
) -> None:
    """Export every annotated seed as a Label Studio task (text read from --seeds now)."""
    from pipeline.annotations.labelstudio import LabelStudioError, export_file, labelling_config_path

    try:
        n = export_file(seeds, out, annotations, as_=as_)
    except LabelStudioError as exc:
        _fail(exc)
    console.print(f"wrote {n} task(s) to {out}; the project's labelling config (Settings → Labeling Interface → Code): {labelling_config_path(out)}")


@app.command("import-labelstudio")
def import_labelstudio(
    file: Annotated[Path, typer.Argument(help="Label Studio JSON export (list of tasks).")],
    seeds: SeedsOpt,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Annotations folder to write entities/ and articles/ into.")],
) -> None:
    """Convert a Label Studio export back to stand-off files (checks the text against the seed)."""
    from pipeline.annotations.labelstudio import LabelStudioError, import_file

    try:
        written = import_file(file, seeds, out_dir)
    except LabelStudioError as exc:
        _fail(exc)
    for path in written:
        console.print(f"wrote {path}")


@app.command("export-docbin")
def export_docbin(
    seeds: SeedsOpt,
    out: Annotated[Path, typer.Option("--out", help=".spacy DocBin to write (outside the repo: it holds seed text).")],
    annotations: AnnOpt = ANNOTATIONS_DIR,
) -> None:
    """Build a spaCy DocBin (blank zh, char segmenter) from the raw seeds and their entities."""
    from pipeline.annotations.docbin import DocBinError, export_docbin as run

    try:
        n_docs, n_spans, misaligned = run(seeds, out, annotations)
    except DocBinError as exc:
        _fail(exc)
    console.print(f"wrote {n_docs} doc(s), {n_spans} span(s) to {out}; {len(misaligned)} misaligned")
    for stem, start, end, label in misaligned:
        err.print(f"[yellow]misaligned:[/yellow] {stem} [{start}, {end}) {label}", highlight=False)


if __name__ == "__main__":
    app()
