"""NER training: gold → clean-text examples → DocBins → spacy train → models/ner (see __main__)."""
