"""clean stage: raw page text → clean text with an offset map back to the raw text and markers.

Cleaning only ever deletes raw characters or replaces a half-width punctuation mark by its
full-width form, so every clean character maps to exactly one raw character (`offsets`). The
rules below are small named functions applied in order; each can be switched off in the config.
The clean text has one paragraph or one headline per line, separated by "\\n".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from pipeline.config import CleanConfig
from pipeline.decoding import script_of
from pipeline.offsets import clean_position, line_spans, raw_to_clean_span
from pipeline.ids import BYLINE_ROLES
from pipeline.schemas import PAGES
from pipeline.segmentation.masthead import masthead_span
from pipeline.wordlists import DATA_DIR, read_credit_roles, read_list, trie_alternation


@dataclass(frozen=True)
class CleanedPage:
    """A clean page: `offsets[i]` is the raw index of `text[i]`; markers use the MARKER fields."""

    text: str
    offsets: list[int]
    markers: list[dict] = field(default_factory=list)
    n_simplified: int = 0  # characters converted from traditional to simplified


# ---------------------------------------------------------------------------------------------
# Character classes

_SPACE = " \t\u3000\u00a0"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK ideographs plus CJK / full-width punctuation: the context that makes punctuation Chinese.
_CJK_CONTEXT = re.compile(f"[{_CJK}\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201f\u2026\u00b7\u2022]")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_ALNUM = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")  # Latin letters (accents too) and digits
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Marks that end a sentence, so a line ending with one is a finished paragraph line. A closing
# quote ends one only after such a mark (…。”); after a word (“智能版”) the sentence goes on.
_FINAL = set("。！？!?…；;")
_CLOSERS = set("”’」』\"'）)》")
_SENTENCE_PUNCT_STRICT = re.compile(r"[，。；！？,;!?]")
# A Chinese headline does not start with a dateline or end on a particle that needs a continuation.
_BODY_START = re.compile(r"^(?:本报讯|本报记者|本报[(（]|据新华社|新华社)")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d))")
_DANGLING_END = set("的地得和与及在对为把被将从向于之而并且或")
# Punctuation inside sentences: a line containing one is body text, not a headline.
_SENTENCE_PUNCT = re.compile(r"[，。；！？、,;!?…]")
_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_DEL = "\x00"  # placeholder for a deleted character inside a rewrite

# ---------------------------------------------------------------------------------------------
# The draft a rule works on


@dataclass
class _Mark:
    kind: str
    raw_start: int
    raw_end: int


@dataclass
class _Draft:
    """Text being cleaned, with the raw index of each of its characters and what was found."""

    text: str
    offsets: np.ndarray
    marks: list[_Mark] = field(default_factory=list)
    heading_starts: set[int] = field(default_factory=set)  # raw index of each heading line's first char
    simplified: int = 0  # characters converted from traditional to simplified

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def mark(self, kind: str, start: int, end: int) -> None:
        if end > start:
            self.marks.append(_Mark(kind, *self.raw_span(start, end)))

    def rewrite(self, pattern: re.Pattern, replace: Callable[[re.Match], str]) -> None:
        """Substitute `pattern`; `replace` returns a same-length string where _DEL deletes a char."""
        new = pattern.sub(replace, self.text)
        if new == self.text:
            return
        if len(new) != len(self.text):
            raise AssertionError("a clean rule changed the length of its text")
        keep = np.frombuffer(new.encode("utf-32-le"), dtype=np.uint32) != 0
        self.offsets = self.offsets[keep]
        self.text = new.replace(_DEL, "")

    def delete_lines(self, lines: list[tuple[int, int]], kind: str) -> None:
        """Delete the given (start, end) line contents, recording each as a marker of `kind`."""
        if not lines:
            return
        pieces, last = [], 0
        for start, end in lines:
            self.mark(kind, start, end)
            pieces += [self.text[last:start], _DEL * (end - start)]
            last = end
        pieces.append(self.text[last:])
        new = "".join(pieces)
        keep = np.frombuffer(new.encode("utf-32-le"), dtype=np.uint32) != 0
        self.offsets = self.offsets[keep]
        self.text = new.replace(_DEL, "")


def _deleted(match: re.Match) -> str:
    return _DEL * len(match.group(0))


def _ends_sentence(line: str) -> bool:
    """Does the line end a sentence (。 ！ ？ … ；, or a closing quote/bracket right after one)?"""
    end = line.rstrip("".join(_CLOSERS))
    return bool(end) and end[-1] in _FINAL


def _is_headline_like(line: str, config: CleanConfig) -> bool:
    """Short, without sentence punctuation, and neither a dateline nor cut off after a particle."""
    line = _ENUMERATION.sub("", line, count=1)  # "一、见习待遇" is a section heading
    return (
        0 < len(line) <= config.headline_max_chars
        and not _SENTENCE_PUNCT.search(line)
        and not _BODY_START.match(line)
        and line[-1] not in _DANGLING_END
    )


# ---------------------------------------------------------------------------------------------
# Rules, in the order they run

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r\ufeff\u200b-\u200d\u2060]")
# A run of spaces at the start of a line (^[S]+) or at its end ([S]+$), written to begin with the
# space class so that the regex engine skips to the next space in C instead of trying both
# branches at every character: the first space, then the rest of the run if it starts a line,
# else a run up to the line's end (same matches, checked on the bench corpus and random text).
_LINE_EDGE_SPACE = re.compile(f"(?m)[{_SPACE}](?:(?<=^[{_SPACE}])[{_SPACE}]*|[{_SPACE}]*$)")


def drop_control_characters(d: _Draft, config: CleanConfig) -> None:
    """Delete control, zero-width and carriage-return characters (always on: they carry no text)."""
    d.rewrite(_CONTROL, _deleted)


def strip_line_edges(d: _Draft, config: CleanConfig) -> None:
    """Delete spaces at the start and end of lines (always on: indentation carries no text)."""
    d.rewrite(_LINE_EDGE_SPACE, _deleted)


@cache
def _opencc_t2s():
    from opencc_purepy import OpenCC  # loaded only when a traditional page shows up

    return OpenCC("t2s")


def _t2s_same_length(text: str) -> str:
    """OpenCC t2s, one character for one. Its character and phrase tables map each entry to one of
    the same length; should a conversion ever change a line's length, that line is converted
    character by character instead, so every character keeps its raw offset."""
    converter = _opencc_t2s()
    converted = converter.t2s(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        out = converter.t2s(line) if line else line
        if len(out) != len(line):
            out = "".join(c if len(c) == 1 else ch for ch in line for c in [converter.t2s(ch)])
        lines.append(out)
    return "\n".join(lines)


def to_simplified(d: _Draft, config: CleanConfig) -> None:
    """Convert a traditional-Chinese page (more characters common only in Big5 than only in GB2312)
    to simplified, keeping offsets; markers keep the traditional raw text."""
    if script_of(d.text) != "traditional":
        return
    converted = _t2s_same_length(d.text)
    d.simplified += sum(a != b for a, b in zip(d.text, converted))
    d.text = converted


_CONTINUATION = re.compile(
    r"[(（][ \t]*(?:上接|下转|接上|转下|转至|紧接|接|转)[ \t]*第?[ \t]*"
    r"[0-9０-９一二三四五六七八九十A-Za-z]{1,3}[ \t]*版[ \t]*[)）]"
)


def continuation_markers(d: _Draft, config: CleanConfig) -> None:
    """Move (上接1版), (下转2版), (上接第一版) out of the text into continuation markers."""

    def replace(match: re.Match) -> str:
        d.mark("continuation", match.start(), match.end())
        return _deleted(match)

    d.rewrite(_CONTINUATION, replace)


_MD_HEADING = re.compile(r"(?m)^(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|<!--\s*image\s*-->|\[(?:图片|image|IMAGE)\]")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]+\)")
_MD_RULE = re.compile(r"(?m)^(?:[-*_][ \t]*){3,}$")
_HTML_TAG = re.compile(r"</?(?:br|p|div|span|b|i|strong|em|font)\b[^>\n]*>", re.IGNORECASE)


def markdown(d: _Draft, config: CleanConfig) -> None:
    """Drop markdown artefacts: # headings (recorded as heading markers), **bold**, images, links, rules."""

    def heading(match: re.Match) -> str:
        d.mark("markup", match.start(), match.start(2) if match.group(2) else match.end())
        if match.group(2):
            d.mark("heading", match.start(2), match.end(2))
            d.heading_starts.add(int(d.offsets[match.start(2)]))
            if match.end() > match.end(2):
                d.mark("markup", match.end(2), match.end())
        return _DEL * (match.start(2) - match.start()) + match.group(2) + _DEL * (match.end() - match.end(2))

    def emphasis(match: re.Match) -> str:
        size = len(match.group(1))
        d.mark("markup", match.start(), match.start() + size)
        d.mark("markup", match.end() - size, match.end())
        return _DEL * size + match.group(2) + _DEL * size

    def image(match: re.Match) -> str:
        d.mark("caption", match.start(), match.end())
        return _deleted(match)

    def link(match: re.Match) -> str:
        d.mark("markup", match.start(), match.start() + 1)
        d.mark("markup", match.end(1), match.end())
        return _DEL + match.group(1) + _DEL * (match.end() - match.end(1))

    def markup(match: re.Match) -> str:
        d.mark("markup", match.start(), match.end())
        return _deleted(match)

    d.rewrite(_MD_HEADING, heading)
    d.rewrite(_MD_IMAGE, image)
    d.rewrite(_MD_LINK, link)
    d.rewrite(_MD_EMPHASIS, emphasis)
    d.rewrite(_MD_RULE, markup)
    d.rewrite(_HTML_TAG, markup)


# A copyright notice without a colon (版权所有 某某网, 本网站版权所有，未经授权不得转载。), one
# clause or sentence opened by it; not a sentence about a copyright owner (版权所有者, 会议强调，版权所有单位…).
_COPYRIGHT = r"[^。！？；，,\n]*(?:版权所有(?![者人])|版权归[^。！？；\n]{1,24}所有)[^。！？；\n]*[。！]?$"
# Credit lines (编辑：, 责任编辑：, 审核：) are not chrome: they name the article's people.
_CHROME_LINE = re.compile(
    r"(?:按日期(?:搜索|检索|查询)|版面(?:翻页|导航|目录|概览)|放大[ \t]*缩小(?:[ \t]*默认)?"
    r"|上一[版篇期]|下一[版篇期]|返回(?:目录|首页|顶部)|往期回顾|本版标题|扫码关注|扫一扫"
    r"|(?:国内统一(?:连续出版物号|刊号)|国际标准连续出版物号|刊号|微信公众(?:平台|号)|官方微博|主办单位|主管单位"
    r"|出版单位|地[ \t]*址|邮[ \t]*编|电[ \t]*话|传[ \t]*真|备案号|录[ \t]*入"
    r")[ \t]*[:：]|.*ICP备|.*[Cc]opyright|©|"
    + _COPYRIGHT
    + ")"
)
# A navigation bar: short items separated by bars (首页 | 新闻 | 政务) or by spaces.
_NAV_BAR_SPLIT = re.compile(r"[ \t]*[|｜│][ \t]*|[ \t]+")
_NAV_ITEM = re.compile(rf"^[{_CJK}A-Za-z0-9]{{1,6}}$")
_NAV_MIN_ITEMS = 3
# The first line of an HTML page is its <title>: the site's name or a copy of the <h1> under it.
_TITLE_WINDOW_LINES = 5
_TITLE_SITE_SPLIT = re.compile(r"[ \t]*(?:[_|｜]|[-–—]{1,2}[ \t])[ \t]*")  # 标题_某某网, 标题 - 某某网
_SITE_LABEL = re.compile(r"(?:来源|稿源|信息来源|版权所有)[ \t]*[:：]?[ \t]*([^\s|｜，。；：:]{2,20})")
_SITE_NAME = re.compile(r"^(.{2,12}?报)(?:数字报纸?|电子版|数字版|网络版)$")
_PAGE_NUMBER = re.compile(r"^\d{1,4}(?:[ \t]+\d{1,4}){0,3}$")
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:[ \t]*星期.)?$|^星期.$")


@cache
def _nav_words() -> frozenset[str]:
    """Words of a site's navigation bar (data/segmentation/nav_words.txt: 首页, 联系我们)."""
    return frozenset(read_list(DATA_DIR / "segmentation" / "nav_words.txt"))


def _is_nav_bar(line: str) -> bool:
    """A navigation bar: three or more short items (at most 6 characters, no punctuation)
    separated by bars or spaces, with a navigation word (首页, 要闻: data/segmentation/nav_words.txt)
    among them. Bars alone are not enough: a list of names (一等奖｜甲某某｜乙某某｜丙某某) is text.
    A credit line (审核｜甲 终审｜乙) names roles and is no nav bar."""
    words = _nav_words()
    items = [item for item in _NAV_BAR_SPLIT.split(line) if item]
    if len(items) < _NAV_MIN_ITEMS or not all(_NAV_ITEM.match(item) for item in items) or _credit_segment().search(line):
        return False
    return any(item in words for item in items)


def _page_title_line(d: _Draft, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first line when it is an HTML page's <title> that adds nothing: the site's name as the
    page names it (来源：某某网, 版权所有 某某网), or a copy of one headline just below (the <h1>).
    A <title> that is the only headline stays: it is the headline candidate."""
    if not lines:
        return None
    first = d.text[lines[0][0] : lines[0][1]]
    if _SENTENCE_PUNCT.search(first):
        return None
    sites = {m.group(1) for m in _SITE_LABEL.finditer(d.text)}
    below = [d.text[s:e] for s, e in lines[1:_TITLE_WINDOW_LINES]]
    headline = _TITLE_SITE_SPLIT.split(first)[0] if _TITLE_SITE_SPLIT.search(first) else first  # 标题_某某网
    repeated = below.count(headline) == 1 and [d.text[s:e] for s, e in lines[1:]].count(headline) == 1
    return lines[0] if first in sites or repeated else None


def site_chrome(d: _Draft, config: CleanConfig) -> None:
    """Drop digital-paper chrome lines: navigation, zoom buttons, masthead, imprint, 录入 lines
    (credit lines such as 编辑：/审核： stay: they belong to the article). The masthead at the top
    of a page (`segmentation.masthead.masthead_span`: 某某新闻 over 2023年7月3日 星期一) is no headline."""
    masthead = masthead_span(d.text)
    lines = [(s, e) for s, e in line_spans(d.text) if e > s and not (masthead and masthead[0] <= s < masthead[1])]
    site_names = {m.group(1) for s, e in lines if (m := _SITE_NAME.match(d.text[s:e]))}
    chrome = [masthead] if masthead else []  # one marker: segment reads the page date from it
    if not masthead and (title := _page_title_line(d, lines)):
        chrome.append(title)
        lines = lines[1:]
    for start, end in lines:
        line = d.text[start:end]
        short = len(line) <= config.headline_max_chars * 2
        is_chrome = (
            (short and _CHROME_LINE.match(line) is not None)
            or (short and _is_nav_bar(line))
            or _SITE_NAME.match(line) is not None
            or (len(line) <= 12 and _PAGE_NUMBER.match(line) is not None)
            # The masthead date and the page title repeat what the page itself says; only on web pages.
            or (site_names and _DATE_LINE.match(line) is not None)
            or any(line.startswith(name) and not _SENTENCE_PUNCT.search(line) for name in site_names)
        )
        if is_chrome:
            chrome.append((start, end))
    d.delete_lines(chrome, "chrome")


# A credit at the end of a caption: "某街道供图", "(某某局供图)", "记者 张三 摄".
_CREDIT = re.compile(r"(?:[(（][^()（）\n]{0,30}(?:供图|摄)[)）]|[^\s。，,]{0,16}供图|[ \t]摄)[)）]?$")
_CREDIT_ONLY = re.compile(
    r"^[(（]?(?:本报)?(?:特约|见习)?(?:记者|通讯员|摄影|图)?[ \t]*[^\s。，,]{1,8}(?:[ \t]+[^\s。，,]{1,8})*"
    r"[ \t]*(?:供图|摄)[)）]?$"
)


def captions(d: _Draft, config: CleanConfig) -> None:
    """Move photo captions out of the running text; a stand-alone photo-news credit line stays."""
    lines = [(s, e) for s, e in line_spans(d.text)]
    removed: set[int] = set()
    for i, (start, end) in enumerate(lines):
        line = d.text[start:end]
        # A caption sentence followed by its credit on the same line ("…合影。 (桐林街道供图)").
        # A credit line alone belongs to a photo-news block, and "/文" marks an author line: both stay.
        if (
            0 < len(line) <= config.caption_max_chars
            and _CREDIT.search(line)
            and not _CREDIT_ONLY.match(line)
            and "/文" not in line
            and "文/" not in line
        ):
            removed.add(i)
    # A short label dropped where a picture was (two or more blank lines before it) into the middle
    # of a sentence: the paragraph before it stops mid-sentence and the text after it goes on.
    kept = [i for i, (s, e) in enumerate(lines) if e > s and i not in removed]
    for before, i, after in zip(kept, kept[1:], kept[2:]):
        line = d.text[slice(*lines[i])]
        previous = d.text[slice(*lines[before])]
        following = d.text[slice(*lines[after])]
        if (
            i - before >= 3
            and int(d.offsets[lines[i][0]]) not in d.heading_starts
            and len(line) <= config.headline_max_chars
            and not _SENTENCE_PUNCT_STRICT.search(line)
            and not _ends_sentence(previous)
            and not _is_headline_like(previous, config)
            and _SENTENCE_PUNCT.search(following)
        ):
            removed.add(i)
    d.delete_lines([lines[i] for i in sorted(removed)], "caption")


_SPACE_RUN = re.compile(f"[{_SPACE}]+")
_LATIN_END_PUNCT = set(",.;:!?%)]'\"")
_LATIN_START_PUNCT = set("([\"'")


def _latin_left(text: str, i: int) -> bool:
    """Is text[i] the end of a Latin word/number (a letter, digit, or punctuation after one)?"""
    c = text[i]
    if _ALNUM.match(c):
        return True
    return c in _LATIN_END_PUNCT and i > 0 and _ALNUM.match(text[i - 1]) is not None


def _latin_right(text: str, i: int) -> bool:
    """Is text[i] the start of a Latin word/number?"""
    c = text[i]
    if _ALNUM.match(c):
        return True
    return c in _LATIN_START_PUNCT and i + 1 < len(text) and _ALNUM.match(text[i + 1]) is not None


@cache
def _credit_segment() -> re.Pattern:
    """A credit line or byline: a credit or byline role (data/gazetteers/credit_roles.txt,
    byline_roles.txt) at a line start or after an opening bracket, then no sentence punctuation up
    to the line end or the closing bracket (编辑：甲某 乙某 / （记者 甲某 通讯员 乙某）; not
    记者从…获悉，…); or an author parenthesis closing a paragraph: Chinese words and spaces only,
    at least one space (（甲某 乙某某）, （甲某 乙某/文）)."""
    credits = read_credit_roles()
    # A colon-only role (发布, 统筹: also everyday words) opens a credit line only before its colon.
    roles = (
        f"(?:{trie_alternation(credits.free + tuple(BYLINE_ROLES))}"
        f"|{trie_alternation(credits.colon_only)}(?=[{_SPACE}]*[:：|｜]))"
    )
    credit = rf"(?:^|(?<=[(（【\[]))[{_SPACE}]*{roles}[^\n，。；！？,;!?()（）【】\[\]]{{0,60}}(?=[)）】\]\n]|$)"
    authors = rf"[(（](?=[^()（）\n]*[{_SPACE}])[{_CJK}{_SPACE}/]{{3,40}}[)）](?=[{_SPACE}]*$)"
    return re.compile(f"{credit}|{authors}", re.M)


def _is_credit_line(line: str) -> bool:
    """The whole line is a byline or credit line (本报记者 甲某, 记者 甲某 通讯员 乙某, 编辑：甲某): the
    paragraph after it is not its continuation."""
    found = _credit_segment().match(line)
    return found is not None and found.end() == len(line)


def _han_run(text: str, i: int, step: int) -> int:
    """The number of Chinese characters in a row from text[i] in direction `step` (+1 or -1)."""
    n = 0
    while 0 <= i < len(text) and _CJK_CHAR.match(text[i]):
        n, i = n + 1, i + step
    return n


def _credit_name_spaces(text: str) -> set[int]:
    """Start offsets of the space runs that separate words in a credit line or byline: between two
    Chinese words of two or more characters each (甲某 乙某 are two names; 甲 某 is one name that
    a wrap split, as `squeeze` in pipeline/ner/rules.py reads it)."""
    keep = set()
    for segment in _credit_segment().finditer(text):
        for space in _SPACE_RUN.finditer(text, segment.start(), segment.end()):
            if _han_run(text, space.start() - 1, -1) >= 2 and _han_run(text, space.end(), 1) >= 2:
                keep.add(space.start())
    return keep


def wrap_spaces(d: _Draft, config: CleanConfig) -> None:
    """Delete spaces a wrap left inside Chinese text; keep spaces between Latin words and codes,
    and between the names of a credit line (`keep_credit_name_spaces`)."""
    text = d.text
    credit_spaces = _credit_name_spaces(text) if config.keep_credit_name_spaces else set()

    def replace(match: re.Match) -> str:
        left, right = match.start() - 1, match.end()
        if left < 0 or right >= len(text) or text[left] == "\n" or text[right] == "\n":
            return _deleted(match)
        if match.start() in credit_spaces:
            return match.group(0)
        if text[left] in ".:" and _digit_at(text, left - 1) and _digit_at(text, right):
            return _deleted(match)  # a number or time split by a wrap: "4. 2万", "14: 00"
        if _latin_left(text, left) and _latin_right(text, right):
            return match.group(0)
        if config.keep_latin_cjk_spaces:
            # "UME 影城": a space after a Latin brand name is usually typeset on purpose.
            l, r = text[left], text[right]
            if (_LATIN_LETTER.match(l) and _CJK_CHAR.match(r)) or (_CJK_CHAR.match(l) and _LATIN_LETTER.match(r)):
                return match.group(0)
        return _deleted(match)

    d.rewrite(_SPACE_RUN, replace)


_HALF_PUNCT = re.compile(r"[,:;?!()]")
_PAREN_PAIR = re.compile(r"\(([^()\n]*)\)")
_QUOTE_LINE = re.compile(r"(?m)^.*[\"'].*$")
_OPENING_CONTEXT = set(" \t（(“‘《【「『，,：:、；;")
_CLOSING_CONTEXT = set(" \t，。、；：！？,.;:!?）)》】」』")


def _cjk_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _CJK_CONTEXT.match(text[i]) is not None


def _digit_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isdigit()


def fullwidth_punctuation(d: _Draft, config: CleanConfig) -> None:
    """Turn half-width ,:;?!()"' next to Chinese into full-width forms; 1,000 / 10:30 / 3+X stay."""
    text = d.text

    def pair(match: re.Match) -> str:
        # Convert a bracket pair together so that (北城天街店) never ends up half converted.
        inner = match.group(1)
        if _CJK_CHAR.search(inner) or _cjk_at(text, match.start() - 1) or _cjk_at(text, match.end()):
            return "（" + inner + "）"
        return match.group(0)

    d.rewrite(_PAREN_PAIR, pair)
    text = d.text

    def single(match: re.Match) -> str:
        i = match.start()
        if _digit_at(text, i - 1) and _digit_at(text, i + 1):
            return match.group(0)
        if _cjk_at(text, i - 1) or _cjk_at(text, i + 1):
            return _FULLWIDTH[match.group(0)]
        return match.group(0)

    def singles() -> None:
        # A run such as ",,(" converts one mark per round, each turning its neighbour's context Chinese.
        nonlocal text
        while True:
            text = d.text
            d.rewrite(_HALF_PUNCT, single)
            if d.text == text:
                break

    singles()

    def quotes(match: re.Match) -> str:
        line, base = list(match.group(0)), match.start()
        open_double = open_single = False
        for j, c in enumerate(line):
            if c not in "\"'":
                continue
            i = base + j
            before = text[i - 1] if j > 0 else " "
            after = text[i + 1] if i + 1 < len(text) and text[i + 1] != "\n" else " "
            is_open = open_double if c == '"' else open_single
            if after in _CLOSING_CONTEXT:
                opening = False
            elif before in _OPENING_CONTEXT:
                opening = True
            else:
                opening = not is_open
            if c == '"':
                open_double = opening
            else:
                open_single = opening
            # An apostrophe in Latin text ("it's") has no Chinese neighbour and is left alone.
            if _cjk_at(text, i - 1) or _cjk_at(text, i + 1) or (c == '"' and _CJK_CHAR.search(match.group(0))):
                if c == '"':
                    line[j] = "“" if opening else "”"
                elif not (_ALNUM.match(before) and _ALNUM.match(after)):
                    line[j] = "‘" if opening else "’"
        return "".join(line)

    d.rewrite(_QUOTE_LINE, quotes)
    # Once its quotes are “”, a mark beside them has Chinese context too (，"", → ，“”，): converting
    # it now keeps clean idempotent (a second pass would otherwise make that change).
    singles()


def _is_wrapped_page(lines: list[str], config: CleanConfig) -> bool:
    """A page hard-wrapped at a column width (pdftotext): most of its lines are short, or most of
    its longer lines (past wrapped_median_chars) end inside a sentence, as a page wrapped at a
    wide column does (45 characters: 菜篮|子工程); a page of one paragraph per line ends them at 。."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 4:
        return False
    if lengths[len(lengths) // 2] <= config.wrapped_median_chars:
        return True
    body = [line for line in lines[:-1] if len(line) > config.wrapped_median_chars]
    return len(body) >= 3 and sum(not _ends_sentence(line) for line in body) >= config.wrapped_open_share * len(body)


def _raw_width(d: _Draft, span: tuple[int, int]) -> int:
    """How many raw characters a line spanned, removed ones included (its printed width)."""
    start, end = span
    if end <= start:
        return 0
    line_start = int(d.offsets[start - 1]) + 1 if start > 0 else 0  # just after the previous newline
    return int(d.offsets[end - 1]) + 1 - line_start


def join_wrapped_lines(d: _Draft, config: CleanConfig) -> None:
    """Join lines broken inside a sentence; keep one newline at paragraph and headline breaks."""
    spans = line_spans(d.text)
    texts = [d.text[s:e] for s, e in spans]
    nonblank = [i for i, t in enumerate(texts) if t]
    wrapped = _is_wrapped_page(texts, config)
    deleted: list[int] = []  # positions of newline characters to delete
    continued = False  # the line before was joined onto this one
    for a, b in zip(nonblank, nonblank[1:]):
        first, second = texts[a], texts[b]
        newlines = [spans[k][1] for k in range(a, b)]  # the newline ending each line a..b-1
        headings = {int(d.offsets[spans[k][0]]) in d.heading_starts for k in (a, b)}
        latin_pair = _LATIN_LETTER.match(first[-1]) is not None and _LATIN_LETTER.match(second[0]) is not None
        if _ends_sentence(first) or True in headings or latin_pair or _BODY_START.match(second) or _is_credit_line(first):
            join = False  # (本报讯… always opens a new story, so a headline is never glued onto it; a byline line stays one)
        elif wrapped:
            # pdftotext breaks every line at the column width, and blank lines fall anywhere; a line
            # is part of a sentence if it has sentence punctuation, continues a joined line, or is
            # the full-width first line of a paragraph (a headline above body text is shorter).
            join = (
                continued
                or _SENTENCE_PUNCT.search(first) is not None
                or _BODY_START.match(first) is not None
                or (b - a == 1 and _raw_width(d, spans[a]) >= len(second) - 3 and _SENTENCE_PUNCT.search(second))
                or first[-1] in _DANGLING_END
            )
        else:
            # One paragraph per line: only a break across blank lines (a column or page break)
            # can fall inside a sentence, between body text on both sides.
            join = (
                b - a > 1
                and not _is_headline_like(first, config)
                and _SENTENCE_PUNCT.search(second) is not None
            )
        deleted += newlines if join else newlines[1:]
        continued = join
    if nonblank:
        deleted += [spans[k][1] for k in range(0, nonblank[0])]
        deleted += [spans[k][1] for k in range(nonblank[-1], len(spans) - 1)]
    else:
        deleted += [spans[k][1] for k in range(len(spans) - 1)]
    if not deleted:
        return
    chars = list(d.text)
    for position in deleted:
        chars[position] = _DEL
    new = "".join(chars)
    keep = np.frombuffer(new.encode("utf-32-le"), dtype=np.uint32) != 0
    d.offsets = d.offsets[keep]
    d.text = new.replace(_DEL, "")


# (rule, config switch or None when always on), in order: markers and chrome leave before spaces
# are judged, spaces before punctuation (whose context they hide), and lines are joined last.
RULES: list[tuple[Callable[[_Draft, CleanConfig], None], str | None]] = [
    (drop_control_characters, None),
    (to_simplified, "to_simplified"),
    (continuation_markers, "continuation_markers"),
    (strip_line_edges, None),
    (markdown, "markdown"),
    (strip_line_edges, None),
    (site_chrome, "site_chrome"),
    (captions, "captions"),
    (wrap_spaces, "wrap_spaces"),
    (fullwidth_punctuation, "fullwidth_punctuation"),
    (strip_line_edges, None),
    (join_wrapped_lines, "join_wrapped_lines"),
]


def _clean_once(raw: str, config: CleanConfig) -> _Draft:
    draft = _Draft(raw, np.arange(len(raw), dtype=np.int64))
    for rule, switch in RULES:
        if switch is None or getattr(config, switch):
            rule(draft, config)
    return draft


def clean_text(raw: str, config: CleanConfig | None = None) -> CleanedPage:
    """Clean one raw page; repeating the rules until nothing changes makes cleaning idempotent."""
    config = config or CleanConfig()
    draft = _clean_once(raw, config)
    offsets, marks, simplified = draft.offsets, list(draft.marks), draft.simplified
    for _ in range(config.max_passes - 1):
        # Later passes see only the text (as a second call of clean_text would), so that the
        # result is a fixed point: clean_text(clean_text(x).text).text == clean_text(x).text.
        again = _clean_once(draft.text, config)
        if again.text == draft.text:
            break
        # The next pass indexes this pass's text; map its offsets and markers back to raw.
        marks += [_Mark(m.kind, int(offsets[m.raw_start]), int(offsets[m.raw_end - 1]) + 1) for m in again.marks]
        offsets = offsets[again.offsets]
        simplified += again.simplified
        draft = again
    offset_list = offsets.tolist()
    return CleanedPage(draft.text, offset_list, _marker_rows(raw, offset_list, marks), simplified)


def _marker_rows(raw: str, offsets: list[int], marks: list[_Mark]) -> list[dict]:
    rows = []
    for mark in sorted(marks, key=lambda m: (m.raw_start, m.raw_end, m.kind)):
        span = raw_to_clean_span(offsets, mark.raw_start, mark.raw_end) if mark.kind == "heading" else None
        if span is None:
            position = clean_position(offsets, mark.raw_start)
            span = (position, position)
        rows.append(
            {
                "kind": mark.kind,
                "text": raw[mark.raw_start : mark.raw_end],
                "raw_start": mark.raw_start,
                "raw_end": mark.raw_end,
                "page_start": span[0],
                "page_end": span[1],
            }
        )
    return rows


def clean(documents: pd.DataFrame, config: CleanConfig) -> pd.DataFrame:
    """One `pages` row per successfully ingested document: clean text, offset map and markers."""
    rows = []
    ok = documents[documents["status"] == "ok"] if len(documents) else documents
    for doc_id, raw in zip(ok["doc_id"], ok["raw_text"]):
        raw = raw or ""
        page = clean_text(raw, config)
        rows.append(
            {
                "doc_id": doc_id,
                "text": page.text,
                "offsets": page.offsets,
                "markers": page.markers,
                "n_raw_chars": len(raw),
                "n_clean_chars": len(page.text),
                "n_simplified": page.n_simplified,
            }
        )
    if not rows:
        return PAGES.empty_table().to_pandas()
    return pd.DataFrame(rows, columns=PAGES.names)
