"""Where a real article starts and ends when its headline line is missing: opening, closing and
furniture cues (issue 16). The word lists live in data/segmentation/ (see its README).

- strong openings: `本报讯`, `某某网讯`, `某某新闻网讯(通讯员 甲、乙)`, `本报某地6月1日电`, `某某网消息`,
  `(记者 甲)` at the head of a paragraph;
- weak openings: a dated lead (`9月上旬，`, `6月12日上午，`, `2022年4月8日，`), `近日，`, `日前，`,
  `记者从…获悉` (not `记者从会上获悉`, which points back into the story);
- closings: author parentheses at the end of a paragraph (`(甲)`, `(甲 乙)`, `(作者:甲 乙)`,
  `(某某移民办)`, `(完)`), credit lines (`编辑：甲`, `责任编辑：乙`, `审核|丙`, `终审`, `监制`), `■甲`,
  `本报记者 甲` after the last sentence;
- web furniture: `发布时间：… 来源：…`, `浏览次数`, `字号`, bare dates (`2021-10-14`, `21.05.2019  09:15`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.segmentation.bylines import PREFIX_RE, ROLE_RE, ROLES, SURNAMES, opens_broken_name, parse_authors
from pipeline.wordlists import DATA_DIR, CreditRoles, longest_first, read_credit_roles, read_list

DATA = DATA_DIR / "segmentation"
_HAN = "\u3400-\u9fff"
# The bullet before each item of a 简讯 block (●9月3日，…): the item opens a story of its own.
ITEM_BULLET = "[●•◆■▲★]"
_SURNAME_FREE_NAME = rf"[{_HAN}]{{2,4}}"
# A byline role (data/gazetteers/byline_roles.txt), with the paper's prefix: 本报记者, 见习记者.
_REPORTER = rf"(?:{PREFIX_RE})?(?:{ROLE_RE})"
# A divider line of a web page or layout (`______`, `——————`, `=====`).
SEPARATOR = re.compile(r"[_\-—=~*·]{3,}|_{2,}")


@lru_cache(maxsize=None)
def read_words(name: str) -> tuple[str, ...]:
    """The entries of a word list in data/segmentation/, longest first."""
    return longest_first(read_list(DATA / name))


@lru_cache(maxsize=1)
def _credits() -> CreditRoles:
    """The credit-line words by kind (data/gazetteers/credit_roles.txt, shared with the NER)."""
    return read_credit_roles()


@lru_cache(maxsize=1)
def furniture_labels() -> tuple[str, ...]:
    """Labels of web-page furniture, longest first: data/segmentation/furniture_labels.txt and the
    furniture words of the credit list (来源)."""
    return longest_first(read_list(DATA / "furniture_labels.txt") + list(_credits().furniture))


def _role_alternation(before_colon: bool) -> str:
    """The people's roles of credit lines as regex alternatives; with `before_colon`, a colon-only
    role (发布, 策划) only where a colon or bar follows it, for patterns where that is optional.
    A role that also labels web furniture (作者：… 发布时间：…) is read as furniture here, never as a
    closing credit: read as both, it split a story at its own furniture on noised composed pages
    (dev boundary F1 0.884 → 0.880)."""
    colon_only = set(_credits().colon_only) if before_colon else set()
    roles = [w for w in _credits().roles if w not in furniture_labels()]
    return "|".join(re.escape(w) + (r"(?=\s*[：:|｜丨])" if w in colon_only else "") for w in roles)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    roles = _role_alternation(before_colon=False)  # where a colon or bar must follow anyway
    loose_roles = _role_alternation(before_colon=True)  # where it may be missing (编辑 甲某)
    labels = "|".join(map(re.escape, furniture_labels()))
    weak = "|".join(map(re.escape, read_words("weak_openings.txt")))
    outlets = "|".join(map(re.escape, read_words("outlet_suffixes.txt")))
    back = "|".join(map(re.escape, read_words("back_references.txt")))
    day = r"\d{1,2}\s*日"
    # `6月12日`, `9月上旬`, `2022年4月8日`, a day alone (`29日`: the month is the paper's), a range (`2日至3日`)
    date = rf"(?:(?:(?:19|20)\d{{2}}\s*年\s*)?\d{{1,2}}\s*月\s*(?:{day}|上旬|中旬|下旬|初|底)|{day})(?:\s*[至到—-]\s*(?:\d{{1,2}}\s*月\s*)?{day})?"
    part_of_day = r"(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午|傍晚|夜间)?"
    credit_item = rf"(?:{roles})\s*[：:|｜丨]\s*[^：:|｜丨。，\n]{{1,24}}?"
    # A run of credits after the last sentence: `本报记者 甲某 通讯员乙某摄`, `图/文 甲某`, `甲某/文 乙某/图`
    role = rf"{_REPORTER}|{loose_roles}|图\s*/\s*文|文\s*/\s*图|摄影|摄像|[图文](?=\s*[：:/])"
    name = rf"(?!(?:{ROLE_RE}|{roles}|摄影|摄像))[{_HAN}·]{{2,4}}"
    names = rf"{name}(?:[\s、]+{name})*"
    credit_run = rf"(?:(?:{role})\s*[：:/|｜丨]?\s*{names}(?:\s*摄影?|\s*/\s*[文图摄])?|{names}\s*/\s*[文图摄])(?:\s+|(?=[^\s]))?" 
    credit_run = rf"(?:{credit_run})+|[{_HAN}]{{2,16}}(?:供稿|供图)"
    return {
        "strong": re.compile(
            rf"^\s*(?:本报讯|本报消息|本报[{_HAN}]{{0,8}}\d{{0,2}}月?\d{{0,2}}日?电"
            rf"|[{_HAN}A-Za-z]{{1,14}}?(?:{outlets})(?:讯|消息|[{_HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日电)"  # 新华社北京9月4日电
            rf"|[(（]\s*(?:{_REPORTER})[^()（）\n]{{1,40}}[)）]"
            rf"|{ITEM_BULLET}\s*(?={date}{part_of_day}\s*[，,]))"  # ●9月3日，…: one item of a 简讯 block, a story of its own
        ),
        # The outlet a story names: `某某网讯`, `某某融媒体中心1月3日讯`, `某某网消息`, `据某某日报`
        "outlet_lead": re.compile(
            rf"^\s*[(（]?\s*(?:据\s*)?(?P<outlet>(?!本报)[{_HAN}A-Za-z]{{1,14}}?(?:{outlets}))"
            rf"\s*(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|消息|报道|[-—\s]|[)）]|(?=[{_HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日电))"
        ),
        # `来源：某某网`, `稿件来源:某某日报 2021-10-09`: the value up to a space, a date or the next label
        "outlet_label": re.compile(
            rf"(?:{'|'.join(re.escape(w) for w in furniture_labels() if w.endswith('来源') or w == '稿源')})\s*[：:]\s*"
            rf"(?P<outlet>[^\s：:|｜丨，。,;；()（）\d]{{2,30}}?)(?=\s|$|\d|[|｜丨，。,;；()（）]|(?:{labels})\s*[：:])"
        ),
        "weak": re.compile(
            rf"^\s*{ITEM_BULLET}?\s*(?:(?:{date}{part_of_day}|{weak})\s*[，,]"  # ●9月3日，: an item of a 简讯 block
            rf"|(?:[{_HAN}]{{0,4}}[，,])?记者(?:近日|日前)?从(?!{back})[^。！？\n]{{2,60}}?获悉)"
        ),
        "credit_line": re.compile(rf"^\s*(?:{credit_item}\s*)+$"),
        "credit_tail": re.compile(rf"(?:(?<=[。！？”」）)])|^)\s*(?P<credit>(?:[{_HAN}]{{0,8}}(?:{_REPORTER})\s*/?\s*{_SURNAME_FREE_NAME}\s*)?(?:{credit_item}\s*)+)$"),
        "credit_item": re.compile(rf"(?P<role>{roles})\s*[：:|｜丨]\s*(?P<names>[^：:|｜丨。，\n]{{1,24}}?)(?=\s*(?:{roles})\s*[：:|｜丨]|\s*$)"),
        "furniture_label": re.compile(rf"(?:{labels})\s*[：:]"),
        "furniture_start": re.compile(rf"^\s*[【\[]?\s*(?:{labels})\s*[：:]"),
        "datetime_inside": re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s*\d{1,2}:\d{2})?"),
        "credit_label": re.compile(rf"(?:{roles})\s*[：:|｜丨]"),
        "role_prefix": re.compile(rf"^(?:{_REPORTER}|{roles})"),
        "role_word": re.compile(rf"(?:{_REPORTER}|{roles})"),
        "datetime": re.compile(r"^\s*(?:\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$"),
        "reporter_tail": re.compile(rf"(?:(?<=[。！？”…])|^)\s*(?P<credit>{credit_run})\s*$"),
        "bullet_tail": re.compile(rf"(?:(?<=[。！？”])|^)\s*(?P<credit>[■□]\s*[{_HAN}\s]{{2,12}})\s*$"),
        "paren_tail": re.compile(rf"(?:(?<=[。！？”…])|^)\s*(?P<credit>[(（【\[](?P<inner>[^()（）【】\[\]\n]{{1,30}})[)）】\]])\s*$"),
        "labelled": re.compile(rf"(?:{labels}|{loose_roles}|作者单位)\s*[：:]?\s*\S.{{0,28}}"),
        "text_photo": re.compile(rf"(?P<role>图\s*/\s*文|文\s*/\s*图|文|图|摄影)\s*[：:/]?\s*(?P<names>{_SURNAME_FREE_NAME}(?:[\s、]+{_SURNAME_FREE_NAME})*)(?=\s|$)"),
        # The value of an empty label is no name (`作者: 发布时间:…`).
        "labelled_name": re.compile(rf"(?P<role>{roles})\s*[：:]\s*(?!(?:{labels}|{roles})\s*[：:])(?P<name>[{_HAN}]{{2,4}})(?![{_HAN}])"),
        "role_names": re.compile(rf"(?P<role>{loose_roles})\s*[：:]?\s*(?P<names>[{_HAN}\s、]{{2,20}})"),
    }


def is_strong_opening(text: str) -> bool:
    """A paragraph opening with a news lead: 本报讯, 某某网讯, 本报某地电, (记者 甲)."""
    return _patterns()["strong"].match(text) is not None


def is_weak_opening(text: str) -> bool:
    """A paragraph opening with a dated lead (6月12日上午，), 近日，/日前， or 记者从…获悉: the usual
    first sentence of a news story, but also possible further down one."""
    return _patterns()["weak"].match(text) is not None


# A time of day alone on its line (`15:32:11`): the end of a publication-time line that a PDF
# layer wrapped after its date.
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
# What stands between the bare labels of a furniture line: spaces, brackets, bars.
_LABEL_SPLIT = re.compile(r"[\s【】\[\]|｜丨]+")


def is_furniture(line: str) -> bool:
    """A web-page furniture line: publication time, source, counters, font size, a bare date."""
    flat = line.strip()
    if not flat or len(flat) > 90 or re.search(r"[。！？]", flat):
        return False
    p = _patterns()
    if p["datetime"].match(flat) or _CLOCK.fullmatch(flat) or re.match(r"^https?://", flat) or SEPARATOR.fullmatch(flat):
        return True
    if len(flat) <= 5 and not re.search(rf"[{_HAN}\w]", flat):
        return True  # a layout mark on its own line (▼, ★, →)
    if all(token in furniture_labels() for token in _LABEL_SPLIT.split(flat) if token):
        return True  # bare labels only (`语音播报`, `【打印本页】【关闭窗口】`, `打印本页 | 关闭窗口`)
    labels = len(p["furniture_label"].findall(flat))
    if labels >= 2 or (labels + len(p["credit_label"].findall(flat)) >= 1 and p["datetime_inside"].search(flat) and len(flat) <= 60):
        return True  # `来源：某某网 时间：…`, `编辑：甲 2020-02-03 09:41 内容来源：某某网`
    return labels == 1 and p["furniture_start"].match(flat) is not None and len(flat) <= 50


def starts_with_furniture(text: str) -> bool:
    """A paragraph that opens with furniture cleaning glued onto the text (`2021-10-14来源：…`,
    `编辑：甲2020-02-03 09:41内容来源：…`)."""
    p = _patterns()
    head = text[:80]
    labelled = p["furniture_start"].match(text) is not None or p["credit_label"].match(text.lstrip()) is not None
    return re.match(r"^\s*(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}", text) is not None or (
        labelled and (len(p["furniture_label"].findall(head)) >= 2 or p["datetime_inside"].search(head[:40]) is not None)
    )


def is_credit_line(line: str) -> bool:
    """A line of credits only: `编辑：甲`, `责任编辑：乙 审核：丙`, `■甲`, `【责任编辑：甲】`."""
    flat = line.strip()
    if flat[:1] in "【[（(" and flat[-1:] in "】]）)":
        flat = flat[1:-1].strip()
        if _patterns()["role_names"].fullmatch(flat):
            return True  # `（编辑 甲某）`
    if not flat or len(flat) > 80:
        return False
    p = _patterns()
    return p["credit_line"].match(flat) is not None or p["bullet_tail"].fullmatch(flat) is not None


# Slash credits (`记者 甲/文 乙 丙/图`, `甲/文 乙/图`): names, each run followed by what it did.
_SLASH_CREDITS = re.compile(
    rf"(?:(?:{_REPORTER})\s*)?(?:[{_HAN}·]{{2,4}}[\s、]*)+/\s*[文图摄](?:\s*(?:[{_HAN}·]{{2,4}}[\s、]*)+/\s*[文图摄])*"
)


def _looks_like_author_parentheses(inner: str) -> bool:
    """`甲`, `甲 乙`, `作者:甲 乙`, `记者 甲`, `某某移民办`, `完` — not a clause or a figure."""
    inner = inner.strip()
    if inner == "完" or re.fullmatch(r"作者\s*[：:].{1,24}", inner) or _patterns()["labelled"].fullmatch(inner):
        return True  # (also `来源：某某日报`, `作者单位：某某局`, `编辑 甲某`)
    if re.search(r"[\d%，,。；;“”]", inner):
        return False
    if re.fullmatch(rf"(?:{_REPORTER})\s*[{_HAN}\s、]{{2,20}}", inner) or _SLASH_CREDITS.fullmatch(inner):
        return True  # (`记者 甲`, `记者 甲/文 乙/图`, `甲 乙/文`)
    names = [n for n in re.split(r"[\s、]+", inner) if n]
    if names and all(re.fullmatch(rf"[{_HAN}·]{{2,4}}", n) for n in names) and len(names) <= 4 and len(inner) <= 20:
        return True
    if re.fullmatch(rf"[{_HAN}·]{{2,12}}", inner):
        return True  # names whose separating spaces cleaning removed (甲乙 from `甲 乙`)
    return bool(re.fullmatch(rf"[{_HAN}]{{2,10}}(?:办|局|委|中心|站|所|院|会|部|处|科|队|组|公司)", inner))


def closing_tail(text: str) -> tuple[int, int] | None:
    """Span (relative to `text`) of a closing credit at the end of a paragraph, or None."""
    p = _patterns()
    stripped = text.rstrip()
    for name in ("credit_tail", "reporter_tail", "bullet_tail"):
        match = p[name].search(stripped)
        if match and match.group("credit").strip():
            return match.span("credit")
    match = p["paren_tail"].search(stripped)
    if match and _looks_like_author_parentheses(match.group("inner")):
        return match.span("credit")
    return None


def outlet(text: str) -> str | None:
    """The outlet a story or its web furniture names (`来源：某某网`, `某某新闻网讯`, `据某某日报`),
    as written; None for the paper itself (本报讯) or when none is named."""
    p = _patterns()
    label = p["outlet_label"].search(text)
    if label:
        return label["outlet"].strip("-—_ ")
    lead = p["outlet_lead"].match(text)
    return lead["outlet"] if lead else None


def ends_with_closing(text: str) -> bool:
    """True when `text` ends exactly on a complete closing credit: author parentheses, or a credit
    whose last name has 2–4 characters (`终审：陈 薇`, `本报记者 甲某某`, `■甲某`). Used where
    cleaning joined the next story onto a closing, so the end of the name is not marked by space."""
    span = closing_tail(text)
    if span is None or span[1] != len(text.rstrip()) or len(text.rstrip()) != len(text):
        return False
    credit = text[span[0] : span[1]].strip()
    if credit[:1] in "(（【[" or credit.endswith(("供稿", "供图")):
        return True
    credit = re.sub(r"(?:\s*摄影?|\s*/\s*[文图摄])$", "", credit)
    tokens = [t for t in re.split(r"[\s、：:|｜丨■□/]+", credit) if t]
    if len(tokens) >= 2 and len(tokens[-1]) == 1 and len(tokens[-2]) <= 2:
        tokens[-2:] = [tokens[-2] + tokens[-1]]  # `陈 薇`: one name broken by a space
    # The name after the token's last role: `本报记者王某通讯员李某某` (spaces removed) ends on 李某某.
    last = _patterns()["role_word"].split(tokens[-1])[-1] if tokens else ""
    # A wrap inside running text (`。记者了解到` + wrap) must not pass for a name: it starts with a surname.
    return re.fullmatch(rf"[{_HAN}·]{{2,4}}", last) is not None and last[0] in SURNAMES


@lru_cache(maxsize=1)
def _broken_role() -> re.Pattern:
    """A credit or byline role word of two or more characters with spaces inside (`终 审`, `记 者`)."""
    words = longest_first({*_credits().roles, *ROLES})
    return re.compile("|".join(r"\s*".join(map(re.escape, w)) for w in words if len(w) >= 2))


def join_broken_roles(text: str) -> str:
    """`text` with the spaces inside role words removed: where a line wrap fell inside `终审`,
    putting back the deleted characters as spaces (page.spaced) broke the word (`终 审：甲`)."""
    return _broken_role().sub(lambda m: re.sub(r"\s+", "", m.group()), text)


def credit_authors(text: str) -> list[tuple[str, str]]:
    """(name, role) of every `role：names` item of a credit text; names split at spaces and 、
    unless the pieces are single characters (`陈 薇` is one name broken by a space)."""
    result: list[tuple[str, str]] = []
    for match in _patterns()["credit_item"].finditer(text):
        for name in split_names(match.group("names")):
            result.append((name, match.group("role")))
    return result


def split_names(text: str) -> list[str]:
    pieces = [p for p in re.split(r"[\s、，,]+", text.strip()) if p]
    if pieces and all(len(p) == 1 for p in pieces):
        return ["".join(pieces)] if 2 <= len(pieces) <= 4 else []
    names: list[str] = []
    for k, piece in enumerate(pieces):
        # A single character joins the single character before it (`王 群`), else the name before
        # it (`陈 晓明`) unless another single character follows to pair with, or it is a surname
        # a wrap cut off the name after it (`王某某 徐 某某`).
        after_single = k + 1 < len(pieces) and len(pieces[k + 1]) == 1
        if opens_broken_name(piece, names[-1] if names else None, pieces[k + 1] if k + 1 < len(pieces) else None):
            names.append(piece)
        elif names and len(names[-1]) == 1 and len(piece) <= 3:
            names[-1] += piece
        elif names and len(piece) == 1 and not after_single and len(names[-1]) <= 2:
            names[-1] += piece
        else:
            names.append(piece)
    names = [part for name in names for part in _unglue(name)]
    return [n for n in names if re.fullmatch(rf"[{_HAN}·]{{2,5}}", n)]


def _unglue(name: str) -> list[str]:
    """Two names written together in a credit line (`尹某某刘某`, 5–6 characters) cut where the
    second one's surname starts (3+2, 2+3, 3+3); anything else as it is."""
    if len(name) not in (5, 6) or "·" in name:
        return [name]
    for cut in (3, 2) if len(name) == 5 else (3,):
        if name[cut] in SURNAMES and name[0] in SURNAMES:
            return [name[:cut], name[cut:]]
    return [name]


def closing_authors(text: str) -> list[tuple[str, str]]:
    """(name, role) of a closing credit as written at a story's end: reporters first
    (`本报记者 甲 通讯员乙摄`, `记者/甲`), then `role：names` items (`编辑：乙 终审：丙`); author
    parentheses without a role (`(甲 乙)`) are 作者."""
    inner = text.strip()
    bracketed = inner[:1] in "(（【[" and inner[-1:] in ")）】]"
    if bracketed:
        inner = inner[1:-1].strip()
    label = _patterns()["credit_label"].search(inner)
    head, items = (inner[: label.start()], credit_authors(inner[label.start() :])) if label else (inner, [])
    head = re.sub(rf"({_REPORTER})\s*/\s*", r"\1 ", head)  # `记者/甲`: the slash is no 甲/文 credit
    written = [(n, "文" if "文" in m["role"] else "摄") for m in _patterns()["text_photo"].finditer(head) for n in split_names(m["names"])]
    # A reporter's name starts with a surname (`记者百企行` is a column label, not a person).
    people = written or [(a.name, a.role) for a in parse_authors(head) if a.name[:1] in SURNAMES or a.role == "供图"]
    if not people and bracketed and not items:
        people = parenthesis_authors(inner)
    return people + items


def furniture_authors(line: str) -> list[tuple[str, str]]:
    """(name, role) of the credits inside a web furniture line (`编辑：甲某2020-02-03 来源：某某网`):
    a role label followed by a name that ends where the Han characters do."""
    return [(m["name"], m["role"]) for m in _patterns()["labelled_name"].finditer(line)]


def parenthesis_authors(inner: str) -> list[tuple[str, str]]:
    """Authors of closing parentheses: `(作者:甲 乙)` → 作者, `(甲 乙)` → 作者; an office or (完) → none."""
    inner = inner.strip().strip("()（）【】[]")
    role = _patterns()["role_names"].fullmatch(inner)
    if role:
        return [(n, role["role"]) for n in split_names(role["names"])]
    written = re.match(r"作者\s*[：:]\s*", inner)
    if written:
        return [(n, "作者") for n in split_names(inner[written.end() :])]
    if re.search(rf"{_REPORTER}|/|供图|摄", inner):
        return []  # parsed with its roles by bylines.parse_authors
    if re.fullmatch(rf"[{_HAN}]{{2,10}}(?:办|局|委|中心|站|所|院|会|部|处|科|队|组|公司)", inner) or inner == "完":
        return []
    return [(n, "作者") for n in split_names(inner)]
