"""Train the spaCy NER pipeline with spaCy's own machinery and package it with the rules layer.

Steps, each a small function: examples → DocBin files (build/), `spacy.cli.train.train` with the
checked-in configs/ner.cfg (paths and sizes as overrides), then the trained pipeline plus the
`difang_rules` component is written to the model folder with a meta carrying the model id.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from thinc.api import Config
from spacy.cli.train import train as spacy_train

import pipeline.ner  # noqa: F401  (registers the difang_rules factory)
from pipeline.annotations.docbin import make_docbin
from pipeline.ner.component import FACTORY
from pipeline.ner.rules import rules_hash
from pipeline.training.corpus import Example

REPO_ROOT = Path(__file__).resolve().parents[2]
NER_CONFIG = REPO_ROOT / "configs" / "ner.cfg"
BUILD_DIR = REPO_ROOT / "build" / "ner"  # scratch; the shipped model trains in BUILD_DIR / "model", folds in BUILD_DIR / "lodo"
MODEL_DIR = REPO_ROOT / "models" / "ner"
MODEL_NAME = "difang_ner"
MODEL_VERSION = "1.0.0"


@dataclass
class TrainResult:
    nlp: spacy.language.Language
    seconds: float
    docbin_report: Counter = field(default_factory=Counter)


def config_hash(overrides: dict | None = None, extra: dict | None = None) -> str:
    """Hash of the checked-in NER config, the overrides, training parameters and the rules."""
    payload = NER_CONFIG.read_text(encoding="utf-8") + json.dumps([overrides or {}, extra or {}, rules_hash()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def write_docbin(examples: list[Example], path: Path) -> Counter:
    """Write examples as a DocBin (char tokens); count entities that do not align to tokens."""
    db, n_misaligned = make_docbin((ex.text, list(ex.entities)) for ex in examples)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    n_spans = sum(len(ex.entities) for ex in examples)
    return +Counter({"aligned": n_spans - n_misaligned, "misaligned": n_misaligned})  # + drops zero counts


def train(
    train_examples: list[Example],
    dev_examples: list[Example],
    workdir: Path = BUILD_DIR / "model",
    overrides: dict | None = None,
    reuse: bool = False,
) -> TrainResult:
    """Train tok2vec + ner on the examples with configs/ner.cfg; return the loaded model-last.

    With `reuse`, a model already trained in `workdir` from the same examples, config and
    overrides is loaded instead of retrained (the LODO evaluation uses this)."""
    workdir = Path(workdir)
    stamp = _stamp(train_examples, overrides)
    stamp_file = workdir / "stamp.json"
    if reuse and stamp_file.exists() and (workdir / "output" / "model-last").is_dir():
        saved = json.loads(stamp_file.read_text(encoding="utf-8"))
        if saved.get("key") == stamp:
            return TrainResult(spacy.load(workdir / "output" / "model-last"), saved["seconds"], Counter(saved["docbin"]))
    if workdir.exists():
        shutil.rmtree(workdir)
    report = write_docbin(train_examples, workdir / "train.spacy")
    write_docbin(dev_examples or train_examples[:20], workdir / "dev.spacy")
    all_overrides = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy"), **(overrides or {})}
    started = time.perf_counter()
    logging.getLogger("spacy").setLevel(logging.WARNING)
    spacy_train(NER_CONFIG, workdir / "output", use_gpu=-1, overrides=all_overrides)
    seconds = time.perf_counter() - started
    stamp_file.write_text(json.dumps({"key": stamp, "seconds": round(seconds, 1), "docbin": dict(report)}), encoding="utf-8")
    nlp = spacy.load(workdir / "output" / "model-last")
    return TrainResult(nlp, seconds, report)


def _stamp(examples: list[Example], overrides: dict | None) -> str:
    payload = json.dumps(
        [NER_CONFIG.read_text(encoding="utf-8"), overrides or {}, rules_hash(), [(e.text, e.entities) for e in examples]],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def add_rules(nlp: spacy.language.Language) -> spacy.language.Language:
    """Append the rules layer after the ner component (idempotent)."""
    if FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, after="ner" if "ner" in nlp.pipe_names else None)
    return nlp


def package(nlp: spacy.language.Language, out_dir: Path, difang_meta: dict) -> Path:
    """Write the pipeline (with rules) to out_dir: only what spacy.load needs, plus meta."""
    add_rules(nlp)
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["version"] = MODEL_VERSION
    nlp.meta["description"] = "difang NER for Chinese local newspapers: char tok2vec + ner + rules layer (difang_rules)."
    nlp.meta["requirements"] = []
    nlp.meta["difang"] = difang_meta
    nlp.meta.pop("performance", None)
    nlp.meta.pop("source", None)
    out_dir = Path(out_dir)
    keep = {"MODEL_CARD.md"}
    if out_dir.exists():
        for child in out_dir.iterdir():
            if child.name not in keep:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    nlp.to_disk(out_dir)
    _forget_paths(out_dir / "config.cfg")
    return out_dir


def _forget_paths(config_file: Path) -> None:
    """Drop the scratch corpus paths from the saved config: they are machine-specific."""
    config = Config().from_disk(config_file, interpolate=False)
    for key in ("train", "dev"):
        if key in config.get("paths", {}):
            config["paths"][key] = None
    config.to_disk(config_file)


def model_id_of(meta: dict) -> str:
    """name-version+config hash, e.g. zh_difang_ner-1.0.0+3f2a…"""
    config = (meta.get("difang") or {}).get("config_hash", "unknown")
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}+{config}"
