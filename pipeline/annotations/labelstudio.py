"""Label Studio interop: GoldDocument ⇄ Label Studio JSON tasks (text-span labels + relations).

Export: one task per seed; `data.text` is the raw page read from the seeds folder at export time
(so exported files hold newspaper text: write them outside the repo, never commit them). Entities
and metric phrases become `labels` results (label METRIC for metric phrases; they may overlap
entities), relations become `relation` results; our span ids are kept as result ids. The article
structure has no Label Studio equivalent here and rides along, offsets only, in `data.difang`.

Label Studio counts offsets in UTF-16 code units (JavaScript strings); we count Python code points.
Both directions convert, so pages with characters outside the BMP round-trip exactly.

Import: the text of each task must be byte-identical to the seed file named in it (checked with
sha256), otherwise `LabelStudioError` explains which task and file disagree.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from pathlib import Path

from pipeline.annotations.gold import (
    ANNOTATIONS_DIR,
    REPO_ROOT,
    RELATION_TYPES,
    GoldDocument,
    load_all,
)

FROM_NAME, TO_NAME = "label", "text"  # names in the labelling config below
METRIC = "METRIC"


class LabelStudioError(ValueError):
    """A Label Studio file that cannot be converted (text mismatch, missing seed, bad result)."""


def labelling_config() -> str:
    """A Label Studio labelling config matching the exported results."""
    from pipeline.annotations.gold import ENTITY_LABELS

    labels = "".join(f'<Label value="{x}"/>' for x in (*ENTITY_LABELS, METRIC))
    rels = "".join(f'<Relation value="{r}"/>' for r in RELATION_TYPES)
    return (
        f'<View><Relations>{rels}</Relations>'
        f'<Labels name="{FROM_NAME}" toName="{TO_NAME}">{labels}</Labels>'
        f'<Text name="{TO_NAME}" value="$text" granularity="symbol"/></View>'
    )


# --- offsets: Python code points <-> UTF-16 code units ------------------------------------------


class _Utf16:
    def __init__(self, text: str):
        # code-point indices of characters outside the BMP (each takes two UTF-16 units)
        self.astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_js(self, i: int) -> int:
        return i + bisect_right(self.astral, i - 1)

    def to_py(self, j: int) -> int:
        # number of astral characters fully before unit index j
        k = 0
        for cp in self.astral:
            if cp + k < j:
                k += 1
            else:
                break
        return j - k


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- export ---------------------------------------------------------------------------------------


def to_task(doc: GoldDocument, task_id: int | None = None, as_: str = "annotations") -> dict:
    """One Label Studio task for a GoldDocument (doc.raw must be the seed text)."""
    if as_ not in ("annotations", "predictions"):
        raise LabelStudioError(f"--as must be 'annotations' or 'predictions', not {as_!r}")
    if _sha256_text(doc.raw) != doc.sha256:
        raise LabelStudioError(f"{doc.file}: seed text does not match the annotation's sha256; re-annotate or fix the seed")
    u = _Utf16(doc.raw)
    result: list[dict] = []
    for span in (*doc.entities, *doc.metrics):
        result.append(
            {
                "id": span.id,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "origin": "manual",
                "value": {
                    "start": u.to_js(span.start),
                    "end": u.to_js(span.end),
                    "text": doc.raw[span.start : span.end],
                    "labels": [span.label],
                },
            }
        )
    for rel in doc.relations:
        result.append({"from_id": rel.head, "to_id": rel.tail, "type": "relation", "direction": "right", "labels": [rel.type]})
    task = {
        "data": {
            "text": doc.raw,
            "file": doc.file,
            "stem": doc.stem,
            "sha256": doc.sha256,
            "difang": {
                "guideline": getattr(doc, "guideline", 1),
                "articles": doc.articles,
                "captions": doc.captions,
                "chrome": doc.chrome,
            },
        },
        as_: [{"result": result, **({"model_version": "gold"} if as_ == "predictions" else {})}],
    }
    if task_id is not None:
        task["id"] = task_id
    return task


def _inside_repo(path: Path) -> bool:
    return Path(path).resolve().is_relative_to(REPO_ROOT)


def labelling_config_path(out: Path) -> Path:
    """Where export_file writes the labelling config for the tasks in `out` (tasks.json → tasks.labelling.xml)."""
    return Path(out).with_name(Path(out).stem + ".labelling.xml")


def export_file(seeds_dir: Path, out: Path, annotations_dir: Path = ANNOTATIONS_DIR, as_: str = "annotations") -> int:
    """Write all annotated seeds as Label Studio tasks to `out` (refuses paths inside the repo), and
    beside it the labelling config a Label Studio project needs to show them (labelling_config_path)."""
    if _inside_repo(out):
        raise LabelStudioError(f"{out} is inside the repository; exported tasks contain seed text — write them elsewhere")
    docs = load_all(seeds_dir, annotations_dir)
    guidelines = _guidelines(annotations_dir)
    tasks = []
    for n, doc in enumerate(docs, 1):
        doc.guideline = guidelines.get(doc.stem, 1)  # type: ignore[attr-defined]
        tasks.append(to_task(doc, n, as_))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out)
    labelling_config_path(out).write_text(labelling_config() + "\n", encoding="utf-8")
    return len(tasks)


def _guidelines(annotations_dir: Path) -> dict[str, int]:
    out = {}
    for p in (Path(annotations_dir) / "entities").glob("*.json"):
        out[p.stem] = json.loads(p.read_text(encoding="utf-8")).get("guideline", 1)
    return out


# --- import ---------------------------------------------------------------------------------------


def _pick_result(task: dict, where: str) -> list[dict]:
    anns = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if anns:
        # the most recently updated annotation wins (Label Studio keeps one per annotator)
        anns.sort(key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
        return anns[-1].get("result") or []
    preds = task.get("predictions") or []
    if preds:
        return preds[-1].get("result") or []
    raise LabelStudioError(f"{where}: task has neither annotations nor predictions")


def from_task(task: dict, seeds_dir: Path) -> tuple[dict, dict | None]:
    """Convert one Label Studio task to (entities-file dict, articles-file dict or None)."""
    data = task.get("data") or {}
    where = f"task {task.get('id', '?')}"
    text = data.get("text")
    if not isinstance(text, str):
        raise LabelStudioError(f"{where}: data.text is missing")
    digest = _sha256_text(text)
    name = data.get("file")
    seeds_dir = Path(seeds_dir)
    if not name:  # a task made elsewhere: find the seed by content
        matches = [p.name for p in sorted(seeds_dir.glob("*.txt")) if hashlib.sha256(p.read_bytes()).hexdigest() == digest]
        if not matches:
            raise LabelStudioError(f"{where}: no data.file and no seed in {seeds_dir} has this text (sha256 {digest})")
        name = matches[0]
    seed = seeds_dir / name
    if not seed.is_file():
        raise LabelStudioError(f"{where}: seed file {seed} does not exist")
    seed_digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    if seed_digest != digest:
        raise LabelStudioError(
            f"{where}: data.text does not match seed {name} (sha256 {digest} ≠ {seed_digest}); "
            "Label Studio or an editor changed the text (line endings? trimming?) — offsets would be wrong"
        )
    where = f"{where} ({name})"
    u = _Utf16(text)
    entities, metrics, relations = [], [], []
    for k, r in enumerate(_pick_result(task, where)):
        rtype = r.get("type")
        if rtype == "relation":
            labels = r.get("labels") or []
            if len(labels) != 1 or labels[0] not in RELATION_TYPES:
                raise LabelStudioError(f"{where}: relation {r.get('from_id')}→{r.get('to_id')} needs exactly one label of {list(RELATION_TYPES)}, got {labels}")
            relations.append({"type": labels[0], "head": r["from_id"], "tail": r["to_id"]})
        elif rtype == "labels":
            value = r.get("value") or {}
            labels = value.get("labels") or []
            if len(labels) != 1:
                raise LabelStudioError(f"{where}: region {r.get('id')} has {len(labels)} labels {labels}; exactly one expected")
            start, end = u.to_py(value["start"]), u.to_py(value["end"])
            if "text" in value and value["text"] != text[start:end]:
                raise LabelStudioError(f"{where}: region {r.get('id')} text does not match its offsets [{start}, {end})")
            item = {"id": r.get("id") or f"R{k}", "start": start, "end": end}
            if labels[0] == METRIC:
                metrics.append(item)
            else:
                entities.append({**item, "label": labels[0]})
        else:
            raise LabelStudioError(f"{where}: unsupported result type {rtype!r} (id {r.get('id')})")
    meta = data.get("difang") or {}
    header = {"file": name, "sha256": digest, "guideline": meta.get("guideline", 1)}
    ent_file = {**header, "entities": entities, "metrics": metrics, "relations": relations}
    art_file = None
    if "articles" in meta:
        art_file = {**header, "articles": meta["articles"], "captions": meta.get("captions", []), "chrome": meta.get("chrome", [])}
    return ent_file, art_file


def import_file(path: Path, seeds_dir: Path, out_dir: Path) -> list[Path]:
    """Convert a Label Studio JSON export into entities/<stem>.json (and articles/<stem>.json)."""
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LabelStudioError(f"cannot read {path}: {exc}") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    converted = [from_task(t, seeds_dir) for t in tasks]  # all checked before anything is written
    written = []
    for ent, art in converted:
        stem = Path(ent["file"]).stem
        for sub, payload in (("entities", ent), ("articles", art)):
            if payload is None:
                continue
            target = Path(out_dir) / sub / f"{stem}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dump_annotation(payload), encoding="utf-8")
            written.append(target)
    return written


def dump_annotation(payload: dict) -> str:
    """Serialise an annotation file exactly as the files in data/annotations are written."""
    return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"

