"""Train HanLP's character BiLSTM-CRF (`RNNNamedEntityRecognizer`) on the NER training set.

Steps: the training set of pipeline.training.datasets (People's Daily 1998, the real-news train
split, the seed pages, invented sentences) → PER/LOC/ORG only (the rules layer owns TITLE and the
numbers) in chunks of at most MAX_CHARS characters → character TSV with BIO tags (build/hanlp/,
one char per line, blank line between chunks; whitespace characters are written as `␣` since a
TSV line cannot hold them) → HanLP's own `fit` (random-init character embeddings, nothing
downloaded, CPU, a fixed number of torch threads and a fixed seed) → the shipped folder holds
only what `hanlp.load(<dir>)` needs (config.json, vocabs.json, model.pt: no optimizer state)
plus `difang.json` (our metadata; HanLP would take a `meta.json` for a TensorFlow model).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.ner.hanlp_backend import MAX_CHARS, META_FILE, MODEL_FILES, fix_crf_batch_first, to_tokens
from pipeline.training.corpus import Example

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = REPO_ROOT / "build" / "hanlp"
MODEL_DIR = REPO_ROOT / "models" / "hanlp_ner"
MODEL_NAME = "difang_hanlp_ner"
MODEL_VERSION = "2.0.0"
LABELS = ("PER", "LOC", "ORG")
GLUE_RATE = 0.3  # share of 甲、乙 name pairs written 甲乙 in training (glue_name_lists)

# Sized for ~1.8M training characters on one CPU core of a busy 2-core machine: 1.5–3.5 min per
# epoch; 10 epochs took 34 min next to three other training jobs, and their epoch-selection F1
# was 0.909 after epoch 6, 0.918 at best (epoch 9).
PARAMS = {
    "epochs": 6,
    "embed": 100,
    "rnn_hidden": 128,
    "batch_size": 32,
    "lr": 0.002,
    "drop": 0.3,
    "seed": 0,
    "threads": 1,  # 2 threads were 7x slower per epoch next to another training job on 2 cores
}

# The settings of the first model (five seed pages, ~30k characters): many epochs of small batches.
# The default for training on seed pages only, e.g. the leave-one-document-out folds of
# pipeline.evaluation.backends_eval (pass them as its HanLP parameters).
SEEDS_ONLY_PARAMS = {**PARAMS, "epochs": 30, "batch_size": 16, "lr": 0.005}


@dataclass
class HanlpTrainResult:
    model_dir: Path
    seconds: float
    report: Counter


def ner_examples(examples: list[Example], labels: tuple[str, ...] = LABELS, max_chars: int = MAX_CHARS) -> list[Example]:
    """The examples with only `labels` kept, cut into pieces of at most max_chars characters
    (after 。！？；, else anywhere), never inside a kept entity; blank pieces dropped."""
    out = []
    for ex in examples:
        entities = tuple(sorted(e for e in ex.entities if e[2] in labels))
        inside = {i for s, e, _ in entities for i in range(s + 1, e)}
        start = 0
        while start < len(ex.text):
            end = min(start + max_chars, len(ex.text))
            if end < len(ex.text):
                window = ex.text[start:end]
                breaks = [m.end() for m in re.finditer(r"[。！？；\n]", window) if start + m.end() not in inside]
                end = start + breaks[-1] if breaks else next((c for c in range(end, start, -1) if c not in inside), end)
            piece = ex.text[start:end]
            if piece.strip():
                spans = tuple((s - start, e - start, label) for s, e, label in entities if start <= s and e <= end)
                out.append(Example(ex.source, piece, spans))
            start = end
    return out


def glue_name_lists(examples: list[Example], rate: float, seed: int = 0) -> list[Example]:
    """Copies of the examples where, with probability `rate`, the 、 between two listed names is
    dropped (甲、乙 → 甲乙). Credit lines and headlines run names together once the cleaner has
    removed the spaces between them (`记者 甲 乙` → `记者甲乙`); People's Daily lists them with 、,
    so without this the tagger rarely sees where one name ends and the next begins."""
    import random

    rng = random.Random(seed)
    out = []
    for ex in examples:
        per = sorted(e for e in ex.entities if e[2] == "PER")
        drop = {a[1] for a, b in zip(per, per[1:]) if a[1] + 1 == b[0] and ex.text[a[1]] == "、" and rng.random() < rate}
        if not drop:
            out.append(ex)
            continue
        shift = [0] * (len(ex.text) + 1)
        removed = 0
        for i in range(len(ex.text) + 1):
            shift[i] = i - removed
            if i in drop:
                removed += 1
        text = "".join(c for i, c in enumerate(ex.text) if i not in drop)
        out.append(Example(ex.source, text, tuple((shift[s], shift[e - 1] + 1, label) for s, e, label in ex.entities)))
    return out


def bio_lines(example: Example) -> list[str]:
    """`char<TAB>tag` lines of one example (BIO; whitespace as ␣)."""
    tokens = to_tokens(example.text)
    tags = ["O"] * len(tokens)
    for start, end, label in example.entities:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return [f"{t}\t{g}" for t, g in zip(tokens, tags)]


def write_tsv(examples: list[Example], path: Path) -> Counter:
    """Write examples as HanLP's tagging TSV; count chunks, characters and entities."""
    report: Counter = Counter()
    blocks = []
    for ex in examples:
        if not ex.text:
            continue
        blocks.append("\n".join(bio_lines(ex)))
        report["chunks"] += 1
        report["chars"] += len(ex.text)
        report["entities"] += len(ex.entities)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return report


def params_hash(params: dict, examples: list[Example]) -> str:
    payload = json.dumps([params, [(e.text, e.entities) for e in examples]], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\[/?[a-z]+\]")


class _Progress(io.TextIOBase):
    """Stands in for stdout during HanLP's fit: HanLP redraws one progress line per batch; every
    `interval` seconds the latest one (batches done, loss, train F1, ETA) goes to `out`, and so
    does each epoch's summary line."""

    def __init__(self, out, interval: float = 60.0):
        self.out, self.interval, self.last, self.line = out, interval, time.monotonic(), ""

    def write(self, text: str) -> int:
        epoch_end = False
        for part in re.split(r"[\r\b\n]+", _ANSI.sub("", text)):
            if part.strip():
                self.line = part.strip()
                epoch_end = epoch_end or " lr: " in part  # the epoch summary: saved or patience, lr, time
        if self.out is not None and self.line and (epoch_end or time.monotonic() - self.last >= self.interval):
            print(f"hanlp:   {self.line}", file=self.out, flush=True)
            self.last, self.line = time.monotonic(), ""
        return len(text)


def _logger(out) -> logging.Logger:
    """HanLP's training logger: epoch starts, dev scores and the epoch summary go to `out`
    (nowhere when out is None)."""
    logger = logging.getLogger("difang.hanlp_train")
    handler: logging.Handler = logging.StreamHandler(out) if out is not None else logging.NullHandler()
    handler.setFormatter(logging.Formatter("hanlp:   %(message)s"))
    handler.addFilter(lambda record: not str(record.msg).lstrip().startswith("{"))  # the config dump
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False

    class _Clean(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.msg = _ANSI.sub("", str(record.msg)).strip()
            return bool(record.msg)

    handler.addFilter(_Clean())
    return logger


def train_hanlp(
    train_examples: list[Example],
    dev_examples: list[Example],
    workdir: Path = BUILD_DIR / "model",
    params: dict | None = None,
    threads: int | None = None,
    progress=None,
) -> HanlpTrainResult:
    """Fit the BiLSTM-CRF on the examples in `workdir`; the best epoch on the dev examples is
    kept. `progress`: a stream for progress lines (None: silent)."""
    import torch
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    fix_crf_batch_first()
    params = {**PARAMS, **(params or {})}
    workdir = Path(workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    report = write_tsv(train_examples, workdir / "train.tsv")
    write_tsv(dev_examples or train_examples[:20], workdir / "dev.tsv")
    torch.set_num_threads(threads or params.get("threads") or 1)
    torch.manual_seed(params["seed"])
    if progress is not None:
        print(f"hanlp: training on {report['chunks']} chunks, {report['chars']} chars, {report['entities']} entities; "
              f"{params['epochs']} epochs, {torch.get_num_threads()} torch threads", file=progress, flush=True)
    started = time.perf_counter()
    tagger = RNNNamedEntityRecognizer()
    tagger.fit(
        str(workdir / "train.tsv"),
        str(workdir / "dev.tsv"),
        str(workdir / "output"),
        epochs=params["epochs"],
        embed=params["embed"],
        rnn_hidden=params["rnn_hidden"],
        batch_size=params["batch_size"],
        lr=params["lr"],
        drop=params["drop"],
        seed=params["seed"],
        patience=params["epochs"],
        tagging_scheme="BIO",
        token_delimiter="",
        devices=-1,
        logger=_logger(progress),
        verbose=False,
    )
    return HanlpTrainResult(workdir / "output", time.perf_counter() - started, report)


def evaluate(tagger, examples: list[Example], labels: tuple[str, ...] = LABELS, batch_size: int = 64, names: bool = False) -> dict:
    """Exact-span precision, recall and F1 per label (and micro over `labels`) of the tagger
    (through hanlp_backend.predict) against the examples' spans; `names`: with the PER tidying
    the pipeline applies (hanlp_backend.tidy_names), else the model's spans as they are."""
    from pipeline.ner.hanlp_backend import predict

    found = predict(tagger, [ex.text for ex in examples], batch_size=batch_size, names=names)
    counts = {label: Counter() for label in labels}
    for ex, predicted in zip(examples, found):
        gold = {e for e in ex.entities if e[2] in labels}
        predicted = {e for e in predicted if e[2] in labels}
        for label in labels:
            g = {e for e in gold if e[2] == label}
            p = {e for e in predicted if e[2] == label}
            counts[label].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    counts["micro"] = sum(counts.values(), Counter())

    def prf(c: Counter) -> dict:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": c["tp"] + c["fn"]}

    return {label: prf(c) for label, c in counts.items()}


def package(trained_dir: Path, out_dir: Path, meta: dict) -> Path:
    """Copy what `hanlp.load` needs into out_dir (keeping MODEL_CARD.md) and write difang.json."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for child in out_dir.iterdir():
        if child.name != "MODEL_CARD.md":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for name in MODEL_FILES:
        shutil.copy2(Path(trained_dir) / name, out_dir / name)
    config = json.loads((out_dir / "config.json").read_text(encoding="utf-8"))
    config.pop("load_path", None)
    (out_dir / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True), encoding="utf-8")
    write_meta(out_dir, meta)
    return out_dir


def train_cached(
    train_examples: list[Example],
    dev_examples: list[Example],
    workdir: Path,
    params: dict | None = None,
    reuse: bool = True,
    threads: int | None = None,
    progress=None,
) -> HanlpTrainResult:
    """train_hanlp with HanLP's own output swallowed (progress lines go to `progress`, if given);
    with `reuse`, a model already in workdir trained from identical examples and parameters is
    returned instead (workdir/stamp.json records what it was)."""
    import contextlib

    params = {**PARAMS, **(params or {})}
    workdir = Path(workdir)
    key = params_hash(params, [*train_examples, *dev_examples])
    stamp_file = workdir.parent / f"{workdir.name}.stamp.json"
    if reuse and stamp_file.exists() and (workdir / "output" / "model.pt").is_file():
        saved = json.loads(stamp_file.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            if progress is not None:
                print(f"hanlp: reusing {workdir / 'output'} (trained from identical inputs; --retrain forces training)", file=progress, flush=True)
            return HanlpTrainResult(workdir / "output", saved["seconds"], Counter(saved["report"]))
    with contextlib.redirect_stdout(_Progress(progress)), contextlib.redirect_stderr(io.StringIO()):
        result = train_hanlp(train_examples, dev_examples, workdir, params, threads, progress)
    (result.model_dir / "train.log").unlink(missing_ok=True)
    stamp_file.write_text(json.dumps({"key": key, "seconds": round(result.seconds, 1), "report": dict(result.report)}), encoding="utf-8")
    return result


def write_meta(out_dir: Path, meta: dict) -> Path:
    """(Re)write difang.json of a packaged model (after scores were added to its metadata)."""
    full = {"name": MODEL_NAME, "version": MODEL_VERSION, **meta}
    path = Path(out_dir) / META_FILE
    path.write_text(json.dumps(full, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
