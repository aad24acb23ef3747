"""The pipeline config: one strict, typed section per stage, loaded from YAML plus `--set` overrides."""

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError

from pipeline.configbase import StageConfig
from pipeline.errors import ConfigError
from pipeline.stages.clean import CleanConfig
from pipeline.stages.ingest import IngestConfig
from pipeline.stages.ner import NerConfig
from pipeline.stages.places import PlacesConfig
from pipeline.stages.registry import RegistryConfig
from pipeline.stages.relate import RelateConfig
from pipeline.stages.segment import SegmentConfig
from pipeline.stages.tokens import TokensConfig

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = REPO_ROOT / "configs" / "default.yaml"


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


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        key = ".".join(str(p) for p in loc)
        if item["type"] == "extra_forbidden":
            allowed = ", ".join(_allowed_keys(PipelineConfig, loc)) or "(none)"
            lines.append(f"unknown config key '{key}'; allowed keys here: {allowed}")
        elif item["type"] == "literal_error":
            lines.append(f"config key '{key}': {item['msg']} (got {item['input']!r})")
        else:
            lines.append(f"config key '{key}': {item['msg']} (got {item['input']!r})")
    return "; ".join(lines)


def parse_override(text: str) -> tuple[list[str], Any]:
    """Parse `stage.key=value` (value in YAML syntax) into a key path and a value."""
    if "=" not in text:
        raise ConfigError(f"--set {text!r}: expected section.key=value")
    key, raw_value = text.split("=", 1)
    path = [p for p in key.strip().split(".") if p]
    if len(path) < 2:
        raise ConfigError(f"--set {text!r}: the key must name a section and a key, e.g. run.batch_size=32")
    try:
        value = yaml.safe_load(raw_value) if raw_value.strip() else ""
    except yaml.YAMLError as exc:
        raise ConfigError(f"--set {text!r}: value is not valid YAML: {exc}") from exc
    return path, value


def load_config(path: Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> PipelineConfig:
    """Load a YAML config (default: configs/default.yaml), apply overrides and validate strictly."""
    path = Path(path) if path else DEFAULT_CONFIG
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: expected a mapping of sections, got {type(data).__name__}")
    for override in overrides:
        keys, value = parse_override(override)
        node = data
        for part in keys[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"--set {override!r}: '{part}' is not a section")
        node[keys[-1]] = value
    try:
        return PipelineConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
