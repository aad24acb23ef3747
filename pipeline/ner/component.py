"""The rules layer as spaCy components, saved inside the trained pipeline.

- `difang_rule_features` runs before tok2vec and writes each character's rule label into
  `token.lemma_`, an input feature of the network.
- `difang_rules` runs after ner and merges rule entities into `doc.ents`.

Importing this module registers both factories; `pipeline.ner` imports it, so
`import pipeline.ner; spacy.load("models/ner")` is all a user needs. Each component keeps its own
copy of the gazetteers in the model folder; the patterns come from pipeline/ner/rules.py, so
retrain after changing them (the network learned from their output).

Labels listed in `override_labels` (numbers, dates) are owned by the rules: the model's entities
of those labels are dropped (the number grammars are more precise there). `model_labels` (default
PER) limits which labels the model may add on top of the rules: in the leave-one-document-out
evaluation the model's extra TITLE/ORG/LOC spans cost more precision than they gained recall.
Set it to null to let the model add every label. `prefer="rules"` (the
default, best in the leave-one-document-out evaluation): every rule entity is kept and the model
fills the gaps. `prefer="model"`: the model's entities are kept and the rules fill the gaps, except
that a rule span strictly containing a model span of the same label replaces it (甘明远 over 甘明).
Entities that only the rules found are also recorded in `doc.spans["rules"]`, so callers can tell
rule entities from model entities.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.ner.rules import Rules, load_gazetteers

FACTORY = "difang_rules"
RULE_SPANS_KEY = "rules"


class RulesComponent:
    """Adds gazetteer and number-pattern entities to `doc.ents`."""

    def __init__(
        self, nlp: Language, name: str, override_labels: list[str], prefer: str = "rules", model_labels: list[str] | None = None
    ):
        if prefer not in ("rules", "model"):
            raise ValueError(f"difang_rules: prefer must be 'rules' or 'model', got {prefer!r}")
        self.name = name
        self.override_labels = list(override_labels)
        self.prefer = prefer
        self.model_labels = None if model_labels is None else set(model_labels)
        self.gazetteers = load_gazetteers()
        self.rules = Rules(self.gazetteers)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for m in self.rules.find(doc.text):
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                found.append(span)
        owned = set(self.override_labels)
        if self.model_labels is not None:
            owned |= {e.label_ for e in doc.ents} - self.model_labels
        model_spans = {(e.start, e.end, e.label_) for e in doc.ents}
        if self.prefer == "rules":
            kept_model = [e for e in doc.ents if e.label_ not in owned and not any(_overlaps(e, r) for r in found)]
        else:
            kept_model = [
                e for e in doc.ents
                if e.label_ not in owned and not any(_overlaps(e, r) and (r.label_ in owned or _widens(r, e)) for r in found)
            ]
        added = [r for r in found if not any(_overlaps(r, e) for e in kept_model)]
        doc.ents = filter_spans([*kept_model, *added])
        final = {(e.start, e.end, e.label_) for e in doc.ents}
        # Entities the model found itself stay "model" entities even when a rule agrees.
        doc.spans[RULE_SPANS_KEY] = [
            r for r in added if (r.start, r.end, r.label_) in final and (r.start, r.end, r.label_) not in model_spans
        ]
        return doc

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "gazetteers.json").write_text(json.dumps(self.gazetteers, ensure_ascii=False, indent=0), encoding="utf-8")

    def from_disk(self, path, exclude=tuple()):
        saved = json.loads((Path(path) / "gazetteers.json").read_text(encoding="utf-8"))
        # A list added to the rules after the model was saved comes from the repo's data files.
        self.gazetteers = {**load_gazetteers(), **saved}
        self.rules = Rules(self.gazetteers)
        return self


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _widens(rule: Span, model: Span) -> bool:
    """A rule span of the same label that strictly contains the model's (甘明 → 甘明远)."""
    return rule.label_ == model.label_ and rule.start <= model.start and model.end <= rule.end and len(rule) > len(model)


@Language.factory(
    FACTORY,
    default_config={"override_labels": ["MONEY", "PERCENT", "QUANTITY", "DATE"], "prefer": "rules", "model_labels": ["PER"]},
)
def make_rules(nlp: Language, name: str, override_labels: list[str], prefer: str, model_labels: list[str] | None) -> RulesComponent:
    """spaCy factory of the rules layer."""
    return RulesComponent(nlp, name, override_labels, prefer, model_labels)


FEATURES_FACTORY = "difang_rule_features"


class RuleFeatures(RulesComponent):
    """Marks each token with the rule label covering it (in `token.lemma_`: B-LOC, I-LOC, O), so the
    tok2vec can use the rules as an input feature (attrs LEMMA in configs/ner.cfg). `doc.ents` is
    left alone; the zh pipeline has no lemmatizer, so the attribute is free."""

    def __call__(self, doc: Doc) -> Doc:
        tags = ["O"] * len(doc)
        for m in self.rules.find(doc.text):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                tags[i] = ("B-" if i == span.start else "I-") + m.label
        for token, tag in zip(doc, tags):
            token.lemma_ = tag
        return doc


@Language.factory(FEATURES_FACTORY, default_config={"override_labels": []})
def make_rule_features(nlp: Language, name: str, override_labels: list[str]) -> RuleFeatures:
    """spaCy factory of the rule-feature annotator that runs before tok2vec."""
    return RuleFeatures(nlp, name, override_labels)
