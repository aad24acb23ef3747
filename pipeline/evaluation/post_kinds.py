"""official_posts errors of the real-news evaluation, counted by kind (issue #14).

Each missed gold pair (false negative) and each spurious predicted pair (false positive) is put
in the first kind that explains it:
  missing person     the name is not among the predicted persons (NER recall; FN only)
  not a person       the predicted name is not a gold person, e.g. a cut name (FP only)
  cut prefix         the same person has a post that ends the other one, shorter than gold
  over-long post     … longer than gold
  credit line        the gold post is a credit or byline role (编辑, 审核, 记者…)
  title after name   the gold post is written right after the name
  list               the gold post is shared by several names of the article
  other              anything else (a post not stated, the wrong person of a chain…)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from pipeline.relations.officials import lexicon

KINDS = ("missing person", "not a person", "cut prefix", "over-long post", "credit line", "title after name", "list", "other")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _prefix_kind(post: str, others: set[str], gold_side: bool) -> str | None:
    """cut prefix / over-long post when one of `others` ends `post` or is ended by it."""
    for other in others:
        if other != post and (other.endswith(post) or post.endswith(other)):
            shorter_is_pred = len(other) < len(post) if gold_side else len(post) < len(other)
            return "cut prefix" if shorter_is_pred else "over-long post"
    return None


def post_error_kinds(articles: list[dict], predictions: dict[str, dict]) -> dict[str, dict[str, int]]:
    """{'missed': {kind: n}, 'spurious': {kind: n}} over all articles; predictions as in
    realnews_eval.read_output (sets of normalised persons and (person, post) pairs)."""
    lex = lexicon()
    credit = lex.credit | lex.colon_only | {"记者", "本报记者", "通讯员", "实习生", "特约记者", "见习记者", "摄", "全媒记者", "全媒体记者"}
    missed, spurious = Counter(), Counter()
    for article in articles:
        text = _norm(article.get("text", ""))
        gold = {(_norm(n), _norm(p)) for n, p in article.get("official_posts", [])}
        gold_persons = {_norm(n) for n in article.get("persons", [])}
        pred = predictions[article["id"]]
        pred_posts, pred_persons = pred["posts"], pred["persons"]
        holders = Counter(p for _, p in gold)
        for name, post in gold - pred_posts:
            kind = None
            if name not in pred_persons:
                kind = "missing person"
            else:
                kind = _prefix_kind(post, {p for n, p in pred_posts if n == name}, gold_side=True)
            if kind is None:
                if post in credit or re.search(re.escape(post) + r"[:|｜]", text):
                    kind = "credit line"
                elif name + post in text:
                    kind = "title after name"
                elif holders[post] > 1:
                    kind = "list"
                else:
                    kind = "other"
            missed[kind] += 1
        for name, post in pred_posts - gold:
            if name not in gold_persons:
                kind = "not a person"
            else:
                kind = _prefix_kind(post, {p for n, p in gold if n == name}, gold_side=False) or "other"
            spurious[kind] += 1
    order = {k: i for i, k in enumerate(KINDS)}
    return {
        "missed": dict(sorted(missed.items(), key=lambda kv: order[kv[0]])),
        "spurious": dict(sorted(spurious.items(), key=lambda kv: order[kv[0]])),
    }


def describe(kinds: dict[str, dict[str, int]]) -> str:
    """One line: `missed 12 (missing person 7, list 3, …); spurious 4 (cut prefix 2, …)`."""
    parts = []
    for side in ("missed", "spurious"):
        counts = kinds.get(side, {})
        detail = ", ".join(f"{k} {v}" for k, v in counts.items())
        parts.append(f"{side} {sum(counts.values())}" + (f" ({detail})" if detail else ""))
    return "; ".join(parts)
