"""`python -m pipeline.report --output OUTPUT [--html FILE]`."""

from pipeline.report.cli import app

app()
