"""The pipeline config: one strict, typed section per stage, loaded from YAML plus `--set` overrides.

The sections live here, not beside the stages, so that reading or validating a config imports no
stage code (pandas, model libraries); each stage module imports its own section from here.
"""

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, field_validator

from pipeline.configbase import StageConfig
from pipeline.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = REPO_ROOT / "configs" / "default.yaml"


# One section per stage, in run order; each stage receives only its own.
class IngestConfig(StageConfig):
    extensions: tuple[str, ...] = Field((".txt", ".md", ".html", ".htm"), description="File suffixes read as pages; other files are recorded as skipped.")
    max_file_bytes: int = Field(20_000_000, ge=1, description="Larger files are recorded as failed without being read.")
    max_line_chars: int = Field(200_000, ge=1, description="A page with a longer line is recorded as failed (not a newspaper page).")
    min_chars: int = Field(1, ge=0, description="Pages with fewer non-space characters are skipped as empty.")


class CleanConfig(StageConfig):
    """Switches and parameters of the cleaning rules (see the rule functions for what each does)."""

    to_simplified: bool = Field(True, description="Convert a traditional-Chinese page to simplified (OpenCC t2s, one character for one, offsets still point at the traditional raw text) so that models trained on simplified text read it.")
    continuation_markers: bool = Field(True, description="Move (上接1版)/(下转2版) markers out of the text into markers.")
    markdown: bool = Field(True, description="Drop markdown artefacts (#/### headings, **bold**, images, links, rules).")
    site_chrome: bool = Field(True, description="Drop digital-paper site chrome lines (navigation, 放大 缩小 默认, 主办单位, 录入…).")
    captions: bool = Field(True, description="Move photo captions and image credits that interrupt running text into markers.")
    wrap_spaces: bool = Field(True, description="Delete spaces a line wrap left inside Chinese text (统 战工作, 2024 年).")
    keep_latin_cjk_spaces: bool = Field(True, description="Keep a space between a Latin word and a Chinese character (UME 影城).")
    keep_credit_name_spaces: bool = Field(
        True, description="Keep the space between two names of a credit line or byline (编辑：甲某 乙某), which tells them apart."
    )
    fullwidth_punctuation: bool = Field(True, description="Turn half-width ,:;?!()\"' next to Chinese text into full-width forms.")
    join_wrapped_lines: bool = Field(True, description="Join hard-wrapped lines inside sentences; keep paragraph and headline breaks.")
    headline_max_chars: int = Field(40, ge=1, description="Longest line (chars) still treated as a possible headline or caption.")
    caption_max_chars: int = Field(100, ge=1, description="Longest line (chars) that can be a photo caption ending in a credit.")
    wrapped_median_chars: int = Field(30, ge=1, description="A page whose median line is at most this long is hard-wrapped.")
    wrapped_open_share: float = Field(
        0.6, ge=0, le=1, description="A page whose lines of body text mostly (this share or more) end inside a sentence is hard-wrapped, whatever their width."
    )
    max_passes: int = Field(4, ge=1, le=10, description="Repeat the rules until the text stops changing, at most this often.")


class SegmentConfig(StageConfig):
    page_date: dt.date | None = Field(
        None,
        description="Date hint for every page of the run: the date of articles for which the page gives none "
        "(no dateline, 发布时间, masthead or date in the file name), and the year of year-less datelines (7月20日) there.",
    )
    folder_dates: dict[str, dt.date] = Field(
        default_factory=dict,
        description="Date hints per input folder ({\"paperA/2024-03\": 2024-03-20}): like page_date for the files under "
        "that folder (path relative to the input; the longest matching folder wins, then page_date).",
    )


Layer = Literal["model", "rules"]
Backend = Literal["crf", "spacy", "hanlp", "ensemble"]
Label = Literal["PER", "TITLE", "ORG", "LOC", "DATE", "MONEY", "PERCENT", "QUANTITY"]
Strategy = Literal["vote", "union", "priority"]
Source = Literal["rules", "spacy", "hanlp"]

# PER/ORG/LOC: chosen on the leave-one-document-out comparison (python -m
# pipeline.evaluation.backends_eval, models/hanlp_ner/MODEL_CARD.md), a majority vote of rules,
# spaCy and HanLP; union and priority let each model's false positives through. The other labels:
# the networks trained on People's Daily and the real news tag PER/LOC/ORG only, so a vote would
# drop every rule span of them (2 of 3 layers can never agree): the rules' spans (priority).
DEFAULT_ENSEMBLE: dict[str, str] = {
    "PER": "vote",
    "TITLE": "priority",
    "ORG": "vote",
    "LOC": "vote",
    "DATE": "priority",
    "MONEY": "priority",
    "PERCENT": "priority",
    "QUANTITY": "priority",
}


class NerConfig(StageConfig):
    model: str = Field("models/ner", description="Folder of the trained spaCy NER pipeline (relative paths: from the repo root).")
    layers: list[Layer] = Field(["model", "rules"], description="Which layers run: the trained model, the rules, or both (rules fill gaps).")
    batch_size: int = Field(32, ge=1, description="Articles per spaCy nlp.pipe batch.")
    allow_external_model: bool = Field(False, description="Allow ner.model / ner.hanlp_model to point outside the repository's models/ folder (a HanLP pretrained identifier counts as outside).")
    backend: Backend = Field("crf", description="crf (models/crf_ner, the default), spacy (models/ner), hanlp (ner.hanlp_model) or ensemble (spaCy + HanLP + rules, per-label strategies in ner.ensemble).")
    crf_model: str = Field("models/crf_ner", description="Folder of the trained CRF model (relative paths: from the repo root).")
    rule_fill: list[Label] = Field(["PER", "ORG"], description="crf backend: labels the rules layer may add where the CRF found nothing (the rules always own TITLE, dates and numbers). LOC is left out: on held-out real-news train articles the rules' LOC patterns added more false places than they found.")
    nested: bool = Field(True, description="Also write the organisation part of each TITLE and the places inside each ORG/TITLE as entities with nested_in set.")
    hanlp_model: str = Field("models/hanlp_ner", description="Folder of the trained HanLP model, or a HanLP pretrained identifier (e.g. MSRA_NER_ELECTRA_SMALL_ZH; needs allow_external_model and network).")
    ensemble: dict[Label, Strategy] = Field(
        default_factory=lambda: dict(DEFAULT_ENSEMBLE),
        description="Per-label strategy of the ensemble backend: vote (majority of layers), union (every layer) or priority (first layer in ensemble_priority, the next ones fill gaps). Labels not given keep their default.",
    )
    ensemble_priority: list[Source] = Field(["rules", "spacy", "hanlp"], description="Order of trust of the ensemble's layers (priority strategy and overlap resolution).")

    @field_validator("layers")
    @classmethod
    def _layers(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one layer (model, rules) is needed")
        if len(set(value)) != len(value):
            raise ValueError("each layer may appear once")
        return value

    @field_validator("ensemble")
    @classmethod
    def _ensemble(cls, value: dict[str, str]) -> dict[str, str]:
        return {**DEFAULT_ENSEMBLE, **value}

    @field_validator("ensemble_priority")
    @classmethod
    def _priority(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each layer may appear once")
        return value + [s for s in ("rules", "spacy", "hanlp") if s not in value]


class PlacesConfig(StageConfig):
    home_area: str | None = Field(None, description="The paper's home area, used as context to choose between same-named divisions: a name (重庆市江津区, 江津区) or an adcode (500116).")
    scan: bool = Field(True, description="Also find division names the NER did not tag (full names and short forms next to the article's other places; a township's stem once the article names the township in full).")
    folder_home_areas: dict[str, str] = Field(
        default_factory=dict,
        description="Home areas per input folder ({\"jiangjin_daily\": \"江津区\"}): like home_area for the files under that folder "
        "(path relative to the input; the longest matching folder wins, then home_area).",
    )


class TokensConfig(StageConfig):
    enabled: bool = Field(False, description="Segment articles into words; when false the tokens table is written empty.")
    model: str = Field("models/pkuseg", description="Folder of the trained pkuseg model (relative paths: from the repo root).")
    user_dict: bool = Field(True, description="Use the domain user dictionary shipped in the model folder (user_dict.txt).")
    allow_external_model: bool = Field(False, description="Allow tokens.model to point outside the repository's models/ folder.")


class RelateConfig(StageConfig):
    officials: bool = Field(True, description="Extract official → post pairs.")
    metrics: bool = Field(True, description="Extract metric → value figures.")
    bylines_as_posts: bool = Field(True, description="Keep reporters/correspondents from bylines (记者, 通讯员…) as officials rows.")
    max_evidence_chars: int = Field(300, ge=20, description="Evidence sentences are cut to this length.")


class RegistryConfig(StageConfig):
    """No options: people are keyed by officials.person_id (pipeline/ids.py), journalists apart from officials."""


class RunConfig(StageConfig):
    executor: Literal["local", "dask"] = Field("local", description="Where batches run.")
    workers: int = Field(1, ge=1, description="Processes for the local executor, workers for a Dask LocalCluster.")
    batch_size: int = Field(16, ge=1, description="Documents per batch (one Parquet part file per batch).")
    dask_address: str | None = Field(None, description="Address of an existing Dask scheduler; unset starts a LocalCluster.")


class PipelineConfig(StageConfig):
    run: RunConfig = RunConfig()
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    segment: SegmentConfig = SegmentConfig()
    ner: NerConfig = NerConfig()
    places: PlacesConfig = PlacesConfig()
    tokens: TokensConfig = TokensConfig()
    relate: RelateConfig = RelateConfig()
    registry: RegistryConfig = RegistryConfig()

    def section(self, name: str) -> StageConfig:
        return getattr(self, name)

    def config_hash(self) -> str:
        return stable_hash(self.model_dump(mode="json"))


def stable_hash(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


def _allowed_keys(model: type[StageConfig], loc: tuple) -> list[str]:
    """The field names allowed at the nested location `loc` of `model`."""
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        if field is None or not isinstance(field.annotation, type) or not issubclass(field.annotation, StageConfig):
            return []
        model = field.annotation
    return sorted(model.model_fields)


def _describe(error: ValidationError, path: Path, overridden: dict[tuple[str, ...], str]) -> str:
    """One clause per invalid key, each naming where the value came from: the `--set` that wrote
    it (`overridden`: key path → override text), else the config file `path`."""
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        key = ".".join(str(p) for p in loc)
        if item["type"] == "extra_forbidden":
            allowed = ", ".join(_allowed_keys(PipelineConfig, loc)) or "(none)"
            message = f"unknown config key '{key}'; allowed keys here: {allowed}"
        else:
            message = f"config key '{key}': {item['msg']} (got {item['input']!r})"
        lines.append(f"{_source(loc, path, overridden)}: {message}")
    return "; ".join(lines)


def _source(loc: tuple, path: Path, overridden: dict[tuple[str, ...], str]) -> str:
    """`--set 'key=value'` if an override wrote the key at `loc` (or the section or item holding it), else `path`."""
    loc = tuple(str(part) for part in loc)
    for keys, text in overridden.items():
        common = min(len(keys), len(loc))
        if keys[:common] == loc[:common]:
            return f"--set {text!r}"
    return str(path)


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a value YAML reads as a timestamp but no calendar has
    (2023-02-30, 2023-13-01, 25:00) stays the string written, so the config's validation names the
    key and where it came from instead of PyYAML raising a bare ValueError."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_object(self, node, deep=False):
        """Any value a constructor cannot build (!!int many) becomes a YAML error marked with its
        line and column, so the message says where it is."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {exc}", node.start_mark) from None


_ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", _ConfigLoader.construct_yaml_timestamp)

# What yaml.load can raise on a text it cannot build: YAMLError for syntax, the rest from the
# constructors of explicit tags (!!int many → ValueError).
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError)


def _load_yaml(text: str) -> Any:
    """Parse YAML text with `_ConfigLoader` (no Python objects, only YAML's own types)."""
    return yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass


def _one_line(error: Exception) -> str:
    """A YAML error's text on one line (PyYAML's own spans several, with a caret under the mark)."""
    return " ".join(str(error).replace(' in "<unicode string>"', "").split())


def parse_override(text: str) -> tuple[list[str], Any]:
    """Parse `stage.key=value` (value in YAML syntax) into a key path and a value."""
    if "=" not in text:
        raise ConfigError(f"--set {text!r}: expected section.key=value")
    key, raw_value = text.split("=", 1)
    path = [p for p in key.strip().split(".") if p]
    if len(path) < 2:
        raise ConfigError(f"--set {text!r}: the key must name a section and a key, e.g. run.batch_size=32")
    try:
        value = _load_yaml(raw_value) if raw_value.strip() else ""
    except _YAML_ERRORS as exc:
        raise ConfigError(f"--set {text!r}: config key '{'.'.join(path)}': value is not valid YAML: {_one_line(exc)}") from None
    return path, value


def load_config(path: Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> PipelineConfig:
    """Load a YAML config (default: configs/default.yaml), apply overrides and validate strictly."""
    path = Path(path) if path else DEFAULT_CONFIG
    try:
        data = _load_yaml(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except _YAML_ERRORS as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {_one_line(exc)}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: expected a mapping of sections, got {type(data).__name__}")
    overridden: dict[tuple[str, ...], str] = {}
    for override in overrides:
        keys, value = parse_override(override)
        node = data
        for part in keys[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"--set {override!r}: '{part}' is not a section")
        node[keys[-1]] = value
        overridden[tuple(keys)] = override
    try:
        return PipelineConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, path, overridden)) from None
