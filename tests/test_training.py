"""Training machinery: gold → clean-text examples, invented sentences, a tiny end-to-end run."""

import json

import spacy

from pipeline.annotations.gold import load_all
from pipeline.training import card
from pipeline.training.corpus import chunk, clean_gold, examples_of
from pipeline.training.synthetic import synthetic_examples
from pipeline.training.train import LABELS, add_rules, config_hash, keep_labels, package, score_spans, train

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


def _invented(n: int) -> list:
    """Invented sentences with what the shipped spaCy model learns (PER/LOC/ORG): the same kind of
    input as its real training set, none of its text."""
    from pipeline.training.datasets import titles_as_orgs

    return keep_labels([titles_as_orgs(ex) for ex in synthetic_examples(n, 0)])


def test_spacy_training_keeps_only_the_network_labels():
    examples = keep_labels(synthetic_examples(40, 0))
    assert {label for ex in examples for *_, label in ex.entities} <= set(LABELS)
    assert all(a.text == b.text for a, b in zip(examples, synthetic_examples(40, 0)))


def test_tiny_training_run_end_to_end(tmp_path):
    examples = _invented(40)
    result = train(examples[:30], examples[30:], tmp_path / "work", TINY)
    assert result.docbin_report["misaligned"] == 0
    out = package(result.nlp, tmp_path / "model", {"config_hash": config_hash(TINY), "people_daily_held_out": {"PER": {"p": 1, "r": 0.5, "f1": 0.667, "gold": 2}}})
    card.write_card(out)
    assert not (out / "model-last").exists()
    import pipeline.ner.component  # noqa: F401  (registers difang_rules)

    nlp = spacy.load(out)
    assert nlp.pipe_names == ["difang_rule_features", "tok2vec", "ner", "difang_rules"]
    assert set(nlp.get_pipe("ner").labels) <= set(LABELS)
    assert nlp.config["components"]["difang_rules"]["model_labels"] == list(LABELS)
    assert json.loads((out / "meta.json").read_text())["difang"]["config_hash"] == config_hash(TINY)
    doc = nlp("今年3月，投资约2亿元。")
    assert ("约2亿元", "MONEY") in {(e.text, e.label_) for e in doc.ents}
    scores = score_spans(nlp, examples[30:])
    assert set(scores) == {*LABELS, "micro"} and all(0 <= s["f1"] <= 1 for s in scores.values())
    written = (out / "MODEL_CARD.md").read_text()
    assert "config hash" in written and "| PER | 1.000 | 0.500 |" in written


class _FixedEnts:
    """Stands in for the trained ner: sets given (start, end, label) character spans."""

    def __init__(self, spans):
        self.spans = spans

    def __call__(self, doc):
        doc.ents = [doc.char_span(s, e, label=label) for s, e, label in self.spans]
        return doc


def test_packaged_rules_layer_keeps_the_networks_places_and_owns_titles_and_numbers():
    import pipeline.ner.component  # noqa: F401

    # Invented: the network found a person, a place, the organisation inside a post and a wrong
    # MONEY; the rules find the post (TITLE) and the money.
    text = "区委书记钱晓岚在青禾镇调研，投资约2亿元。"
    nlp = spacy.blank("zh")
    doc = _FixedEnts([(0, 2, "ORG"), (4, 7, "PER"), (8, 11, "LOC"), (17, 19, "MONEY")])(nlp.make_doc(text))
    rules = add_rules(nlp).get_pipe("difang_rules")
    found = {(e.text, e.label_) for e in rules(doc).ents}
    assert {("钱晓岚", "PER"), ("青禾镇", "LOC"), ("约2亿元", "MONEY")} <= found
    assert ("区委书记", "TITLE") in found and ("区委", "ORG") not in found
    assert ("2亿", "MONEY") not in found


def test_card_drops_a_lodo_table_of_another_configuration(tmp_path):
    old = f"{card.LODO_START}\nconfig hash `aaaa`\n| table |\n{card.LODO_END}"
    assert card._lodo_section(old, "aaaa") == old
    assert card._lodo_section(old) == old
    assert "Not evaluated" in card._lodo_section(old, "bbbb")


def test_training_is_deterministic(tmp_path):
    data = _invented(25)
    digests = []
    for run in ("a", "b"):
        result = train(data, data[:3], tmp_path / run, TINY)
        out = package(result.nlp, tmp_path / f"model-{run}", {"config_hash": "x"})
        digests.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert digests[0].keys() == digests[1].keys()
    assert [k for k in digests[0] if digests[0][k] != digests[1][k]] == []
