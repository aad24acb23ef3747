"""CRF NER backend: a linear-chain CRF over characters (python-crfsuite), trained here.

Labels PER, LOC, ORG in BIO; TITLE, dates and numbers come from the rules layer, which runs once
per text and whose labels are also an input feature of the CRF (as in the spaCy pipeline).

Features of character i (`char_features`), all strings as CRFsuite wants them:
- the characters at i-2 … i+2, and the bigrams and one trigram around i (digits folded to 0,
  Latin letters to A: the shape matters there, not the value);
- gazetteer tags (B/I/E/S of the longest match covering i, found with an Aho-Corasick automaton):
  `div` administrative divisions from jionlp down to townships (pipeline.divisions), `sur`
  surnames, `ttl` post titles and byline roles ending right before i (a name follows them), `osf`
  organisation suffixes;
- the rules layer's label of i (B-TITLE, I-QUANTITY, O …);
- where a name may be (at a surname, and the two characters after one) and no division name is
  written (江津区 opens with a surname): the clusters of the characters at i-1, i and i+1
  (`clusters.json` in the model folder, learned from the training texts by
  pipeline.training.clusters), so a rare given-name character reads like the common ones it
  behaves like. Only there: everywhere, the same features lowered places as much as they raised
  persons.

Spaces that OCR or PDF wrapping put inside a word are squeezed out before tagging, as the rules
do (`pipeline.ner.rules.squeeze`), and offsets are mapped back, so `王 群` and `王群` are tagged
alike, while spaces between whole words stay (`编辑:张三 李四` is two names, not one).

The model is `models/crf_ner/model.crfsuite` with `clusters.json` and `difang.json` (name, version,
config hash, training data); a model folder without clusters.json is read without the cluster
features. Loading and tagging need only python-crfsuite and pyahocorasick.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ModelError

MODEL_FILE = "model.crfsuite"
META_FILE = "difang.json"
CLUSTERS_FILE = "clusters.json"
LABELS = ("PER", "LOC", "ORG")
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Every whitespace character (str.isspace) is below U+3001; the table is built from the predicate.
_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
_FOLD = str.maketrans({**dict.fromkeys(_WHITESPACE, "_"), **dict.fromkeys(_ASCII_LETTERS, "A"), **dict.fromkeys("0123456789０１２３４５６７８９", "0")})

Span = tuple[int, int, str]


def fold(text: str) -> str:
    """The text as feature values, one character for one: digits (ASCII and full-width) → 0, ASCII
    letters → A, whitespace → _, everything else as it is."""
    return text.translate(_FOLD)


@dataclass
class Lexicon:
    """The word lists the features look up, each an Aho-Corasick automaton."""

    automata: dict[str, object]

    @classmethod
    def build(cls, lists: dict[str, list[str]]) -> "Lexicon":
        import ahocorasick

        automata = {}
        for name, words in lists.items():
            automaton = ahocorasick.Automaton()
            for word in set(words):
                if word:
                    automaton.add_word(word, len(word))
            automaton.make_automaton()
            automata[name] = automaton
        return cls(automata)

    def tags(self, name: str, text: str) -> list[str]:
        """B/I/E/S of the longest non-overlapping matches of list `name` (left to right), else ''."""
        tags = [""] * len(text)
        automaton = self.automata[name]
        if not len(automaton):
            return tags
        for end, length in automaton.iter_long(text):
            start = end - length + 1
            if length == 1:
                tags[start] = "S"
                continue
            tags[start] = "B"
            for k in range(start + 1, end):
                tags[k] = "I"
            tags[end] = "E"
        return tags


def lexicon_lists() -> dict[str, list[str]]:
    """The word lists of the CRF features: divisions (jionlp), surnames, titles, org suffixes."""
    from pipeline import divisions
    from pipeline.ner.rules import GAZETTEER_DIR, load_gazetteers, read_list

    gaz = load_gazetteers()
    names = set()
    for d in divisions.load("township").items:
        names.add(d.name)
        if d.short and len(d.short) >= 2:
            names.add(d.short)
    titles = [t.rstrip("*") for t in gaz["titles"]] + gaz["byline_roles"]
    return {
        "div": sorted(names | set(gaz["places"])),
        "sur": gaz["surnames"],
        "ttl": titles,
        "osf": read_list(GAZETTEER_DIR / "org_suffixes.txt") + gaz["org_units"],
    }


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The feature lexicon of `lexicon_lists`, built once per process (the tagger and the nested
    places share it: the division automaton holds 47k names)."""
    return Lexicon.build(lexicon_lists())


def division_automaton():
    """The `div` automaton (administrative divisions and places.txt) of the shared lexicon."""
    return default_lexicon().automata["div"]


def rule_tags(text: str, matches) -> list[str]:
    """Per-character rule label (B-X / I-X / O) of rule matches with offsets into text."""
    tags = ["O"] * len(text)
    for m in matches:
        tags[m.start] = "B-" + m.label
        for k in range(m.start + 1, m.end):
            tags[k] = "I-" + m.label
    return tags


def char_features(text: str, lexicon: Lexicon, rules: list[str], clusters: dict[str, int] | None = None) -> list[list[str]]:
    """The feature strings of every character of `text` (already squeezed); `clusters` ({folded
    character: cluster id}, or None for none) adds the cluster features where a name may be."""
    n = len(text)
    chars = ["^", "^", *fold(text), "$", "$"]
    div = lexicon.tags("div", text)
    sur = lexicon.tags("sur", text)
    osf = lexicon.tags("osf", text)
    ttl = lexicon.tags("ttl", text)
    ttl_end = [""] * n  # a title or byline role ends right before i: a name may start here
    ttl_next = [""] * n  # a title starts right after i (李明书记): a name may end here
    for i, tag in enumerate(ttl):
        if tag in ("E", "S") and i + 1 < n:
            ttl_end[i + 1] = "T"
        if tag in ("B", "S") and i > 0:
            ttl_next[i - 1] = "T"
    out = []
    for i in range(n):
        a, b, c, d, e = chars[i : i + 5]
        out.append([
            "b", "c-2=" + a, "c-1=" + b, "c0=" + c, "c1=" + d, "c2=" + e,
            "b-2=" + a + b, "b-1=" + b + c, "b0=" + c + d, "b1=" + d + e, "t0=" + b + c + d,
            "div=" + div[i], "sur=" + sur[i], "sur1=" + (sur[i + 1] if i + 1 < n else "$"), "osf=" + osf[i],
            "ttl=" + ttl_end[i], "ttl1=" + ttl_next[i],
            "r=" + rules[i], "r-1=" + (rules[i - 1] if i else "^"), "r1=" + (rules[i + 1] if i + 1 < n else "$"),
        ])
        if clusters is not None and not div[i] and (sur[i] or (i and sur[i - 1] in ("S", "E")) or (i > 1 and sur[i - 2] in ("S", "E"))):
            out[-1] += ["k-1=%s" % clusters.get(b, "-"), "k0=%s" % clusters.get(c, "-"), "k1=%s" % clusters.get(d, "-")]
    return out


def bio_to_spans(tags: list[str]) -> list[Span]:
    """(start, end, label) runs of a BIO or BIOES sequence; an I-/E- without its B- opens a span,
    E- and S- close one."""
    spans, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if kind in ("I", "E") and label == name:
            if kind == "E":
                spans.append((start, i + 1, label))
                start = label = None
            continue
        if label is not None:
            spans.append((start, i, label))
            start = label = None
        if kind in ("B", "I"):
            start, label = i, name
        elif kind in ("E", "S"):
            spans.append((i, i + 1, name))
    return spans


def spans_to_bio(n: int, spans: list[Span], scheme: str = "BIO") -> list[str]:
    """Per-character tags of PER/LOC/ORG spans in BIO, or BIOES (E- ends a span, S- is a
    one-character span: the tagger then learns where names end, not only where they start)."""
    tags = ["O"] * n
    for start, end, label in spans:
        if label not in LABELS:
            continue
        tags[start] = "B-" + label
        for k in range(start + 1, end):
            tags[k] = "I-" + label
        if scheme == "BIOES":
            if end - start == 1:
                tags[start] = "S-" + label
            else:
                tags[end - 1] = "E-" + label
    return tags


class CrfTagger:
    """A trained CRF and its lexicon; `spans(text, rule_matches)` gives PER/LOC/ORG spans."""

    def __init__(self, model_dir: Path, model_file: str = MODEL_FILE):
        import pycrfsuite

        self.model_dir = Path(model_dir)
        self.tagger = pycrfsuite.Tagger()
        try:
            self.tagger.open(str(self.model_dir / model_file))
        except Exception as exc:  # a missing or corrupt file: say what to do
            raise ModelError(f"cannot load the CRF NER model in {model_dir}: {exc}; rerun `make train`") from exc
        self.lexicon = default_lexicon()
        self.clusters = read_clusters(self.model_dir)

    def spans(self, text: str, rule_matches) -> list[Span]:
        """Entity spans of `text` (offsets into text); `rule_matches` are the rules' matches on it."""
        return [span[:3] for span in self.scored_spans(text, rule_matches)]

    def scored_spans(self, text: str, rule_matches) -> list[tuple[int, int, str, float]]:
        """(start, end, label, score) of each span: score is the lowest marginal probability
        (CRFsuite's forward-backward, Tagger.marginal) of the tags the CRF chose over the span."""
        from pipeline.ner.rules import squeeze

        squeezed, index = squeeze(text)
        if not squeezed:
            return []
        position = {raw: k for k, raw in enumerate(index)}
        squeezed_rules = rule_tags(squeezed, [_Shifted(position, m) for m in rule_matches if m.start in position and (m.end - 1) in position])
        tags = self.tagger.tag(char_features(squeezed, self.lexicon, squeezed_rules, self.clusters))
        return [
            (index[s], index[e - 1] + 1, label, min(self.tagger.marginal(tags[k], k) for k in range(s, e)))
            for s, e, label in bio_to_spans(tags)
        ]


@dataclass(frozen=True)
class _Shifted:
    """A rule match moved into squeezed coordinates."""

    start: int
    end: int
    label: str

    def __init__(self, position: dict[int, int], match):
        object.__setattr__(self, "start", position[match.start])
        object.__setattr__(self, "end", position[match.end - 1] + 1)
        object.__setattr__(self, "label", match.label)


def read_clusters(model_dir: Path) -> dict[str, int] | None:
    """The model's character clusters ({character: id}), or None when its folder has none."""
    path = Path(model_dir) / CLUSTERS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def read_meta(model_dir: Path) -> dict:
    path = Path(model_dir) / META_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def model_id(model_dir: Path) -> str:
    """crf_<name>-<version>+<config hash> from difang.json."""
    meta = read_meta(model_dir)
    return f"crf_{meta.get('name', 'difang_ner')}-{meta.get('version', '0')}+{meta.get('config_hash', 'unknown')}"


@lru_cache(maxsize=2)
def load(model_dir: str) -> CrfTagger:
    """The tagger of a local model folder, once per process."""
    return CrfTagger(Path(model_dir))
