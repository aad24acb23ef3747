"""The one command line (`difang …` = `python -m pipeline …`) and the optional extras."""

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import ModelError, require_extra

REPO = Path(__file__).resolve().parents[1]
COMMANDS = ("extract", "train", "eval", "bench", "report", "validate", "annotate")


def _run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_help_lists_every_command():
    result = _run("--help")
    assert result.exit_code == 0
    listed = {line.split()[1] for line in result.output.splitlines() if line.startswith("│ ") and len(line.split()) > 2}
    assert set(COMMANDS) <= listed, result.output


@pytest.mark.parametrize(
    ("command", "own_option"),
    [
        ("report", "--html"), ("bench", "--mb"), ("validate", "--seeds"), ("annotate", "export-labelstudio"),
        ("train", "--crf-param"), ("eval", "--realnews"),
    ],
)
def test_a_command_hands_help_on_to_its_own_parser(command, own_option):
    result = _run(command, "--help")
    assert result.exit_code == 0 and own_option in result.output
    assert f"{command} [OPTIONS]" in result.output.replace("\n", " ")


def test_a_command_hands_on_its_exit_code(tmp_path):
    result = _run("report", "--output", str(tmp_path))  # an empty folder is no run folder
    assert result.exit_code == 2
    for command in ("train", "eval"):  # a seeds folder that does not exist
        assert _run(command, "--seeds", str(tmp_path / "missing")).exit_code == 2


def test_a_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "difang_not_installed", None)  # importing it raises ImportError
    with pytest.raises(ModelError, match=r"ner.backend=x needs difang_not_installed.*pip install 'difang\[spacy\]'"):
        require_extra("difang_not_installed", "spacy", "ner.backend=x")


@pytest.mark.parametrize(("settings", "missing"), [(["ner.backend=spacy"], "spacy"), (["ner.backend=hanlp"], "hanlp"), (["tokens.enabled=true"], "spacy_pkuseg")])
def test_a_backend_without_its_extra_stops_naming_it(tmp_path, monkeypatch, settings, missing):
    monkeypatch.setitem(sys.modules, missing, None)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text("本报讯 某某区召开会议。\n", encoding="utf-8")
    args = ["extract", "-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet"]
    result = _run(*args, *(item for setting in settings for item in ("--set", setting)))
    assert result.exit_code == 2, result.output
    assert f"needs {missing}" in result.output and "pip install 'difang[" in result.output


def test_train_help_and_a_crf_only_install_need_no_spacy(tmp_path):
    """The default install has no spaCy: `difang train --help` still answers, and asking for the
    spaCy model stops naming the extra (exit 2), in a process where spaCy cannot be imported."""
    import subprocess

    probe = (
        "import sys\n"
        "sys.modules['spacy'] = None\n"
        "from typer.testing import CliRunner\n"
        "from pipeline.cli import app\n"
        "help = CliRunner().invoke(app, ['train', '--help'])\n"
        "spacy = CliRunner().invoke(app, ['train', '--seeds', sys.argv[1], '--models', 'spacy'])\n"
        "print(help.exit_code, spacy.exit_code, 'spacy' in sys.modules and sys.modules['spacy'] is not None)\n"
        "print(spacy.output)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=False)
    first, rest = done.stdout.split("\n", 1)
    assert first == "0 2 False", done.stdout + done.stderr
    assert "pip install 'difang[spacy]'" in rest


@pytest.mark.parametrize("target, options", [("extract", ("--input", "--output", "--config")), ("report", ("--output", "--html"))])
def test_make_passes_paths_with_spaces_and_quotes_as_one_argument(target, options):
    """make extract INPUT="/tmp/my pages": each path reaches difang as one argument (dry run, `-o` so
    the venv stamp is not rebuilt)."""
    odd = {"INPUT": "/tmp/my pages", "OUTPUT": "/tmp/it's out", "CONFIG": "/tmp/a b/c.yaml", "HTML": "/tmp/r (1).html"}
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "-o", ".venv/.installed", target, *(f"{k}={v}" for k, v in odd.items())],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    argv = shlex.split(result.stdout.strip().splitlines()[-1])
    for option in options:
        assert argv[argv.index(option) + 1] == odd[option.strip("-").upper()]


def test_version_prints_the_package_version():
    from pipeline import __version__

    result = _run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"difang {__version__}"


def test_failed_documents_are_reported_even_when_quiet(tmp_path):
    """A run whose pages fail says so on stderr in a pipe or with --quiet (exit 0: the rest is written)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ok.txt").write_text("本报讯 青禾县新建公园3个。\n", encoding="utf-8")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--input", str(pages), "--output", str(tmp_path / "out"), "--quiet", "--to-stage", "ingest"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0
    assert "1 document(s) failed" in done.stderr and "documents table" in done.stderr
