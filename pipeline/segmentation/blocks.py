"""Cut a clean page into blocks and classify each one.

A block is a paragraph: a run of non-blank lines. Pages where every line is its own paragraph
(blank lines between them) and hard-wrapped pages (pdftotext columns, one paragraph = many short
lines) both come out right this way. On a page without blank lines every line is a block, since
then line breaks are the only structure there is.

Block kinds: heading, lead (本报讯…), continuation ((上接1版)…), byline (a line that is only an
author credit), caption (photo caption / credit), body.
"""

import operator
import re
from dataclasses import dataclass, field
from itertools import compress, repeat

import cn2an

from pipeline.offsets import line_spans
from pipeline.segmentation import bylines, cohesion, cues

HEADING = "heading"
LEAD = "lead"
CONTINUATION = "continuation"
BYLINE = "byline"
CAPTION = "caption"
BODY = "body"
FURNITURE = "furniture"  # web-page furniture: 发布时间：… 来源：…, counters, a bare date
CREDIT = "credit"  # credit lines closing an article: 编辑：甲 审核：乙

CONTINUED_FROM_RE = re.compile(r"^\s*#*\s*[(（]\s*上接(?:第)?\s*(?P<page>[0-9一二三四五六七八九十]+)\s*版\s*[)）]")
CONTINUES_TO_RE = re.compile(r"[(（]\s*下转(?:第)?\s*(?P<page>[0-9一二三四五六七八九十]+)\s*版\s*[)）]\s*$")
MARKDOWN_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+")
# Punctuation that ends a sentence; a paragraph ending otherwise was cut (column break, caption).
SENTENCE_END = "。！？!?…”’\"'」』)）"
_HEADING_MAX_CHARS = 60
_HEADING_MAX_LINES = 2


@dataclass
class Block:
    start: int  # span in the clean page
    end: int
    text: str
    kind: str = BODY
    level: int | None = None  # markdown heading level (1 = '#'), when the page has one
    continued_from: str | None = None
    continues_to: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def n_lines(self) -> int:
        return self.text.count("\n") + 1


def merge_broken_sentences(blocks: list[Block], text: str, offsets: list[int] | None) -> list[Block]:
    """Join a line that stops mid-clause (it has a `，` and no sentence end) to the line right
    after it: a PDF wrap cleaning left in place (`11月3日，某局副处长` / `甲带领督查组…`). Only on
    pages without blank lines, where every line is a block, and never before an opening cue."""
    if offsets is None or len(blocks) < 2 or "\n\n" in text:
        return blocks
    result = [blocks[0]]
    for block in blocks[1:]:
        last = result[-1]
        flat = last.text.rstrip()
        broken = (
            (last.level is None or bylines.is_lead(last.text) or cues.is_weak_opening(last.text)) and block.level is None
            and "\n" not in last.text and block.start == last.end + 1
            and (_cut_in_clause(flat, block.text) or _cut_in_bracket(flat, block.text))
        )
        if broken:
            result[-1] = Block(last.start, block.end, text[last.start : block.end], continued_from=last.continued_from)
            result[-1].notes.append("merged_wrap")
        else:
            result.append(block)
    return result


_WRAP_MAX_CHARS = 40
_BRACKET_MAX_CHARS = 60  # a byline bracket (`（全媒体记者 甲 乙）`) is shorter


def _cut_in_clause(line: str, after: str) -> bool:
    """A short line stopped after a `，` clause, no sentence end, with no story cue below it."""
    return (
        "，" in line and len(line) <= _WRAP_MAX_CHARS and line[-1] not in SENTENCE_END + "，：:；;、"
        and not bylines.is_lead(after) and not cues.is_furniture(after)
        and not cues.is_weak_opening(after) and not cues.is_credit_line(after)
        and not _headline_of(line, after)
    )


def _cut_in_bracket(line: str, after: str) -> bool:
    """A line ending inside a bracket it opened (`某某网讯（记者 甲` / `乙 丙）1月2日上午，…`) whose
    next line closes it: a wrap inside a byline that cleaning left in place."""
    opened = line.rfind("（")
    if opened < 0 or "）" in line[opened:]:
        return False
    close, reopen = after.find("）"), after.find("（")
    return 0 <= close and (reopen < 0 or close < reopen) and len(line) - opened + close < _BRACKET_MAX_CHARS
_HEADLINE_ECHO = 0.25


def _headline_of(line: str, paragraph: str) -> bool:
    """A headline line with a comma (`某市生产总值达10亿元，同比增长5%`) over its story's first
    paragraph, not a wrap: a plain line (no lead, no date) whose words recur in the paragraph."""
    return (
        not bylines.is_lead(line) and not cues.is_weak_opening(line)
        and looks_like_heading(line) and cohesion.echo(line, paragraph) >= _HEADLINE_ECHO
    )


def _cut_at(block: Block, text: str, cuts: list[int]) -> list[Block]:
    """The block cut at the increasing relative positions `cuts`; the first part keeps the block's
    heading level and continuation label, and an uncut block comes back as it is."""
    if not cuts:
        return [block]
    parts: list[Block] = []
    start = block.start
    for cut in [block.start + k for k in cuts]:
        first = start == block.start
        parts.append(Block(start, cut, text[start:cut], level=block.level if first else None,
                           continued_from=block.continued_from if first else None))
        start = cut
    return parts + [Block(start, block.end, text[start : block.end])]


def split_after_closings(blocks: list[Block], text: str, offsets: list[int] | None) -> list[Block]:
    """Split a paragraph where cleaning joined the next story onto a story's closing credit
    (`…。（甲 乙）` + `9月30日上午，…`, `…终审：甲某` + a headline): at a place where the offset map
    shows deleted raw characters (a line break) right after a complete closing. When a line break
    also fell inside the closing name (`王某` / `某`), the later place wins."""
    if offsets is None:
        return blocks
    result: list[Block] = []
    for block in blocks:
        cuts = [k for k in _gaps(offsets, block.start, 2, len(block.text) - 1, 2)
                if block.text[k - 1] != "\n" and block.text[k] != "\n"
                and (cues.ends_with_closing(block.text[:k]) or _ends_with_divider(block.text[:k]))
                and not _closing_goes_on(block.text, k)]
        cuts = [k for k, after in zip(cuts, [*cuts[1:], None]) if after is None or after - k > _CLOSING_NAME_SLACK]
        cuts = [k for k in cuts if not _inside_later_closing(block.text, k, cuts)]
        result += _cut_at(block, text, cuts)
    return result


# A deleted stretch of at least this many raw characters between two clean ones may be a paragraph
# break (`\n\n`) that cleaning joined. A plain wrap (`\n`, or a space) deletes one, a wrap with a
# trailing space (` \n`) two as well: the gap alone is no proof, an opening cue must follow.
_BREAK_GAP = 3
# Punctuation a story's last paragraph does not end on: a clause goes on after it. The function
# words after which a clause goes on (`截至` / `6月3日，…`) are data/segmentation/clause_particles.txt.
_CLAUSE_PUNCTUATION = set("，,、：:；;（(“‘《【—-·")
_GLUED_HEADLINE_MAX_CHARS = _HEADING_MAX_CHARS
_OPENING_WINDOW = 200  # characters an opening cue is looked for in (the longest, 记者从…获悉, is shorter)


def _clause_goes_on(char: str) -> bool:
    """A clause goes on after `char` (punctuation inside a sentence, a function word, a space), so a
    line break after it is a wrap, no story's end."""
    return char in _CLAUSE_PUNCTUATION or char.isspace() or char in cues.read_words("clause_particles.txt")


def _gaps(offsets: list[int], block_start: int, first: int, stop: int, min_gap: int) -> list[int]:
    """Positions k in [first, stop) of the block at `block_start` (first >= 1) where cleaning
    deleted at least `min_gap` - 1 raw characters right before clean character block_start + k,
    in increasing order. The test runs in C (map, compress), so the rules look at these few places
    only instead of testing every character of the page in Python."""
    if stop <= first:  # (a negative stop would wrap around in the slices)
        return []
    after = offsets[block_start + first : block_start + stop]
    before = offsets[block_start + first - 1 : block_start + stop - 1]
    wide = map(operator.ge, map(operator.sub, after, before), repeat(min_gap))  # gap >= min_gap
    return list(compress(range(first, stop), wide))


def _opens_story(text: str) -> bool:
    """Text that opens a story whatever precedes it: a news lead (本报讯, 某某网讯, (记者 甲)),
    a dated lead or 近日，/日前，, or web furniture glued to the text (来源：… 2021-10-09)."""
    return bylines.is_lead(text) or cues.is_weak_opening(text) or cues.starts_with_furniture(text)


def _glued_opening(text: str, k: int, block_start: int, offsets: list[int]) -> bool:
    """Whether a story opens at relative position k of a paragraph cleaning joined: an opening cue
    right at k, or a headline from k to a later deleted break where an opening cue follows
    (`…（甲）` + `云溪区召开植树会` + `3月2日上午，…`)."""
    return _opens_story(text[k : k + _OPENING_WINDOW]) or _headline_over_opening(text, k, block_start, offsets)


def _headline_over_opening(text: str, k: int, block_start: int, offsets: list[int]) -> bool:
    """text[k:k2] is a headline (short, no clause; its lines joined by cleaning) and an opening cue
    follows it at a deleted break k2."""
    line_end = text.find("\n", k)
    limit = min(len(text) - 10, k + _GLUED_HEADLINE_MAX_CHARS + 1, line_end + 1 if line_end >= 0 else len(text))
    for k2 in _gaps(offsets, block_start, k + 4, limit, _BREAK_GAP):  # where cleaning deleted a possible paragraph break
        headline = text[k:k2]
        if looks_like_heading(headline) and "，" not in headline and _opens_story(text[k2 : k2 + _OPENING_WINDOW]):
            return True
    return False


def _inside_headline(text: str, j: int, k: int, block_start: int, offsets: list[int]) -> bool:
    """The line text[j:k] before the deleted break at k is the first line of a headline that goes
    on after k (a kicker over the title, a title over its furniture), not the end of a story: it
    starts the paragraph or follows a finished clause, is no closing credit or divider, and text
    from j is a headline over an opening cue. The story then opens at j, not at k."""
    line = text[j:k]
    after_break = j == 0 or not _clause_goes_on(text[j - 1])
    closing = cues.closing_tail(line) is not None or cues.SEPARATOR.search(line) is not None  # the story above ends on it
    return after_break and not closing and _headline_over_opening(text, j, block_start, offsets)


def split_before_glued_openings(blocks: list[Block], text: str, offsets: list[int] | None) -> list[Block]:
    """Split a paragraph where cleaning joined the next story onto the end of the story above
    without a closing cue the segmenter knows (a PDF text layer wraps every line, so cleaning
    joins across a paragraph break after any line that does not end a sentence): at a place where
    the offset map shows a deleted paragraph break, after a character that ends a clause, where a
    story opens (see _glued_opening). The grouping then judges the new block like any other
    (a dated lead opens a story only on another topic), so a noised page is segmented like its
    clean version, whose line breaks were never lost."""
    if offsets is None:
        return blocks
    result: list[Block] = []
    for block in blocks:
        body = block.text
        breaks = [k for k in _gaps(offsets, block.start, 1, len(body) - 10, _BREAK_GAP) if "\n" not in body[k - 1 : k + 1]]
        cuts = [
            k for n, k in enumerate(breaks)
            if not _clause_goes_on(body[k - 1])
            and _glued_opening(body, k, block.start, offsets)
            and not _inside_headline(body, breaks[n - 1] if n else 0, k, block.start, offsets)
        ]
        result += _cut_at(block, text, cuts)
    return result


def _inside_later_closing(text: str, k: int, cuts: list[int]) -> bool:
    """Cut k falls inside the closing credit that a later cut ends (`本报记者王某` | `通讯员李某摄`,
    `初审：甲某终` | `审：乙某`, where a wrap fell inside the credit run): only the later cut is
    a story's end."""
    for later in cuts:
        if later > k:
            span = cues.closing_tail(text[:later])
            if span is not None and span[0] < k:
                return True
    return False


def _ends_with_divider(text: str) -> bool:
    """A divider line (`______`) that cleaning joined to the text after it."""
    tail = re.search(r"[_\-—=~*·]+$", text)
    return tail is not None and cues.SEPARATOR.fullmatch(tail.group()) is not None and (tail.start() == 0 or text[tail.start() - 1] in SENTENCE_END + "\n")


def _closing_goes_on(text: str, k: int) -> bool:
    """The credit run ending at k continues after it (`编辑：甲某初` / `审：乙某`): the line's own
    closing starts before k."""
    end = text.find("\n", k)
    line = text[: end if end >= 0 else len(text)]
    tail = cues.closing_tail(line)
    return tail is not None and tail[0] < k


_CLOSING_NAME_SLACK = 2  # characters of a name a line break may leave after a shorter "name"


_FUSED_HEADLINE_ECHO = 0.2


def split_fused_headlines(blocks: list[Block], text: str, offsets: list[int] | None) -> list[Block]:
    """Split a headline that cleaning glued onto the paragraph after it.

    A headline-like prefix of a line (short, no full stop) is cut off where a news lead (本报讯)
    starts inside the line, or where the offset map shows that two or more raw characters (a
    paragraph break) were deleted between two clean characters.
    """
    result: list[Block] = []
    for block in blocks:
        cut = _fused_cut(block, offsets)
        if cut is None:
            result.append(block)
            continue
        result.append(Block(block.start, block.start + cut, text[block.start : block.start + cut], level=block.level))
        result.append(Block(block.start + cut, block.end, text[block.start + cut : block.end]))
    return result


def _fused_cut(block: Block, offsets: list[int] | None) -> int | None:
    """Relative position where a fused headline ends, or None."""
    text = block.text
    lead = re.search(r"本报讯|本报消息", text)
    candidates = [lead.start()] if lead and lead.start() > 0 else []
    if offsets is not None:
        limit = min(len(text), _HEADING_MAX_CHARS + 1)
        candidates += _gaps(offsets, block.start, 1, limit, 3)
    for cut in sorted(candidates):
        prefix, rest = text[:cut], text[cut:]
        clause = "，" in prefix and not bylines.is_lead(rest) and not cues.is_weak_opening(rest)  # a wrapped clause, not a headline
        # A wrap that left a space (`旅发 \n大会`) looks like a paragraph break in the offsets: a
        # headline names its story, so without a lead after it its words must recur below.
        echoed = bylines.is_lead(rest) or cues.is_weak_opening(rest) or cohesion.echo(prefix, rest) >= _FUSED_HEADLINE_ECHO
        if len(rest.strip()) >= 10 and looks_like_heading(prefix.replace("\n", "")) and "\n" not in prefix and not clause and echoed:
            return cut
    return None


def split_blocks(text: str, heading_spans: list[tuple[int, int, int | None]] = ()) -> list[Block]:
    """Paragraph blocks of `text`. Lines inside a heading span, leads and continuations open
    their own block even without a blank line before them, because clean may have unwrapped them."""
    lines = [(s, e) for s, e in line_spans(text)]
    uses_blank_lines = "\n\n" in text or re.search(r"\n[ \t\u3000]*\n", text) is not None
    heading_starts = {s for s, _, _ in heading_spans}
    blocks: list[Block] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            start, end = current[0][0], current[-1][1]
            blocks.append(Block(start, end, text[start:end]))
            current.clear()

    for start, end in lines:
        line = text[start:end]
        stripped_start = start + (len(line) - len(line.lstrip()))
        if not line.strip():
            flush()
            continue
        opens_block = (
            not uses_blank_lines
            or stripped_start in heading_starts
            or start in heading_starts
            or MARKDOWN_HEADING_RE.match(line.lstrip())
            or bylines.is_lead(line)
            or CONTINUED_FROM_RE.match(line)
        )
        if opens_block:
            flush()
        current.append((stripped_start, end))
        if not uses_blank_lines or stripped_start in heading_starts or MARKDOWN_HEADING_RE.match(line.lstrip()):
            flush()
    flush()
    levels = {s: level for s, _, level in heading_spans}
    for block in blocks:
        hashes = MARKDOWN_HEADING_RE.match(block.text)
        if hashes:
            block.level = len(hashes["hashes"])
        elif block.start in levels:
            block.level = levels[block.start] or 1
    return blocks


def looks_like_heading(text: str) -> bool:
    """A short, unpunctuated paragraph of at most two lines: a headline, kicker or section heading."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    flat = "".join(lines)
    if not lines or len(lines) > _HEADING_MAX_LINES or len(flat) > _HEADING_MAX_CHARS or len(flat) < 2:
        return False
    if re.search(r"[。；;]", flat) or flat[-1] in "，,、：:；;。":
        return False
    # Numbers, dates and page furniture alone are not headlines.
    return not re.fullmatch(r"[\d\s年月日第版期/:：.\-]+", flat)


def page_label(label: str) -> str:
    """A page number as digits (第一版 → "1"), or the label as written if it is not a number."""
    if label.isdigit():
        return str(int(label))
    try:
        return str(int(cn2an.cn2an(label, "smart")))
    except (ValueError, KeyError):
        return label


def looks_like_caption(text: str) -> bool:
    """A photo caption or credit: ends with 供图 or with a photographer's 摄. An article's own
    closing author line (`… (张某 李某/文 某某供图)`) is not a caption."""
    flat = text.strip()
    if len(flat) > 120 or re.search(r"/\s*文", flat):
        return False
    return bool(re.search(r"(供图|摄影?|图片)\s*[)）]?$", flat)) or bool(re.fullmatch(r"[(（][^()（）]*供图[)）]", flat))


def ends_sentence(text: str) -> bool:
    """True when the paragraph ends on sentence-final punctuation."""
    flat = text.rstrip()
    return bool(flat) and flat[-1] in SENTENCE_END


def _marked_body(text: str) -> bool:
    """A paragraph a PDF converter marked as a heading that is running text: a news lead, or a
    long line with sentence punctuation."""
    flat = text.replace("\n", "")
    return bylines.is_lead(flat) or cues.is_weak_opening(flat) or (len(flat) > _HEADING_MAX_CHARS and re.search(r"[。，；]", flat) is not None) or bool(
        re.search(r"[。；]", flat[:-1])
    )


def _bracket_only(text: str) -> bool:
    """A paragraph that is one bracket and nothing else (`（记者 甲/文 乙/图）`, `（记者 甲）`): an
    author line, not a lead (a lead has its story's first sentence after the bracket)."""
    flat = text.strip()
    return flat[:1] in "(（" and flat[-1:] in ")）" and not re.search(r"[()（）]", flat[1:-1])


def classify(block: Block, previous: Block | None) -> str:
    """The kind of a block given its text and the block before it.

    A heading-like paragraph right after a paragraph cut mid-sentence is a photo caption dropped
    into the column (`…标识牌7 / 某某活动 / 个;`): a headline never interrupts a sentence.
    """
    text = block.text
    if block.continued_from is not None and block.level is None and not looks_like_heading(text):
        return CONTINUATION  # clean moved the (上接N版) label out of the text into a marker
    if block.level is not None and CONTINUED_FROM_RE.match(text):
        return CONTINUATION
    if block.level is not None and not _marked_body(text):
        return HEADING
    block.level = None  # a `#` mark on running text or a lead is converter noise, not a headline
    if CONTINUED_FROM_RE.match(text):
        return CONTINUATION
    if bylines.is_lead(text):
        return BYLINE if _bracket_only(text) else LEAD
    if cues.is_furniture(text):
        return FURNITURE
    if bylines.is_standalone_byline(text):
        return BYLINE
    if cues.is_credit_line(text):
        return CREDIT
    if looks_like_caption(text):
        return CAPTION
    if looks_like_heading(text):
        if previous is not None and previous.kind in (BODY, LEAD, CONTINUATION) and not ends_sentence(previous.text) and "closing" not in previous.notes:
            return CAPTION  # (a story closed by its credit, `…。本报记者 甲`, was not cut mid-sentence)
        return HEADING
    return BODY


def classify_blocks(blocks: list[Block]) -> list[Block]:
    """Classify every block in page order (each decision may look at the previous block)."""
    previous: Block | None = None
    for block in blocks:
        block.kind = classify(block, previous)
        if block.kind == CONTINUATION and block.continued_from is None:
            block.continued_from = page_label(CONTINUED_FROM_RE.match(block.text)["page"])
        to = CONTINUES_TO_RE.search(block.text)
        if to:
            block.continues_to = page_label(to["page"])
        if block.kind == BODY and (cues.is_weak_opening(block.text) or cues.starts_with_furniture(block.text)):
            block.notes.append("weak_opening")
        if block.kind in (BODY, LEAD, CONTINUATION) and cues.closing_tail(block.text):
            block.notes.append("closing")
        if block.kind != CAPTION:
            previous = block
    return blocks
