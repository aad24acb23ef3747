"""ner stage: articles → entities. (Not implemented yet: writes an empty table.)"""

import pandas as pd

from pipeline.configbase import StageConfig
from pipeline.schemas import ENTITIES

IMPLEMENTED = False


class NerConfig(StageConfig):
    pass


def ner(articles: pd.DataFrame, pages: pd.DataFrame, config: NerConfig) -> pd.DataFrame:
    """Find entities in each article."""
    return ENTITIES.empty_table().to_pandas()
