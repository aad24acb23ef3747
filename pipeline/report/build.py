"""Assemble the report: view models from the run's tables, rendered through the Jinja2 template."""

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from pipeline.report.charts import metric_bar_chart, post_spans, posts_timeline
from pipeline.report.data import RunData, load_run
from pipeline.report.highlight import LABEL_COLORS, highlight
from pipeline.report.summary import run_summary
from pipeline.report.template import REPORT_TEMPLATE

OFFICIAL_COLUMNS = ["person", "post", "post_org", "post_level", "post_role", "qualifier", "from_byline", "date", "evidence"]
METRIC_COLUMNS = ["metric", "value_text", "value_norm", "base_unit", "value_kind", "qualifier", "period", "subject", "evidence"]


@dataclass
class ArticleView:
    """What the report shows for one article."""

    number: int
    anchor: str
    row: dict
    path: str
    doc_anchor: str
    text_html: Markup
    problems: list[str]
    officials: list[dict]
    metrics: list[dict]
    label_counts: dict[str, int] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        return self.row.get("title") or self.row.get("kicker") or f"(untitled {self.row.get('kind') or 'article'})"


def anchor(prefix: str, key: str) -> str:
    """An id attribute value for a table key (ids contain ':', which is fine in HTML ids)."""
    return f"{prefix}-{key}"


def clean_value(value):
    """Nulls as empty strings, numpy arrays as lists: values ready for the template."""
    if value is None:
        return ""
    if hasattr(value, "tolist") and not isinstance(value, str):
        return value.tolist()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return value


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """Rows of `frame` (only `columns` when given) as template-ready dicts."""
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    return [{k: clean_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def ordered_articles(data: RunData) -> pd.DataFrame:
    """Articles in report order: by date (undated last), then document path and sequence."""
    documents = data["documents"]
    # A duplicate file shares the doc_id of its original; articles belong to the ok one.
    paths = documents[documents["status"] == "ok"][["doc_id", "path"]].drop_duplicates("doc_id")
    articles = data["articles"].merge(paths, on="doc_id", how="left")
    articles["path"] = articles["path"].fillna("")
    return articles.sort_values(["date", "path", "seq"], na_position="last", kind="stable").reset_index(drop=True)


def document_anchors(documents: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """Row anchors of the documents table by path and by doc_id. A duplicate file shares its
    doc_id with the original, so rows are numbered and a doc_id points to its ok row."""
    by_path, by_doc = {}, {}
    for i, doc in enumerate(documents.itertuples()):
        by_path[doc.path] = anchor("doc", str(i))
        if doc.doc_id not in by_doc or doc.status == "ok":
            by_doc[doc.doc_id] = by_path[doc.path]
    return by_path, by_doc


def article_views(data: RunData, articles: pd.DataFrame) -> list[ArticleView]:
    """One view per article, with its highlighted text and its officials and metrics."""
    _, doc_anchors = document_anchors(data["documents"])
    entities = data["entities"].groupby("article_id")
    officials = data["officials"].groupby("article_id")
    metrics = data["metrics"].groupby("article_id")
    empty = {name: data[name].iloc[0:0] for name in ("entities", "officials", "metrics")}
    views = []
    for number, row in enumerate(records(articles), start=1):
        article_id = row["article_id"]
        ents = entities.get_group(article_id) if article_id in entities.groups else empty["entities"]
        text_html, problems = highlight(row["text"] or "", ents)
        views.append(
            ArticleView(
                number=number,
                anchor=anchor("article", article_id),
                row=row,
                path=row["path"],
                doc_anchor=doc_anchors.get(row["doc_id"], ""),
                text_html=text_html,
                problems=problems,
                officials=records(officials.get_group(article_id) if article_id in officials.groups else empty["officials"], OFFICIAL_COLUMNS),
                metrics=records(metrics.get_group(article_id) if article_id in metrics.groups else empty["metrics"], METRIC_COLUMNS),
                label_counts={str(k): int(v) for k, v in ents["label"].value_counts().items()},
            )
        )
    return views


def document_views(data: RunData, views: list[ArticleView]) -> list[dict]:
    """Documents with their status and the articles cut from them."""
    root = Path(data.manifest.get("input", {}).get("root", ""))
    by_path, _ = document_anchors(data["documents"])
    rows = []
    for doc in records(data["documents"], ["doc_id", "path", "status", "error", "warning", "encoding", "n_chars", "n_bytes", "duplicate_of"]):
        source = root / doc["path"]
        rows.append(
            {
                **doc,
                "anchor": by_path[doc["path"]],
                "source_uri": source.resolve().as_uri() if doc["path"] and source.is_file() else "",
                "articles": [v for v in views if v.row["doc_id"] == doc["doc_id"]] if doc["status"] == "ok" else [],
            }
        )
    return rows


def figures_table(data: RunData) -> pd.DataFrame:
    """The figures table when the run has one (with a metric column), else the metrics table."""
    figures = data.optional.get("figures")
    if figures is not None and "metric" in figures.columns:
        metrics = data["metrics"][["metric_id", "value_kind"]]
        return figures.merge(metrics, on="metric_id", how="left") if "metric_id" in figures.columns else figures
    return data["metrics"]


def report_context(data: RunData, top_metrics: int = 20) -> dict:
    """Everything the template needs."""
    articles = ordered_articles(data)
    views = article_views(data, articles)
    order = {v.row["article_id"]: v.number for v in views}
    anchors = {v.row["article_id"]: v.anchor for v in views}
    spans = post_spans(data["officials"], order)
    return {
        "output": str(data.output),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": run_summary(data),
        "articles": views,
        "documents": document_views(data, views),
        "doc_anchors": document_anchors(data["documents"])[0],
        "label_colors": LABEL_COLORS,
        "figures_chart": metric_bar_chart(figures_table(data), top_metrics),
        "figures_source": "figures" if "figures" in data.optional else "metrics",
        "top_metrics": top_metrics,
        "timeline": posts_timeline(spans, len(views), anchors),
        "post_spans": spans,
        "anchors": anchors,
        "order": order,
        "problem_count": sum(len(v.problems) for v in views),
    }


def render_report(data: RunData, top_metrics: int = 20) -> str:
    """The report of `data` as one HTML string."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    return env.from_string(REPORT_TEMPLATE).render(**report_context(data, top_metrics))


def build_report(output: Path, html: Path | None = None, top_metrics: int = 20) -> Path:
    """Read the run folder `output` and write its report (default OUTPUT/report.html)."""
    output = Path(output)
    target = Path(html) if html is not None else output / "report.html"
    page = render_report(load_run(output), top_metrics)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target
