"""Assemble the report: view models from the run's tables, rendered page by page and written as a
small site. The index (`OUTPUT/report.html`) holds the summary and a searchable list of documents;
a folder beside it (`OUTPUT/report/`) holds one page per document, the timeline and the figures.

Pages are rendered and written one at a time, so memory stays flat as the corpus grows; the folder is
written aside and swapped in whole, then the index is replaced atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from markupsafe import Markup

from pipeline.report import figures as figs
from pipeline.report.charts import bar_chart
from pipeline.report.data import RunData, load_run
from pipeline.report.documents import Tables, article_anchor, article_views, clean_value, heading, records
from pipeline.report.highlight import LABEL_COLORS
from pipeline.report.order import as_date, natural_key
from pipeline.report.site import Site, nav_links, relative, replace_folder
from pipeline.report.summary import run_summary
from pipeline.report.templates import render
from pipeline.report.timeline import post_rows, timeline_svg

DOCS_PER_PAGE = 50  # documents per page of the index's list
TIMELINE_ROWS = 300  # posts drawn on the timeline chart (all are in its table)
# The index's article lists (titles, dates, people: what the search reads), in the pages folder so
# the index page itself grows by a short row per document.
ARTICLES_SCRIPT = "articles.js"


def ordered_documents(data: RunData) -> list[dict]:
    """Documents in natural order of path (p_2 before p_10), numbered from 1."""
    docs = records(data["documents"])
    docs.sort(key=lambda d: natural_key(d["path"]))
    for number, doc in enumerate(docs, start=1):
        doc["number"] = number
    return docs


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
    replace_folder(site, site_pages(data, site, documents, article_lists))
    del article_lists
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(index_page(data, site, documents, entries), encoding="utf-8")
    tmp.replace(target)
    return target
