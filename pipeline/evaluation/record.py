"""`make record-eval`: copy the scores of the last `make eval` from build/ into the model cards.

`make eval` only writes under build/; the cards change only when this is run on purpose:
- models/ner/MODEL_CARD.md gets the leave-one-document-out table (build/eval.json, key `ner`);
- models/crf_ner (difang.json and MODEL_CARD.md) gets the real-news dev scores
  (build/realnews_dev.json, the detail file of eval's real-news section).

    python -m pipeline.evaluation.record [--eval-json build/eval.json] [--realnews-json build/realnews_dev.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.evaluation import ner_eval
from pipeline.training import card, crf_card

BUILD = Path(__file__).resolve().parents[2] / "build"
CRF_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "crf_ner"


def record_lodo(eval_json: Path, model_dir: Path = card.MODEL_DIR) -> Path:
    """Write the leave-one-document-out table of an eval run (its build/eval.json) into the NER card."""
    ner = json.loads(Path(eval_json).read_text(encoding="utf-8"))["ner"]
    return card.write_lodo(ner, ner_eval.format_table(ner), model_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.record", description=__doc__.splitlines()[0])
    parser.add_argument("--eval-json", type=Path, default=BUILD / "eval.json")
    parser.add_argument("--realnews-json", type=Path, default=BUILD / "realnews_dev.json")
    args = parser.parse_args(argv)
    missing = [str(path) for path in (args.eval_json, args.realnews_json) if not path.is_file()]
    if missing:
        print(f"no eval results in {', '.join(missing)}: run `make eval` first", flush=True)
        return 2
    # The real-news section can run alone (python -m pipeline.evaluation.realnews_eval writes
    # the realnews key of eval.json): record what there is, say what is not there.
    if "ner" in json.loads(args.eval_json.read_text(encoding="utf-8")):
        print(f"wrote {record_lodo(args.eval_json)}")
    else:
        print(f"{args.eval_json} has no leave-one-document-out table (key ner): models/ner/MODEL_CARD.md left as it is; run `make eval` for it", flush=True)
    print(f"wrote {crf_card.record_dev(CRF_MODEL_DIR, args.realnews_json)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
