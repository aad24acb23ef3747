"""The bare NER pass, for the overhead ratio: load what the ner stage loads and run its models over the article texts, nothing else.

Run as a child process by the bench (`python -m pipeline.bench.bare_ner --articles DIR --ner-config JSON`);
prints one JSON line of timings. Per `ner.backend` it loads what the ner stage loads and times the
same model work, with no tables, offsets, merging, nested entities, rows or Parquet around it:

- crf (the default): the rules (`default_rules()`) and the CRF tagger (`crf_backend.load`); per
  text `rules.find(text)` then `tagger.spans(text, matches)`, as `_crf_found` does (the rules run
  even with `ner.layers: [model]`, since their labels are CRF features);
- spacy: `spacy.load(models/ner)` (or the rules-only pipeline when `ner.layers` is [rules]) and
  `nlp.pipe` with the stage's batch size and disabled components;
- hanlp / ensemble: the stage's own `_layer_spans` over the layers it would run (HanLP, spaCy,
  rules), the models loaded first so that loading is timed apart.

`work_seconds` is the model work alone; `seconds` adds imports and loading (the stage pays both too).
"""

import argparse
import json
import time
from collections.abc import Callable

import pyarrow.parquet as pq


def _imports(backend: str) -> None:
    """The heavy imports of a backend (timed: the pipeline pays them too)."""
    if backend == "crf":
        import ahocorasick  # noqa: F401
        import pycrfsuite  # noqa: F401

        from pipeline.ner import crf_backend  # noqa: F401
        from pipeline.ner import rules  # noqa: F401
    if backend in ("spacy", "ensemble"):
        import spacy  # noqa: F401
    if backend in ("hanlp", "ensemble"):
        import hanlp  # noqa: F401


def _crf(config) -> tuple[Callable[[list[str]], int], list[str]]:
    from pipeline.ner import crf_backend
    from pipeline.ner.rules import default_rules
    from pipeline.stages import ner as stage

    tagger = crf_backend.load(stage._crf_dir(config)) if "model" in config.layers else None
    rules = default_rules()

    def work(texts: list[str]) -> int:
        found = 0
        for text in texts:
            matches = rules.find(text)
            found += len(tagger.spans(text, matches)) if tagger else 0
            found += len(matches) if "rules" in config.layers else 0
        return found

    return work, (["rules", "crf"] if tagger else ["rules"])


def _spacy(config) -> tuple[Callable[[list[str]], int], list[str]]:
    import spacy

    from pipeline.ner import spacy_backend as backend
    from pipeline.ner.component import FACTORY

    if "model" in config.layers:
        nlp = spacy.load(backend.resolve_model_dir(config.model, config.allow_external_model))
        disable = [] if "rules" in config.layers else [name for name in nlp.pipe_names if name == FACTORY]
    else:
        nlp, disable = backend.rules_pipeline(), []

    def work(texts: list[str]) -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=config.batch_size, disable=disable))

    return work, [n for n in nlp.pipe_names if n not in disable]


def _combined(config) -> tuple[Callable[[list[str]], int], list[str]]:
    from pipeline.ner import hanlp_backend
    from pipeline.ner import spacy_backend as backend
    from pipeline.ner.rules import default_rules
    from pipeline.stages import ner as stage

    models = ["hanlp"] if config.backend == "hanlp" else ["spacy", "hanlp"]
    sources = (models if "model" in config.layers else []) + (["rules"] if "rules" in config.layers else [])
    # Load into the backends' per-process caches, which _layer_spans then reads.
    if "spacy" in sources:
        backend.load_pipeline(str(backend.resolve_model_dir(config.model, config.allow_external_model)))
    if "hanlp" in sources:
        hanlp_backend.load(stage._hanlp_model(config))
    if "rules" in sources:
        default_rules()

    def work(texts: list[str]) -> int:
        spans = stage._layer_spans(texts, config, sources)
        return sum(len(found) for layer in spans.values() for found in layer)

    return work, sources


LOADERS = {"crf": _crf, "spacy": _spacy, "hanlp": _combined, "ensemble": _combined}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", required=True, help="articles table (folder of Parquet parts) of a pipeline run")
    parser.add_argument("--ner-config", required=True, help="the run's ner config section as JSON")
    args = parser.parse_args()
    texts = [t or "" for t in pq.ParquetDataset(args.articles).read(columns=["text"]).column("text").to_pylist()]
    settings = json.loads(args.ner_config)

    t0 = time.perf_counter()
    backend = settings.get("backend", "crf")
    _imports(backend)
    from pipeline.stages.ner import NerConfig

    config = NerConfig.model_validate(settings)
    t1 = time.perf_counter()
    work, components = LOADERS[config.backend](config)
    t2 = time.perf_counter()
    entities = work(texts)
    t3 = time.perf_counter()
    print(
        json.dumps(
            {
                "backend": config.backend,
                "layers": list(config.layers),
                "components": components,
                "import_seconds": round(t1 - t0, 3),
                "load_seconds": round(t2 - t1, 3),
                "work_seconds": round(t3 - t2, 3),
                "seconds": round(t3 - t0, 3),
                "texts": len(texts),
                "chars": sum(map(len, texts)),
                "entities": entities,
            }
        )
    )


if __name__ == "__main__":
    main()
