"""Assemble the report: view models from the run's tables, rendered page by page and written as a
small site. The index (`OUTPUT/report.html`) holds the summary and a searchable list of documents;
a folder beside it (`OUTPUT/report/`) holds one page per document, the timeline and the figures.

Pages are rendered and written one at a time, so memory stays flat as the corpus grows; the folder is
written aside and swapped in whole, then the index is replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from markupsafe import Markup

from pipeline.errors import UsageError
from pipeline.report import figures as figs
from pipeline.report.charts import bar_chart
from pipeline.report.data import RunData, load_run
from pipeline.report.highlight import LABEL_COLORS, highlight
from pipeline.report.order import as_date, natural_key
from pipeline.report.summary import run_summary
from pipeline.report.templates import render
from pipeline.report.timeline import post_rows, timeline_svg

OFFICIAL_COLUMNS = ["person", "post", "post_org", "post_place", "post_level", "post_role", "qualifier", "from_byline", "date", "evidence"]
METRIC_COLUMNS = ["metric", "value_text", "value_norm", "base_unit", "value_kind", "qualifier", "period", "subject", "evidence"]
# (label, start column, end column) of the offsets an article shows, first match per label.
ARTICLE_OFFSETS = (("page offsets", ("page_start", "page_end"), ("start", "end")), ("body", ("body_start", "body_end")), ("raw offsets", ("raw_start", "raw_end")))
DOCS_PER_PAGE = 50  # documents per page of the index's list
TIMELINE_ROWS = 300  # posts drawn on the timeline chart (all are in its table)
MARKER = ".difang-report"  # marks a pages folder as the report's, so it may be replaced
# The index's article lists (titles, dates, people: what the search reads), in the pages folder so
# the index page itself grows by a short row per document.
ARTICLES_SCRIPT = "articles.js"


def clean_value(value):
    """Nulls (None, NaN, NA) as empty strings, numpy arrays as lists: values ready for the template."""
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
    """Rows of `frame` (only `columns` when given, those present) as template-ready dicts."""
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    return [{k: clean_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


@dataclass(frozen=True)
class Site:
    """Where the report's pages go. Page names are POSIX paths relative to the index's folder: the
    index itself (`report.html`) and the pages folder named after it (`report/…`)."""

    index: Path

    @property
    def folder_name(self) -> str:
        return self.index.stem

    @property
    def folder(self) -> Path:
        return self.index.with_name(self.folder_name)

    def page(self, name: str) -> str:
        return f"{self.folder_name}/{name}"

    def document(self, path: str) -> str:
        """The page of a document: named by a digest of its path, so links stay the same across runs."""
        return self.page(f"docs/{hashlib.sha1(path.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}.html")

    def family(self, key: str) -> str:
        return self.page(f"figures/{key}.html")

    @property
    def timeline(self) -> str:
        return self.page("timeline.html")

    @property
    def figures(self) -> str:
        return self.page("figures.html")


def relative(from_page: str, target: str) -> str:
    """Link from page `from_page` to `target` (both site page names, target may carry #fragment)."""
    path, hash_, fragment = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(from_page) or ".") + hash_ + fragment


def nav_links(site: Site, from_page: str) -> dict[str, str]:
    return {
        "index": relative(from_page, site.index.name),
        "timeline": relative(from_page, site.timeline),
        "figures": relative(from_page, site.figures),
    }


def ordered_documents(data: RunData) -> list[dict]:
    """Documents in natural order of path (p_2 before p_10), numbered from 1."""
    docs = records(data["documents"])
    docs.sort(key=lambda d: natural_key(d["path"]))
    for number, doc in enumerate(docs, start=1):
        doc["number"] = number
    return docs


def article_anchor(row: dict, position: int) -> str:
    """id of an article on its document's page: its seq, else its position in the document."""
    seq = clean_value(row.get("seq"))
    return f"article-{seq if seq != '' else position}"


def heading(row: dict) -> str:
    return row.get("title") or row.get("kicker") or f"(untitled {row.get('kind') or 'article'})"


class Tables:
    """The run's per-article tables sorted by document once, so a document's page takes its own rows
    as a zero-copy Arrow slice (pandas' per-group take on Arrow strings cost most of the build)."""

    def __init__(self, data: RunData):
        self.tables: dict[str, pa.Table] = {}
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        for name in ("articles", "entities", "officials", "metrics"):
            table = pa.Table.from_pandas(data[name], preserve_index=False)
            spans = _spans(table.column("doc_id").to_pylist())
            if spans is None:  # a document's rows apart (a run keeps them together): sort, a copy
                table = table.take(pc.sort_indices(table, [("doc_id", "ascending")]))
                spans = _spans(table.column("doc_id").to_pylist())
            self.tables[name], self.spans[name] = table, spans

    def rows(self, name: str, doc_id: str, columns: list[str] | None = None) -> list[dict]:
        """Rows of table `name` for one document (only `columns` when given, those present)."""
        span = self.spans[name].get(doc_id)
        if span is None:
            return []
        table = self.tables[name].slice(*span)
        if columns is not None:
            table = table.select([c for c in [*columns, "article_id"] if c in table.column_names])
        return table.to_pylist()  # nulls are None, which the templates print as nothing

    def by_article(self, name: str, doc_id: str, columns: list[str] | None = None) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for row in self.rows(name, doc_id, columns):
            grouped.setdefault(row["article_id"], []).append(row)
        return grouped


def _spans(keys: list) -> dict[str, tuple[int, int]] | None:
    """(offset, length) of each run of equal keys; None when a key has rows in two runs."""
    spans, start = {}, 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start] in spans:
                return None
            spans[keys[start]] = (start, i - start)
            start = i
    return spans


def article_views(tables: Tables, doc_id: str) -> list[dict]:
    """The articles of one document in page order, with highlighted text, officials and figures."""
    articles = tables.rows("articles", doc_id)
    articles.sort(key=lambda a: clean_value(a.get("seq")) or 0)
    entities = tables.by_article("entities", doc_id, ["label", "text", "start", "end"])
    officials = tables.by_article("officials", doc_id, OFFICIAL_COLUMNS)
    metrics = tables.by_article("metrics", doc_id, METRIC_COLUMNS)
    views = []
    for position, row in enumerate(articles, start=1):
        article_id = row["article_id"]
        text_html, problems = highlight(row.get("text") or "", entities.get(article_id, []))
        offsets = []
        for label, *pairs in ARTICLE_OFFSETS:
            for start, end in pairs:
                if clean_value(row.get(start)) != "" and clean_value(row.get(end)) != "":
                    offsets.append((label, (row[start], row[end])))
                    break
        views.append(
            {
                "row": row,
                "anchor": article_anchor(row, position),
                "heading": heading(row),
                "text_html": text_html,
                "problems": problems,
                "offsets": offsets,
                "officials": officials.get(article_id, []),
                "metrics": metrics.get(article_id, []),
            }
        )
    return views


def article_targets(data: RunData, site: Site, documents: list[dict]) -> dict[str, str]:
    """article_id → its place in the site (document page + #anchor)."""
    pages = {d["doc_id"]: site.document(d["path"]) for d in documents if d["status"] == "ok"}
    targets = {}
    articles = data["articles"]
    if articles.empty:
        return targets
    positions = articles.groupby("doc_id", sort=False).cumcount() + 1
    for article_id, doc_id, seq, position in zip(articles["article_id"], articles["doc_id"], articles["seq"], positions):
        if doc_id in pages:
            targets[article_id] = f"{pages[doc_id]}#{article_anchor({'seq': clean_value(seq)}, position)}"
    return targets


def safe_json(value) -> Markup:
    """JSON for a <script type="application/json"> block: '<', '>' and '&' escaped, so no text in
    the data can close the script element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def index_entries(data: RunData, site: Site, documents: list[dict]) -> tuple[list, list]:
    """The index's lists, in natural order of path: documents as [path, href, status, note, first
    date, number of articles] (inline in the index), and each document's articles as [heading, date,
    anchor, people] in page order (ARTICLES_SCRIPT, loaded by the index from its pages folder)."""
    articles = data["articles"]
    people: dict[str, list[str]] = {}
    for article_id, person in zip(data["officials"]["article_id"], data["officials"]["person"]):
        if isinstance(person, str) and person not in people.setdefault(article_id, []):
            people[article_id].append(person)
    by_doc: dict[str, list] = {}
    if not articles.empty:
        columns = [c for c in ("article_id", "doc_id", "seq", "kind", "kicker", "title", "date", "date_text") if c in articles]
        rows = records(articles[columns])
        rows.sort(key=lambda a: (a["doc_id"], clean_value(a.get("seq")) or 0))
        for row in rows:
            mine = by_doc.setdefault(row["doc_id"], [])
            date = as_date(row.get("date"))
            mine.append([heading(row), date.isoformat() if date else "", article_anchor(row, len(mine) + 1), " ".join(people.get(row["article_id"], []))])
    entries, article_lists = [], []
    for doc in documents:
        ok = doc["status"] == "ok"
        arts = by_doc.get(doc["doc_id"], []) if ok else []
        dates = sorted(a[1] for a in arts if a[1])
        note = doc.get("error") or (f"duplicate of {doc['duplicate_of']}" if doc.get("duplicate_of") else "")
        entries.append([doc["path"], relative(site.index.name, site.document(doc["path"])) if ok else "", doc["status"], note, dates[0] if dates else "", len(arts)])
        article_lists.append(arts)
    return entries, article_lists


def articles_script(article_lists: list) -> str:
    """ARTICLES_SCRIPT: the index's article lists as a script setting `window.difangArticles`."""
    return f"window.difangArticles = {safe_json(article_lists)};\n"


def index_page(data: RunData, site: Site, documents: list[dict], entries: list) -> str:
    """The index page; `entries`: the document list of index_entries."""
    summary = run_summary(data)
    pages = {d["path"]: relative(site.index.name, site.document(d["path"])) for d in documents if d["status"] == "ok"}
    for failure in summary["failures"]:
        failure["href"] = pages.get(failure["path"], "")
    dated = int(data["articles"]["date"].map(as_date).notna().sum()) if len(data["articles"]) else 0
    return render(
        "index",
        page="index",
        links=nav_links(site, site.index.name),
        output=str(data.output),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        summary=summary,
        label_colors=LABEL_COLORS,
        dated_articles=dated,
        pages_folder=site.folder_name,
        index_json=safe_json({"per_page": DOCS_PER_PAGE, "docs": entries}),
        articles_script=relative(site.index.name, site.page(ARTICLES_SCRIPT)),
    )


def document_pages(data: RunData, site: Site, documents: list[dict]) -> Iterator[tuple[str, str]]:
    """(page name, html) of every ok document, in natural order, with links to its neighbours."""
    root = Path(data.manifest.get("input", {}).get("root", ""))
    tables = Tables(data)
    ok = [d for d in documents if d["status"] == "ok"]
    for i, doc in enumerate(ok):
        name = site.document(doc["path"])
        source = root / doc["path"] if doc["path"] else None
        neighbour = {
            key: {"href": relative(name, site.document(other["path"])), "path": other["path"]}
            for key, other in (("prev", ok[i - 1] if i else None), ("next", ok[i + 1] if i + 1 < len(ok) else None))
            if other is not None
        }
        doc = {**doc, "source_uri": source.resolve().as_uri() if source is not None and source.is_file() else ""}
        html = render(
            "document",
            page="document",
            links=nav_links(site, name),
            doc=doc,
            n_documents=len(documents),
            articles=article_views(tables, doc["doc_id"]),
            label_colors=LABEL_COLORS,
            prev=neighbour.get("prev"),
            next=neighbour.get("next"),
        )
        yield name, html


def _relative_all(from_page: str, targets: dict[str, str]) -> dict[str, str]:
    return {key: relative(from_page, target) for key, target in targets.items()}


def timeline_page(data: RunData, site: Site, targets: dict[str, str]) -> str:
    """The timeline page."""
    articles = data["articles"]
    article_dates = dict(zip(articles["article_id"], articles["date"].map(as_date))) if len(articles) else {}
    titles = {row["article_id"]: heading(row) for row in records(articles[[c for c in ("article_id", "title", "kicker", "kind") if c in articles]])}
    rows = post_rows(data["officials"], article_dates, _relative_all(site.timeline, targets), titles)
    return render(
        "timeline",
        page="timeline",
        links=nav_links(site, site.timeline),
        chart=timeline_svg(rows, TIMELINE_ROWS),
        rows=rows,
        n_dated=sum(1 for r in rows if r.dated),
        n_undated_mentions=sum(r.undated for r in rows),
        rows_hidden=sum(1 for r in rows if r.dated) > TIMELINE_ROWS,
        max_rows=TIMELINE_ROWS,
    )


def figures_pages(data: RunData, site: Site, targets: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The figures overview and one page per family."""
    # Family pages sit one folder below the overview; hrefs are made relative per page below.
    frame = figs.figure_table(data["metrics"], data.optional.get("places"), targets)
    matrix = figs.family_matrix(frame)
    places = figs.place_order(frame)
    family_links = {row["key"]: relative(site.figures, site.family(row["key"])) for row in matrix.rows}
    for row in matrix.rows:
        # Column j is the j-th place of place_order (its anchor on the family page); "other places" has none.
        row["links"] = [f"{family_links[row['key']]}#place-{j}" if j < matrix.shown else family_links[row["key"]] for j in range(len(row["cells"]))]
    chart = bar_chart([(r["label"], r["total"], family_links[r["key"]]) for r in matrix.rows], "Figures per metric family")
    yield site.figures, render("figures", page="figures", links=nav_links(site, site.figures), matrix=matrix, chart=chart, family_links=family_links, n_figures=len(frame))
    place_index = {place: j for j, place in enumerate(places)}
    for row in matrix.rows:
        name = site.family(row["key"])
        groups = figs.family_groups(frame, row["key"])
        for group in groups:
            for figure in group["rows"]:
                figure["href"] = relative(name, figure["href"]) if figure["href"] else ""
                figure.update({k: clean_value(figure.get(k)) for k in ("metric", "value_text", "base_unit", "qualifier", "period", "subject")})
        yield name, render("family", page="figures", links=nav_links(site, name), key=row["key"], label=row["label"], total=row["total"], groups=groups, place_index=place_index)


def site_pages(data: RunData, site: Site, documents: list[dict], article_lists: list) -> Iterator[tuple[str, str]]:
    """Every file of the report but the index, as (page name, text), one at a time."""
    targets = article_targets(data, site, documents)
    yield site.page(ARTICLES_SCRIPT), articles_script(article_lists)
    yield from document_pages(data, site, documents)
    yield site.timeline, timeline_page(data, site, targets)
    yield from figures_pages(data, site, targets)


def render_report(data: RunData, site: Site | None = None) -> dict[str, str]:
    """Every page of the report of `data` in memory: page name → html (for tests and small runs)."""
    site = site or Site(Path("report.html"))
    documents = ordered_documents(data)
    entries, article_lists = index_entries(data, site, documents)
    pages = dict(site_pages(data, site, documents, article_lists))
    pages[site.index.name] = index_page(data, site, documents, entries)
    return pages


def _replace_folder(site: Site, pages: Iterator[tuple[str, str]]) -> None:
    """Write `pages` into a fresh folder beside the old one, then swap it in."""
    folder = site.folder
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise UsageError(f"{folder} exists and is not a difang report folder; choose another --html name")
    staging = folder.with_name(f".{folder.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("pages of the difang report beside it; replaced whole by each `make report`\n", encoding="utf-8")
    prefix = f"{site.folder_name}/"
    for name, html in pages:
        target = staging / name.removeprefix(prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    retired = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if folder.exists():
        folder.rename(retired)
    staging.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)


def build_report(output: Path, html: Path | None = None) -> Path:
    """Read the run folder `output` and write its report: the index (default OUTPUT/report.html)
    and its pages folder beside it (OUTPUT/report/). Returns the index's path."""
    output = Path(output)
    target = Path(html) if html is not None else output / "report.html"
    data = load_run(output)
    site = Site(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    documents = ordered_documents(data)
    entries, article_lists = index_entries(data, site, documents)
    _replace_folder(site, site_pages(data, site, documents, article_lists))
    del article_lists
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(index_page(data, site, documents, entries), encoding="utf-8")
    tmp.replace(target)
    return target
