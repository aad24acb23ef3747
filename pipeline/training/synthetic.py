"""Invented training sentences: made-up people holding standard posts, with dates and figures.

Adds recall for PER and TITLE without copying anyone's text. Names are invented (surname list ×
given-name characters), posts are built from the gazetteers (level + org unit + role word),
verbs and figures come from small fixed lists. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from pipeline.ner.rules import GAZETTEER_DIR, load_gazetteers, read_list
from pipeline.training.corpus import Example
from pipeline.wordlists import read_credit_roles

VERBS = ("出席", "强调", "指出", "调研", "主持", "参加", "讲话", "带队", "看望", "会见")
OBJECTS = ("会议并讲话", "活动", "座谈会", "专题会议", "调研活动", "推进会", "工作会", "现场会")
LEVELS = ("区", "市", "县", "区委", "市委")
ROLES = ("书记", "副书记", "主席", "副主席", "区长", "副区长", "部长", "副部长", "主任", "副主任", "局长", "副局长", "常委", "秘书长")
UNITS = ("统战部", "组织部", "宣传部", "政协", "人大常委会", "总工会", "关工委", "教委", "财政局", "民政局", "城市管理局", "网信办")
PLACE_SUFFIXES = ("街道", "镇", "社区", "村")
MEASURES = ("个", "项", "场次", "人次", "户", "家", "名", "件", "篇", "平方米", "公里", "亩", "吨")
SUBJECTS = ("开展活动", "走访企业", "新增就业", "服务群众", "完成项目", "接待来访", "解决问题", "培训干部")


class Builder:
    """Concatenates text pieces, recording the labelled ones as entities."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[tuple[int, int, str]] = []

    def add(self, text: str, label: str | None = None) -> "Builder":
        if label:
            self.entities.append((self.length, self.length + len(text), label))
        self.parts.append(text)
        self.length += len(text)
        return self

    def example(self) -> Example:
        return Example("synthetic", "".join(self.parts), tuple(self.entities))


class Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        gaz = load_gazetteers()
        self.surnames = gaz["surnames"]
        self.given = read_list(GAZETTEER_DIR / "given_chars.txt")
        self.translit = read_list(GAZETTEER_DIR / "translit_chars.txt")
        self.places = [p for p in gaz["places"] if len(p) >= 2]
        self.bylines = gaz["byline_roles"]
        credits = read_credit_roles()  # people's roles only: a furniture label (来源) names no one
        self.credits, self.colon_only = credits.roles, frozenset(credits.colon_only)

    def name(self) -> str:
        if self.rng.random() < 0.12:  # 阿布·热合曼, 扎西次仁: names of minority peoples, written out
            part = lambda: "".join(self.rng.choice(self.translit) for _ in range(self.rng.randint(2, 4)))
            return part() + "·" + part() if self.rng.random() < 0.7 else part() + part()
        given = "".join(self.rng.choice(self.given) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(self.surnames) + given

    def title(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(("区", "市", "县")) + self.rng.choice(UNITS) + self.rng.choice(ROLES)
        if r < 0.55:
            return self.rng.choice(("区委", "市委", "县委")) + self.rng.choice(("书记", "副书记", "常委"))
        if r < 0.7:
            return self.rng.choice(UNITS) + self.rng.choice(ROLES)
        if r < 0.85:
            return self.invented_place() + self.rng.choice(("党工委书记", "党委书记", "办事处主任", "镇长", "主任"))
        return self.rng.choice(("副区长", "区长", "副市长", "党组书记", "常务副主席", "主任"))

    def invented_place(self) -> str:
        return self.rng.choice(self.given) + self.rng.choice(self.given) + self.rng.choice(PLACE_SUFFIXES[:2])

    def date(self) -> str:
        month = self.rng.randint(1, 12)
        return self.rng.choice((f"{month}月{self.rng.randint(1, 28)}日", f"20{self.rng.randint(18, 25)}年{month}月", f"今年{month}月"))

    def figure(self) -> tuple[str, str]:
        kind = self.rng.random()
        n = self.rng.randint(2, 999)
        if kind < 0.5:
            return f"{n}{self.rng.choice(('', '余'))}{self.rng.choice(MEASURES)}", "QUANTITY"
        if kind < 0.75:
            return f"{self.rng.choice(('', '约', '近'))}{n / 10:g}{self.rng.choice(('万元', '亿元'))}", "MONEY"
        return f"{n / 10:g}%", "PERCENT"

    def credit_line(self, b: Builder) -> None:
        """One credit line in one of the layouts newspapers and portals use."""
        layout = self.rng.randrange(4)
        if layout == 0:  # 编辑:甲 乙   审核|丙
            for i in range(self.rng.randint(1, 3)):
                role = self.rng.choice(self.credits)
                separators = (":", "：", "|") if role in self.colon_only else (":", "：", "|", " ")  # 发布 甲 is no credit
                b.add("  " if i else "").add(role, "TITLE").add(self.rng.choice(separators))
                for k in range(self.rng.choice((1, 1, 2))):
                    b.add(" " if k else "").add(self.name(), "PER")
        elif layout == 1:  # 【责任编辑:甲】
            b.add("【").add(self.rng.choice(self.credits), "TITLE").add("：").add(self.name(), "PER").add("】")
        elif layout == 2:  # (记者 甲 摄影 乙)
            b.add("（").add(self.rng.choice(self.bylines), "TITLE").add(" ").add(self.name(), "PER")
            b.add(" ").add(self.rng.choice(("摄影", "摄")), "TITLE").add(" ").add(self.name(), "PER").add("）")
        else:  # bare author parentheses at the end: (甲 乙) / (甲、乙)
            b.add("（")
            for k in range(self.rng.randint(1, 2)):
                b.add(self.rng.choice((" ", "、")) if k else "").add(self.name(), "PER")
            b.add("）")

    def sentence(self) -> Example:
        b = Builder()
        r = self.rng.random()
        if r < 0.3:  # date, place: title(s) + name + verb
            b.add(self.date(), "DATE").add("，")
            titles = [self.title() for _ in range(self.rng.choice((1, 1, 2)))]
            for i, t in enumerate(titles):
                b.add(("、" if i else "")).add(t, "TITLE")
            b.add(self.name(), "PER").add(self.rng.choice(VERBS)).add(self.rng.choice(OBJECTS)).add("。")
        elif r < 0.5:  # coordination: one title, several names
            b.add(self.title(), "TITLE")
            for i in range(self.rng.randint(2, 3)):
                b.add("、" if i else "").add(self.name(), "PER")
            b.add("等").add(self.rng.choice(VERBS)).add("。")
        elif r < 0.65:  # name then title (X书记, X区长)
            b.add("在").add(self.rng.choice(self.places), "LOC").add("，")
            b.add(self.name(), "PER").add(self.rng.choice(("书记", "区长", "主任", "局长")), "TITLE")
            b.add(self.rng.choice(("指出", "强调", "表示"))).add("，要扎实做好各项工作。")
        elif r < 0.72:  # credit lines at the end of an article: 编辑:甲 乙 / 审核|丙 / (甲、乙)
            self.credit_line(b)
        elif r < 0.8:  # byline
            b.add("本报讯（")
            for i in range(self.rng.randint(1, 2)):
                b.add(" " if i else "").add(self.rng.choice(self.bylines), "TITLE").add(" ").add(self.name(), "PER")
            b.add("）").add(self.date(), "DATE").add("，记者从有关部门获悉。")
        else:  # figures
            fig, label = self.figure()
            b.add(self.date(), "DATE").add("以来，").add(self.rng.choice(self.places), "LOC").add("累计")
            b.add(self.rng.choice(SUBJECTS)).add(fig, label).add("。")
        return b.example()


def synthetic_examples(n: int, seed: int = 0) -> list[Example]:
    """`n` invented sentences, identical for the same (n, seed)."""
    gen = Generator(seed)
    return [gen.sentence() for _ in range(n)]
