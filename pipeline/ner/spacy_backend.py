"""Load the trained spaCy NER pipeline from a local folder — never by package name, never a download.

`resolve_model_dir` checks the configured path before spaCy is touched: a bare name such as
`zh_core_web_sm` fails at once (spaCy would look for an installed package; difang runs offline),
a folder outside the repo's models/ needs `allow_external_model`, a missing folder says to run
`make train`. The pipeline is loaded once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pipeline.ner  # noqa: F401  (registers the difang_rules factory before spacy.load)
from pipeline.errors import ModelError
from pipeline.ner.component import FACTORY

REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = REPO_ROOT / "models"


def resolve_model_dir(
    model: str,
    allow_external_model: bool = False,
    key: str = "ner.model",
    required: tuple[str, ...] = ("meta.json", "config.cfg"),
    example: str = "models/ner",
) -> Path:
    """The model folder named by config key `key` (ner.model), or a ModelError saying what to do.

    `required` are the files a trained model folder must hold (spaCy's by default; the HanLP
    backend passes its own), `example` the shipped folder named in the messages."""
    text = str(model).strip()
    if not text:
        raise ModelError(f"config key '{key}' is empty; set it to a model folder such as {example}")
    path = Path(text).expanduser()
    looks_like_path = path.is_absolute() or "/" in text or "\\" in text or text.startswith(".")
    if not path.is_absolute():
        path = REPO_ROOT / path
    path = path.resolve()
    if not looks_like_path and not path.exists():
        raise ModelError(
            f"config key '{key}' = {text!r} is not a model folder. difang never downloads models "
            "(pretrained spaCy packages such as zh_core_web_sm are not available offline); "
            f"train one with `make train` (writes {example}) or point {key} at a local folder"
        )
    inside = path == MODELS_DIR.resolve() or MODELS_DIR.resolve() in path.parents
    if not inside and not allow_external_model:
        raise ModelError(
            f"config key '{key}' = {text!r} is outside the repository's models/ folder; "
            "set ner.allow_external_model=true to load a model from elsewhere"
        )
    if not all((path / name).is_file() for name in required):
        raise ModelError(f"no trained NER model in {path} (config key '{key}'); run `make train` to build it")
    return path


def read_meta(model_dir: Path) -> dict:
    return json.loads((Path(model_dir) / "meta.json").read_text(encoding="utf-8"))


def model_id(model_dir: Path) -> str:
    """Identifier of a trained model: lang_name-version+config hash from its meta.json."""
    meta = read_meta(model_dir)
    config = (meta.get("difang") or {}).get("config_hash", "unknown")
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}+{config}"


def rules_id() -> str:
    """Identifier of the rules layer alone: a hash of the repo's gazetteers and rule code."""
    from pipeline.ner.rules import rules_hash

    return f"difang_rules+{rules_hash()}"


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
