"""Group classified blocks into articles.

Two page layouts occur: headlines printed above their story (most pages) and headlines printed
after it (some pdftotext pages, seed 002). The layout is decided once per page; then a single
pass walks the blocks, opening an article at a headline, a news lead (本报讯) or a continuation
((上接1版)), and deciding for every other heading whether it is a section heading of the current
article (a feature's 小标题) or the headline of a new one. Where a page gives weaker cues (a
dated lead, furniture, a headline line over plain text, or nothing at all after a finished
paragraph), the lexical cohesion between the story so far and the text that follows decides
(segmentation.cohesion): a new story is about something else.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.segmentation import cohesion
from pipeline.segmentation.blocks import (
    BODY,
    BYLINE,
    CAPTION,
    CONTINUATION,
    CONTINUED_FROM_RE,
    CREDIT,
    FURNITURE,
    HEADING,
    LEAD,
    Block,
    ends_sentence,
)

TITLE_BEFORE = "title_before"
TITLE_AFTER = "title_after"
# A lead arriving this soon after a headline belongs to that headline's story (interleaved text
# before it), not to a new untitled story.
_LEAD_GRACE_CHARS = 200
_PHOTO_BODY_MAX_CHARS = 300
# A dated lead (6月12日上午，) opens a new story only after this much running text of the current one.
_WEAK_OPENING_MIN_BODY = 120
_SUBTITLE_DASH = re.compile(r"^\s*[—－-]{1,2}")
_INLINE_SUBTITLE = re.compile(r"\s*——\s*")


@dataclass
class Draft:
    """An article being built: its blocks and which of them are headline parts."""

    blocks: list[Block] = field(default_factory=list)
    heading_group: list[Block] = field(default_factory=list)  # the blocks of its headline
    # Headline lines printed under a furniture line or byline that follows the first headline
    # run (`标题` / `▼` / `副题`): its subtitle, never its title. Also in heading_group.
    later_headline: list[Block] = field(default_factory=list)
    section_headings: list[Block] = field(default_factory=list)
    lead: Block | None = None
    start_byline: Block | None = None
    end_byline: Block | None = None
    captions: list[Block] = field(default_factory=list)
    credits: list[Block] = field(default_factory=list)  # closing credit lines (编辑：甲)
    furniture: list[Block] = field(default_factory=list)  # web furniture (来源：…) at its head
    closed: bool = False  # an end byline (or, title-after, the headline) ends the story
    kind: str | None = None  # forced kind for non-article blocks (caption, notice)
    notes: list[str] = field(default_factory=list)

    @property
    def body_blocks(self) -> list[Block]:
        skip = {id(b) for b in (*self.heading_group, *self.credits, *self.furniture, self.start_byline, self.end_byline) if b is not None}
        return [b for b in self.blocks if id(b) not in skip]

    @property
    def body_chars(self) -> int:
        return sum(len(b.text) for b in self.body_blocks if b.kind in (BODY, LEAD, CONTINUATION))

    def add(self, block: Block) -> None:
        self.blocks.append(block)


def _takes_text(draft: Draft | None) -> bool:
    """An article draft still open: what follows joins it unless a cue opens a new story."""
    return draft is not None and not draft.closed and draft.kind is None


def _is_article(draft: Draft | None) -> bool:
    """A draft of an article (open or closed), as opposed to a non-article block or nothing."""
    return draft is not None and draft.kind is None


def is_bare_marker(draft: Draft) -> bool:
    """True for a draft holding only a continuation marker line ((上接1版) on its own): the
    headline that follows belongs to it."""
    return (
        draft.kind is None
        and bool(draft.blocks)
        and all(b.kind == CONTINUATION and not CONTINUED_FROM_RE.sub("", b.text).strip() for b in draft.blocks)
    )


def page_layout(blocks: list[Block]) -> str:
    """TITLE_AFTER when the page opens with running text and closes with a heading (headlines
    printed under their stories), else TITLE_BEFORE."""
    content = [b for b in blocks if b.kind != CAPTION]
    if len(content) < 2:
        return TITLE_BEFORE
    if content[0].kind in (BODY, LEAD, CONTINUATION) and content[-1].kind == HEADING:
        return TITLE_AFTER
    return TITLE_BEFORE


def _heading_run(blocks: list[Block], i: int) -> int:
    """Index just past the run of consecutive heading blocks starting at i."""
    j = i
    while j < len(blocks) and blocks[j].kind == HEADING:
        j += 1
    return j


def _has_subtitle(group: list[Block]) -> bool:
    return any(_SUBTITLE_DASH.match(b.text) for b in group[1:]) or any(
        _INLINE_SUBTITLE.search(b.text.strip()[1:]) for b in group
    )


def _top_level(blocks: list[Block]) -> int | None:
    """The highest markdown heading level used on the page (1 for '#'), if any."""
    levels = [b.level for b in blocks if b.level is not None and b.kind == HEADING]
    if len(levels) < 2:
        return None  # one `#` line (a PDF layer marks the page's first line) says nothing about the others
    return min(levels)


def _is_photo_news(blocks: list[Block], j: int) -> bool:
    """A short caption-like text followed by a photographer's byline (`记者 某某 摄`)."""
    if j + 1 >= len(blocks):
        return False
    text, after = blocks[j], blocks[j + 1]
    return text.kind == BODY and len(text.text) <= _PHOTO_BODY_MAX_CHARS and after.kind == BYLINE and bool(
        re.search(r"摄影?\s*[)）]?\s*$", after.text)
    )


def is_feature(draft: Draft) -> bool:
    """A story headlined like a feature (a `——` subtitle): its 小标题 open dated paragraphs too."""
    return _has_subtitle(draft.heading_group)


# Cohesion thresholds (cosine of character-bigram vectors, segmentation.cohesion): below them the
# text after a candidate boundary is about something else than the story above.
_HEADING_TOPIC_CHANGE = 0.12  # a headline line over plain text
_WEAK_TOPIC_CHANGE = 0.2  # a dated lead (6月12日上午，); above it the story goes on (its 2nd event)
_BODY_TOPIC_CHANGE = 0.05  # a paragraph without any cue: only a clear change of subject
_COHESION_MIN_BODY = 150  # running text the story above needs before its topic can be judged
_COHESION_MIN_AFTER = 50  # a first sentence
_STOPS = (LEAD, FURNITURE, CREDIT, BYLINE, CONTINUATION)


def text_after(blocks: list[Block], i: int, to_next_opening: bool = False) -> str:
    """The running text from blocks[i] up to the next story cue (lead, furniture, credits, another
    headline run; with `to_next_opening` also a dated lead or a closing credit), at most a
    cohesion window long."""
    parts: list[str] = []
    size = 0
    for k in range(i, len(blocks)):
        block = blocks[k]
        if k > i and (block.kind in _STOPS or (block.kind == HEADING and blocks[k - 1].kind != HEADING)):
            break
        if k > i and to_next_opening and "weak_opening" in block.notes:
            break
        if block.kind == CAPTION:
            continue
        parts.append(block.text)
        size += len(block.text)
        if size >= cohesion.WINDOW_CHARS or (to_next_opening and "closing" in block.notes):
            break
    return "\n".join(parts)


def text_above(draft: Draft) -> str:
    """The running text of the story so far (headline, credits and furniture left out)."""
    return "\n".join(b.text for b in draft.body_blocks if b.kind in (BODY, LEAD, CONTINUATION))


def topic_changes(
    blocks: list[Block], i: int, current: Draft, threshold: float, to_next_opening: bool = False, min_body: int = _COHESION_MIN_BODY
) -> bool:
    """Whether the text from blocks[i] on is about something else than the current story (lexical
    cohesion below `threshold`), judged only with enough text on both sides (`min_body` chars of
    running text above)."""
    if current.body_chars < min_body:
        return False
    after = text_after(blocks, i, to_next_opening)
    if len(after) < _COHESION_MIN_AFTER:
        return False
    return cohesion.similarity(text_above(current), after) < threshold


def furniture_inside(blocks: list[Block], i: int, current: Draft | None) -> bool:
    """Whether the furniture run at blocks[i] sits inside the current story (a 来源 line under a
    photo, a date line between parts): plain text on the same topic goes on after it."""
    if not _takes_text(current) or current.body_chars < _COHESION_MIN_BODY:
        return False
    j = i
    while j < len(blocks) and blocks[j].kind == FURNITURE:
        j += 1
    if j == len(blocks) or blocks[j].kind != BODY or "weak_opening" in blocks[j].notes:
        return False
    return not topic_changes(blocks, j, current, _WEAK_TOPIC_CHANGE)


def opens_article_before(blocks: list[Block], i: int, j: int, current: Draft | None, top_level: int | None) -> bool:
    """Whether the heading run blocks[i:j] is the headline of a new story (title-before layout)
    rather than a section heading inside the current one. The tests run in this order: a run that
    must open a story; more headline lines of the story just opened; the page's markdown levels;
    then the cues below the run and, failing them, the run's own words against the text."""
    if _must_open(blocks[i:j], current):
        return True
    if _headline_still_open(current):
        return False  # more headline lines of the story just opened (kicker above, subtitle below, under its furniture)
    if top_level is not None:
        # A lower heading is a section heading, unless a lead (本报讯（记者 甲）…) opens a story under it.
        return any(b.level == top_level for b in blocks[i:j]) or (j < len(blocks) and blocks[j].kind == LEAD)
    return _story_head_below(blocks, j) or _over_dated_lead(blocks, i, j, current) or _headline_over_text(blocks, i, j, current)


def _must_open(group: list[Block], current: Draft | None) -> bool:
    """No open story to put the run in, a bare continuation marker above it (the run is the
    continued story's headline), or a run carrying its own (上接N版) label."""
    return not _takes_text(current) or is_bare_marker(current) or any(b.continued_from for b in group)


def _headline_still_open(current: Draft) -> bool:
    """The current story has a headline or furniture but no running text yet."""
    return bool(current.heading_group or current.furniture) and not current.body_blocks


def _story_head_below(blocks: list[Block], j: int) -> bool:
    """The block under the run opens a story's head: a lead, byline, continuation or furniture
    line, or credit lines (`编辑：甲`) over a lead or a dated lead."""
    after = blocks[j] if j < len(blocks) else None
    if after is not None and after.kind in (LEAD, BYLINE, CONTINUATION, FURNITURE):
        return True
    k = j
    while k < len(blocks) and blocks[k].kind == CREDIT:
        k += 1
    return j < k < len(blocks) and (blocks[k].kind == LEAD or "weak_opening" in blocks[k].notes)


def _over_dated_lead(blocks: list[Block], i: int, j: int, current: Draft) -> bool:
    """A headline over a dated lead (6月12日上午，…) after a short story or on another topic; in a
    feature, or on the same topic, such a run is a 小标题."""
    after = blocks[j] if j < len(blocks) else None
    return after is not None and "weak_opening" in after.notes and not is_feature(current) and (
        current.body_chars < _COHESION_MIN_BODY or topic_changes(blocks, i, current, _WEAK_TOPIC_CHANGE)
    )


def _headline_over_text(blocks: list[Block], i: int, j: int, current: Draft) -> bool:
    """A run over plain text that is a headline by its own form (a `——` subtitle, a photo story's
    caption) or by its words: the topic changes and the run names the text below it. Under a
    feature (a story with a `——` subtitle, whose 小标题 head parts on its own subject) only a
    clear change of subject counts."""
    threshold = _BODY_TOPIC_CHANGE if is_feature(current) else _HEADING_TOPIC_CHANGE
    return _has_subtitle(blocks[i:j]) or _is_photo_news(blocks, j) or (
        topic_changes(blocks, i, current, threshold) and heads_text_below(blocks, i, j, current)
    )


def heads_text_below(blocks: list[Block], i: int, j: int, current: Draft) -> bool:
    """The words of the heading run blocks[i:j] echo the text below it more than the story above:
    a headline names what its story is about; a 小标题 inside a story is about the story too."""
    heading = "".join(b.text for b in blocks[i:j])
    return cohesion.echo(heading, text_after(blocks, j)) > cohesion.echo(heading, text_above(current)) + _HEADLINE_ECHO_MARGIN


_SECTION_HEADING_MAX_CHARS = 10


def split_title_after(blocks: list[Block], i: int, j: int) -> tuple[list[Block], list[Block]]:
    """Split the heading run blocks[i:j] of a title-after page into (headline of the story above,
    section headings of what follows).

    The run is a headline when the next story starts right after it (lead, continuation, page
    end) or a byline precedes it. Before cue-less text, short trailing lines (≤10 chars, the
    paired 小标题 of a feature) are section headings and only what precedes them is a headline.
    """
    group = blocks[i:j]
    after = blocks[j] if j < len(blocks) else None
    before = blocks[i - 1] if i > 0 else None
    if after is None or after.kind in (LEAD, CONTINUATION, CAPTION) or (before is not None and before.kind == BYLINE):
        return group, []
    k = len(group)
    while k > 0 and len(group[k - 1].text.strip()) <= _SECTION_HEADING_MAX_CHARS:
        k -= 1
    if k == len(group):
        k = len(group) - 1  # no short lines: the last line opens the next story
    return group[:k], group[k:]


_AFFINITY_MARGIN = 0.15
_HEADLINE_ECHO_MARGIN = 0.1


def heads_following_text(blocks: list[Block], i: int, j: int, current: Draft | None) -> bool:
    """On a title-after page, whether the heading run blocks[i:j] is nevertheless the headline of
    the text BELOW it: its words echo that text clearly more than the story above (pages mixing
    both layouts, e.g. a story whose end byline is followed by the next story's headline)."""
    before = blocks[i - 1] if i > 0 else None
    after = blocks[j] if j < len(blocks) else None
    if not ((after is not None and after.kind == LEAD) or (before is not None and before.kind == BYLINE)):
        return False  # without a story boundary next to it, a heading run keeps the page's layout
    heading = "".join(b.text for b in blocks[i:j])
    below = []
    for block in blocks[j:]:
        if block.kind == HEADING:
            break
        below.append(block.text)
    above = "".join(b.text for b in current.body_blocks) if _is_article(current) else ""
    return cohesion.echo(heading, "".join(below)) > cohesion.echo(heading, above) + _AFFINITY_MARGIN


class _Grouper:
    """The single pass of `group_blocks`: the drafts so far, the one being filled, and one step
    per kind of block deciding whether the block joins that draft or opens a new one."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.layout = page_layout(blocks)
        self.top_level = _top_level(blocks)
        self.drafts: list[Draft] = []
        self.current: Draft | None = None

    @property
    def title_before(self) -> bool:
        return self.layout == TITLE_BEFORE

    def run(self) -> list[Draft]:
        i = 0
        while i < len(self.blocks):
            if self.blocks[i].kind == HEADING:
                i = self.place_heading_run(i)
            else:
                self.step_for(self.blocks[i])(i)
                i += 1
        return [d for d in self.drafts if d.blocks]

    def step_for(self, block: Block) -> Callable[[int], None]:
        """The step placing a non-heading block; furniture on a title-after page is plain text."""
        if block.kind == FURNITURE and not self.title_before:
            return self.place_text
        steps = {
            CONTINUATION: self.place_continuation,
            LEAD: self.place_lead,
            BYLINE: self.place_byline,
            FURNITURE: self.place_furniture,
            CREDIT: self.place_credit,
            CAPTION: self.place_caption,
        }
        return steps.get(block.kind, self.place_text)

    def open_draft(self, kind: str | None = None) -> Draft:
        self.current = Draft(kind=kind)
        self.drafts.append(self.current)
        return self.current

    def article(self) -> Draft:
        """The current article draft; a new one after a non-article block or at the page start."""
        if not _is_article(self.current):
            self.open_draft()
        return self.current

    def after_marker(self) -> Draft:
        """The current draft if it holds only a bare continuation marker (what follows continues
        it), else a new draft."""
        if self.current is None or not is_bare_marker(self.current):
            self.open_draft()
        return self.current

    def add_headline(self, group: list[Block]) -> None:
        for b in group:
            self.current.add(b)
        self.current.heading_group.extend(group)

    # Heading runs

    def place_heading_run(self, i: int) -> int:
        """Place the run of headings starting at blocks[i]; returns the index just past it."""
        j = _heading_run(self.blocks, i)
        group = self.blocks[i:j]
        if self.layout == TITLE_AFTER and heads_following_text(self.blocks, i, j, self.current):
            self.open_draft().notes.append("headline_above")
            self.add_headline(group)
        elif self.layout == TITLE_AFTER:
            self.place_title_after(i, j)
        elif opens_article_before(self.blocks, i, j, self.current, self.top_level):
            self.after_marker()
            self.add_headline(group)
        else:
            self.place_inner_heading(group)
        return j

    def place_title_after(self, i: int, j: int) -> None:
        """A heading run on a title-after page: the headline closing the story above, then the
        section headings of what follows."""
        title_part, rest = split_title_after(self.blocks, i, j)
        if not (_takes_text(self.current) and not self.current.heading_group):
            title_part, rest = [], title_part + rest  # nothing above to close: a section heading
        if title_part:
            for b in title_part:
                self.current.add(b)
            self.current.heading_group = list(title_part)
            self.current.closed = True
        if rest:
            if not _takes_text(self.current):
                self.open_draft()
            for b in rest:
                self.current.add(b)
            self.current.section_headings.extend(rest)

    def place_inner_heading(self, group: list[Block]) -> None:
        """A heading run inside the current story (title-before page): more lines of its headline
        while the story has no running text yet (a subtitle under its byline, a headline under
        its furniture), else a section heading (小标题)."""
        head_only = not self.current.body_blocks  # decided before the run itself joins the blocks
        for b in group:
            self.current.add(b)
        if head_only:
            if self.current.heading_group:
                self.current.later_headline.extend(group)
            self.current.heading_group.extend(group)
        else:
            self.current.section_headings.extend(group)

    # Other blocks, one step per kind

    def place_continuation(self, i: int) -> None:
        # A bare marker line ((上接1版) alone) is followed by its headline; a marker that
        # prefixes text starts the fragment's body.
        self.after_marker().add(self.blocks[i])

    def place_lead(self, i: int) -> None:
        block = self.blocks[i]
        if not self.lead_in_grace():
            self.open_draft()
        elif self.current.body_chars:
            self.current.notes.append("lead_after_body")
        self.current.add(block)
        self.current.lead = block
        if "closing" in block.notes and self.title_before:
            self.current.closed = True

    def lead_in_grace(self) -> bool:
        """Whether a lead belongs to the current story: it comes soon under the story's headline
        (or furniture) and the story has no lead yet."""
        current = self.current
        return (
            _takes_text(current)
            and bool(current.heading_group or ((current.furniture or current.credits) and not current.body_blocks))  # furniture or credits over its lead
            and current.lead is None and current.body_chars < _LEAD_GRACE_CHARS
            and not any("weak_opening" in b.notes for b in current.body_blocks)  # it has its lead
            and (self.title_before or "headline_above" in current.notes)
        )

    def place_byline(self, i: int) -> None:
        block = self.blocks[i]
        current = self.article()
        current.add(block)
        if current.body_chars == 0 and current.heading_group:
            current.start_byline = block
        else:
            current.end_byline = block
            if self.title_before:
                current.closed = True

    def place_furniture(self, i: int) -> None:
        # Web furniture sits under a headline or opens an article whose headline is missing.
        head_only = _takes_text(self.current) and not self.current.body_blocks
        if not head_only and not furniture_inside(self.blocks, i, self.current):
            self.open_draft()
        self.current.add(self.blocks[i])
        self.current.furniture.append(self.blocks[i])

    def place_credit(self, i: int) -> None:
        current = self.article()
        current.add(self.blocks[i])
        current.credits.append(self.blocks[i])
        head = current.heading_group or current is self.drafts[0]
        if self.title_before and (current.body_blocks or not head):
            current.closed = True  # (a credit right under a headline or at the page's head, `编辑：甲`, opens the story)

    def place_caption(self, i: int) -> None:
        """A caption joins an open story; outside one, consecutive captions form a caption draft."""
        current = self.current
        if not _takes_text(current) and (current is None or current.kind != CAPTION):
            self.open_draft(kind=CAPTION)
        self.current.add(self.blocks[i])
        self.current.captions.append(self.blocks[i])

    def place_text(self, i: int) -> None:
        block = self.blocks[i]
        if not _takes_text(self.current) or self.weak_start(i) or self.cue_less_start(i):
            self.open_draft()
        self.current.add(block)
        if "closing" in block.notes and self.title_before and block.kind in (BODY, LEAD, CONTINUATION):
            self.current.closed = True

    def weak_start(self, i: int) -> bool:
        """A dated lead (6月12日上午，) after enough of a non-feature story, on another topic."""
        current = self.current
        return (
            "weak_opening" in self.blocks[i].notes and self.title_before and _is_article(current)
            and current.body_chars >= _WEAK_OPENING_MIN_BODY and not is_feature(current)
            and topic_changes(self.blocks, i, current, _WEAK_TOPIC_CHANGE, min_body=_WEAK_OPENING_MIN_BODY)
        )

    def cue_less_start(self, i: int) -> bool:
        """A paragraph without any cue after a finished sentence, clearly on another topic."""
        current = self.current
        return (
            self.title_before and _takes_text(current)
            and self.blocks[i].kind == BODY and i > 0 and not _cut_mid_sentence(self.blocks[i - 1]) and not is_feature(current)
            and topic_changes(self.blocks, i, current, _BODY_TOPIC_CHANGE, to_next_opening=True)
        )


def _cut_mid_sentence(block: Block) -> bool:
    """Running text that stops without a sentence end: the paragraph after it may continue it. A
    line of another kind (a heading, a caption, a credit) ends where it ends."""
    return block.kind in (BODY, LEAD, CONTINUATION) and not ends_sentence(block.text)


def group_blocks(blocks: list[Block]) -> tuple[list[Draft], str]:
    """Articles (and non-article blocks, with `kind` set) in page order, plus the page layout."""
    grouper = _Grouper(blocks)
    return grouper.run(), grouper.layout


def dangling_paragraphs(draft: Draft) -> int:
    """Body paragraphs cut mid-sentence whose next paragraph does not continue the word: the
    trace of two columns read across (interleaved), as opposed to a plain column break."""
    body = [b for b in draft.body_blocks if b.kind in (BODY, LEAD, CONTINUATION)]
    count = 0
    for this, after in zip(body, body[1:]):
        if not ends_sentence(this.text) and after.text.strip()[:1] not in _CONTINUING_CHARS:
            count += 1
    return count


# Characters that (almost) never open a Chinese sentence: a paragraph starting with one continues
# the previous paragraph's word or clause across a column break.
_CONTINUING_CHARS = set("的了着过地得们么吗呢吧之与及或等中上下里内外性化者度级量告物品务区镇")


_CLAUSE_HEADING_MIN_CHARS = 20


def _cut_clause(block: Block) -> bool:
    """A long line taken for a heading that is really a clause stopped mid-sentence."""
    return block.kind == HEADING and len(block.text) > _CLAUSE_HEADING_MIN_CHARS and "，" in block.text and not ends_sentence(block.text)


def is_interleaved(draft: Draft) -> bool:
    """Two columns' sentences alternate inside the article: a lead (本报讯) after body text, or
    inside a paragraph, or glued to a clause; a clause cut mid-sentence standing as a heading; or
    several paragraphs that stop mid-sentence without their next paragraph continuing them."""
    body = [b for b in draft.body_blocks if b.kind in (BODY, LEAD, CONTINUATION)]
    return (
        "lead_after_body" in draft.notes
        or _lead_inside_paragraph(body)
        or _clause_glued_to_lead(draft)
        or _cut_clause_as_heading(draft)
        or _mostly_dangling(draft, body)
    )


def _lead_inside_paragraph(body: list[Block]) -> bool:
    """A dateline lead (本报讯) in the middle of a paragraph: another column's text ran into it."""
    return any(b.text.find("本报讯", 1) > 0 for b in body)


def _clause_glued_to_lead(draft: Draft) -> bool:
    """A clause glued to a lead on one line: another column's text ran into it."""
    return any(block.kind == LEAD and before.end == block.start and "，" in before.text for before, block in zip(draft.blocks, draft.blocks[1:]))


def _cut_clause_as_heading(draft: Draft) -> bool:
    """A "headline" line over the body that is a clause cut mid-sentence (a column read across),
    or such a line inside the body whose rest is not next to it."""
    first_body = next((i for i, b in enumerate(draft.blocks) if b.kind in (BODY, LEAD)), len(draft.blocks))
    if any(_cut_clause(b) for b in draft.blocks[:first_body]):
        return True
    inside = draft.blocks[first_body:]
    return any(_cut_clause(block) and (after is None or after.start != block.end) for block, after in zip(inside, [*inside[1:], None]))


def _mostly_dangling(draft: Draft, body: list[Block]) -> bool:
    """At least two, and a quarter of, the paragraph breaks fall mid-sentence (dangling_paragraphs)."""
    dangling = dangling_paragraphs(draft)
    return dangling >= 2 and dangling >= 0.25 * max(len(body) - 1, 1)
