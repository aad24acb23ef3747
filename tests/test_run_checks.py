"""What `extract` checks before its first write, and what it tells the user (invented pages)."""

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pandas as pd
from rich.console import Console
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.summary import print_summary

REPO = Path(__file__).resolve().parents[1]
PAGE = "本报讯(记者 罗青松)3月2日,区委常委、宣传部部长邵云帆出席座谈会。全区新增就业岗位1200个。\n"


def _pages(folder: Path, n: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"p{i}.txt").write_text(PAGE.replace("1200", str(1200 + i)), encoding="utf-8")
    return folder


def _extract(*args: str):
    return CliRunner().invoke(app, ["extract", *args])


def _listing(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` (symlinks not followed) with its size, mtime and link target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        found[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns, os.readlink(path) if path.is_symlink() else None)
    return found


def test_a_non_empty_folder_that_is_not_a_difang_output_is_refused_untouched(tmp_path):
    pages = _pages(tmp_path / "in")
    out = tmp_path / "thesis"
    (out / "chapters").mkdir(parents=True)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "manifest.json").write_text('{"name": "some other tool"}', encoding="utf-8")
    before = _listing(out)
    result = _extract("-i", str(pages), "-o", str(out), "-q")
    assert result.exit_code == 2
    assert "is not empty and holds no difang output" in result.output and len(result.output.strip().splitlines()) == 1
    assert _listing(out) == before


def test_an_empty_folder_and_a_previous_output_are_accepted(tmp_path):
    pages = _pages(tmp_path / "in")
    (tmp_path / "empty").mkdir()
    assert _extract("-i", str(pages), "-o", str(tmp_path / "empty"), "-q").exit_code == 0
    rerun = _extract("-i", str(pages), "-o", str(tmp_path / "empty"), "-q")
    assert rerun.exit_code == 0, rerun.output


def _output_without(tmp_path: Path, table: str) -> tuple[Path, Path]:
    """(input, output) after a run whose `table` link was then removed."""
    pages = _pages(tmp_path / "in")
    out = tmp_path / "out"
    assert _extract("-i", str(pages), "-o", str(out), "-q").exit_code == 0
    (out / table).unlink()
    return pages, out


def test_a_name_difang_writes_taken_by_a_user_file_is_found_before_any_write(tmp_path):
    pages, out = _output_without(tmp_path, "places")
    (out / "places").mkdir()
    (out / "places" / "my_map.geojson").write_text("{}", encoding="utf-8")
    (pages / "p9.txt").write_text(PAGE.replace("1200", "77"), encoding="utf-8")  # a rerun would rewrite every table
    before = _listing(out)
    result = _extract("-i", str(pages), "-o", str(out), "-q")
    assert result.exit_code == 2 and "'places' is not something difang wrote" in result.output, result.output
    assert _listing(out) == before


def test_a_table_link_pointing_outside_the_output_is_a_collision(tmp_path):
    pages, out = _output_without(tmp_path, "metrics")
    (tmp_path / "elsewhere").mkdir()
    (out / "metrics").symlink_to(tmp_path / "elsewhere")
    result = _extract("-i", str(pages), "-o", str(out), "-q")
    assert result.exit_code == 2 and "'metrics'" in result.output


def test_an_output_that_is_a_file_is_refused(tmp_path):
    pages = _pages(tmp_path / "in")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = _extract("-i", str(pages), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 2 and "is a file" in result.output


def test_an_empty_input_folder_says_so_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    result = _extract("-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "is empty" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_an_input_folder_without_page_files_says_so_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = _extract("-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "no page file" in result.output and ".txt" in result.output, result.output
    assert not (tmp_path / "out").exists()
    # one page among other files is a normal run: the others are recorded as skipped
    _pages(tmp_path / "in", 1)
    assert _extract("-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q").exit_code == 0


def test_a_missing_model_is_reported_before_any_table_is_written(tmp_path):
    pages = _pages(tmp_path / "in")
    result = _extract("-i", str(pages), "-o", str(tmp_path / "out"), "--set", "ner.crf_model=models/none", "-q")
    assert result.exit_code == 2 and "ner.crf_model" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_summary_is_not_printed_when_stderr_is_not_a_terminal(tmp_path):
    result = _extract("-i", str(_pages(tmp_path / "in")), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0 and result.output == ""


def _on_a_terminal(args: list[str], env: dict) -> str:
    """Run `python -m pipeline` with stderr on a pseudo-terminal; what it wrote there."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=REPO, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=300)
    os.close(master)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_summary_on_a_terminal_unless_quiet_or_ci(tmp_path):
    pages = _pages(tmp_path / "in")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    assert "manifest.json" in _on_a_terminal(["extract", "-i", str(pages), "-o", str(tmp_path / "a")], env)
    assert _on_a_terminal(["extract", "-i", str(pages), "-o", str(tmp_path / "b"), "--quiet"], env) == ""
    assert _on_a_terminal(["extract", "-i", str(pages), "-o", str(tmp_path / "c")], {**env, "CI": "1"}) == ""


def test_summary_failed_documents_agree_with_the_tables(tmp_path):
    pages = _pages(tmp_path / "in")
    (pages / "long.txt").write_text("很长" * 200, encoding="utf-8")  # one line over the limit below: failed at ingest
    out = tmp_path / "out"
    assert _extract("-i", str(pages), "-o", str(out), "-q", "--set", "ingest.max_line_chars=100").exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    documents = pd.read_parquet(out / "documents")
    failures = pd.read_parquet(out / "failures")
    assert manifest["stages"]["ingest"]["failed_documents"] == (documents.status == "failed").sum() == 1
    for stage, report in manifest["stages"].items():
        if stage != "ingest":
            assert report["failed_documents"] == (failures.stage == stage).sum(), stage
    text = io.StringIO()
    print_summary(manifest, Console(file=text, width=200))
    ingest_row = next(line for line in text.getvalue().splitlines() if line.startswith("ingest"))
    assert ingest_row.split()[3] == "1", ingest_row  # stage, rows, seconds, failed docs


def test_stages_after_to_stage_are_reported_as_not_run(tmp_path):
    out = tmp_path / "out"
    assert _extract("-i", str(_pages(tmp_path / "in")), "-o", str(out), "-q", "--to-stage", "segment").exit_code == 0
    stages = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["stages"]
    assert {name for name, report in stages.items() if report["skipped"]} == {"ner", "places", "tokens", "relate", "registry"}
    assert not any(report["cached"] for report in stages.values())


def test_a_bad_set_key_is_blamed_on_set_and_a_bad_file_key_on_the_file(tmp_path):
    pages = _pages(tmp_path / "in")
    bad_set = _extract("-i", str(pages), "-o", str(tmp_path / "o"), "--set", "run.wokers=2")
    assert bad_set.exit_code == 2 and "--set 'run.wokers=2': unknown config key 'run.wokers'" in bad_set.output, bad_set.output
    assert "default.yaml" not in bad_set.output
    config = tmp_path / "mine.yaml"
    config.write_text("run:\n  wokers: 2\n", encoding="utf-8")
    both = _extract("-i", str(pages), "-o", str(tmp_path / "o"), "-c", str(config), "--set", "run.batch_size=0")
    assert both.exit_code == 2
    assert "--set 'run.batch_size=0': config key 'run.batch_size'" in both.output and f"{config}: unknown config key 'run.wokers'" in both.output
    assert not (tmp_path / "o").exists()


def test_the_tokens_model_errors_name_the_tokens_section(tmp_path):
    pages = _pages(tmp_path / "in")
    (tmp_path / "empty_model").mkdir()
    missing = _extract("-i", str(pages), "-o", str(tmp_path / "o"), "-q", "--set", "tokens.enabled=true", "--set", "tokens.model=models/ner")
    assert missing.exit_code == 2 and "no trained word segmentation (tokens) model" in missing.output and "NER" not in missing.output, missing.output
    outside = _extract("-i", str(pages), "-o", str(tmp_path / "o"), "-q", "--set", "tokens.enabled=true", "--set", f"tokens.model={tmp_path / 'empty_model'}")
    assert outside.exit_code == 2 and "tokens.allow_external_model=true" in outside.output, outside.output
    assert not (tmp_path / "o").exists()


def test_to_stage_on_changed_input_unpublishes_the_later_tables_it_made_stale(tmp_path):
    """Full run, then one page changes, then --to-stage segment: the tables after segment were
    made from the old input (rows naming doc_ids no longer in documents). They are unpublished,
    listed in the manifest and named in a warning; nothing stale stays readable."""
    pages, out = _pages(tmp_path / "in"), tmp_path / "out"
    assert _extract("-i", str(pages), "-o", str(out), "-q").exit_code == 0
    later = {"entities", "places", "tokens", "officials", "metrics", "people", "careers", "figures", "divisions"}
    assert all((out / table).exists() for table in later)
    unchanged = _extract("-i", str(pages), "-o", str(out), "-q", "--to-stage", "segment")
    assert unchanged.exit_code == 0 and "stale" not in unchanged.output
    assert all((out / table).exists() for table in later), "tables still made from the same input stay"
    (pages / "p0.txt").write_text(PAGE.replace("1200", "4321"), encoding="utf-8")
    changed = _extract("-i", str(pages), "-o", str(out), "-q", "--to-stage", "segment")
    assert changed.exit_code == 0
    assert "warning" in changed.output and "officials" in changed.output, changed.output
    assert not any((out / table).exists() for table in later)
    stages = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["stages"]
    assert set(stages["relate"]["unpublished"]) == {"officials", "metrics"} and stages["relate"]["skipped"]
    assert stages["segment"]["unpublished"] == []
    doc_ids = set(pd.read_parquet(out / "documents").doc_id)
    assert set(pd.read_parquet(out / "failures").doc_id) <= doc_ids
    assert set(pd.read_parquet(out / "articles").doc_id) <= doc_ids
