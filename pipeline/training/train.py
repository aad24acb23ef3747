"""Train the spaCy NER pipeline with spaCy's own machinery and package it with the rules layer.

Steps, each a small function: examples → DocBin files (build/), `spacy.cli.train.train` with the
checked-in configs/ner.cfg (paths and sizes as overrides), then the trained pipeline plus the
`difang_rules` component is written to the model folder with a meta carrying the model id.

The shipped model learns PER, LOC and ORG (`LABELS`) from the shared training set
(pipeline/training/datasets.py) with `FULL_DATA_OVERRIDES`; the rules layer owns TITLE, dates and
numbers (`RULES_CONFIG`). `score_spans` and `chars_per_second` measure it for
the model card.
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
import srsly
from thinc.api import Config
from spacy.cli.train import train as spacy_train

import pipeline.ner.component  # noqa: F401  (registers the difang_rules factory)
from pipeline.annotations.docbin import make_docbin
from pipeline.ner.component import FACTORY
from pipeline.ner.rules import rules_hash
from pipeline.training import datasets
from pipeline.training.corpus import Example

REPO_ROOT = Path(__file__).resolve().parents[2]
NER_CONFIG = REPO_ROOT / "configs" / "ner.cfg"
BUILD_DIR = REPO_ROOT / "build" / "ner"  # scratch; the shipped model trains in BUILD_DIR / "model", folds in BUILD_DIR / "lodo"
MODEL_DIR = REPO_ROOT / "models" / "ner"
MODEL_NAME = "difang_ner"
MODEL_VERSION = "2.0.0"

# Invented sentences and random seed of a spaCy training run (those of the shared training set).
DEFAULTS = {key: datasets.DEFAULTS[key] for key in ("synthetic", "seed")}
# What the network learns; the other gold labels (TITLE, dates, numbers) belong to the rules layer.
LABELS = ("PER", "LOC", "ORG")
# Run length of the shipped model on ~1.8M training characters: about 6 passes in batches of up
# to 1,500 characters, ~27 min on a 2-core machine shared with other training jobs. configs/ner.cfg's own schedule is
# sized for the seed-only folds of the leave-one-document-out evaluation.
FULL_DATA_OVERRIDES = {
    "training.max_steps": 8000,
    "training.eval_frequency": 500,
    "training.batcher.size.start": 300,
    "training.batcher.size.stop": 1500,
}
# The packaged difang_rules layer: the model's PER/LOC/ORG win over the rules' (the rules fill
# gaps, and a rule span that widens a model span of the same label replaces it); the rules own
# TITLE, dates and numbers, whose spans replace any model entity they overlap. The same
# combination as the crf backend (pipeline/stages/ner.py), so the backends compare like for like.
RULES_CONFIG = {
    "override_labels": ["TITLE", "DATE", "MONEY", "PERCENT", "QUANTITY"],
    "prefer": "model",
    "model_labels": list(LABELS),
}


@dataclass
class TrainResult:
    nlp: spacy.language.Language
    seconds: float
    docbin_report: Counter = field(default_factory=Counter)
    rules_hash: str = ""  # of the rules when training started (the network learned their labels)


def training_params(synthetic: int, seed: int, max_steps: int | None) -> tuple[dict, dict]:
    """spaCy overrides and the extra parameters that together define a model (hashed into its id)."""
    overrides = {"system.seed": seed}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    return overrides, {"synthetic": synthetic, "synthetic_seed": seed}


def config_hash(overrides: dict | None = None, extra: dict | None = None, rules: str | None = None) -> str:
    """Hash of the checked-in NER config, the overrides, training parameters and the rules
    (`rules`: their hash when training started; default: the rules now)."""
    payload = NER_CONFIG.read_text(encoding="utf-8") + json.dumps([overrides or {}, extra or {}, rules or rules_hash()], sort_keys=True, ensure_ascii=False)
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
    rules = rules_hash()
    stamp = _stamp(train_examples, overrides, rules)
    stamp_file = workdir / "stamp.json"
    if reuse and stamp_file.exists() and (workdir / "output" / "model-last").is_dir():
        saved = json.loads(stamp_file.read_text(encoding="utf-8"))
        if saved.get("key") == stamp:
            return TrainResult(spacy.load(workdir / "output" / "model-last"), saved["seconds"], Counter(saved["docbin"]), rules)
    if workdir.exists():
        shutil.rmtree(workdir)
    report = write_docbin(train_examples, workdir / "train.spacy")
    write_docbin(dev_examples or train_examples[:20], workdir / "dev.spacy")
    all_overrides = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy"), **(overrides or {})}
    started = time.perf_counter()
    logging.getLogger("spacy").setLevel(logging.WARNING)
    spacy_train(NER_CONFIG, workdir / "output", use_gpu=-1, overrides=all_overrides)
    seconds = time.perf_counter() - started
    stamp_file.write_text(json.dumps({"key": stamp, "seconds": round(seconds, 1), "docbin": dict(report), "rules_hash": rules}), encoding="utf-8")
    nlp = spacy.load(workdir / "output" / "model-last")
    return TrainResult(nlp, seconds, report, rules)


def _stamp(examples: list[Example], overrides: dict | None, rules: str) -> str:
    """Key of a training run: config, overrides, examples, and the source and data files of the
    training code and everything it imports (the rules' features, the component), so a fold model
    trained before a code change is never reused after it."""
    from pipeline.fingerprints import code_and_data

    payload = json.dumps(
        [NER_CONFIG.read_text(encoding="utf-8"), overrides or {}, rules, [(e.text, e.entities) for e in examples], code_and_data(__name__)],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def keep_labels(examples: list[Example], labels: tuple[str, ...] = LABELS) -> list[Example]:
    """The examples with only the entities of `labels`."""
    return [Example(ex.source, ex.text, tuple(e for e in ex.entities if e[2] in labels)) for ex in examples]


def add_rules(nlp: spacy.language.Language, config: dict | None = None) -> spacy.language.Language:
    """Append the rules layer after the ner component (idempotent), configured by `RULES_CONFIG`."""
    if FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, after="ner" if "ner" in nlp.pipe_names else None, config=dict(RULES_CONFIG if config is None else config))
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


def write_difang_meta(model_dir: Path, difang_meta: dict) -> None:
    """Replace meta.json's `difang` entry (scores measured after packaging)."""
    path = Path(model_dir) / "meta.json"
    meta = srsly.read_json(path)
    meta["difang"] = difang_meta
    srsly.write_json(path, meta)  # as spaCy writes it


def _forget_paths(config_file: Path) -> None:
    """Drop the scratch corpus paths from the saved config: they are machine-specific."""
    config = Config().from_disk(config_file, interpolate=False)
    for key in ("train", "dev"):
        if key in config.get("paths", {}):
            config["paths"][key] = None
    config.to_disk(config_file)


def _prf(c: Counter) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4), "gold": c["tp"] + c["fn"]}


def score_spans(nlp: spacy.language.Language, examples: list[Example], labels: tuple[str, ...] = LABELS, disable: tuple[str, ...] = (FACTORY,)) -> dict:
    """Exact span + label P/R/F1 per label and micro over `labels` of the pipeline (by default the
    network alone: the final rules layer disabled) against the examples' entities."""
    counts = {label: Counter() for label in labels}
    docs = nlp.pipe((ex.text for ex in examples), batch_size=64, disable=[d for d in disable if d in nlp.pipe_names])
    for ex, doc in zip(examples, docs):
        predicted = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels}
        gold = {e for e in ex.entities if e[2] in labels}
        for label in labels:
            g, p = {e for e in gold if e[2] == label}, {e for e in predicted if e[2] == label}
            counts[label].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    counts["micro"] = sum(counts.values(), Counter())
    return {label: _prf(c) for label, c in counts.items()}


def chars_per_second(nlp: spacy.language.Language, texts: list[str], repeats: int = 3) -> dict:
    """Characters per second of nlp.pipe over the texts (the whole packaged pipeline, batch 32),
    best of `repeats` passes: by wall-clock time and by this process's CPU time (which a busy
    machine does not inflate)."""
    n = sum(len(t) for t in texts)
    list(nlp.pipe(texts[:2]))
    wall = cpu = float("inf")
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        wall, cpu = min(wall, time.perf_counter() - started), min(cpu, time.process_time() - started_cpu)
    return {"wall": round(n / wall), "cpu": round(n / cpu)}


def model_id_of(meta: dict) -> str:
    """name-version+config hash, e.g. zh_difang_ner-1.0.0+3f2a…"""
    config = (meta.get("difang") or {}).get("config_hash", "unknown")
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}+{config}"
