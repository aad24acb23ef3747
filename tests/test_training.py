"""Training machinery: gold → clean-text examples, invented sentences, a tiny end-to-end run."""

import json

import spacy

from pipeline.annotations.gold import load_all
from pipeline.training import card
from pipeline.training.corpus import chunk, clean_gold, examples_of
from pipeline.training.synthetic import synthetic_examples
from pipeline.training.train import config_hash, package, train

TINY = {
    "training.max_steps": 6,
    "training.eval_frequency": 3,
    "components.tok2vec.model.embed.width": 16,
    "components.tok2vec.model.embed.rows": [200, 20, 20],
    "components.tok2vec.model.encode.width": 16,
    "components.tok2vec.model.encode.depth": 1,
    "components.ner.model.hidden_width": 8,
}


def test_gold_maps_onto_clean_text(seeds_dir):
    for doc in load_all(seeds_dir):
        gold = clean_gold(doc)
        assert gold.report["mapped"] >= 0.95 * gold.report["gold"], (doc.stem, gold.report)
        for start, end, _ in gold.entities:
            text = gold.text[start:end]
            assert text and text == text.strip()


def test_chunks_never_cut_entities_or_mix_pages(seeds_dir):
    docs = load_all(seeds_dir)
    gold = clean_gold(docs[0])
    examples = chunk(gold)
    assert {e.source for e in examples} == {docs[0].stem}
    assert sum(len(e.entities) for e in examples) == len(gold.entities)
    for ex in examples:
        for start, end, _ in ex.entities:
            assert 0 <= start < end <= len(ex.text)


def test_synthetic_text_is_deterministic_and_labelled():
    a, b = synthetic_examples(40, seed=3), synthetic_examples(40, seed=3)
    assert a == b and a != synthetic_examples(40, seed=4)
    labels = {label for ex in a for _, _, label in ex.entities}
    assert {"PER", "TITLE"} <= labels
    for ex in a:
        for start, end, _ in ex.entities:
            assert ex.text[start:end].strip() == ex.text[start:end] != ""


def test_tiny_training_run_end_to_end(seeds_dir, tmp_path):
    docs = load_all(seeds_dir)
    examples, report = examples_of(docs[:1])
    result = train(examples[:30] + synthetic_examples(10, 0), examples[:5], tmp_path / "work", TINY)
    assert result.docbin_report["misaligned"] == 0
    out = package(result.nlp, tmp_path / "model", {"config_hash": config_hash(TINY), "seeds": []})
    card.write_card(out)
    assert not (out / "model-last").exists()
    import pipeline.ner  # noqa: F401  (registers difang_rules)

    nlp = spacy.load(out)
    assert nlp.pipe_names == ["difang_rule_features", "tok2vec", "ner", "difang_rules"]
    assert json.loads((out / "meta.json").read_text())["difang"]["config_hash"] == config_hash(TINY)
    doc = nlp("今年3月，投资约2亿元。")
    assert ("约2亿元", "MONEY") in {(e.text, e.label_) for e in doc.ents}
    assert "config hash" in (out / "MODEL_CARD.md").read_text()


def test_training_is_deterministic(seeds_dir, tmp_path):
    docs = load_all(seeds_dir)
    examples, _ = examples_of(docs[:1])
    data = examples[:20] + synthetic_examples(5, 0)
    digests = []
    for run in ("a", "b"):
        result = train(data, examples[:3], tmp_path / run, TINY)
        out = package(result.nlp, tmp_path / f"model-{run}", {"config_hash": "x"})
        digests.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert digests[0].keys() == digests[1].keys()
    assert [k for k in digests[0] if digests[0][k] != digests[1][k]] == []
