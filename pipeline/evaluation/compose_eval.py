"""Segmentation on pages composed from real local-news articles (issue 16).

Real inputs (web scrapes and PDF conversions of district papers) put several articles one after
the other, often without a reliable headline line. This evaluation builds such pages at run time
from the articles of a realnews corpus file (`../shared/corpus/realnews/{train,dev}.jsonl`) and
scores the segmenter on them. Nothing of the corpus text is written into the repository; the
per-page detail goes to build/compose_<corpus>.json.

Pages (deterministic, seeded): the articles are shuffled and cut into pages of 3–5 articles,
`ROUNDS` times over, so every article appears on several pages next to different neighbours. An
article whose first line is its headline (`title` in the record) keeps it on about half of the
pages and loses it (the line and the blank lines after it) on the others. Articles are joined by
one or two newlines. Every page is scored twice: as composed (`clean`) and with each article made
dirty in the noiser's `pdf` style (`noised`: a `# ` heading mark on the page's first line, half-width
punctuation, a wrap every 17–26 characters). `mixed` is the half-and-half set the issue asks for:
even pages clean, odd pages noised.

Scores, pooled over pages (the page is cleaned with the default clean config, then segmented):
- boundary P/R/F1: a predicted article (kinds caption/notice excluded) matches a gold article when
  their extents [start, end) in the clean page overlap with IoU ≥ 0.5, one to one (as
  segment_eval); gold extents are the articles' own spans mapped through the offset map;
- exact count: share of pages whose number of predicted articles equals the number composed;
- title match: over matched articles that kept their headline, predicted title == record title
  (NFKC, whitespace removed);
- author F1: (name, role) of the record's credit-line posts (记者, 编辑, 审核, …, see CREDIT_ROLES)
  against the predicted authors in those roles, true positives inside matched pairs only.

    python -m pipeline.evaluation.compose_eval [--corpus ../shared/corpus/realnews/dev.jsonl] [--seeds 5] [--errors]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from pipeline.evaluation.noiser import add_noise
from pipeline.evaluation.segment_eval import match_articles
from pipeline.offsets import raw_to_clean_span
from pipeline.segmentation.page import segment_text
from pipeline.stages.clean import CleanConfig, clean_text

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build"
DEFAULT_DIR = REPO.parent / "shared" / "corpus" / "realnews"
ROUNDS = 3
PAGE_SIZES = (3, 5)
NOISE_STYLE = "pdf"
NON_ARTICLE_KINDS = ("caption", "notice")
# Credit-line roles of the corpus conventions, as the segmenter writes them (本报记者 → 记者).
CREDIT_ROLES = {
    "记者": "记者", "本报记者": "记者", "全媒体记者": "记者", "融媒体记者": "记者", "见习记者": "见习记者",
    "特约记者": "特约记者", "首席记者": "首席记者", "实习生": "实习生", "通讯员": "通讯员", "作者": "作者",
    "编辑": "编辑", "责任编辑": "责任编辑", "责编": "责任编辑", "审核": "审核", "初审": "初审", "复审": "复审",
    "终审": "终审", "监制": "监制", "总监制": "总监制", "值班总编": "值班总编", "摄影": "摄", "摄": "摄",
    "撰稿": "撰稿", "制作": "制作",
}

# Predicted authors are scored in these roles only: the corpus annotates no other credit (供稿,
# 初稿, 文 …), so a correct author in another role could only count as a false alarm.
SCORED_ROLES = frozenset(CREDIT_ROLES.values())


@dataclass(frozen=True)
class Piece:
    """One article on a composed page: its record id, text as placed, and whether it kept its headline."""

    article_id: str
    text: str
    title: str | None  # the headline, when the piece keeps it


@dataclass(frozen=True)
class ComposedPage:
    number: int
    pieces: tuple[Piece, ...]
    separators: tuple[str, ...]  # between piece k and k+1


def norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text or ""))


def _without_headline(text: str) -> str:
    """The article text without its first line and the blank lines after it."""
    _, _, rest = text.partition("\n")
    return rest.lstrip("\n \t\u3000")


def _piece(article: dict, keep_title: bool) -> Piece:
    text = article["text"].strip("\n")
    if article.get("title") and not keep_title:
        return Piece(article["id"], _without_headline(text).rstrip(), None)
    return Piece(article["id"], text.rstrip(), article.get("title") or None)


def compose_pages(articles: list[dict], seed: int = 0, rounds: int = ROUNDS) -> list[ComposedPage]:
    """Pages of 3–5 articles each, every article once per round (a short tail joins the last page)."""
    rng = random.Random(f"compose:{seed}")
    pages: list[ComposedPage] = []
    for _ in range(rounds):
        order = list(articles)
        rng.shuffle(order)
        groups: list[list[dict]] = []
        while order:
            size = rng.randint(*PAGE_SIZES)
            groups.append(order[:size])
            order = order[size:]
        if len(groups) > 1 and len(groups[-1]) < PAGE_SIZES[0]:
            tail = groups.pop()
            groups[-1] += tail
        for group in groups:
            pieces = tuple(_piece(a, rng.random() < 0.5) for a in group)
            separators = tuple(rng.choice(("\n", "\n\n")) for _ in pieces[1:])
            pages.append(ComposedPage(len(pages), pieces, separators))
    return pages


def render(page: ComposedPage, noised: bool, seed: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """The raw page text and each piece's raw extent. Noised pages noise each article on its own
    (so the gold extents stay exact) and keep the `# ` mark only on the page's first line: the mark
    the noiser gives a text, which must not tell the segmenter where the other articles start."""
    parts, spans, position = [], [], 0
    for k, piece in enumerate(page.pieces):
        text = piece.text
        if noised:
            text = add_noise(text, NOISE_STYLE, seed * 1_000_003 + page.number * 101 + k).rstrip("\n")
            if k:
                text = text.removeprefix("# ")  # one heading mark per page, as on the noiser's pages
        if k:
            separator = "\n\n" if noised else page.separators[k - 1]
            parts.append(separator)
            position += len(separator)
        spans.append((position, position + len(text)))
        parts.append(text)
        position += len(text)
    return "".join(parts) + "\n", spans


def gold_authors(article: dict) -> Counter:
    return Counter(
        (norm(name), CREDIT_ROLES[post]) for name, post in {tuple(p) for p in article.get("official_posts", [])} if post in CREDIT_ROLES
    )


def evaluate_page(page: ComposedPage, records: dict[str, dict], noised: bool, config: CleanConfig | None = None) -> dict:
    """Counts for one page (and the detail used in the error listing)."""
    raw, raw_spans = render(page, noised)
    cleaned = clean_text(raw, config or CleanConfig())
    rows = [
        r for r in segment_text(f"page{page.number}", cleaned.text, cleaned.offsets, cleaned.markers)
        if r["kind"] not in NON_ARTICLE_KINDS
    ]
    gold_spans = [raw_to_clean_span(cleaned.offsets, s, e) or (0, 0) for s, e in raw_spans]
    pred_spans = [(r["page_start"], r["page_end"]) for r in rows]
    matches = match_articles(pred_spans, gold_spans)
    titled = [(i, j) for i, j in matches if page.pieces[j].title]
    title_hits = sum(norm(rows[i]["title"]) == norm(page.pieces[j].title) for i, j in titled)
    gold_auth = [gold_authors(records[p.article_id]) for p in page.pieces]
    pred_auth = [Counter((norm(a["name"]), a["role"]) for a in r["authors"] if a["role"] in SCORED_ROLES) for r in rows]
    author_tp = sum(sum((pred_auth[i] & gold_auth[j]).values()) for i, j in matches)
    return {
        "pred": len(rows),
        "gold": len(page.pieces),
        "matched": len(matches),
        "exact_count": int(len(rows) == len(page.pieces)),
        "titled": len(titled),
        "title_hits": title_hits,
        "author_tp": author_tp,
        "author_pred": sum(sum(c.values()) for c in pred_auth),
        "author_gold": sum(sum(c.values()) for c in gold_auth),
        "detail": {
            "page": page.number,
            "noised": noised,
            "articles": [p.article_id + ("" if p.title or not records[p.article_id].get("title") else " (headline cut)") for p in page.pieces],
            "gold_starts": [s for s, _ in gold_spans],
            "pred_starts": [s for s, _ in pred_spans],
            "pred_titles": [r["title"] for r in rows],
            "missed_authors": [sorted(gold_auth[j] - (pred_auth[i] if (i := dict((b, a) for a, b in matches).get(j)) is not None else Counter())) for j in range(len(page.pieces))],
        },
    }


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def scores(items: list[dict]) -> dict:
    total: Counter = Counter()
    for item in items:
        total.update({k: v for k, v in item.items() if isinstance(v, int)})
    p, r = _ratio(total["matched"], total["pred"]), _ratio(total["matched"], total["gold"])
    ap, ar = _ratio(total["author_tp"], total["author_pred"]), _ratio(total["author_tp"], total["author_gold"])
    return {
        "pages": len(items),
        "pred": total["pred"],
        "gold": total["gold"],
        "matched": total["matched"],
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(_ratio(2 * p * r, p + r), 4),
        "exact_count": round(_ratio(total["exact_count"], len(items)), 4),
        "title_match": round(_ratio(total["title_hits"], total["titled"]), 4),
        "titled": total["titled"],
        "author_f1": round(_ratio(2 * ap * ar, ap + ar), 4),
        "author_gold": total["author_gold"],
    }


def evaluate_composed(corpus: Path, seed: int = 0) -> dict:
    """Scores of the clean, noised and mixed versions of the composed pages of one corpus file."""
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {r["id"]: r for r in records}
    pages = compose_pages(records, seed)
    clean = [evaluate_page(p, by_id, noised=False) for p in pages]
    noised = [evaluate_page(p, by_id, noised=True) for p in pages]
    mixed = [(noised if p.number % 2 else clean)[p.number] for p in pages]
    result = {"corpus": corpus.name, "seed": seed, "clean": scores(clean), "noised": scores(noised), "mixed": scores(mixed)}
    result["noise_drop"] = {k: round(result["noised"][k] - result["clean"][k], 4) for k in ("f1", "exact_count", "title_match", "author_f1")}
    result["errors"] = [c["detail"] for c in clean + noised if c["exact_count"] == 0 or c["matched"] < c["gold"]]
    return result


MEAN_KEYS = ("precision", "recall", "f1", "exact_count", "title_match", "author_f1")
SUM_KEYS = ("pages", "pred", "gold", "matched", "titled", "author_gold")


def mean_over_seeds(results: list[dict]) -> dict:
    """One result of the same shape from the results of several composer seeds on one corpus: each
    score the mean of the seeds' scores (4 decimals), each count their sum; `seed` lists them."""
    merged: dict = {"corpus": results[0]["corpus"], "seed": [r["seed"] for r in results]}
    for version in ("clean", "noised", "mixed"):
        scores_ = {k: round(sum(r[version][k] for r in results) / len(results), 4) for k in MEAN_KEYS}
        merged[version] = scores_ | {k: sum(r[version][k] for r in results) for k in SUM_KEYS}
    merged["noise_drop"] = {k: round(merged["noised"][k] - merged["clean"][k], 4) for k in ("f1", "exact_count", "title_match", "author_f1")}
    merged["errors"] = [e for r in results for e in r["errors"]]
    return merged


def format_table(results: list[dict]) -> str:
    header = f"{'pages':<22}{'n':>4}{'pred':>6}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}{'count=':>8}{'title':>7}{'authF1':>8}"
    lines = [header, "-" * len(header)]
    for result in results:
        for version in ("clean", "noised", "mixed"):
            s = result[version]
            lines.append(
                f"{result['corpus'] + ' ' + version:<22}{s['pages']:>4}{s['pred']:>6}{s['gold']:>6}{s['precision']:>7.2f}"
                f"{s['recall']:>7.2f}{s['f1']:>7.2f}{s['exact_count']:>8.2f}{s['title_match']:>7.2f}{s['author_f1']:>8.2f}"
            )
    lines.append("match: article extent IoU >= 0.5, one-to-one; count=: share of pages with the exact article count;")
    lines.append(f"noised: each article in the noiser's {NOISE_STYLE!r} style; mixed: even pages clean, odd pages noised")
    return "\n".join(lines)


def section(directory: Path, console: Console) -> dict:
    """The composed-pages part of `make eval`: dev.jsonl and train.jsonl scored separately."""
    results = []
    for name in ("dev.jsonl", "train.jsonl"):
        corpus = directory / name
        if not corpus.is_file():
            console.print(f"composed pages: {corpus} does not exist, skipped", highlight=False, markup=False)
            continue
        results.append(evaluate_composed(corpus))
    if not results:
        return {"skipped": f"no corpus in {directory}"}
    console.print(format_table(results), highlight=False, markup=False)
    BUILD.mkdir(exist_ok=True)
    for result in results:
        (BUILD / f"compose_{Path(result['corpus']).stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return {r["corpus"]: {k: v for k, v in r.items() if k != "errors"} for r in results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score segmentation on pages composed from real-news articles.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR / "dev.jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=1, help="score composer seeds SEED..SEED+SEEDS-1 and print their mean (the issue's measure: --seeds 5)")
    parser.add_argument("--errors", action="store_true", help="print the pages with a wrong article count")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"{args.corpus} does not exist", file=sys.stderr)
        return 2
    result = mean_over_seeds([evaluate_composed(args.corpus, seed) for seed in range(args.seed, args.seed + max(args.seeds, 1))])
    print(format_table([result]))
    if args.seeds > 1:
        print(f"mean over composer seeds {args.seed}–{args.seed + args.seeds - 1} (pages, pred, gold: their sum)")
    if args.errors:
        for detail in result["errors"]:
            print(json.dumps(detail, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
