"""Train the CRF NER backend (models/crf_ner) with python-crfsuite.

Training data (`training_examples`): People's Daily 1998 (all but the held-out 10%), the real-news
train split (repeated `realnews_repeat` times: it is small but it is the domain), the seed pages
mapped onto clean text, and the invented sentences (credit lines, name lists). Every example is
turned into CRFsuite items by the same `char_features` the backend uses at run time. The
character clusters of those features (`clusters` of them, 0 for none) are learned first from the
running text of the training data (datasets.TrainingSet.cluster_texts, pipeline.training.clusters)
and shipped beside the model.
L-BFGS with L1 + L2 regularisation (L1 keeps the model small); fixed iteration count, so a run is
reproducible (CRFsuite's L-BFGS is deterministic).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ner import crf_backend
from pipeline.ner.rules import default_rules, rules_hash, squeeze
from pipeline.training import clusters as clustering
from pipeline.training.corpus import Example

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO_ROOT / "models" / "crf_ner"
BUILD_DIR = REPO_ROOT / "build" / "crf"
MODEL_NAME = "difang_ner"
MODEL_VERSION = "2.3.0"
PARAMS = {
    "c1": 0.05, "c2": 0.01, "max_iterations": 120, "realnews_repeat": 5, "seeds_repeat": 2, "synthetic": 600, "seed": 0, "scheme": "BIOES", "swap_names": True,
    "clusters": 200,
}


@dataclass
class CrfResult:
    model_file: Path
    seconds: float
    counts: Counter = field(default_factory=Counter)


def items(
    example: Example, lexicon: crf_backend.Lexicon, scheme: str = "BIO", clusters: dict[str, int] | None = None
) -> tuple[list[list[str]], list[str]]:
    """CRFsuite features and BIO labels of one example (spaces squeezed as at run time)."""
    squeezed, index = squeeze(example.text)
    position = {raw: k for k, raw in enumerate(index)}
    spans = [
        (position[s], position[e - 1] + 1, label)
        for s, e, label in example.entities
        if label in crf_backend.LABELS and s in position and (e - 1) in position
    ]
    rules = crf_backend.rule_tags(squeezed, default_rules().find(squeezed))
    return crf_backend.char_features(squeezed, lexicon, rules, clusters), crf_backend.spans_to_bio(len(squeezed), spans, scheme)


def train_crf(examples: list[Example], out_file: Path, params: dict, verbose: bool = True, cluster_texts: list[str] | None = None) -> CrfResult:
    """Train on the examples and write the CRFsuite model to out_file, and beside it the clusters
    its features used (clusters.json, when params["clusters"] asks for them), learned from
    `cluster_texts` (default: the examples' distinct texts)."""
    import pycrfsuite

    lexicon = crf_backend.default_lexicon()
    trainer = pycrfsuite.Trainer(verbose=False)
    counts: Counter = Counter()
    started = time.perf_counter()
    learned = None
    if params.get("clusters"):
        if verbose:
            print(f"  {params['clusters']} character clusters of the training texts …", flush=True)
        texts = cluster_texts if cluster_texts is not None else [example.text for example in examples]
        learned = clustering.character_clusters(sorted(set(texts)), k=params["clusters"], seed=params.get("seed", 0))
    _write_clusters(learned, out_file.parent / crf_backend.CLUSTERS_FILE)
    for k, example in enumerate(examples):
        xseq, yseq = items(example, lexicon, params.get("scheme", "BIO"), learned)
        if xseq:
            trainer.append(xseq, yseq)
            counts["chars"] += len(xseq)
            counts.update(t[2:] for t in yseq if t.startswith(("B-", "S-")))
        if verbose and k % 5000 == 0:
            print(f"  features: {k}/{len(examples)} examples", flush=True)
    trainer.set_params({"c1": params["c1"], "c2": params["c2"], "max_iterations": params["max_iterations"], "feature.possible_transitions": True})
    out_file.parent.mkdir(parents=True, exist_ok=True)
    if verbose:
        print(f"  L-BFGS, {params['max_iterations']} iterations over {counts['chars']:,} characters …", flush=True)
    trainer.train(str(out_file))
    return CrfResult(out_file, time.perf_counter() - started, counts)


def _write_clusters(clusters: dict[str, int] | None, path: Path) -> None:
    """clusters.json for a model trained with them; none (a stale one removed) for one without."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if clusters is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(json.dumps(clusters, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")


def parse_overrides(items: list[str]) -> dict:
    """`KEY=VALUE` strings → parameters; VALUE is read as JSON when it parses (0, 0.1, "BIO")."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or key not in PARAMS:
            raise SystemExit(f"--crf-param {item!r}: expected KEY=VALUE with KEY one of {', '.join(PARAMS)}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def params_hash(params: dict, examples: list[Example]) -> str:
    """Hash of the parameters, the training data, the feature code, the word lists and the rules
    (their labels are features: a rule change retrains)."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode())
    digest.update(Path(crf_backend.__file__).read_bytes())
    digest.update(Path(clustering.__file__).read_bytes())
    digest.update(rules_hash().encode())
    digest.update(json.dumps(crf_backend.lexicon_lists(), sort_keys=True, ensure_ascii=False).encode())
    for example in examples:
        digest.update(example.text.encode())
        digest.update(repr(example.entities).encode())
    return digest.hexdigest()[:12]


def package(model_file: Path, out_dir: Path, meta: dict) -> Path:
    """Copy the trained model, the clusters.json beside it (a stale one in out_dir goes when it
    has none) and its difang.json into out_dir (kept: MODEL_CARD.md)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model_file, out_dir / crf_backend.MODEL_FILE)
    clusters = model_file.parent / crf_backend.CLUSTERS_FILE
    if clusters.is_file():
        shutil.copyfile(clusters, out_dir / crf_backend.CLUSTERS_FILE)
    else:
        (out_dir / crf_backend.CLUSTERS_FILE).unlink(missing_ok=True)
    meta = {"name": MODEL_NAME, "version": MODEL_VERSION, **meta}
    (out_dir / crf_backend.META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return out_dir
