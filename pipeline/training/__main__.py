"""`python -m pipeline.training --seeds DIR` (= `make train`): train and ship every model.

- spaCy NER (models/ner): gold (raw offsets) → clean text through the cleaner's offset map →
  paragraph/sentence chunks + invented sentences → DocBins in build/ner → `spacy train` with
  configs/ner.cfg → pipeline + rules layer written to models/ner with meta and MODEL_CARD.md.
- HanLP NER (models/hanlp_ner): the same chunks and invented sentences → character TSV (BIO) in
  build/hanlp → HanLP's BiLSTM-CRF → models/hanlp_ner with difang.json and MODEL_CARD.md.
- pkuseg word segmenter (models/pkuseg): invented sentences segmented by construction +
  gazetteer words → spacy_pkuseg.train → models/pkuseg with the user dictionary and MODEL_CARD.md
  (scored on data/wordseg/eval.txt).
`--models` picks a subset; a model whose inputs are unchanged since the last build is reused.
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
from pipeline.training.hanlp_train import MODEL_DIR as HANLP_MODEL_DIR
from pipeline.training.train import BUILD_DIR, MODEL_DIR, config_hash, package, rules_hash, train
from pipeline.training.wordseg import MODEL_DIR as PKUSEG_MODEL_DIR

DEFAULTS = {"synthetic": 150, "seed": 0}
MODELS = ("spacy", "hanlp", "pkuseg")


def training_params(synthetic: int, seed: int, max_steps: int | None) -> tuple[dict, dict]:
    """spaCy overrides and the extra parameters that together define a model (hashed into its id)."""
    overrides = {"system.seed": seed}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    return overrides, {"synthetic": synthetic, "synthetic_seed": seed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.training", description="Train the difang models (spaCy NER, HanLP NER, pkuseg word segmenter) from the seed annotations and invented text.")
    parser.add_argument("--seeds", type=Path, required=True, help="folder with the raw seed pages (SEEDS_DIR)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder to write (default: models/ner)")
    parser.add_argument("--synthetic", type=int, default=DEFAULTS["synthetic"], help="number of invented template sentences")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="random seed (training and synthetic text)")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps of configs/ner.cfg")
    parser.add_argument("--retrain", action="store_true", help="train even if build/ holds a model trained from identical inputs")
    parser.add_argument("--workdir", type=Path, default=BUILD_DIR / "model", help="scratch folder for DocBins and spaCy output")
    parser.add_argument("--models", default=",".join(MODELS), help=f"comma-separated subset of {','.join(MODELS)} (default: all)")
    parser.add_argument("--hanlp-out", type=Path, default=HANLP_MODEL_DIR, help="HanLP model folder (default: models/hanlp_ner)")
    parser.add_argument("--hanlp-epochs", type=int, default=None, help="override the HanLP training epochs")
    parser.add_argument("--pkuseg-out", type=Path, default=PKUSEG_MODEL_DIR, help="pkuseg model folder (default: models/pkuseg)")
    args = parser.parse_args(argv)

    models = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = sorted(set(models) - set(MODELS))
    if unknown:
        print(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}", file=sys.stderr)
        return 2
    if not args.seeds.is_dir():
        print(f"seeds folder {args.seeds} does not exist", file=sys.stderr)
        return 2
    if "spacy" in models:
        train_spacy(args)
    if "hanlp" in models:
        train_hanlp_model(args)
    if "pkuseg" in models:
        train_wordseg(args)
    return 0


def _training_data(args: argparse.Namespace) -> tuple[list, list, dict, list]:
    """Gold pages, their chunks mapped onto clean text, the alignment report, invented sentences."""
    docs = load_all(args.seeds)
    examples, report = examples_of(docs)
    return docs, examples, report, synthetic_examples(args.synthetic, args.seed)


def _provenance(docs: list, examples: list, synthetic: list, report, seconds: float) -> dict:
    """What every model card records about its training data and run."""
    return {
        "trained_at": dt.date.today().isoformat(),
        "training_seconds": round(seconds, 1),
        "seeds": [{"file": d.file, "sha256": d.sha256} for d in docs],
        "n_chunks": len(examples),
        "n_synthetic": len(synthetic),
        "alignment": dict(report),
    }


def train_spacy(args: argparse.Namespace) -> None:
    """models/ner: the spaCy pipeline + rules layer, with its model card."""
    docs, examples, report, synthetic = _training_data(args)
    overrides, extra = training_params(args.synthetic, args.seed, args.max_steps)
    print(f"gold: {len(docs)} pages, {len(examples)} chunks, entities {dict(report)}")
    print(f"synthetic: {len(synthetic)} sentences ({sum(len(e.text) for e in synthetic)} chars vs {sum(len(e.text) for e in examples)} real)")
    result = train(examples + synthetic, examples, args.workdir, overrides, reuse=not args.retrain)
    print(f"docbin: {dict(result.docbin_report)}; trained in {result.seconds:.0f}s")
    meta = {
        "config_hash": config_hash(overrides, extra),
        "rules_hash": rules_hash(),
        **_provenance(docs, examples, synthetic, report, result.seconds),
        "docbin": dict(result.docbin_report),
        "overrides": overrides,
        "extra": extra,
    }
    out = package(result.nlp, args.out, meta)
    card.write_card(out)
    print(f"wrote {out} ({card.folder_size(out) / 1e6:.1f} MB)")


def train_hanlp_model(args: argparse.Namespace) -> None:
    """models/hanlp_ner: HanLP's BiLSTM-CRF on the same chunks + invented sentences, with its card."""
    from pipeline.training import hanlp_card
    from pipeline.training.hanlp_train import BUILD_DIR as HANLP_BUILD, PARAMS, package as package_hanlp, params_hash, train_cached

    docs, examples, report, synthetic = _training_data(args)
    params = {**PARAMS, "seed": args.seed, **({"epochs": args.hanlp_epochs} if args.hanlp_epochs else {})}
    result = train_cached(examples + synthetic, examples[:20], HANLP_BUILD / "model", params, reuse=not args.retrain)
    print(f"hanlp: {dict(result.report)}; trained in {result.seconds:.0f}s")
    meta = {
        "config_hash": params_hash({**params, "synthetic": args.synthetic}, examples + synthetic),
        **_provenance(docs, examples, synthetic, report, result.seconds),
        "tsv": dict(result.report),
        "params": params,
    }
    out = package_hanlp(result.model_dir, args.hanlp_out, meta)
    hanlp_card.write_card(out)
    print(f"wrote {out} ({card.folder_size(out) / 1e6:.1f} MB)")


def train_wordseg(args: argparse.Namespace) -> None:
    """models/pkuseg: the word segmenter + user dictionary, scored on data/wordseg/eval.txt, with its card."""
    import contextlib
    import io

    from pipeline.training import pkuseg_card
    from pipeline.training.wordseg import evaluate_segmenters, train_pkuseg

    with contextlib.redirect_stdout(io.StringIO()):  # spacy_pkuseg prints every iteration
        info = train_pkuseg(args.pkuseg_out, seed=args.seed)
    scores = evaluate_segmenters(args.pkuseg_out)
    pkuseg_card.write_card(args.pkuseg_out, info, scores)
    print(f"pkuseg: trained in {info['seconds']:.0f}s; word F1 on data/wordseg/eval.txt " + ", ".join(f"{k} {v['f']:.3f}" for k, v in scores.items()))
    print(f"wrote {args.pkuseg_out} ({card.folder_size(args.pkuseg_out) / 1e6:.1f} MB)")


if __name__ == "__main__":
    raise SystemExit(main())
