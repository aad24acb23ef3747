"""The short summary printed at the end of a run."""

from rich.console import Console
from rich.table import Table


def print_summary(manifest: dict, console: Console) -> None:
    """Documents ok/failed, rows per table, time per stage and where the tables are."""
    docs = manifest["input"]["documents"]
    stages = manifest["stages"]
    later = sum(report["failed_documents"] for name, report in stages.items() if name != "ingest")
    console.print(
        f"[bold]difang[/bold]: {manifest['input']['files']} files → "
        + ", ".join(f"{n} {status}" for status, n in docs.items())
        + (f"; {later} failed in later stages (table failures)" if later else "")
    )
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("stage", "rows", "seconds", "failed docs", "note"):
        table.add_column(column, justify="left" if column in ("stage", "note", "rows") else "right")
    for name, report in stages.items():
        rows = ", ".join(f"{t}={n}" for t, n in report["rows"].items())
        table.add_row(name, rows, f"{report['seconds']:.2f}", str(report["failed_documents"]), _note(report))
    console.print(table)
    console.print(f"tables: {manifest['output']}/<table> (Parquet datasets), manifest: {manifest['output']}/manifest.json")


def _note(report: dict) -> str:
    if report.get("skipped"):
        return "not run (after --to-stage)"
    return "cached" if report["cached"] else ""
