"""China's administrative divisions (province → city → county → township → village), from jionlp.

Source: `jionlp/dictionary/china_location.zip` in the `jionlp` package (PyPI, Apache-2.0), a
tab-indented tree of every division with its adcode (GB/T 2260, 统计用区划代码) and short name
for the province, city and county levels; townships/streets and villages/communities carry only
their names. The file is read straight from the installed package's folder (jionlp's own
`__init__` is never imported: it loads far more than this table), once per process.

Nothing of it is copied into the repository: the package is a dependency, the table is parsed here.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ModelError
from pipeline.wordlists import DATA_DIR, read_list

LEVELS = ("province", "city", "county", "township", "village")
LOCATION_FILE = "dictionary/china_location.zip"


@dataclass(frozen=True)
class Division:
    """One administrative division: `parent` is the index of its parent in `Divisions.items`."""

    name: str
    level: str  # one of LEVELS
    adcode: str | None  # 6 digits for province/city/county, None below
    short: str | None  # jionlp's short form (渝中 for 渝中区), province/city/county only
    parent: int | None


@dataclass
class Divisions:
    """All divisions in file order (a parent comes before its children)."""

    items: list[Division]

    def ancestors(self, index: int) -> list[Division]:
        """The chain from the province down to the division's parent."""
        chain = []
        parent = self.items[index].parent
        while parent is not None:
            chain.append(self.items[parent])
            parent = self.items[parent].parent
        return chain[::-1]


def location_file() -> Path:
    """Path of china_location.zip inside the installed jionlp package, or a ModelError."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the administrative divisions come from the `jionlp` package, which is not installed: pip install jionlp==1.5.31")
    path = Path(next(iter(spec.submodule_search_locations))) / LOCATION_FILE
    if not path.is_file():
        raise ModelError(f"{path} is missing: the installed jionlp has no divisions table; reinstall jionlp==1.5.31")
    return path


# Level words that jionlp's table also lists as names of a few rows (townships 街道 and 社区 with
# no adcode): placeholders, not divisions a text could name (data/places/division_placeholders.txt).
PLACEHOLDER_NAMES = frozenset(read_list(DATA_DIR / "places" / "division_placeholders.txt"))


def parse(lines: list[str], max_level: str = "village") -> Divisions:
    """Parse jionlp's tab-indented tree (depth = number of leading tabs; a row is
    `name[\\tadcode\\tshort]`). A city row repeated under a province-level city (上海市 under
    上海市) is the same unit listed twice; it is kept as its own row, like the source."""
    depth_limit = LEVELS.index(max_level)
    too_deep = "\t" * (depth_limit + 1)
    items: list[Division] = []
    stack: list[int | None] = []  # index of the last division seen at each depth
    # Rows below max_level dropped first, in one pass (villages are 93% of the rows; this runs at
    # every start-up).
    for line in [line for line in lines if not line.startswith(too_deep)]:
        stripped = line.lstrip("\t")
        if not stripped.strip():
            continue
        depth = len(line) - len(stripped)
        if depth > depth_limit:
            continue
        fields = stripped.rstrip("\r\n").split("\t")
        del stack[depth:]
        parent = stack[-1] if stack else None
        if fields[0] in PLACEHOLDER_NAMES:
            # A row named by its level word alone (a township 街道, no code): no name to find in a
            # text; its rows below hang from its parent.
            stack.append(parent)
            continue
        adcode = fields[1] if len(fields) > 1 and fields[1].isdigit() else None
        short = fields[2] if len(fields) > 2 and fields[2] else None
        items.append(Division(fields[0], LEVELS[depth], adcode, short, parent))
        stack.append(len(items) - 1)
    return Divisions(items)


@lru_cache(maxsize=2)
def load(max_level: str = "township") -> Divisions:
    """Divisions down to `max_level` (default township: villages are 93% of the 700k rows)."""
    if max_level not in LEVELS:
        raise ValueError(f"max_level must be one of {', '.join(LEVELS)}, got {max_level!r}")
    with zipfile.ZipFile(location_file()) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".txt"))
        text = io.TextIOWrapper(archive.open(name), encoding="utf-8").read()
    return parse(text.splitlines(), max_level)


@lru_cache(maxsize=1)
def village_names() -> frozenset[str]:
    """Names of villages and communities (村/社区/居委会 …), for places confirmed by their suffix."""
    return frozenset(d.name for d in load("village").items if d.level == "village")
