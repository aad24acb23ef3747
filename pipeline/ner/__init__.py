"""NER backends (crf, spacy, hanlp, ensemble), the rules layer and nested entities.

Importing the package loads no NLP library; `import pipeline.ner.component` registers the
`difang_rules` spaCy components (the installed package also declares them as spaCy entry points).
"""
