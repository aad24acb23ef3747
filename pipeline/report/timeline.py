"""The timeline of posts: each (person, post) placed on a date axis by the dates of the articles
stating it (officials.date, else the article's date); mentions without a date are counted beside the
axis, never placed by article order."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from pipeline.report.charts import ROW_HEIGHT, svg, svg_text
from pipeline.report.order import as_date, natural_key

LABEL_WIDTH = 280
PLOT_WIDTH = 640
UNDATED_WIDTH = 90
LINKS_PER_ROW = 5  # article links listed per post in the table; the rest are counted
DOT_GAP = 4.0  # pixels: days closer than this on the axis share one dot


@dataclass
class PostRow:
    """One (person, post) pair across the run."""

    person: str
    post: str
    mentions: int  # officials rows
    dated: list[tuple[dt.date, int, str]] = field(default_factory=list)  # (date, mentions that day, href of the first)
    undated: int = 0
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (short title, href, date), first articles by date
    more_articles: int = 0

    @property
    def first(self) -> dt.date | None:
        return self.dated[0][0] if self.dated else None

    @property
    def last(self) -> dt.date | None:
        return self.dated[-1][0] if self.dated else None


def post_rows(officials: pd.DataFrame, article_dates: dict[str, dt.date | None], hrefs: dict[str, str], titles: dict[str, str] | None = None) -> list[PostRow]:
    """(person, post) pairs, dated ones by first date then person, undated ones after them. The same
    name is two people when officials carries different person_ids for it. `hrefs` and `titles`
    (article_id → link, heading) label the links to the articles."""
    titles = titles or {}
    if officials.empty:
        return []
    frame = officials.copy()
    own = frame["date"].map(as_date) if "date" in frame else pd.Series(None, index=frame.index)
    frame["when"] = [d if d is not None else article_dates.get(a) for d, a in zip(own, frame["article_id"])]
    key = "person_id" if "person_id" in frame and frame["person_id"].notna().all() else "person"
    rows = []
    for (_, post), group in frame.groupby([key, "post"], sort=False, dropna=False):
        days: dict[dt.date, list[str]] = {}
        undated = 0
        for when, article_id in zip(group["when"], group["article_id"]):
            if when is None:
                undated += 1
            else:
                days.setdefault(when, []).append(article_id)
        articles = list(dict.fromkeys([a for day in sorted(days) for a in days[day]] + list(group.loc[group["when"].isna(), "article_id"])))
        rows.append(
            PostRow(
                person=str(group["person"].iloc[0]),
                post="" if pd.isna(post) else str(post),
                mentions=len(group),
                dated=[(day, len(ids), hrefs.get(ids[0], "")) for day, ids in sorted(days.items())],
                undated=undated,
                links=[(_short(titles.get(a) or a), hrefs.get(a, ""), str(article_dates.get(a) or "undated")) for a in articles[:LINKS_PER_ROW]],
                more_articles=max(0, len(articles) - LINKS_PER_ROW),
            )
        )
    return sorted(rows, key=lambda r: (r.first is None, r.first or dt.date.min, natural_key(r.person), natural_key(r.post)))


def _short(title: str, limit: int = 12) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks: years for spans over two years, months over two months, else days (≤ 12 ticks)."""
    span = (last - first).days
    if span > 730:
        return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + (first > dt.date(first.year, 1, 1)), last.year + 1)]
    if span > 60:
        months, y, m = [], first.year, first.month
        while dt.date(y, m, 1) <= last:
            if dt.date(y, m, 1) >= first:
                months.append((dt.date(y, m, 1), f"{y}-{m:02d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        step = max(1, len(months) // 12 + (len(months) % 12 > 0))
        return months[::step]
    step = max(1, span // 10)
    return [(first + dt.timedelta(days=d), (first + dt.timedelta(days=d)).isoformat()) for d in range(0, span + 1, step)]


def _dots(dated: list[tuple[dt.date, int, str]], x, min_gap: float = DOT_GAP) -> list[tuple[dt.date, dt.date, int, str]]:
    """Days closer than `min_gap` pixels on the axis merged into one dot (first day, last day,
    mentions, href of the first), so a post mentioned on thousands of days draws a bounded row."""
    dots: list[list] = []
    for day, n, href in dated:
        if dots and x(day) - x(dots[-1][0]) < min_gap:
            dots[-1][1] = day
            dots[-1][2] += n
        else:
            dots.append([day, day, n, href])
    return [tuple(d) for d in dots]


def timeline_svg(rows: list[PostRow], max_rows: int = 300) -> Markup:
    """Dated posts on a date axis (the first `max_rows` by first date): a line from first to last
    mention, a dot per day (days a few pixels apart share one) linking to its first article (bigger
    for more mentions), and how many mentions had no date. Posts never dated are left to the table."""
    dated = [r for r in rows if r.dated][:max_rows]
    if not dated:
        return Markup('<p class="empty" id="no-dated-posts">No post has a dated mention: the articles stating posts carry no date.</p>')
    first = min(r.first for r in dated)
    last = max(r.last for r in dated)
    days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        if first == last:
            return LABEL_WIDTH + PLOT_WIDTH / 2
        return LABEL_WIDTH + 10 + (PLOT_WIDTH - 20) * (day - first).days / days

    height = ROW_HEIGHT * len(dated) + 44
    body = []
    for day, label in _ticks(first, last) if first != last else [(first, first.isoformat())]:
        body.append(f'<line class="grid" x1="{x(day):.1f}" y1="22" x2="{x(day):.1f}" y2="{height - 8}"></line>')
        body.append(svg_text(x(day), 14, label, "middle", "axis"))
    body.append(svg_text(LABEL_WIDTH + PLOT_WIDTH + UNDATED_WIDTH / 2, 14, "undated", "middle", "axis"))
    for i, row in enumerate(dated):
        y = 34 + i * ROW_HEIGHT
        tip = f"{row.person} {row.post}: {row.mentions} mention(s), {row.first} – {row.last}" + (f", {row.undated} undated" if row.undated else "")
        body.append(f'<g class="post-row"><title>{html.escape(tip)}</title>')
        body.append(svg_text(LABEL_WIDTH - 8, y + 4, f"{row.person} · {row.post}", "end", "label"))
        body.append(f'<line x1="{x(row.first):.1f}" y1="{y}" x2="{x(row.last):.1f}" y2="{y}" class="span"></line>')
        for first_day, last_day, n, href in _dots(row.dated, x):
            radius = 4 + min(4, n - 1)
            when = f"{first_day}" if first_day == last_day else f"{first_day} – {last_day}"
            body.append(
                f'<a href="{html.escape(href)}"><circle cx="{x(first_day):.1f}" cy="{y}" r="{radius}" class="dot">'
                f"<title>{html.escape(f'{when}: {n} mention(s)')}</title></circle></a>"
            )
        if row.undated:
            body.append(svg_text(LABEL_WIDTH + PLOT_WIDTH + UNDATED_WIDTH / 2, y + 4, f"+{row.undated}", "middle", "value"))
        body.append("</g>")
    return svg(LABEL_WIDTH + PLOT_WIDTH + UNDATED_WIDTH, height, "Officials' posts by date", body)
