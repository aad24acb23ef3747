"""`python -m pipeline.training --seeds DIR` (= `make train`): train and ship models/ner.

Gold (raw offsets) → clean text through the cleaner's offset map → paragraph/sentence chunks →
+ invented sentences → DocBins in build/ner → `spacy train` with configs/ner.cfg → pipeline +
rules layer written to models/ner with meta and MODEL_CARD.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pipeline.annotations.gold import load_all
from pipeline.training import card
from pipeline.training.corpus import examples_of
from pipeline.training.synthetic import synthetic_examples
from pipeline.training.train import BUILD_DIR, MODEL_DIR, config_hash, package, rules_hash, train

DEFAULTS = {"synthetic": 150, "seed": 0}


def training_params(synthetic: int, seed: int, max_steps: int | None) -> tuple[dict, dict]:
    """spaCy overrides and the extra parameters that together define a model (hashed into its id)."""
    overrides = {"system.seed": seed}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    return overrides, {"synthetic": synthetic, "synthetic_seed": seed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.training", description="Train the difang NER model from the seed annotations.")
    parser.add_argument("--seeds", type=Path, required=True, help="folder with the raw seed pages (SEEDS_DIR)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder to write (default: models/ner)")
    parser.add_argument("--synthetic", type=int, default=DEFAULTS["synthetic"], help="number of invented template sentences")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="random seed (training and synthetic text)")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps of configs/ner.cfg")
    parser.add_argument("--retrain", action="store_true", help="train even if build/ holds a model trained from identical inputs")
    parser.add_argument("--workdir", type=Path, default=BUILD_DIR / "model", help="scratch folder for DocBins and spaCy output")
    args = parser.parse_args(argv)

    if not args.seeds.is_dir():
        print(f"seeds folder {args.seeds} does not exist", file=sys.stderr)
        return 2
    docs = load_all(args.seeds)
    examples, report = examples_of(docs)
    synthetic = synthetic_examples(args.synthetic, args.seed)
    overrides, extra = training_params(args.synthetic, args.seed, args.max_steps)
    print(f"gold: {len(docs)} pages, {len(examples)} chunks, entities {dict(report)}")
    print(f"synthetic: {len(synthetic)} sentences ({sum(len(e.text) for e in synthetic)} chars vs {sum(len(e.text) for e in examples)} real)")
    result = train(examples + synthetic, examples, args.workdir, overrides, reuse=not args.retrain)
    print(f"docbin: {dict(result.docbin_report)}; trained in {result.seconds:.0f}s")
    meta = {
        "config_hash": config_hash(overrides, extra),
        "rules_hash": rules_hash(),
        "trained_at": dt.date.today().isoformat(),
        "training_seconds": round(result.seconds, 1),
        "seeds": [{"file": d.file, "sha256": d.sha256} for d in docs],
        "n_chunks": len(examples),
        "n_synthetic": len(synthetic),
        "alignment": dict(report),
        "docbin": dict(result.docbin_report),
        "overrides": overrides,
        "extra": extra,
    }
    out = package(result.nlp, args.out, meta)
    card.write_card(out)
    print(f"wrote {out} ({card.folder_size(out) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
