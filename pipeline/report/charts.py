"""Inline SVG charts built from tables: figures per metric phrase and officials' posts over time.
Every text that comes from a table goes through `html.escape`."""

import html
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

KIND_COLORS = {"MONEY": "#e8903a", "PERCENT": "#d0649b", "QUANTITY": "#5b8db8"}
DEFAULT_COLOR = "#8a8a8a"
ROW_HEIGHT = 22
LABEL_WIDTH = 260
PLOT_WIDTH = 560


def _text(x: float, y: float, content: str, anchor: str = "start", css: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css}">{html.escape(content)}</text>'


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">'
        f"<title>{html.escape(title)}</title>{''.join(body)}</svg>"
    )


def metric_counts(figures: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """Figures per metric phrase (most first, then by name), with the commonest value kind."""
    if figures.empty:
        return pd.DataFrame(columns=["metric", "n", "kind", "values"])
    frame = figures.assign(metric=figures["metric"].fillna("(no metric)"), value_text=figures["value_text"].fillna(""))
    kind = frame["value_kind"] if "value_kind" in frame else pd.Series("", index=frame.index)
    frame = frame.assign(value_kind=kind.fillna(""))
    grouped = frame.groupby("metric", sort=False).agg(
        n=("value_text", "size"),
        kind=("value_kind", lambda s: s.mode().iloc[0] if len(s.mode()) else ""),
        values=("value_text", lambda s: "、".join(s)),
    )
    return grouped.reset_index().sort_values(["n", "metric"], ascending=[False, True], kind="stable").head(top_n)


def metric_bar_chart(figures: pd.DataFrame, top_n: int = 20) -> Markup:
    """Horizontal bars: how many figures each metric phrase has (top `top_n`); hover shows the values."""
    counts = metric_counts(figures, top_n)
    if counts.empty:
        return Markup('<p class="empty">No figures in this run.</p>')
    most = int(counts["n"].max())
    height = ROW_HEIGHT * len(counts) + 30
    body = []
    for i, row in enumerate(counts.itertuples()):
        y = 10 + i * ROW_HEIGHT
        width = max(2.0, PLOT_WIDTH * row.n / most)
        color = KIND_COLORS.get(row.kind, DEFAULT_COLOR)
        tip = f"{row.metric}: {row.n} ({row.values})"
        body.append(
            f'<g class="bar"><title>{html.escape(tip)}</title>'
            + _text(LABEL_WIDTH - 8, y + 15, row.metric, "end", "label")
            + f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{ROW_HEIGHT - 6}" fill="{color}"></rect>'
            + _text(LABEL_WIDTH + width + 5, y + 15, str(row.n), "start", "value")
            + "</g>"
        )
    legend_y = height - 8
    for j, (kind, color) in enumerate(KIND_COLORS.items()):
        x = LABEL_WIDTH + j * 110
        body.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{color}"></rect>' + _text(x + 16, legend_y, kind, "start", "legend"))
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 60, height, "Figures per metric phrase", body)


@dataclass
class PostSpan:
    """One (person, post) pair across the run: where it was first and last seen."""

    person: str
    post: str
    positions: list[int]  # article numbers (1-based, report order) stating the post
    article_ids: list[str]  # same order as positions
    first_date: str
    last_date: str
    mentions: int  # officials rows


def post_spans(officials: pd.DataFrame, article_order: dict[str, int]) -> list[PostSpan]:
    """(person, post) pairs sorted by person then first appearance, with dates where known."""
    spans = []
    frame = officials.assign(position=officials["article_id"].map(article_order).fillna(0).astype(int))
    for (person, post), group in frame.groupby(["person", "post"], sort=False, dropna=False):
        group = group.sort_values("position", kind="stable")
        dates = sorted(str(d) for d in group["date"].dropna())
        article_ids = list(dict.fromkeys(group["article_id"]))
        spans.append(
            PostSpan(
                person=str(person),
                post=str(post),
                positions=[article_order.get(a, 0) for a in article_ids],
                article_ids=article_ids,
                first_date=dates[0] if dates else "",
                last_date=dates[-1] if dates else "",
                mentions=len(group),
            )
        )
    return sorted(spans, key=lambda s: (s.person, s.positions[0] if s.positions else 0, s.post))


def posts_timeline(spans: list[PostSpan], n_articles: int, anchors: dict[str, str]) -> Markup:
    """Person × post rows over article order (the report's article numbers, which follow date
    where known); a line from first to last mention, a dot per article linking to it."""
    if not spans:
        return Markup('<p class="empty">No officials in this run.</p>')
    n = max(n_articles, 1)
    step = PLOT_WIDTH / n
    height = ROW_HEIGHT * len(spans) + 40
    body = [_text(LABEL_WIDTH + (k - 0.5) * step, 14, f"#{k}", "middle", "axis") for k in range(1, n + 1)]
    for i, span in enumerate(spans):
        y = 30 + i * ROW_HEIGHT
        xs = [LABEL_WIDTH + (p - 0.5) * step for p in span.positions]
        dates = f"{span.first_date} – {span.last_date}" if span.first_date else "no dates"
        body.append(f'<g class="post-row"><title>{html.escape(f"{span.person} {span.post}: {span.mentions} mention(s), {dates}")}</title>')
        body.append(_text(LABEL_WIDTH - 8, y + 4, f"{span.person} · {span.post}", "end", "label"))
        body.append(f'<line x1="{min(xs):.1f}" y1="{y}" x2="{max(xs):.1f}" y2="{y}" class="span"></line>')
        for x, article_id in zip(xs, span.article_ids):
            body.append(f'<a href="#{html.escape(anchors.get(article_id, ""))}"><circle cx="{x:.1f}" cy="{y}" r="5" class="dot"></circle></a>')
        body.append("</g>")
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 20, height, "Officials' posts by article", body)
