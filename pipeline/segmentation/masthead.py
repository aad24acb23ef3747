"""A paper's masthead at the top of a page (`某某报 2024年1月16日 星期二 第2版`, or `某某新闻` over
`2023年7月3日`): page furniture that dates the page and is never a headline.

Clean deletes it as site chrome and segment reads the page date from that chrome marker, so this
module reads only its own word lists (no segmentation cues: clean's cache key must not follow them).
"""

import re
from functools import cache
from itertools import islice

from pipeline.wordlists import DATA_DIR, longest_first, read_list

FULL_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MASTHEAD_MAX_CHARS = 60
# What only a masthead writes beside its date: weekday, lunar date, edition (第2版, 02版, A3版), issue
# number (第2368期, 总第5123期).
_MASTHEAD_MARKS = r"(?:星期|礼拜|周)[一二三四五六日天]|农历[\u3400-\u9fff]{2,10}|第?[A-Za-z]?\d{1,3}\s*版|(?:总)?第\s*\d{1,6}\s*期"
_MASTHEAD_MARK_RE = re.compile(_MASTHEAD_MARKS)
# The furniture of a masthead beside its date: those marks and a short parenthesis ((要闻), the
# date's own brackets). A parenthesis alone marks no masthead: 政府工作报告（2024年1月16日） is a headline.
_MASTHEAD_FURNITURE_RE = re.compile(rf"{_MASTHEAD_MARKS}|[(（][^()（）]{{0,12}}[)）]")
# What may be left of a masthead line after its date and furniture: its name (and section), in words.
_MASTHEAD_NAME_RE = re.compile(r"^[\u3400-\u9fff]{2,12}$")
_MASTHEAD_MAX_WORDS = 3  # name, section (要闻), subtitle of the paper
_PAPER_NAME_MAX_CHARS = 10  # 某某县政协报; a longer line ending in 新闻 is a headline
_LINE_RE = re.compile(r"[^\n]*\S[^\n]*")


@cache
def _paper_name_endings() -> tuple[str, ...]:
    """Endings of a paper's name (data/segmentation/masthead_names.txt), longest first."""
    return longest_first(read_list(DATA_DIR / "segmentation" / "masthead_names.txt"))


def _masthead_rest(line: str) -> list[str] | None:
    """The words left of `line` once its one full date and its masthead furniture are taken out, or
    None when `line` has no full date, two dates or anything but short Chinese words besides."""
    found = list(FULL_DATE_RE.finditer(line))
    if len(found) != 1 or len(line) > _MASTHEAD_MAX_CHARS:
        return None
    rest = _MASTHEAD_FURNITURE_RE.sub(" ", line[: found[0].start()] + " " + line[found[0].end() :]).split()
    return rest if all(_MASTHEAD_NAME_RE.match(word) for word in rest) else None


def _is_paper_name(line: str) -> bool:
    """A newspaper's name alone on a line: short, Chinese only, ending as a paper's name does
    (data/segmentation/masthead_names.txt: 某某报, 某某新闻)."""
    endings = _paper_name_endings()
    return _MASTHEAD_NAME_RE.match(line) is not None and len(line) <= _PAPER_NAME_MAX_CHARS and line.endswith(endings)


def masthead_span(text: str) -> tuple[int, int] | None:
    """(start, end) in `text` of the masthead at the top of a page, or None: a first line with one
    full date, a weekday or edition (星期二, 第2版) or a paper's name, and nothing else but a few
    names (`某某报 2024年1月16日 星期二 第2版`, `安吉新闻  2023年5月8日  第2版`); or a paper's name
    alone over a line of a full date and its furniture only (`某某新闻` / `2023年7月3日 星期一`).
    A headline over a bare date line, or one holding a date (某某报社2023年7月3日召开年会), is no
    masthead."""
    spans = [m.span() for m in islice(_LINE_RE.finditer(text), 2)]
    if not spans:
        return None
    lines = [text[start:end].strip() for start, end in spans]
    rest = _masthead_rest(lines[0])
    if rest is not None and len(rest) <= _MASTHEAD_MAX_WORDS and (_MASTHEAD_MARK_RE.search(lines[0]) or any(map(_is_paper_name, rest))):
        return spans[0]
    if len(lines) == 2 and _is_paper_name(lines[0]) and _masthead_rest(lines[1]) == []:
        return spans[0][0], spans[1][1]
    return None
