"""official → post pairs from the PER and TITLE entities of one article.

The pattern a Chinese paper uses is a chain of posts followed by one or more names:
区委常委、统战部部长岑向东 (two posts, one person), 区政协副主席孙梦、任红 (one post, two people),
记者 柯一舟 (a byline), 编辑:甲 乙 / 审核|丙 (credit lines). A post written right after a name
(陈晓书记, 乙专员一行) belongs to that name, and so does one stated by an election or appointment
(甲当选为某县政协主席, 选举乙同志为某镇人大主席和某州人大代表). A name with no adjacent post yields
no pair: the post is not stated.

The post is the whole title string as written next to the name (docs/annotation.md,
../shared/corpus/realnews/README.md): the flat NER often tags only the role (`副旗长`) or cuts
the place and organisation before it (`县政协主席` for `某县政协主席`), and misses role words it
has no rule for (专员, 副厅长, 修改:). So posts are rebuilt here from two sources:

- role words found in the text (`PostLexicon`: titles.txt, role_words.txt, credit_roles.txt,
  byline_roles.txt and post_roles.txt, with 副/常务/代 forms), and the TITLE mentions;
- each one widened leftwards over what a post's prefix is made of — ORG/LOC/TITLE mentions,
  organisation units and suffixes, places and administrative divisions, level characters
  (县, 镇, 旗), session ordinals (十二届), post_prefixes.txt, a known piece in brackets
  (某某（集团）有限公司) — searched right to left through every chain of such parts; then, when an
  organisation is in sight (a part was read, or a single-character ending 局/院/校 stands before
  the role), over the rest of its name: to the start of the clause when that is a short name
  with no verb in it (县先进制造业开发区…), or to a verb or function word of post_stops.txt that a
  known part follows (由|陇西县民宗局…); never across another post or a name. A link of a chain
  takes what stands between 、 and its role (县委常委、某某主任甲). Rightwards the post takes
  post_suffixes.txt (提名人选, (兼), (挂职)); a qualifier (原, 代, 代理, 时任) before it is kept.

PER mentions are never part of a post. Word lists are read once, in `lexicon()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline.ids import BYLINE_ROLES
from pipeline.ner.rules import load_gazetteers
from pipeline.offsets import first_disjoint
from pipeline.wordlists import GAZETTEER_DIR, longest_first, read_credit_roles, read_list, trie_alternation

# What may separate links of a chain: nothing, OCR spaces, the list comma, 兼, 及, 和.
TITLE_GAP = re.compile(r"[ \t\u3000、兼及和]*(?:、[ \t\u3000]*\n[ \t\u3000]*)?")  # a line wrapped after 、 too
# All gap patterns are used with fullmatch (a `$` would accept a trailing line break).
# Between a post and its person: nothing or OCR spaces; in credit lines a colon, bar or slash
# (编辑:甲, 审核|乙, 记者/丙, 信息编辑:[丁]). Never a line break: a headline's post does not reach the next line.
TITLE_TO_PERSON_GAP = re.compile(r"[ \t\u3000]*(?:[:：|｜/][ \t\u3000]*[\[【［]?)?")
# A roster's colon: a weak role before it is a post of the names after it (组长:甲 成员:乙、丙).
ROSTER_GAP = re.compile(r"[ \t\u3000]*[:：|｜][ \t\u3000]*")
# Between names of one list: the list comma, 和/及/与, spaces (credit lines: 编辑:甲 乙), and in a
# byline the text/photo marks of the names before (记者 甲/文 乙 丙/图: all three are 记者).
PERSON_GAP = re.compile(r"[ \t\u3000]*(?:[/／](?:文|图|摄影|摄)[ \t\u3000]*)?(?:、[ \t\u3000]*\n[ \t\u3000]*|[、和及与][ \t\u3000]*)?")
# Between a name (or a list of names) and the post an election or appointment gives it:
# 甲当选为…, 乙同志为…, 丙等97人当选为…, 丁同志辞去…职务, 戊被任命为…, 己兼任/现任/调任….
APPOINTMENT_GAP = re.compile(
    r"(?:同志)?(?:等[0-9一二三四五六七八九十百余多]*[名人位])?被?"
    r"(?:任命为|提名为|推选为|选举为|当选为|当选|担任|出任|兼任|现任|调任|升任|改任|转任|接任|继任|辞去|任|为)"
)
_QUALIFIER_WORDS = read_list(GAZETTEER_DIR / "post_qualifiers.txt")
QUALIFIERS = longest_first(w.rstrip("+") for w in _QUALIFIER_WORDS)
LEFT_QUALIFIERS = longest_first(w[:-1] for w in _QUALIFIER_WORDS if w.endswith("+"))  # kept inside the post when written right before it
SENTENCE_MARKS = "。！？!?；;\n"
SENTENCE_END = re.compile(f"[{SENTENCE_MARKS}]")
CLAUSE_START = re.compile(r"[，。！？；：、,.!?;:\n（(“”【\[\]】）) \t\u3000]")
LEVEL_CHARS = frozenset(w for w in read_list(GAZETTEER_DIR / "division_suffixes.txt") if len(w) == 1)
LINKING_CHARS = "和与及同、"
ORDINAL = re.compile(r"(?:第?[0-9一二三四五六七八九十百]+届)$")
ROLE_PREFIXES = tuple(read_list(GAZETTEER_DIR / "role_prefixes.txt"))
# A role word followed by one of these is the start of a longer word (主席团, 委员会, 代表团, 记者站).
NOT_AFTER_ROLE = "会团部处站室"
MAX_CLAUSE_PREFIX = 8  # characters a post may take back to the start of its clause

LEVELS = tuple(read_list(GAZETTEER_DIR / "post_levels.txt"))  # in order: the first found wins

# Roles, longest first, matched at the end of a post; the rest of the post is its organisation.
ROLES = longest_first(read_list(GAZETTEER_DIR / "post_split_roles.txt"))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Post:
    """A post as written, split into qualifier, organisation, level and role."""

    qualifier: str | None
    org: str | None
    level: str | None
    role: str


@dataclass(frozen=True)
class OfficialPair:
    person: Mention
    post: Mention
    parts: Post


@dataclass(frozen=True)
class PostLexicon:
    """The word lists the post finder reads (data/gazetteers/, see the module docstring)."""

    role_pattern: re.Pattern  # every role word, longest first, as a look-ahead (all start positions)
    weak: frozenset[str]  # roles that need a prefix, or a name right before them
    colon_only: frozenset[str]  # credit words that are posts only before a colon or bar
    credit: frozenset[str]  # newsroom credit words (编辑, 作者, 摄影): not inside another word
    pieces: frozenset[str]  # prefix pieces
    longest_piece: int
    suffixes: tuple[str, ...]
    followers: tuple[str, ...]
    stops: tuple[str, ...]  # longest first
    stop_set: frozenset[str]  # the same words, for lookups by position (`_stop_ending_at`)
    stop_lengths: tuple[int, ...]  # their lengths, longest first
    name_stops: frozenset[str]  # stops also written inside names (经济): stops only before a known part
    org_ends: frozenset[str]  # single-character organisation endings (局, 院, 厂): 民宗局局长
    roles: tuple[str, ...]  # every role word, longest first (decomposition fallback)
    role_set: frozenset[str]  # the same words, for lookups by position (`roles_ending_at`)
    role_lengths: tuple[int, ...]  # their lengths, longest first


@lru_cache(maxsize=1)
def lexicon() -> PostLexicon:
    """Read the word lists once per process."""
    from pipeline import divisions

    gaz = load_gazetteers()

    def listed(name: str) -> list[str]:
        return read_list(GAZETTEER_DIR / name)

    strong = {t for t in gaz["titles"] if not t.endswith("*")}
    weak = {t.rstrip("*") for t in gaz["titles"] if t.endswith("*")}
    colon_only: set[str] = set()
    for word in listed("post_roles.txt"):
        if word.endswith("*"):
            weak.add(word[:-1])
        elif word.endswith(":"):
            colon_only.add(word[:-1])
        else:
            strong.add(word)
    # Credit words by kind (credit_roles.txt): colon-only roles (发布) are posts only before a colon
    # or bar; furniture labels (来源) name no one and are no post.
    credits = read_credit_roles()
    colon_only |= set(credits.colon_only)
    strong |= set(listed("role_words.txt")) | set(credits.free) | set(gaz["byline_roles"])
    strong -= weak | colon_only | {"干部", "职工", "党员"}
    strong = {r for r in strong if r not in weak}
    variants = lambda words: {p + w for w in words for p in ROLE_PREFIXES if not w.startswith(ROLE_PREFIXES)} | set(words)  # noqa: E731
    weak_all = {w for w in variants(weak)}
    strong_all = variants(strong) - weak_all
    every = strong_all | weak_all | colon_only
    pattern = re.compile("(?=(" + trie_alternation(every) + "))")  # the longest role at each position
    places = set(gaz["places"])
    for d in divisions.load("township").items:
        places.add(d.name)
        if d.short and len(d.short) >= 2 and d.level != "township":
            places.add(d.short)
    pieces = set(gaz["org_units"]) | set(gaz["org_standalone"]) | set(listed("org_suffixes.txt")) | set(listed("post_prefixes.txt")) | places
    pieces = {p for p in pieces if len(p) >= 2}
    return PostLexicon(
        role_pattern=pattern,
        weak=frozenset(weak_all),
        colon_only=frozenset(colon_only),
        credit=frozenset(credits.roles),
        pieces=frozenset(pieces),
        longest_piece=max(map(len, pieces)),
        suffixes=tuple(sorted(listed("post_suffixes.txt"), key=len, reverse=True)),
        followers=tuple(sorted(listed("post_followers.txt"), key=len, reverse=True)),
        stops=tuple(sorted((w.rstrip("*") for w in listed("post_stops.txt")), key=len, reverse=True)),
        stop_set=frozenset(w.rstrip("*") for w in listed("post_stops.txt")),
        stop_lengths=tuple(sorted({len(w.rstrip("*")) for w in listed("post_stops.txt")}, reverse=True)),
        name_stops=frozenset(w[:-1] for w in listed("post_stops.txt") if w.endswith("*")),
        org_ends=frozenset(w for w in listed("org_suffixes.txt") + listed("post_prefixes.txt") if len(w) == 1),
        roles=tuple(sorted(every, key=len, reverse=True)),
        role_set=frozenset(every),
        role_lengths=tuple(sorted({len(r) for r in every}, reverse=True)),
    )


def normalise_name(text: str) -> str:
    """A person's name without the OCR spaces and line breaks inside it (甘 明 → 甘明)."""
    return re.sub(r"\s+", "", text)


def decompose_post(post: str) -> Post:
    """区委统战部部长 → org 区委统战部, role 部长, level 区; 代区长 → qualifier 代, role 区长, level 区."""
    text = re.sub(r"\s+", "", post)
    text = re.sub(r"[(（]兼[)）]$", "", text)
    for suffix in lexicon().suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    qualifier = next((q for q in QUALIFIERS if text.startswith(q) and len(text) > len(q)), None)
    if qualifier:
        text = text[len(qualifier) :]
    role = next((r for r in ROLES if text.endswith(r)), None) or next((r for r in lexicon().roles if text.endswith(r)), text)
    org = text[: len(text) - len(role)] or None
    scope = org or role
    level = next((lv for lv in LEVELS if scope.startswith(lv)), None)
    if level is None and org:
        level = next((lv for lv in LEVELS if re.search(rf"^[^\d]{{1,6}}?{lv}", org)), None)
    return Post(qualifier, org, level or role_level(role), role)


def role_level(role: str) -> str | None:
    """The level a head's role names by itself: 县长, 副区长, 常务副县长, 代旗长 → 县/区/县/旗
    (a level word of post_levels.txt + 长); None for any other role (主任, 书记)."""
    stem = next((role[len(p) :] for p in ROLE_PREFIXES if role.startswith(p) and len(role) > len(p) + 1), role)
    return next((lv for lv in LEVELS if stem == lv + "长"), None)


# -- posts --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PostSpan:
    start: int
    end: int
    bare_weak: bool = False  # a weak role with nothing before it: a post only right after a name
    colon_only: bool = False  # a credit word that is a post only before a colon or bar
    from_title: bool = False  # built on a TITLE mention of the NER


def _extend_left(text: str, start: int, mentions: list[Mention], person_ends: set[int]) -> tuple[int, bool]:
    """Start of the post whose role (or TITLE) begins at `start`, and whether anything was added."""
    lex = lexicon()
    cur, added = start, False
    # A mention the role lies inside starts the search too (a TITLE 区领导 cut out of 新区领导), and
    # so does a piece whose last character is the role's first (组织部|长: 组织部长 abbreviates 组织部部长).
    inside = {m.start for m in mentions if m.label in ("ORG", "LOC", "TITLE") and m.start < cur < m.end}
    if text[cur : cur + 1] in lex.org_ends:
        inside |= {cur + 1 - k for k in range(3, min(lex.longest_piece, cur + 1) + 1) if text[cur + 1 - k : cur + 1] in lex.pieces}
    # The leftmost start reachable through a chain of known parts (a right-to-left search, not the
    # longest part first: 经济技术|开发区管委会 would leave 经济技术 unread).
    todo, seen = [cur, *inside], {cur, *inside}
    while todo:
        pos = todo.pop()
        if pos == 0 or pos in person_ends:
            continue
        for left in _known_starts(text, pos, mentions):
            if left in seen or any(pe in person_ends for pe in range(left + 1, pos)):
                continue
            if left in person_ends and text[left] in LINKING_CHARS:
                continue  # 甲和县…委员: 和 links the name to what follows, it does not start a place
            seen.add(left)
            todo.append(left)
    if min(seen) < cur:
        cur, added = min(seen), True
    # A role that starts with an organisation ending (部长, 局长) closes an abbreviated name: 武装部长.
    has_org = added or text[cur] in lex.org_ends or cur > 0 and text[cur - 1] in lex.org_ends or any(text[cur : cur + k] in lex.pieces for k in range(2, lex.longest_piece + 1))
    if has_org and cur > 0 and cur not in person_ends and not CLAUSE_START.match(text[cur - 1]):
        left = _name_prefix(text, cur, mentions, person_ends)
        cur, added = left, added or left < cur
    for q in LEFT_QUALIFIERS:
        if text[max(0, cur - len(q)) : cur] == q and cur - len(q) not in person_ends:
            cur -= len(q)
            break
    return cur, added


def _post_ends_at(text: str, pos: int, mentions: list[Mention]) -> bool:
    """A TITLE mention or a role word (not the start of a longer word: 代表团) ends at `pos`."""
    if any(m.label == "TITLE" and m.end == pos for m in mentions):
        return True
    return text[pos] not in NOT_AFTER_ROLE and any(roles_ending_at(text, pos))


def roles_ending_at(text: str, pos: int) -> Iterator[str]:
    """The role words written right before `pos` (text[pos - len(r):pos] == r), longest first: a
    lookup per length in a set, not a scan of every role (this runs for every candidate post)."""
    lex = lexicon()
    return _ending_at(text, pos, lex.role_set, lex.role_lengths)


def _ending_at(text: str, pos: int, words: frozenset[str], lengths: tuple[int, ...]) -> Iterator[str]:
    """The `words` written right before `pos`, longest first (`lengths`: theirs, longest first)."""
    return (text[pos - k : pos] for k in lengths if k <= pos and text[pos - k : pos] in words)


def _known_starts(text: str, cur: int, mentions: list[Mention]) -> set[int]:
    """Starts of every known part of a post's prefix that ends at `cur`: an ORG/LOC/TITLE mention,
    a piece, a session ordinal (十二届), a level character (县, 镇)."""
    lex = lexicon()
    starts = {m.start for m in mentions if m.label in ("ORG", "LOC", "TITLE") and m.end == cur and m.start < cur}
    starts |= {cur - k for k in range(2, min(lex.longest_piece, cur) + 1) if text[cur - k : cur] in lex.pieces}
    if ordinal := ORDINAL.search(text[max(0, cur - 12) : cur]):
        starts.add(cur - len(ordinal.group()))
    if text[cur - 1] in LEVEL_CHARS:
        starts.add(cur - 1)
    # A known piece in brackets inside a company's name: 某某（集团）有限公司, 某某（北京）科技有限公司.
    if text[cur - 1] in ")）" and (bracket := re.search(r"[(（]([^()（）]{2,12})$", text[max(0, cur - 14) : cur - 1])):
        if bracket.group(1) in lex.pieces:
            starts.add(cur - 1 - len(bracket.group()))
    # A place mention sharing its level character with the piece after it (青禾县 + 县委).
    starts |= {m.start for m in mentions if m.label == "LOC" and m.end - 1 in starts and text[m.end - 1] in LEVEL_CHARS and m.start < m.end - 1}
    return starts


def _name_prefix(text: str, cur: int, mentions: list[Mention], person_ends: set[int]) -> int:
    """Back over the rest of an organisation's name that starts before `cur`.

    Reading leftwards over known parts (`_known_starts`, the single-character org endings 局/院/厂)
    and at most MAX_CLAUSE_PREFIX other characters, the name reaches back to the start of its
    clause (县先进制造业开发区…), or to a verb or function word of post_stops.txt when a known part
    follows it (由|陇西县民宗局…, 在|区委…). A stop word inside a known part is no stop (文化和旅游局),
    nor is a stop character that names also hold (post_stops.txt `*`: 民营经济发展局) when unknown
    characters follow it. Anything else — another stop word followed by unknown characters, a name,
    another post, too many unknown characters, a character that is not a Han character — keeps the
    post at `cur`."""
    lex = lexicon()
    pos, unknown, known_at = cur, 0, None  # known_at: where the leftmost known part read so far starts
    while pos > 0:
        if pos in person_ends:
            return cur
        if CLAUSE_START.match(text[pos - 1]):
            bracketed = min(_known_starts(text, pos, mentions), default=pos) if text[pos - 1] in ")）" else pos
            if bracketed < pos:  # a closing bracket around a known piece: 华宇（北京）科技有限公司
                pos = known_at = bracketed
                continue
            return pos
        if _post_ends_at(text, pos, mentions):
            # Another post ends here: the name starts after the word joining them, when a known
            # part follows it (组织部部长兼|县委党校校长), else it is not read (县委书记和…局局长).
            return pos + 1 if text[pos] in "兼及和" and known_at == pos + 1 else cur
        known = min(_known_starts(text, pos, mentions), default=pos)
        stop = next(_ending_at(text, pos, lex.stop_set, lex.stop_lengths), None)  # the longest
        if known < pos and pos - known >= len(stop or ""):
            pos = known_at = known
            continue
        if stop and (stop not in lex.name_stops or known_at == pos):
            return pos if known_at == pos else cur
        if text[pos - 1] in lex.org_ends:
            pos -= 1
            known_at = pos
            continue
        if not re.match(r"[\u4e00-\u9fff·]", text[pos - 1]) or unknown >= MAX_CLAUSE_PREFIX:
            return cur
        pos -= 1
        unknown += 1
    return pos


def find_posts(text: str, mentions: list[Mention]) -> list[PostSpan]:
    """Every post candidate of the text: TITLE mentions and role words, widened to the whole post."""
    lex = lexicon()
    persons = [m for m in mentions if m.label == "PER"]
    person_ends = {m.end for m in persons}

    def in_person(s: int, e: int) -> bool:
        return any(s < p.end and p.start < e for p in persons)

    found: list[PostSpan] = []
    titles = [m for m in mentions if m.label == "TITLE"]
    # A credit word before its colon is the whole post: what stands before it on the line is other
    # text (来源:某县融媒体中心 作者:甲, where cleaning has removed the space).
    def credit_line(role: str, end: int) -> bool:
        return role in lex.credit and re.match(r"[ \t\u3000]*[:：|｜]", text[end:]) is not None

    for m in titles:
        credit = next((w for w in roles_ending_at(m.text, len(m.text)) if credit_line(w, m.end)), None)
        start = m.end - len(credit) if credit else _extend_left(text, m.start, mentions, person_ends)[0]
        found.append(PostSpan(start, _extend_right(text, m.end), from_title=True))
    for match in lex.role_pattern.finditer(text):
        role = match.group(1)
        s, e = match.start(1), match.end(1)
        if in_person(s, e) or (e < len(text) and text[e] in NOT_AFTER_ROLE):
            continue
        if role in lex.colon_only:
            if re.match(r"[ \t\u3000]*[:：|｜]", text[e:]) and (s == 0 or CLAUSE_START.match(text[s - 1])):
                found.append(PostSpan(s, e, colon_only=True))
            continue
        if credit_line(role, e):
            found.append(PostSpan(s, e))
            continue
        start, added = _extend_left(text, s, mentions, person_ends)
        if role in lex.credit and not added and s > 0 and s not in person_ends and re.match(r"[\u4e00-\u9fff]", text[s - 1]):
            continue  # 工作者, 合作者: a credit word inside another word
        found.append(PostSpan(start, _extend_right(text, e), bare_weak=role in lex.weak and not added))
    # Longest first, no overlaps; a TITLE-based span and a role span of equal extent are one.
    ranked = sorted(found, key=lambda p: (-(p.end - p.start), p.bare_weak, not p.from_title, p.start))
    chosen = first_disjoint((p for p in ranked if not in_person(p.start, p.end)), lambda p: (p.start, p.end))
    return _chain_links(text, sorted(chosen, key=lambda p: p.start), person_ends)


def _chain_links(text: str, posts: list[PostSpan], person_ends: set[int]) -> list[PostSpan]:
    """Posts of a chain whose organisation the word lists do not know (县委常委、某某中心主任甲):
    what stands between 、 after one post and the role of the next is that role's prefix, when it
    is a few Han characters with no stop word in them."""
    lex = lexicon()
    ends = {p.end for p in posts}
    linked = []
    for post in posts:
        comma = text.rfind("、", max(0, post.start - MAX_CLAUSE_PREFIX - 1), post.start)
        between = text[comma + 1 : post.start] if comma >= 0 else ""
        if (
            between
            and comma in ends
            and re.fullmatch(r"[\u4e00-\u9fff·]+", between)
            and not any(stop in between for stop in lex.stops if stop not in lex.name_stops)
            and not any(comma < end < post.start for end in person_ends)
        ):
            post = PostSpan(comma + 1, post.end, False, post.colon_only, post.from_title)
        linked.append(post)
    return linked


def _extend_right(text: str, end: int) -> int:
    for suffix in lexicon().suffixes:
        if text.startswith(suffix, end):
            return end + len(suffix)
    return end


def _follows_role(text: str, end: int) -> bool:
    """A weak role word written after a name ends there — punctuation, the end, or a word of
    post_followers.txt — and is not a verb (甲代表县政府签约). A strong role needs no such check
    (甲县长详细询问)."""
    if end >= len(text) or not re.match(r"[\u4e00-\u9fff]", text[end]):
        return True
    return text.startswith(lexicon().followers, end)


# -- pairing ------------------------------------------------------------------------------------
def pair_officials(text: str, mentions: list[Mention]) -> list[OfficialPair]:
    """Every (person, post) the text states, from its PER/TITLE/ORG/LOC mentions."""
    persons = sorted((m for m in mentions if m.label == "PER"), key=lambda m: (m.start, m.end))
    posts = find_posts(text, mentions)
    tokens: list[tuple[str, int, int, object]] = [("PER", p.start, p.end, p) for p in persons]
    tokens += [("POST", p.start, p.end, p) for p in posts]
    tokens.sort(key=lambda t: (t[1], t[2]))
    pairs: list[OfficialPair] = []

    def post_mention(p: PostSpan) -> Mention:
        return Mention(p.start, p.end, "TITLE", text[p.start : p.end])

    def add(person: Mention, post: PostSpan) -> None:
        m = post_mention(post)
        pairs.append(OfficialPair(person, m, decompose_post(m.text)))

    def gap(i: int, j: int) -> str:
        return text[tokens[i][2] : tokens[j][1]]

    def heads_people(i: int) -> bool:
        """The post at token i (the end of a chain) is followed by a name across a title→person gap."""
        return i + 1 < len(tokens) and tokens[i + 1][0] == "PER" and TITLE_TO_PERSON_GAP.fullmatch(gap(i, i + 1)) is not None

    n = len(tokens)
    i = 0
    while i < n:
        kind, _, _, obj = tokens[i]
        if kind == "POST":
            # A chain of posts, then the people it names. A weak role with nothing before it is a
            # link only of a chain that holds a full post (委员、副县长甲) or right before the name
            # (委员甲) or a roster's colon (成员:甲).
            j = i
            while j + 1 < n and tokens[j + 1][0] == "POST" and TITLE_GAP.fullmatch(gap(j, j + 1)):
                j += 1
            named = heads_people(j) and (
                any(not t[3].bare_weak for t in tokens[i : j + 1]) or ROSTER_GAP.fullmatch(gap(j, j + 1)) or gap(j, j + 1) == ""
            )
            if named:
                chain = [t[3] for t in tokens[i : j + 1] if not t[3].colon_only or t is tokens[j]]
                k = j + 1
                while True:
                    for post in chain:
                        add(tokens[k][3], post)
                    nxt = k + 1
                    if nxt < n and tokens[nxt][0] == "PER" and PERSON_GAP.fullmatch(gap(k, nxt)):
                        k = nxt
                        continue
                    break
                i = k  # the last person may still have a post after the name
                continue
            i = j + 1
            continue
        if kind == "PER":
            _after_name(text, tokens, i, add, gap, heads_people)
        i += 1
    return pairs


def _after_name(text, tokens, i, add, gap, heads_people) -> None:
    """Posts written after the name at token i: 甲区长, 乙专员一行, 甲（某县委书记）, 甲当选为某县政协主席和…"""
    n = len(tokens)
    if i + 1 >= n or tokens[i + 1][0] != "POST":
        return
    between = gap(i, i + 1)
    post = tokens[i + 1][3]
    if post.colon_only or re.sub(r"\s+", "", text[post.start : post.end]) in lexicon().credit:
        return  # credit words come before their names (摄影:甲); 甲 摄影 marks a photo, as 甲 摄 does
    appointment = APPOINTMENT_GAP.fullmatch(between) is not None
    direct = between == "" or (post.from_title and re.fullmatch(r"[ \t\u3000]+", between) is not None)
    bracketed = re.fullmatch(r"[ \t\u3000]*[（(][ \t\u3000]*", between) is not None  # 甲（某县委书记）
    if not (appointment or direct or bracketed):
        return
    # The chain of posts after the name (甲当选为A和B); a post that heads other people is theirs.
    j = i + 1
    while j + 1 < n and tokens[j + 1][0] == "POST" and TITLE_GAP.fullmatch(gap(j, j + 1)):
        j += 1
    if bracketed and not re.match(r"[ \t\u3000]*[）)]", text[tokens[j][2] :]):
        return
    if heads_people(j):
        if j == i + 1:
            return
        j -= 1
    chain = [t[3] for t in tokens[i + 1 : j + 1]]
    if direct and not appointment and not bracketed and not tokens[j][3].from_title and tokens[j][3].bare_weak and not _follows_role(text, tokens[j][2]):
        return
    people = [tokens[i][3]]
    if appointment:  # 甲、乙、丙当选副主席: the whole list before the verb
        k = i
        while k - 1 >= 0 and tokens[k - 1][0] == "PER" and PERSON_GAP.fullmatch(gap(k - 1, k)):
            k -= 1
            people.append(tokens[k][3])
    for person in people:
        for p in chain:
            add(person, p)


def people_follow_title(text: str, title: Mention, ordered: list[Mention]) -> bool:
    """True when `title` is directly followed by a name, so it heads a new chain (…岑向东，副区长顾清)."""
    following = [m for m in ordered if m.start >= title.end]
    if not following:
        return False
    nxt = following[0]
    return nxt.label == "PER" and TITLE_TO_PERSON_GAP.fullmatch(text[title.end : nxt.start]) is not None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (between 。！？； or line breaks) that contains text[start:end]."""
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_MARKS) + 1  # rfind: -1 when none
    right_match = SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return left, right
