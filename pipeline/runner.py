"""The runner: lists inputs, runs stages batch by batch, caches, resumes, records failures, writes the manifest.

Layout of a run folder:
  OUTPUT/<table>            symlink to the current generation of each table (what readers use)
  OUTPUT/.data/<table>-<fp> part files of one generation; <fp> fingerprints the stage's inputs + config
  OUTPUT/manifest.json      counts, timings, versions, config of the last run

A stage's fingerprint chains its config section, model ids, the content of its code, data files
and model files (pipeline/fingerprints.py) and its inputs' fingerprints. Published outputs with the
same fingerprint are reused (cache); an unpublished generation folder with the same fingerprint holds the parts of an interrupted run (resume).
"""

import gc
import hashlib
import json
import os
import platform
import shutil
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from pipeline import __version__, fingerprints, io
from pipeline.config import PipelineConfig, stable_hash
from pipeline.executors import make_executor
from pipeline.errors import UsageError
from pipeline.schemas import SCHEMA_VERSION, SORT_KEYS, TABLES
from pipeline.stages import STAGE_ORDER, STAGES, Stage
from pipeline.stages.ingest import InputFile, ingest, page_suffix, too_large

FAILURES = "failures"
MANIFEST = "manifest.json"


@dataclass
class StageReport:
    cached: bool = False  # outputs reused: unchanged since the last run, or before --from-stage
    skipped: bool = False  # after --to-stage: not run; its tables are kept only if still current
    unpublished: list[str] = field(default_factory=list)  # skipped, and its tables were stale (made from other inputs): removed
    resumed_batches: int = 0
    batches: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    failed_documents: int = 0
    fingerprint: str = ""


def check_paths(input_root: Path, output: Path) -> None:
    """Refuse unusable paths before doing any work."""
    if not input_root.exists():
        raise UsageError(f"input folder {input_root} does not exist")
    if not input_root.is_dir():
        raise UsageError(f"input {input_root} is not a folder")
    if not os.access(input_root, os.R_OK | os.X_OK):
        raise UsageError(f"input folder {input_root} is not readable")
    inp, out = input_root.resolve(), output.resolve()
    if out == inp or inp in out.parents:
        raise UsageError(f"output {output} is inside the input folder {input_root}; choose a folder outside it")


def written_names() -> list[str]:
    """Every name a run may create directly in the output folder."""
    failure_links = [f".{FAILURES}.{name}" for name in STAGE_ORDER]
    return [io.DATA_DIR, MANIFEST, *TABLES, *failure_links]


def check_output(output: Path) -> None:
    """Refuse an output folder difang must not write into, before anything is written: a file, a
    non-empty folder that is not a difang output (no manifest.json written by difang, no .data/), or
    a difang output where a name a run writes (a table link, manifest.json, .data) is taken by
    something difang did not write."""
    if output.is_symlink() and not output.exists():
        raise UsageError(f"output {output} is a broken symlink")
    if not output.exists():
        return
    if not output.is_dir():
        raise UsageError(f"output {output} is a file, not a folder")
    if not os.access(output, os.W_OK | os.X_OK):
        raise UsageError(f"output folder {output} is not writable")
    if not any(output.iterdir()):
        return
    if not _is_difang_output(output):
        raise UsageError(
            f"output folder {output} is not empty and holds no difang output (no manifest.json from difang, no {io.DATA_DIR}/); "
            "choose a new or empty folder"
        )
    data = (output / io.DATA_DIR).resolve()
    for name in written_names():
        path = output / name
        if name == io.DATA_DIR:
            taken = path.exists() and not path.is_dir()
        elif name == MANIFEST:
            taken = path.exists() and not path.is_file()
        elif path.is_symlink():
            taken = data not in (output / os.readlink(path)).resolve().parents
        else:
            taken = path.exists()
        if taken:
            raise UsageError(f"output folder {output}: {name!r} is not something difang wrote, and a run would replace it; move it or choose another folder")


def _is_difang_output(output: Path) -> bool:
    if (output / io.DATA_DIR).is_dir():
        return True
    try:
        return "difang_version" in json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return False


def create_output(output: Path) -> None:
    """Create the output folder (after every check has passed)."""
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"output folder {output} cannot be created: {exc.strerror}") from None
    if not os.access(output, os.W_OK):
        raise UsageError(f"output folder {output} is not writable")


def _display_path(path: Path, root: Path) -> str:
    """Relative POSIX path; bytes that are not UTF-8 in a file name are shown as \\xNN escapes."""
    relative = path.relative_to(root).as_posix()
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_hidden(name: str) -> bool:
    """A hidden file or folder name ('.git', '.DS_Store', '.page.txt.swp'): never an input page."""
    return name.startswith(".")


def list_inputs(root: Path) -> list[tuple[str, Path]]:
    """Every file under `root` as (relative POSIX path, path), sorted. Folder symlinks are listed
    (and later recorded as skipped) but not followed, so symlink loops cannot trap the walk. Hidden
    files and folders below `root` (`is_hidden`: .git/, editor and OS files) are not listed at all, so
    pointing --input at a git checkout reads its pages and none of .git's objects; `root`'s own
    name may be hidden."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=lambda err: None):
        dirs[:] = sorted(name for name in dirs if not is_hidden(name))  # os.walk does not descend into removed names
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                found.append((_display_path(Path(folder) / name, root), Path(folder) / name))
        for name in (name for name in files if not is_hidden(name)):
            path = Path(folder) / name
            found.append((_display_path(path, root), path))
    return sorted(found)


def input_identity(path: Path, max_bytes: int) -> tuple[int, str | int]:
    """(size, sha256 of the bytes) of an input file. Hashing is cheap beside ingest, which reads
    the files anyway: 0.05 ms for data/sample (4 files, 7 kB), 7 ms for bench's 5 MB input (498
    files), page cache warm. A file over ingest.max_file_bytes is never read, so its (size, mtime
    in ns) stand for it; a file that cannot be read is (-1, -1)."""
    try:
        size = path.stat().st_size
        if too_large(size, max_bytes):
            return size, path.stat().st_mtime_ns
        with open(path, "rb") as handle:
            return size, hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:  # gone, unreadable, or a folder symlink (read_input records why)
        return -1, -1


def read_input(relative: str, path: Path, max_bytes: int) -> InputFile:
    """Read one file; failures become an InputFile with an error, never an exception."""
    try:
        if path.is_symlink() and path.is_dir():
            return InputFile(relative, None, "folder symlink not followed (could loop); point --input at its target to read it", skipped=True)
        if path.is_symlink() and not path.exists():
            return InputFile(relative, None, "broken symlink or symlink loop")
        size = path.stat().st_size
        if not path.is_file():
            return InputFile(relative, None, "not a regular file")
        if error := too_large(size, max_bytes):
            return InputFile(relative, None, error, size)
        return InputFile(relative, path.read_bytes(), None, size)
    except OSError as exc:
        return InputFile(relative, None, f"unreadable: {exc.strerror or exc}")


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_ID_NUMBER_DIGITS = 12  # numeric id parts are padded to this width for sorting (offsets and seqs are far shorter)


def id_sort_key(value: object) -> object:
    """A sort key for an id of colon-separated parts (`doc_id:seq:start:end…`, pipeline/ids.py) that
    puts rows in text order: after the first part, each all-digit part is zero-padded, so
    `d:2:60:64` sorts before `d:2:104:108` and article `d:2` before `d:10`. The first part (a
    doc_id, 16 hex digits) and ids without a colon keep their plain order; non-strings pass."""
    if not isinstance(value, str) or ":" not in value:
        return value
    head, *rest = value.split(":")
    return ":".join([head, *(part.zfill(_ID_NUMBER_DIGITS) if part.isdigit() else part for part in rest)])


def _id_order(column: pd.Series) -> pd.Series:
    """`column` as sort keys: ids (`*_id` columns) by `id_sort_key`, other columns as they are."""
    if not str(column.name).endswith("_id"):
        return column
    return column.map(id_sort_key)


def _sorted(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` in the table's SORT_KEYS order, ids compared part by part (`id_sort_key`)."""
    keys = [k for k in SORT_KEYS.get(table, []) if k in frame.columns]
    if keys and len(frame):
        frame = frame.sort_values(keys, kind="stable", na_position="last", key=_id_order)
    return frame.reset_index(drop=True)


def _failure_rows(stage: str, doc_ids: list[str], error: BaseException) -> list[dict]:
    reason = f"{type(error).__name__}: {error}"
    detail = "".join(traceback.format_exception_only(type(error), error)).strip()
    return [{"doc_id": d, "stage": stage, "error": reason, "detail": detail} for d in doc_ids]


def run_stage_on_batch(stage: Stage, config, tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Run a stage on one batch. If it raises, rerun document by document so one bad document
    is recorded as a failure and the rest of the batch still goes through."""
    try:
        return stage.run(config, tables), []
    except Exception as batch_error:  # noqa: BLE001 - any error in one document must not stop the batch
        doc_ids = sorted(set().union(*(set(t["doc_id"]) for t in tables.values() if "doc_id" in t)))
        if len(doc_ids) <= 1:
            return {name: TABLES[name].empty_table().to_pandas() for name in stage.outputs}, _failure_rows(stage.name, doc_ids, batch_error)
        outputs: dict[str, list[pd.DataFrame]] = {name: [] for name in stage.outputs}
        failures: list[dict] = []
        for doc_id in doc_ids:
            single = {name: t[t["doc_id"] == doc_id] for name, t in tables.items()}
            try:
                result = stage.run(config, single)
            except Exception as error:  # noqa: BLE001
                failures += _failure_rows(stage.name, [doc_id], error)
                continue
            for name in stage.outputs:
                outputs[name].append(result[name])
        merged = {name: pd.concat(parts, ignore_index=True) if parts else TABLES[name].empty_table().to_pandas() for name, parts in outputs.items()}
        return merged, failures




def write_batch(output: Path, stage: Stage, fingerprint: str, part: int, outputs: dict[str, pd.DataFrame], failures: list[dict], metadata: dict) -> None:
    """Write one batch's output parts. The failures part goes first and the table parts last: a
    batch counts as done only when all its table parts exist, so a crash in between redoes it."""
    failure_frame = pd.DataFrame(failures, columns=TABLES[FAILURES].names)
    io.write_part(io.to_arrow(failure_frame, TABLES[FAILURES], FAILURES), io.generation_dir(output, f".{FAILURES}.{stage.name}", fingerprint), part, metadata)
    for name in stage.outputs:
        arrow = io.to_arrow(_sorted(name, outputs[name]), TABLES[name], name)
        io.write_part(arrow, io.generation_dir(output, name, fingerprint), part, metadata)


@dataclass(frozen=True)
class BatchTask:
    """Everything a worker needs to run one stage on one batch: picklable, paths only."""

    stage: str
    config: object  # the stage's config section
    inputs: dict[str, list[Path]]  # table → input part files (one per batch; all parts for whole-table stages)
    output: Path
    fingerprint: str
    part: int
    metadata: dict


def execute_batch(task: BatchTask) -> int:
    """Read a batch's input parts, run the stage, write its output parts; return failed documents.
    Runs in the runner's process or in a worker (local processes or Dask)."""
    stage = STAGES[task.stage]
    tables = {name: io.read_parts(paths, TABLES[name]) for name, paths in task.inputs.items()}
    if "documents" in tables:
        tables["documents"] = tables["documents"][tables["documents"]["status"] == "ok"]
    outputs, failures = run_stage_on_batch(stage, task.config, tables)
    write_batch(task.output, stage, task.fingerprint, task.part, outputs, failures, task.metadata)
    del tables, outputs
    _freeze_after_first_batch(task.stage)
    return len(failures)


_FROZEN: set[str] = set()  # stages whose first batch this process has run


def _freeze_after_first_batch(stage: str) -> None:
    """After a stage's first batch in this process, take what it loaded and keeps (models, word
    lists, the divisions table: a few million long-lived objects) out of the cyclic garbage
    collector's view with `gc.freeze()`; every later full collection would walk them again (on the
    5 MB bench corpus this halves the time spent in the collector, ~1 s of a 40 s run). A
    `gc.collect()` first, so that only live objects are frozen; nothing frozen is freed later
    by the collector (reference counting still frees it), which suits objects kept for the run."""
    if stage in _FROZEN:
        return
    _FROZEN.add(stage)
    gc.collect()
    gc.freeze()


class Runner:
    """Runs the registered stages over an input folder into an output folder."""

    def __init__(self, input_root: Path, output: Path, config: PipelineConfig, quiet: bool = False):
        self.input_root = Path(input_root)
        self.output = Path(output)
        self.config = config
        self.quiet = quiet or not sys.stderr.isatty() or bool(os.environ.get("CI"))
        self.reports: dict[str, StageReport] = {}
        self.fingerprints: dict[str, str] = {}
        self.model_ids: dict[str, str] = {}
        self.config_hash = config.config_hash()
        self._stage_model_ids: dict[str, dict[str, str]] = {}
        self.executor = None
        self.warnings: list[str] = []  # for the user (printed by the CLI) and the manifest

    # -- fingerprints -------------------------------------------------------------------------
    def _input_fingerprint(self, files: list[tuple[str, Path]]) -> str:
        """Hash of the input: each file's path (relative to --input) and content (`input_identity`),
        so touching a file reruns nothing and an edit that keeps its size and mtime still does."""
        max_bytes = self.config.ingest.max_file_bytes
        return stable_hash([(relative, *input_identity(path, max_bytes)) for relative, path in files])

    def _stage_fingerprint(self, stage: Stage, upstream: list[str]) -> str:
        """Hash of everything the stage's output depends on: its inputs' fingerprints, config
        section, model ids, and the content of its code, data files and model files
        (pipeline/fingerprints.py), so an edit anywhere reruns the stages it reaches and no others."""
        section = self.config.section(stage.name).model_dump(mode="json")
        return stable_hash(
            {
                "stage": stage.name,
                "schema": SCHEMA_VERSION,
                "config": section,
                "models": self._model_ids(stage),
                "depends_on": fingerprints.stage_dependencies(stage.name, section),
                "upstream": upstream,
                "batch_size": self.config.run.batch_size if stage.name == "ingest" else None,
            }
        )

    # -- helpers --------------------------------------------------------------------------------
    def _model_ids(self, stage: Stage) -> dict[str, str]:
        """The stage's model ids, looked up once per run (a lookup may read the model's meta.json)."""
        if stage.name not in self._stage_model_ids:
            self._stage_model_ids[stage.name] = stage.model_ids(self.config.section(stage.name))
        return self._stage_model_ids[stage.name]

    def _metadata(self, stage: Stage) -> dict[bytes, bytes]:
        return io.table_metadata(stage.name, self.config_hash, self._model_ids(stage))

    def _is_published(self, table: str, fingerprint: str) -> bool:
        current = io.published_generation(self.output, table)
        return current is not None and current.name == f"{table}-{fingerprint}" and current.exists()

    def _write_batch(self, stage: Stage, fingerprint: str, part: int, outputs: dict[str, pd.DataFrame], failures: list[dict]) -> None:
        write_batch(self.output, stage, fingerprint, part, outputs, failures, self._metadata(stage))

    def _batch_done(self, stage: Stage, fingerprint: str, part: int) -> bool:
        return all((io.generation_dir(self.output, name, fingerprint) / f"part-{part:05d}.parquet").exists() for name in stage.outputs)

    def _publish(self, stage: Stage, fingerprint: str, n_batches: int) -> None:
        for name in (*stage.outputs, f".{FAILURES}.{stage.name}"):
            folder = io.generation_dir(self.output, name, fingerprint)
            folder.mkdir(parents=True, exist_ok=True)
            for stale in folder.glob("part-*.parquet"):
                if int(stale.stem.split("-")[1]) >= n_batches:
                    stale.unlink()  # parts from an older, larger run of the same fingerprint
            io.publish(self.output, name, folder)

    # -- stages ---------------------------------------------------------------------------------
    def _run_ingest(self, stage: Stage, files: list[tuple[str, Path]], progress) -> StageReport:
        report = self.reports[stage.name]
        fingerprint = self.fingerprints[stage.name]
        batches = list(_chunks(files, self.config.run.batch_size)) or [[]]
        report.batches = len(batches)
        seen: dict[str, str] = {}
        task = progress.add_task(stage.name, total=len(batches)) if progress else None
        for part, batch in enumerate(batches):
            folder = io.generation_dir(self.output, "documents", fingerprint)
            if self._batch_done(stage, fingerprint, part):
                done = pq.read_table(folder / f"part-{part:05d}.parquet", columns=["doc_id", "path", "status"]).to_pandas()
                seen.update({r.doc_id: r.path for r in done.itertuples() if r.status == "ok"})
                report.resumed_batches += 1
            else:
                files_read = [read_input(rel, path, self.config.ingest.max_file_bytes) for rel, path in batch]
                documents = ingest(files_read, self.config.ingest, seen)
                self._write_batch(stage, fingerprint, part, {"documents": documents}, [])
            if task is not None:
                progress.update(task, advance=1)
        return report

    def _run_batches(self, stage: Stage, progress) -> StageReport:
        report = self.reports[stage.name]
        fingerprint = self.fingerprints[stage.name]
        section = self.config.section(stage.name)
        input_dirs = {name: io.published_generation(self.output, name) for name in stage.inputs}
        # Whole-table stages (people, careers across all articles) run once over every part.
        n_batches = 1 if stage.whole else len(io.part_paths(input_dirs[stage.inputs[0]]))
        report.batches = n_batches
        task = progress.add_task(stage.name, total=n_batches) if progress else None
        todo = []
        for part in range(n_batches):
            if self._batch_done(stage, fingerprint, part):
                report.resumed_batches += 1
                if task is not None:
                    progress.update(task, advance=1)
            else:
                inputs = {
                    name: io.part_paths(folder) if stage.whole else [folder / f"part-{part:05d}.parquet"] for name, folder in input_dirs.items()
                }
                todo.append(BatchTask(stage.name, section, inputs, self.output, fingerprint, part, self._metadata(stage)))
        for _ in self.executor.map(execute_batch, todo):
            if task is not None:
                progress.update(task, advance=1)
        return report

    def run(self, from_stage: str | None = None, to_stage: str | None = None) -> dict:
        """Run the stages from `from_stage` to `to_stage` (inclusive) and write the manifest.
        Every check (paths, output folder, tables of earlier stages, models) comes before the first
        write: a run that cannot start leaves the output folder as it was."""
        first = STAGE_ORDER.index(from_stage) if from_stage else 0
        last = STAGE_ORDER.index(to_stage) if to_stage else len(STAGE_ORDER) - 1
        check_paths(self.input_root, self.output)
        check_output(self.output)
        started = datetime.now(timezone.utc)
        files = list_inputs(self.input_root)
        if not files:
            raise UsageError(f"input folder {self.input_root} is empty: no files to read (pages are read recursively; hidden files and folders, names starting with '.', are not read)")
        extensions = self.config.section("ingest").extensions
        if not any(page_suffix(relative) in extensions for relative, _ in files):
            # Nothing would be read: say so now instead of a run of skipped rows and no articles.
            raise UsageError(f"input folder {self.input_root} holds {len(files)} file(s) but no page file (ingest.extensions: {', '.join(extensions)})")
        self._plan(files, first, last, from_stage)
        create_output(self.output)
        self._unpublish_stale(last)
        progress = None if self.quiet else Progress(
            TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), transient=False
        )
        if progress:
            progress.start()
        self.executor = make_executor(self.config.run)
        try:
            for name in STAGE_ORDER[first : last + 1]:
                self._run_stage(STAGES[name], files, progress)
            self._publish_failures()
            self._collect_garbage()
        finally:
            self.executor.close()
            if progress:
                progress.stop()
        manifest = self._manifest(started, files)
        io.write_json_atomic(self.output / MANIFEST, manifest)
        return manifest

    def _plan(self, files: list[tuple[str, Path]], first: int, last: int, from_stage: str | None) -> None:
        """Fingerprint every stage (which also checks its models) before anything runs. Stages
        before `first` are taken from the published tables, which must exist; stages after `last`
        are not run (`skipped`)."""
        upstream_fp = {"input": self._input_fingerprint(files)}
        for index, name in enumerate(STAGE_ORDER):
            stage = STAGES[name]
            fingerprint = self._stage_fingerprint(stage, [upstream_fp[t] for t in (stage.inputs or ("input",))])
            self.fingerprints[name] = fingerprint
            self.model_ids.update(self._model_ids(stage))
            report = self.reports[name] = StageReport(fingerprint=fingerprint, cached=index < first, skipped=index > last)
            for table in stage.outputs:
                upstream_fp[table] = fingerprint
                if index < first:  # earlier stages: reuse what is published
                    current = io.published_generation(self.output, table)
                    if current is None:
                        raise UsageError(f"--from-stage {from_stage}: table {table!r} from stage {name!r} has not been written in {self.output}")
                    upstream_fp[table] = current.name.rsplit("-", 1)[1]
                    report.rows[table] = _count_rows(self.output, table)
            if index < first:
                report.failed_documents = _failed_documents(self.output, name)

    def _unpublish_stale(self, last: int) -> None:
        """Stages after `last` (--to-stage) do not run. A table of theirs that was made from the same
        inputs, config and code as this run would make it (its generation carries this run's
        fingerprint for the stage) stays; any other is stale — e.g. officials from pages since
        edited, pointing at doc_ids no longer in documents — and is unpublished (its link removed,
        its generation collected at the end of the run), with the stage's failures part. A data
        user then finds no table rather than an inconsistent one; the manifest lists the tables
        (`unpublished`) and a warning names them. Runs before the first stage, so a run killed
        midway leaves no stale table either."""
        for name in STAGE_ORDER[last + 1 :]:
            report, current = self.reports[name], self.fingerprints[name]
            for table in (*STAGES[name].outputs, f".{FAILURES}.{name}"):
                published = io.published_generation(self.output, table)
                if published is None:
                    continue
                if published.name == io.generation_dir(self.output, table, current).name:
                    if not table.startswith("."):
                        report.rows[table] = _count_rows(self.output, table)
                    continue
                io.unpublish(self.output, table)
                if not table.startswith("."):
                    report.unpublished.append(table)
        removed = [table for name in STAGE_ORDER[last + 1 :] for table in self.reports[name].unpublished]
        if removed:
            self.warnings.append(
                f"--to-stage {STAGE_ORDER[last]}: removed {', '.join(removed)}: made by an earlier run from other input or settings, "
                "they no longer matched the tables of this run; run without --to-stage to make them again"
            )

    def _run_stage(self, stage: Stage, files: list[tuple[str, Path]], progress) -> None:
        report = self.reports[stage.name]
        fingerprint = self.fingerprints[stage.name]
        t0 = time.perf_counter()
        if all(self._is_published(t, fingerprint) for t in stage.outputs):
            report.cached = True
        else:
            if stage.name == "ingest":
                self._run_ingest(stage, files, progress)
            else:
                self._run_batches(stage, progress)
            self._publish(stage, fingerprint, report.batches)
        report.seconds = round(time.perf_counter() - t0, 3)
        for table in stage.outputs:
            report.rows[table] = _count_rows(self.output, table)
        report.failed_documents = _failed_documents(self.output, stage.name)

    def _publish_failures(self) -> None:
        """Publish one `failures` table: the union of every stage's failure parts (hard links, no copies)."""
        sources = [(name, io.published_generation(self.output, f".{FAILURES}.{name}")) for name in STAGE_ORDER]
        key = stable_hash([s.name for _, s in sources if s is not None])
        folder = io.generation_dir(self.output, FAILURES, key)
        if self._is_published(FAILURES, key):
            return
        folder.mkdir(parents=True, exist_ok=True)
        for name, source in sources:
            if source is None:
                continue
            for part in io.part_paths(source):
                target = folder / f"part-{name}-{part.stem.split('-')[1]}.parquet"
                if not target.exists():
                    os.link(part, target)
        io.publish(self.output, FAILURES, folder)

    def _collect_garbage(self) -> None:
        """Remove generation folders no table points to (older configs, superseded runs)."""
        data = self.output / io.DATA_DIR
        if not data.is_dir():
            return
        live = {link.resolve() for link in self.output.iterdir() if link.is_symlink()}
        for folder in data.iterdir():
            if folder.is_dir() and folder.resolve() not in live:
                shutil.rmtree(folder, ignore_errors=True)

    def _manifest(self, started: datetime, files: list) -> dict:
        documents = _status_counts(self.output)
        return {
            "difang_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "input": {"root": str(self.input_root), "files": len(files), "documents": documents},
            "output": str(self.output),
            "config_hash": self.config_hash,
            "config": self.config.model_dump(mode="json"),
            "model_ids": self.model_ids,
            "stages": {name: vars(report) for name, report in self.reports.items()},
            "warnings": self.warnings,
            "versions": _versions(),
        }


def _count_rows(output: Path, table: str) -> int:
    folder = io.published_generation(output, table)
    if folder is None:
        return 0
    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(folder.glob("*.parquet")))


def _failed_documents(output: Path, stage: str) -> int:
    """Documents that failed in `stage`: ingest records them in `documents` (status failed), later
    stages in their failures part (one row per document)."""
    if stage == "ingest":
        return _status_counts(output).get("failed", 0)
    return _count_rows(output, f".{FAILURES}.{stage}")


def _status_counts(output: Path) -> dict[str, int]:
    folder = io.published_generation(output, "documents")
    if folder is None:
        return {}
    statuses = io.read_parts(io.part_paths(folder), TABLES["documents"])["status"]
    return {str(k): int(v) for k, v in statuses.value_counts().sort_index().items()}


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in ("pyarrow", "pandas", "spacy", "spacy-pkuseg", "cn2an", "pydantic", "dask", "hanlp", "torch"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return versions
