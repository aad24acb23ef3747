"""Gold annotations: the validator (real files pass, each kind of error is caught), Label Studio
round trip, spaCy DocBin. Broken copies are built in tmp_path; the repo's files are never touched."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.annotations.__main__ import app
from pipeline.annotations.docbin import make_docbin
from pipeline.annotations.gold import ANNOTATIONS_DIR, ENTITY_LABELS, GoldDocument, Relation, Span, load_all
from pipeline.annotations.labelstudio import (
    LabelStudioError,
    export_file,
    from_task,
    import_file,
    to_task,
)
from pipeline.annotations.validate import validate

STEM = "001_cfea9893f181ee1e"  # the seed the broken copies are made from
ENT = f"entities/{STEM}.json"
ART = f"articles/{STEM}.json"


@pytest.fixture(scope="module")
def real_report(seeds_dir):
    return validate(seeds_dir, ANNOTATIONS_DIR)


def test_real_annotations_are_valid(real_report, seed_texts):
    assert real_report.ok, "\n".join(map(str, real_report.errors))
    total = real_report.total_labels()
    assert set(ENTITY_LABELS) <= set(total)  # every label is used somewhere
    assert all(total[label] > 0 for label in ENTITY_LABELS)
    assert real_report.total_relations()["official_post"] > 0
    assert real_report.total_relations()["metric_value"] > 0
    assert len(real_report.label_counts) == len(seed_texts)  # one annotation file per seed


def test_every_value_has_a_metric_and_every_relation_endpoint_exists(seeds_dir):
    for doc in load_all(seeds_dir):
        valued = {r.tail for r in doc.relations if r.type == "metric_value"}
        for span in doc.entities:
            if span.label in ("MONEY", "PERCENT", "QUANTITY"):
                assert span.id in valued, f"{doc.stem} {span.id} {span.label} has no metric_value"


# --- broken copies --------------------------------------------------------------------------------


@pytest.fixture
def ann(tmp_path):
    """A writable copy of data/annotations; edit(rel, fn) mutates one file's JSON in place."""
    root = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS_DIR, root, ignore=shutil.ignore_patterns("*.md"))

    class Copy:
        dir = root

        def load(self, rel):
            return json.loads((root / rel).read_text(encoding="utf-8"))

        def edit(self, rel, fn):
            data = self.load(rel)
            fn(data)
            (root / rel).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    return Copy()


def errors_of(seeds_dir, ann) -> list[str]:
    report = validate(seeds_dir, ann.dir)
    return [str(i) for i in report.errors]


def assert_error(errors, *fragments):
    hits = [e for e in errors if all(f in e for f in fragments)]
    assert hits, f"no error with {fragments}; got:\n" + "\n".join(errors)


def _first(data, label=None):
    return next(e for e in data["entities"] if label is None or e["label"] == label)


def test_bad_hash(seeds_dir, ann):
    ann.edit(ENT, lambda d: d.update(sha256="0" * 64))
    assert_error(errors_of(seeds_dir, ann), ENT, "sha256", "does not match")


def test_missing_seed_file(seeds_dir, ann, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir, seeds)
    (seeds / f"{STEM}.txt").unlink()
    assert_error([str(i) for i in validate(seeds, ann.dir).errors], ENT, "does not exist")


def test_out_of_range_offset(seeds_dir, ann, seed_texts):
    n = len(seed_texts[STEM])
    ann.edit(ENT, lambda d: _first(d).update(end=n + 5))
    assert_error(errors_of(seeds_dir, ann), ENT, _first(ann.load(ENT))["id"], "out of range")


def test_non_integer_and_empty_offsets(seeds_dir, ann):
    def f(d):
        d["entities"][0]["start"] = "12"
        d["entities"][1]["end"] = d["entities"][1]["start"]
    ann.edit(ENT, f)
    errors = errors_of(seeds_dir, ann)
    assert_error(errors, ENT, "must be integers")
    assert_error(errors, ENT, ann.load(ENT)["entities"][1]["id"], "out of range or empty")


def test_whitespace_edge(seeds_dir, ann, seed_texts):
    text = seed_texts[STEM]
    covered = {i for e in ann.load(ENT)["entities"] for i in range(e["start"], e["end"])}
    pos = next(i for i, c in enumerate(text) if c == "\n" and i + 1 < len(text) and not text[i + 1].isspace()
               and i not in covered and i + 1 not in covered)
    ann.edit(ENT, lambda d: d["entities"].append({"id": "TWS", "start": pos, "end": pos + 2, "label": "LOC"}))
    assert_error(errors_of(seeds_dir, ann), ENT, "[TWS]", "whitespace")


def test_unknown_label(seeds_dir, ann):
    ann.edit(ENT, lambda d: _first(d).update(label="PERSON"))
    assert_error(errors_of(seeds_dir, ann), ENT, _first(ann.load(ENT))["id"], "unknown label 'PERSON'")


def test_overlapping_entities(seeds_dir, ann):
    def f(d):
        e = _first(d, "LOC")
        d["entities"].append({"id": "TOV", "start": e["start"], "end": e["end"] + 1, "label": "ORG"})
    ann.edit(ENT, f)
    assert_error(errors_of(seeds_dir, ann), ENT, "overlaps")


def test_metric_may_overlap_entities_but_not_duplicate(seeds_dir, ann):
    def f(d):
        e = _first(d, "PER")
        d["metrics"].append({"id": "MOV", "start": e["start"], "end": e["end"]})  # overlap with an entity: fine
    ann.edit(ENT, f)
    assert not [e for e in errors_of(seeds_dir, ann) if "MOV" in e and "overlap" in e]

    def g(d):
        m = d["metrics"][0]
        d["metrics"].append({"id": "MDUP", "start": m["start"], "end": m["end"]})
    ann.edit(ENT, g)
    assert_error(errors_of(seeds_dir, ann), ENT, "[MDUP]", "identical duplicate")


def test_duplicate_id(seeds_dir, ann):
    def f(d):
        d["entities"][1]["id"] = d["entities"][0]["id"]
    ann.edit(ENT, f)
    assert_error(errors_of(seeds_dir, ann), ENT, ann.load(ENT)["entities"][0]["id"], "duplicate id")


def test_dangling_relation_endpoint(seeds_dir, ann):
    ann.edit(ENT, lambda d: d["relations"].append({"type": "official_post", "head": "T9999", "tail": _first(d, "TITLE")["id"]}))
    assert_error(errors_of(seeds_dir, ann), ENT, "T9999", "does not exist")


def test_wrong_endpoint_label(seeds_dir, ann):
    def f(d):
        d["relations"].append({"type": "official_post", "head": _first(d, "PER")["id"], "tail": _first(d, "LOC")["id"]})
    ann.edit(ENT, f)
    data = ann.load(ENT)
    assert_error(errors_of(seeds_dir, ann), ENT, _first(data, "LOC")["id"], "is LOC", "needs TITLE")


def test_wrong_metric_value_endpoint(seeds_dir, ann):
    ann.edit(ENT, lambda d: d["relations"].append({"type": "metric_value", "head": _first(d, "PER")["id"], "tail": _first(d, "MONEY")["id"]}))
    assert_error(errors_of(seeds_dir, ann), ENT, "head", "is PER", "needs METRIC")


def test_unknown_relation_type(seeds_dir, ann):
    ann.edit(ENT, lambda d: d["relations"].append({"type": "works_for", "head": _first(d, "PER")["id"], "tail": _first(d, "ORG")["id"]}))
    assert_error(errors_of(seeds_dir, ann), ENT, "works_for", "unknown relation type")


def test_duplicate_relation(seeds_dir, ann):
    ann.edit(ENT, lambda d: d["relations"].append(dict(d["relations"][0])))
    assert_error(errors_of(seeds_dir, ann), ENT, "duplicate relation")


def test_bad_author_role(seeds_dir, ann):
    def f(d):
        art = next(a for a in d["articles"] if a["authors"])
        art["authors"][0]["role"] = "编辑"
    ann.edit(ART, f)
    art_id = next(a for a in ann.load(ART)["articles"] if a["authors"])["id"]
    assert_error(errors_of(seeds_dir, ann), ART, art_id, "role '编辑' not allowed")


def test_unknown_kind(seeds_dir, ann):
    ann.edit(ART, lambda d: d["articles"][0].update(kind="op-ed"))
    assert_error(errors_of(seeds_dir, ann), ART, "unknown kind 'op-ed'")


def test_unsorted_body_segments(seeds_dir, ann):
    def f(d):
        art = d["articles"][0]
        s, e = art["body"][0]
        mid = (s + e) // 2
        art["body"] = [[mid + 1, e], [s, mid]]  # reversed halves
    ann.edit(ART, f)
    assert_error(errors_of(seeds_dir, ann), ART, ann.load(ART)["articles"][0]["id"], "not sorted")


def test_overlapping_body_segments(seeds_dir, ann):
    def f(d):
        art = d["articles"][0]
        s, e = art["body"][0]
        art["body"] = [[s, e - 5], [e - 20, e]]
    ann.edit(ART, f)
    assert_error(errors_of(seeds_dir, ann), ART, "body segments overlap")


def test_cli_exit_codes(seeds_dir, ann):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "--seeds", str(seeds_dir), "--annotations", str(ann.dir)])
    assert ok.exit_code == 0, ok.output
    assert "PER" in ok.output and "official_post" in ok.output and "total" in ok.output
    ann.edit(ENT, lambda d: d.update(sha256="0" * 64))
    bad = runner.invoke(app, ["validate", "--seeds", str(seeds_dir), "--annotations", str(ann.dir)])
    assert bad.exit_code == 1
    assert "sha256" in bad.output


# --- Label Studio ---------------------------------------------------------------------------------


def test_labelstudio_round_trip_is_lossless(seeds_dir, tmp_path):
    tasks_file = tmp_path / "ls" / "tasks.json"
    n = export_file(seeds_dir, tasks_file)
    assert n == 5
    config = (tmp_path / "ls" / "tasks.labelling.xml").read_text(encoding="utf-8")  # written beside the tasks
    assert all(f'value="{label}"' in config for label in ("PER", "TITLE", "METRIC")) and "<Relations>" in config
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    task = tasks[0]
    assert task["data"]["text"] == (seeds_dir / task["data"]["file"]).read_text(encoding="utf-8")
    kinds = {r["type"] for r in task["annotations"][0]["result"]}
    assert kinds == {"labels", "relation"}
    metric_regions = [r for r in task["annotations"][0]["result"] if r["type"] == "labels" and r["value"]["labels"] == ["METRIC"]]
    assert metric_regions and all(r["id"].startswith("M") for r in metric_regions)

    out = tmp_path / "back"
    written = import_file(tasks_file, seeds_dir, out)
    assert len(written) == 10
    for sub in ("entities", "articles"):
        for original in sorted((ANNOTATIONS_DIR / sub).glob("*.json")):
            back = out / sub / original.name
            assert json.loads(back.read_text(encoding="utf-8")) == json.loads(original.read_text(encoding="utf-8")), back
    assert validate(seeds_dir, out).ok


def test_labelstudio_predictions_and_utf16_offsets(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "😀 区长张三说,投资1.2万元。"  # invented; the emoji is 2 UTF-16 units
    (seeds / "x.txt").write_text(text, encoding="utf-8")
    import hashlib

    doc = GoldDocument(
        stem="x", file="x.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), raw=text,
        entities=[Span("T1", 2, 4, "TITLE"), Span("T2", 4, 6, "PER"), Span("T3", 10, 15, "MONEY")],
        metrics=[Span("M1", 8, 10, "METRIC")],
        relations=[Relation("official_post", "T2", "T1"), Relation("metric_value", "M1", "T3")],
    )
    task = to_task(doc, 1, as_="predictions")
    region = next(r for r in task["predictions"][0]["result"] if r.get("id") == "T1")
    assert (region["value"]["start"], region["value"]["end"]) == (3, 5)  # shifted by the surrogate pair
    ent, _ = from_task(task, seeds)
    assert [(e["id"], e["start"], e["end"], e["label"]) for e in ent["entities"]] == [(s.id, s.start, s.end, s.label) for s in doc.entities]
    assert ent["metrics"] == [{"id": "M1", "start": 8, "end": 10}]
    assert ent["relations"] == [{"type": "official_post", "head": "T2", "tail": "T1"}, {"type": "metric_value", "head": "M1", "tail": "T3"}]

    task["data"]["text"] = text + " "  # text changed in Label Studio
    with pytest.raises(LabelStudioError, match="does not match seed x.txt"):
        from_task(task, seeds)


def test_labelstudio_export_refuses_repo_path(seeds_dir):
    with pytest.raises(LabelStudioError, match="inside the repository"):
        export_file(seeds_dir, ANNOTATIONS_DIR.parent / "tasks.json")


# --- DocBin ---------------------------------------------------------------------------------------


def test_docbin_on_invented_sentence():
    import spacy

    text = "区政协副主席孙梦、任红出席会议。记者 甘 明"  # invented names, an OCR-split name
    spans = [(0, 6, "TITLE"), (6, 8, "PER"), (9, 11, "PER"), (16, 18, "TITLE"), (19, 22, "PER")]
    db, n_bad = make_docbin([(text, spans)])
    assert n_bad == 0
    nlp = spacy.blank("zh")
    (doc,) = db.get_docs(nlp.vocab)
    assert doc.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == spans

    bad: list = []
    _, n_bad = make_docbin([(text, [(18, 20, "PER")])], misaligned=bad)  # starts on a folded space
    assert n_bad == 1 and bad == [(0, 18, 20, "PER")]


def test_docbin_real_seeds_align(seeds_dir, seed_texts, tmp_path):
    from pipeline.annotations.docbin import export_docbin

    n_docs, n_spans, misaligned = export_docbin(seeds_dir, tmp_path / "gold.spacy")
    assert n_docs == len(seed_texts) and n_spans > 100 * n_docs
    assert misaligned == []
