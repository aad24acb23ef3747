"""official → post pairs from the PER and TITLE entities of one article.

The pattern a Chinese paper uses is a chain of titles followed by one or more names:
区委常委、统战部部长雷翌 (two titles, one person), 区政协副主席孙梦、任红 (one title, two
people), 记者 王偲媞 (a byline). A title written right after a name (陈晓书记) belongs to that
name. Anything else — a name with no adjacent title — yields no pair: the post is not stated.
"""

import re
from dataclasses import dataclass

# What may separate links of a chain: nothing, OCR spaces/line breaks, the list comma, 兼.
TITLE_GAP = re.compile(r"^[\s、兼及和]*$")
# Between a title and its person: nothing or OCR spaces; in credit lines a colon, bar or slash
# (编辑:甲, 审核|乙, 记者/丙).
TITLE_TO_PERSON_GAP = re.compile(r"^\s*(?:[:：|｜/]\s*)?$")
PERSON_GAP = re.compile(r"^\s*[、和及与]\s*$|^\s+$")
QUALIFIERS = ("时任", "原", "前", "代理", "代", "退休", "离任")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")

# Roles, longest first, matched at the end of a post; the rest of the post is its organisation.
ROLES = sorted(
    """
    党组书记 党组副书记 党工委书记 党工委副书记 党委书记 党委副书记 党总支书记 党支部书记 纪委书记 副书记 书记
    常务副主席 副主席 主席 常务副区长 副区长 区长 副县长 县长 常务副市长 副市长 市长 副省长 省长 副镇长 镇长
    副乡长 乡长 村长 常委 委员 常务副部长 副部长 部长 副局长 局长 常务副主任 副主任 主任 副秘书长 秘书长
    副组长 组长 副校长 校长 副院长 院长 副所长 所长 副庭长 庭长 副站长 站长 董事长 副总经理 总经理 经理
    社长 总编辑 副主编 主编 理事长 会长 副会长 监事长 行长 副行长 馆长 队长 班长 总书记 主任科员
    特约记者 见习记者 记者 通讯员 实习生 网格员 志愿者 讲师 教师 老师 代表 负责人
    """.split(),
    key=len,
    reverse=True,
)
LEVELS = ("中央", "全国", "省", "市", "区", "县", "镇", "乡", "街道", "村", "社区")
BYLINE_ROLES = {"记者", "特约记者", "见习记者", "通讯员", "实习生"}


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


def normalise_name(text: str) -> str:
    """A person's name without the OCR spaces and line breaks inside it (廖 松 → 廖松)."""
    return re.sub(r"\s+", "", text)


def decompose_post(post: str) -> Post:
    """区委统战部部长 → org 区委统战部, role 部长, level 区; 代区长 → qualifier 代, role 区长, level 区."""
    text = re.sub(r"\s+", "", post)
    text = re.sub(r"[(（]兼[)）]$", "", text)
    qualifier = next((q for q in QUALIFIERS if text.startswith(q) and len(text) > len(q)), None)
    if qualifier:
        text = text[len(qualifier) :]
    role = next((r for r in ROLES if text.endswith(r)), text)
    org = text[: len(text) - len(role)] or None
    scope = org or role
    level = next((lv for lv in LEVELS if scope.startswith(lv)), None)
    if level is None and org:
        level = next((lv for lv in LEVELS if re.search(rf"^[^\d]{{1,6}}?{lv}", org)), None)
    return Post(qualifier, org, level, role)


def _gap(text: str, left: Mention, right: Mention) -> str:
    return text[left.end : right.start]


def pair_officials(text: str, mentions: list[Mention]) -> list[OfficialPair]:
    """Every (person, post) the text states, from PER and TITLE mentions sorted by position."""
    ordered = sorted((m for m in mentions if m.label in ("PER", "TITLE")), key=lambda m: (m.start, m.end))
    pairs: list[OfficialPair] = []
    titles: list[Mention] = []  # the chain of titles waiting for its people
    people: list[Mention] = []  # the people the current chain has been given
    previous: Mention | None = None
    for mention in ordered:
        gap = _gap(text, previous, mention) if previous else None
        if mention.label == "TITLE":
            if previous is not None and previous.label == "PER" and not people_follow_title(text, mention, ordered) and gap is not None and TITLE_TO_PERSON_GAP.match(gap):
                # A title right after a name (陈晓书记): it belongs to that name.
                pairs.append(OfficialPair(previous, mention, decompose_post(mention.text)))
                titles, people = [], []
            elif previous is not None and previous.label == "TITLE" and not people and gap is not None and TITLE_GAP.match(gap):
                titles.append(mention)
            else:
                titles, people = [mention], []
        else:  # PER
            if titles and previous is not None:
                joined = (previous.label == "TITLE" and not people and TITLE_TO_PERSON_GAP.match(gap)) or (
                    previous.label == "PER" and people and PERSON_GAP.match(gap)
                )
                if joined:
                    people.append(mention)
                    pairs.extend(OfficialPair(mention, t, decompose_post(t.text)) for t in titles)
                else:
                    titles, people = [], []
        previous = mention
    return pairs


def people_follow_title(text: str, title: Mention, ordered: list[Mention]) -> bool:
    """True when `title` is directly followed by a name, so it heads a new chain (…雷翌，副区长李彤)."""
    following = [m for m in ordered if m.start >= title.end]
    if not following:
        return False
    nxt = following[0]
    return nxt.label == "PER" and TITLE_TO_PERSON_GAP.match(text[title.end : nxt.start]) is not None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (between 。！？； or line breaks) that contains text[start:end]."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return left, right
