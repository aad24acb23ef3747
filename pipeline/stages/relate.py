"""relate stage: articles + entities → officials, metrics. (Not implemented yet: empty tables.)"""

import pandas as pd

from pipeline.configbase import StageConfig
from pipeline.schemas import METRICS, OFFICIALS

IMPLEMENTED = False


class RelateConfig(StageConfig):
    pass


def relate(articles: pd.DataFrame, entities: pd.DataFrame, config: RelateConfig) -> dict[str, pd.DataFrame]:
    """Pair officials with posts and metrics with values."""
    return {"officials": OFFICIALS.empty_table().to_pandas(), "metrics": METRICS.empty_table().to_pandas()}
