"""segment stage: clean pages → articles (one row per article, kicker/title/byline/date/offsets).

The rules live in `pipeline.segmentation`; this module only maps tables to and from them.
"""

import datetime as dt

import pandas as pd

from pipeline.config import SegmentConfig
from pipeline.schemas import ARTICLES
from pipeline.segmentation import dates
from pipeline.segmentation.page import find_page_date, segment_text


def _page_dates(page, path: str | None, first_start: int, config: SegmentConfig) -> list[tuple[dt.date, str]]:
    """(date, source) of the whole page, most trusted first: 发布时间 in the page's chrome or before
    its first article, the masthead (chrome, text before the first article, or a first line like
    某某报 2024年1月16日 第2版: segmentation.masthead, the detector clean drops it by), the file's path, the folder's and the run's configured hint."""
    markers = list(page.markers) if page.markers is not None else []
    chrome = [m["text"] for m in markers if m["kind"] == "chrome"]
    # A masthead's bare date line is no 发布时间 line: it dates the page as its masthead.
    chrome_dates = [(text, dates.masthead_date(text)) for text in chrome]
    masthead = next((date for _, date in chrome_dates if date), None)
    web_chrome = "\n".join(text for text, date in chrome_dates if date is None)
    found = [
        (dates.find_published_date(web_chrome + "\n" + (page.text or "")[:first_start]), "published"),
        (masthead or find_page_date(page.text or "", markers, first_start) or dates.masthead_date(page.text or ""), "masthead"),
        (dates.date_in_path(path), "filename"),
        (dates.folder_hint(path, config.folder_dates), "config"),
        (config.page_date, "config"),
    ]
    return [(date, source) for date, source in found if date is not None]


def date_articles(rows: list[dict], page_dates: list[tuple[dt.date, str]]) -> list[dict]:
    """Fill `date` and `date_source` of a page's article rows: the dateline (a year-less one takes the
    year of the page's first date), else a 发布时间 line in the article, else the page's first date."""
    year_from = page_dates[0][0] if page_dates else None
    for row in rows:
        if row["date_text"] and row["date"] is None:
            row["date"] = dates.resolve_date(row["date_text"], year_from)
        row["date_source"] = "dateline" if row["date"] is not None else None
        if row["date"] is None and (published := dates.find_published_date(row["text"])):
            row["date"], row["date_source"] = published, "published"
        if row["date"] is None and page_dates:
            row["date"], row["date_source"] = page_dates[0]
    return rows


def segment(pages: pd.DataFrame, documents: pd.DataFrame, config: SegmentConfig) -> pd.DataFrame:
    """Split each clean page into articles (columns of schemas.ARTICLES, page order); `documents`
    gives each page's path, a source of dates."""
    paths = dict(zip(documents["doc_id"], documents["path"])) if len(documents) else {}
    rows: list[dict] = []
    for page in pages.itertuples(index=False):
        markers = list(page.markers) if page.markers is not None else []
        offsets = list(page.offsets) if page.offsets is not None else None
        found = segment_text(page.doc_id, page.text or "", offsets, markers)
        first_start = found[0]["page_start"] if found else 0
        rows += date_articles(found, _page_dates(page, paths.get(page.doc_id), first_start, config))
    if not rows:
        return ARTICLES.empty_table().to_pandas()
    return pd.DataFrame(rows, columns=ARTICLES.names)
