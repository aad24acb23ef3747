"""metric → value: for each MONEY/PERCENT/QUANTITY mention, what it measures, with qualifier, period and subject.

The metric phrase is usually the noun phrase just before the figure in its clause
(绿色贷款余额 达 8.5亿美元); a count with a measure word may instead name its metric after it
(建成 3个 公园). A clause with no noun of its own (…，同比增长6.8%) inherits the previous metric.

Two results per figure: the phrase *span* (metric_start/metric_end, one stretch of the text, for
provenance) and the metric *name* (`MetricValue.metric`), built from parts that need not stand
together in the text (issue 17). Kinds of built names, each tested in tests/test_metric_names.py:
  span         the phrase as written, spaces removed (绿色贷款余额)
  rate         a rate named with its growth wording, also when the metric is inherited from an
               earlier clause (地区生产总值…，同比增长6.3% → 地区生产总值同比增长): data/metrics/growth_words.txt;
               an absolute change too (贷款余额增加了12亿元 → 贷款余额增加)
  owner        a figure named only by a rate noun, a target, a comparison in points or
               an attribute after a count takes the metric its sentence measured before it
               (财政收入…，增幅达18% → 财政收入增幅; …完成年度目标的105%; 民生项目15个，总投资… →
               民生项目总投资): data/metrics/rate_nouns.txt, target_words.txt (_owned_name)
  subject      the words before an inner adverb (全县规模以上工业企业|共|实现利润 → 规模以上工业企业利润),
               and before 分别 one listed subject per figure (甲镇、乙镇分别完成投资…): _adverb_subject
  verb         the verb before a figure goes with the noun read after it (签约|32个|项目 → 签约项目),
               not a word that only frames the figure: data/metrics/figure_frames.txt
  attribute    an attribute word before a figure that describes the noun after it (投资12亿元的
               滨河康养中心项目 → 滨河康养中心项目投资): data/metrics/attribute_words.txt
  shared noun  figures joined by 和/及/与/、 before one noun (5公里和3公里的排水管线): each takes it
  respectively a list of metrics, 分别, a run of figures (甲产量、乙产量分别增长5%、3%): each figure its
               item, the last item's head shared by modifiers of one length (城镇和农村居民收入 → 城镇居民
               收入, 农村居民收入), else the whole list (第一、二、三产业增加值)
  dimension    a measure in a run with a count of the same things says its dimension (道路12条31.5公里 →
               道路长度): data/metrics/dimension_words.txt
  list items   short items joined by 、 stay in the name (交通运输、仓储和邮政业增长)
  headline     a headline figure that rounds (逾亿元) or writes short (GDP) a body figure is the body's fact
  levels       an old level (由…的4.2%) and a new level (压缩至3天, 提高到每人每月900元) name what
               changed (_new_level_only, link_words.txt); growth wording alone after an amount is that
               metric's change (秋粮总产量30.6万吨，同比增产1.7万吨 → 秋粮总产量同比增产: GROWTH_ONLY)
  continued    a lone count with no phrase of its own counts what the figure before it counted, in the
               same unit and paragraph (计划实施项目12项。目前已完成9项: _continues); a place named
               alone before households and people names them (全村312户1146人: population_words.txt)
The name drops the aspect particle 了 (接待了游客 → 接待游客) and, for a noun read after the figure,
the words that close it (排水管线建设 → 排水管线: data/metrics/after_noun_tails.txt); a phrase that
is only a date is kept as written, followed by the name of the sentence's figure before it in the
same base unit (正月初一接待游客8000人次，正月初二达到9500人次 → 正月初二接待游客). A figure with
no phrase at all gives no row: a metric row needs a measured thing; and so do thresholds (56人以上
大班额, 30万元以上的村), the deadline of a plan (力争…18个月内完工), points and spans of time (3年前,
其余6天), set phrases and slogans (not_a_metric). A line break inside a sentence (page extraction)
reads as a space (_cut_lines_joined), and a unit the number rules stop short of is completed from
the words after the figure (3个|工作日: unit_completions.txt).
"""

import re
from dataclasses import dataclass

from pipeline.offsets import strip_span
from pipeline.relations.numbers import CURRENCY_WORDS, DATA, PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, Figure, parse_figure
from pipeline.relations.officials import Mention, sentence_around
from pipeline.wordlists import longest_first, read_lines, read_list, read_rows

VALUE_LABELS = ("MONEY", "PERCENT", "QUANTITY")
# The marks between the two ends of a range (5亿元至8亿元, 20—30人, 3~5天).
RANGE_MARKS = "至|到|—|－|-|~|～"
CLAUSE_BREAK = re.compile(r"[，,、；;：:。！？!?\n（(）)]")


def _patterns(name: str) -> str:
    """The regular-expression alternatives of data/metrics/<name>.txt, one per line, as one group."""
    return "(?:" + "|".join(read_lines(DATA / f"{name}.txt")) + ")"


# Verbs and markers between a metric and its figure; stripped from the end of the metric phrase.
LINK_WORDS = re.compile(_patterns("link_words") + "+$")
# Nouns of a rate or a share (增幅, 占比): data/metrics/rate_nouns.txt.
RATE_NOUNS = tuple(read_list(DATA / "rate_nouns.txt"))
RATE_NOUN = re.compile("|".join(longest_first(RATE_NOUNS)))
# Words that open a clause without being part of the metric.
LEADING_WORDS = re.compile("^" + _patterns("openers") + "+")
# Growth wording (data/metrics/growth_words.txt) as listed, and longest first for alternations.
_GROWTH_LISTED = tuple(read_list(DATA / "growth_words.txt"))
GROWTH_WORDS = longest_first(_GROWTH_LISTED)
# A phrase that is growth wording and nothing else: the change of the metric before it.
GROWTH_ONLY = re.compile("(?:同比|环比)?(?:" + "|".join(GROWTH_WORDS) + ")")
# Words kept in `qualifier`, in the file's order: the growth wording, 累计, 完成率, 占比.
QUALIFIER_WORDS = (*_GROWTH_LISTED, "累计", "完成率", "占比")
PERIOD = re.compile(_patterns("periods"))
# A period right after one of these is the base of a comparison (比一季度回落, 较去年增长), not the
# period of the figure.
COMPARED = "比较与同"
# End a sentence, not a clause: a period at a sentence's head covers its clauses after ；.
SENTENCE_HEAD_MARKS = "。！？!?\n"
SUBJECT = re.compile(r"全区|全市|全省|全县|全镇|全街道|全国")
# Measure words after which the counted noun usually follows (3个公园, 5项标准).
# An age or a code that opens the noun counts as its start (2.3万名60岁以上老人, 1200个5G基站).
AFTER_NOUN_START = re.compile(r"[\u4e00-\u9fff\"“]|[0-9]{1,3}(?:岁|[A-Za-z])")
# Words after a count that start a verb phrase, not the counted noun (5个 进行 …, 3项 均 …).
NOT_A_NOUN = tuple(read_list(DATA / "not_nouns_after_figure.txt"))
# Nouns that start with a measure word's character (17个项目): a counted noun all the same.
COUNTED_NOUNS = tuple(read_list(DATA / "counted_nouns.txt"))
MAX_AFTER_CHARS = 10
# An ellipsis ends the noun too (60件民生实事……报告中): full-width or dotted, as extraction leaves it.
# 等 ends a noun (3个项目等), not inside 三等功, 一等奖, 头等舱
NOUN_STOP = re.compile(r"[的和与及、，,。；;：:！？\s（(…]|(?<![一二三四特头])等|\.{2,}|" + "|".join(read_list(DATA / "after_noun_stops.txt")))
# A clause ending in one of these verbs before a figure names the measured thing after it
# (签下3100余万元合作协议, 获得470余万元保费补助, 抵扣最高50%的担保费).
VERB_BEFORE_FIGURE = re.compile(_patterns("verbs_before_figure") + "(?:了|到)?$")  # 发放了, 争取到
MAX_METRIC_CHARS = 16
# A bound word and a numeral: the start of another figure, which the number rules may have missed (突破百亿元).
NEXT_FIGURE = re.compile(r"(?:突破|超过|达到|逾)[0-9０-９零〇一二两三四五六七八九十百千万亿]")
# A list number opening a clause is never part of the metric (1.招商引资项目, （二）, 三是).
# A number glued to a unit-like character is part of the phrase, not a list number (35岁以下党员).
LIST_NUMBER = re.compile(
    r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}(?:\.[0-9]{1,2})*[.、．]?(?=[\u4e00-\u9fff])(?![岁周年月日号个名人家户万亿])|[一二三四五六七八九十]{1,3}[、.．是])"
)
COUNT_WORDS = tuple(read_list(DATA / "measure_words.txt"))
CURRENCY_UNIT = re.compile("|".join(map(re.escape, CURRENCY_WORDS)))  # anywhere in the unit (万美元)
# A bound written straight before a noun (56人以上大班额, 50亩以上的种植大户): the figure sets which
# things are meant; not a bound that ends its clause or goes on with a conjunction (1万亩以上并…).
BOUND_BEFORE_NOUN = re.compile(r"^(?:以上|以下)的?(?![并且和与及同比而，,。；;、])[\u4e00-\u9fff]")
# Words of a plan or an order before a deadline (力争…18个月内完工, 要在1周内…).
PLAN_WORD = re.compile("|".join(longest_first(read_list(DATA / "plan_words.txt"))))
# Bounds before money that, with 的 and a noun after it, make it a size threshold (超过50万元的村).
BOUND_PREFIXES = frozenset(read_list(DATA / "threshold_bounds.txt"))
# 的, the counted noun and its count (…的村达到9个, …的企业有12家).
COUNTED_AFTER = re.compile(r"^的[\u4e00-\u9fff]{1,8}?(?:有|达到|达|共|为)?[0-9０-９一二两三四五六七八九十百千]+[个家户所座项村]")
# The two ends of a range of money sizes (5亿元至10亿元项目): each is a bound of a size threshold.
MONEY_RANGE_END = re.compile(rf"^(?:{RANGE_MARKS})[0-9０-９.一二两三四五六七八九十百千]+[万亿]*元")
MONEY_RANGE_START = re.compile(rf"[0-9０-９.一二两三四五六七八九十百千]+[万亿]*元(?:{RANGE_MARKS})$")
THRESHOLD_AFTER = re.compile(
    r"^(?:以上|以下)?的?(?:" + "|".join(sorted(read_list(DATA / "threshold_nouns.txt"), key=len, reverse=True)) + ")"
)


@dataclass(frozen=True)
class MetricValue:
    value: Mention
    figure: Figure
    metric_start: int | None
    metric_end: int | None
    qualifier: str | None
    period: str | None
    subject: str | None
    metric: str | None = None  # the metric name built from parts (module docstring); spaces removed
    written: str | None = None  # the figure as written when it differs from its entity (签约|9个, 3个|工作日), else None
    planned: bool = False  # a plan, target or forecast (力争全年新增贷款60亿元), not a reported result


# A short parenthesised aside inside a phrase (固定资产投资（不含农户）) does not end the clause.
ASIDE = re.compile(r"[（(][^（()）,，。；;：:\n]{1,12}[）)]")
# Coordinated figures in one clause (库容735万立方米的水库和库容218万立方米): the words up to the
# last conjunction after the previous figure describe that figure, not the next one.
CONJUNCTION = re.compile(r"[和及与、]")
INNER_ADVERB = re.compile(_patterns("inner_adverbs"))
# The word between the two ends of a range written as two figures (5亿元至8亿元, 300元到500元).
RANGE_JOINER = re.compile(rf"\s*(?:{RANGE_MARKS})\s*")
NEXT_IN_RANGE = re.compile(rf"(?:{RANGE_MARKS})\s*[0-9０-９零〇一二两三四五六七八九十百千]")
# A conjunction and the next figure of a run (…5.6%|和7.8%).
NEXT_IN_RUN = re.compile(r"[和及与、]\s*[-－0-9０-９零〇一二两三四五六七八九十百千万亿]")
# 高于全省平均增速9.49个百分点: the words after 高于 name what is compared with, not what grew.
COMPARED_WITH = re.compile(r"^(?:高于|低于|快于|慢于|领先)")
# 农民收入是十年前的两倍: the base of a multiple, written between the metric and 的 N倍.
MULTIPLE_OF = re.compile(r"(?:是|为|相当于)[\u4e00-\u9fff0-9]{1,12}$")
# The whole a share is taken of (全村三分之一的耕地, 全县35%的企业): no metric of its own.
WHOLE = re.compile(r"(?:全|该|我|本)(?:区|市|省|县|镇|乡|村|街道|社区|州|盟|旗|国)")


# Clause breaks other than 、, which may join the items of a metric's name instead.
LISTED_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?\n（(）)]")
# An item of such a list before the last has at most this many characters (交通运输, 粮油, 食品).
MAX_LIST_ITEM_CHARS = 6


# A space between two words of a title line (主标题 副标题 as a page sets them).
TITLE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff%％])[ \u3000\t]+(?=[\u4e00-\u9fff])")
# A title line: at most this many characters and no sentence or clause mark.
MAX_TITLE_CHARS = 40


def _title_like(text: str, position: int) -> bool:
    """The line holding `position` reads as a title: short, with no 。，；: its spaces part clauses."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end != -1 else len(text)]
    return len(line.strip()) <= MAX_TITLE_CHARS and not re.search(r"[。，,；;！？]", line)


def _clause_start(text: str, position: int) -> int:
    """Start of the clause holding `position`: after the last break before it, asides skipped;
    before a distributive 各 a list of subjects joined by 、 stays in the clause (甲、乙、丙各1个)."""
    # Only the sentence so far is read: no aside holds 。 or a line break, so masking from there
    # gives what masking the whole text would, in time linear in the sentence, not the article.
    start = max(text.rfind("。", 0, position), text.rfind("\n", 0, position)) + 1
    masked = ASIDE.sub(lambda m: "_" * len(m.group(0)), text[start:position])
    if masked.rstrip().endswith("各"):
        masked = masked.replace("、", "_")
    clause = max((m.end() for m in CLAUSE_BREAK.finditer(masked)), default=0)
    if _title_like(text, position):  # 某县12个项目集中签约 协议投资达86亿元: a space parts a title's clauses
        clause = max([clause, *(m.end() for m in TITLE_BREAK.finditer(masked))])
    listed = max((m.end() for m in LISTED_CLAUSE_BREAK.finditer(masked)), default=0)
    while clause > listed and masked[clause - 1] == "、":
        # 批发、零售和住宿业增长5.4%: 、 joins short items of the metric's name; a longer item
        # is a clause of its own (…包括沿河两岸堤坝的绿化补植、水面清理约3万亩)
        item = max(masked.rfind("、", listed, clause - 1) + 1, listed)
        if clause - 1 - item > MAX_LIST_ITEM_CHARS or not masked[item : clause - 1].strip():
            break
        clause = item
    return start + clause


def _strip_link_words(phrase: str) -> int:
    """Length of `phrase` without the link words and number fragments at its end; a rate noun
    that ends in a link word's character (占比: 比) stays whole."""
    end = len(phrase)
    while True:
        if phrase[:end].endswith(RATE_NOUNS):
            return end
        stripped = len(LINK_WORDS.sub("", phrase[:end]).rstrip())
        rate_ends = [m.end() for m in RATE_NOUN.finditer(phrase, 0, end) if m.end() > stripped]
        stripped = max([stripped, *rate_ends])  # 第二产业占比|提高: the run of link words stops at 占比
        while stripped and re.match(r"[0-9０-９.．\s]", phrase[stripped - 1]):
            stripped -= 1  # never end on part of another number (…人数都在60|00人)
        if stripped == end:
            return end
        end = stripped


def _metric_before(
    text: str, value: Mention, floor: int, points: bool = False, dates: list[Mention] = (), multiple: bool = False
) -> tuple[int, int] | None:
    """The noun phrase between the clause start and the figure, without link words, openers and
    the dates that open it (前三季度蔬菜产量 → 蔬菜产量); None for a difference in percentage
    points (`points`) after a comparison (高于…N个百分点). For a `multiple` (N倍) of a base written
    before it (农民收入是十年前的两倍), the phrase ends before the base."""
    clause_start = _clause_start(text, value.start)
    start = max(clause_start, floor)
    if start == floor:
        start = _past_suffix_qualifier(text, start)  # 3000人次左右|增加到了5200人次: 左右 is the figure before's
    # a two-character qualifier whose second character opens the figure (接|近20亿元) is no metric word
    cut = value.start - 1 if text[value.start - 1 : value.start + 1] in PREFIX_QUALIFIERS else value.start
    phrase = text[start:cut]
    if RANGE_JOINER.fullmatch(phrase):
        return None  # 5亿元|至|8亿元: the high end of a range, the metric of the low end
    stripped_end = _strip_link_words(phrase)
    numbered = LIST_NUMBER.match(phrase)
    lead = numbered.end() if numbered else 0
    if floor > clause_start:  # a previous figure in this clause: its noun ends at the last conjunction
        conjunctions = [m.end() for m in CONJUNCTION.finditer(phrase, 0, stripped_end)]
        lead = max([lead, *conjunctions])
        lead += 1 if phrase.startswith("的", lead) else 0
    opener = LEADING_WORDS.match(phrase[lead:stripped_end])
    lead += opener.end() if opener else 0
    undated = dated = lead
    while (date := next((d for d in dates if d.start <= start + undated < d.end), None)) is not None:
        undated = dated = date.end - start
        opener = LEADING_WORDS.match(phrase[undated:stripped_end])
        undated += opener.end() if opener else 0
    if undated < stripped_end:
        lead = undated
    elif dated > lead:  # a phrase that is only a date keeps it, without the openers after it (正月初六就达到了…)
        stripped_end = dated
    if stripped_end - lead <= 0 or (points and COMPARED_WITH.match(phrase[lead:])):
        return None
    base = MULTIPLE_OF.search(phrase, lead, stripped_end) if multiple and phrase.rstrip().endswith("的") else None
    if base and base.start() > lead:
        stripped_end = base.start()
    begin = start + lead
    end = start + stripped_end
    particle = text.rfind("的", begin, end - 2)
    # 来自全国各地的选手: the head noun after the last 的 is what is counted; not a rate noun after
    # 占 (民间投资占全部投资的比重), which says of what only with the words before it
    if particle != -1 and not (GENERIC_RATE.fullmatch(text[particle + 1 : end]) and "占" in text[begin:particle]):
        begin = particle + 1
    # not inside quotes: 推广“稻虾共养”模式 names a practice, its 共 is no "in all"
    adverbs = [m for m in INNER_ADVERB.finditer(text, begin + 1, end) if m.end() <= end - 2 and text.count("“", begin, m.start()) <= text.count("”", begin, m.start())]
    if adverbs:  # 该景区共接待游客: what was measured follows the adverb
        begin = adverbs[-1].end()
    return (begin, end) if begin < end else None


# Support verbs a name loses once a subject stands before it (规模以上工业企业|实现利润 → …利润, 各级学校|
# 共有在校学生 → …在校学生), as the gold names 实现地区生产总值 地区生产总值.
HAVING = re.compile(r"^(?:实现(?!率)|(?:共|现|拥|已)?有(?![效序力关利限偿机色线]))")
# A subject written before an inner adverb (甲景区共接待游客): at most this many characters, no figure.
MAX_SUBJECT_CHARS = 12
SUBJECT_WORDS = re.compile(r"[\u4e00-\u9fff]+")


def _adverb_subject(text: str, span: tuple[int, int] | None, lead: int, index: int, values: list[Mention]) -> str:
    """The subject that _metric_before leaves out of a phrase it cut at an inner adverb (全县规模以上
    工业企业|共|实现利润 → 规模以上工业企业; 该市各景区|共|接待游客 → 各景区), spaces removed and
    openers stripped, to go in front of the name (README "metrics": with its subject); before
    分别, the list item in the figure's place in its run (甲镇、乙镇|分别|完成投资2.3亿元和1.8亿元 →
    乙镇 for the second). "" when the phrase was not cut at an adverb or no such subject is
    written. `lead` is where the figure's words may start (its clause, or the previous figure of
    the clause); `span` is the figure's phrase, or the phrase it inherits."""
    first, last = _run(text, index, values)
    if span is None or span[0] is None or span[1] > values[first].start:
        return ""  # no phrase (an inherited figure's source may have none), or one after the figure
    lead = min(lead, _clause_start(text, values[first].start))
    adverb = next((m for m in INNER_ADVERB.finditer(text, lead, span[0]) if not text[m.end() : span[0]].strip()), None)
    if adverb is None:
        return ""
    if adverb.group(0) == "分别":
        start = max((m.end() for m in LIST_BREAK.finditer(text, 0, adverb.start())), default=0)
        start = max(start, max((v.end for v in values[:first] if v.end <= adverb.start()), default=0))
        items = [_bare_subject(item) for item in LIST_JOINER.split(text[start : adverb.start()])]
        return items[index - first] if first < last and len(items) == last - first + 1 and all(items) else ""
    return _bare_subject(text[lead : adverb.start()]) if index == first else ""


def _bare_subject(words: str) -> str:
    """`words` as a subject: spaces, list numbers, openers and link words stripped; "" unless what
    is left is 2 to MAX_SUBJECT_CHARS CJK characters."""
    words = _compact(words)
    numbered = LIST_NUMBER.match(words)
    words = words[numbered.end() :] if numbered else words
    words = LEADING_WORDS.sub("", words)
    words = words[: _strip_link_words(words)]
    if TIME_PHRASE_END.search(words) or PERIOD.fullmatch(words):
        return ""  # 活动期间|共吸引游客: when, not whose
    return words if 2 <= len(words) <= MAX_SUBJECT_CHARS and SUBJECT_WORDS.fullmatch(words) else ""


TIME_PHRASE_END = re.compile(_patterns("time_phrase_ends") + "$")


def _is_count(figure: Figure) -> bool:
    """A count (3个, 129场次, 200余人) rather than a measure (2万亩, 8公里, 100万吨)."""
    return figure.base_unit.startswith(COUNT_WORDS)


# The whole a part is counted from, right before the count (13个县市中有|9个是贫困县, 其中|3个是…).
PARTITIVE_BEFORE = re.compile(r"(?:中|其中)有?$")
# A year before 1900 written in four digits with 年 and nothing else (1368年, 1871年): a date too.
EARLIER_YEAR = re.compile(r"1[0-8][0-9]{2}年")
# …unless it is a length of time (已有1300年历史, 距今已有1500年, 长达1000年以上).
DURATION_BEFORE = re.compile(r"(?:有|距今|长达|历时|达|约|近|超过|逾)$")
DURATION_AFTER = re.compile(r"\s*(?:的?历史|史|之久|以上|以来|多|余|左右)")
# A count of the members a body is made of, before the body (由25人组成的委员会).
COMPOSED_OF = re.compile(r"(?:组成|构成)(?=的)")


def _metric_after(text: str, value: Mention, figure: Figure, next_start: int) -> tuple[int, int] | None:
    """For counts like 3个公园 or 200余人的快反队伍, and figures after a verb (获得470万元保费补助):
    the noun right after the figure. None when the words after it run into the next figure
    (清洁能源2个投资突破百亿元: they are that figure's metric)."""
    before = text[_clause_start(text, value.start) : value.start].rstrip()
    bare = LEADING_WORDS.sub("", LINK_WORDS.sub("", before))
    after_verb = VERB_BEFORE_FIGURE.search(before) is not None or not bare or (_is_share(figure) and WHOLE.fullmatch(bare) is not None)
    after_verb = after_verb or (_is_count(figure) and before.endswith("等"))  # 甲、乙等14个品牌: the examples, then what is counted
    if value.label != "QUANTITY" and not after_verb:
        return None
    start = _past_suffix_qualifier(text, value.end)
    if _is_count(figure) and PARTITIVE_BEFORE.search(before) and text.startswith("是", start):
        return _noun_to_stop(text, start + 1)  # 13个县市中有9个是贫困县: the part is counted by what it is
    if _is_share(figure) and not bare and text.startswith(("是", "为"), start):
        return _noun_to_stop(text, start + 1)  # 录取新生中，80%是学生干部，70%为中共党员: a share named by what it is
    composed = COMPOSED_OF.match(text, start)
    if composed:  # 由25人组成的新一届委员会: the size of the noun after 的
        start, after_verb = composed.end(), True
    if text.startswith("的", start):
        if not after_verb:
            return None  # 500万吨的能力: the metric is before the figure
        start += 1
    noun = _noun_after(text, start)
    if noun is not None and SIZE_ADJECTIVE.fullmatch(text[noun[0] : noun[1]]):
        return None  # 1公里多长: the dimension measured, not a noun
    # a short noun right before a count of other things is this figure's (与周边5个乡镇|1300多户农户)
    if noun is not None and noun[0] < next_start < noun[1] and next_start - noun[0] <= MAX_ABUTTING_NOUN and COUNT_START.match(text, next_start):
        return noun[0], next_start
    # words that run into the next figure (a bound word before a numeral: 投资突破百亿元) are its metric
    if noun is None or (not after_verb and (next_start < noun[1] or NEXT_FIGURE.search(text, noun[0], noun[1]))):
        return None
    if next_start < noun[1]:  # 为320家民营企业发放贷款|18.6亿元: a name never holds another figure
        start, end = strip_span(text, noun[0], next_start)
        return (start, end) if end > start else None
    return noun


# A noun of at most this many characters between a count and the next count is the first count's.
MAX_ABUTTING_NOUN = 4
COUNT_START = re.compile(r"[0-9０-９一二两三四五六七八九十百千]+(?:\.[0-9]+)?[万]?(?:多|余)?[个户家名人所座条项处村]")
# A comparison that closes a clause before the figure's own (工业增加值与去年同期相比，增长5.2%).
COMPARISON_FRAME = re.compile(r"(?:与|同|和|跟)[^，,。；;]{1,12}?(?:相比|相较|比较)$")
# A statement of how something went (工业经济运行平稳): data/metrics/state_predicates.txt.
STATE_FRAME = re.compile(r"(?:运行|形势|态势|势头)?(?:总体|整体|保持)?" + _patterns("state_predicates") + "$")
# A clause that says a metric changed, before a clause giving its old and new levels (贫困人口大幅减少，
# 由3.2万人减少到…; 礼金数额越来越大，从10元发展到…).
CHANGE_STATE = re.compile(r"(?:的)?(?:也|还|都|均)?(?:大幅|明显|不断|逐年|持续|快速|越来越|有所)?(?:" + "|".join(GROWTH_WORDS) + r"|大|多|少|高|低)$")
OLD_LEVEL_OPENS = re.compile(r"\s*(?:由|从)")


def _earlier_clause(text: str, value: Mention, sentence_start: int, rate: bool = False) -> tuple[int, int] | None:
    """For a figure whose clause names nothing (…，增长5.2%) and that has no earlier figure in its
    sentence to inherit from: the clause before it when a comparison or a statement of how it went
    closes it, without those words and without openers (全区工业增加值与去年同期相比 → 工业增加值;
    全县工业经济运行平稳 → 工业经济, for a `rate` only); None otherwise (他连声说：3.5万元 names
    nothing measured)."""
    clause_start = _clause_start(text, value.start)
    if clause_start <= sentence_start:
        return None
    start = _clause_start(text, clause_start - 1)
    phrase = text[start : clause_start - 1]
    frame = COMPARISON_FRAME.search(phrase) or (STATE_FRAME.search(phrase.rstrip()) if rate else None)
    if frame is None and OLD_LEVEL_OPENS.match(text, clause_start):
        frame = CHANGE_STATE.search(phrase.rstrip())  # 交易额大幅减少，从每周5.5亿元下降到3.8亿元: the levels of 交易额
    if frame is None:
        return None
    end = _strip_link_words(phrase[: frame.start()])
    opener = LEADING_WORDS.match(phrase[:end])
    lead = opener.end() if opener else 0
    return (start + lead, start + end) if end > lead else None


def _is_share(figure: Figure) -> bool:
    """A share of a whole: a percentage, a fraction (base unit %), per mille or tenths (成)."""
    return figure.base_unit in ("%", "‰", "成")


# 多 after the unit (1公里多, 两米多高, 5年多。): more than the figure. Only before a mark, 的, the end
# of the text or a size adjective: 多 also opens words after a figure (3个多功能厅, 5家多元化企业).
MORE_AFTER_UNIT = re.compile(r"多(?=$|[，,。；;：:！？!?、）)\s的]|[长高宽深重远厚粗](?![\u4e00-\u9fff]))")
# A size adjective alone after a measure (1公里多长。): it says which dimension, it names nothing.
SIZE_ADJECTIVE = re.compile(r"[长高宽深重远厚粗]")


def _suffix_qualifier(text: str, position: int) -> str:
    """The suffix qualifier written at `position`, right after a figure, that the number rules leave
    outside it: a word of two characters or more (七成|以上|的村民, 8.8%|左右) or a 多 after the
    unit (MORE_AFTER_UNIT); "" for none. Single characters are everyday words there otherwise."""
    if MORE_AFTER_UNIT.match(text, position):
        return "多"
    return next((w for w in SUFFIX_QUALIFIERS if len(w) >= 2 and text.startswith(w, position)), "")


def _past_suffix_qualifier(text: str, position: int) -> int:
    """`position` moved past the suffix qualifier written there (_suffix_qualifier)."""
    return position + len(_suffix_qualifier(text, position))


def _predicate_after(text: str, value: Mention) -> tuple[int, int] | None:
    """A figure that opens its clause with no noun after it (…，3000余人参加。; 120人次到场观看;
    5000亩的示范基地): the rest of the clause, what the counted did or what the measure is of;
    None for other shapes."""
    before = text[_clause_start(text, value.start) : value.start].strip()
    if LEADING_WORDS.sub("", LINK_WORDS.sub("", before)):
        return None
    stop = CLAUSE_BREAK.search(text, value.end)
    end = min(stop.start() if stop else len(text), value.end + MAX_AFTER_CHARS)
    start = _past_suffix_qualifier(text, value.end)
    start += 1 if text.startswith(("了", "的"), start) else 0
    if RANGE_OR_CHANGE_AFTER.match(text, start):
        return None  # 从每周5.5亿元|下降到3.8亿元, 10元|至20元…: the figure after is another level of the same metric
    if (next_figure := NEXT_FIGURE_IN.search(text, start, end)) is not None:
        end = next_figure.start()  # 一周之内成功申贷|400万元: a name never holds another figure
        if end - start < MIN_CUT_PREDICATE:
            return None  # 69位在|31个…: a word before the next figure says nothing
    return (start, end) if end > start and AFTER_NOUN_START.match(text, start) else None


# --- the metric name, built from parts -------------------------------------------------------

# Growth wording, longest first; not 增加到/提高至: the figure after them is the new level, not the change.
GROWTH = re.compile("(?:" + "|".join(GROWTH_WORDS) + ")(?![到至])")
# A comparison or growth word right after a figure (12万人次同比增长15%): its own clause going on.
COMPARISON_AFTER = re.compile("(?:同比|环比|比|较)|" + GROWTH.pattern)
# A noun and growth wording right after a count, then a rate: the count is part of the noun's name
# (十种有色金属增长0.7%); not an amount (300户农户人均增收2000元: the households are counted).
GROWTH_AFTER_NOUN = re.compile(r"[\u4e00-\u9fff]{1,8}?" + GROWTH.pattern + r"[0-9０-９零一二两三四五六七八九十.．]+\s*(?:%|％|个百分点|倍|成)")
ATTRIBUTE_WORDS = longest_first(read_list(DATA / "attribute_words.txt"))
AFTER_NOUN_TAILS = re.compile("(?:" + "|".join(longest_first(read_list(DATA / "after_noun_tails.txt"))) + ")+$")
RATE_UNITS = ("%", "百分点")


def _compact(phrase: str) -> str:
    return re.sub(r"\s+", "", phrase)


def _last_growth_word(text: str, start: int, end: int) -> str | None:
    """The last growth word (同比增长, 下降, 净增 …) in text[start:end], as written; None when none."""
    found = None
    for found in GROWTH_WITH_BASE.finditer(_compact(text[start:end]).replace("分别", "")):  # 同比分别增长: 同比增长
        pass
    return found.group(0) if found else None


# Growth wording with the base written before it, like 同比增长: 比上年增长, 较去年同期下降, 比年初增加
# (a change since January 1 is not a year-on-year one, so the base stays in the name).
GROWTH_WITH_BASE = re.compile("(?:(?:比|较)(?:上年末|去年末|上年度|上年|去年|年初|上月|上季度)(?:同期)?)?" + GROWTH.pattern)


GROWTH_AT_END = re.compile("(?:" + "|".join(GROWTH_WORDS) + ")$")


def _without_growth_word(name: str) -> str:
    """An inherited name without the growth wording its own figure added (X同比增长 → X). Only
    wording at the end goes: 工业增加值增长 → 工业增加值 (增加 inside 增加值 is no growth word there)."""
    while (grown := GROWTH_AT_END.search(name)) is not None and grown.start() > 0:
        name = name[: grown.start()]
    return name


# The aspect particle 了 inside a verb phrase (接待了游客 → 接待游客); not 了解, 除了, 为了.
ASPECT_PARTICLE = re.compile(r"(?<=[\u4e00-\u9fff])(?:(?<![除为])了(?!解)|(?<![早业])已(?!婚|故|知))(?=[\u4e00-\u9fff])")


def _spoken_form(name: str, after_figure: bool) -> str:
    """A phrase as a name: without aspect particles (了, and 已 inside it: 中央已下拨 → 中央下拨), and a noun read after the figure without the
    words that close it (排水管线建设 → 排水管线: data/metrics/after_noun_tails.txt)."""
    name = ASPECT_PARTICLE.sub("", name)
    if after_figure:
        name = AFTER_NOUN_TAILS.sub("", name) or name
    return name


def _rate_name(name: str, text: str, stretch: tuple[int, int]) -> str:
    """`name` followed by the growth wording written between the metric and the figure, when the
    name does not already end with it (工业增加值 + 同比增长; 占比 + 提高)."""
    grown = _last_growth_word(text, *stretch)
    return name + grown if grown and not name.endswith(grown) else name


FIGURE_FRAMES = frozenset(read_list(DATA / "figure_frames.txt"))


def _acting_verb(text: str, value: Mention, clause_start: int) -> str:
    """The verb right before a figure whose metric is the noun after it (签约|32个项目, 获得|470万元
    保费补助), without 了/到, to go in front of that noun in the name; "" when the clause does not
    end in one (VERB_BEFORE_FIGURE) or it only frames the figure (data/metrics/figure_frames.txt)."""
    verb = VERB_BEFORE_FIGURE.search(text[clause_start : value.start].rstrip())
    if verb is None:
        return ""
    word = verb.group(0)
    word = word[:-1] if word[-1] in "了到" and word[:-1] else word
    return "" if word in FIGURE_FRAMES or verb.group(0) in FIGURE_FRAMES else word


def _attribute_name(text: str, value: Mention, clause_start: int) -> str | None:
    """投资12亿元的滨河康养中心项目 → 滨河康养中心项目投资: an attribute word before the figure and the
    noun that 的 joins to it after; None for other shapes."""
    before = _compact(text[clause_start : value.start])
    before = before[: _strip_link_words(before)] if before else before
    attribute = next((w for w in ATTRIBUTE_WORDS if before.endswith(w)), None)
    if attribute is None or not text.startswith("的", value.end):
        return None
    noun = _noun_after(text, value.end + 1)
    return _compact(text[noun[0] : noun[1]]) + attribute if noun else None


def _noun_to_stop(text: str, start: int) -> tuple[int, int] | None:
    """text[start:] up to a stop word or mark (at most MAX_METRIC_CHARS, else MAX_AFTER_CHARS); a
    stop word that opens the noun is part of it (120家入驻企业), one after its start ends it."""
    if start >= len(text) or not AFTER_NOUN_START.match(text, start):
        return None
    stop = NOUN_STOP.search(text, start + 1, start + MAX_METRIC_CHARS + 1)
    end = stop.start() if stop else min(len(text), start + MAX_AFTER_CHARS)
    return (start, end) if end > start else None


def _noun_after(text: str, start: int) -> tuple[int, int] | None:
    """The noun phrase that starts at `start` and ends at a stop word or mark (at most
    MAX_METRIC_CHARS, else MAX_AFTER_CHARS); None when a verb or a mark starts there."""
    if start >= len(text) or not AFTER_NOUN_START.match(text, start) or NEXT_IN_RUN.match(text, start) or NEXT_IN_RANGE.match(text, start):
        return None  # 5.6%和7.8%, 5亿元至8亿元: a conjunction or a range joins the next figure, it opens no noun
    not_nouns = [w for w in NOT_A_NOUN if text.startswith(w, start)]
    # after 的 a word of two characters modifies the noun (为期3天的集中培训), it is no adverb
    if not_nouns and not (text.startswith("的", start - 1) and min(map(len, not_nouns)) >= 2) and not text.startswith(COUNTED_NOUNS, start):
        return None
    return _noun_to_stop(text, start)


# Figures joined into one run: nothing, or one conjunction, between them (5公里和3公里, 4条8.2公里).
RUN_JOINER = re.compile(r"\s*[和及与、]?\s*")


def _run(text: str, index: int, values: list[Mention]) -> tuple[int, int]:
    """(first, last) index of the run of figures joined by RUN_JOINER that holds values[index]."""
    first = last = index
    while first > 0 and RUN_JOINER.fullmatch(text[values[first - 1].end : values[first].start]):
        first -= 1
    while last + 1 < len(values) and RUN_JOINER.fullmatch(text[values[last].end : values[last + 1].start]):
        last += 1
    return first, last


def _shared_noun(text: str, index: int, values: list[Mention]) -> tuple[int, int] | None:
    """For a figure in a run of two or more figures that ends before (的) a noun (5公里和3公里的排水
    管线; 3条5.6公里、12万平方米背街小巷): that noun, which every figure of the run measures."""
    first, last = _run(text, index, values)
    if first == last:
        return None
    units = {getattr(parse_figure(values[k].text), "base_unit", None) for k in range(first, last + 1)}
    if len(units) == 1 and not text.startswith("的", values[last].end) and "、" in text[values[last - 1].end : values[last].start]:
        own = _metric_before(text, values[first], _clause_start(text, values[first].start))
        if own is not None and own[1] - own[0] >= MIN_LIST_ITEM:
            return None  # 争取银行授信十余亿元、数十万元贴息: the first figure has a noun of its own (a run of
            # one unit; a count and its measures, 4条8.2公里、22万平方米…, describe one noun)
    start = values[last].end + (1 if text.startswith("的", values[last].end) else 0)
    return _noun_after(text, start)


# The end of a list's clause before 分别: 、 joins the list's items, it breaks nothing there.
LIST_BREAK = re.compile(r"[，,；;：:。！？!?\n]")
# The items of a list of metrics (工业用电量、居民用电量; 城镇和农村居民…).
LIST_JOINER = re.compile(r"[、和及与]")
MIN_LIST_ITEM = 3  # shorter items before the last (城镇 of 城镇和农村居民收入, 第一 of 第一、二、三产业) share its head noun


# What figures are compared with, alone in the clause before 分别 (较上年, 比建设前, 与去年同期相比).
COMPARISON_BASE = re.compile(r"(?:较|比(?![重例率]))[^，,。；;]{1,12}|(?:与|同|和)[^，,。；;]{1,12}?(?:相比|相较|比较)")


def _given_respectively(text: str, index: int, values: list[Mention]) -> tuple[int, int, int, int] | None:
    """For a figure in a run of two or more figures with 分别 before the run and only link words
    between (…分别增长5.1%、3.2%): (first, last) index of the run in `values`, the offset of 分别 and
    the start of its clause (after the last LIST_BREAK before it, 0 for none); None otherwise."""
    first, last = _run(text, index, values)
    respectively = text.rfind("分别", 0, values[first].start)
    if last == first or respectively == -1 or LINK_WORDS.sub("", text[respectively + 2 : values[first].start].strip()):
        return None
    start = max((m.end() for m in LIST_BREAK.finditer(text, 0, respectively)), default=0)
    return first, last, respectively, start


def _respectively(text: str, index: int, values: list[Mention]) -> tuple[int, int] | None:
    """For a figure in a run given 分别 (respectively) after a list of metrics: the list's item in
    the figure's place when the list has one item per figure, each but the last of at least
    MIN_LIST_ITEM characters (工业用电量、居民用电量同比分别增长5.1%、3.2% → 居民用电量 for 3.2%), else the whole list,
    whose items share a head noun (第一、二、三产业增加值分别增长…); None without 分别 before the run."""
    given = _given_respectively(text, index, values)
    if given is None:
        return None
    first, last, respectively, start = given
    phrase = text[start:respectively]
    end = _strip_link_words(phrase)
    opener = LEADING_WORDS.match(phrase[:end])
    lead = opener.end() if opener else 0
    if end <= lead or COMPARISON_BASE.fullmatch(_compact(phrase[lead:end])):
        return None  # nothing, or only what the figures are compared with (较上年分别增加…): no list
    cuts = [lead, *(m.start() for m in LIST_JOINER.finditer(phrase, lead, end)), end]
    items = [(a + (a > lead), b) for a, b in zip(cuts, cuts[1:])]
    if len(items) == last - first + 1 and all(b - a >= MIN_LIST_ITEM for a, b in items[:-1]) and items[-1][1] - items[-1][0] >= 2:
        a, b = items[index - first]
        return start + a, start + b
    return start + lead, start + end


# Base unit → the dimension word a measure of counted things takes (data/metrics/dimension_words.txt).
DIMENSION_WORDS = {row[0]: row[1] for row in read_rows(DATA / "dimension_words.txt")}


def _dimension_name(name: str | None, figure: Figure, run_counts: list[MetricValue]) -> str | None:
    """A measure in a run with a count of the same things (道路12条31.5公里): its name with the
    dimension it gives (修筑道路长度), so that the count and the measure are told apart; `name`
    unchanged otherwise. `run_counts` are the count figures of the run already related."""
    word = DIMENSION_WORDS.get(figure.base_unit)
    if not name or word is None or _is_count(figure) or name.endswith(word):
        return name
    return name + word if any(count.metric == name for count in run_counts) else name


def _distributed_name(name: str | None, place: int, count: int) -> str | None:
    """A list name given 分别 whose items before the last are modifiers of one length sharing the
    last item's head (城镇和农村居民人均可支配收入, items 城镇 | 农村居民人均可支配收入): the name of the
    item at `place` of `count` (城镇居民人均可支配收入); items all of one length are names of their own
    (出口、进口); `name` unchanged for other lists (第一、二、三产业增加值: items of two lengths)."""
    items = LIST_JOINER.split(name or "")
    short = {len(item) for item in items[:-1]}
    if len(items) != count or count < 2 or len(short) != 1 or not 0 < (k := short.pop()) <= len(items[-1]):
        return name
    if k == len(items[-1]):
        return items[place]  # 出口、进口分别完成…: items of one length, each a metric of its own
    return items[place] + items[-1][k:] if place < count - 1 else items[-1]


def _respective_fact(text: str, index: int, values: list[Mention], before: list[MetricValue]) -> MetricValue | None:
    """For a figure in a run of N figures given 分别 at the head of their clause, after N facts of
    the same sentence (接待游客326.5万人次，实现旅游收入31亿元，分别增长两成和1.5倍): the fact in the
    figure's place, whose metric its rate is (两成 → 接待游客, 1.5倍 → 旅游收入); `before` = the
    sentence's facts before the run, in text order. None otherwise."""
    given = _given_respectively(text, index, values)
    if given is None:
        return None
    first, last, respectively, start = given
    clause = text[start:respectively].strip()
    if _strip_link_words(clause) and not COMPARISON_BASE.fullmatch(_compact(clause)):
        return None  # a list of metrics before 分别: _respectively pairs with its items (同比|分别, 较上年|分别: no list)
    facts = [fact for fact in before if fact.value.end <= respectively]
    n = last - first + 1
    return facts[len(facts) - n + index - first] if len(facts) >= n else None


def _metric_name(
    text: str, value: Mention, figure: Figure, span: tuple[int, int] | None, clause_start: int, inherited: str | None, dates: list[Mention] = ()
) -> str | None:
    """The metric name of a figure (module docstring: kinds span, rate, attribute, shared noun):
    `span` is its phrase, `inherited` the name of the metric it inherits (None when it has its own).
    None when there is no phrase; a phrase that is only a date (正月初六达到了7938人次) names
    nothing measured, so nothing is built on it: it stays as written."""
    attribute = _attribute_name(text, value, clause_start)
    if attribute:
        return attribute
    if span is None or span[0] is None:
        return None
    if _only_dates(span, dates) and inherited in (None, _compact(text[span[0] : span[1]])):
        return _compact(text[span[0] : span[1]])  # (a rate after it stays with the date alone too)
    if inherited is not None:
        name = _without_growth_word(inherited)
        stretch = (clause_start, value.start)
    else:
        name = _spoken_form(_compact(text[span[0] : span[1]]), after_figure=span[0] >= value.end)
        if span[0] >= value.end and "的" not in text[value.end : span[0]]:
            name = _acting_verb(text, value, clause_start) + name  # 签约32个项目 → 签约项目 (not 组建起150人的队伍)
        # growth wording between the phrase and the figure (a phrase after the figure: the clause before it)
        stretch = (max(span[1], clause_start) if span[1] <= value.start else clause_start, value.start)
    before_figure = span[1] <= value.start  # not 降低156户科技型企业融资成本: the verb acts on the noun after
    if figure.base_unit in RATE_UNITS or inherited is not None or (before_figure and _change_before(text, *stretch)):
        name = _rate_name(name, text, stretch)
    return name or None


# A change written to its new level (增加到, 提高至, 增至, 降至), maybe with the time of that level.
CHANGE_TO = "(?:逐年|逐步|逐渐|一跃|进一步)?(?:(?:" + "|".join(GROWTH_WORDS) + "|[增升降提减]|压缩|压减|压降|削减|缩短|缩减|延长|发展)(?:到|至)|变为|变成)"
NEW_LEVEL = re.compile("^" + CHANGE_TO + "(?:目前|现在|如今)?的?$")
# A count's noun followed by its change to a new level (由过去的24个委办局|减至目前的17个).
CHANGE_AFTER_NOUN = re.compile(CHANGE_TO)
# A change to a new level or the other end of a range right after a figure (下降到…, 至20元).
RANGE_OR_CHANGE_AFTER = re.compile(CHANGE_TO + "|" + RANGE_MARKS)
# A number inside the words after a figure: the predicate ends before it, and is none when shorter
# than this.
NEXT_FIGURE_IN = re.compile(r"[0-9０-９]")
MIN_CUT_PREDICATE = 3


# Base unit → what a count of it measures of a place named alone (data/metrics/population_words.txt).
POPULATION_WORDS = {row[0]: row[1] for row in read_rows(DATA / "population_words.txt")}


def _whole_place_only(text: str, start: int, end: int) -> str | None:
    """The place when the clause before a figure names only a whole place (全村, 该镇) and perhaps
    figures of its run (全村312户|1146人); None otherwise."""
    words = re.sub(r"[0-9０-９.]+\S?|\s+", "", text[start:end])
    return words if WHOLE.fullmatch(words) else None


# A having verb between what owns and what is owned (“银发帮帮团”有成员, 企业现有员工): not of the name;
# not 原有/实有/所有 (words of their own), 有色/有限/有机/有效… (有 opening a word).
INNER_HAVING = re.compile(r"(?<=[\u4e00-\u9fff”』」])(?<![原实所没具含占持享保只还都拥])(?:现|共|已)?有(?![色限机效序力关利偿线])(?=[\u4e00-\u9fff“])")


def _without_inner_having(name: str | None) -> str | None:
    """The name without a having verb inside it (肉羊合作社有社员 → 肉羊合作社社员): at least two
    characters on each side stay."""
    if not name:
        return name
    found = INNER_HAVING.search(name, 2)
    return name[: found.start()] + name[found.end() :] if found and len(name) - found.end() >= 2 else name


def _without_periods(name: str | None) -> str | None:
    """A name without the periods written inside it (县政协今年收到提案 → 县政协收到提案): the period is
    the `period` column's (data/metrics/periods.txt), and the real-news names carry none; a name
    that is only a period stays as it is, and so does a comparison base (比一季度)."""
    if not name:
        return name
    # a period right after a comparison word is the base compared with (增速比上半年回落): kept
    kept = PERIOD.sub(lambda m: m.group() if m.start() and name[m.start() - 1] in COMPARED else "", name)
    return kept or name


def _continues(text: str, previous: tuple["MetricValue", int] | None, value: Mention, figure: Figure) -> bool:
    """A figure with no phrase of its own counts the things the figure before it counted, in the
    sentence before (计划新建公厕20座。目前已建成15座): same unit, same paragraph, named."""
    if previous is None or previous[0].metric is None or previous[0].figure.unit != figure.unit:
        return False
    return "\n" not in text[previous[0].value.end : value.start]


def _only_dates(span: tuple[int, int], dates: list[Mention]) -> bool:
    """The phrase is a date and nothing else (正月初二达到|9500人次): it says when, not what."""
    return span[0] is not None and any(d.start <= span[0] and span[1] <= d.end for d in dates)


def _new_level_only(text: str, span: tuple[int, int], dates: list[Mention]) -> bool:
    """The phrase before a figure says only that something changed to it, and when (增加到去年的,
    提高至; dates and data/metrics/periods.txt words aside): the figure is the new level of the metric named before it, not a metric of its own."""
    if span[0] is None:
        return False
    phrase = "".join(c for k, c in enumerate(text[span[0] : span[1]], span[0]) if not any(d.start <= k < d.end for d in dates))
    return NEW_LEVEL.match(PERIOD.sub("", _compact(phrase))) is not None


def _change_before(text: str, start: int, end: int) -> bool:
    """Growth wording right before the figure (耕地面积增加2300亩, 水质提升约6万亩, 贷款余额增加了12亿元):
    an absolute change, named with its wording as a rate is; only CHANGE_LINKS between."""
    grown = _last_growth_word(text, start, end)
    return grown is not None and CHANGE_LINKS.sub("", _compact(text[start:end])).endswith(grown)


# Words between growth wording and the figure of a change: particle, estimates, 达.
CHANGE_LINKS = re.compile(r"(?:了|约|近|达|超过|超|逾|共计|共)+$")


# Units of counts of people and households: data/metrics/people_units.txt.
PEOPLE_UNITS = frozenset(read_list(DATA / "people_units.txt"))
# Rate and share nouns that say of what only with a subject (增幅, 比重): data/metrics/rate_nouns.txt.
GENERIC_RATE = re.compile("^(?:同比|环比)?(?:" + "|".join(longest_first(RATE_NOUNS)) + ")")
# A target or plan measured against (年度目标, 年目标任务): data/metrics/target_words.txt.
TARGET = re.compile("^(?:完成|占|为)?" + _patterns("target_words") + "$")
TARGET_AT_END = re.compile(_patterns("target_words") + "$")


# A difference in points named by what it is compared with (比全市高, 高于全省平均水平).
COMPARISON_HEAD = re.compile(r"(?:比|较|高于|低于|快于|慢于)")
# The word that relates a share to its target (完成年度目标的105%, 为年度预算的102%, 占年度计划的78%).
TARGET_RELATION = ("完成", "为", "占", "达到")


def _target_relation(name: str | None, figure: Figure, before_figure: str) -> str:
    """For a share of a target, the word before the target in its clause that relates them
    (完成|年度目标的105% → 完成; 为|年度预算的102% → 为), else 完成 when the clause holds it
    (完成年目标任务1.1万人的98.5%: the name is inherited from the amount); "" for other figures."""
    if name is None or not _is_share(figure) or any(word in name for word in TARGET_RELATION):
        return ""
    target = TARGET_AT_END.search(name)
    if target is not None:
        at = before_figure.rfind(name[target.start() :])
        word = next((w for w in TARGET_RELATION if at > 0 and before_figure.endswith(w, 0, at)), None)
        if word:
            return word
    return "完成" if "完成" in before_figure else ""


def _owned_name(name: str | None, figure: Figure, owner: MetricValue | None, before_figure: str, inherited: bool = False) -> str | None:
    """The name of a figure whose phrase names a part or a relation of another metric, not a
    metric of its own, with that metric (`owner`, the last figure of the sentence before it with
    a name of its own) in front; None when `name` needs no owner. Kinds (issue 17, README
    "metrics": with its subject):
      rate noun   财政收入5680万元，增幅达150% → 财政收入增幅 (a rate noun alone, growth words after it kept)
      target      新增就业1.2万人，完成年度目标的105% → 新增就业完成年度目标 (a share of it: 完成 kept;
                  the target itself, 完成年度目标1.1万人的…: 新增就业年度目标)
      attribute   民生项目15个，总投资2.3亿元 → 民生项目总投资 (an attribute word alone after a count)
    `before_figure` is the clause before the figure, where 完成 is looked for. An `inherited`
    name (the share after its target's amount, 完成年目标任务1.1万人的98.5%) already has its owner:
    it only takes 完成 before its target word."""
    done = _target_relation(name, figure, before_figure)
    if inherited:
        target = TARGET_AT_END.search(name or "")
        return name[: target.start()] + done + name[target.start() :] if done and target and target.start() > 0 else None
    if name is None or owner is None or owner.metric is None:
        return None
    base = _without_growth_word(owner.metric)
    if GROWTH_ONLY.fullmatch(name):
        return base + name  # 秋粮总产量30.6万吨，同比增产1.7万吨 → 秋粮总产量同比增产
    if GENERIC_RATE.match(name):
        return base + name  # 财政收入增幅 (not a share named by its whole, 占全镇耕地面积: checked, farther from the gold)
    if figure.base_unit == "百分点" and COMPARISON_HEAD.match(name):
        return base + name  # 地区生产总值增长6.5%，比全市高1.2个百分点 → 地区生产总值比全市高
    if TARGET.match(name):
        return base + done + name
    if name in ATTRIBUTE_WORDS and _is_count(owner.figure) and owner.figure.base_unit not in PEOPLE_UNITS:
        return base + name  # not 住户1860户，总投资…: the households have no investment of their own
    return None


def _qualifier(text: str, value: Mention, figure: Figure, clause_start: int) -> str | None:
    before = text[clause_start : value.start]
    bare, tail = before.rstrip("达到为了"), before[-6:]
    words = [w for w, inside in QUALIFIER_PATTERNS if before.endswith(w) or bare.endswith(w) or inside.search(tail)]
    found = []
    for word in words:  # keep the longest, e.g. 同比增长 over 增长
        if not any(word != other and word in other for other in words):
            found.append(word)
    if figure.qualifier:
        found.append(figure.qualifier)
    return ",".join(dict.fromkeys(found)) or None


# Each qualifier word and where it counts in the words before a figure: not inside a noun (增加值,
# value added; 增长点, 增长极).
QUALIFIER_PATTERNS = [(w, re.compile(re.escape(w) + "(?![值点极])")) for w in QUALIFIER_WORDS]
QUOTES = "“”\"「」"
# A quoted stretch of at most this many characters with no clause mark is a label or a slogan
# (“三个一批”, “1小时响应、3小时到场、12小时办结”), not a statement holding a figure.
MAX_QUOTED_LABEL = 20
# A count in Chinese numerals with 个 before a watchword (两个维护, 四个自信) is a slogan's name.
SLOGAN_COUNT = r"^[两三四五六七八九十]个$"
SLOGAN_WORDS = tuple(read_list(DATA / "slogan_words.txt"))
# Characters of codes, file names and addresses (not CJK, not space, not CJK punctuation).
CODE_CHAR = re.compile(r"[!-~]")
# 家住…3栋501室, 位于…5层: units of an address and the words that say one follows (address_cues.txt)
_ADDRESS_ROWS = read_rows(DATA / "address_cues.txt")
ADDRESS_UNITS, ADDRESS_WORDS = tuple(_ADDRESS_ROWS[0]), re.compile("|".join(_ADDRESS_ROWS[1]))
ROOM_NUMBER = re.compile(r"\s*[0-9０-９]+\s*(?:室|号|户)")
PHASE_NOUNS = re.compile("^(?:" + "|".join(read_list(DATA / "phase_nouns.txt")) + ")")
PHASE_NOUN_BEFORE = re.compile("(?:" + "|".join(read_list(DATA / "phase_nouns.txt")) + ")$")  # 工程二期
# 其余6天, 这三天: a demonstrative (first row) before days, months or years (second row).
_TIME_SPAN_ROWS = read_rows(DATA / "time_span_openers.txt")
TIME_SPAN_OPENERS, TIME_UNITS = tuple(_TIME_SPAN_ROWS[0]), tuple(_TIME_SPAN_ROWS[1])
SET_PHRASES = tuple(re.compile(line) for line in read_lines(DATA / "set_phrases.txt"))
# 一亩也不…, 一亩耕地也不…, 一个都没…: "not a single one".
NOT_A_SINGLE = re.compile(r"^[\u4e00-\u9fff]{0,4}?[也都](?:不|没)")
# Time words ending in 前 before a count (目前73名下岗职工…): now, not a rank.
NOT_RANK_FRONT = ("目前", "当前", "此前", "之前", "以前", "日前", "提前", "事前")
# 一 written as a word before a measure word of kinds and matters (一种, 一件): the indefinite article.
ARTICLE_ONE = re.compile(r"一(?:种|件|番话|样)")


def _inside_code(text: str, value: Mention) -> bool:
    """The figure lies in a run of ASCII characters longer than 12 that holds a letter (an image
    file name or a link that extraction left in the text: Q3XK{%(2Z)9%P}]LB_tmb.jpg)."""
    start, end = value.start, value.end
    while start > 0 and CODE_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and CODE_CHAR.match(text[end]):
        end += 1
    return end - start > 12 and re.search(r"[A-Za-z]", text[start:end]) is not None


def _quoted_label(text: str, value: Mention) -> bool:
    """The figure stands inside quotes (an odd number of quote marks before it in its sentence, of
    either orientation: cleaning a PDF's straight quotes may turn a closing one into “) that hold at
    most MAX_QUOTED_LABEL characters and no clause mark: a label or a slogan."""
    sentence_start, sentence_end = sentence_around(text, value.start, value.end)
    if sum(text.count(q, sentence_start, value.start) for q in QUOTES) % 2 == 0:
        return False
    left = max(text.rfind(q, sentence_start, value.start) for q in QUOTES)
    right = min((i for i in (text.find(q, value.end, sentence_end) for q in QUOTES) if i != -1), default=-1)
    return right != -1 and right - left <= MAX_QUOTED_LABEL and not re.search(r"[，,。；;：:！？]", text[left:right])


def not_a_metric(text: str, value: Mention, figure: Figure, names: list[Mention]) -> str | None:
    """Why a number mention is not a reported figure (None when it is one): a metric row needs a
    measured thing (a unit), and years, labels and size thresholds are not facts."""
    unit = figure.base_unit
    if value.label == "QUANTITY" and not figure.unit and not text.startswith(COUNT_WORDS, value.end):
        return "no unit"  # 贾四海, 3.2工程: a numeral with nothing measured (7 个 split by OCR is kept)
    if value.label == "MONEY" and not (CURRENCY_UNIT.search(figure.unit) or re.fullmatch(r"[万亿]+", figure.unit)):
        return "no currency"
    if value.label == "PERCENT" and unit not in ("%", "‰", "百分点"):
        return "no percent sign"
    rank_before = text[max(0, value.start - RANK_LOOKBACK) : value.start].rstrip()
    if unit in RANK_UNITS and rank_before.endswith("前") and not rank_before.endswith(NOT_RANK_FRONT):
        return "a rank"  # 位列全国前10位, 进入全省前三名: which places, not how many (docs/annotation.md)
    if unit.startswith("年") and not figure.qualifier and figure.value is not None and float(figure.value).is_integer():
        if 1900 <= figure.value <= 2100:
            return "a year"
        lasting = DURATION_BEFORE.search(_compact(text[max(0, value.start - 4) : value.start])) or DURATION_AFTER.match(text, value.end)
        if EARLIER_YEAR.fullmatch(_compact(value.text)) and not lasting:
            return "a year"  # 始建于1368年, 自从达尔文1871年…: the number rules take 19xx/20xx年 as dates only
    if any(n.start < value.end and value.start < n.end for n in names):
        return "inside a name"
    if _quoted_label(text, value):
        return "a quoted label"  # “三个一批”, "七个一", “1小时响应、3小时到场” (a PDF text layer's straight quotes too)
    _, sentence_end = sentence_around(text, value.start, value.end)
    if text[sentence_end - 1 : sentence_end] in ("？", "?"):
        return "a question"  # 一周有多少场演出？: asked, not reported
    after = _compact(text[value.end : value.end + 8])
    if re.match(SLOGAN_COUNT, value.text) and after.startswith(SLOGAN_WORDS):
        return "a slogan"  # 两个确保, 四个全面, 三个加快: a count of watchwords, data/metrics/slogan_words.txt
    upper = MONEY_RANGE_END.match(after)  # 5亿元|至10亿元项目: the low end of a range of sizes
    if value.label == "MONEY" and THRESHOLD_AFTER.match(after[upper.end() if upper else 0 :]):
        money_before = _compact(text[max(0, value.start - 12) : value.start])
        bound_before = money_before.endswith(("超过", "超", "逾", "突破", "高于")) or upper is not None or MONEY_RANGE_START.search(money_before) is not None
        bounded = figure.is_range or bound_before or after.startswith(("以上", "以下", "规模")) or (figure.qualifier or "").split(",")[0] in ("超过", "上", "逾", "超")
        if bounded:
            return "a size threshold"
    if value.label in ("QUANTITY", "MONEY") and not _is_share(figure) and BOUND_BEFORE_NOUN.match(after):  # not 七成以上的村民
        return "a size threshold"  # 56人以上大班额, 10亩以上种植大户: which things are counted, not how many
    if value.label == "MONEY" and figure.qualifier in BOUND_PREFIXES and COUNTED_AFTER.match(_compact(text[value.end : value.end + 16])):
        return "a size threshold"  # 收入超过50万元的村达到9个: the money says which villages are counted
    start = _without_glued_word(text, value).start  # 最近|3天: the 近 of 最近 is no estimate
    if figure.base_unit in TIME_UNITS and not figure.qualifier and re.match(r"^(?:多|余)?(?:前|后|以来|来|下来)(?![线期台])", after):
        return "a point in time"  # 3年前, 5年后, 两年来, 3年多来: when, not how long
    if figure.base_unit in TIME_UNITS and re.match(r"^(?:以)?内", after) and PLAN_WORD.search(text[_clause_start(text, value.start) : value.start]):
        return "a deadline"  # 力争一期工程18个月内完工, 要在1周内组织…: when a plan is due (24小时内办结, a standard, stays)
    written_before = _compact(text[max(0, start - 4) : start]).removesuffix("的")
    old_level = re.search(r"由(?:过去|以前)$|提前$", written_before) is not None  # 由过去的5小时缩短到…, 提前3天: a level, not a stretch
    if figure.base_unit in TIME_UNITS and not figure.qualifier and not old_level and written_before.endswith(TIME_SPAN_OPENERS):
        return "a span of time"  # 其余6天, 这三天, 过去的3年: when something happened, not a reported duration
    if _is_count(figure) and not figure.qualifier and GROWTH_AFTER_NOUN.match(_compact(text[value.end : value.end + 20])) and not COMPARISON_AFTER.match(after):
        return "part of a label"  # 十种有色金属增长0.7%: the count names the product group that grew
    if any(phrase.match(text, value.start) for phrase in SET_PHRASES):
        return "a set phrase"  # 一户一策, 最多跑一次, 24小时值守: data/metrics/set_phrases.txt
    if figure.value == 1 and NOT_A_SINGLE.match(after):
        return "not a single one"  # 一亩也不流出, 一个都不能少: a negation, not a count
    if ARTICLE_ONE.fullmatch(_compact(value.text)):
        return "an article"  # 一种彻底放松的感觉, 一件很可怜的事: "a", not a count (the number rules keep 一个 out already)
    if value.text.startswith("一") and figure.value == 1 and figure.base_unit not in TIME_UNITS and PER_ONE.match(text, value.end):
        return "per one"  # 一亩茶园收入不到两千元: the unit of a rate given after it, not a count
    if figure.base_unit == "期" and (PHASE_NOUNS.match(after) or PHASE_NOUN_BEFORE.search(_compact(text[max(0, value.start - 6) : value.start]))):
        return "a phase number"  # 三期工程, 一期项目, 改造工程二期开工: which phase, not how many
    if _inside_code(text, value):
        return "inside a code or file name"  # Q3XK{%(2Z)9%P}…tmb.jpg
    if unit in ADDRESS_UNITS and (ADDRESS_WORDS.search(text, _clause_start(text, value.start), value.start) or ROOM_NUMBER.match(text, value.end)):
        return "an address"  # 家住某小区3栋501室, 办事大厅位于综合楼5层
    return None


# A figure after 一 + unit in its clause (一亩茶园收入不到两千元, 一户增收3000元): that 一 is "per".
PER_ONE = re.compile(r"[^，,。；;：:！？!?\n]{1,12}?[0-9０-９零〇两三四五六七八九十百千万]")


# Units of a rank after 前 (前10位, 前三名), which a wrap or an OCR space may part from the number.
RANK_UNITS = ("名", "位")
RANK_LOOKBACK = 4  # characters: 前 and up to three spaces
MAX_HEADLINE_LINE = 120


def _headline_end(text: str) -> int:
    """End of the headline block: the lines before the first one that ends a sentence (title,
    subtitle, kicker; a PDF may wrap them), each shorter than MAX_HEADLINE_LINE; -1 when none."""
    end, start = -1, 0
    while (stop := text.find("\n", start)) != -1 and stop - start < MAX_HEADLINE_LINE and "。" not in text[start:stop]:
        end, start = stop, stop + 1
    return end


def _repeated_headline(text: str, values: list[Mention]) -> int:
    """End of the headline block when all its figures occur again in the body; -1 otherwise."""
    end = _headline_end(text)
    in_headline = [v for v in values if v.end <= end]
    if in_headline and all(re.sub(r"\s+", "", v.text) in re.sub(r"\s+", "", text[end:]) for v in in_headline):
        return end
    return -1


def _same_fact(a: tuple[str, str], b: tuple[str, str], headline: bool = False) -> bool:
    """Two (metric phrase, figure) pairs state one fact: the same figure as written and phrases of
    which one holds the other (新增企业 / 全区新增企业); sharing words is not enough (第二产业投资
    and 工业投资 both grew 16.1%), except between a headline and the body, which reword the same
    fact (全区接待游客 / 接待游客人次): there half of the shorter phrase's characters will do. Short
    forms are written out first (GDP / 地区生产总值: _written_out)."""
    if a[1] != b[1] or not a[0] or not b[0]:
        return False
    short, long_ = sorted((_written_out(a[0]), _written_out(b[0])), key=len)
    return short in long_ or (headline and len(set(short) & set(long_)) * 2 >= len(set(short)))


# Short forms of metric names → the full form (data/metrics/metric_synonyms.txt), longest first.
SHORT_FORMS = sorted(((alias, row[0]) for row in read_rows(DATA / "metric_synonyms.txt") for alias in row[1:]), key=lambda pair: -len(pair[0]))


def _written_out(phrase: str) -> str:
    """`phrase` with the short forms of metric names written out (GDP → 地区生产总值), to compare facts."""
    for alias, full in SHORT_FORMS:
        if alias in phrase and full not in phrase:
            phrase = phrase.replace(alias, full)
    return phrase


# Words whose last character is also an approximation word (签约32个 is 32, not about 32).
GLUED_WORDS = tuple(read_list(DATA / "glued_qualifier_words.txt"))


# Unit the rules stop at → what completes it right after the figure (data/metrics/unit_completions.txt).
UNIT_COMPLETIONS = [(row[0], re.compile(re.escape(row[1]) + "(?![年日月级])")) for row in read_rows(DATA / "unit_completions.txt")]


def _with_unit_completed(text: str, value: Mention) -> Mention:
    """The figure with the rest of a unit the number rules stop short of (3个|工作日 → 3个工作日)."""
    for unit, rest in UNIT_COMPLETIONS:
        if value.text.endswith(unit) and (found := rest.match(text, value.end)):
            return Mention(value.start, found.end(), value.label, value.text + found.group())
    return value


def _without_glued_word(text: str, value: Mention) -> Mention:
    """The figure without a leading character that belongs to the word before it (签|约32个 → 32个)."""
    if value.start > 0 and text[value.start - 1 : value.start + 1] in GLUED_WORDS and len(value.text) > 1:
        return Mention(value.start + 1, value.end, value.label, value.text[1:])
    return value


# Figures joined into a pair whose unit is written once, after the second (分别提高8.2个和6.9个百分点).
SHARED_UNIT_JOINER = re.compile(rf"\s*(?:和|与|及|、|{RANGE_MARKS})\s*")


def _shared_unit(text: str, value: Mention, following: Mention | None) -> str:
    """The rest of a unit the next figure writes for both (8.2个|和6.9个百分点 → 百分点); "" for none."""
    if following is None or not value.text.endswith("个") or not following.text.endswith("个百分点"):
        return ""
    return "百分点" if SHARED_UNIT_JOINER.fullmatch(text[value.end : following.start]) else ""


def adjacent_qualifiers(text: str, value: Mention) -> tuple[str, str]:
    """The qualifier words (data/metrics/qualifiers.txt) written right against a figure that the
    number rules leave outside its span: 超过|3000人, 突破|2亿元, 50亿元|以上, 8.8%|左右, 1公里|多. Only
    words of two characters or more, and 多 after a unit (_suffix_qualifier): other single ones
    (上, 达) are everyday words in that position."""
    before = next((w for w in PREFIX_QUALIFIERS if len(w) >= 2 and text.endswith(w, 0, value.start)), "")
    after = _suffix_qualifier(text, value.end) if value.text[-1:] != "多" else ""  # 1公里|多 too; not 200多人|多
    return before, after


# A line break inside a sentence, as page extraction leaves one (实现销售收入2.74亿元，|同比增长19.2%;
# 出口额达|4600万元，占…): the line before holds body punctuation and ends on a clause mark or a word,
# the line after goes on with body text, not a list item (一是, 2., ●) or a new story.
CUT_LINE = re.compile(
    r"(?<=[，、：,:\u4e00-\u9fff0-9０-９%])\n(?=[\u4e00-\u9fff0-9０-９])(?![一二三四五六七八九十]+[是要、]|[0-9]{1,2}[.、．](?![0-9])|首先|其次|此外|另外|本报)"
)
BODY_PUNCTUATION = re.compile(r"[，,。；;]")
SECTION_NUMBER = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}[.、．](?![0-9]))")


def _cut_lines_joined(text: str) -> str:
    """`text` with each line break inside a sentence (CUT_LINE, the line before holding body
    punctuation and the line after too) made a space: same length, so offsets stay."""
    def joined(match: re.Match) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        before, after = text[line_start : match.start()], text[match.end() : len(text) if line_end < 0 else line_end]
        heading = SECTION_NUMBER.match(before) is not None and "。" not in before  # 一、强化组织领导，压实责任
        return " " if not heading and BODY_PUNCTUATION.search(before) and BODY_PUNCTUATION.search(after) else "\n"
    return CUT_LINE.sub(joined, text)


# Plan, target and forecast words (data/metrics/planned_words.txt) and result words (achieved_words.txt).
PLANNED = re.compile("|".join(longest_first(read_list(DATA / "planned_words.txt"))))
ACHIEVED = re.compile("|".join(longest_first(read_list(DATA / "achieved_words.txt"))))
# A plan word right before the 的 of a share (占年度计划的91.6%, 完成目标任务的105%): the base, not a plan.
PLAN_AS_BASE = re.compile(r"(?:任务)?的")


def _planned(text: str, clause_start: int, value: Mention, previous: tuple["MetricValue", int] | None, sentence_start: int) -> bool:
    """The figure is a plan, target or forecast (data/metrics/planned_words.txt):
    - a plan word in its clause before it (力争全年新增贷款60亿元), with no result word after that
      word (计划…，目前已完成1.2亿元) nor after the figure in its clause (计划扶贫的20个乡镇已实现…),
      and not only naming the base of a share (占年度计划的91.6%);
    - else a plan word before a colon earlier in its sentence (主要目标是：农业增加值增长4%…);
    - else, with no result word in its clause, the figure before it in its sentence was planned
      (计划新建学校12所、公园3个)."""
    before = text[clause_start : value.start]
    clause_end = CLAUSE_BREAK.search(text, value.end)
    after = text[value.end : clause_end.start() if clause_end else len(text)]
    if ACHIEVED.search(after):
        return False
    plans = list(PLANNED.finditer(before))
    if plans:
        rest = before[plans[-1].end() :]
        return not PLAN_AS_BASE.fullmatch(_compact(rest)) and not ACHIEVED.search(rest)
    if ACHIEVED.search(before):
        return False
    heading = text[sentence_start:clause_start]
    if any(re.search(r"[：:]", heading[m.end() :]) for m in PLANNED.finditer(heading)):
        return not ACHIEVED.search(heading[heading.rfind("：") + 1 :] if "：" in heading else heading)
    return previous is not None and previous[1] == sentence_start and previous[0].planned


def relate_metrics(text: str, mentions: list[Mention]) -> list[MetricValue]:
    """One MetricValue per figure mention that parses as a number. Offsets are into `text`; a line
    break inside a sentence does not end the figure's clause (_cut_lines_joined)."""
    text = _cut_lines_joined(text)
    values = sorted((m for m in mentions if m.label in VALUE_LABELS), key=lambda m: m.start)
    dates = [m for m in mentions if m.label == "DATE"]
    places = [m for m in mentions if m.label in ("ORG", "LOC")]
    results: list[MetricValue] = []
    previous: tuple[MetricValue, int] | None = None  # last metric and its sentence start
    sentence_facts: list[tuple[MetricValue, int]] = []  # every metric so far and its sentence start
    owners: list[tuple[MetricValue, int]] = []  # the metrics so far with a name of their own (_owned_name)
    cut_subjects: dict[int, str] = {}  # id of a result → the subject _adverb_subject put in front of its name
    floor = 0
    names = [m for m in mentions if m.label == "PER"]
    headline_end = _repeated_headline(text, values)
    facts: list[tuple[str, str]] = []  # (metric phrase, figure) of each result, in step with results
    first_line = _headline_end(text)
    for index, value in enumerate(values):
        figure_mention = _with_unit_completed(text, _without_glued_word(text, value))
        before, after = adjacent_qualifiers(text, figure_mention)
        after = after or _shared_unit(text, figure_mention, values[index + 1] if index + 1 < len(values) else None)
        figure = parse_figure(before + figure_mention.text + after)  # a bound or an estimate stays one
        if figure is None or not_a_metric(text, value, figure, names):
            continue
        if value.end <= headline_end:
            continue  # a headline whose figures the body states again: one fact each
        sentence_start, _ = sentence_around(text, value.start, value.end)
        floor = max(sentence_start, floor if previous else 0)
        next_start = values[index + 1].start if index + 1 < len(values) else len(text)
        listed = _respectively(text, index, values)
        span = (
            listed
            or _shared_noun(text, index, values)
            or _metric_after(text, figure_mention, figure, next_start)
            or _metric_before(text, figure_mention, floor, figure.base_unit == "百分点", dates, multiple=figure.base_unit == "倍")
        )
        if span is not None and span[0] is not None and COMPARISON_BASE.fullmatch(_compact(text[span[0] : span[1]])) and _given_respectively(text, index, values):
            span = None  # …，较建设前分别提高8.2个和6.9个百分点: what it is compared with names nothing measured
        if span is not None and _new_level_only(text, span, dates):
            span = None  # 从…的5万元增加到去年的32万元: the new level of the same metric, inherited
        run_first, run_last = _run(text, index, values)
        # …两天，共有120人参加: a lone count whose own clause says what it counts inherits nothing
        lone_count = figure.base_unit not in RATE_UNITS and run_first == run_last == index
        if span is None and lone_count:
            span = _predicate_after(text, figure_mention)
        source = previous[0] if previous is not None and previous[1] == sentence_start else None
        if span is None and lone_count and source is None and _continues(text, previous, figure_mention, figure):
            source = previous[0]  # 计划实施项目12项。目前已完成9项: a count of the same things, a sentence on
        if span is None and (respective := _respective_fact(text, index, values, [r for r, start in sentence_facts if start == sentence_start])):
            source = respective  # …，分别增长两成和1.5倍: each rate is its own fact's
        inherited = span is None and source is not None
        if span is None and not inherited:
            own = None if lone_count else _predicate_after(text, figure_mention)  # a lone count's was tried above
            span = own or _earlier_clause(text, figure_mention, sentence_start, figure.base_unit in RATE_UNITS)
        if inherited:
            span = (source.metric_start, source.metric_end)
        # a figure given 分别 takes the growth wording written between its list and it
        # an inherited figure in a run (…，分别增长5%、6%和7%) takes the wording before the run's first
        clause_start = listed[1] if listed else _clause_start(text, values[run_first].start if inherited else value.start)
        period = _period(text, sentence_start, value, dates)
        subject = _subject(text, sentence_start, value, places)
        name = _metric_name(text, figure_mention, figure, span, clause_start, source.metric if inherited else None, dates)
        if name and span and _only_dates(span, dates) and source is not None and source.metric and source.figure.base_unit == figure.base_unit:
            name += _without_growth_word(source.metric)  # 正月初一接待游客8000人次，正月初二达到9500人次: 正月初二接待游客
        if name and inherited and figure.base_unit == "百分点" and COMPARED_WITH.match(compared := _compact(text[clause_start : value.start])):
            name = _without_growth_word(name) + LINK_WORDS.sub("", compared)  # …，高于全县平均水平0.6个百分点: X高于全县平均水平
        if listed:
            name = _distributed_name(name, index - run_first, run_last - run_first + 1)
        run_counts = [r for r, _ in sentence_facts if _is_count(r.figure) and values[run_first].start <= r.value.start < value.start]
        name = _dimension_name(name, figure, run_counts)
        if before and name and name.endswith(before) and len(name) > len(before):
            name = name[: -len(before)]  # 税收不到|5亿元: the metric is 税收; 不到 is in `qualifier`
        cut_subject = _adverb_subject(text, span, max(clause_start, floor), index, values)
        if name and cut_subject and inherited and cut_subjects.get(id(source)) and name.startswith(cut_subjects[id(source)]):
            name = name[len(cut_subjects[id(source)]) :]  # 甲镇、乙镇分别…: the second figure's subject is 乙镇'
        if name and cut_subject and not name.startswith(cut_subject):
            name = cut_subject + HAVING.sub("", name)  # 各景区 + 接待游客; 各级学校 + (共)有在校学生
        owner = next((fact for fact, start in reversed(owners) if start == sentence_start), None)
        owned = _owned_name(name, figure, owner, text[clause_start : value.start], inherited)
        name = _without_inner_having(_without_periods(owned or name))
        if name is None and (population := POPULATION_WORDS.get(figure.base_unit)) and (place := _whole_place_only(text, clause_start, value.start)):
            name = place + population  # 全村312户1146人: the place's households and people
        written = figure_mention.text if figure_mention.text != value.text else None  # 签约|9个, 3个|工作日
        planned = _planned(text, _clause_start(text, value.start), value, previous, sentence_start)
        result = MetricValue(value, figure, *(span or (None, None)), _qualifier(text, figure_mention, figure, clause_start), period, subject, name, written, planned)
        previous = (result, sentence_start)
        sentence_facts.append((result, sentence_start))
        cut_subjects[id(result)] = cut_subject
        if name is not None and owned is None and not inherited:
            owners.append((result, sentence_start))
        floor = figure_mention.end  # past a completed unit (15个|工作日)
        if span is not None and span[0] is not None and span[0] >= figure_mention.end and CHANGE_AFTER_NOUN.match(text, span[1]):
            floor = span[1]  # 由过去的24个委办局|减至目前的17个: the noun is the count's, the next figure its new level
        if name is None:
            continue  # a metric row needs a measured thing: a figure with no phrase at all is none
        fact = (re.sub(r"\s+", "", text[span[0] : span[1]]) if span else "", re.sub(r"\s+", "", value.text))
        same = next((i for i, other in enumerate(facts) if _same_fact(fact, other, results[i].value.end <= first_line)), None)
        if same is None:
            results.append(result)
            facts.append(fact)
        elif results[same].value.end <= first_line or len(fact[0]) > len(facts[same][0]):
            # the same fact stated again: keep the body's statement, else the fuller phrase
            results[same], facts[same] = result, fact
    return [r for r in results if not (r.value.end <= first_line and _rounded_in_body(r, results, first_line))]


# A headline rounds a figure its body gives exactly (逾亿元 / 10380万元): within this ratio.
HEADLINE_ROUNDING = 1.25


def _rounded_in_body(headline: MetricValue, results: list[MetricValue], first_line: int) -> bool:
    """A headline figure that states a body figure again, rounded (国庆假期某县实现旅游综合收入逾亿元 /
    实现旅游综合收入10380万元): an estimate (approximate) in the same base unit, within
    HEADLINE_ROUNDING of a body figure, the shorter of the two names with at least half of its
    characters in the other. A fact stated in headline and body is one fact (README "metrics")."""
    if not headline.figure.approximate or not headline.figure.value_norm or not headline.metric:
        return False
    for body in results:
        if body.value.start <= first_line or body.figure.base_unit != headline.figure.base_unit or not body.metric or not body.figure.value_norm:
            continue
        ratio = headline.figure.value_norm / body.figure.value_norm
        short, long_ = sorted((headline.metric, body.metric), key=len)
        if 1 / HEADLINE_ROUNDING <= ratio <= HEADLINE_ROUNDING and len(set(short) & set(long_)) * 2 >= len(set(short)):
            return True
    return False


def _period(text: str, sentence_start: int, value: Mention, dates: list[Mention]) -> str | None:
    """The period a figure is stated for: the last period phrase (data/metrics/periods.txt) or DATE
    of its clause before it, comparison bases (比一季度) aside; else the one at the head of its
    sentence, which covers the clauses after a ； (一季度全县…；…增长7.8%；…完成42亿元)."""
    found = _last_period(text, sentence_start, value.start, dates)
    if found is None:
        head = max(text.rfind(mark, 0, sentence_start) for mark in SENTENCE_HEAD_MARKS) + 1  # rfind: -1 when none
        if head < sentence_start:
            found = _last_period(text, head, sentence_start, dates)
    return found


def _last_period(text: str, start: int, end: int, dates: list[Mention]) -> str | None:
    periods = [m for m in PERIOD.finditer(text, start, end) if not _compared(text, m.start())]
    if periods:
        return periods[-1].group(0)
    in_span = [d for d in dates if start <= d.start and d.end <= end and not _compared(text, d.start)]
    return re.sub(r"\s+", "", in_span[-1].text) if in_span else None


def _compared(text: str, start: int) -> bool:
    """A comparison word right before `start`: what starts there is a comparison's base."""
    return start > 0 and text[start - 1] in COMPARED


def _subject(text: str, sentence_start: int, value: Mention, places: list[Mention]) -> str | None:
    before = text[sentence_start : value.start]
    found = SUBJECT.search(before)
    if found:
        return found.group(0)
    in_sentence = [p for p in places if sentence_start <= p.start and p.end <= value.start]
    return re.sub(r"\s+", "", in_sentence[0].text) if in_sentence else None
