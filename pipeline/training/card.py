"""models/ner/MODEL_CARD.md: written by training (data, config, how to retrain) and by the LODO
evaluation (scores table, between markers so retraining keeps it and re-evaluation replaces it)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipeline.training.train import MODEL_DIR, model_id_of

LODO_START = "<!-- lodo:start -->"
LODO_END = "<!-- lodo:end -->"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _lodo_section(text: str) -> str:
    if LODO_START in text and LODO_END in text:
        return text[text.index(LODO_START) : text.index(LODO_END) + len(LODO_END)]
    return f"{LODO_START}\n_Not evaluated yet: run `python -m pipeline.evaluation.ner_eval --seeds $SEEDS_DIR`._\n{LODO_END}"


def write_card(model_dir: Path = MODEL_DIR) -> Path:
    """(Re)write the card from the model's meta.json, keeping an existing LODO section."""
    model_dir = Path(model_dir)
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    info = meta.get("difang", {})
    path = model_dir / "MODEL_CARD.md"
    lodo = _lodo_section(path.read_text(encoding="utf-8") if path.exists() else "")
    seeds = "\n".join(f"  - `{s['file']}` (sha256 `{s['sha256'][:16]}…`)" for s in info.get("seeds", []))
    labels = ", ".join(meta.get("labels", {}).get("ner", []))
    text = f"""# difang NER model — `{model_id_of(meta)}`

spaCy {meta.get('spacy_version', '')} `zh` pipeline, char segmenter (one token per character):
`difang_rule_features` (writes the rules layer's label of each character into `token.lemma_`) →
`tok2vec` (MultiHashEmbed over NORM + SHAPE + that rule label, MaxoutWindowEncoder; no pretrained
vectors, no transformers) → `ner` (transition-based) → `difang_rules` (gazetteers + number
patterns, `pipeline/ner/rules.py`: every rule entity is kept, the model adds PER where the rules
found nothing (`model_labels`), the rules own DATE/MONEY/PERCENT/QUANTITY).

## Loading
```python
import spacy
nlp = spacy.load("models/ner")   # with difang installed (pip install -e .)
```
`spacy.load` finds the `difang_rule_features` and `difang_rules` factories through difang's
`spacy_factories` entry points (without the package installed, `import pipeline.ner` first; the ner stage does; `pipeline/ner/spacy_backend.py` loads by local path
only and never downloads). "Model alone" below = `nlp(text, disable=["difang_rules"])` (the
network still sees the rule features); rule entities are listed in `doc.spans["rules"]`.

## Labels
{labels}

## Training data
- Gold: stand-off annotations in `data/annotations/entities/` over the seed pages (not in the repo):
{seeds}
- Gold offsets index the raw pages; they are mapped through the cleaner's offset map to the clean
  text the pipeline feeds the model. Alignment report: `{json.dumps(info.get('alignment', {}), ensure_ascii=False)}`
  (`removed_by_cleaner`: the entity's text is in a caption/chrome the cleaner moves out of the text).
  DocBin: `{json.dumps(info.get('docbin', {}))}`.
- {info.get('n_chunks', '?')} paragraph/sentence chunks of real text (chunks never mix pages or cut entities).
- {info.get('n_synthetic', '?')} invented template sentences (`pipeline/training/synthetic.py`: invented
  names × standard post titles × verbs × figures, fixed seed) — a minority of the text.

## Training
- Config: `configs/ner.cfg`, overrides `{json.dumps(info.get('overrides', {}))}`, parameters
  `{json.dumps(info.get('extra', {}))}`; rules hash `{info.get('rules_hash', '?')}`; config hash
  `{info.get('config_hash', '?')}` (covers config, overrides, parameters and rules).
- Trained {info.get('trained_at', '?')} in {info.get('training_seconds', '?')} s on 2 CPU cores; fixed
  step count (no early stopping), the shipped weights are the last step.
- Retrain: `make train` (= `python -m pipeline.training --seeds $SEEDS_DIR`; scratch in `build/ner/`;
  a model already in `build/ner/model` trained from identical inputs is reused, `--retrain` forces
  training). Scores: `python -m pipeline.evaluation.ner_eval --seeds $SEEDS_DIR` (~7 min, 2 folds at a time).
- Model folder size: {folder_size(model_dir) / 1e6:.1f} MB (no optimizer state).
- Deterministic: fixed seeds (spaCy `system.seed`, synthetic text seed). Verified byte-identical:
  two independent `--retrain` runs gave identical weights, config, vocab and gazetteer files (only
  `training_seconds` in meta.json differs); `tests/test_training.py` checks this on a tiny config.
- The network's input includes the rules' output (`difang_rule_features`), so changing
  `pipeline/ner/rules.py` or `data/gazetteers/` requires `make train` (the rules hash is in the
  model id's config hash; `build/` caches a model only for identical inputs).

## Leave-one-document-out scores
{lodo}

## Limits
Five pages of gold (~30k characters) from district papers of one city: expect lower scores on
other regions, other layouts and long-tail organisation names. Rule patterns favour precision on
numbers and dates; the ORG/LOC gazetteers list only public administrative names.
"""
    path.write_text(text, encoding="utf-8")
    return path


def write_lodo(result: dict, table: str, model_dir: Path = MODEL_DIR) -> Path:
    """Put the LODO table into the card (creating a minimal card when no model exists yet)."""
    model_dir = Path(model_dir)
    path = model_dir / "MODEL_CARD.md"
    folds = "\n".join(
        f"| {f['held_out']} | {f['n_gold']} | {f['train_seconds']} | {f['model']:.3f} | {f['rules']:.3f} | {f['model+rules']:.3f} |"
        for f in result["folds"]
    )
    section = f"""{LODO_START}
Evaluated {dt.date.today().isoformat()}: train on four seeds + {result['synthetic']} invented sentences, score
on the fifth seed's clean page text (exact span and label), config hash `{result.get('config_hash', '?')}`
(same settings as the shipped model). Total time {result['seconds']:.0f} s on 2 CPU cores (two folds at a time).
Columns: P/R/F1 of the model alone (network without the final rules layer), the rules alone and
model + rules (the shipped default). Caveat: the gazetteers and patterns were written while reading
all five seeds, so the rules' share of these scores is optimistic; only the network's weights
are truly held out. Training length, the rules-first combination and letting the model add only
PER on top of the rules (`model_labels`) were also chosen on these seeds. Exact span + label match.

{table}

| held-out seed | gold entities | train s | model F1 | rules F1 | model+rules F1 |
|---|---:|---:|---:|---:|---:|
{folds}
{LODO_END}"""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        text = text.replace(_lodo_section(text), section) if LODO_START in text else text + "\n" + section + "\n"
    else:
        model_dir.mkdir(parents=True, exist_ok=True)
        text = f"# difang NER model card\n\n## Leave-one-document-out scores\n{section}\n"
    path.write_text(text, encoding="utf-8")
    return path
