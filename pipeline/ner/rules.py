"""The rules layer: gazetteer and number patterns that find entities in clean page text.

Plain regular expressions over the text (no spaCy here), so the layer runs alone, after the
model (filling gaps) or not at all. Patterns are built from the word lists in data/gazetteers/
(public post titles, organisational units, administrative divisions, surnames) plus number
grammars for MONEY, PERCENT, QUANTITY and DATE. Spaces that OCR or PDF wrapping put inside
words (`2023年上半 年`, `甘 明`) are skipped while matching; returned offsets index the input.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.offsets import first_disjoint
from pipeline.wordlists import GAZETTEER_DIR, CreditRoles, read_list, read_rows, trie_alternation

REPO_ROOT = Path(__file__).resolve().parents[2]
GAZETTEER_FILES = ("titles", "byline_roles", "credit_roles", "org_units", "org_standalone", "places", "surnames", "public_figures")

# Label priority when two rule matches of the same length overlap (lower wins).
PRIORITY = {"MONEY": 0, "PERCENT": 1, "DATE": 2, "QUANTITY": 3, "TITLE": 4, "PER": 5, "ORG": 6, "LOC": 7}

HAN = r"[\u4e00-\u9fff]"
DIGIT = r"[0-9０-９]"
# Thousands separated by a comma (1,200; a full-width one after cleaning) or a space (3 000).
ARABIC = rf"{DIGIT}+(?:[,，][ ]?{DIGIT}{{3}}(?!{DIGIT})|[ \u00a0\u2009]{DIGIT}{{3}}(?![0-9０-９]))*(?:[.．]{DIGIT}+)?"
CHINESE = (
    r"(?:(?:[数几])?[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿几]*(?:点[零〇一二三四五六七八九]+)?"
    r"|[数几上][十百千万亿]+|(?<=[近逾超约])[百千万亿]+|[百千万]+(?=[余多]))"  # 数十, 上百, 近千, 百余: a multiplier with no digit
)
RANGE_SEP = r"\s?[至到~—–\-－]\s?"
# 20至30, 5—8 (万元), 5万至8万: a range of two Arabic numbers (a year range is a DATE, longer or equal)
ARABIC_RANGE = rf"{ARABIC}(?:[万亿千])?{RANGE_SEP}{ARABIC}"
MIXED = rf"(?:{DIGIT}+[亿万])+{DIGIT}+(?=[千百])"  # 3万5千 (the 千 is read as the multiplier)
# 两到三, 三至五, 五至八 (万元): a range of two Chinese numerals (5—8 written in words)
CHINESE_RANGE = r"[一二两三四五六七八九十百千万]+\s?[至到~—–－]\s?[一二两三四五六七八九十百千万]+"
# 1 2 0: single digits a PDF text layer spaced out, one number (not "0" after a space)
SPACED = rf"{DIGIT}(?: {DIGIT})+(?![0-9０-９])"
NUMBER = rf"(?:{ARABIC_RANGE}|{CHINESE_RANGE}|{MIXED}|{SPACED}|{ARABIC}|{CHINESE})"
# A minus sign before a rate (增长-3.2%, 为－1.5%); not after a digit or a letter (20-30% is a range).
SIGN = r"(?:(?<![0-9０-９A-Za-z])[-－−](?=[0-9０-９]))?"
APPROX_BEFORE = r"(?:近|约|超|逾)?"
APPROX_AFTER = r"(?:余|多|来)?"  # 10余万元, 300多名, 200来人
MULTIPLIER = r"(?:[十百千万亿]{1,2})?"
# A share written as a fraction (PERCENT): 三分之一, 二十分之一, 万分之五, 一半; Arabic 1/3 only after a
# Chinese word (占1/3, 约1/3, 减少1/3): at a line start or after 图/第 it is a counter (图1/3), and
# after a digit or a slash part of a date (2024/1/3).
CN_FRACTION = rf"(?:(?![百千]分)[一二两三四五六七八九十百千万]+分之{CHINESE}|一半|半数)"
ARABIC_SHARE = r"[1-9][0-9]?[/／][1-9][0-9]?(?![0-9/／])(?![页张期版])"
FRACTION = rf"(?:{APPROX_BEFORE}{CN_FRACTION}|(?:(?<=[\u4e00-\u9fff])(?<![图第期近约超逾])|[近约超逾]){ARABIC_SHARE})"
# A score in points (92.6分, 98分的成绩, 85分以上): Arabic only (十分 is "very"), not a time of day
# (10时30分) and not a word that starts with 分 (分钟, 分之一, 分公司): only a mark, 的, 以上/左右 follow.
SCORE_END = r"(?=[，,。；;、：:）)！？!?\s]|的|以上|以下|左右|$)"
# 3个多月, 两个多小时: 多 inside the unit 个月/个小时 (more than 3 months), not the count 3个
SPLIT_UNIT = r"个多(?:月|小时|星期)"
CURRENCY = r"(?:元人民币|美元|欧元|港元|日元|英镑|元|人民币|美金|港币)"


# Longest first: the regex engine takes the first alternative that matches.
UNITS_FILE = REPO_ROOT / "data" / "metrics" / "units.txt"
CLASHES_FILE = REPO_ROOT / "data" / "metrics" / "measure_word_clashes.txt"
MONEY_WORDS_FILE = REPO_ROOT / "data" / "metrics" / "money_words.txt"
MEASURE_WORDS = sorted(dict.fromkeys(read_list(UNITS_FILE)), key=len, reverse=True)
MEASURE = "(?:" + "|".join(m for m in MEASURE_WORDS if m != "个百分点") + ")"
# A second measure word in brackets after the first (30台（套）, 1.2万人（次）) belongs to the unit.
ALTERNATE_UNIT = rf"(?:[（(]{MEASURE}[）)])?"
# A rate per unit written after the unit (500元/亩, 30立方米/秒, 1200公斤/亩).
PER_UNIT = rf"(?:[/／](?:{MEASURE}|[月日秒时h]))?"
# A measure word followed by some characters starts another word (部门, 条件, 年度…), not a unit:
# data/metrics/measure_word_clashes.txt, one lookahead per measure word (3个目标 is a count).
CLASHES = {row[0]: row[1] for row in read_rows(CLASHES_FILE) if len(row) == 2}
CHECKED_MEASURE = "(?:" + "|".join(f"{re.escape(m)}(?![{CLASHES[m]}])" if m in CLASHES else re.escape(m) for m in MEASURE_WORDS if m != "个百分点") + ")"
NOT_BEFORE_NUMBER = r"(?<![第初A-Za-z0-9０-９\-/.．#号零〇一二两三四五六七八九十百千万亿])(?<![0-9０-９] )"
# Money and percentages may follow Latin letters (GDP3000亿元, CPI上涨2.1%: an abbreviation, not a code).
NOT_BEFORE_AMOUNT = r"(?<![第初0-9０-９\-/.．#号零〇一二两三四五六七八九十百千万亿])(?<![0-9０-９] )"
# A number with 万/亿 and no unit, closing its clause (总投资1.5亿，人口3.2万。).
BARE_AMOUNT = re.compile(rf"{NOT_BEFORE_AMOUNT}{APPROX_BEFORE}{NUMBER}{APPROX_AFTER}(?:万亿|千万|百万|亿|万){APPROX_AFTER}(?=[，,。；;、：:）)！？!?\s]|$)")
MONEY_CONTEXT = re.compile("|".join(read_list(MONEY_WORDS_FILE)))

MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])[日号]"
YEAR = r"(?:19|20)[0-9]{2}年"
YEAR_PART = r"(?:上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度|度|初|底|末)"
MONTH_PART = r"(?:上旬|中旬|下旬|初|底|末|份)"
RELATIVE_YEAR = r"(?:今年|去年|明年|前年)"
LUNAR_DAY = r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)"
LUNAR_MONTH = r"(?:正|一|二|三|四|五|六|七|八|九|十|冬|腊|十一|十二)月"
QUARTER = r"(?:前三季度|[一二三四]季度|第[一二三四]季度)"
DATES = (
    rf"(?:19|20)[0-9]{{2}}\s?[—\-–~至到]\s?(?:19|20)[0-9]{{2}}年",
    rf"(?:{YEAR}|{RELATIVE_YEAR})?{QUARTER}|{RELATIVE_YEAR}(?:上半年|下半年)",  # 今年一季度, 前三季度, 今年上半年
    rf"(?:{YEAR}|{RELATIVE_YEAR})?(?:1[0-2]|0?[1-9])\s?[—\-–~至到]\s?(?:1[0-2]|0?[1-9])月(?:份)?",  # 1—9月
    rf"(?:农历(?:{YEAR}|{RELATIVE_YEAR})?{LUNAR_MONTH}|(?:正|冬|腊)月){LUNAR_DAY}?",  # 农历八月十五, 正月初八, 冬月初六
    rf"(?:{YEAR}|{RELATIVE_YEAR})?{MONTH}(?:{DAY}(?:[至到—\-–~](?:{MONTH})?{DAY})?|{MONTH_PART})?",
    rf"{YEAR}{YEAR_PART}?",
)


COMPANY_SUFFIX = r"(?:股份有限公司|有限责任公司|有限公司|集团)"
LOCAL_SUFFIX = r"(?:街道|社区|小区|村|镇|乡)"
LOCAL_LEFT = r"\n，。、；：“”（）《》,;:()在到于进问住往至和与及由是为被向对让将把"
NAME_CHAR = r"[^\W\d_A-Za-z的了和与在是对为把被将等各全本我该此其个这那有多大小新老乡村镇街区县市省中上下内外召开提升善化解高入进谢走成经过随由于让渡交到期加完感形农]"


@dataclass(frozen=True)
class RuleMatch:
    start: int
    end: int
    label: str


def load_gazetteers(directory: Path = GAZETTEER_DIR) -> dict[str, list[str]]:
    """Every gazetteer the rules use, by file stem."""
    return {name: read_list(Path(directory) / f"{name}.txt") for name in GAZETTEER_FILES}


def _alternation(words) -> str:
    """Any of `words`, longest first, as a prefix-tree group (the same matches as a flat
    alternation, several times faster over long lists)."""
    return trie_alternation(words)


class Rules:
    """Compiled rule patterns; `find(text)` returns non-overlapping matches, longest first."""

    def __init__(self, gazetteers: dict[str, list[str]]):
        self.gazetteers = gazetteers
        titles = [t for t in gazetteers["titles"] if not t.endswith("*")]
        weak_titles = [t.rstrip("*") for t in gazetteers["titles"] if t.endswith("*")]
        places = _alternation(gazetteers["places"])
        units = _alternation(gazetteers["org_units"])
        # A local place (石马河街道, 福城社区): 2–4 name characters + a settlement suffix, anchored
        # on the left by punctuation or a verb of movement, since its start cannot be known otherwise.
        local = rf"{NAME_CHAR}{{2,4}}?{LOCAL_SUFFIX}"
        level = r"(?:区|市|县|镇|乡|街道|省|全国)"
        org = rf"(?:(?:{places}|{level}){units}+|(?:区委|市委|县委){units}*|{_alternation(gazetteers['org_standalone'])})(?![员会])"
        role = rf"(?:常务|代|原|时任)?{_alternation(titles + weak_titles)}"
        strong_role = rf"(?:常务|代)?{_alternation(titles)}"
        concurrent = r"(?:[(（]兼[)）])?"  # 区委组织部副部长（兼）: a post held concurrently
        self.byline_roles = _alternation(gazetteers["byline_roles"])
        # A bare role word (书记, 主任) is a TITLE only next to a name; with its org it stands alone.
        self.title = rf"(?:{org}|{units}+){role}(?!会){concurrent}"
        titled = rf"(?:(?:{org}|{units}+){role}{concurrent}|{strong_role})"
        self.name = rf"{_alternation(gazetteers['surnames'])}{HAN}{{1,2}}?"
        verbs = r"出席|主持|强调|指出|调研|参加|讲话|表示|介绍|说|带队|率队|会见|看望|慰问|走访|陪同|致辞|宣读"
        # 和 ends a name when another name follows (甲和乙出席), not a verb: 冉清和主持 is one name.
        name_end = (
            rf"(?={verbs}|"
            rf"一行|等|同志|为|在|的|带着|带领|率|主动|开展|就|对|向|与|和(?!{verbs})|将|也|还|亲自|作|围绕|听取|走进|"
            r"先后|分别|一同|共同|前往|来到|深入|以|给|从|把|被|提出|要求|希望|认为|告诉|[，,、。；;：:（(\n“”]|$)"
        )
        byline_end = rf"(?={self.byline_roles}|摄|报道|供图|/|[)）\n，,、。]|$)"
        # Credit words by kind (data/gazetteers/credit_roles.txt): a colon-only role (发布) heads a
        # name only before its colon or bar; a furniture label (来源) only ends a name.
        credit = CreditRoles.parse(gazetteers["credit_roles"])
        self.credit_roles = "(?:" + "|".join(
            re.escape(w) + (r"(?=[ \t\u3000]*[:：|｜])" if w in credit.colon_only else "") for w in credit.roles
        ) + ")"
        credit_words = _alternation(credit.words)
        credit_end = rf"(?=[ \t\u3000]|{credit_words}|[)）】\]\n，,、。|｜/]|$)"
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("MONEY", re.compile(rf"{NOT_BEFORE_AMOUNT}{APPROX_BEFORE}{NUMBER}{APPROX_AFTER}{MULTIPLIER}{APPROX_AFTER}{CURRENCY}{PER_UNIT}")),
            (
                "PERCENT",
                re.compile(
                    rf"{NOT_BEFORE_AMOUNT}(?:{APPROX_BEFORE}{SIGN}{ARABIC}[%％]{RANGE_SEP}{ARABIC}[%％]"  # 10%—20%: a range, both ends signed
                    rf"|{APPROX_BEFORE}{SIGN}{NUMBER}[%％‰]|[百千]分之(?:{CHINESE}|百)|{SIGN}{NUMBER}个多?百分点|{FRACTION})"
                ),
            ),
            ("DATE", re.compile(rf"(?<![0-9０-９])(?:{'|'.join(DATES)})")),
            (
                "QUANTITY",
                re.compile(
                    rf"{NOT_BEFORE_NUMBER}{APPROX_BEFORE}{NUMBER}{APPROX_AFTER}{MULTIPLIER}{APPROX_AFTER}(?:{SPLIT_UNIT}|{CHECKED_MEASURE}){ALTERNATE_UNIT}{PER_UNIT}"
                ),
            ),
            ("QUANTITY", re.compile(r"(?:(?<=翻)|(?<=翻了))[一两二三四五六七八九十]番")),  # 翻一番: doublings
            ("QUANTITY", re.compile(rf"{NOT_BEFORE_NUMBER}(?<![时点:：]){ARABIC}分{SCORE_END}")),  # 综合得分92.6分: a score
            ("TITLE", re.compile(self.title)),
            ("TITLE", re.compile(rf"(?:^|(?<=[{LOCAL_LEFT}])){local}+{units}*{role}(?!会)", re.M)),
            ("TITLE", re.compile(rf"(?<=[书主部局区市县镇]记、|[主]任、|[主]席、|[部局区市县镇]长、){strong_role}")),
            ("ORG", re.compile(org)),
            ("ORG", re.compile(rf"(?:^|(?<=[{LOCAL_LEFT}])){local}+{units}+(?![员会])", re.M)),
            ("ORG", re.compile(rf"(?:^|(?<=[{LOCAL_LEFT}]))(?:{places})?{NAME_CHAR}{{2,12}}?{COMPANY_SUFFIX}", re.M)),
            ("LOC", re.compile(rf"{places}+(?:{local})*")),
            ("LOC", re.compile(rf"(?:^|(?<=[{LOCAL_LEFT}])){local}+", re.M)),
        ]
        self.byline = re.compile(rf"(?P<title>{self.byline_roles})(?P<name>{self.name}){byline_end}")
        self.titled_name = re.compile(rf"(?P<title>{titled})(?P<name>{self.name}){name_end}")
        # Collective posts before a list of names: 县领导甲、乙, 市政协领导丙.
        self.collective = re.compile(rf"(?P<title>(?:{org}|{units}|[省市县区镇乡旗盟州])领导)(?P<name>{self.name}){name_end}")
        self.more_names = re.compile(rf"、(?P<name>{self.name}){name_end}")
        # Credit lines: 编辑:甲 乙 / 审核|丙 / 【责任编辑:丁】 / 记者/戊; names separated by spaces.
        self.credit = re.compile(rf"(?P<title>{self.credit_roles}|{self.byline_roles})[ \t\u3000]*[:：|｜/]?[ \t\u3000]*(?P<name>{self.name}){credit_end}")
        self.more_credit_names = re.compile(rf"[ \t\u3000、]+(?!{credit_words}|{self.byline_roles})(?P<name>{self.name}){credit_end}")
        # A name opening a clause, maybe with a title after it, then a speech verb or 同志 (。李明书记指出，).
        self.speaker = re.compile(
            rf"(?:^|(?<=[\n，。；：“”,;:以和与向]))(?P<name>{self.name})(?P<title>总书记|书记|区长|市长|县长|镇长|主席|主任)?"
            rf"(?=表示|说|介绍|指出|强调|认为|告诉记者|同志|[，。])", re.M
        )
        self.polite_name = re.compile(rf"(?<![\u4e00-\u9fff]{{2}}){_alternation(gazetteers['surnames'])}(?:先生|女士|老师)")

    def find(self, text: str) -> list[RuleMatch]:
        """All rule entities in `text`, non-overlapping, with offsets into `text`."""
        squeezed, index = squeeze(text)
        squeezed = squeezed.translate(HALF_WIDTH)  # ２０２４年 → 2024年, same length
        candidates = [m for m in self._candidates(squeezed) if self._keep(squeezed, m)]
        chosen = select(candidates)
        chosen = select(chosen + self._repeated_names(squeezed, chosen))
        return [RuleMatch(index[m.start], index[m.end - 1] + 1, m.label) for m in chosen]

    def _repeated_names(self, text: str, chosen: list[RuleMatch]) -> list[RuleMatch]:
        """Once a name is found with its evidence (a title, a byline, a speech verb), its other
        mentions in the same text are names too (苗一禾手捧鲜花 after 苗一禾同志)."""
        names = {text[m.start : m.end] for m in chosen if m.label == "PER" and m.end - m.start >= 2}
        names |= {n for n in self.gazetteers.get("public_figures", []) if n in text}
        found = []
        for name in names:
            start = text.find(name)
            while start != -1:
                found.append(RuleMatch(start, start + len(name), "PER"))
                start = text.find(name, start + len(name))
        taken = [(m.start, m.end) for m in chosen]
        return [m for m in found if all(m.end <= s or m.start >= e for s, e in taken)]

    def _candidates(self, text: str):
        for label, pattern in self.patterns:
            for m in pattern.finditer(text):
                yield RuleMatch(m.start(), m.end(), label)
        for m in BARE_AMOUNT.finditer(text):  # 总投资1.5亿, 人口3.2万: money after a money word
            yield RuleMatch(m.start(), m.end(), "MONEY" if MONEY_CONTEXT.search(text, max(0, m.start() - 8), m.start()) else "QUANTITY")
        # The collective pattern tries every organisation prefix at every position; most texts
        # hold no 领导 for it to end on.
        for pattern in (self.byline, self.titled_name) + ((self.collective,) if "领导" in text else ()):
            yield from self._title_and_names(pattern, self.more_names, text)
        yield from self._title_and_names(self.credit, self.more_credit_names, text)
        for m in self.speaker.finditer(text):
            yield RuleMatch(m.start("name"), m.end("name"), "PER")
            if m.group("title"):
                yield RuleMatch(m.start("title"), m.end("title"), "TITLE")
        for m in self.polite_name.finditer(text):
            yield RuleMatch(m.start(), m.end(), "PER")

    @staticmethod
    def _title_and_names(pattern: re.Pattern, more_names: re.Pattern, text: str):
        """A title and the name after it, then every further name of the list (甲、乙 / 甲 乙)."""
        for m in pattern.finditer(text):
            yield RuleMatch(m.start("title"), m.end("title"), "TITLE")
            yield RuleMatch(m.start("name"), m.end("name"), "PER")
            end = m.end()
            while more := more_names.match(text, end):
                yield RuleMatch(more.start("name"), more.end("name"), "PER")
                end = more.end()

    @staticmethod
    def _keep(text: str, m: RuleMatch) -> bool:
        """Reject number matches that are not quantities: years, session numbers, a lone 一."""
        if m.label != "QUANTITY":
            return True
        span = text[m.start : m.end]
        before = text[max(0, m.start - 1) : m.start]
        after = text[m.end : m.end + 2]
        if span.endswith("年") and (re.fullmatch(r"(?:19|20)[0-9]{2}年", span) or not re.search(r"[0-9０-９]", span) or span.startswith("近")):
            return False  # a year (DATE), 五年/十年 in set phrases, or 近5年: a span of time
        if span.endswith("次") and (before == "届" or (after.startswith(("会", "全会")) and "届" in text[max(0, m.start - 8) : m.start])):
            return False  # 十四届人大三次会议: a session number; 召开12次会议 is a count
        if span.endswith("届") or (after[:1] and after[:1] == span[-1]):
            return False  # 届: a session number; 一台台: reduplication
        if re.fullmatch(r"[0-9]+\.[0-9]+[个项本部期条类组名人家户所座件台辆张支场次位只篇届批处份栋间株棵头幅套册]", span) and not re.match(r"[\u4e00-\u9fff]", before):
            return False  # 3.1本工程…: a section number opening a heading; 拥有量8.5件 is a rate
        if re.fullmatch(r"一(?:部分|[个项次场家名条支部位批处份本只张天年人户类组期所座间起票块片节单列成眼对双首顶轮度口方层架封颗])", span):
            return False  # 一个/一次/一起/一票否决…: usually an article or idiom, not a reported figure
        return True


def select(matches: list[RuleMatch]) -> list[RuleMatch]:
    """Keep the longest matches that do not overlap (ties: label priority, then position)."""
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), PRIORITY[m.label], m.start))
    return sorted(first_disjoint(ordered, lambda m: (m.start, m.end)), key=lambda m: m.start)


# Full-width digits, point and percent sign read as ASCII (one character for one, offsets unchanged).
HALF_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def squeeze(text: str) -> tuple[str, list[int]]:
    """Drop the spaces that OCR or PDF wrapping put inside words; return the text and the index
    of each kept character in `text`.

    A run of spaces is dropped next to a non-ASCII character (统 战工作, 2023年上半 年, 川渝政协 2024
    年), except where it separates two Chinese words: a run of two or more spaces, or one space
    between two runs of at least two Chinese characters each (编辑:张三 李四 are two names; 甘 明
    is one). Spaces between two ASCII letters or digits always stay."""
    runs: dict[int, int] = {}
    for m in _HAN_RUN.finditer(text):
        runs[m.start()] = runs[m.end() - 1] = m.end() - m.start()
    keep: list[int] = []
    pieces: list[str] = []
    last = 0
    for m in _SPACES.finditer(text):
        left = text[m.start() - 1] if m.start() else ""
        right = text[m.end()] if m.end() < len(text) else ""
        if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
            continue
        if m.start() - 1 in runs and m.end() in runs:
            if m.end() - m.start() > 1 or (runs[m.start() - 1] > 1 and runs[m.end()] > 1):
                continue  # a separator between Chinese words
        pieces.append(text[last : m.start()])
        keep.extend(range(last, m.start()))
        last = m.end()
    pieces.append(text[last:])
    keep.extend(range(last, len(text)))
    return "".join(pieces), keep


@lru_cache(maxsize=4)
def default_rules(directory: str = str(GAZETTEER_DIR)) -> Rules:
    """The rules built from the repo's gazetteers, compiled once per process."""
    return Rules(load_gazetteers(Path(directory)))


def rules_hash() -> str:
    """Hash of the rule patterns and gazetteers (a model trained on their output records it)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in GAZETTEER_FILES:
        digest.update((GAZETTEER_DIR / f"{name}.txt").read_bytes())
    digest.update(UNITS_FILE.read_bytes())
    digest.update(CLASHES_FILE.read_bytes())
    digest.update(MONEY_WORDS_FILE.read_bytes())
    return digest.hexdigest()[:12]
