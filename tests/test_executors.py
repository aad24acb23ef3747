"""The same stages give the same rows whichever executor runs them."""

import pandas as pd
import pytest

from pipeline.config import load_config
from pipeline.runner import Runner
from pipeline.schemas import SORT_KEYS, TABLES


def run_tables(seeds_dir, output, *overrides) -> dict[str, pd.DataFrame]:
    Runner(seeds_dir, output, load_config(overrides=["run.batch_size=2", *overrides]), quiet=True).run()
    tables = {}
    for name in TABLES:
        frame = pd.read_parquet(output / name)
        tables[name] = frame.sort_values(SORT_KEYS[name]).reset_index(drop=True)
    return tables


@pytest.fixture(scope="module")
def serial(seeds_dir, tmp_path_factory):
    return run_tables(seeds_dir, tmp_path_factory.mktemp("serial"))


@pytest.mark.parametrize("overrides", [("run.workers=2",), ("run.executor=dask", "run.workers=2")], ids=["local-2-processes", "dask-localcluster-2-workers"])
def test_executors_give_identical_tables(seeds_dir, tmp_path, serial, overrides):
    parallel = run_tables(seeds_dir, tmp_path / "out", *overrides)
    for name in TABLES:
        pd.testing.assert_frame_equal(parallel[name], serial[name], check_like=False, obj=name)
    assert len(serial["pages"]) == 5


def test_unreachable_dask_scheduler_is_a_clear_error(seeds_dir, tmp_path):
    from pipeline.errors import UsageError

    with pytest.raises(UsageError, match="dask_address"):
        Runner(seeds_dir, tmp_path / "o", load_config(overrides=["run.executor=dask", "run.dask_address=tcp://127.0.0.1:9"]), quiet=True).run()


def test_a_stage_freezes_what_it_loaded_once_per_process(monkeypatch):
    import gc

    from pipeline import runner

    monkeypatch.setattr(runner, "_FROZEN", set())
    gc.unfreeze()
    kept = [[n] for n in range(1000)]  # long-lived, as a loaded model's objects are
    runner._freeze_after_first_batch("ner")
    frozen = gc.get_freeze_count()
    assert frozen >= len(kept)
    [[n] for n in range(1000)]
    runner._freeze_after_first_batch("ner")  # later batches of the stage freeze nothing more
    assert gc.get_freeze_count() == frozen
    gc.unfreeze()
