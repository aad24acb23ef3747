"""The command line: `difang extract | train | eval | bench | report | validate | annotate`.

`python -m pipeline …` is the same command. `extract` is defined here; every other command hands
its arguments to the command line of the layer it runs (training, evaluation, bench, report,
annotations), imported only when that command runs, so `difang --help` loads no pandas, spaCy or
torch. `difang COMMAND --help` prints that command's own options.
"""

from importlib import import_module
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.errors import DifangError
from pipeline.stages import STAGE_ORDER

app = typer.Typer(add_completion=False, no_args_is_help=True, help="difang: Chinese local newspapers → Parquet tables.")
console = Console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        from pipeline import __version__

        typer.echo(f"difang {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print difang's version and exit.")] = False,
) -> None:
    """difang: Chinese local newspapers → Parquet tables (documents, pages, articles, entities, officials, metrics)."""


def _check_stage(value: str | None) -> str | None:
    if value is not None and value not in STAGE_ORDER:
        raise typer.BadParameter(f"unknown stage {value!r}; stages: {', '.join(STAGE_ORDER)}")
    return value


@app.command()
def extract(
    input: Annotated[Path, typer.Option("--input", "-i", help="Folder of pages (*.txt, *.md, *.html, *.htm: ingest.extensions), read recursively; hidden files and folders (.git/) are left out.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Parquet tables and manifest.json (created if missing; must not be inside --input).")],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="YAML config; default configs/default.yaml.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override one config key, e.g. --set run.batch_size=32 (repeatable).")] = None,
    from_stage: Annotated[str | None, typer.Option(help=f"First stage to run ({', '.join(STAGE_ORDER)}); earlier tables are reused.", callback=_check_stage)] = None,
    to_stage: Annotated[str | None, typer.Option(help="Last stage to run.", callback=_check_stage)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summary (also quiet when stderr is not a terminal or CI is set).")] = False,
) -> None:
    """Run the pipeline over INPUT into OUTPUT. Per-document failures are recorded, not fatal."""
    from pipeline.config import load_config
    from pipeline.runner import Runner

    try:
        settings = load_config(config, set_ or [])
        if from_stage and to_stage and STAGE_ORDER.index(from_stage) > STAGE_ORDER.index(to_stage):
            raise typer.BadParameter(f"--from-stage {from_stage} comes after --to-stage {to_stage}")
        runner = Runner(input, output, settings, quiet=quiet)
        manifest = runner.run(from_stage, to_stage)
    except DifangError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    for warning in manifest["warnings"]:  # printed even with --quiet: a table the user had is gone
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)
    failed = sum(report["failed_documents"] for report in manifest["stages"].values())
    if failed:  # printed even with --quiet or in a pipe: a script must hear that pages were lost
        console.print(
            f"[yellow]warning:[/yellow] {failed} document(s) failed; see the documents table (status failed, error) "
            f"and the stage reports in {escape(str(manifest['output']))}/manifest.json",
            highlight=False,
            soft_wrap=True,
        )
    if not runner.quiet:  # --quiet, or stderr not a terminal, or CI set
        from pipeline.summary import print_summary

        print_summary(manifest, console)


# The commands below pass every argument, --help included, on to their own parser.
_HANDED_ON = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


def _typer_app(target: str, prog: str, args: list[str]) -> None:
    """Run the typer app `module:attribute` on `args`, its usage lines naming `prog` (it exits with
    its own code)."""
    module, attribute = target.split(":")
    typer.main.get_command(getattr(import_module(module), attribute)).main(args, prog_name=prog)


@app.command(context_settings=_HANDED_ON, add_help_option=False)
def train(ctx: typer.Context) -> None:
    """Train the models into models/ (CRF default NER, spaCy, HanLP, pkuseg); = make train's steps."""
    _typer_app("pipeline.training.__main__:app", ctx.command_path, ctx.args)


@app.command("eval", context_settings=_HANDED_ON, add_help_option=False)
def evaluate(ctx: typer.Context) -> None:
    """Score cleaning, segmentation, NER and relations on the seeds and the real news (= make eval)."""
    _typer_app("pipeline.evaluation.__main__:app", ctx.command_path, ctx.args)


@app.command(context_settings=_HANDED_ON, add_help_option=False)
def bench(ctx: typer.Context) -> None:
    """Benchmark chars/s per stage and peak memory on a scaled corpus, next to the peer LAC (= make bench)."""
    _typer_app("pipeline.bench.cli:app", ctx.command_path, ctx.args)


@app.command(context_settings=_HANDED_ON, add_help_option=False)
def report(ctx: typer.Context) -> None:
    """Write a self-contained HTML report of a run folder (= make report)."""
    _typer_app("pipeline.report.cli:app", ctx.command_path, ctx.args)


@app.command(context_settings=_HANDED_ON, add_help_option=False)
def validate(ctx: typer.Context) -> None:
    """Check the stand-off seed annotations against the seeds and count labels (= make validate-annotations)."""
    _typer_app("pipeline.annotations.__main__:app", ctx.parent.command_path, ["validate", *ctx.args])


@app.command(context_settings=_HANDED_ON, add_help_option=False)
def annotate(ctx: typer.Context) -> None:
    """Annotation tools: Label Studio export/import, spaCy DocBin export, validate."""
    _typer_app("pipeline.annotations.__main__:app", ctx.command_path, ctx.args)


def main() -> None:
    app()
