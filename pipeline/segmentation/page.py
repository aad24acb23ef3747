"""Segment one clean page into article rows (dicts with the ARTICLES columns)."""

import datetime as dt
import re
from collections.abc import Sequence

from pipeline.offsets import clean_to_raw_span
from pipeline.segmentation import bylines, cues, dates
from pipeline.segmentation.blocks import (
    BODY,
    CONTINUATION,
    CONTINUED_FROM_RE,
    HEADING,
    LEAD,
    Block,
    classify_blocks,
    merge_broken_sentences,
    page_label,
    split_after_closings,
    split_before_glued_openings,
    split_blocks,
    split_fused_headlines,
)
from pipeline.segmentation.grouping import TITLE_AFTER, Draft, group_blocks, is_interleaved
from pipeline.segmentation.headline import Headline, assign_headline, paragraphs_by_blank_lines

# The opener of a lead: 本报讯, 某某网讯, 某某融媒体中心1月3日讯, 新华社某地电, 某某网消息, the bullet of
# a 简讯 item (●9月3日，…).
_OPENER = rf"(?:本报讯|本报消息|{cues.ITEM_BULLET}|[^()（），。\n]{{0,24}}?(?:讯|电|消息))"
_LEAD_BYLINE_RE = re.compile(
    r"^\s*" + _OPENER + r"?\s*(?P<byline>[(（][^()（）]{0,60}?(?:记者|通讯员|实习生)[^()（）]{0,60}?[)）])"
)
# Failing that, any bracket right after 本报讯 holds its byline (本报讯（甲 乙）, names without a role).
_BRACKETED_LEAD_BYLINE_RE = re.compile(r"(?:本报讯|本报消息)\s*(?P<byline>[(（][^()（）]{1,60}?[)）])")
# A lead's opener without a byline (本报讯 5月6日，…), and an opener that holds its date (某某融媒体中心1月3日讯).
_OPENER_RE = re.compile(r"^\s*" + _OPENER)
_DATED_OPENER_RE = re.compile(r"^\s*[^()（），。\n]{0,24}?(?P<date>(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日)\s*(?:讯|电|消息)")
_LEAD_SEARCH_CHARS = 150  # a lead fused after a stray line still opens the first paragraph
_PHOTO_MAX_BODY = 300
_FEATURE_MIN_BODY = 1500


def _marker_level(markers: Sequence[dict], position: int) -> int | None:
    """Markdown level of the heading at `position`, from the `#` markup clean removed there."""
    levels = [m["text"].count("#") for m in markers if m["kind"] == "markup" and m["page_start"] == position and "#" in m["text"]]
    return max(levels) if levels else None


def heading_spans(markers: Sequence[dict]) -> list[tuple[int, int, int | None]]:
    """(start, end, level) of every heading clean kept in the text."""
    return [
        (m["page_start"], m["page_end"], _marker_level(markers, m["page_start"]))
        for m in markers
        if m["kind"] == "heading" and m["page_end"] > m["page_start"]
    ]


def _apply_continuation_markers(blocks: list[Block], markers: Sequence[dict]) -> None:
    """Put the (上接N版)/(下转N版) labels clean moved out of the text back on their blocks."""
    for marker in markers:
        if marker["kind"] != "continuation":
            continue
        label = re.search(r"([0-9一二三四五六七八九十]+)\s*版", marker["text"])
        page = page_label(label.group(1)) if label else marker["text"]
        position = marker["page_start"]
        if "上接" in marker["text"]:
            block = next((b for b in blocks if b.end > position), None)
            if block is not None and block.continued_from is None:
                block.continued_from = page
        elif "下转" in marker["text"]:
            block = next((b for b in reversed(blocks) if b.start < position), None)
            if block is not None:
                block.continues_to = page


def spaced(text: str, offsets: Sequence[int] | None, start: int, end: int) -> str:
    """page[start:end] with a space wherever clean deleted raw characters: the name boundaries
    of a byline whose spaces were removed (`记者甘明实习生顾清和`, `戴某张某/文`). A space that
    a line wrap put inside a role word (`终 审`) is taken out again."""
    if offsets is None:
        return text[start:end]
    out = []
    for i in range(start, end):
        if i > start and offsets[i] - offsets[i - 1] > 1:
            out.append(" ")
        out.append(text[i])
    return cues.join_broken_roles("".join(out))


def find_page_date(text: str, markers: Sequence[dict], first_article_start: int) -> dt.date | None:
    """A date printed in the masthead: in site chrome clean removed, or before the first article."""
    chrome = " ".join(m["text"] for m in markers if m["kind"] == "chrome")
    return dates.find_page_date(chrome) or dates.find_page_date(text[:first_article_start])


def _body_of(draft: Draft) -> list[Block]:
    """The blocks of an article's body: its running text and section headings, without a bare
    continuation marker line."""
    body = [b for b in draft.body_blocks if b.kind != HEADING or b in draft.section_headings]
    return [b for b in body if not (b.kind == CONTINUATION and not CONTINUED_FROM_RE.sub("", b.text).strip())]


def _headline(draft: Draft, offsets: Sequence[int] | None, wrapped_marks: bool = False) -> Headline:
    """Kicker, title and subtitle of a draft: read from its first headline run; headline lines
    under a furniture line or byline after that run are its subtitle (when the run has none)."""
    later = {id(b) for b in draft.later_headline}
    lines = [b for b in draft.heading_group if b.kind == HEADING]
    first = [b for b in lines if id(b) not in later]
    headline = assign_headline(first or lines, offsets, wrapped_marks)
    below = [b.text.strip() for b in lines if id(b) in later]
    if first and below and headline.subtitle is None:
        return Headline(headline.kicker, headline.title, " ".join(below))
    return headline


_LEAD_SEARCH_BLOCKS = 3


def _lead_block(draft: Draft, body: list[Block]) -> Block | None:
    """The draft's lead; failing it, one of its first paragraphs that opens with an opener and a
    byline (`某某新闻网1月24日讯（记者 甲）…` under photo captions or a glued furniture line, which
    the grouping took for running text); failing that, its first paragraph."""
    if draft.lead is not None:
        return draft.lead
    texts = [b for b in body if b.kind in (LEAD, BODY, CONTINUATION)][:_LEAD_SEARCH_BLOCKS]
    return next((b for b in texts if _LEAD_BYLINE_RE.search(b.text[:_LEAD_SEARCH_CHARS])), texts[0] if texts else None)


def _continuation_pages(draft: Draft) -> tuple[str | None, str | None]:
    """(page continued from, page continued on): the first (上接N版) and the last (下转N版) label."""
    continued_from = next((b.continued_from for b in draft.blocks if b.continued_from), None)
    continues_to = next((b.continues_to for b in reversed(draft.blocks) if b.continues_to), None)
    return continued_from, continues_to


def _lead_byline(lead_block: Block | None) -> tuple[tuple[int, int] | None, str | None]:
    """The page span of the byline at the head of a lead (`本报讯（记者 甲）`) and the dateline
    text after it, each None when absent."""
    if lead_block is None:
        return None, None
    head = lead_block.text[:_LEAD_SEARCH_CHARS]
    match = _LEAD_BYLINE_RE.search(head) or _BRACKETED_LEAD_BYLINE_RE.search(head)
    if match:
        span, after = (lead_block.start + match.start("byline"), lead_block.start + match.end("byline")), match.end()
    else:  # no byline: the dateline may still follow the opener (本报讯 5月6日，…)
        opener = _OPENER_RE.match(head)
        span, after = None, (opener.end() if opener else None)
    dateline = dates.parse_dateline(lead_block.text[after:]) if after is not None else None
    if dateline is None and (dated := _DATED_OPENER_RE.match(head)):
        return span, dated["date"]  # 某某融媒体中心1月3日讯（记者 甲）
    return span, dateline[0] if dateline else None


def _closing_spans(draft: Draft, body: list[Block], body_end: int) -> tuple[list[tuple[int, int]], int]:
    """Page spans of the closing credits (a byline or credit tail ending the last paragraph,
    the credit lines) and where the body ends once that tail is cut off."""
    spans: list[tuple[int, int]] = []
    if body and draft.end_byline is None:
        trailing = bylines.trailing_byline(body[-1].text) or cues.closing_tail(body[-1].text)
        if trailing:
            spans.append((body[-1].start + trailing[0], body[-1].start + trailing[1]))
            body_end = body[-1].start + trailing[0]
    spans += [(b.start, b.end) for b in draft.credits]
    return spans, body_end


class _ArticleBuilder:
    """Turns one Draft into an ARTICLES row."""

    def __init__(self, text: str, offsets: Sequence[int] | None, layout: str, page_date: dt.date | None):
        self.text, self.offsets, self.layout, self.page_date = text, offsets, layout, page_date
        self.wrapped_marks = paragraphs_by_blank_lines(text, offsets)  # a `#` line's bare line break is a wrap

    def authors_from(self, start: int, end: int) -> list[dict]:
        return [{"name": a.name, "role": a.role} for a in bylines.parse_authors(spaced(self.text, self.offsets, start, end))]

    def build(self, draft: Draft, doc_id: str, seq: int, caption_credits: list[str]) -> dict:
        start, end = draft.blocks[0].start, draft.blocks[-1].end
        headline = _headline(draft, self.offsets, self.wrapped_marks)
        body = _body_of(draft)
        body_start = body[0].start if body else end
        lead_block = _lead_block(draft, body)
        lead_span, date_text = _lead_byline(lead_block)
        byline_spans = [lead_span] if lead_span else []
        byline_spans += [(b.start, b.end) for b in (draft.start_byline, draft.end_byline) if b is not None]
        closing_spans, body_end = _closing_spans(draft, body, body[-1].end if body else end)
        authors = self.authors(draft, byline_spans, closing_spans, caption_credits)
        byline_spans += closing_spans
        flags, confidence = self.quality(draft, headline.title, byline_spans)
        continued_from, continues_to = _continuation_pages(draft)
        raw_start, raw_end = clean_to_raw_span(self.offsets, start, end) if self.offsets is not None else (start, end)
        return {
            "article_id": f"{doc_id}:{seq}",
            "doc_id": doc_id,
            "seq": seq,
            "kind": self.kind(draft, body_end - body_start, authors),
            "kicker": headline.kicker,
            "title": headline.title,
            "subtitle": headline.subtitle,
            "byline": " ".join(self.text[s:e].strip() for s, e in byline_spans) or None,
            "authors": authors,
            "date": dates.resolve_date(date_text, self.page_date) if date_text else None,
            "date_text": date_text,
            "source": self.source(draft, lead_block),
            "text": self.text[start:end],
            "body": self.text[body_start:body_end],
            "page_start": start,
            "page_end": end,
            "body_page_start": body_start,
            "body_page_end": body_end,
            "raw_start": raw_start,
            "raw_end": raw_end,
            "continued_from": continued_from,
            "continues_to": continues_to,
            "flags": flags,
            "confidence": confidence,
        }

    def authors(self, draft: Draft, byline_spans: list, closing_spans: list, caption_credits: list[str]) -> list[dict]:
        """Authors ({name, role}) from the bylines, closing credits, furniture and photo captions,
        in that order, each once."""
        authors: list[dict] = []
        for s, e in byline_spans:
            authors += self.authors_from(s, e)
        for s, e in closing_spans:
            authors += [{"name": n, "role": r} for n, r in cues.closing_authors(spaced(self.text, self.offsets, s, e))]
        for block in draft.furniture:
            authors += [{"name": n, "role": r} for n, r in cues.furniture_authors(block.text)]
        for caption in [spaced(self.text, self.offsets, b.start, b.end) for b in draft.captions] + caption_credits:
            authors += [{"name": a.name, "role": a.role} for a in bylines.caption_credit(caption)]
        return [a for k, a in enumerate(authors) if a not in authors[:k]]

    def source(self, draft: Draft, lead_block: Block | None) -> str | None:
        """The outlet named in the article's web furniture (来源：…) or at the head of its lead."""
        for text in [b.text for b in draft.furniture] + ([lead_block.text[:_LEAD_SEARCH_CHARS]] if lead_block is not None else []):
            if found := cues.outlet(text):
                return found
        return None

    def kind(self, draft: Draft, body_chars: int, authors: list[dict]) -> str:
        if draft.kind is not None:
            return draft.kind
        has_lead = draft.lead is not None or any(b.kind == LEAD for b in draft.blocks)
        photo_credit = any(a["role"] == "摄" for a in authors)
        if not has_lead and photo_credit and body_chars <= _PHOTO_MAX_BODY:
            return "photo"
        if not has_lead and (draft.section_headings or body_chars >= _FEATURE_MIN_BODY):
            return "feature"
        return "news"

    def quality(self, draft: Draft, title: str | None, byline_spans: list) -> tuple[list[str], float]:
        """Quality flags and a confidence in [0, 1] for the article's boundaries and headline."""
        flags: list[str] = []
        if draft.kind is not None:
            return ["non_article"], 0.5
        cue = draft.lead is not None or any(b.kind in (LEAD, CONTINUATION) or b.continued_from for b in draft.blocks)
        confidence = 0.9 if title and (cue or byline_spans) else 0.75 if title else 0.6 if cue else 0.3
        if not title:
            flags.append("no_title")
        if self.layout == TITLE_AFTER:
            flags.append("title_after_body")
        if is_interleaved(draft):
            flags.append("interleaved_columns")
            confidence -= 0.2
        if confidence < 0.5:
            flags.append("low_confidence")
        return flags, round(confidence, 2)


def segment_text(
    doc_id: str,
    text: str,
    offsets: Sequence[int] | None = None,
    markers: Sequence[dict] = (),
    page_date: dt.date | None = None,
) -> list[dict]:
    """Article rows of one clean page, in page order. Every non-blank character of the page lies
    in exactly one row's [start, end); a page without structure gives one low-confidence row."""
    # Python ints: the rules index and subtract offsets per character, which numpy scalars (the
    # pages table hands an int32 array) make several times slower.
    offsets = list(map(int, offsets)) if offsets is not None else None
    markers = list(markers)
    if not text.strip():
        return []
    blocks = split_blocks(text, heading_spans(markers))
    blocks = split_after_closings(blocks, text, offsets)
    blocks = split_before_glued_openings(blocks, text, offsets)
    blocks = split_fused_headlines(blocks, text, offsets)
    blocks = merge_broken_sentences(blocks, text, offsets)
    _apply_continuation_markers(blocks, markers)
    classify_blocks(blocks)
    drafts, layout = group_blocks(blocks)
    page_date = page_date or find_page_date(text, markers, drafts[0].blocks[0].start if drafts else 0)
    builder = _ArticleBuilder(text, offsets, layout, page_date)
    credits = _caption_credits(markers, drafts)
    return [builder.build(draft, doc_id, seq, credits.get(seq, [])) for seq, draft in enumerate(drafts)]


def _caption_credits(markers: Sequence[dict], drafts: list[Draft]) -> dict[int, list[str]]:
    """Captions clean removed, by the index of the article they sat in (or right after: a photo
    closes the story it illustrates)."""
    result: dict[int, list[str]] = {}
    for marker in markers:
        if marker["kind"] != "caption":
            continue
        position = marker["page_start"]
        index = None
        for k, draft in enumerate(drafts):
            if draft.blocks[0].start < position:
                index = k
        if index is not None:
            result.setdefault(index, []).append(marker["text"])
    return result
