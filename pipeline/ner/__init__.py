"""NER backends. Importing this package registers the `difang_rules` spaCy component."""

from pipeline.ner import component  # noqa: F401  (registers the spaCy factory)
