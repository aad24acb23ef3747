"""HanLP NER backend: the BiLSTM-CRF trained here (models/hanlp_ner), or a HanLP pretrained identifier.

`ner.hanlp_model` is either a local folder (the default, models/hanlp_ner, written by `make
train`; same rules as the spaCy model: inside models/ unless `ner.allow_external_model`) or a
HanLP pretrained identifier such as MSRA_NER_ELECTRA_SMALL_ZH (or a URL). An identifier is an
external model: it needs `ner.allow_external_model: true` and network access the first time
(HanLP caches it in ~/.hanlp). Offline, `load` fails within seconds with a ModelError instead of
letting HanLP retry a download: the host is probed with a short timeout before HanLP is called.
Pretrained labels (MSRA NR/NS/NT, OntoNotes PERSON/GPE/ORG…) are mapped to difang's; labels
with no counterpart are dropped.

Texts are cut into paragraph/sentence chunks of at most MAX_CHARS characters (as in training),
spaces inside words are squeezed out (`pipeline.ner.rules.squeeze`, as the rules and the CRF
backend do), the remaining whitespace characters become `␣`, and entity offsets come back in the
original text. The model's PER spans are then tidied as the CRF backend tidies its own
(`tidy_names`: names run together are cut again, one-character and street-like names dropped,
a name read cleanly once is read the same way everywhere in the article).
"""

from __future__ import annotations

import json
import re
import socket
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from pipeline.errors import ModelError
from pipeline.offsets import strip_span

META_FILE = "difang.json"  # our metadata; HanLP itself reads config.json (a meta.json means TensorFlow to it)
MODEL_FILES = ("config.json", "vocabs.json", "model.pt")
SPACE = "␣"
MAX_CHARS = 160
PROBE_TIMEOUT = 3.0  # seconds to reach the download host before a pretrained identifier is given up
LOAD_TIMEOUT = 30.0  # socket timeout while HanLP downloads (a stalled connection fails instead of hanging)

# Pretrained HanLP label sets → difang labels.
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER", "NR": "PER", "nr": "PER",
    "LOC": "LOC", "LOCATION": "LOC", "NS": "LOC", "ns": "LOC", "GPE": "LOC", "FAC": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "NT": "ORG", "nt": "ORG",
    "DATE": "DATE", "TIME": "DATE",
    "MONEY": "MONEY", "PERCENT": "PERCENT", "QUANTITY": "QUANTITY",
    "TITLE": "TITLE",
}
_IDENTIFIER = re.compile(r"[A-Z][A-Z0-9_]+")
_BREAK = re.compile(r"\n+|(?<=[。！？；])")

Span = tuple[int, int, str]


def fix_crf_batch_first() -> None:
    """Work around a HanLP 2.1.5 bug: RNNTaggingModel builds `CRF(n_out, crf_constraints)`, so the
    CRF's second parameter `batch_first` receives None and the CRF reads (batch, seq) tensors as
    (seq, batch): training optimises the wrong sequences and decoding returns one tag per
    sentence. Idempotent; training and loading call it before HanLP builds a model."""
    from hanlp.components.taggers.rnn.rnntaggingmodel import RNNTaggingModel

    if getattr(RNNTaggingModel, "_difang_crf_fixed", False):
        return
    original = RNNTaggingModel.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.crf is not None:
            self.crf.batch_first = True

    RNNTaggingModel.__init__ = __init__
    RNNTaggingModel._difang_crf_fixed = True


def to_tokens(text: str) -> list[str]:
    """One token per character, whitespace as ␣ (training and prediction agree on this)."""
    return [SPACE if c.isspace() else c for c in text]


def is_pretrained(model: str) -> bool:
    """True for a HanLP pretrained identifier (UPPER_CASE name) or a URL, False for a folder."""
    text = str(model).strip()
    return bool(_IDENTIFIER.fullmatch(text)) or text.startswith(("http://", "https://"))


def resolve(model: str, allow_external_model: bool = False) -> str:
    """The local model folder (as a string) or the pretrained identifier, or a ModelError."""
    from pipeline.ner.local_models import resolve_model_dir

    text = str(model).strip()
    if is_pretrained(text):
        if not allow_external_model:
            raise ModelError(
                f"config key 'ner.hanlp_model' = {text!r} is a HanLP pretrained identifier: it is downloaded "
                "from the internet into ~/.hanlp, outside the repository's models/ folder. Set "
                "ner.allow_external_model=true to use it (needs network the first time), or point "
                "ner.hanlp_model at a local folder such as models/hanlp_ner (built by `make train`)"
            )
        return text
    return str(resolve_model_dir(text, allow_external_model, key="ner.hanlp_model", required=MODEL_FILES, example="models/hanlp_ner"))


def model_id(resolved: str) -> str:
    """hanlp_<name>-<version>+<config hash> of a local model; hanlp:<identifier> of a pretrained one."""
    if is_pretrained(resolved):
        return f"hanlp:{resolved}"
    meta_path = Path(resolved) / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    return f"hanlp_{meta.get('name', Path(resolved).name)}-{meta.get('version', '0')}+{meta.get('config_hash', 'unknown')}"


def _offline_error(identifier: str, reason: str) -> ModelError:
    return ModelError(
        f"cannot load the HanLP pretrained model {identifier!r} (config key 'ner.hanlp_model'): {reason}. "
        "difang runs offline; point ner.hanlp_model at a local HanLP model folder instead — the one "
        "`make train` builds is models/hanlp_ner — or, with network, run once to fill ~/.hanlp"
    )


def _cached_path(url: str) -> Path:
    from hanlp.utils.io_util import hanlp_home, path_from_url, split_if_compressed

    local, _ = split_if_compressed(path_from_url(url, save_dir=hanlp_home()))
    return Path(local)


def _probe(url: str, identifier: str) -> None:
    """Reach the download host within PROBE_TIMEOUT seconds or raise a ModelError."""
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname, port), timeout=PROBE_TIMEOUT):
            pass
    except OSError as exc:
        raise _offline_error(identifier, f"{parsed.hostname} is not reachable ({exc.__class__.__name__}: {exc})") from exc


@lru_cache(maxsize=4)
def load(resolved: str):
    """hanlp.load of a local folder or a pretrained identifier, once per process; CPU only."""
    import hanlp

    fix_crf_batch_first()
    if not is_pretrained(resolved):
        try:
            return hanlp.load(resolved, devices=-1, verbose=False)
        except Exception as exc:  # a corrupt or incompatible folder: tell the user what to do
            raise ModelError(f"cannot load the HanLP NER model in {resolved}: {exc}; rerun `make train`") from exc
    url = hanlp.pretrained.ALL.get(resolved, resolved)
    if not url.startswith(("http://", "https://")):
        raise ModelError(f"{resolved!r} (config key 'ner.hanlp_model') is not a HanLP pretrained identifier nor a local folder")
    if not _cached_path(url).exists():
        _probe(url, resolved)
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(LOAD_TIMEOUT)
    try:
        return hanlp.load(resolved, devices=-1, verbose=False)
    except (Exception, SystemExit) as exc:  # HanLP exits the process on some download failures
        raise _offline_error(resolved, f"{exc.__class__.__name__}: {exc}") from exc
    finally:
        socket.setdefaulttimeout(previous)


def chunks(text: str, max_chars: int = MAX_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of text: whole paragraphs or runs of sentences of at most max_chars
    (a longer sentence is cut every max_chars), none blank."""
    cuts = sorted({m.end() for m in _BREAK.finditer(text)} | {len(text)})
    pieces: list[tuple[int, int]] = []
    start = last = 0
    for cut in cuts:
        if cut - start > max_chars and last > start:
            pieces.append((start, last))
            start = last
        while cut - start > max_chars:
            pieces.append((start, start + max_chars))
            start += max_chars
        last = cut
        if (text[cut - 1 : cut] == "\n" or cut == len(text)) and cut > start:
            pieces.append((start, cut))
            start = cut
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def recut_adjacent_names(text: str, spans: list[Span], surnames: frozenset[str]) -> list[Span]:
    """Two PER spans that touch are a run of names that the tagger cut in the wrong place
    (王启明王 + 振 from 王启明王振 in a credit line the cleaner glued together): the run is cut
    again where both parts look like names (surname first, 2–3 characters; the first cut tried
    is after three characters, as `split_run_on_names` does), else left as it was."""
    from pipeline.ner.names import _name_like

    out: list[Span] = []
    for span in sorted(spans):
        last = out[-1] if out else None
        if last and last[2] == span[2] == "PER" and last[1] == span[0]:
            run = text[last[0] : span[1]]
            cut = next((k for k in (3, 2, 4) if "·" not in run and _name_like(run[:k], surnames) and _name_like(run[k:], surnames)), None)
            if cut is not None and last[0] + cut != span[0]:
                out[-1] = (last[0], last[0] + cut, "PER")
                out.append((last[0] + cut, span[1], "PER"))
                continue
        out.append(span)
    return out


def tidy_names(text: str, spans: list[Span], separators: set[int] | None = None) -> list[Span]:
    """The model's PER spans reworked as the CRF backend reworks its own (pipeline/ner/names.py):
    a PER that runs across a space separating two words (`separators`: positions of such spaces,
    those `squeeze` keeps) becomes its parts of two or more characters; touching PER spans are
    cut again where both parts look like names; five or more characters without a dot or space are
    cut into two names where both look like names; a one-character PER (no full name) and a PER
    ending like a street or reservoir are dropped; a name read cleanly once in the text is read
    the same way everywhere in it."""
    from pipeline.ner.names import apply_known_names, drop_place_like_names, drop_single_characters, split_run_on_names
    from pipeline.ner.rules import GAZETTEER_DIR, default_rules, read_list

    separators = separators or set()
    parts: list[Span] = []
    for start, end, label in spans:
        cuts = [i for i in range(start, end) if i in separators]
        if label != "PER" or not cuts:
            parts.append((start, end, label))
            continue
        edges = [start, *cuts, end]
        for s, e in zip(edges, edges[1:]):
            s, e = strip_span(text, s, e)
            if e - s >= 2:
                parts.append((s, e, label))
    rules = default_rules()
    surnames = frozenset(rules.gazetteers["surnames"])
    endings = frozenset(read_list(GAZETTEER_DIR / "not_name_endings.txt"))
    rows = split_run_on_names(text, recut_adjacent_names(text, parts, surnames), surnames)
    rows = drop_place_like_names(text, drop_single_characters(rows), endings)
    return sorted((s, e, label) for s, e, label, *_ in apply_known_names(text, rows))


def predict(component, texts: list[str], batch_size: int = 32, label_map: dict[str, str] | None = None, names: bool = True) -> list[list[Span]]:
    """Entity spans (start, end, label) of each text, offsets into that text.

    Spaces that OCR or PDF wrapping put inside words are squeezed out before tagging (as the
    rules and the CRF backend do: `王 群` is tagged like `王群`) and offsets mapped back; with
    `names`, PER spans are tidied by `tidy_names` (each text is one article)."""
    from pipeline.ner.rules import squeeze

    label_map = LABEL_MAP if label_map is None else label_map
    squeezed = [squeeze(text) for text in texts]
    pieces: list[tuple[int, int, int]] = []  # text index, start, end (squeezed offsets)
    for i, (text, _) in enumerate(squeezed):
        pieces.extend((i, s, e) for s, e in chunks(text))
    found_spans: list[list[Span]] = [[] for _ in texts]
    if pieces:
        outputs = component([to_tokens(squeezed[i][0][s:e]) for i, s, e in pieces], batch_size=batch_size)
        for (i, base, _), found in zip(pieces, outputs):
            index = squeezed[i][1]
            for entity in found:
                _, label, start, end = entity[:4]
                label = label_map.get(label)
                if label is None:
                    continue
                start, end = strip_span(texts[i], index[base + start], index[base + end - 1] + 1)
                if start < end:
                    found_spans[i].append((start, end, label))
    results = []
    for text, (_, index), spans in zip(texts, squeezed, found_spans):
        if names and spans:
            kept = set(index)
            spans = tidy_names(text, spans, {k for k in kept if text[k].isspace()})
        results.append(sorted(spans))
    return results
