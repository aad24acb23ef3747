"""Load the trained spaCy NER pipeline from a local folder — never by package name, never a download.

The folder is checked first (pipeline/ner/local_models.py: a bare package name fails at once,
difang runs offline); the pipeline is loaded once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pipeline.ner.component  # noqa: F401  (registers the difang_rules factory before spacy.load)
from pipeline.errors import ModelError
from pipeline.ner.component import FACTORY
from pipeline.ner.local_models import MODELS_DIR, REPO_ROOT, resolve_model_dir, rules_id  # noqa: F401  (re-exported)


def read_meta(model_dir: Path) -> dict:
    return json.loads((Path(model_dir) / "meta.json").read_text(encoding="utf-8"))


def model_id(model_dir: Path) -> str:
    """Identifier of a trained model: lang_name-version+config hash from its meta.json."""
    meta = read_meta(model_dir)
    config = (meta.get("difang") or {}).get("config_hash", "unknown")
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}+{config}"


@lru_cache(maxsize=4)
def load_pipeline(model_dir: str):
    """spacy.load of a local model folder, once per process."""
    import spacy

    try:
        return spacy.load(Path(model_dir))
    except Exception as exc:  # a corrupt or incompatible folder: tell the user what to do
        raise ModelError(f"cannot load the NER model in {model_dir}: {exc}; rerun `make train`") from exc


@lru_cache(maxsize=1)
def rules_pipeline():
    """A blank zh (char) pipeline with only the rules layer, for `ner.layers: [rules]`."""
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY)
    return nlp
