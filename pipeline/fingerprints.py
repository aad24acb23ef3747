"""What a stage's output depends on besides its input tables and config: code, data files, models.

The runner keys its cache on this, so that no edit can leave a stale table behind:
- code: the source of the stage's module and of every `pipeline` module it imports, transitively
  (read statically from the files, imports inside functions included), plus the runner-side modules
  that turn a stage's return value into Parquet rows (`FRAMEWORK`); and the installed files of each
  third-party package those modules import (an upgraded OpenCC or cn2an reruns clean or relate);
- data: the files those modules read (`DATA_READS`, declared per module; tests/test_cache_keys.py
  runs the pipeline with an audit hook and checks that every data file opened is declared by a
  module on the call stack, and that every declared file is opened);
- models: every file of each model folder the stage's config section names (ner.crf_model,
  ner.model, tokens.model …; a folder the configured backend does not load counts too, which
  costs a rerun after retraining it, never a stale table).

Everything is hashed by content (SHA-256), so touching a file without changing it reruns nothing.
`root` is the repository (the folder holding `pipeline/` and `data/`); tests pass a copy.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import platform
import re
import sys
import textwrap
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "pipeline"

# Runner-side code every stage's rows pass through: calling the stage (Stage.run), per-document
# failure capture and row order (runner), Arrow conversion and writing (io). Hashed without
# following their imports (the registry imports every stage).
FRAMEWORK = ("pipeline.stages", "pipeline.runner", "pipeline.io")

# Data files each module reads, from the repository root (a `*` pattern stands for every file it
# matches, present or added later); `package:path` is a file inside an installed package. A module
# that calls another's reader (rules.read_list) declares the files it asks for itself: a stage
# depends on the files of the modules it imports, and no others.
DATA_READS: dict[str, tuple[str, ...]] = {
    "pipeline.ner.rules": tuple(
        f"data/gazetteers/{name}.txt"
        for name in ("titles", "byline_roles", "credit_roles", "org_units", "org_standalone", "places", "surnames", "public_figures")
    )
    + ("data/metrics/units.txt", "data/metrics/measure_word_clashes.txt", "data/metrics/money_words.txt"),
    "pipeline.ner.late_figures": ("data/metrics/late_units.txt", "data/metrics/people_nouns.txt", "data/metrics/age_words.txt"),
    "pipeline.ner.nested": tuple(
        f"data/gazetteers/{name}.txt" for name in ("role_words", "org_suffixes", "generic_orgs", "division_suffixes", "post_qualifiers", "role_prefixes")
    ),
    "pipeline.ner.crf_backend": ("data/gazetteers/org_suffixes.txt",),
    # ner also hashes nested's word lists into its model id (`_nested_id`).
    "pipeline.stages.ner": tuple(
        f"data/gazetteers/{name}.txt"
        for name in (
            "not_name_endings", "translit_chars", "role_words", "org_suffixes", "generic_orgs", "division_suffixes", "titles", "byline_roles", "org_units",
            "post_qualifiers", "role_prefixes", "name_credit_suffixes", "surnames_rare", "facility_heads",
        )
    ),
    "pipeline.ner.names": ("jionlp:rule/rule_pattern.py",),
    "pipeline.ner.hanlp_backend": ("data/gazetteers/not_name_endings.txt",),
    "pipeline.divisions": ("jionlp:dictionary/china_location.zip", "data/places/division_placeholders.txt"),
    "pipeline.places.gazetteer": ("jionlp:dictionary/china_location.zip",),
    "pipeline.places.filters": ("data/places/name_heads.txt", "data/places/not_place_endings.txt", "data/gazetteers/division_suffixes.txt"),
    "pipeline.places.scan": ("data/places/not_places.txt",),
    "pipeline.relations.officials": tuple(
        f"data/gazetteers/{name}.txt"
        for name in (
            "post_roles", "role_words", "credit_roles", "org_suffixes", "post_prefixes", "post_suffixes", "post_followers", "post_stops",
            "post_qualifiers", "division_suffixes", "role_prefixes", "post_levels", "post_split_roles",
        )
    ),
    "pipeline.relations.metrics": ("data/metrics/*.txt",),
    "pipeline.relations.numbers": ("data/metrics/qualifiers.txt", "data/metrics/currency_aliases.txt", "data/metrics/currencies.txt"),
    "pipeline.ids": ("data/gazetteers/byline_roles.txt", "data/gazetteers/credit_roles.txt", "data/gazetteers/post_qualifiers.txt", "data/gazetteers/role_prefixes.txt"),
    "pipeline.places.posts": ("data/gazetteers/post_qualifiers.txt", "data/gazetteers/role_prefixes.txt"),
    "pipeline.stages.clean": ("data/gazetteers/credit_roles.txt", "data/segmentation/nav_words.txt"),
    "pipeline.segmentation.bylines": tuple(
        f"data/gazetteers/{name}.txt" for name in ("newsroom_prefixes", "byline_roles", "surnames", "surnames_rare")
    ),
    "pipeline.segmentation.masthead": ("data/segmentation/masthead_names.txt",),
    "pipeline.segmentation.blocks": ("data/segmentation/clause_particles.txt",),
    "pipeline.segmentation.cues": ("data/gazetteers/credit_roles.txt",)
    + tuple(f"data/segmentation/{name}.txt" for name in ("furniture_labels", "weak_openings", "outlet_suffixes", "back_references")),
}


def module_file(module: str, root: Path = REPO_ROOT) -> Path | None:
    """The source file of `module` under `root` (a module file or a package's __init__.py), or None."""
    base = Path(root).joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _stat_key(path: Path) -> tuple:
    stat = path.stat()
    return (str(path), stat.st_size, stat.st_mtime_ns)


# Per process, by (path, size, mtime): a run asks for the same modules and files once per stage.
_IMPORTS: dict[tuple, set[str]] = {}
_DIGESTS: dict[tuple, str] = {}


def imported_modules(module: str, root: Path = REPO_ROOT) -> set[str]:
    """The `pipeline` modules that `module` imports anywhere in its source (top level or inside
    functions). `from pipeline.x import y` names the submodule pipeline.x.y when it exists, else
    the package pipeline.x; a parent package's __init__ is not counted as imported."""
    path = module_file(module, root)
    if path is None:
        return set()
    key = _stat_key(path)
    if key not in _IMPORTS:
        _IMPORTS[key] = _parse_imports(module, path, root)
    return {name for name in _IMPORTS[key] if name.split(".")[0] == PACKAGE}


# An import statement at the start of a line (any indentation), parenthesised lists included.
# Parsing only these is ~50x faster than walking the whole syntax tree; a match inside a docstring
# only adds a module, never loses one.
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)", re.MULTILINE)


def _import_statements(source: str) -> Iterator[ast.stmt]:
    for match in _IMPORT_LINE.finditer(source):
        try:
            yield from ast.parse(textwrap.dedent(match.group(0))).body
        except SyntaxError:
            continue


def _parse_imports(module: str, path: Path, root: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_statements(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.add(sub if module_file(sub, root) else source)
    return {name for name in found if name.split(".")[0] != PACKAGE or module_file(name, root)}


def external_imports(module: str, root: Path = REPO_ROOT) -> set[str]:
    """Top-level names of the third-party packages `module` imports (not `pipeline`, not the standard library)."""
    path = module_file(module, root)
    if path is None:
        return set()
    imported_modules(module, root)  # parses and caches
    tops = {name.split(".")[0] for name in _IMPORTS[_stat_key(path)]}
    return {top for top in tops if top and top != PACKAGE and top not in sys.stdlib_module_names}


@lru_cache(maxsize=None)
def package_key(name: str) -> str:
    """What identifies the installed package imported as `name`: size and mtime of its module file
    (any install or upgrade rewrites it; found without importing, as reading versions from package
    metadata takes seconds); "missing" when it is not installed."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    origin = spec and (spec.origin if spec.has_location else next(iter(spec.submodule_search_locations or ()), None))
    if not origin:
        return "missing"
    stat = Path(origin).stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def module_closure(module: str, root: Path = REPO_ROOT) -> list[str]:
    """`module` and every `pipeline` module it imports, transitively, sorted."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(imported_modules(name, root) - seen)
    return sorted(seen)


def resolve_data_file(entry: str, root: Path = REPO_ROOT) -> Path:
    """The path of a DATA_READS entry: relative to `root`, or `package:path` inside an installed package."""
    package, sep, inner = entry.partition(":")
    if not sep:
        return Path(root) / entry
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return Path(f"<{package} not installed>") / inner
    return Path(next(iter(spec.submodule_search_locations))) / inner


def data_files(modules: Iterable[str], root: Path = REPO_ROOT) -> list[str]:
    """The data files `modules` read (DATA_READS entries, patterns expanded), sorted, without repeats."""
    found = set()
    for entry in (e for module in modules for e in DATA_READS.get(module, ())):
        if "*" in entry:
            found.update(path.relative_to(root).as_posix() for path in Path(root).glob(entry) if path.is_file())
        else:
            found.add(entry)
    return sorted(found)


def model_folders(section: dict, root: Path = REPO_ROOT) -> list[Path]:
    """Existing folders (or files) named by string values of a config section, relative paths from
    `root`: the model folders a stage may load. A HanLP pretrained identifier names no path."""
    found = []
    for value in section.values():
        # Only values written as paths (as ner.local_models reads them): "crf" or "local" are not.
        if not isinstance(value, str) or not ("/" in value or "\\" in value or value.startswith(".")):
            continue
        path = Path(value).expanduser()
        path = path if path.is_absolute() else Path(root) / path
        if path.exists() and path.resolve() != Path(root).resolve():
            found.append(path)
    return sorted(set(found))


def _file_digest(path: Path) -> str:
    try:
        key = _stat_key(path)
        if key not in _DIGESTS:
            _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return _DIGESTS[key]
    except OSError:
        return "missing"  # the stage itself reports a missing file; a later fix changes the key


def _tree_digest(path: Path) -> str:
    if path.is_file():
        return _file_digest(path)
    digest = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{item.relative_to(path).as_posix()}\0{_file_digest(item)}\n".encode())
    return digest.hexdigest()


def code_and_data(module: str, root: Path = REPO_ROOT, extra: Iterable[str] = ()) -> dict[str, dict[str, str]]:
    """{"code": {module: sha256}, "packages": {name: package_key}, "data": {entry: sha256}} of
    `module`'s import closure (plus the modules `extra`, not followed): its source, the third-party
    packages it imports (and Python's version), the data files it reads. Also the key of cached
    training runs (the leave-one-document-out fold models)."""
    modules = module_closure(module, root)
    code = {name: _file_digest(module_file(name, root)) for name in sorted({*modules, *extra}) if module_file(name, root)}
    external = sorted({name for m in modules for name in external_imports(m, root)})
    packages = {"python": platform.python_version(), **{name: package_key(name) for name in external}}
    data = {entry: _file_digest(resolve_data_file(entry, root)) for entry in data_files(modules, root)}
    return {"code": code, "packages": packages, "data": data}


def stage_dependencies(stage: str, section: dict, root: Path = REPO_ROOT) -> dict[str, dict[str, str]]:
    """{"code": {module: sha256}, "data": {entry: sha256}, "models": {folder: sha256}} for stage
    `stage` (module pipeline.stages.<stage>) run with config `section` (its JSON dump)."""
    found = code_and_data(f"{PACKAGE}.stages.{stage}", root, FRAMEWORK)
    models = {}
    for folder in model_folders(section, root):
        try:
            key = folder.relative_to(root).as_posix()
        except ValueError:
            key = str(folder)
        models[key] = _tree_digest(folder)
    return {**found, "models": models}
