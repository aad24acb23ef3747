"""One id scheme for every table: built from content and positions, never from run order.

    doc_id       16 hex digits of the sha256 of the file's bytes; a second file with the same bytes
                 (or a file that could not be read) gets 16 hex digits of sha256(content id + path)
                 instead, so doc_id is unique per documents row and `duplicate_of` names the original.
    article_id   `doc_id:seq`
    span ids     `article_id:start:end:LABEL` with article offsets (entity_id; officials and metrics
                 point at the entities they were built from with *_entity_id columns)
    person_id    `p_` + 12 hex digits of sha1(name | role class | post place): a function of one
                 officials row alone, so adding documents never changes an existing id. The post
                 place is the one the post writes (江北区政协副主席), never the article's division a
                 level-only post was placed by (officials.post_adcode_source `article`).

Every id but person_id is a function of the file's bytes and offsets in it; person_id is a function
of the mention (name, its post's place, journalist or official). The price of that stability: the
same person named once with a place in the post (江北区政协副主席) and once without (副主席) gets two
ids, and a person who moves to a post in another place gets a new id; merging such ids would make an
existing id depend on documents added later.
"""

import hashlib
import re

from pipeline.wordlists import GAZETTEER_DIR, read_credit_roles, read_list, role_heads

# Byline roles (记者, 通讯员 …).
BYLINE_ROLES = frozenset(read_list(GAZETTEER_DIR / "byline_roles.txt"))
# They and the credit-line roles (编辑, 审核, 校对 …): their holders are the paper's staff
# ("journalist"), not officials.
JOURNALIST_ROLES = BYLINE_ROLES | frozenset(read_credit_roles().roles)
# A place written at the start of a post: 江北区政协 → 江北区, 重庆市体育局 → 重庆市 (bare 区委 names none).
PLACE_IN_POST = re.compile(r"^(?:中共)?(([\u4e00-\u9fff]{2,8}?)(?:自治区|省|市|区|县|镇|乡|街道))")
# ... unless what stands before the level is a qualifier or role prefix (常务副|县长, 代理|县长).
ROLE_HEADS = role_heads()


def content_doc_id(data: bytes) -> str:
    """doc_id of a file from its bytes (the first file with this content)."""
    return hashlib.sha256(data).hexdigest()[:16]


def copy_doc_id(content_id: str | None, path: str) -> str:
    """doc_id of a file whose content id is taken (a duplicate) or unknown (unreadable): content + path."""
    return hashlib.sha256(f"{content_id or ''}\n{path}".encode()).hexdigest()[:16]


def article_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}:{seq}"


def span_id(article_id: str, start: int, end: int, label: str) -> str:
    """Id of a labelled span of an article's text (entities.entity_id)."""
    return f"{article_id}:{start}:{end}:{label}"


def role_class(post_role: str | None) -> str:
    """journalist for byline and credit-line roles (记者, 通讯员, 编辑, 审核…), official otherwise."""
    return "journalist" if post_role in JOURNALIST_ROLES else "official"


def post_place_key(post: str | None, post_place: str | None) -> str:
    """The place a post names: the linked division (officials.post_place), else the place written
    at its start (某某镇党委书记 → 某某镇), else ''."""
    if isinstance(post_place, str) and post_place:
        return post_place
    found = PLACE_IN_POST.match(post) if isinstance(post, str) else None
    return found.group(1) if found and found.group(2) not in ROLE_HEADS else ""


def written_place(post_place: str | None, post_adcode_source: str | None) -> str | None:
    """officials.post_place when the post itself names it, None when it was taken from the article
    (post_adcode_source `article`: a 县委书记 in an article about one county): person_id keys only
    on what the post writes, which another article about the same person repeats."""
    return post_place if isinstance(post_place, str) and post_adcode_source != "article" else None


def person_context(post: str | None, post_role: str | None, post_place: str | None) -> str:
    """people.context of one officials row: `place|role class`, or the role class alone when the
    post names no place (江北区政协副主席 → 江北区|official; 记者 → journalist)."""
    return "|".join(part for part in (post_place_key(post, post_place), role_class(post_role)) if part)


def person_id(name: str, context: str) -> str:
    """people.person_id of a name in a context (see person_context)."""
    return "p_" + hashlib.sha1(f"{name}|{context}".encode()).hexdigest()[:12]
