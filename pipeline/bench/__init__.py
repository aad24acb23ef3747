"""`make bench`: chars/s per stage, peak memory, worker speed-up and pipeline overhead on a scaled corpus.

corpus.py builds the corpus from the seeds and data/sample (never written into the repo's tracked
files); measure.py runs the pipeline and the bare NER pass in child processes and samples their
memory; report.py turns the measurements into results.json and a markdown table; cli.py wires them.
"""
