"""Inline SVG pieces shared by the report's charts. Every text that comes from a table goes
through `html.escape`."""

import html

from markupsafe import Markup

from pipeline.report.numbers import count

ROW_HEIGHT = 22
BAR_LABEL_WIDTH = 200
BAR_WIDTH = 520
BAR_COLOR = "#5b8db8"


def svg_text(x: float, y: float, content: str, anchor: str = "start", css: str = "") -> str:
    """An SVG <text> element with escaped content."""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css}">{html.escape(content)}</text>'


def svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    """An inline <svg class="chart"> of the given size, titled for screen readers and tooltips."""
    return Markup(
        f'<svg class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">'
        f"<title>{html.escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(items: list[tuple[str, int, str]], title: str) -> Markup:
    """Horizontal bars, one per (label, value, href) in the given order; a bar links to href."""
    if not items:
        return Markup('<p class="empty">Nothing to chart.</p>')
    most = max(max(n for _, n, _ in items), 1)
    body = []
    for i, (label, n, href) in enumerate(items):
        y = 6 + i * ROW_HEIGHT
        width = max(2.0, BAR_WIDTH * n / most)
        body.append(
            f'<a href="{html.escape(href)}"><g class="bar"><title>{html.escape(f"{label}: {count(n)}")}</title>'
            + svg_text(BAR_LABEL_WIDTH - 8, y + 15, label, "end", "label")
            + f'<rect x="{BAR_LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{ROW_HEIGHT - 6}" fill="{BAR_COLOR}"></rect>'
            + svg_text(BAR_LABEL_WIDTH + width + 5, y + 15, count(n), "start", "value")
            + "</g></a>"
        )
    return svg(BAR_LABEL_WIDTH + BAR_WIDTH + 70, ROW_HEIGHT * len(items) + 12, title, body)
