"""A self-contained HTML report of one run folder: summary, articles with highlighted entities,
officials, metrics, a chart of figures and a timeline of posts.

    python -m pipeline.report --output out [--html out/report.html]
"""

from pipeline.report.build import build_report, render_report

__all__ = ["build_report", "render_report"]
