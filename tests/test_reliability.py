"""Hostile input, SIGKILL at several points, determinism and misuse (docs/reliability.md)."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import load_config
from pipeline.runner import Runner
from pipeline.schemas import SORT_KEYS, TABLES

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
PAGE = "本报讯(记者 罗青松)3月2日,区委常委、宣传部部长邵云帆出席座谈会。全区新增就业岗位1200个,同比增长百分之六点八。\n"


def hostile_corpus(root: Path) -> set[str]:
    """Write every kind of bad input the issue names; return the relative paths that must be recorded."""
    root.mkdir(parents=True)
    files = {
        "binary.txt": bytes(range(256)) * 8,
        "truncated utf8.txt": PAGE.encode("utf-8")[:-2],
        "mixed.txt": PAGE.encode("utf-8") + PAGE.replace("罗青松", "邵云帆").encode("gbk"),
        "nul bytes.txt": PAGE.encode("utf-8").replace("。".encode(), "。\x00".encode()),
        "empty.txt": b"",
        "long line.txt": ("字" * 300_000).encode("utf-8"),
        "traditional.txt": "本報訊(記者 羅青松)區委常委、宣傳部部長邵雲帆出席會議。\n".encode("utf-8"),
        "punctuation.txt": "，。！？……——“”（）\n、；：\n".encode("utf-8"),
        "页面 二.md": ("# 标题\n\n" + PAGE).encode("utf-8"),
        "gbk.txt": PAGE.encode("gbk"),
        "utf16.txt": PAGE.encode("utf-16"),
        "page.html": f"<html><body><p>{PAGE}</p><script>x()</script></body></html>".encode(),
        "notes.docx": b"PK\x03\x04 not a page",
        "a/b/c/d/e/f/g/h/deep.txt": PAGE.replace("邵云帆", "蒲景和").encode(),
        "duplicate.txt": PAGE.encode("gbk"),
        "unreadable.txt": PAGE.replace("邵云帆", "何季安").encode(),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "unreadable.txt").chmod(0)
    with open(root / "big single line.txt", "wb") as handle:  # 50 MB on one line
        handle.truncate(50 * 1024 * 1024)
        handle.seek(0)
        handle.write(b"x" * 1024)
    os.symlink(".", root / "loop")  # a folder symlink back to the root
    os.symlink("self-b", root / "self-a.txt")
    os.symlink("self-a.txt", root / "self-b")
    os.symlink("missing.txt", root / "dangling.txt")
    raw_name = os.fsencode(root) + b"/bad-\xff-name.txt"
    with open(raw_name, "wb") as handle:
        handle.write(PAGE.replace("邵云帆", "柯沐阳").encode())
    return {*files, "big single line.txt", "loop", "self-a.txt", "self-b", "dangling.txt", "bad-\\xff-name.txt"}


def run(root: Path, output: Path, *overrides: str) -> dict:
    overrides = (*overrides, *os.environ.get("DIFANG_TEST_OVERRIDES", "").split())
    return Runner(root, output, load_config(overrides=list(overrides)), quiet=True).run()


def tables(output: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(output / name).sort_values(SORT_KEYS[name]).reset_index(drop=True) for name in TABLES}


def test_hostile_input_is_recorded_and_nothing_crashes(tmp_path):
    expected = hostile_corpus(tmp_path / "in")
    run(tmp_path / "in", tmp_path / "out")
    documents = pd.read_parquet(tmp_path / "out" / "documents").set_index("path")
    assert set(documents.index) == expected
    assert documents.status.isin({"ok", "failed", "skipped"}).all()
    assert documents[documents.status != "ok"].error.notna().all()
    status = documents.status.to_dict()
    reason = documents.error.fillna("").to_dict()
    warning = documents.warning.fillna("").to_dict()  # repairs of ok rows
    assert status["binary.txt"] == "failed" and "binary" in reason["binary.txt"]
    assert status["truncated utf8.txt"] == "ok" and "truncated" in warning["truncated utf8.txt"]
    assert status["mixed.txt"] == "ok" and documents.encoding["mixed.txt"] == "mixed(utf-8+gb18030)"
    assert status["nul bytes.txt"] == "ok" and "NUL" in warning["nul bytes.txt"]
    assert status["empty.txt"] == "skipped"
    assert status["long line.txt"] == "failed" and "max_line_chars" in reason["long line.txt"]
    assert status["big single line.txt"] == "failed" and "max_file_bytes" in reason["big single line.txt"]
    assert status["traditional.txt"] == "ok" and status["punctuation.txt"] == "ok"
    assert status["notes.docx"] == "skipped"
    assert (status["duplicate.txt"], status["gbk.txt"]) == ("ok", "skipped")  # the first path in order is kept
    assert documents.duplicate_of["gbk.txt"] == documents.doc_id["duplicate.txt"] and documents.doc_id.is_unique
    assert status["loop"] == "skipped" and "not followed" in reason["loop"]
    assert status["self-a.txt"] == "failed" and status["dangling.txt"] == "failed"
    assert status["bad-\\xff-name.txt"] == "ok" and status["a/b/c/d/e/f/g/h/deep.txt"] == "ok"
    # root reads a chmod 000 file; anyone else gets a recorded failure
    assert status["unreadable.txt"] == ("ok" if os.geteuid() == 0 else "failed")
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    ok_docs = set(documents[documents.status == "ok"].doc_id)
    assert ok_docs <= set(articles.doc_id) | set(pd.read_parquet(tmp_path / "out" / "failures").doc_id)


def test_two_runs_give_identical_tables(tmp_path):
    run(SAMPLE, tmp_path / "one")
    run(SAMPLE, tmp_path / "two")
    first, second = tables(tmp_path / "one"), tables(tmp_path / "two")
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import pipeline.io as io
    budget = int(sys.argv[1])
    write_part, publish = io.write_part, io.publish
    calls = {"n": 0}

    def tick():
        calls["n"] += 1
        if calls["n"] == budget:
            os.kill(os.getpid(), signal.SIGKILL)

    def killing_write(*args, **kwargs):
        tick()
        return write_part(*args, **kwargs)

    def killing_publish(*args, **kwargs):
        result = publish(*args, **kwargs)
        tick()
        return result

    io.write_part, io.publish = killing_write, killing_publish
    from pipeline.cli import app
    sys.argv = ["difang", "extract", "--input", sys.argv[2], "--output", sys.argv[3], "--quiet", "--set", "run.batch_size=1"]
    app()
    """
)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    output = tmp_path_factory.mktemp("uninterrupted")
    run(SAMPLE, output, "run.batch_size=1")
    return tables(output)


@pytest.mark.parametrize("kill_at", [1, 2, 5, 9, 14, 22])
def test_sigkill_then_rerun_gives_the_same_tables(tmp_path, uninterrupted, kill_at):
    """Kill the run with SIGKILL after `kill_at` part writes or publishes, then run again."""
    output = tmp_path / "out"
    killed = subprocess.run([sys.executable, "-c", KILLER, str(kill_at), str(SAMPLE), str(output)], cwd=REPO, capture_output=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    for table in TABLES:  # whatever is visible after the crash is a complete table, never a partial file
        if (output / table).exists():
            pd.read_parquet(output / table)
    run(SAMPLE, output, "run.batch_size=1")
    resumed = tables(output)
    for name in TABLES:
        pd.testing.assert_frame_equal(resumed[name], uninterrupted[name], obj=name)
    leftovers = [p for p in (output / ".data").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_misuse_fails_before_any_work(tmp_path):
    runner = CliRunner()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "file").write_text("x")
    cases = {
        "inside": (["--input", str(tmp_path / "in"), "--output", str(tmp_path / "in" / "out")], "inside the input"),
        "unwritable": (["--input", str(tmp_path / "in"), "--output", str(tmp_path / "file" / "out")], "cannot be created"),
        "missing": (["--input", str(tmp_path / "none"), "--output", str(tmp_path / "o")], "does not exist"),
        "not a folder": (["--input", str(tmp_path / "file"), "--output", str(tmp_path / "o")], "not a folder"),
        "wrong type": (["--input", str(tmp_path / "in"), "--output", str(tmp_path / "o"), "--set", "run.workers=two"], "run.workers"),
        "unknown key": (["--input", str(tmp_path / "in"), "--output", str(tmp_path / "o"), "--set", "ner.modle=x"], "ner.modle"),
    }
    for name, (args, message) in cases.items():
        result = runner.invoke(app, ["extract", *args])
        assert result.exit_code == 2, name
        assert message in result.output, (name, result.output)
        assert len(result.output.strip().splitlines()) == 1, (name, result.output)
    assert not (tmp_path / "in" / "out").exists() and not (tmp_path / "o").exists()


@pytest.mark.parametrize("key", ["ner.crf_model", "ner.model"])
def test_model_outside_models_folder_needs_an_explicit_key(tmp_path, key):
    from pipeline.errors import ConfigError, ModelError

    backend = "ner.backend=spacy" if key == "ner.model" else "ner.backend=crf"
    with pytest.raises((ModelError, ConfigError), match="allow_external_model"):
        run(SAMPLE, tmp_path / "o", f"{key}={tmp_path}", backend)
