"""The real-news corpus (train split) → NER examples on clean text.

The corpus (`../shared/corpus/realnews/`, README there) annotates each article with sets of
strings, not offsets: persons, places, orgs and (person, post) pairs. `project` turns them into
spans: every occurrence of every string, longest first, no overlaps (an organisation holding a
place, 中共某某区委, stays one ORG; the org part of a post, 县委 in 县委书记, is an ORG as the
corpus lists it). Posts are not labelled: the CRF learns PER/LOC/ORG; TITLE belongs to the rules.

The raw article text is cleaned like the pipeline does it and the spans are mapped through the
offset map, so the model trains on what it will see. Only `train.jsonl` may be read here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.offsets import find_all, first_disjoint, raw_to_clean_span, strip_span
from pipeline.stages.clean import CleanConfig, clean_text
from pipeline.training.corpus import Example
from pipeline.training.people_daily import sentences

# Longer strings win; on equal length: person, organisation, place.
_ORDER = {"PER": 0, "ORG": 1, "LOC": 2}


def read_articles(path: Path) -> list[dict]:
    """The records of a corpus file (one JSON object per line)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def project(text: str, strings: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """Spans of every occurrence of the labelled strings in text: longest first, then by label
    order; a span overlapping one already taken is dropped."""
    candidates = []
    for label, words in strings.items():
        for word in set(words):
            candidates += [(start, start + len(word), label) for start in find_all(text, word)]
    candidates.sort(key=lambda s: (-(s[1] - s[0]), _ORDER[s[2]], s[0]))
    return sorted(first_disjoint(candidates, lambda s: (s[0], s[1])))


def article_example(record: dict) -> Example:
    """One article on clean text with its projected PER/LOC/ORG spans."""
    raw = record["text"]
    raw_spans = project(raw, {"PER": record.get("persons", []), "ORG": record.get("orgs", []), "LOC": record.get("places", [])})
    page = clean_text(raw, CleanConfig())
    entities = []
    for start, end, label in raw_spans:
        clean = raw_to_clean_span(page.offsets, start, end)
        if clean is None:
            continue
        s, e = strip_span(page.text, *clean)
        if s < e:
            entities.append((s, e, label))
    return Example(f"realnews:{record['id']}", page.text, tuple(entities))


def examples(path: Path) -> list[Example]:
    """Sentence-sized examples of every article of a corpus file, cut at line ends too."""
    out = []
    for record in read_articles(path):
        article = article_example(record)
        start = 0
        for line in article.text.split("\n"):
            end = start + len(line)
            ents = tuple((s - start, e - start, label) for s, e, label in article.entities if s >= start and e <= end)
            if line.strip():
                out.extend(sentences(Example(article.source, line, ents)))
            start = end + 1
    return out


REPO_ROOT = Path(__file__).resolve().parents[2]
SCORER = REPO_ROOT.parent / "shared" / "tools" / "score_realnews.py"


def score_backend(
    backend: str, model_key: str, model_dir: Path, corpus: Path, fields: tuple[str, ...] | None = None,
    scorer: Path = SCORER, python: str = sys.executable,
) -> dict | None:
    """{field: {p, r, f1, gold}} of the whole pipeline with `ner.backend=backend` and the model
    folder `model_dir` (config key `ner.<model_key>`) on a real-news corpus file, measured by the
    reference scorer (one difang run); every field, or only `fields`. None if the scorer or the
    file is missing. Used by training to put dev scores into a model card (dev is only measured)."""
    if not Path(corpus).is_file() or not Path(scorer).is_file():
        return None
    model_dir = Path(model_dir).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        command = [python, str(scorer), str(corpus), "--python", python, "--json", str(out), "--set", f"ner.backend={backend}", "--set", f"ner.{model_key}={model_dir}"]
        if (REPO_ROOT / "models").resolve() not in model_dir.parents:
            command += ["--set", "ner.allow_external_model=true"]
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
        if done.returncode or not out.is_file():
            raise RuntimeError(f"scoring {corpus} failed: {done.stderr[-1000:]}")
        scores = json.loads(out.read_text(encoding="utf-8"))
    return {
        k: {**{m: v[m] for m in ("p", "r", "f1")}, "gold": v["tp"] + v["fn"]}
        for k, v in scores.items()
        if isinstance(v, dict) and "tp" in v and (fields is None or k in fields)
    }
