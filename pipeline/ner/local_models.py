"""Model folders on disk: where a configured model lives, checked before any library loads it.

`resolve_model_dir` checks the configured path before spaCy, CRFsuite, HanLP or pkuseg is touched:
a bare name such as `zh_core_web_sm` fails at once (difang never downloads a model), a folder
outside the repo's models/ needs `allow_external_model`, a folder without the model's files says
to run `make train`. Importing this module loads no NLP library.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ModelError

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
    section = key.split(".")[0]  # the config section the message names (ner, tokens)
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
            f"set {section}.allow_external_model=true to load a model from elsewhere"
        )
    if not all((path / name).is_file() for name in required):
        what = "word segmentation (tokens)" if section == "tokens" else "NER"
        raise ModelError(f"no trained {what} model in {path} (config key '{key}'); run `make train` to build it")
    return path


def rules_id() -> str:
    """Identifier of the rules layer alone: a hash of the repo's gazetteers and rule code, and of
    the figures found after the model (pipeline/ner/late_figures.py, not part of `rules_hash`,
    which the CRF's config hash covers)."""
    from pipeline.ner.late_figures import late_figures_hash
    from pipeline.ner.rules import rules_hash

    return f"difang_rules+{rules_hash()}+{late_figures_hash()}"
