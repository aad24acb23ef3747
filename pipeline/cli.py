"""Command line: `python -m pipeline extract …` (also installed as `difang`)."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.errors import DifangError
from pipeline.stages import STAGE_ORDER

app = typer.Typer(add_completion=False, no_args_is_help=True, help="difang: Chinese local newspapers → Parquet tables.")
console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """difang: Chinese local newspapers → Parquet tables (documents, pages, articles, entities, officials, metrics)."""


def _check_stage(value: str | None) -> str | None:
    if value is not None and value not in STAGE_ORDER:
        raise typer.BadParameter(f"unknown stage {value!r}; stages: {', '.join(STAGE_ORDER)}")
    return value


@app.command()
def extract(
    input: Annotated[Path, typer.Option("--input", "-i", help="Folder of pages (*.txt, *.md, *.html), read recursively.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Parquet tables and manifest.json (created if missing; must not be inside --input).")],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="YAML config; default configs/default.yaml.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override one config key, e.g. --set run.batch_size=32 (repeatable).")] = None,
    from_stage: Annotated[str | None, typer.Option(help=f"First stage to run ({', '.join(STAGE_ORDER)}); earlier tables are reused.", callback=_check_stage)] = None,
    to_stage: Annotated[str | None, typer.Option(help="Last stage to run.", callback=_check_stage)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summary.")] = False,
) -> None:
    """Run the pipeline over INPUT into OUTPUT. Per-document failures are recorded, not fatal."""
    from pipeline.config import load_config
    from pipeline.runner import Runner

    try:
        settings = load_config(config, set_ or [])
        if from_stage and to_stage and STAGE_ORDER.index(from_stage) > STAGE_ORDER.index(to_stage):
            raise typer.BadParameter(f"--from-stage {from_stage} comes after --to-stage {to_stage}")
        manifest = Runner(input, output, settings, quiet=quiet).run(from_stage, to_stage)
    except DifangError as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if not quiet:
        from pipeline.summary import print_summary

        print_summary(manifest, console)


def main() -> None:
    app()
