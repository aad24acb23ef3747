"""Measure the clean stage: dirty clean text with the noiser, clean it, compare with the original.

Sources are the invented clean passages in data/eval/clean_passages/ and the cleaned sample
pages in data/sample/. Reported per noise style: character error rate (Levenshtein distance /
original length) and how many legitimate spaces were lost: those of Latin words, codes and brand
names, and apart from them those between the names of a credit line (编辑：甲某 乙某), which a
wrap inside a name can cost.

    python -m pipeline.evaluation.clean_eval
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from pipeline.evaluation.noiser import STYLES, add_noise
from pipeline.stages.clean import CleanConfig, clean_text

REPO = Path(__file__).resolve().parents[2]
PASSAGES_DIR = REPO / "data" / "eval" / "clean_passages"
SAMPLE_DIR = REPO / "data" / "sample"
SEEDS = (0, 1, 2)


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), one numpy row per character of `a`."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    codes_b = np.array([ord(c) for c in b])
    steps = np.arange(len(b) + 1)
    row = steps.copy()
    for i, char in enumerate(a, start=1):
        substitution = row[:-1] + (codes_b != ord(char))
        deletion = row[1:] + 1
        new = np.empty_like(row)
        new[0] = i
        new[1:] = np.minimum(substitution, deletion)
        # Insertions chain along the row: new[j] = min over k<=j of new[k] + (j - k).
        row = np.minimum.accumulate(new - steps) + steps
    return int(row[-1])


_HAN = re.compile(r"[\u3400-\u9fff]")


def _between_han(text: str, start: int) -> bool:
    return start > 0 and start + 1 < len(text) and bool(_HAN.match(text[start - 1])) and bool(_HAN.match(text[start + 1]))


def destroyed_spaces(original: str, cleaned: str, between_han: bool = False) -> int:
    """How many of the original's spaces no longer appear, with their neighbours, in the cleaned
    text: spaces next to a Latin word or code, or (`between_han`) spaces between two Chinese
    characters (in a clean reference only credit lines have those)."""
    missing = 0
    for m in re.finditer(" ", original):
        if _between_han(original, m.start()) != between_han:
            continue
        left = original[max(m.start() - 3, 0) : m.start()].split("\n")[-1]
        right = original[m.end() : m.end() + 3].split("\n")[0]
        if f"{left} {right}" not in cleaned:
            missing += 1
    return missing


def _spaces(text: str, between_han: bool) -> int:
    return sum(_between_han(text, m.start()) == between_han for m in re.finditer(" ", text))


def sources(config: CleanConfig) -> dict[str, str]:
    """Clean reference texts by name: the passages as written, the sample pages as cleaned."""
    texts = {p.stem: p.read_text(encoding="utf-8").strip("\n") for p in sorted(PASSAGES_DIR.glob("*.txt"))}
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        texts[f"sample/{path.stem}"] = clean_text(path.read_text(encoding="utf-8"), config).text
    return texts


def evaluate_cleaning(config: CleanConfig | None = None, seeds: tuple[int, ...] = SEEDS) -> dict:
    """CER and destroyed legitimate spaces per noise style, and overall, over all sources × seeds."""
    config = config or CleanConfig()
    per_style: dict[str, dict] = {}
    texts = sources(config)
    for style in STYLES:
        errors = chars = destroyed = spaces = credit_destroyed = credit_spaces = exact = runs = 0
        for original in texts.values():
            for seed in seeds:
                cleaned = clean_text(add_noise(original, style, seed), config).text
                errors += levenshtein(original, cleaned)
                chars += len(original)
                destroyed += destroyed_spaces(original, cleaned)
                spaces += _spaces(original, between_han=False)
                credit_destroyed += destroyed_spaces(original, cleaned, between_han=True)
                credit_spaces += _spaces(original, between_han=True)
                exact += cleaned == original
                runs += 1
        per_style[style] = {
            "cer": errors / chars,
            "edits": errors,
            "chars": chars,
            "legit_spaces": spaces,
            "spaces_destroyed": destroyed,
            "credit_spaces": credit_spaces,
            "credit_spaces_destroyed": credit_destroyed,
            "exact": exact,
            "runs": runs,
        }
    total_edits = sum(s["edits"] for s in per_style.values())
    total_chars = sum(s["chars"] for s in per_style.values())
    return {
        "styles": per_style,
        "cer": total_edits / total_chars,
        "spaces_destroyed": sum(s["spaces_destroyed"] for s in per_style.values()),
        "legit_spaces": sum(s["legit_spaces"] for s in per_style.values()),
        "credit_spaces_destroyed": sum(s["credit_spaces_destroyed"] for s in per_style.values()),
        "credit_spaces": sum(s["credit_spaces"] for s in per_style.values()),
        "sources": len(texts),
        "seeds": list(seeds),
    }


def format_table(result: dict) -> str:
    """The evaluation as a plain-text table."""
    lines = [f"{'style':<10} {'CER':>8} {'edits':>6} {'chars':>7} {'spaces lost':>12} {'credit':>8} {'exact':>7}"]
    for style, s in result["styles"].items():
        lines.append(
            f"{style:<10} {s['cer']:>8.3%} {s['edits']:>6} {s['chars']:>7} "
            f"{s['spaces_destroyed']:>5}/{s['legit_spaces']:<6} {s['credit_spaces_destroyed']:>3}/{s['credit_spaces']:<4} {s['exact']:>3}/{s['runs']:<3}"
        )
    lines.append(
        f"{'all':<10} {result['cer']:>8.3%} {'':>6} {'':>7} {result['spaces_destroyed']:>5}/{result['legit_spaces']:<6}"
        f" {result['credit_spaces_destroyed']:>3}/{result['credit_spaces']:<4}"
    )
    lines.append("spaces lost: of Latin words and codes; credit: between the names of a credit line (a wrap inside a name costs one)")
    lines.append(f"({result['sources']} clean sources × {len(result['seeds'])} seeds per style)")
    return "\n".join(lines)


def main() -> dict:
    result = evaluate_cleaning()
    print(format_table(result))
    return result


if __name__ == "__main__":
    main()
