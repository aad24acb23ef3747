"""Cut a clean page into blocks and classify each one.

A block is a paragraph: a run of non-blank lines. Pages where every line is its own paragraph
(blank lines between them) and hard-wrapped pages (pdftotext columns, one paragraph = many short
lines) both come out right this way. On a page without blank lines every line is a block, since
then line breaks are the only structure there is.

Block kinds: heading, lead (本报讯…), continuation ((上接1版)…), byline (a line that is only an
author credit), caption (photo caption / credit), body.
"""

import re
from dataclasses import dataclass, field

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
            and "\n" not in last.text and "，" in flat and len(flat) <= _WRAP_MAX_CHARS
            and flat[-1] not in SENTENCE_END + "，：:；;、"
            and block.start == last.end + 1
            and not bylines.is_lead(block.text) and not cues.is_furniture(block.text)
            and not cues.is_weak_opening(block.text) and not cues.is_credit_line(block.text)
            and not _headline_of(last.text, block.text)
        )
        if broken:
            result[-1] = Block(last.start, block.end, text[last.start : block.end], continued_from=last.continued_from)
            result[-1].notes.append("merged_wrap")
        else:
            result.append(block)
    return result


_WRAP_MAX_CHARS = 40
_HEADLINE_ECHO = 0.25


def _headline_of(line: str, paragraph: str) -> bool:
    """A headline line with a comma (`某市生产总值达10亿元，同比增长5%`) over its story's first
    paragraph, not a wrap: a plain line (no lead, no date) whose words recur in the paragraph."""
    return (
        not bylines.is_lead(line) and not cues.is_weak_opening(line)
        and looks_like_heading(line) and cohesion.echo(line, paragraph) >= _HEADLINE_ECHO
    )


def split_after_closings(blocks: list[Block], text: str, offsets: list[int] | None) -> list[Block]:
    """Split a paragraph where cleaning joined the next story onto a story's closing credit
    (`…。（甲 乙）` + `9月30日上午，…`, `…终审：甲某` + a headline): at a place where the offset map
    shows deleted raw characters (a line break) right after a complete closing. When a line break
    also fell inside the closing name (`王某` / `某`), the later place wins."""
    if offsets is None:
        return blocks
    result: list[Block] = []
    for block in blocks:
        cuts = [k for k in range(2, len(block.text) - 1) if offsets[block.start + k] - offsets[block.start + k - 1] > 1
                and block.text[k - 1] != "\n" and block.text[k] != "\n"
                and (cues.ends_with_closing(block.text[:k]) or _ends_with_divider(block.text[:k]))
                and not _closing_goes_on(block.text, k)]
        cuts = [k for k, after in zip(cuts, [*cuts[1:], None]) if after is None or after - k > _CLOSING_NAME_SLACK]
        cuts = [k for k in cuts if not _inside_later_closing(block.text, k, cuts)]
        start = block.start
        for k in cuts:
            cut = block.start + k
            result.append(Block(start, cut, text[start:cut], level=block.level if start == block.start else None,
                                continued_from=block.continued_from if start == block.start else None))
            start = cut
        result.append(block if start == block.start else Block(start, block.end, text[start : block.end]))
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
        for k in range(1, limit):
            if offsets[block.start + k] - offsets[block.start + k - 1] > 2:
                candidates.append(k)
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
