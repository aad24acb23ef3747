"""The bare NER pass, for the overhead ratio: load the NER model and nlp.pipe the article texts, nothing else.

Run as a child process by the bench (`python -m pipeline.bench.bare_ner --articles DIR --ner-config JSON`);
prints one JSON line of timings. It loads exactly the spaCy pipeline the ner stage would (the trained
model from a local folder, or the rules-only pipeline when `ner.layers` is [rules]) with the same
disabled components and nlp.pipe batch size, but no tables, offsets, rows or Parquet around it.
"""

import argparse
import json
import time

import pyarrow.parquet as pq


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", required=True, help="articles table (folder of Parquet parts) of a pipeline run")
    parser.add_argument("--ner-config", required=True, help="the run's ner config section as JSON")
    args = parser.parse_args()
    texts = [t or "" for t in pq.ParquetDataset(args.articles).read(columns=["text"]).column("text").to_pylist()]

    t0 = time.perf_counter()
    import spacy  # noqa: F401  (timed: the pipeline pays this import too)

    from pipeline.ner import spacy_backend as backend
    from pipeline.ner.component import FACTORY
    from pipeline.stages.ner import NerConfig

    config = NerConfig.model_validate(json.loads(args.ner_config))
    t1 = time.perf_counter()
    if "model" in config.layers:
        model_dir = backend.resolve_model_dir(config.model, config.allow_external_model)
        nlp = spacy.load(model_dir)
        disable = [] if "rules" in config.layers else [name for name in nlp.pipe_names if name == FACTORY]
    else:
        nlp, disable = backend.rules_pipeline(), []
    t2 = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=config.batch_size, disable=disable))
    t3 = time.perf_counter()
    print(
        json.dumps(
            {
                "import_seconds": round(t1 - t0, 3),
                "load_seconds": round(t2 - t1, 3),
                "pipe_seconds": round(t3 - t2, 3),
                "seconds": round(t3 - t0, 3),
                "texts": len(texts),
                "chars": sum(map(len, texts)),
                "entities": entities,
                "pipe_names": [n for n in nlp.pipe_names if n not in disable],
            }
        )
    )


if __name__ == "__main__":
    main()
