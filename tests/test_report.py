"""The HTML report: built from a real run on data/sample (and copies of it) and loaded in Debian's
Chromium (headless) through playwright.

Chromium is required, never skipped: `apt-get install chromium` (CI's .ci/run installs it)."""

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import UsageError
from pipeline.report import build_report, render_report
from pipeline.report.data import load_run
from pipeline.report.highlight import LABEL_COLORS
from pipeline.report.scale import replicate_run
from pipeline.report.site import MARKER, Site

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# An invented official of data/sample (区政协副主席孙若兰) and an invented reporter (记者宋佳怡).
SAMPLE_OFFICIAL = "孙若兰"
SAMPLE_REPORTER = "宋佳怡"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
COPIES = 40  # copies of the sample run for the index's pages and the dated timeline (120 documents)


def extract_args(output: Path, pages: Path = SAMPLE) -> list[str]:
    """`pipeline extract` on `pages`; the rules-only NER when no trained model is shipped yet."""
    args = [sys.executable, "-m", "pipeline", "extract", "--input", str(pages), "--output", str(output), "--quiet"]
    if not (REPO / "models" / "ner").exists() and not (REPO / "models" / "crf_ner").exists():
        args += ["--set", "ner.layers=[rules]"]
    return args


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("run") / "out"
    subprocess.run(extract_args(output), cwd=REPO, check=True)
    return output


@pytest.fixture(scope="module")
def report_file(run_dir: Path) -> Path:
    """The report written by the CLI, as `make report` does."""
    html = run_dir.parent / "report.html"
    subprocess.run([sys.executable, "-m", "pipeline.report", "--output", str(run_dir), "--html", str(html)], cwd=REPO, check=True)
    return html


@pytest.fixture(scope="module")
def copies_report(run_dir: Path, tmp_path_factory) -> Path:
    """The report of COPIES copies of the sample run (each copy's dates a day later)."""
    run = tmp_path_factory.mktemp("copies") / "out"
    replicate_run(run_dir, run, COPIES)
    return build_report(run)


@pytest.fixture(scope="module")
def tables(run_dir: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(run_dir / name) for name in ("documents", "articles", "entities", "officials", "metrics", "places")}


def site_files(index: Path) -> list[Path]:
    return [index, *sorted(Site(index).folder.rglob("*.html")), *sorted(Site(index).folder.rglob("*.js"))]


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the report is tested in Debian's Chromium; run `apt-get install chromium`", pytrace=False)


class BrowserPage:
    """A report page loaded in headless Chromium, with every console error, page error and request recorded."""

    def __init__(self, chromium, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = chromium.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url, wait_until="load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def duplicate_ids(self) -> int:
        return self.page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }")

    def assert_clean(self, site: Path | None = None) -> None:
        """No error, no dialog, no duplicate id, and nothing requested but the page itself and files
        of the report's folder `site` (default: the page's own folder)."""
        assert self.errors == [] and self.dialogs == []
        root = (site or Path(self.page.url.split("#")[0].removeprefix("file://")).parent).resolve().as_uri() + "/"
        assert self.requests[0] == self.url and all(r.startswith(root) for r in self.requests), f"unexpected requests: {self.requests}"
        assert self.duplicate_ids() == 0

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by playwright (its Python wheel bundles the driver; no download)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def open_page(chromium):
    pages = []

    def opener(path: Path) -> BrowserPage:
        pages.append(BrowserPage(chromium, path))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


def sorted_paths(per_copy: int) -> list[str]:
    """The copies' paths in natural order (copy-00001/… before copy-00010/…; sample names sorted)."""
    names = sorted(p.name for p in SAMPLE.iterdir())[:per_copy]
    return [f"copy-{k:05d}/{name}" for k in range(1, COPIES + 1) for name in names]


def document_page(index: Path, path: str) -> Path:
    return index.parent / Site(index).document(path)


# --- the files -------------------------------------------------------------------------------


def test_cli_writes_index_and_pages(run_dir: Path, tables: dict[str, pd.DataFrame]):
    written = build_report(run_dir)
    assert written == run_dir / "report.html" and written.stat().st_size > 0
    folder = run_dir / "report"
    ok = tables["documents"][tables["documents"]["status"] == "ok"]
    assert len(list((folder / "docs").glob("*.html"))) == len(ok)
    assert (folder / "timeline.html").is_file() and (folder / "figures.html").is_file()
    assert (folder / MARKER).is_file()


def test_every_page_is_self_contained(report_file: Path):
    for path in site_files(report_file):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://", page), f"{path.name} references a URL"
        if path.suffix == ".html":
            assert not re.search(r"<(link|img|iframe)\b", page) and "<style>" in page
            for source in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page):  # only the report's own files
                assert ":" not in source and (path.parent / source).resolve().is_relative_to(report_file.parent.resolve())
                assert (path.parent / source).is_file()


def test_numbers_in_chinese_convention(report_file: Path, tables: dict[str, pd.DataFrame]):
    pages = "".join(p.read_text(encoding="utf-8") for p in site_files(report_file))
    assert not re.search(r"\d\.?\d*e[+-]\d", pages), "scientific notation in the report"
    assert "8.5亿美元" in pages and "5.1亿美元" in pages  # invented figures of data/sample


def test_rebuild_replaces_pages_and_refuses_foreign_folder(run_dir: Path, tmp_path: Path):
    index = tmp_path / "site" / "index.html"
    build_report(run_dir, index)
    stale = index.parent / "index" / "docs" / "stale.html"
    stale.write_text("old", encoding="utf-8")
    build_report(run_dir, index)
    assert not stale.exists()
    foreign = tmp_path / "mine.html"
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(UsageError, match="not a difang report folder"):
        build_report(run_dir, foreign)
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_cli_refuses_folder_without_manifest(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "pipeline.report", "--output", str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "manifest.json" in result.stderr


def test_untrusted_text_is_escaped_everywhere(run_dir: Path):
    data = load_run(run_dir)
    data.tables["articles"].loc[0, ["title", "kicker", "byline"]] = HOSTILE
    data.tables["officials"].loc[0, ["person", "post", "evidence"]] = HOSTILE
    data.tables["metrics"].loc[0, ["metric", "value_text", "evidence"]] = HOSTILE
    data.tables["documents"].loc[0, "path"] = HOSTILE
    pages = render_report(data)
    for name, page in pages.items():
        assert "<script>alert" not in page and "<img" not in page, name
        assert page.count("</script>") == page.count("<script"), f"{name}: a text closed a script element"
    assert any("&lt;script&gt;alert" in page for page in pages.values())


def test_missing_tables_read_as_empty(tmp_path: Path):
    partial = tmp_path / "partial"
    subprocess.run(extract_args(partial) + ["--to-stage", "segment"], cwd=REPO, check=True)
    pages = render_report(load_run(partial))
    assert "No figures in this run" in pages["report/figures.html"]
    assert "No officials in this run" in pages["report/timeline.html"]


def test_index_stays_small_per_document(copies_report: Path):
    """The bar is an index under 2 MB at 1,000 pages: the index grows by one short row a document
    (article lists in articles.js, articles in the document pages). `make bench-report` measures the
    1,000-page run itself."""
    documents = len(pd.read_parquet(copies_report.parent / "documents", columns=["doc_id"]))
    assert copies_report.stat().st_size / documents < 500
    assert len(list(Site(copies_report).folder.glob("docs/*.html"))) == documents


# --- in Chromium -----------------------------------------------------------------------------


def test_index_renders_and_counts_match(open_page, report_file: Path, tables: dict[str, pd.DataFrame], tmp_path: Path):
    browser = open_page(report_file)
    shot = tmp_path / "index.png"
    browser.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    browser.assert_clean()
    page = browser.page
    statuses = tables["documents"]["status"].value_counts()
    for status in ("ok", "failed", "skipped"):
        assert page.inner_text(f"#count-documents-{status}") == str(int(statuses.get(status, 0)))
    for name in ("articles", "entities", "officials", "metrics"):
        assert page.inner_text(f"#count-{name}").replace(",", "") == str(len(tables[name]))
    for label, n in tables["entities"]["label"].value_counts().items():
        assert page.inner_text(f"#count-label-{label}").replace(",", "") == str(n)
    assert page.locator("#stages tr").count() >= 5
    assert page.locator("#docs li.art").count() == len(tables["articles"])


def test_article_page_renders_entities_highlighted(open_page, report_file: Path, tables: dict[str, pd.DataFrame], tmp_path: Path):
    """Open the sample official's article from the index search and see the name marked as PER."""
    index = open_page(report_file)
    index.page.fill("#search", SAMPLE_OFFICIAL)
    link = index.page.locator("#docs li.art a").first
    link.click()
    index.page.wait_for_load_state("load")
    marks = index.page.locator("mark.entity", has_text=SAMPLE_OFFICIAL)
    assert marks.count() >= 1
    marks.first.scroll_into_view_if_needed()
    assert marks.first.is_visible() and "PER" in marks.first.inner_text()
    color = marks.first.evaluate("e => getComputedStyle(e).backgroundColor")
    red, green, blue = (int(LABEL_COLORS["PER"][i : i + 2], 16) for i in (1, 3, 5))
    assert color == f"rgb({red}, {green}, {blue})"
    shot = tmp_path / "article.png"
    index.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert index.errors == [] and index.dialogs == []


def test_article_page_shows_every_article_with_officials_and_figures(open_page, report_file: Path, tables: dict[str, pd.DataFrame]):
    documents = tables["documents"][tables["documents"]["status"] == "ok"]
    for doc in documents.itertuples():
        browser = open_page(document_page(report_file, doc.path))
        browser.assert_clean()
        page = browser.page
        articles = tables["articles"][tables["articles"]["doc_id"] == doc.doc_id]
        assert page.locator("main article").count() == len(articles)
        assert doc.path in page.inner_text("h1")
        for article_id, officials in tables["officials"][tables["officials"]["doc_id"] == doc.doc_id].groupby("article_id"):
            assert page.locator(f'article[data-article-id="{article_id}"] table.officials tr').count() == len(officials) + 1
        for article_id, metrics in tables["metrics"][tables["metrics"]["doc_id"] == doc.doc_id].groupby("article_id"):
            assert page.locator(f'article[data-article-id="{article_id}"] table.metrics tr').count() == len(metrics) + 1
        # places once per (as written, division), each with its adcode when it has one
        for article_id, places in tables["places"][tables["places"]["doc_id"] == doc.doc_id].groupby("article_id"):
            table = page.locator(f'article[data-article-id="{article_id}"] table.places')
            assert table.locator("tr").count() == len(places.drop_duplicates(["text", "name", "adcode"])) + 1
            for adcode in places["adcode"].dropna():
                assert adcode in table.inner_text()


def test_index_search_natural_order_and_pages(open_page, copies_report: Path, tables: dict[str, pd.DataFrame]):
    browser = open_page(copies_report)
    browser.assert_clean()
    page = browser.page
    paths = page.locator("#docs li.doc .path").all_inner_texts()
    assert len(paths) == 50  # one page of the list
    per_copy = len(tables["documents"])
    folders = [p.split("/")[0] for p in paths]
    assert folders[: 2 * per_copy] == ["copy-00001"] * per_copy + ["copy-00002"] * per_copy
    assert folders.index("copy-00010") > folders.index("copy-00009")  # natural: 2, 9, 10, not 1, 10, 11
    assert f"page 1 of {-(-per_copy * COPIES // 50)}" in page.inner_text("#search-status")
    page.click("#next")
    assert page.locator("#docs li.doc .path").first.inner_text() == sorted_paths(per_copy)[50]
    page.fill("#search", SAMPLE_OFFICIAL)
    officials = tables["officials"]
    with_official = officials[officials["person"] == SAMPLE_OFFICIAL]
    status = page.inner_text("#search-status")
    assert status.startswith(f"{with_official['doc_id'].nunique() * COPIES} documents, {with_official['article_id'].nunique() * COPIES} articles match")
    page.fill("#search", "no such text anywhere")
    assert page.locator("#docs li.doc").count() == 0
    assert browser.errors == []


def test_timeline_renders_posts_by_date(open_page, copies_report: Path, tmp_path: Path):
    browser = open_page(Site(copies_report).folder / "timeline.html")
    browser.assert_clean()
    page = browser.page
    shot = tmp_path / "timeline.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    rows = page.locator("svg g.post-row")
    assert rows.count() >= 1
    # The copies' dates run a day apart: dots of a row go left to right in date order, days a few
    # pixels apart sharing a dot, every mention counted in the dots' tooltips.
    first = rows.first
    xs = [float(x) for x in first.locator("circle.dot").evaluate_all("cs => cs.map(c => c.getAttribute('cx'))")]
    assert len(xs) >= 2 and xs == sorted(xs) and all(b - a >= 4 for a, b in zip(xs, xs[1:]))
    tips = first.locator("circle.dot title").all_text_contents()
    undated = first.locator("text.value").all_text_contents()
    mentions = sum(int(re.search(r": (\d+) mention", t).group(1)) for t in tips) + sum(int(u.lstrip("+")) for u in undated)
    assert f"{mentions} mention(s)" in first.locator("title").first.text_content()
    assert page.locator("#posts tr", has_text=SAMPLE_REPORTER).count() >= 1
    first.locator("a").last.click()  # the last dot is drawn on top of its neighbours
    page.wait_for_load_state("load")
    assert page.locator("mark.entity").count() > 0  # the dot opened an article page


def test_figures_by_family_and_place(open_page, report_file: Path, tables: dict[str, pd.DataFrame]):
    browser = open_page(Site(report_file).folder / "figures.html")
    browser.assert_clean()
    page = browser.page
    totals = [int(t.replace(",", "")) for t in page.locator("#family-matrix tr.family td:nth-child(2)").all_inner_texts()]
    assert sum(totals) == len(tables["metrics"])
    trade = page.locator("#family-trade")
    assert "外贸进出口" in trade.inner_text()
    trade.locator("a").first.click()
    page.wait_for_load_state("load")
    assert "8.5亿美元" in page.inner_text("main")


def test_hostile_text_is_shown_not_run(open_page, run_dir: Path, tmp_path: Path):
    data = load_run(run_dir)
    data.tables["articles"].loc[0, ["title", "text"]] = HOSTILE
    site = Site(tmp_path / "hostile.html")
    pages = render_report(data, site)
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    index = open_page(site.index)
    index.assert_clean()
    index.page.fill("#search", "alert")
    assert HOSTILE in index.page.inner_text("#docs")
    index.page.locator("#docs li.art a").first.click()
    index.page.wait_for_load_state("load")
    assert index.dialogs == [] and index.errors == []
    assert HOSTILE in index.page.inner_text("main")


def test_failed_skipped_and_duplicate_documents(open_page, tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in SAMPLE.iterdir():
        (pages / path.name).write_bytes(path.read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    (pages / "zz_copy.txt").write_bytes((SAMPLE / "01_yunxi_markdown.txt").read_bytes())
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 8)
    output = tmp_path / "out"
    subprocess.run(extract_args(output, pages), cwd=REPO, check=True)
    html = build_report(output)
    documents = pd.read_parquet(output / "documents")
    browser = open_page(html)
    browser.assert_clean()
    failures = browser.page.inner_text("#failures")
    for doc in documents[documents["status"] != "ok"].itertuples():
        assert doc.path in failures and doc.error in failures
    assert browser.page.locator("#docs li.art").count() == len(pd.read_parquet(output / "articles"))
