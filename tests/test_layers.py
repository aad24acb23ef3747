"""Imports point one way (runtime ← annotations ← training ← evaluation ← bench/report ← CLI), and
the command line starts without the heavy libraries.

The import graph is read with `ast` from the source of pipeline/ (imports inside functions count:
a lazy import that points up is still a dependency that points up).
"""

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "pipeline"

# Layer of each unit above the runtime (stages, ner, relations, places, segmentation and the
# top-level modules: config, schemas, io, runner…, all layer 0). A unit imports only from its own
# layer or lower ones.
LAYERS = {
    "pipeline.annotations": 1,
    "pipeline.training": 2,
    "pipeline.evaluation": 3,
    "pipeline.bench": 4,
    "pipeline.report": 4,
    "pipeline.cli": 5,
    "pipeline.__main__": 5,
}
HEAVY = ("spacy", "thinc", "torch", "transformers", "hanlp", "pandas", "pyarrow")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        return [target, *(f"{target}.{alias.name}" for alias in node.names)]
    return []


def _unit(module: str) -> str:
    """pipeline.stages.ner → pipeline.stages; pipeline.config → pipeline.config."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def import_edges() -> dict[tuple[str, str], list[str]]:
    """(importing unit, imported unit) → ["file:line", …] for every import between two units of pipeline/."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _imported(node, module, path.name == "__init__.py"):
                source, dest = _unit(module), _unit(target)
                # `from pipeline import __version__` names the package itself, which imports nothing.
                if target.startswith("pipeline.") and dest != source and dest != "pipeline.__version__":
                    where = f"{path.relative_to(REPO)}:{node.lineno}"
                    if where not in edges[(source, dest)]:
                        edges[(source, dest)].append(where)
    return edges


def _cycles(edges) -> list[list[str]]:
    """Strongly connected components of more than one unit (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, dest in edges:
        graph[source].add(dest)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walker_sees_imports_at_any_depth_and_relative_ones(tmp_path):
    tree = ast.parse("from . import x\nfrom ..ner import rules\ndef f():\n    import pipeline.training.train\n")
    names = [t for node in ast.walk(tree) for t in _imported(node, "pipeline.stages.tokens", False)]
    assert {"pipeline.stages.x", "pipeline.ner.rules", "pipeline.training.train"} <= set(names)
    assert _cycles({("a", "b"): [], ("b", "c"): [], ("c", "a"): [], ("c", "d"): []}) == [["a", "b", "c"]]


def test_no_import_cycle_between_packages():
    edges = import_edges()
    cycles = _cycles(edges)
    details = [
        f"{' ↔ '.join(cycle)}: " + "; ".join(f"{s} → {d} ({', '.join(w)})" for (s, d), w in edges.items() if s in cycle and d in cycle)
        for cycle in cycles
    ]
    assert not cycles, "import cycles:\n" + "\n".join(details)


def test_imports_point_down_only():
    upward = [
        f"{source} (layer {LAYERS.get(source, 0)}) imports {dest} (layer {LAYERS.get(dest, 0)}) at {', '.join(where)}"
        for (source, dest), where in import_edges().items()
        if LAYERS.get(dest, 0) > LAYERS.get(source, 0)
    ]
    assert not upward, "imports that point up:\n" + "\n".join(upward)


def _imported_modules(code: list[str]) -> set[str]:
    """Top-level names of every module a fresh interpreter imports running `python -X importtime …`."""
    done = subprocess.run([sys.executable, "-X", "importtime", *code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line}


def test_help_imports_no_heavy_library():
    # The bar is `difang --help` in under 0.5 s; pandas alone takes about that long to import.
    loaded = _imported_modules(["-m", "pipeline", "--help"])
    assert "typer" in loaded and not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    loaded = _imported_modules(["-m", "pipeline", "extract", "--help"])
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_reading_a_config_imports_no_stage_code():
    loaded = _imported_modules(["-c", "from pipeline.config import load_config; from pipeline.stages import STAGE_ORDER; load_config()"])
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
