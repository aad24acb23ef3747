"""segment stage: clean pages → articles (one row per article, kicker/title/byline/date/offsets).

The rules live in `pipeline.segmentation`; this module only maps tables to and from them.
"""

import datetime as dt

import pandas as pd
from pydantic import Field

from pipeline.configbase import StageConfig
from pipeline.schemas import ARTICLES
from pipeline.segmentation.page import segment_text

IMPLEMENTED = True
VERSION = "2"


class SegmentConfig(StageConfig):
    page_date: dt.date | None = Field(
        None,
        description="Publication date of the pages; resolves datelines without a year (7月20日). "
        "Unset: a date printed in the page's masthead, else such datelines get no date.",
    )


def segment(pages: pd.DataFrame, config: SegmentConfig) -> pd.DataFrame:
    """Split each clean page into articles (columns of schemas.ARTICLES, page order)."""
    rows: list[dict] = []
    for page in pages.itertuples(index=False):
        markers = list(page.markers) if page.markers is not None else []
        offsets = list(page.offsets) if page.offsets is not None else None
        rows += segment_text(page.doc_id, page.text or "", offsets, markers, config.page_date)
    if not rows:
        return ARTICLES.empty_table().to_pandas()
    return pd.DataFrame(rows, columns=ARTICLES.names)
