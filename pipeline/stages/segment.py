"""segment stage: clean pages → articles (one row per article, kicker/title/byline/date/offsets).

The rules live in `pipeline.segmentation`; this module only maps tables to and from them.
"""

import datetime as dt

import pandas as pd

from pipeline.config import SegmentConfig
from pipeline.schemas import ARTICLES
from pipeline.segmentation.page import segment_text

IMPLEMENTED = True
VERSION = "2"


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
