"""spaCy DocBin from (text, [(start, end, label)]) with a blank `zh` pipeline (char segmenter).

`make_docbin(examples)` is the helper the training code calls (after mapping gold offsets through
the cleaner); `export_docbin(seeds, out)` builds one from the raw seed text. With the character
segmenter every character span aligns, so `n_misaligned` should be 0; a span that does not align
(e.g. one that starts or ends on whitespace folded into a token) is counted and left out, never
silently snapped to another extent.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.annotations.gold import ANNOTATIONS_DIR, REPO_ROOT, load_all


class DocBinError(ValueError):
    """Bad input for a DocBin (overlapping spans, path inside the repo)."""


def blank_zh():
    """spacy.blank("zh"): its default segmenter is `char` (one token per character)."""
    import spacy

    nlp = spacy.blank("zh")
    segmenter = nlp.tokenizer.segmenter
    if str(getattr(segmenter, "value", segmenter)) != "char":
        raise DocBinError(f"blank zh pipeline uses segmenter {segmenter!r}, expected 'char'")
    return nlp


def make_docbin(
    examples: Iterable[tuple[str, list[tuple[int, int, str]]]],
    nlp=None,
    misaligned: list[tuple[int, int, int, str]] | None = None,
):
    """Build a DocBin; return (DocBin, n_misaligned).

    examples: (text, [(start, end, label), ...]) with character offsets, end exclusive.
    misaligned: if a list is given, (example_index, start, end, label) of each skipped span is appended.
    Overlapping spans raise DocBinError (gold entities never overlap; see the validator).
    """
    from spacy.tokens import DocBin

    nlp = nlp or blank_zh()
    db = DocBin(store_user_data=False)
    n_bad = 0
    for k, (text, spans) in enumerate(examples):
        doc = nlp.make_doc(text)
        ents = []
        for start, end, label in sorted(spans):
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is None:
                n_bad += 1
                if misaligned is not None:
                    misaligned.append((k, start, end, label))
                continue
            ents.append(span)
        try:
            doc.ents = ents
        except ValueError as exc:
            raise DocBinError(f"example {k}: overlapping entity spans ({exc})") from None
        db.add(doc)
    return db, n_bad


def export_docbin(seeds_dir: Path, out: Path, annotations_dir: Path = ANNOTATIONS_DIR):
    """Write a DocBin of the raw seeds and their entities; return (n_docs, n_spans, misaligned).

    misaligned: (stem, start, end, label) tuples. Refuses to write inside the repo (the DocBin holds seed text).
    """
    out = Path(out)
    if out.resolve().is_relative_to(REPO_ROOT):
        raise DocBinError(f"{out} is inside the repository; a DocBin contains seed text — write it elsewhere")
    docs = load_all(seeds_dir, annotations_dir)
    examples = [(d.raw, [(s.start, s.end, s.label) for s in d.entities]) for d in docs]
    bad: list[tuple[int, int, int, str]] = []
    db, _ = make_docbin(examples, misaligned=bad)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    n_spans = sum(len(s) for _, s in examples) - len(bad)
    return len(docs), n_spans, [(docs[k].stem, s, e, lab) for k, s, e, lab in bad]
