"""models/hanlp_ner/MODEL_CARD.md: written by training (data, settings, how to load) and by the
backend comparison (between markers, so retraining keeps it and re-evaluation replaces it)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluation.backends_eval import CARD_END, CARD_START
from pipeline.ner.hanlp_backend import META_FILE, model_id
from pipeline.training.card import folder_size


def _comparison(text: str) -> str:
    if CARD_START in text and CARD_END in text:
        return text[text.index(CARD_START) : text.index(CARD_END) + len(CARD_END)]
    return f"{CARD_START}\n_Not evaluated yet: run `python -m pipeline.evaluation.backends_eval --seeds $SEEDS_DIR`._\n{CARD_END}"


def write_card(model_dir: Path) -> Path:
    """(Re)write the card from difang.json, keeping an existing comparison section."""
    model_dir = Path(model_dir)
    meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    labels = sorted({t[2:] for t in json.loads((model_dir / "vocabs.json").read_text(encoding="utf-8"))["tag"]["idx_to_token"] if t != "O"})
    path = model_dir / "MODEL_CARD.md"
    comparison = _comparison(path.read_text(encoding="utf-8") if path.exists() else "")
    seeds = "\n".join(f"  - `{s['file']}` (sha256 `{s['sha256'][:16]}…`)" for s in meta.get("seeds", []))
    params = meta.get("params", {})
    text = f"""# difang HanLP NER model — `{model_id(str(model_dir))}`

HanLP {config.get('hanlp_version', '?')} `{config.get('classpath')}`: a character BiLSTM-CRF
(random-init character embeddings of size {params.get('embed')}, one BiLSTM layer of {params.get('rnn_hidden')} units per
direction, CRF over BIO tags). No pretrained embeddings, no transformer, nothing downloaded.

## Loading
```python
from pipeline.ner import hanlp_backend   # applies a fix for HanLP's CRF (see below), then hanlp.load
tagger = hanlp_backend.load("models/hanlp_ner")
hanlp_backend.predict(tagger, ["区委常委、统战部部长钱晓岚出席会议。"])
# [[(0, 4, 'TITLE'), (5, 10, 'TITLE'), (10, 13, 'PER')]]
```
or in the pipeline: `--set ner.backend=hanlp` (the rules layer still fills gaps and owns numbers,
as with spaCy) or `--set ner.backend=ensemble`. `hanlp.load("models/hanlp_ner")` alone works too,
but only after `pipeline.ner.hanlp_backend.fix_crf_batch_first()`: HanLP 2.1.5's
`RNNTaggingModel` passes `crf_constraints` (None) as the CRF's `batch_first`, so without the fix
the CRF reads (batch, seq) as (seq, batch) and returns one tag per sentence. The model was trained
with the fix. Input is one token per character; whitespace is written `␣` (as in training).
`difang.json` holds difang's metadata (a `meta.json` would make HanLP take it for a TensorFlow model).

## Labels
{', '.join(labels)}

## Training data
Exactly the spaCy model's (models/ner/MODEL_CARD.md):
- Gold: stand-off annotations in `data/annotations/entities/` over the seed pages (not in the repo):
{seeds}
- Gold offsets mapped through the cleaner's offset map to the clean text: `{json.dumps(meta.get('alignment', {}), ensure_ascii=False)}`.
- {meta.get('n_chunks', '?')} paragraph/sentence chunks of real text + {meta.get('n_synthetic', '?')} invented template sentences
  (`pipeline/training/synthetic.py`), written as character TSV with BIO tags in `build/hanlp/model/train.tsv`:
  `{json.dumps(meta.get('tsv', {}))}`.

## Training
- Parameters `{json.dumps(params)}` (Adam, learning rate annealed on plateau; the epoch with the best
  span F1 on the first 20 real chunks — which are also training data — is kept).
- Trained {meta.get('trained_at', '?')} in {meta.get('training_seconds', '?')} s on 2 CPU cores; config hash `{meta.get('config_hash', '?')}`.
- Retrain: `make train` (or `python -m pipeline.training --seeds $SEEDS_DIR --models hanlp`); a model
  in `build/hanlp/model` trained from identical inputs is reused, `--retrain` forces training.
- Model folder size: {folder_size(model_dir) / 1e6:.1f} MB (config.json, vocabs.json, model.pt weights only; no optimizer state).

## Backend comparison (leave-one-document-out)
{comparison}

## Limits
Five pages of gold from district papers of one city (~30k characters). The tagger sees characters
only (the spaCy model also sees the rules' labels as features), so it is weaker alone on long-tail
organisation and place names; it runs on CPU with torch.
"""
    path.write_text(text, encoding="utf-8")
    return path
