"""The HTML report of one run folder: an index page (run summary, failures, a searchable list of
documents and articles) and, in a folder beside it, one page per document with its entities
highlighted, a timeline of posts by date and the figures by metric family and place.

    python -m pipeline.report --output out [--html out/report.html]
"""

from pipeline.report.build import build_report, render_report

__all__ = ["build_report", "render_report"]
