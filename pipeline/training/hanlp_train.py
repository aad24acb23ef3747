"""Train HanLP's character BiLSTM-CRF (`RNNNamedEntityRecognizer`) from the same examples as spaCy.

Steps: examples → character TSV with BIO tags (build/hanlp/, one char per line, blank line between
chunks; whitespace characters are written as `␣` since a TSV line cannot hold them) → HanLP's
own `fit` (random-init character embeddings, nothing downloaded, CPU) → the shipped folder holds
only what `hanlp.load(<dir>)` needs (config.json, vocabs.json, model.pt: no optimizer state)
plus `difang.json` (our metadata; HanLP would take a `meta.json` for a TensorFlow model).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.ner.hanlp_backend import META_FILE, MODEL_FILES, fix_crf_batch_first, to_tokens
from pipeline.training.corpus import Example

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = REPO_ROOT / "build" / "hanlp"
MODEL_DIR = REPO_ROOT / "models" / "hanlp_ner"
MODEL_NAME = "difang_hanlp_ner"
MODEL_VERSION = "1.0.0"

# Small enough to train the shipped model in a few minutes on 2 CPU cores.
PARAMS = {
    "epochs": 30,
    "embed": 100,
    "rnn_hidden": 128,
    "batch_size": 16,
    "lr": 0.005,
    "drop": 0.3,
    "seed": 0,
}


@dataclass
class HanlpTrainResult:
    model_dir: Path
    seconds: float
    report: Counter


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


def _quiet_logger() -> logging.Logger:
    logger = logging.getLogger("difang.hanlp_train")
    logger.handlers = [logging.NullHandler()]
    logger.propagate = False
    return logger


def train_hanlp(
    train_examples: list[Example],
    dev_examples: list[Example],
    workdir: Path = BUILD_DIR / "model",
    params: dict | None = None,
    threads: int | None = None,
) -> HanlpTrainResult:
    """Fit the BiLSTM-CRF on the examples in `workdir`; the best epoch on the dev examples is kept."""
    import torch
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    fix_crf_batch_first()
    params = {**PARAMS, **(params or {})}
    workdir = Path(workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    report = write_tsv(train_examples, workdir / "train.tsv")
    write_tsv(dev_examples or train_examples[:20], workdir / "dev.tsv")
    if threads:
        torch.set_num_threads(threads)
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
        logger=_quiet_logger(),
        verbose=False,
    )
    return HanlpTrainResult(workdir / "output", time.perf_counter() - started, report)


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
    full = {"name": MODEL_NAME, "version": MODEL_VERSION, **meta}
    (out_dir / META_FILE).write_text(json.dumps(full, ensure_ascii=False, indent=2), encoding="utf-8")
    return out_dir


def train_cached(
    train_examples: list[Example],
    dev_examples: list[Example],
    workdir: Path,
    params: dict | None = None,
    reuse: bool = True,
    threads: int | None = None,
) -> HanlpTrainResult:
    """train_hanlp, quietly; with `reuse`, a model already in workdir trained from identical
    examples and parameters is returned instead (workdir/stamp.json records what it was)."""
    import contextlib
    import io

    params = {**PARAMS, **(params or {})}
    workdir = Path(workdir)
    key = params_hash(params, [*train_examples, *dev_examples])
    stamp_file = workdir.parent / f"{workdir.name}.stamp.json"
    if reuse and stamp_file.exists() and (workdir / "output" / "model.pt").is_file():
        saved = json.loads(stamp_file.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return HanlpTrainResult(workdir / "output", saved["seconds"], Counter(saved["report"]))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result = train_hanlp(train_examples, dev_examples, workdir, params, threads)
    (result.model_dir / "train.log").unlink(missing_ok=True)
    stamp_file.write_text(json.dumps({"key": key, "seconds": round(result.seconds, 1), "report": dict(result.report)}), encoding="utf-8")
    return result
