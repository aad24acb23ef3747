"""segment stage: clean pages → articles. (Not implemented yet: writes an empty table.)"""

import pandas as pd

from pipeline.configbase import StageConfig
from pipeline.schemas import ARTICLES

IMPLEMENTED = False


class SegmentConfig(StageConfig):
    pass


def segment(pages: pd.DataFrame, config: SegmentConfig) -> pd.DataFrame:
    """Split each clean page into articles."""
    return ARTICLES.empty_table().to_pandas()
