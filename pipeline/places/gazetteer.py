"""The divisions index the linker looks names up in: full names, short forms, parents, villages.

Built once per process from `pipeline.divisions.load("township")` (jionlp's china_location.zip,
province → city → county → township; the NER stage loads the same table, so in one process the
parse is shared). Shapes:

- `full[name]` → indices into `divisions.items` of every division with that exact name
  (江津区, 新民镇, 重庆市);
- `short[form]` → indices of the province/city/county divisions with that short form: jionlp's own
  (渝中 for 渝中区), and for autonomous units the short form plus the unit word the papers write
  (伊犁州 for 伊犁哈萨克自治州, 连南县 for 连南瑶族自治县); township short forms (月城 for 月城镇)
  are in `township_short` and are only ever used when the article's county is known;
- a province-level city is listed by jionlp twice (重庆市 as province and as city, same adcode):
  the city row is dropped from lookups, so one unit is one candidate.

Villages and communities (700k rows) are not parsed into the tree: `village_counties(name)` finds
the counties holding a village of that name by scanning jionlp's text on demand, once per name.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import divisions

# Township names ending in these are zones, farms or forests that jionlp lists at township level;
# a place with such a name is `other` (not an administrative division), as the issue asks.
ZONE_ENDINGS = ("开发区", "高新区", "工业区", "园区", "新区", "示范区", "试验区", "农场", "林场", "牧场", "管委会", "管理区", "风景区", "景区")
TOWNSHIP_SUFFIXES = ("街道", "镇", "乡", "苏木")
AUTONOMOUS = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))


@dataclass
class Gazetteer:
    items: list[divisions.Division]
    full: dict[str, list[int]]
    short: dict[str, list[int]]
    township_short: dict[str, list[int]]
    children: dict[int, list[int]]
    by_code: dict[str, int]  # adcode → its division (the province row for a province-level city)
    # chain() by index: the linker asks for the same few hundred chains some 200k times a run.
    _chains: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    def chain(self, index: int) -> tuple[int, ...]:
        """Indices from the province down to `index` itself."""
        found = self._chains.get(index)
        if found is None:
            out = [index]
            parent = self.items[index].parent
            while parent is not None:
                out.append(parent)
                parent = self.items[parent].parent
            found = self._chains[index] = tuple(reversed(out))
        return found

    def county_of(self, index: int) -> int | None:
        """The county-level (or, for a township directly under a city, city-level) unit holding it."""
        for i in reversed(self.chain(index)):
            if self.items[i].adcode:
                return i
        return None

    def code(self, index: int) -> str | None:
        """The adcode of a division; a township carries its county's code (jionlp gives townships none)."""
        holder = self.county_of(index)
        return self.items[holder].adcode if holder is not None else None

    def names(self, index: int) -> dict[str, str | None]:
        """province / city / county names of the division's chain (itself included at its level)."""
        out: dict[str, str | None] = {"province": None, "city": None, "county": None}
        for i in self.chain(index):
            level = self.items[i].level
            if level in out:
                out[level] = self.items[i].name
        return out

    def is_zone(self, index: int) -> bool:
        """A development zone, farm or forest listed as a division: a zone ending (开发区, 园区, 新区 …)
        and, for a county-level row, a zone code (统计用区划代码 numbers the county-level zones xxxx71–79);
        districts whose name only ends like one (浦东新区 310115, 绿园区 220106) are divisions."""
        d = self.items[index]
        return d.name.endswith(ZONE_ENDINGS) and (d.adcode is None or "70" <= d.adcode[4:] <= "79")


def _key(d: divisions.Division, items: list[divisions.Division]) -> bool:
    """False for the repeated city row of a province-level city (重庆市 under 重庆市)."""
    return not (d.level == "city" and d.parent is not None and items[d.parent].adcode == d.adcode)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The index over jionlp's divisions down to townships, built once per process."""
    table = divisions.load("township")
    items = table.items
    full: dict[str, list[int]] = {}
    short: dict[str, list[int]] = {}
    township_short: dict[str, list[int]] = {}
    children: dict[int, list[int]] = {}
    by_code: dict[str, int] = {}
    for i, d in enumerate(items):
        if not _key(d, items):
            continue
        parent = d.parent
        if parent is not None and not _key(items[parent], items):
            parent = items[parent].parent  # children of the repeated city row hang from the province
        if parent is not None:
            children.setdefault(parent, []).append(i)
        full.setdefault(d.name, []).append(i)
        if d.adcode:
            by_code.setdefault(d.adcode, i)
        if d.short and d.short != d.name:
            short.setdefault(d.short, []).append(i)
            for long, unit in AUTONOMOUS:
                if d.name.endswith(long) and len(d.short) >= 2:
                    short.setdefault(d.short + unit, []).append(i)
        if d.level == "township" and not d.name.endswith(ZONE_ENDINGS):
            for suffix in TOWNSHIP_SUFFIXES:
                stem = d.name[: -len(suffix)]
                if d.name.endswith(suffix) and len(stem) >= 2:
                    township_short.setdefault(stem, []).append(i)
                    break
    return Gazetteer(items, full, short, township_short, children, by_code)


# --- villages, on demand -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _village_text() -> tuple[str, list[int], list[str]]:
    """jionlp's text, with the offsets and adcodes of its county-level lines (for bisecting)."""
    with zipfile.ZipFile(divisions.location_file()) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".txt"))
        text = "\n" + io.TextIOWrapper(archive.open(name), encoding="utf-8").read().replace("\r", "")
    starts, codes = [], []
    for m in re.finditer(r"\n\t\t([^\t\n]+)\t(\d{6})", text):
        starts.append(m.start())
        codes.append(m.group(2))
    return text, starts, codes


@lru_cache(maxsize=4096)
def village_counties(name: str) -> tuple[str, ...]:
    """Adcodes of the counties holding a village or community called `name` (one per village)."""
    text, starts, codes = _village_text()
    needle = f"\n\t\t\t\t{name}\n"
    out = []
    pos = text.find(needle)
    while pos >= 0:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0:
            out.append(codes[k])
        pos = text.find(needle, pos + 1)
    return tuple(out)
