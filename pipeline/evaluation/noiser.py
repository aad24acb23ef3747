"""Make clean text dirty the way the seed pages are dirty, reproducibly (seeded RNG).

Each style imitates one kind of source: `markdown` a PDF-to-markdown converter (# headings,
spaces where lines wrapped, half-width punctuation, captions with credits), `hard_wrap`
pdftotext (a newline every ~18 characters, blank lines mid-sentence, (上接1版)), and `web` a
digital-paper page (site chrome around the text, a picture label dropped mid-sentence). `pdf`
(used on the real-news corpus, see realnews_eval) is a PDF text layer: a `# ` heading mark,
half-width punctuation and a wrap every 17–26 characters, kept as a newline or as a space. Every
piece of added noise is something the cleaner is meant to remove, so cleaning the noisy text
should give back the original.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_HALF = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")", "“": '"', "”": '"'}
_SENTENCE_PUNCT = re.compile(r"[，。；！？、]")
_ALNUM = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_FINAL = set("。！？…；”’）》")

# Invented noise material (no real newspaper text).
CAPTIONS = [
    "志愿者在社区开展义诊活动。（云溪区卫健委供图）",
    "游客在老街体验非遗手工艺。记者 **冯子墨** 摄",
    "施工人员正在加紧建设。（桐林街道供图）",
]
PICTURE_LABELS = ["社区议事会现场", "青年志愿者服务队", "产业园区一角", "村民代表座谈会"]
CHROME_HEADER = ["云溪时报数字报纸", "国内统一刊号:CN51-0099", "按日期搜索", "版面翻页", "03"]
CHROME_FOOTER = ["录入:何晓岚", "放大 缩小 默认", "主办单位:云溪时报社 地 址:云溪区滨河路8号 邮 编:600001", "备案号:"]


def _is_headline(line: str) -> bool:
    return len(line) <= 40 and not _SENTENCE_PUNCT.search(line)


def _wrap_points(line: str, rng: random.Random, low: int, high: int) -> list[int]:
    """Positions where a printed line would wrap: every low..high chars, never inside a Latin word."""
    points, position = [], 0
    while True:
        position = _breakable(line, position + rng.randint(low, high))
        if position >= len(line) - 1:
            return points
        points.append(position)


def _breakable(line: str, position: int) -> int:
    """The first position at or after `position` that is not inside a Latin word or next to a space."""
    while position < len(line) and (
        _ALNUM.match(line[position - 1]) and _ALNUM.match(line[position]) or " " in line[position - 1 : position + 1]
    ):
        position += 1
    return position


def _insert(line: str, points: list[int], text: str) -> str:
    pieces, last = [], 0
    for point in points:
        pieces += [line[last:point], text]
        last = point
    return "".join(pieces + [line[last:]])


def _half_width(line: str, rng: random.Random, share: float) -> str:
    """Swap full-width punctuation for half-width, as PDF converters do (quotes in pairs)."""
    if rng.random() >= share:
        return line
    return "".join(_HALF.get(c, c) for c in line)


def _mid_sentence_split(line: str, rng: random.Random) -> int | None:
    """A point inside a sentence far enough into the paragraph that the first part reads as body text."""
    candidates = [
        i
        for i in range(45, len(line) - 12)
        if _SENTENCE_PUNCT.search(line[:i])
        and line[i - 1] not in _FINAL
        and line[i] not in _FINAL
        and not (_ALNUM.match(line[i - 1]) and _ALNUM.match(line[i]))
        and " " not in line[i - 1 : i + 1]
        and _SENTENCE_PUNCT.search(line[i:])
    ]
    return rng.choice(candidates) if candidates else None


def noise_markdown(text: str, rng: random.Random) -> str:
    """PDF-to-markdown noise: # headings, wrap spaces, half-width punctuation, captions with credits."""
    out = []
    for line in text.split("\n"):
        if _is_headline(line):
            out.append(rng.choice(["# ", "### ", "## "]) + _insert(line, _wrap_points(line, rng, 12, 30), " "))
            continue
        line = _half_width(line, rng, 0.8)
        split = _mid_sentence_split(line, rng) if rng.random() < 0.3 else None
        if split is not None:
            # A column break: the caption of a picture sits between the two halves of the paragraph.
            head, tail = line[:split], line[split:]
            out += [
                _insert(head, _wrap_points(head, rng, 18, 28), " "),
                "\n\n" + rng.choice(CAPTIONS),
                _insert(tail, _wrap_points(tail, rng, 18, 28), " "),
            ]
        else:
            out.append(_insert(line, _wrap_points(line, rng, 18, 28), " "))
    return "\n\n".join(out) + "\n"


def noise_hard_wrap(text: str, rng: random.Random) -> str:
    """pdftotext noise: a newline every ~18 chars, blank lines inside sentences, (上接1版) at the start."""
    width = rng.randint(15, 24)
    paragraphs = []
    for n, line in enumerate(text.split("\n")):
        if n == 1 and not _is_headline(line):
            line = "（上接1版）" + line
        points = [_breakable(line, p) for p in range(width, len(line), width)]
        points = sorted({p for p in points if p < len(line)})
        if _is_headline(line) and len(line) <= width + 8:
            points = []
        pieces = _insert(line, points, "\x00").split("\x00")
        joined = pieces[0]
        for piece in pieces[1:]:
            joined += ("\n\n" if rng.random() < 0.08 else "\n") + piece
        paragraphs.append(joined)
    return "".join(p + ("\n\n" if rng.random() < 0.5 else "\n") for p in paragraphs)


def noise_web(text: str, rng: random.Random) -> str:
    """Digital-paper page noise: site chrome, half-width punctuation, a picture label mid-sentence."""
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if not _is_headline(line) and _mid_sentence_split(line, rng)]
    target = rng.choice(body) if body else None
    out = list(CHROME_HEADER)
    for i, line in enumerate(lines):
        if _is_headline(line):
            line = _insert(line, [p for p in _wrap_points(line, rng, 4, 10) if rng.random() < 0.5], " ")
        else:
            line = _half_width(line, rng, 0.9)
        if i == target:
            split = _mid_sentence_split(line, rng)
            if split is not None:
                line = line[:split] + "\n\n\n\n" + rng.choice(PICTURE_LABELS) + "\n\n" + line[split:]
        out.append(line)
    out += CHROME_FOOTER
    return "\n\n".join(out) + "\n"


# How a PDF text layer renders the end of a printed line: mostly a hard newline, sometimes with
# a trailing space, sometimes a space on a line the converter joined ("统 战工作").
_PDF_WRAPS = ("\n", "\n", " \n", " ")
# Characters of a figure or code: typesetting keeps "183.5", "14:00" and "Wi-Fi" on one line.
_FIGURE = re.compile(r"[A-Za-z0-9.%:/\-]")


def _pdf_wrap_points(line: str, rng: random.Random) -> list[int]:
    """Wrap points every 17–26 chars, moved forward past figures and codes (never "183\n.5")."""
    points = []
    for point in _wrap_points(line, rng, 17, 26):
        while point < len(line) and _FIGURE.match(line[point - 1]) and _FIGURE.match(line[point]):
            point += 1
        if point < len(line) - 1 and (not points or point > points[-1]):
            points.append(point)
    return points


def noise_pdf(text: str, rng: random.Random) -> str:
    """PDF text-layer noise: `# ` on the first line, half-width punctuation, a wrap every 17–26 chars.

    Paragraphs (the lines of `text`) are separated by a blank line, as PDF converters print them;
    each wrap is a newline or a space (see _PDF_WRAPS); Latin words and numbers are never split.
    """
    out = []
    for n, line in enumerate(text.split("\n")):
        line = _half_width(line, rng, 1.0)
        pieces, last = [], 0
        for point in _pdf_wrap_points(line, rng):
            pieces += [line[last:point], rng.choice(_PDF_WRAPS)]
            last = point
        line = "".join(pieces + [line[last:]])
        out.append("# " + line if n == 0 else line)
    return "\n\n".join(out) + "\n"


# The styles of the seed pages; clean_eval measures exactly these (the README quotes its table).
STYLES: dict[str, Callable[[str, random.Random], str]] = {
    "markdown": noise_markdown,
    "hard_wrap": noise_hard_wrap,
    "web": noise_web,
}
# Every style add_noise knows: the seed styles plus the real-news evaluation's PDF layer.
ALL_STYLES: dict[str, Callable[[str, random.Random], str]] = STYLES | {"pdf": noise_pdf}


def add_noise(text: str, style: str, seed: int) -> str:
    """The clean `text` made dirty in `style`; the same seed always gives the same result."""
    return ALL_STYLES[style](text, random.Random(f"{style}:{seed}"))
