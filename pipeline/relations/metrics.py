"""metric → value: for each MONEY/PERCENT/QUANTITY mention, what it measures, with qualifier, period and subject.

The metric phrase is usually the noun phrase just before the figure in its clause
(绿色贷款余额 达 8.5亿美元); a count with a measure word may instead name its metric after it
(建成 3个 公园). A clause with no noun of its own (…，同比增长6.8%) inherits the previous metric.
"""

import re
from dataclasses import dataclass

from pipeline.ner.rules import read_list
from pipeline.relations.numbers import DATA, Figure, parse_figure
from pipeline.relations.officials import Mention, sentence_around

VALUE_LABELS = ("MONEY", "PERCENT", "QUANTITY")
CLAUSE_BREAK = re.compile(r"[，,、；;：:。！？!?\n（(）)]")
# Verbs and markers between a metric and its figure; stripped from the end of the metric phrase.
LINK_WORDS = re.compile(
    r"(?:同比增长|同比下降|同比减少|环比增长|环比下降|累计达到|累计达|累计|达到|达|为|是|约|近|超过|超|突破|共计|共有|共|实现|完成|"
    r"增长|下降|减少|增加|提高|提升|占比|占|有|多达|逾|仅|涉及|总计|合计|总额|高于|低于|比|较|以上|余|已|计|分别|"
    r"从|上升到|上升至|提升至|提升到|增至|增长到|降至|下降到|降低|由|较去年同期|比去年同期|较上年|比上年|同期|的|)+$"
)
# Words that open a clause without being part of the metric.
LEADING_WORDS = re.compile(
    r"^(?:其中|同时|此外|另外|目前|今年以来|今年|去年|全年|上半年|下半年|截至[^，,。]{0,12}?(?:底|末|月|日|年)|"
    r"\d{4}年(?:以来|底|末)?|近年来|据统计|据了解|累计|共|已|并|还|将|新(?![增建])|先后|全区|全市|全省|全县|全镇|全街道|我区|我市|"
    r"开展|举办|组织|举行|召开|力争(?:到\d{4}年)?|预计|计划)+"
)
QUALIFIER_WORDS = ("同比增长", "同比下降", "同比减少", "环比增长", "环比下降", "累计", "增长", "下降", "减少", "增加", "提高", "完成率", "占比")
PERIOD = re.compile(r"截至[^，,。；]{1,14}(?:底|末|月|日|年)|全年|上半年|下半年|一季度|二季度|三季度|四季度|前\S{1,2}个?月|今年以来|\d{4}年(?:以来|底|末)?")
SUBJECT = re.compile(r"全区|全市|全省|全县|全镇|全街道|全国")
# Measure words after which the counted noun usually follows (3个公园, 5项标准).
AFTER_NOUN_START = re.compile(r"[\u4e00-\u9fff\"“]")
# Words after a count that start a verb phrase, not the counted noun (5个 进行 …, 3项 均 …).
NOT_A_NOUN = ("个", "项", "家", "名", "人", "件", "条", "支", "所", "座", "进行", "开展", "参加", "参与", "以上", "左右", "之", "次", "均", "都", "共", "已", "在", "是", "为", "被", "将", "对", "把", "从", "向", "于", "获", "得", "达", "中", "内", "后", "前", "来", "以", "时")
MAX_AFTER_CHARS = 10
NOUN_STOP = re.compile(r"[的和与及、，,。；;：:！？\s（(]|进行|开展|参加|参与|获得|得到|已|完成|实现|达到|累计|均|全部|正在")
# A clause ending in one of these verbs before a figure names the measured thing after it
# (达成2500余万元融资合作意向, 获得470余万元保费补助, 抵扣最高50%的担保费).
VERB_BEFORE_FIGURE = re.compile(r"(?:达成|获得|取得|抵扣|给予|提供|发放|投入|争取|兑现|带动|吸引|撬动|具有|以每年|每年|最高|最低|成立了|组建了|建成|新建|举办|开展)$")
MAX_METRIC_CHARS = 16
# A list number opening a clause is never part of the metric (1.招商引资项目, （二）, 三是).
LIST_NUMBER = re.compile(r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}(?:\.[0-9]{1,2})*[.、．]?(?=[\u4e00-\u9fff])|[一二三四五六七八九十]{1,3}[、.．是])")
COUNT_WORDS = tuple("个项家名人户次条件所座位只台辆张批处")
CURRENCY_UNIT = re.compile(r"元|美元|欧元|港元|日元|英镑")
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


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, position)), default=0)


def _metric_before(text: str, value: Mention, floor: int) -> tuple[int, int] | None:
    """The noun phrase between the clause start and the figure, without link words and openers."""
    start = max(_clause_start(text, value.start), floor)
    phrase = text[start : value.start]
    stripped_end = len(LINK_WORDS.sub("", phrase).rstrip())
    while stripped_end and re.match(r"[0-9０-９.．\s]", phrase[stripped_end - 1]):
        stripped_end -= 1  # never end on part of another number (…人数都在60|00人)
    numbered = LIST_NUMBER.match(phrase)
    lead = numbered.end() if numbered else 0
    opener = LEADING_WORDS.match(phrase[lead:stripped_end])
    lead += opener.end() if opener else 0
    if stripped_end - lead <= 0:
        return None
    begin = start + lead
    end = start + stripped_end
    if end - begin > MAX_METRIC_CHARS:  # long clauses: keep the head noun phrase at the end
        begin = end - MAX_METRIC_CHARS
        particle = text.rfind("的", begin, end)
        begin = particle + 1 if particle != -1 and particle < end - 1 else begin
    return (begin, end) if begin < end else None


def _metric_after(text: str, value: Mention) -> tuple[int, int] | None:
    """For counts like 3个公园 or 200余人的快反队伍, and figures after a verb (获得470万元保费补助):
    the noun right after the figure."""
    before = text[_clause_start(text, value.start) : value.start].rstrip()
    after_verb = VERB_BEFORE_FIGURE.search(before) is not None or not LEADING_WORDS.sub("", LINK_WORDS.sub("", before))
    if value.label != "QUANTITY" and not after_verb:
        return None
    start = value.end
    if text.startswith("的", start):
        if not after_verb:
            return None  # 500万吨的能力: the metric is before the figure
        start += 1
    if start >= len(text) or not AFTER_NOUN_START.match(text[start]) or text.startswith(NOT_A_NOUN, start):
        return None
    stop = NOUN_STOP.search(text, start)
    end = min(stop.start() if stop else len(text), start + MAX_AFTER_CHARS)
    return (start, end) if end > start else None


def _qualifier(text: str, value: Mention, figure: Figure, clause_start: int) -> str | None:
    before = text[clause_start : value.start]
    words = [w for w in QUALIFIER_WORDS if before.endswith(w) or before.rstrip("达到为了").endswith(w) or w in before[-6:]]
    found = []
    for word in words:  # keep the longest, e.g. 同比增长 over 增长
        if not any(word != other and word in other for other in words):
            found.append(word)
    if figure.qualifier:
        found.append(figure.qualifier)
    return ",".join(dict.fromkeys(found)) or None


def not_a_metric(text: str, value: Mention, figure: Figure, names: list[Mention]) -> str | None:
    """Why a number mention is not a reported figure (None when it is one): a metric row needs a
    measured thing (a unit), and years, labels and size thresholds are not facts."""
    unit = figure.base_unit
    if value.label == "QUANTITY" and not figure.unit and not text.startswith(COUNT_WORDS, value.end):
        return "no unit"  # 贾四海, 3.2工程: a numeral with nothing measured (7 个 split by OCR is kept)
    if value.label == "MONEY" and not (CURRENCY_UNIT.search(figure.unit) or re.fullmatch(r"[万亿]+", figure.unit)):
        return "no currency"
    if value.label == "PERCENT" and unit not in ("%", "百分点"):
        return "no percent sign"
    if unit.startswith("年") and not figure.qualifier and figure.value is not None and 1900 <= figure.value <= 2100 and float(figure.value).is_integer():
        return "a year"
    if any(n.start < value.end and value.start < n.end for n in names):
        return "inside a name"
    left, right = text.rfind("“", max(0, value.start - 8), value.start), text.find("”", value.end, value.end + 8)
    if left != -1 and right != -1 and "，" not in text[left:right] and right - left <= 10:
        return "a quoted label"  # “三个一批”, “七个一”
    after = re.sub(r"\s+", "", text[value.end : value.end + 8])
    if value.label == "MONEY" and THRESHOLD_AFTER.match(after):
        bounded = figure.is_range or after.startswith(("以上", "以下", "规模")) or (figure.qualifier or "").split(",")[0] in ("超过", "上", "逾", "超")
        if bounded:
            return "a size threshold"
    return None


def _repeated_headline(text: str, values: list[Mention]) -> int:
    """End of the first line when it is a headline (no sentence end) whose figures all occur again
    in the body; -1 otherwise."""
    end = text.find("\n", 0, 120)
    if end == -1 or "。" in text[:end]:
        return -1
    in_headline = [v for v in values if v.end <= end]
    if in_headline and all(re.sub(r"\s+", "", v.text) in re.sub(r"\s+", "", text[end:]) for v in in_headline):
        return end
    return -1


def relate_metrics(text: str, mentions: list[Mention]) -> list[MetricValue]:
    """One MetricValue per figure mention that parses as a number."""
    values = sorted((m for m in mentions if m.label in VALUE_LABELS), key=lambda m: m.start)
    dates = [m for m in mentions if m.label == "DATE"]
    places = [m for m in mentions if m.label in ("ORG", "LOC")]
    results: list[MetricValue] = []
    previous: tuple[MetricValue, int] | None = None  # last metric and its sentence start
    floor = 0
    names = [m for m in mentions if m.label == "PER"]
    headline_end = _repeated_headline(text, values)
    for value in values:
        figure = parse_figure(value.text)
        if figure is None or not_a_metric(text, value, figure, names):
            continue
        if value.end <= headline_end:
            continue  # a headline whose figures the body states again: one fact each
        sentence_start, _ = sentence_around(text, value.start, value.end)
        floor = max(sentence_start, floor if previous else 0)
        span = _metric_after(text, value) or _metric_before(text, value, floor)
        if span is None and previous and previous[1] == sentence_start:
            span = (previous[0].metric_start, previous[0].metric_end)
        clause_start = _clause_start(text, value.start)
        period = _period(text, sentence_start, value, dates)
        subject = _subject(text, sentence_start, value, places)
        result = MetricValue(value, figure, *(span or (None, None)), _qualifier(text, value, figure, clause_start), period, subject)
        results.append(result)
        previous = (result, sentence_start)
        floor = value.end
    return results


def _period(text: str, sentence_start: int, value: Mention, dates: list[Mention]) -> str | None:
    before = text[sentence_start : value.start]
    match = None
    for match in PERIOD.finditer(before):
        pass
    if match:
        return match.group(0)
    in_sentence = [d for d in dates if sentence_start <= d.start and d.end <= value.start]
    return re.sub(r"\s+", "", in_sentence[-1].text) if in_sentence else None


def _subject(text: str, sentence_start: int, value: Mention, places: list[Mention]) -> str | None:
    before = text[sentence_start : value.start]
    found = SUBJECT.search(before)
    if found:
        return found.group(0)
    in_sentence = [p for p in places if sentence_start <= p.start and p.end <= value.start]
    return re.sub(r"\s+", "", in_sentence[0].text) if in_sentence else None
