"""Atomic, schema-checked Parquet datasets.

A table lives at `OUTPUT/<table>`, a symlink to a generation folder `OUTPUT/.data/<table>-<key>/`
of part files. Parts are written to a temp name and renamed; the link is swapped with one
`os.replace`, so a reader sees the old complete table or the new complete table, never a mix.
"""

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import SchemaError
from pipeline.schemas import SCHEMA_VERSION

DATA_DIR = ".data"


def to_arrow(frame: pd.DataFrame, schema: pa.Schema, table: str) -> pa.Table:
    """Convert a DataFrame to Arrow with exactly `schema`; missing or extra columns are errors."""
    missing = [n for n in schema.names if n not in frame.columns]
    extra = [c for c in frame.columns if c not in schema.names]
    if missing or extra:
        raise SchemaError(f"table {table!r}: missing columns {missing}, unexpected columns {extra}")
    try:
        arrow = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"table {table!r} does not match its schema: {exc}") from exc
    return arrow.replace_schema_metadata({**arrow.schema.metadata, b"pandas": json.dumps(_nullable_pandas_metadata(arrow.schema)).encode()})


def _nullable_pandas_metadata(schema: pa.Schema) -> dict:
    """The table's pandas metadata with pandas' nullable dtypes (Int32, boolean) for integer and
    boolean columns, so `pd.read_parquet` keeps an int column int when a row has a null instead of
    turning it into float64."""
    meta = schema.pandas_metadata
    for column in meta["columns"]:
        type_ = schema.field(column["field_name"]).type
        if pa.types.is_integer(type_):
            column["numpy_type"] = str(type_).replace("int", "Int").replace("uInt", "UInt")
        elif pa.types.is_boolean(type_):
            column["numpy_type"] = "boolean"
    return meta


def table_metadata(table: str, config_hash: str, model_ids: dict[str, str]) -> dict[bytes, bytes]:
    return {
        b"difang.table": table.encode(),
        b"difang.schema_version": SCHEMA_VERSION.encode(),
        b"difang.config_hash": config_hash.encode(),
        b"difang.model_ids": json.dumps(model_ids, sort_keys=True).encode(),
    }


def write_part(arrow: pa.Table, folder: Path, part: int, metadata: dict[bytes, bytes]) -> Path:
    """Write one part file atomically (temp file + rename) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **metadata})
    final = folder / f"part-{part:05d}.parquet"
    tmp = folder / f".part-{part:05d}.parquet.tmp"
    pq.write_table(arrow, tmp)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, final)
    return final


def generation_dir(output: Path, table: str, key: str) -> Path:
    return output / DATA_DIR / f"{table}-{key}"


def published_generation(output: Path, table: str) -> Path | None:
    """The generation folder `OUTPUT/<table>` points to, if any."""
    link = output / table
    if not link.is_symlink():
        return None
    return (output / os.readlink(link)).resolve()


def publish(output: Path, table: str, generation: Path) -> None:
    """Point `OUTPUT/<table>` at `generation` atomically and drop the previous generation."""
    previous = published_generation(output, table)
    link = output / table
    if link.exists() and not link.is_symlink():
        raise SchemaError(f"{link} exists and is not a difang table link; refusing to overwrite it")
    tmp_link = output / f".{table}.link.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(os.path.relpath(generation, output), tmp_link)
    os.replace(tmp_link, link)
    if previous is not None and previous.resolve() != generation.resolve() and previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


def unpublish(output: Path, table: str) -> None:
    """Remove the link `OUTPUT/<table>`, so readers find no table; its generation folder stays
    until the runner collects folders no link points to."""
    link = output / table
    if link.is_symlink():
        link.unlink()


def part_paths(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.parquet"))


def read_parts(paths: list[Path], schema: pa.Schema) -> pd.DataFrame:
    """Read part files into one DataFrame with `schema` (an empty frame when there are none)."""
    if not paths:
        return schema.empty_table().to_pandas()
    tables = [pq.read_table(p, schema=schema) for p in paths]
    # Stages work on plain NumPy dtypes; the nullable dtypes in the pandas metadata are for users.
    return pa.concat_tables(tables).to_pandas(ignore_metadata=True)


def read_table(output: Path, table: str, schema: pa.Schema) -> pd.DataFrame:
    """Read a published table of a run folder."""
    generation = published_generation(output, table)
    if generation is None:
        raise FileNotFoundError(f"table {table!r} has not been written under {output}")
    return read_parts(part_paths(generation), schema)


def write_json_atomic(path: Path, payload: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, path)


def folder_size(path: Path) -> int:
    """Bytes of every file under `path` (a model folder's size for its card)."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
