"""Config, ingest, atomic tables, cache/resume and the CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline import io
from pipeline.cli import app
from pipeline.config import PipelineConfig, load_config
from pipeline.errors import ConfigError, SchemaError, UsageError
from pipeline.runner import Runner, _sorted, list_inputs
from pipeline.schemas import DOCUMENTS, TABLES
from pipeline.stages.ingest import IngestConfig, InputFile, ingest

REPO = Path(__file__).resolve().parents[1]
PAGE = "本报讯(记者 罗青松)3月2日,区委常委、宣传部部长邵云帆出席座谈会。\n"


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- config ---------------------------------------------------------------------------------------
def test_default_config_loads_and_every_stage_has_a_section():
    config = load_config()
    assert set(PipelineConfig.model_fields) == {"run", "ingest", "clean", "segment", "ner", "places", "tokens", "relate", "registry"}
    assert config.run.executor == "local"


def test_misspelled_key_names_the_key_and_the_allowed_ones(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_config(write_config(tmp_path, "run:\n  batch_sise: 3\n"))
    message = str(err.value)
    assert "run.batch_sise" in message and "batch_size" in message and "workers" in message


def test_unknown_section_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown config key 'segmnt'"):
        load_config(write_config(tmp_path, "segmnt: {}\n"))


def test_wrong_type_and_bad_choice_are_errors():
    with pytest.raises(ConfigError, match="run.batch_size"):
        load_config(overrides=["run.batch_size=many"])
    with pytest.raises(ConfigError, match="run.executor"):
        load_config(overrides=["run.executor=spark"])


def test_set_override_and_config_hash_changes():
    base = load_config()
    changed = load_config(overrides=["run.batch_size=7"])
    assert changed.run.batch_size == 7
    assert base.config_hash() != changed.config_hash()


@pytest.mark.parametrize("override", ["nokey", "run=3", "run.batch_size=[unclosed"])
def test_malformed_overrides(override):
    with pytest.raises(ConfigError):
        load_config(overrides=[override])


def test_config_file_errors(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write_config(tmp_path, "run: [\n"))
    with pytest.raises(ConfigError, match="mapping"):
        load_config(write_config(tmp_path, "- a\n- b\n"))


# -- ingest ---------------------------------------------------------------------------------------
def _ingest(files: list[InputFile], **config) -> pd.DataFrame:
    return ingest(files, IngestConfig(**config), {})


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("a.txt", PAGE.encode("utf-8"), "utf-8"),
        ("b.txt", b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "utf-8-sig"),
        ("c.txt", PAGE.encode("gbk"), "gb18030"),
        ("d.txt", PAGE.encode("utf-16"), "utf-16"),
    ],
)
def test_ingest_detects_and_records_encodings(name, data, encoding):
    row = _ingest([InputFile(name, data, n_bytes=len(data))]).iloc[0]
    assert row.status == "ok" and row.encoding == encoding and row.raw_text == PAGE


def test_ingest_html_uses_a_parser():
    html = "<html><head><style>p{}</style><script>var x=1;</script></head><body><h1>标题</h1><p>正文&amp;内容</p></body></html>"
    row = _ingest([InputFile("p.html", html.encode())]).iloc[0]
    assert row.status == "ok" and "标题" in row.raw_text and "正文&内容" in row.raw_text and "var x" not in row.raw_text


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        ("bin.txt", b"\x00\x01\x02PNG\x00", "failed", "binary"),
        ("empty.txt", b"", "skipped", "empty"),
        ("blank.txt", b" \n\n ", "skipped", "empty"),
        ("image.png", b"\x89PNG", "skipped", "not a page file"),
        ("bad.txt", b"\xff\xfe\xfa\xfb" * 3 + b"\x81", "failed", "undecodable"),
    ],
)
def test_ingest_bad_inputs_become_rows_with_reasons(name, data, status, reason):
    row = _ingest([InputFile(name, data, n_bytes=len(data))]).iloc[0]
    assert row.status == status and reason in row.error and row.path == name


def test_ingest_limits_are_config_keys():
    long_line = ("字" * 50).encode()
    row = _ingest([InputFile("long.txt", long_line)], max_line_chars=10).iloc[0]
    assert row.status == "failed" and "max_line_chars" in row.error
    row = _ingest([InputFile("big.txt", long_line)], max_file_bytes=10).iloc[0]
    assert row.status == "failed" and "max_file_bytes" in row.error


def test_ingest_records_duplicates_once():
    data = PAGE.encode()
    frame = _ingest([InputFile("x/one.txt", data), InputFile("y/two.txt", data)])
    assert list(frame.status) == ["ok", "skipped"]
    assert frame.doc_id.is_unique and frame.iloc[1].duplicate_of == frame.iloc[0].doc_id == frame.iloc[0].sha256[:16]
    assert "x/one.txt" in frame.iloc[1].error


def test_unreadable_file_is_recorded():
    row = _ingest([InputFile("locked.txt", None, "unreadable: Permission denied")]).iloc[0]
    assert row.status == "failed" and "Permission" in row.error


# -- tables ---------------------------------------------------------------------------------------
def test_schema_mismatch_is_refused():
    frame = pd.DataFrame({"doc_id": ["a"]})
    with pytest.raises(SchemaError, match="missing columns"):
        io.to_arrow(frame, DOCUMENTS, "documents")


def test_crash_mid_write_leaves_no_partial_table(tmp_path, monkeypatch):
    frame = _ingest([InputFile("a.txt", PAGE.encode())])
    arrow = io.to_arrow(frame, DOCUMENTS, "documents")
    folder = tmp_path / "gen"

    def crash(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 partial")
        raise OSError("disk full")

    monkeypatch.setattr(io.pq, "write_table", crash)
    with pytest.raises(OSError):
        io.write_part(arrow, folder, 0, {})
    assert io.part_paths(folder) == []  # only a hidden temp file, never a visible part


def test_publish_swaps_generations_atomically(tmp_path):
    frame = _ingest([InputFile("a.txt", PAGE.encode())])
    for key in ("first", "second"):
        gen = io.generation_dir(tmp_path, "documents", key)
        io.write_part(io.to_arrow(frame, DOCUMENTS, "documents"), gen, 0, {})
        io.publish(tmp_path, "documents", gen)
    assert io.published_generation(tmp_path, "documents").name == "documents-second"
    assert not io.generation_dir(tmp_path, "documents", "first").exists()
    assert len(pd.read_parquet(tmp_path / "documents")) == 1


# -- runner ---------------------------------------------------------------------------------------
@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "in"
    (root / "sub dir").mkdir(parents=True)
    (root / "a.txt").write_text(PAGE, encoding="utf-8")
    (root / "sub dir" / "页 二.md").write_text("# 标题\n\n" + PAGE.replace("邵云帆", "覃立言"), encoding="utf-8")
    (root / "c.txt").write_bytes(PAGE.encode("gbk"))
    (root / "bin.txt").write_bytes(b"\x00\x00\x01")
    (root / "empty.txt").write_bytes(b"")
    return root


def run(corpus: Path, output: Path, *overrides: str, **kwargs) -> dict:
    return Runner(corpus, output, load_config(overrides=list(overrides)), quiet=True).run(**kwargs)


def test_run_writes_every_table_and_the_manifest(corpus, tmp_path):
    out = tmp_path / "out"
    manifest = run(corpus, out)
    for table, schema in TABLES.items():
        frame = pd.read_parquet(out / table)
        assert list(frame.columns) == schema.names, table
        meta = pq.read_schema(next((out / table).glob("*.parquet"))).metadata
        assert meta[b"difang.schema_version"] and meta[b"difang.config_hash"].decode() == manifest["config_hash"]
        assert b"difang.model_ids" in meta
    documents = pd.read_parquet(out / "documents")
    assert documents.set_index("path").status.to_dict() == {
        "a.txt": "ok", "bin.txt": "failed", "c.txt": "ok", "empty.txt": "skipped", "sub dir/页 二.md": "ok"
    }
    saved = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert saved["input"]["files"] == 5 and saved["input"]["documents"]["ok"] == 3
    assert set(saved["stages"]) == {"ingest", "clean", "segment", "ner", "places", "tokens", "relate", "registry"}
    assert all({"rows", "seconds", "cached"} <= set(s) for s in saved["stages"].values())
    assert "pyarrow" in saved["versions"] and saved["config"]["run"]["batch_size"] == 16


def test_second_run_recomputes_nothing_and_config_change_recomputes(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    again = run(corpus, out)
    assert all(stage["cached"] for stage in again["stages"].values())
    changed = run(corpus, out, "ingest.min_chars=2")
    assert not changed["stages"]["ingest"]["cached"] and not changed["stages"]["clean"]["cached"]
    assert len(pd.read_parquet(out / "documents")) == 5


def test_inputs_are_known_by_content_not_by_size_and_mtime(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    page = corpus / "a.txt"
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # touched, same bytes
    assert all(stage["cached"] for stage in run(corpus, out)["stages"].values())
    stat = page.stat()
    edited = PAGE.replace("邵云帆", "邵云舟")  # same size, and the mtime put back
    page.write_text(edited, encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size
    assert not run(corpus, out)["stages"]["ingest"]["cached"]
    assert "邵云舟" in "".join(pd.read_parquet(out / "pages").text)


def test_an_input_is_identified_by_size_and_content_or_when_never_read_by_size_and_mtime(tmp_path):
    from pipeline.runner import input_identity

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PAGE, encoding="utf-8")
    b.write_text(PAGE, encoding="utf-8")
    assert input_identity(a, 10_000) == input_identity(b, 10_000) and len(input_identity(a, 10_000)[1]) == 64
    assert input_identity(a, 10) == (a.stat().st_size, a.stat().st_mtime_ns)  # over max_file_bytes
    assert input_identity(tmp_path / "gone.txt", 10_000) == (-1, -1)


def test_resume_reuses_finished_batches(corpus, tmp_path):
    out = tmp_path / "out"
    first = run(corpus, out, "run.batch_size=2")
    assert first["stages"]["ingest"]["batches"] == 3
    expected = pd.read_parquet(out / "pages").sort_values("doc_id").reset_index(drop=True)
    # Simulate a crash after the first batch of clean: unpublish and drop the later parts.
    fingerprint = first["stages"]["clean"]["fingerprint"]
    os.unlink(out / "pages")
    for part in io.generation_dir(out, "pages", fingerprint).glob("part-0000[12].parquet"):
        part.unlink()
    resumed = run(corpus, out, "run.batch_size=2")
    assert resumed["stages"]["clean"]["resumed_batches"] == 1
    got = pd.read_parquet(out / "pages").sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_from_stage_needs_earlier_tables(corpus, tmp_path):
    with pytest.raises(UsageError, match="has not been written"):
        run(corpus, tmp_path / "fresh", from_stage="segment")


def test_output_inside_input_is_refused(corpus):
    with pytest.raises(UsageError, match="inside the input"):
        run(corpus, corpus / "out")


def test_failing_document_is_recorded_and_batch_goes_on(corpus, tmp_path, monkeypatch):
    from pipeline.stages import clean

    original = clean.clean

    def fragile(documents, config):
        if documents["raw_text"].str.contains("覃立言").any():
            raise ValueError("cannot clean this page")
        return original(documents, config)

    monkeypatch.setattr(clean, "clean", fragile)  # the registry looks the function up in its module
    out = tmp_path / "out"
    manifest = run(corpus, out)
    failures = pd.read_parquet(out / "failures")
    assert list(failures.stage) == ["clean"] and "cannot clean this page" in failures.error.iloc[0]
    assert manifest["stages"]["clean"]["failed_documents"] == 1
    assert len(pd.read_parquet(out / "pages")) == 2


# -- CLI ------------------------------------------------------------------------------------------
def test_cli_help_explains_each_option():
    result = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--input", "--output", "--config", "--set", "--from-stage", "--to-stage", "--quiet"):
        assert option in result.output


def test_cli_exit_codes(corpus, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["extract", "--input", str(corpus), "--output", str(tmp_path / "o"), "--quiet"])
    assert ok.exit_code == 0, ok.output
    missing = runner.invoke(app, ["extract", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "o2")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    bad = runner.invoke(app, ["extract", "--input", str(corpus), "--output", str(tmp_path / "o3"), "--set", "run.wokers=2"])
    assert bad.exit_code == 2 and "run.wokers" in bad.output
    stage = runner.invoke(app, ["extract", "--input", str(corpus), "--output", str(tmp_path / "o4"), "--from-stage", "parse"])
    assert stage.exit_code == 2 and "unknown stage" in stage.output


def test_python_dash_m_entry_point(corpus, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--input", str(corpus), "--output", str(tmp_path / "o"), "--quiet"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "manifest.json").exists()


def test_end_to_end_on_the_seeds(seeds_dir, seed_texts, tmp_path):
    manifest = run(seeds_dir, tmp_path / "out")
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert len(documents) == len(seed_texts) and set(documents.status) == {"ok"}
    assert manifest["stages"]["clean"]["rows"]["pages"] == len(seed_texts)


@pytest.mark.parametrize("value", ["2023-13-01", "2023-02-30", "2023-01-01 25:00:00"])
def test_an_impossible_date_names_its_key_and_source(tmp_path, value):
    """YAML reads 2023-02-30 as a date and PyYAML raises ValueError, not YAMLError: it must still
    be a ConfigError naming the key and where the value came from."""
    with pytest.raises(ConfigError, match=r"--set 'segment.page_date=.*config key 'segment.page_date'"):
        load_config(overrides=[f"segment.page_date={value}"])
    path = write_config(tmp_path, f"segment:\n  page_date: {value}\n")
    with pytest.raises(ConfigError, match=r"config.yaml: config key 'segment.page_date'") as err:
        load_config(path)
    assert value in str(err.value)


@pytest.mark.parametrize("text", ["run:\n  batch_size: !!int many\n", "run:\n  batch_size: !!float x\n"])
def test_any_yaml_value_that_cannot_be_built_is_a_config_error(tmp_path, text):
    with pytest.raises(ConfigError, match="config.yaml"):
        load_config(write_config(tmp_path, text))
    with pytest.raises(ConfigError, match="--set 'run.batch_size=!!"):
        load_config(overrides=["run.batch_size=" + text.split("batch_size: ")[1].strip()])


def test_hidden_files_and_folders_under_the_input_are_not_read(tmp_path):
    """A git checkout or an editor's backup: names starting with '.' below --input are not pages."""
    root = tmp_path / "in"
    for relative in ("a.txt", "sub/b.txt", ".git/objects/x.txt", ".hidden.txt", "sub/.cache/c.md", "sub/.d.html"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("本报讯 甲乙丙区召开会议。\n", encoding="utf-8")
    assert [relative for relative, _ in list_inputs(root)] == ["a.txt", "sub/b.txt"]
    hidden_root = tmp_path / ".pages"  # only names below the input count, not the input's own name
    (hidden_root / "p.txt").parent.mkdir(parents=True)
    (hidden_root / "p.txt").write_text("本报讯 甲乙丙区召开会议。\n", encoding="utf-8")
    assert [relative for relative, _ in list_inputs(hidden_root)] == ["p.txt"]


def test_rows_come_in_text_order_when_ids_hold_numbers_of_different_lengths():
    """Ids compare part by part, numbers as numbers: figure …:60:64 before …:104:108, article
    …:2 before …:10 (as strings both came the other way round); doc_id keeps its plain order."""
    figures = pd.DataFrame(
        {
            "doc_id": ["b0", "a1", "a1", "a1", "a1"],
            "article_id": ["b0:0", "a1:10", "a1:2", "a1:2", "a1:2"],
            "metric_id": ["b0:0:5:9", "a1:10:3:7", "a1:2:104:108", "a1:2:60:64", "a1:2:9:12"],
        }
    )
    assert list(_sorted("figures", figures).metric_id) == ["a1:2:9:12", "a1:2:60:64", "a1:2:104:108", "a1:10:3:7", "b0:0:5:9"]
    entities = pd.DataFrame({"doc_id": ["d", "d"], "article_id": ["d:11", "d:3"], "start": [0, 5], "end": [2, 7], "label": ["PER", "PER"]})
    assert list(_sorted("entities", entities).article_id) == ["d:3", "d:11"]
