"""Validate the stand-off gold annotations against the raw seeds and count what they contain.

`validate(seeds_dir, annotations_dir) -> Report` never raises on bad data: every problem becomes an
`Issue` naming the file, the id (span, relation or article) and the problem. `Report.ok` is false when
there is at least one error; warnings (e.g. a figure without a metric_value relation) do not fail.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.annotations.gold import ANNOTATIONS_DIR, ENTITY_LABELS, RELATION_TYPES, VALUE_LABELS, annotated_stems

AUTHOR_ROLES = ("记者", "见习记者", "实习生", "通讯员", "特约记者", "摄", "文", "供图", "作者")
ARTICLE_KINDS = ("news", "photo", "notice", "feature", "caption")
ARTICLE_SPAN_KEYS = ("kicker", "title", "subtitle", "byline")
METRIC = "METRIC"


@dataclass(frozen=True)
class Issue:
    file: str  # annotation file, relative to the annotations dir (e.g. entities/000_….json)
    id: str  # span / relation / article id, or "-" for file-level problems
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.severity}: {self.file} [{self.id}] {self.message}"


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    # per stem: Counter of entity labels + METRIC, and of relation types
    label_counts: dict[str, Counter] = field(default_factory=dict)
    relation_counts: dict[str, Counter] = field(default_factory=dict)
    article_counts: dict[str, Counter] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def total_labels(self) -> Counter:
        return sum(self.label_counts.values(), Counter())

    def total_relations(self) -> Counter:
        return sum(self.relation_counts.values(), Counter())

    def total_articles(self) -> Counter:
        return sum(self.article_counts.values(), Counter())


class _FileChecker:
    """Collects issues for one annotation file."""

    def __init__(self, report: Report, rel: str, text: str | None):
        self.report, self.rel, self.text = report, rel, text

    def error(self, id_: str, msg: str) -> None:
        self.report.issues.append(Issue(self.rel, id_, msg))

    def warn(self, id_: str, msg: str) -> None:
        self.report.issues.append(Issue(self.rel, id_, msg, "warning"))

    def offsets(self, id_: str, start, end, what: str = "span", strip: bool = True) -> bool:
        """Check one [start, end) pair; True when usable as text indices."""
        if type(start) is not int or type(end) is not int:
            self.error(id_, f"{what} offsets must be integers, got start={start!r} end={end!r}")
            return False
        if self.text is None:
            return False
        n = len(self.text)
        if not (0 <= start < end <= n):
            self.error(id_, f"{what} offsets [{start}, {end}) out of range or empty (text has {n} chars)")
            return False
        if strip:
            s = self.text[start:end]
            if s[0].isspace() or s[-1].isspace():
                self.error(id_, f"{what} [{start}, {end}) starts or ends with whitespace: {s[:1]!r}…{s[-1:]!r}")
        return True

    def pair(self, id_: str, value, what: str, strip: bool = True) -> tuple[int, int] | None:
        if not (isinstance(value, (list, tuple)) and len(value) == 2):
            self.error(id_, f"{what} must be [start, end], got {value!r}")
            return None
        return tuple(value) if self.offsets(id_, value[0], value[1], what, strip) else None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_json(path: Path, report: Report, rel: str) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.issues.append(Issue(rel, "-", f"cannot read JSON: {exc}"))
        return None
    if not isinstance(data, dict):
        report.issues.append(Issue(rel, "-", "top level must be an object"))
        return None
    return data


def _load_seed(data: dict, stem: str, seeds_dir: Path, chk: _FileChecker) -> str | None:
    """Check file name and sha256 against the raw seed; return the raw text or None."""
    name = data.get("file")
    if name != f"{stem}.txt":
        chk.error("-", f"'file' is {name!r}, expected {stem + '.txt'!r} (annotation file name and seed name must agree)")
        if not isinstance(name, str):
            return None
    path = Path(seeds_dir) / name
    if not path.is_file():
        chk.error("-", f"seed file {path} does not exist")
        return None
    digest = _sha256(path)
    if data.get("sha256") != digest:
        chk.error("-", f"sha256 {data.get('sha256')!r} does not match seed {name} ({digest}); the seed changed or the hash is wrong")
        return None
    if data.get("guideline") is None:
        chk.warn("-", "no 'guideline' version")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        chk.error("-", f"seed {name} is not UTF-8: {exc}")
        return None


def _check_entities(data: dict, chk: _FileChecker, counts: Counter, rel_counts: Counter) -> None:
    """An entities file: its spans, then its relations, then what is left unrelated."""
    labels = _check_spans(data, chk, counts)
    relations = data.get("relations", [])
    if not isinstance(relations, list):
        chk.error("-", "'relations' must be a list")
        return
    _check_relations(relations, labels, chk, rel_counts)
    _warn_unrelated(relations, labels, chk)


def _check_spans(data: dict, chk: _FileChecker, counts: Counter) -> dict[str, str]:
    """Label by id of every entity and metric phrase (counted in `counts`); errors for unknown
    labels, bad offsets, a metric phrase annotated twice and overlapping entities."""
    labels: dict[str, str] = {}
    seen_ids: set[str] = set()
    good_ents: list[tuple[int, int, str]] = []
    metric_spans: dict[tuple[int, int], str] = {}
    for key, is_metric in (("entities", False), ("metrics", True)):
        items = data.get(key, [])
        if not isinstance(items, list):
            chk.error("-", f"'{key}' must be a list")
            continue
        for _, item, id_ in _identified(items, key, chk, seen_ids, "duplicate id"):
            label = METRIC if is_metric else item.get("label")
            if not is_metric and label not in ENTITY_LABELS:
                chk.error(id_, f"unknown label {label!r} (allowed: {', '.join(ENTITY_LABELS)})")
            labels.setdefault(id_, label)
            counts[label] += 1
            if not chk.offsets(id_, item.get("start"), item.get("end"), "metric" if is_metric else "entity"):
                continue
            span = (item["start"], item["end"])
            if not is_metric:
                good_ents.append((span[0], span[1], id_))
            elif span in metric_spans:
                chk.error(id_, f"identical duplicate of metric phrase {metric_spans[span]} at [{span[0]}, {span[1]}); annotate it once and relate it to each value")
            else:
                metric_spans[span] = id_
    _check_no_overlap(good_ents, chk)
    return labels


def _check_no_overlap(entities: list[tuple[int, int, str]], chk: _FileChecker) -> None:
    """Entities may not overlap or nest: each is compared with the furthest-reaching earlier one."""
    reach_end, reach_id = -1, ""
    for start, end, id_ in sorted(entities):
        if start < reach_end:
            chk.error(id_, f"entity [{start}, {end}) overlaps entity {reach_id} (entities may not overlap or nest)")
        if end > reach_end:
            reach_end, reach_id = end, id_


def _check_relations(relations: list, labels: dict[str, str], chk: _FileChecker, rel_counts: Counter) -> None:
    """Each relation: an object of a known type, not repeated, whose ends exist with allowed labels."""
    seen_rel: set[tuple] = set()
    for k, r in enumerate(relations):
        if not isinstance(r, dict):
            chk.error(f"relation[{k}]", "must be an object")
            continue
        rtype, head, tail = r.get("type"), r.get("head"), r.get("tail")
        rid = f"relation[{k}] {rtype} {head}→{tail}"
        rel_counts[rtype] += 1
        if rtype not in RELATION_TYPES:
            chk.error(rid, f"unknown relation type {rtype!r} (allowed: {', '.join(RELATION_TYPES)})")
            continue
        if (rtype, head, tail) in seen_rel:
            chk.error(rid, "duplicate relation")
        seen_rel.add((rtype, head, tail))
        head_labels, tail_labels = RELATION_TYPES[rtype]
        for end_name, end_id, allowed in (("head", head, head_labels), ("tail", tail, tail_labels)):
            if end_id not in labels:
                chk.error(rid, f"{end_name} {end_id!r} does not exist")
            elif labels[end_id] not in allowed:
                chk.error(rid, f"{end_name} {end_id} is {labels[end_id]}, {rtype} needs {'/'.join(allowed)}")


def _warn_unrelated(relations: list, labels: dict[str, str], chk: _FileChecker) -> None:
    """Consistency warnings: figures without a measured phrase, titles nobody holds, unused metrics."""
    related = {(r.get("type"), r.get("head")) for r in relations if isinstance(r, dict)}
    related |= {(r.get("type"), r.get("tail")) for r in relations if isinstance(r, dict)}
    for id_, label in labels.items():
        if label in VALUE_LABELS and ("metric_value", id_) not in related:
            chk.warn(id_, f"{label} has no metric_value relation")
        elif label == METRIC and ("metric_value", id_) not in related:
            chk.warn(id_, "metric phrase is not related to any value")
        elif label == "TITLE" and ("official_post", id_) not in related:
            chk.warn(id_, "TITLE has no official_post relation (no holder stated?)")


def _identified(items: list, key: str, chk: _FileChecker, seen: set[str], duplicate: str):
    """(index, object, id) of each object in `items`; non-objects, missing and duplicate ids are errors.
    An object without a usable id is still checked, under the name `key[index]`."""
    for k, item in enumerate(items):
        if not isinstance(item, dict):
            chk.error(f"{key}[{k}]", "must be an object")
            continue
        id_ = item.get("id")
        if not isinstance(id_, str) or not id_:
            chk.error(f"{key}[{k}]", f"missing or non-string id {id_!r}")
            id_ = f"{key}[{k}]"
        elif id_ in seen:
            chk.error(id_, duplicate)
        seen.add(id_)
        yield k, item, id_


def _check_articles(data: dict, chk: _FileChecker, counts: Counter) -> None:
    """An articles file: each article, then that no two articles share text, then captions and chrome."""
    articles = data.get("articles", [])
    if not isinstance(articles, list):
        chk.error("-", "'articles' must be a list")
        return
    all_segments: list[tuple[int, int, str]] = []
    for _, art, aid in _identified(articles, "articles", chk, set(), "duplicate article id"):
        counts[art.get("kind")] += 1
        all_segments += [(s, e, aid) for s, e in _check_article(art, aid, chk)]
    all_segments.sort()
    for (s0, e0, a0), (s1, e1, a1) in zip(all_segments, all_segments[1:]):
        if s1 < e0 and a0 != a1:
            chk.error(a1, f"body segment [{s1}, {e1}) overlaps body of {a0} [{s0}, {e0})")
    for key in ("captions", "chrome"):
        spans = data.get(key, [])
        if not isinstance(spans, list):
            chk.error("-", f"'{key}' must be a list")
            continue
        for j, seg in enumerate(spans):
            chk.pair(f"{key}[{j}]", seg, key)


def _check_article(art: dict, aid: str, chk: _FileChecker) -> list[tuple[int, int]]:
    """One article's kind, spans, authors and links; returns its valid body segments."""
    if art.get("kind") not in ARTICLE_KINDS:
        chk.error(aid, f"unknown kind {art.get('kind')!r} (allowed: {'|'.join(ARTICLE_KINDS)})")
    for key in ARTICLE_SPAN_KEYS:
        if art.get(key) is not None:
            chk.pair(aid, art[key], key)
    body = _check_body(art.get("body"), aid, chk)
    _check_authors(art.get("authors") or [], art.get("byline"), aid, chk)
    for key in ("continued_from", "continues_to"):
        if art.get(key) is not None and not isinstance(art[key], str):
            chk.error(aid, f"{key} must be a string or null, got {art[key]!r}")
    if "interleaved" in art and not isinstance(art["interleaved"], bool):
        chk.error(aid, f"interleaved must be true/false, got {art['interleaved']!r}")
    return body


def _check_body(body, aid: str, chk: _FileChecker) -> list[tuple[int, int]]:
    """The valid [start, end] segments of a body, which must be sorted and may not overlap."""
    if not isinstance(body, list) or not body:
        chk.error(aid, "body must be a non-empty list of [start, end] segments")
        return []
    good = [seg for j, seg in enumerate(body) if chk.pair(aid, seg, f"body[{j}]")]
    for (s0, e0), (s1, e1) in zip(good, good[1:]):
        if s1 < s0:
            chk.error(aid, f"body segments not sorted: [{s1}, {e1}) comes after [{s0}, {e0})")
        elif s1 < e0:
            chk.error(aid, f"body segments overlap: [{s0}, {e0}) and [{s1}, {e1})")
    return good


def _check_authors(authors, byline, aid: str, chk: _FileChecker) -> None:
    """Authors: objects with an allowed role and valid offsets, inside the byline when it has one."""
    if not isinstance(authors, list):
        chk.error(aid, "authors must be a list")
        return
    for j, a in enumerate(authors):
        if not isinstance(a, dict):
            chk.error(aid, f"authors[{j}] must be an object")
            continue
        if a.get("role") not in AUTHOR_ROLES:
            chk.error(aid, f"authors[{j}] role {a.get('role')!r} not allowed (allowed: {', '.join(AUTHOR_ROLES)})")
        if chk.offsets(aid, a.get("start"), a.get("end"), f"authors[{j}]") and isinstance(byline, list) and len(byline) == 2:
            if not (byline[0] <= a["start"] and a["end"] <= byline[1]):
                chk.warn(aid, f"authors[{j}] [{a['start']}, {a['end']}) lies outside the byline {byline}")


def validate(seeds_dir: Path, annotations_dir: Path = ANNOTATIONS_DIR) -> Report:
    """Check every annotation file under annotations_dir against the raw seeds in seeds_dir."""
    seeds_dir, annotations_dir = Path(seeds_dir), Path(annotations_dir)
    report = Report()
    if not seeds_dir.is_dir():
        report.issues.append(Issue("-", "-", f"seeds folder {seeds_dir} does not exist"))
        return report
    stems = annotated_stems(annotations_dir) if annotations_dir.is_dir() else []
    if not stems:
        report.issues.append(Issue(str(annotations_dir), "-", "no annotation files found"))
    for stem in stems:
        labels, rels, arts = Counter(), Counter(), Counter()
        report.label_counts[stem], report.relation_counts[stem], report.article_counts[stem] = labels, rels, arts
        for sub in ("entities", "articles"):
            rel = f"{sub}/{stem}.json"
            path = annotations_dir / sub / f"{stem}.json"
            if not path.is_file():
                report.issues.append(Issue(rel, "-", "annotation file does not exist (each seed needs entities/ and articles/)"))
                continue
            data = _read_json(path, report, rel)
            if data is None:
                continue
            chk = _FileChecker(report, rel, None)
            chk.text = _load_seed(data, stem, seeds_dir, chk)
            if sub == "entities":
                _check_entities(data, chk, labels, rels)
            else:
                _check_articles(data, chk, arts)
    annotated = set(stems)
    for seed in sorted(seeds_dir.glob("*.txt")):
        if seed.stem not in annotated:
            report.issues.append(Issue("-", seed.stem, f"seed {seed.name} has no annotations", "warning"))
    return report


def print_report(report: Report, console=None, show_warnings: bool = True) -> None:
    """A rich table of counts per file (labels, METRIC, relations, articles), then the issues."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    stems = list(report.label_counts)
    short = [s.split("_")[0] for s in stems]
    if len(set(short)) != len(short):
        short = stems
    table = Table(title="gold annotations: counts per file", caption=", ".join(f"{a} = {b}" for a, b in zip(short, stems) if a != b) or None)
    table.add_column("")
    for name in short:
        table.add_column(name, justify="right")
    table.add_column("total", justify="right", style="bold")
    rows = [(lab, {s: report.label_counts[s][lab] for s in stems}) for lab in (*ENTITY_LABELS, METRIC)]
    rows += [(rel, {s: report.relation_counts[s][rel] for s in stems}) for rel in RELATION_TYPES]
    rows.append(("articles", {s: sum(report.article_counts[s].values()) for s in stems}))
    for n, (name, per) in enumerate(rows):
        table.add_row(name, *(str(per[s]) for s in stems), str(sum(per.values())),
                      end_section=n in (len(ENTITY_LABELS) - 1, len(ENTITY_LABELS), len(ENTITY_LABELS) + len(RELATION_TYPES)))
    console.print(table)
    total_a = report.total_articles()
    if total_a:
        console.print("article kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(total_a.items(), key=str)))
    for issue in report.errors:
        console.print(f"[red]{issue}[/red]", highlight=False)
    if show_warnings:
        for issue in report.warnings:
            console.print(f"[yellow]{issue}[/yellow]", highlight=False)
    console.print(
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)",
        style="red" if report.errors else "green",
    )
