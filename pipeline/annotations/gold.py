"""Load the stand-off gold annotations (data/annotations) together with the raw seed text they index."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS_DIR = REPO_ROOT / "data" / "annotations"
ENTITY_LABELS = ("PER", "TITLE", "ORG", "LOC", "DATE", "MONEY", "PERCENT", "QUANTITY")
VALUE_LABELS = ("MONEY", "PERCENT", "QUANTITY")
RELATION_TYPES = {"official_post": (("PER",), ("TITLE",)), "metric_value": (("METRIC",), VALUE_LABELS)}


@dataclass(frozen=True)
class Span:
    id: str
    start: int  # raw offsets, end exclusive
    end: int
    label: str  # an entity label, or METRIC for metric phrases


@dataclass(frozen=True)
class Relation:
    type: str  # official_post | metric_value
    head: str  # span id
    tail: str


@dataclass
class GoldDocument:
    """One annotated seed: raw text plus entities, metric phrases, relations and article structure."""

    stem: str
    file: str
    sha256: str
    raw: str
    entities: list[Span] = field(default_factory=list)
    metrics: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    captions: list[list[int]] = field(default_factory=list)
    chrome: list[list[int]] = field(default_factory=list)

    def span(self, span_id: str) -> Span:
        return self._by_id()[span_id]

    def _by_id(self) -> dict[str, Span]:
        return {s.id: s for s in (*self.entities, *self.metrics)}

    def surface(self, span: Span) -> str:
        return self.raw[span.start : span.end]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_document(stem: str, seeds_dir: Path, annotations_dir: Path = ANNOTATIONS_DIR) -> GoldDocument:
    """Load one seed's annotations. Does not validate; see pipeline.annotations.validate."""
    entity_file = annotations_dir / "entities" / f"{stem}.json"
    article_file = annotations_dir / "articles" / f"{stem}.json"
    ents = json.loads(entity_file.read_text(encoding="utf-8")) if entity_file.exists() else {}
    arts = json.loads(article_file.read_text(encoding="utf-8")) if article_file.exists() else {}
    name = ents.get("file") or arts.get("file") or f"{stem}.txt"
    raw_path = Path(seeds_dir) / name
    raw = raw_path.read_text(encoding="utf-8")
    return GoldDocument(
        stem=stem,
        file=name,
        sha256=ents.get("sha256") or arts.get("sha256", ""),
        raw=raw,
        entities=[Span(e["id"], e["start"], e["end"], e["label"]) for e in ents.get("entities", [])],
        metrics=[Span(m["id"], m["start"], m["end"], "METRIC") for m in ents.get("metrics", [])],
        relations=[Relation(r["type"], r["head"], r["tail"]) for r in ents.get("relations", [])],
        articles=arts.get("articles", []),
        captions=arts.get("captions", []),
        chrome=arts.get("chrome", []),
    )


def annotated_stems(annotations_dir: Path = ANNOTATIONS_DIR) -> list[str]:
    stems = {p.stem for p in (annotations_dir / "entities").glob("*.json")}
    stems |= {p.stem for p in (annotations_dir / "articles").glob("*.json")}
    return sorted(stems)


def load_all(seeds_dir: Path, annotations_dir: Path = ANNOTATIONS_DIR) -> list[GoldDocument]:
    """Every annotated seed, in file-name order."""
    return [load_document(stem, seeds_dir, annotations_dir) for stem in annotated_stems(annotations_dir)]
