"""Where batches run: in this process, in local worker processes, or on a Dask cluster.

Every executor maps the same top-level function (`runner.execute_batch`) over picklable batch
tasks and yields results as batches finish. Workers are long-lived, so a model a stage caches
(functools.lru_cache) is loaded once per worker, not once per batch.
"""

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from pipeline.errors import UsageError


class SerialExecutor:
    """Run batches one after another in this process."""

    def map(self, function: Callable, items: Iterable) -> Iterator:
        for item in items:
            yield function(item)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """Run batches in `workers` local processes (started lazily, reused across stages)."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable, items: Iterable) -> Iterator:
        items = list(items)
        if not items:
            return
        if self._pool is None:
            # forkserver: workers do not inherit the parent's threads (progress bar) or locks.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))
        for future in as_completed([self._pool.submit(function, item) for item in items]):
            yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


class DaskExecutor:
    """Run batches on a Dask cluster: an existing scheduler at `address`, or a LocalCluster."""

    def __init__(self, address: str | None, workers: int):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
            raise UsageError("run.executor=dask needs dask[distributed] installed") from exc
        self._cluster = None
        if address:
            try:
                self.client = Client(address, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"run.dask_address={address!r}: cannot reach the Dask scheduler ({exc})") from None
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self._cluster)

    def map(self, function: Callable, items: Iterable) -> Iterator:
        from dask.distributed import as_completed as dask_completed

        items = list(items)
        if not items:
            return
        futures = self.client.map(function, items, pure=False)
        for future in dask_completed(futures):
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(run_config) -> SerialExecutor | ProcessExecutor | DaskExecutor:
    """The executor the `run` config section asks for."""
    if run_config.executor == "dask":
        return DaskExecutor(run_config.dask_address, run_config.workers)
    if run_config.workers > 1:
        return ProcessExecutor(run_config.workers)
    return SerialExecutor()
