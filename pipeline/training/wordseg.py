"""Word segmentation: invented news sentences segmented by construction → spacy_pkuseg.train → models/pkuseg.

No segmented corpus can be downloaded, and the seeds are not segmented, so the training text is
made here: sentence templates whose every piece is a word by construction (invented names,
posts split into level / unit / role, dates, figures with their units, places from the
gazetteers), plus each gazetteer word alone on a line. The segmentation convention is the one
data/wordseg/README.md documents (and data/wordseg/eval.txt, written by hand from different
invented sentences, follows). A user dictionary of domain words (post titles, org units, places,
byline roles, with level prefixes) ships beside the model; `pkuseg(model_dir, user_dict=...)`
keeps its words whole.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

from pipeline.ner.rules import GAZETTEER_DIR, load_gazetteers, read_list

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO_ROOT / "models" / "pkuseg"
BUILD_DIR = REPO_ROOT / "build" / "pkuseg"
EVAL_FILE = REPO_ROOT / "data" / "wordseg" / "eval.txt"
USER_DICT = "user_dict.txt"
MODEL_FILES = ("features.msgpack", "weights.npz", USER_DICT)
# lexicon: general words added as training lines; 20,000 lowered word F1 on data/wordseg/eval.txt
# from 0.82 to 0.69 (they teach the model to glue characters), so none by default.
DEFAULTS = {"sentences": 3000, "seed": 0, "iterations": 10, "lexicon": 0}

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


def write_training_file(path: Path, n: int, seed: int, lexicon: int = 0) -> int:
    """Sentences (space-separated words, one per line) + every domain word and `lexicon` general
    words, each on its own line."""
    lines = [" ".join(w for w in s if w.strip()) for s in segmented_sentences(n, seed)]
    lines += domain_words() + lexicon_words(lexicon)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def read_segmented(path: Path) -> list[list[str]]:
    """Hand-segmented sentences: one per line, words separated by spaces, `#` comments."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.split())
    return out


def train_pkuseg(
    out_dir: Path = MODEL_DIR,
    sentences: int = DEFAULTS["sentences"],
    seed: int = DEFAULTS["seed"],
    iterations: int = DEFAULTS["iterations"],
    lexicon: int = DEFAULTS["lexicon"],
    workdir: Path = BUILD_DIR,
) -> dict:
    """Train a pkuseg model into out_dir (features.msgpack, weights.npz) with the user dictionary beside it."""
    import spacy_pkuseg

    workdir = Path(workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    n_lines = write_training_file(workdir / "train.txt", sentences, seed, lexicon)
    # pkuseg scores each iteration on a test file; a slice of the (invented) training text serves, the
    # real measurement is data/wordseg/eval.txt afterwards.
    test_lines = (workdir / "train.txt").read_text(encoding="utf-8").splitlines()[:200]
    (workdir / "test.txt").write_text("\n".join(test_lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    spacy_pkuseg.train(str(workdir / "train.txt"), str(workdir / "test.txt"), str(workdir / "model"), train_iter=iterations)
    seconds = time.perf_counter() - started
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for child in out_dir.iterdir():
        if child.name != "MODEL_CARD.md":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for name in ("features.msgpack", "weights.npz"):
        shutil.copy2(workdir / "model" / name, out_dir / name)
    (out_dir / USER_DICT).write_text("\n".join(domain_words()) + "\n", encoding="utf-8")
    return {"sentences": sentences, "seed": seed, "iterations": iterations, "lexicon": lexicon, "training_lines": n_lines, "seconds": round(seconds, 1)}


# Punctuation that is always a word of its own (not . % - / inside numbers such as 12.5% or 3/4).
PUNCTUATION = frozenset("“”‘’《》〈〉「」『』【】〔〕（）()[]{}，。、；：！？…—,;:!?\"'·")


def split_punctuation(word: str) -> list[str]:
    """A word cut where punctuation starts or ends (“乡村 → “ 乡村): punctuation is always a word of
    its own, even where the model glued it to a neighbour it never saw in training. A run of the
    same mark (……, ——) stays one word."""
    pieces: list[str] = []
    for ch in word:
        if pieces and (ch in PUNCTUATION) == (pieces[-1][-1] in PUNCTUATION) and (ch not in PUNCTUATION or ch == pieces[-1][-1]):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


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


def evaluate_segmenters(model_dir: Path = MODEL_DIR, eval_file: Path = EVAL_FILE) -> dict[str, dict]:
    """Word P/R/F1 on the hand-segmented eval set: the pkuseg model with and without the user
    dictionary, and the char baseline (one word per character, spaCy zh's default)."""
    import spacy_pkuseg

    gold = read_segmented(eval_file)
    texts = ["".join(words) for words in gold]
    model_dir = Path(model_dir)
    with_dict = load_pkuseg(model_dir, user_dict=True)
    without = load_pkuseg(model_dir, user_dict=False)
    def cut(seg, text: str) -> list[str]:
        return [piece for word in seg.cut(text) for piece in split_punctuation(word)]

    return {
        "pkuseg + user dict": score_segmentation(gold, [cut(with_dict, t) for t in texts]),
        "pkuseg (no user dict)": score_segmentation(gold, [cut(without, t) for t in texts]),
        "char baseline": score_segmentation(gold, [list(t) for t in texts]),
    }
