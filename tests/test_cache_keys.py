"""The cache cannot go stale: a stage's key covers the code it runs, the data files it reads and the
model files it loads (pipeline/fingerprints.py). Edits are made in a temporary copy of the repo."""

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from fnmatch import fnmatch
from pathlib import Path

import pytest

from pipeline import fingerprints
from pipeline.config import load_config
from pipeline.stages import STAGE_ORDER

REPO = Path(__file__).resolve().parents[1]

# Declared reads that the default run below does not make: only the HanLP backend (torch) reads them.
NOT_IN_DEFAULT_RUN = {("pipeline.ner.hanlp_backend", "data/gazetteers/not_name_endings.txt")}

# Runs the pipeline with an audit hook that records, for every data or model file opened, the
# pipeline modules on the call stack (so a file read at import time or through another module's
# reader is still attributed to the module that asked for it).
TRACE = textwrap.dedent(
    """
    import json, os, sys
    repo, out, record = sys.argv[1:4]
    package = os.path.join(repo, "pipeline") + os.sep
    roots = (os.path.join(repo, "data") + os.sep, os.path.join(repo, "models") + os.sep, os.sep + "jionlp" + os.sep)
    seen = []

    def hook(event, args):
        if event != "open" or not isinstance(args[0], (str, os.PathLike)):
            return
        path = os.path.abspath(os.fspath(args[0]))
        # Imports open source files in binary; a .py read as text is data (jionlp's surname lists).
        code = path.endswith(".pyc") or (path.endswith(".py") and "b" in str(args[1] or "rb"))
        if code or not any(root in path for root in roots):
            return
        frame, modules = sys._getframe(1), []
        while frame:
            name = frame.f_code.co_filename
            if name.startswith(package):
                modules.append(os.path.relpath(name[:-3], repo).replace(os.sep, ".").removesuffix(".__init__"))
            frame = frame.f_back
        seen.append([path, modules])

    # A fresh install of jionlp unzips its dictionaries on first import: installation, not a read
    # of the run, so it happens before the hook.
    import jionlp  # noqa: F401
    sys.addaudithook(hook)
    from pipeline.cli import app
    try:
        app(["extract", "-i", os.path.join(repo, "data", "sample"), "-o", out, "-q", "--set", "tokens.enabled=true"])
    except SystemExit as exc:
        assert not exc.code, exc.code
    with open(record, "w") as handle:
        json.dump(seen, handle)
    """
)


def _entry(path: str) -> str:
    """A DATA_READS entry for an opened path: repo-relative, or package:path inside jionlp."""
    if os.sep + "jionlp" + os.sep in path:
        return "jionlp:" + path.split(os.sep + "jionlp" + os.sep, 1)[1]
    return Path(path).relative_to(REPO).as_posix()


@pytest.fixture(scope="module")
def opened(tmp_path_factory) -> list[tuple[str, list[str]]]:
    """(data file, pipeline modules on the stack) for every data file a full run opened."""
    tmp = tmp_path_factory.mktemp("trace")
    script = tmp / "trace.py"
    script.write_text(TRACE, encoding="utf-8")
    record = tmp / "opened.json"
    # The checkout's own code, not the tree the editable install points to (a script's folder, not
    # the working directory, heads sys.path).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))}
    subprocess.run([sys.executable, str(script), str(REPO), str(tmp / "out"), str(record)], cwd=REPO, env=env, check=True, timeout=600)
    rows = json.loads(record.read_text())
    # The fingerprint itself reads every declared file; what matters is who else opens them.
    return [(_entry(path), modules) for path, modules in rows if "pipeline.fingerprints" not in modules and "/data/sample/" not in path]


def test_every_data_file_a_run_opens_is_declared_by_a_module_on_the_stack(opened):
    data = [(entry, modules) for entry, modules in opened if not entry.startswith("models/")]
    assert data, "the traced run opened no data file"
    undeclared = sorted({entry for entry, modules in data if not any(_declares(m, entry) for m in modules)})
    assert not undeclared, f"data files opened but not in pipeline/fingerprints.py DATA_READS: {undeclared}"


def _declares(module: str, entry: str) -> bool:
    return any(fnmatch(entry, pattern) for pattern in fingerprints.DATA_READS.get(module, ()))


def test_every_declared_data_file_is_opened_by_its_module(opened):
    """Declarations are not wider than the reads (a pattern must match at least one file read)."""
    used = {(module, entry) for entry, modules in opened for module in modules}
    declared = {(module, pattern) for module, patterns in fingerprints.DATA_READS.items() for pattern in patterns}
    unused = {(module, pattern) for module, pattern in declared if not any(m == module and fnmatch(e, pattern) for m, e in used)}
    assert sorted(unused - NOT_IN_DEFAULT_RUN) == []


def test_model_files_loaded_lie_in_the_folders_the_config_names(opened):
    config = load_config(None, ["tokens.enabled=true"])
    folders = {f.relative_to(REPO).as_posix() for stage in STAGE_ORDER for f in fingerprints.model_folders(config.section(stage).model_dump(mode="json"))}
    loaded = {entry for entry, _ in opened if entry.startswith("models/")}
    assert loaded and all(any(entry.startswith(folder + "/") for folder in folders) for entry in loaded), (loaded, folders)


def test_code_closure_follows_imports_inside_functions():
    closure = fingerprints.module_closure("pipeline.stages.ner")
    assert {"pipeline.ner.crf_backend", "pipeline.ner.nested", "pipeline.ner.rules", "pipeline.schemas"} <= set(closure)
    assert not any(name.startswith(("pipeline.evaluation", "pipeline.training", "pipeline.stages.relate")) for name in closure)


def test_import_lines_give_every_import_the_syntax_tree_has():
    """The closure reads import statements line by line (fast); it must miss none of the tree's."""

    def names(nodes) -> set:
        found = set()
        for node in nodes:
            if isinstance(node, ast.Import):
                found |= {(None, 0, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                found |= {(node.module, node.level, alias.name) for alias in node.names}
        return found

    for path in sorted((REPO / "pipeline").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert names(ast.walk(ast.parse(source))) <= names(fingerprints._import_statements(source)), path


def test_a_package_upgrade_changes_the_key_of_the_stages_importing_it(copy, monkeypatch):
    config = load_config()

    def packages(upgraded: str) -> dict[str, dict]:
        monkeypatch.setattr(fingerprints, "package_key", lambda name: "2.0" if name == upgraded else "1.0")
        return {stage: fingerprints.stage_dependencies(stage, config.section(stage).model_dump(mode="json"), copy)["packages"] for stage in STAGE_ORDER}

    before, after = packages(""), packages("cn2an")
    changed = {stage for stage in STAGE_ORDER if before[stage] != after[stage]}
    assert "relate" in changed and "ingest" not in changed
    assert changed == {stage for stage in STAGE_ORDER if "cn2an" in before[stage]}


def test_runtime_code_imports_no_module_by_name_at_run_time():
    """The closure is read from import statements: a module imported by a computed name would be missed."""
    modules = {m for stage in STAGE_ORDER for m in fingerprints.module_closure(f"pipeline.stages.{stage}")}
    for module in modules:
        source = fingerprints.module_file(module).read_text(encoding="utf-8")
        assert "import_module(" not in source and "__import__(" not in source, module


def _copy_repo(root: Path) -> Path:
    """A copy of the code and data at `root` (models and configs linked) that a test may edit."""
    for name in ("pipeline", "data"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("models", "configs"):
        (root / name).symlink_to(REPO / name)
    return root


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    return _copy_repo(tmp_path_factory.mktemp("repo"))


def _changed_stages(root: Path, relative: str) -> set[str]:
    """Stages whose dependencies change when `relative` (in the copy at `root`) gets one more line."""
    config = load_config()
    sections = {stage: config.section(stage).model_dump(mode="json") for stage in STAGE_ORDER}
    before = {stage: fingerprints.stage_dependencies(stage, sections[stage], root) for stage in STAGE_ORDER}
    path = root / relative
    original = path.read_bytes()
    path.write_bytes(original + ("\n# edited\n" if path.suffix == ".py" else "\n某某某\n").encode())
    try:
        after = {stage: fingerprints.stage_dependencies(stage, sections[stage], root) for stage in STAGE_ORDER}
    finally:
        path.write_bytes(original)
    return {stage for stage in STAGE_ORDER if before[stage] != after[stage]}


# (file edited, stages whose key must change, stages whose key may change too). "May" is for stages
# that import a helper module of another stage today (places reads bylines with segmentation's
# code); every stage in neither set must keep its key.
@pytest.mark.parametrize(
    ("relative", "must", "may"),
    [
        ("data/segmentation/weak_openings.txt", {"segment"}, {"places", "relate"}),
        ("pipeline/segmentation/cues.py", {"segment"}, {"places", "relate"}),
        ("data/metrics/qualifiers.txt", {"relate"}, set()),
        ("data/gazetteers/post_roles.txt", {"relate"}, {"places"}),
        ("data/gazetteers/generic_orgs.txt", {"ner"}, set()),
        ("pipeline/stages/relate.py", {"relate"}, set()),
        ("pipeline/stages/places.py", {"places"}, set()),
        ("pipeline/relations/numbers.py", {"relate"}, set()),
        ("pipeline/ner/nested.py", {"ner"}, set()),
        ("pipeline/decoding.py", {"ingest", "clean"}, set()),
        ("pipeline/schemas.py", set(STAGE_ORDER), set()),
        ("pipeline/runner.py", set(STAGE_ORDER), set()),
        ("pipeline/cli.py", set(), set()),
        ("pipeline/evaluation/realnews_eval.py", set(), set()),
        ("data/annotations/README.md", set(), set()),
    ],
)
def test_an_edit_changes_the_key_of_exactly_the_stages_that_use_it(copy, relative, must, may):
    changed = _changed_stages(copy, relative)
    assert must <= changed <= must | may, changed


def test_a_model_file_edit_changes_the_key_of_its_stage(copy, tmp_path):
    model = tmp_path / "crf"
    shutil.copytree(REPO / "models" / "crf_ner", model)
    section = load_config(None, [f"ner.crf_model={model}", "ner.allow_external_model=true"]).ner.model_dump(mode="json")
    before = fingerprints.stage_dependencies("ner", section, copy)
    with open(model / "difang.json", "a", encoding="utf-8") as handle:
        handle.write(" ")
    assert fingerprints.stage_dependencies("ner", section, copy)["models"] != before["models"]


def _extract(root: Path, output: Path) -> dict[str, bool]:
    """Run `python -m pipeline extract` from the copy at `root`; {stage: served from the cache}."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "-i", str(root / "data" / "sample"), "-o", str(output), "-q"],
        cwd=root, env=env, check=True, timeout=600, capture_output=True,
    )
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return {name: report["cached"] for name, report in manifest["stages"].items()}


def test_rerun_after_edits_recomputes_exactly_the_stages_reached(tmp_path):
    copy = _copy_repo(tmp_path / "repo")
    output = tmp_path / "out"
    assert not any(_extract(copy, output).values())  # (a rerun without edits is all cached: test_foundation)
    edits = [
        ("pipeline/stages/places.py", "\n# edited\n", {"places", "relate", "registry"}),  # relate places posts by the places table
        ("data/metrics/qualifiers.txt", "\n某某\n", {"relate", "registry"}),
        ("data/segmentation/weak_openings.txt", "\n某某某\n", set(STAGE_ORDER) - {"ingest", "clean"}),
    ]
    for relative, addition, rerun in edits:
        with open(copy / relative, "a", encoding="utf-8") as handle:
            handle.write(addition)
        cached = _extract(copy, output)
        assert {name for name, hit in cached.items() if not hit} == rerun, relative
