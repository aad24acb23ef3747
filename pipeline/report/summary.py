"""The run summary: counts per table, documents by status, entities by label, stage timings, failures."""

import pandas as pd

from pipeline.report.data import RunData
from pipeline.stages import STAGE_ORDER

DOCUMENT_STATUSES = ("ok", "failed", "skipped")
LABELS = ("PER", "TITLE", "ORG", "LOC", "DATE", "MONEY", "PERCENT", "QUANTITY")


def document_counts(documents: pd.DataFrame) -> dict[str, int]:
    """Documents per status: ok, failed, skipped (always present) and any other status seen."""
    counts = {status: 0 for status in DOCUMENT_STATUSES}
    for status, n in documents["status"].value_counts().items():
        counts[str(status)] = int(n)
    return counts


def label_counts(entities: pd.DataFrame) -> dict[str, int]:
    """Entities per label, our eight labels first, then any other label seen."""
    seen = entities["label"].value_counts()
    counts = {label: int(seen.get(label, 0)) for label in LABELS}
    counts.update({str(label): int(n) for label, n in seen.items() if label not in counts})
    return counts


def table_counts(data: RunData) -> dict[str, int]:
    """Rows of every table in the run folder (optional tables only when present)."""
    counts = {name: len(frame) for name, frame in data.tables.items()}
    counts.update({name: len(frame) for name, frame in data.optional.items()})
    counts.update(data.counts)
    return counts


def stage_rows(manifest: dict) -> list[dict]:
    """One row per stage from manifest.json, in pipeline order (the manifest's keys are sorted)."""
    stages = manifest.get("stages", {})
    rank = {name: i for i, name in enumerate(STAGE_ORDER)}
    rows = []
    for name in sorted(stages, key=lambda n: (rank.get(n, len(rank)), n)):
        stage = stages[name]
        note = "not run (after --to-stage)" if stage.get("skipped") else "cached" if stage.get("cached") else ""
        rows.append(
            {
                "stage": name,
                "rows": ", ".join(f"{table}={n}" for table, n in stage.get("rows", {}).items()),
                "seconds": float(stage.get("seconds", 0.0)),
                "batches": stage.get("batches", 0),
                "failed": stage.get("failed_documents", 0),
                "note": note,
            }
        )
    return rows


def failure_rows(data: RunData) -> list[dict]:
    """Everything that went wrong: documents not ok (ingest) and per-stage failures, with the path."""
    documents = data["documents"]
    paths = dict(zip(documents["doc_id"], documents["path"]))
    rows = [
        {"path": doc.path, "doc_id": doc.doc_id, "stage": "ingest", "status": doc.status, "reason": doc.error or ""}
        for doc in documents.itertuples()
        if doc.status != "ok"
    ]
    for failure in data["failures"].itertuples():
        rows.append(
            {
                "path": paths.get(failure.doc_id, ""),
                "doc_id": failure.doc_id,
                "stage": failure.stage,
                "status": "failed",
                "reason": failure.error or "",
            }
        )
    return rows


def distinct_model_ids(model_ids: dict[str, str]) -> dict[str, str]:
    """The manifest's model ids without a layer's id that repeats its stage's: {"ner": X,
    "ner.crf": X, "ner.rules": R} → {"ner": X, "ner.rules": R} (the ner stage names the model that
    produces its entities, and that model is one of its layers)."""
    return {key: model for key, model in model_ids.items() if "." not in key or model_ids.get(key.split(".", 1)[0]) != model}


def run_summary(data: RunData) -> dict:
    """All numbers the summary section shows."""
    manifest = data.manifest
    return {
        "documents": document_counts(data["documents"]),
        "tables": table_counts(data),
        "labels": label_counts(data["entities"]),
        "stages": stage_rows(manifest),
        "total_seconds": sum(row["seconds"] for row in stage_rows(manifest)),
        "failures": failure_rows(data),
        "started": manifest.get("started", ""),
        "finished": manifest.get("finished", ""),
        "input_root": manifest.get("input", {}).get("root", ""),
        "model_ids": distinct_model_ids(manifest.get("model_ids", {})),
        "config_hash": manifest.get("config_hash", ""),
        "version": manifest.get("difang_version", ""),
    }
