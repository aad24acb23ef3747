"""Command line of the report: reads a run folder, writes one HTML file."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.errors import DifangError

app = typer.Typer(add_completion=False, help="Write the HTML report of a difang run folder: an index page and a folder of pages beside it.")
console = Console(stderr=True)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="Run folder written by `python -m pipeline extract`.")] = Path("out"),
    html: Annotated[Path | None, typer.Option("--html", help="Index page to write (default OUTPUT/report.html); its pages go in the folder of the same name beside it.")] = None,
) -> None:
    """Write OUTPUT/report.html (or --html FILE) and its pages in OUTPUT/report/: no external resources."""
    from pipeline.report.build import build_report

    try:
        written = build_report(output, html)
    except DifangError as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    console.print(f"report: {written}", highlight=False)
