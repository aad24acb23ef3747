"""Side-by-side leave-one-document-out comparison of the NER backends, from one run.

Same folds as ner_eval (train on four seeds + the invented sentences, score on the fifth seed's
clean page text, exact span + label): the spaCy fold models are ner_eval's own (trained or reused
from build/ner/lodo/), the HanLP fold models train in build/hanlp/lodo/ (reused when inputs are
identical). Setups: spaCy alone, spaCy + rules (backend spacy, the shipped default), HanLP alone,
HanLP + rules (backend hanlp), rules alone, the ensemble with the default per-label strategies,
and the ensemble with one strategy for every label (vote / union / priority), so the per-label
choice can be read off the table. Speed: characters per second of prediction on the held-out
pages (models already loaded), summed over the folds.

    python -m pipeline.evaluation.backends_eval --seeds DIR [--workers 2] [--write-card]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from pipeline.annotations.gold import ENTITY_LABELS, load_all
from pipeline.evaluation.ner_eval import compare, score
from pipeline.markdown import replace_marked
from pipeline.training.corpus import clean_gold, examples_of
from pipeline.training.hanlp_card import CARD_END, CARD_START
from pipeline.training.synthetic import synthetic_examples

LAYERS = ("spacy", "spacy+rules", "hanlp", "rules")
ENSEMBLES = {
    "ensemble": None,  # the default strategies of NerConfig
    "ensemble (all vote)": "vote",
    "ensemble (all union)": "union",
    "ensemble (all priority)": "priority",
}
SETUPS = ("spacy", "spacy+rules", "hanlp", "hanlp+rules", "rules", *ENSEMBLES)


def _fold(seeds_dir: str, held_out_stem: str, synthetic: int, seed: int, hanlp_params: dict | None) -> dict:
    """Train (or reuse) the spaCy and HanLP fold models; predictions and timings of each layer."""
    import torch

    from pipeline.ner import hanlp_backend
    from pipeline.ner.component import FACTORY
    from pipeline.ner.rules import default_rules
    from pipeline.training.hanlp_train import BUILD_DIR as HANLP_BUILD, train_cached
    from pipeline.training.train import BUILD_DIR, add_rules, train, training_params

    torch.set_num_threads(1)
    docs = load_all(Path(seeds_dir))
    held_out = next(d for d in docs if d.stem == held_out_stem)
    examples, _ = examples_of([d for d in docs if d.stem != held_out_stem])
    train_examples = examples + synthetic_examples(synthetic, seed)
    overrides, _ = training_params(synthetic, seed, None)
    spacy_result = train(train_examples, examples[:20], BUILD_DIR / "lodo" / held_out_stem, overrides, reuse=True)
    nlp = add_rules(spacy_result.nlp)

    hanlp_result = train_cached(train_examples, examples[:20], HANLP_BUILD / "lodo" / held_out_stem, hanlp_params, threads=1)
    hanlp_seconds = round(hanlp_result.seconds, 1)
    tagger = hanlp_backend.load(str(hanlp_result.model_dir))

    gold_page = clean_gold(held_out)
    text = gold_page.text
    rules = default_rules()
    runs = {
        "spacy": lambda: {(e.start_char, e.end_char, e.label_) for e in nlp(text, disable=[FACTORY]).ents},
        "spacy+rules": lambda: {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents},
        "hanlp": lambda: set(hanlp_backend.predict(tagger, [text])[0]),
        "rules": lambda: {(m.start, m.end, m.label) for m in rules.find(text)},
    }
    predictions, seconds = {}, {}
    for name, run in runs.items():
        run()  # warm-up (lazy initialisation is not prediction speed)
        started = time.perf_counter()
        predictions[name] = run()
        seconds[name] = time.perf_counter() - started
    return {
        "held_out": held_out_stem,
        "gold": set(gold_page.entities),
        "chars": len(text),
        "predictions": predictions,
        "seconds": seconds,
        "train_seconds": {"spacy": round(spacy_result.seconds, 1), "hanlp": hanlp_seconds},
    }


def _combined(fold: dict, strategies: dict[str, str], priority: list[str], layers: tuple[str, ...]) -> tuple[set, float]:
    from pipeline.ner.ensemble import combine

    started = time.perf_counter()
    result = combine({layer: sorted(fold["predictions"][layer]) for layer in layers}, strategies, priority)
    spent = time.perf_counter() - started + sum(fold["seconds"][layer] for layer in layers)
    return {(c.start, c.end, c.label) for c in result}, spent


def evaluate_backends(seeds_dir: Path, workers: int = 2, synthetic: int | None = None, seed: int | None = None, hanlp_params: dict | None = None, verbose: bool = True) -> dict:
    """{"scores": {setup: score dict}, "chars_per_s": {setup: float}, "folds": [...], "seconds": float}."""
    from pipeline.stages.ner import NerConfig
    from pipeline.training.train import DEFAULTS

    synthetic = DEFAULTS["synthetic"] if synthetic is None else synthetic
    seed = DEFAULTS["seed"] if seed is None else seed
    stems = [d.stem for d in load_all(Path(seeds_dir))]
    started = time.perf_counter()
    jobs = [(str(seeds_dir), stem, synthetic, seed, hanlp_params) for stem in stems]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            folds = list(pool.map(_fold, *zip(*jobs)))
    else:
        folds = [_fold(*job) for job in jobs]
    default = NerConfig()
    priority = list(default.ensemble_priority)
    counts = {s: {k: Counter() for k in ("tp", "fp", "fn")} for s in SETUPS}
    spent = Counter()
    chars = 0
    for fold in folds:
        chars += fold["chars"]
        setups = {name: (fold["predictions"][name], fold["seconds"][name]) for name in LAYERS}
        setups["hanlp+rules"] = _combined(fold, {}, ["rules", "hanlp"], ("rules", "hanlp"))
        for name, strategy in ENSEMBLES.items():
            strategies = dict(default.ensemble) if strategy is None else {label: strategy for label in ENTITY_LABELS}
            setups[name] = _combined(fold, strategies, priority, ("rules", "spacy", "hanlp"))
        for name, (predicted, seconds) in setups.items():
            compare(fold["gold"], predicted, counts[name])
            spent[name] += seconds
        if verbose:
            print(f"fold {fold['held_out']}: spaCy trained {fold['train_seconds']['spacy']:.0f}s, HanLP {fold['train_seconds']['hanlp']:.0f}s", flush=True)
    return {
        "scores": {s: score(counts[s]) for s in SETUPS},
        "chars_per_s": {s: chars / spent[s] if spent[s] else 0.0 for s in SETUPS},
        "folds": [{"held_out": f["held_out"], "chars": f["chars"], "n_gold": len(f["gold"]), "train_seconds": f["train_seconds"]} for f in folds],
        "seconds": round(time.perf_counter() - started, 1),
        "ensemble": dict(default.ensemble),
        "priority": priority,
    }


def format_table(result: dict) -> str:
    """Markdown: F1 per label and setup, micro P/R/F1, chars/s."""
    head = "| label (gold) | " + " | ".join(SETUPS) + " |"
    lines = [head, "|---|" + "---:|" * len(SETUPS)]
    for label in (*ENTITY_LABELS, "micro"):
        support = result["scores"]["rules"][label]
        name = "**micro F1**" if label == "micro" else label
        cells = []
        for s in SETUPS:
            f = result["scores"][s][label]["f"]
            best = max(result["scores"][t][label]["f"] for t in SETUPS)
            cells.append(f"**{f:.3f}**" if f == best and f > 0 else f"{f:.3f}")
        lines.append(f"| {name} ({support['tp'] + support['fn']}) | " + " | ".join(cells) + " |")
    lines.append("| micro P / R | " + " | ".join(f"{result['scores'][s]['micro']['p']:.3f} / {result['scores'][s]['micro']['r']:.3f}" for s in SETUPS) + " |")
    lines.append("| chars/s (predict) | " + " | ".join(f"{result['chars_per_s'][s]:,.0f}" for s in SETUPS) + " |")
    return "\n".join(lines)


def best_strategies(result: dict) -> dict[str, str]:
    """Per label, the single-strategy ensemble column with the highest F1 (ties: the default's)."""
    best = {}
    for label in ENTITY_LABELS:
        ranked = sorted(
            ((result["scores"][name][label]["f"], strategy == result["ensemble"].get(label), strategy) for name, strategy in ENSEMBLES.items() if strategy),
            reverse=True,
        )
        best[label] = ranked[0][2]
    return best


def card_section(result: dict, table: str) -> str:
    folds = "\n".join(
        f"| {f['held_out']} | {f['chars']} | {f['n_gold']} | {f['train_seconds']['spacy']} | {f['train_seconds']['hanlp']} |" for f in result["folds"]
    )
    strategies = ", ".join(f"{k}: {v}" for k, v in result["ensemble"].items())
    return f"""{CARD_START}
Evaluated {dt.date.today().isoformat()} with `python -m pipeline.evaluation.backends_eval` ({result['seconds']:.0f} s on 2 CPU
cores, two folds at a time; fold models are reused from build/ when their inputs are unchanged, a
run from scratch trains 5 spaCy + 5 HanLP fold models, ~15–25 min): leave-one-document-out over the five annotated seeds, the same folds
and training data as `ner_eval` (four seeds + the invented sentences; exact span + label on the
held-out seed's clean page text). F1 per label; the best of each row in bold. `+rules` = the rule
layer fills what the model left empty and owns numbers; `ensemble` = the default per-label
strategies ({strategies}; priority {' > '.join(result['priority'])}); the `all …` columns use one
strategy for every label. chars/s = prediction only (models loaded), one thread per fold, summed
over folds; the ensemble's speed includes running its three layers. Caveats: the rules, the
ensemble defaults and the HanLP settings were chosen looking at these seeds (only the networks'
weights are truly held out); five pages are little data, one entity ≈ 0.1–0.5 points of F1.

{table}

| held-out seed | chars | gold entities | spaCy train s | HanLP train s |
|---|---:|---:|---:|---:|
{folds}
{CARD_END}"""


def write_card(section: str, path: Path) -> Path:
    text = path.read_text(encoding="utf-8") if path.exists() else "# difang HanLP NER model card\n"
    text = replace_marked(text, CARD_START, CARD_END, section, heading="## Backend comparison (leave-one-document-out)\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    from pipeline.training.hanlp_train import MODEL_DIR

    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.backends_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2, help="folds run in parallel (processes)")
    parser.add_argument("--hanlp-epochs", type=int, default=None, help="override the HanLP training epochs")
    parser.add_argument("--write-card", action="store_true", help="also write the table into models/hanlp_ner/MODEL_CARD.md")
    args = parser.parse_args(argv)
    params = {"epochs": args.hanlp_epochs} if args.hanlp_epochs else None
    result = evaluate_backends(args.seeds, workers=args.workers, hanlp_params=params)
    table = format_table(result)
    print(table)
    print(f"best strategy per label on these folds: {best_strategies(result)} (default: {result['ensemble']})")
    print(f"total {result['seconds']:.0f}s")
    if args.write_card:
        print(f"wrote {write_card(card_section(result, table), MODEL_DIR / 'MODEL_CARD.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
