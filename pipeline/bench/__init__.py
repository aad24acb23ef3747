"""`make bench`: chars/s per stage, peak memory, worker speed-up, pipeline overhead and difang against LAC on a scaled corpus.

corpus.py builds the corpus from the seeds and data/sample (never written into the repo's tracked
files); measure.py runs the pipeline, the bare NER pass (bare_ner.py) and the peer LAC
(peer_lac.py) in child processes and samples their memory; report.py turns the measurements into
results.json and a markdown table; cli.py wires them.
"""
