"""The HTML report: built from a real run on data/sample and loaded in Debian's Chromium (headless).

Chromium is required, never skipped: `apt-get install chromium` (CI's .ci/run installs it)."""

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.report import build_report, render_report
from pipeline.report.data import load_run
from pipeline.report.highlight import highlight

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# An invented official of data/sample (区政协副主席孙若兰) and an invented reporter (记者宋佳怡).
SAMPLE_OFFICIAL = "孙若兰"
SAMPLE_REPORTER = "宋佳怡"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def extract_args(output: Path) -> list[str]:
    """`pipeline extract` on data/sample; the rules-only NER when no trained model is shipped yet."""
    args = [sys.executable, "-m", "pipeline", "extract", "--input", str(SAMPLE), "--output", str(output), "--quiet"]
    if not (REPO / "models" / "ner").exists():
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
def tables(run_dir: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(run_dir / name) for name in ("documents", "articles", "entities", "officials", "metrics")}


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the report is tested in Debian's Chromium; run `apt-get install chromium`", pytrace=False)


class BrowserPage:
    """A report loaded in headless Chromium, with every console error, page error and request recorded."""

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


@pytest.fixture(scope="module")
def browser(chromium, report_file: Path):
    page = BrowserPage(chromium, report_file)
    yield page
    page.close()


# --- the file itself -------------------------------------------------------------------------


def test_cli_writes_default_report_path(run_dir: Path):
    written = build_report(run_dir)
    assert written == run_dir / "report.html" and written.stat().st_size > 0


def test_report_is_self_contained(report_file: Path):
    page = report_file.read_text(encoding="utf-8")
    assert not re.search(r"https?://", page), "report must not reference any URL"
    assert not re.search(r"<(link|img|iframe)\b", page)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "<style>" in page and "<svg" in page


def test_cli_refuses_folder_without_manifest(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "pipeline.report", "--output", str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "manifest.json" in result.stderr


def test_highlight_escapes_text_and_checks_offsets():
    text = "<b>孙若兰</b>出席"
    entities = pd.DataFrame(
        {"start": [3, 3, 0], "end": [6, 5, 2], "label": ["PER", "PER", "ORG"], "text": ["孙若兰", "孙若", "xx"]}
    )
    html, problems = highlight(text, entities)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count('class="entity"') == 1 and "孙若兰" in html
    assert len(problems) == 2  # the overlapping span and the span whose text does not match


def test_untrusted_text_is_escaped_everywhere(run_dir: Path):
    data = load_run(run_dir)
    data.tables["articles"].loc[0, ["title", "kicker", "byline"]] = HOSTILE
    data.tables["officials"].loc[0, ["person", "post", "evidence"]] = HOSTILE
    data.tables["metrics"].loc[0, ["metric", "value_text", "evidence"]] = HOSTILE
    data.tables["documents"].loc[0, "path"] = HOSTILE
    page = render_report(data)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert" in page


def test_missing_tables_read_as_empty(run_dir: Path, tmp_path: Path):
    partial = tmp_path / "partial"
    subprocess.run(extract_args(partial) + ["--to-stage", "segment"], cwd=REPO, check=True)
    page = render_report(load_run(partial))
    assert "No figures in this run" in page and "No officials in this run" in page


# --- in Chromium -----------------------------------------------------------------------------


def test_page_loads_without_errors_or_requests(browser: BrowserPage, tmp_path_factory):
    shot = tmp_path_factory.mktemp("shots") / "report.png"
    browser.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert browser.errors == []
    assert browser.dialogs == []
    assert browser.requests == [browser.url], f"unexpected requests: {browser.requests}"
    duplicate_ids = browser.page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }")
    assert duplicate_ids == 0


def test_summary_counts_match_tables(browser: BrowserPage, tables: dict[str, pd.DataFrame]):
    page = browser.page
    statuses = tables["documents"]["status"].value_counts()
    for status in ("ok", "failed", "skipped"):
        assert page.inner_text(f"#count-documents-{status}") == str(int(statuses.get(status, 0)))
    for name in ("articles", "entities", "officials", "metrics"):
        assert page.inner_text(f"#count-{name}") == str(len(tables[name]))
    for label, n in tables["entities"]["label"].value_counts().items():
        assert page.inner_text(f"#count-label-{label}") == str(n)
    assert page.locator("#stages tr").count() >= 5


def test_sample_person_is_highlighted_as_per(browser: BrowserPage):
    marks = browser.page.locator("mark.entity", has_text=SAMPLE_OFFICIAL)
    assert marks.count() >= 1
    assert marks.first.is_visible()
    assert "PER" in marks.first.inner_text()


def test_articles_index_and_sections(browser: BrowserPage, tables: dict[str, pd.DataFrame]):
    page = browser.page
    n_articles = len(tables["articles"])
    assert page.locator("#index li.art").count() == n_articles
    assert page.locator("main article").count() == n_articles
    first = tables["articles"].iloc[0]
    section = page.locator(f'article[data-article-id="{first.article_id}"]')
    assert first.title in section.inner_text()
    path = tables["documents"].set_index("doc_id").loc[first.doc_id, "path"]
    assert path in section.inner_text()
    assert f"page offsets {first.start}–{first.end}" in section.inner_text()
    for article_id, officials in tables["officials"].groupby("article_id"):
        rows = page.locator(f'article[data-article-id="{article_id}"] table.officials tr')
        assert rows.count() == len(officials) + 1  # + header
    for article_id, metrics in tables["metrics"].groupby("article_id"):
        rows = page.locator(f'article[data-article-id="{article_id}"] table.metrics tr')
        assert rows.count() == len(metrics) + 1


def test_chart_and_timeline(browser: BrowserPage, tables: dict[str, pd.DataFrame], run_dir: Path):
    page = browser.page
    figures = run_dir / "figures"  # the registry's analyst view when the run has it, else metrics
    n_metrics = pd.read_parquet(figures if figures.exists() else run_dir / "metrics")["metric"].nunique()
    assert page.locator("#figures + section svg g.bar").count() == min(20, n_metrics)
    pairs = tables["officials"][["person", "post"]].drop_duplicates()
    assert page.locator("svg g.post-row").count() == len(pairs)
    assert page.locator("#posts tr", has_text=SAMPLE_REPORTER).count() >= 1


def test_index_filter_script(browser: BrowserPage, tables: dict[str, pd.DataFrame]):
    page = browser.page
    total = page.locator("#index li.art").count()
    page.fill("#filter", tables["articles"]["title"].dropna().iloc[0])
    shown = page.locator("#index li.art:visible").count()
    assert 0 < shown < total
    page.fill("#filter", "")
    assert page.locator("#index li.art:visible").count() == total
    assert browser.errors == []


def test_hostile_text_is_shown_not_run(chromium, run_dir: Path, tmp_path: Path):
    data = load_run(run_dir)
    data.tables["articles"].loc[0, ["title", "text"]] = HOSTILE
    hostile = tmp_path / "hostile.html"
    hostile.write_text(render_report(data), encoding="utf-8")
    page = BrowserPage(chromium, hostile)
    try:
        assert page.dialogs == [] and page.errors == []
        assert page.requests == [page.url]
        assert HOSTILE in page.page.inner_text("main")
    finally:
        page.close()


def test_failed_skipped_and_duplicate_documents(chromium, tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in SAMPLE.iterdir():
        (pages / path.name).write_bytes(path.read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    (pages / "zz_copy.txt").write_bytes((SAMPLE / "01_yunxi_markdown.txt").read_bytes())
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 8)
    output = tmp_path / "out"
    args = extract_args(output)
    args[args.index("--input") + 1] = str(pages)
    subprocess.run(args, cwd=REPO, check=True)
    html = build_report(output)
    documents = pd.read_parquet(output / "documents")
    page = BrowserPage(chromium, html)
    try:
        assert page.errors == []
        failures = page.page.inner_text("#failures")
        for doc in documents[documents["status"] != "ok"].itertuples():
            assert doc.path in failures and doc.error in failures
        assert page.page.locator("main article").count() == len(pd.read_parquet(output / "articles"))
        assert page.page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }") == 0
    finally:
        page.close()
