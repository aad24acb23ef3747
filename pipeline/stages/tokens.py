"""tokens stage: articles → tokens, the words of each article (spaCy `zh` with the pkuseg segmenter).

Off by default (`tokens.enabled: false`): the table is then written empty, and the run's summary
shows 0 rows. When enabled, the pkuseg model difang trains (models/pkuseg, `make train`) is loaded
by local path into spaCy's Chinese tokenizer, with the domain user dictionary shipped beside it
(post titles, org units, places), so 区委 / 统战部 / 部长 come out as words. Nothing is downloaded;
like the NER models, a folder outside models/ needs `tokens.allow_external_model`.
Whitespace is not a token, punctuation always is one (a word the model glued to a quotation mark
is cut there); every row's `word == articles.text[start:end]`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pandas as pd
import pyarrow as pa

from pipeline.config import TokensConfig
from pipeline.errors import require_extra
from pipeline.offsets import article_span
from pipeline.schemas import TOKENS

PKUSEG_FILES = ("features.msgpack", "weights.npz")
USER_DICT = "user_dict.txt"

# Punctuation that is always a word of its own (not . % - / inside numbers such as 12.5% or 3/4).
PUNCTUATION = frozenset("“”‘’《》〈〉「」『』【】〔〕（）()[]{}，。、；：！？…—,;:!?\"'·")


def split_punctuation(word: str) -> list[str]:
    """A word cut where punctuation starts or ends (“乡村 → “ 乡村): punctuation is always a word of
    its own, even where the model glued it to a neighbour it never saw in training. A run of the
    same mark (……, ——) stays one word."""
    pieces: list[str] = []
    for ch in word:
        if pieces and (ch in PUNCTUATION) == (pieces[-1][-1] in PUNCTUATION) and (ch not in PUNCTUATION or ch == pieces[-1][-1]):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def _model_dir(config: TokensConfig):
    from pipeline.ner.local_models import resolve_model_dir

    return resolve_model_dir(config.model, config.allow_external_model, key="tokens.model", required=PKUSEG_FILES, example="models/pkuseg")


def model_ids(config: TokensConfig) -> dict[str, str]:
    """{"tokens": pkuseg model id} when enabled (hash of its weights and user dictionary)."""
    if not config.enabled:
        return {}
    for module in ("spacy", "spacy_pkuseg"):
        require_extra(module, "spacy", "tokens.enabled")
    import hashlib

    model_dir = _model_dir(config)
    digest = hashlib.sha256()
    for name in (*PKUSEG_FILES, USER_DICT):
        path = model_dir / name
        if path.is_file() and (name != USER_DICT or config.user_dict):
            digest.update(path.read_bytes())
    return {"tokens": f"pkuseg_{model_dir.name}+{digest.hexdigest()[:12]}"}


@lru_cache(maxsize=4)
def load_segmenter(model_dir: str, user_dict: str | None):
    """A blank spaCy zh pipeline whose tokenizer is the local pkuseg model (+ user dictionary)."""
    from spacy.lang.zh import Chinese

    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    # pkuseg_user_dict=None would make spaCy use the model folder as a dictionary; "default" is
    # spacy-pkuseg's bundled dictionary (part of the package, no download).
    nlp.tokenizer.initialize(pkuseg_model=model_dir, pkuseg_user_dict=user_dict or "default")
    # With a user dictionary spacy-pkuseg also merges words of its bundled general dictionary,
    # gluing words the model was trained to split (200余); see pipeline/training/wordseg.py.
    nlp.tokenizer.pkuseg_seg.postprocesser.do_process = False
    return nlp


def tokens(articles: pd.DataFrame, pages: pd.DataFrame, config: TokensConfig) -> pd.DataFrame:
    """Words of each article with offsets into articles.text, pages.text and (from `pages`' offset
    maps) documents.raw_text; an empty table when disabled."""
    if not config.enabled or articles.empty:
        return TOKENS.empty_table().to_pandas()
    model_dir = _model_dir(config)
    user_dict = str(model_dir / USER_DICT) if config.user_dict and (model_dir / USER_DICT).is_file() else None
    nlp = load_segmenter(str(model_dir), user_dict)
    page_offsets = dict(zip(pages["doc_id"], pages["offsets"])) if len(pages) else {}
    rows = []
    for art in articles.itertuples(index=False):
        text = art.text if isinstance(art.text, str) else ""
        offsets = page_offsets.get(art.doc_id)
        index = 0
        for token in nlp.make_doc(text):
            if token.is_space or not token.text.strip():
                continue
            start = token.idx
            for word in split_punctuation(token.text):
                rows.append(_row(art, index, word, start, offsets))
                index += 1
                start += len(word)
    return pa.Table.from_pylist(rows, schema=TOKENS).to_pandas()


def _row(art, index: int, word: str, start: int, page_offsets) -> dict:
    end = start + len(word)
    page_start, page_end, raw_start, raw_end = article_span(page_offsets, art.page_start, start, end)
    return {
        "token_id": f"{art.article_id}:{index}",
        "article_id": art.article_id,
        "doc_id": art.doc_id,
        "index": index,
        "word": word,
        "start": start,
        "end": end,
        "page_start": page_start,
        "page_end": page_end,
        "raw_start": raw_start,
        "raw_end": raw_end,
        "is_punct": all(unicodedata.category(ch).startswith("P") for ch in word),
    }
