"""Issue #20: no page lost to a bad byte, no page turned into mojibake.

One test per kind of file the issue names, on invented text, plus the hypothesis property:
a UTF-8 page with up to three corrupted bytes keeps >= 95% of its characters and stays UTF-8.
"""

from difflib import SequenceMatcher

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import load_config
from pipeline.decoding import decode, script_of
from pipeline.errors import ConfigError
from pipeline.stages.clean import CleanConfig, clean, clean_text
from pipeline.stages.ingest import IngestConfig, InputFile, ingest

# Invented text (names, places and figures made up for the tests).
SIMPLIFIED = (
    "本报讯（记者 钟岚溪 通讯员 柏子衡）5月14日，桐川县召开春季农业生产推进会，副县长闵若槐出席并讲话。\n"
    "会议通报了全县春耕备耕进展：已完成早稻育秧三千二百亩，新修灌溉渠道十八公里。\n"
    "闵若槐要求，各乡镇要抓住晴好天气，组织农机下田，确保不误农时。\n"
)
TRADITIONAL = (
    "本報訊（記者 鍾嵐溪 通訊員 柏子衡）5月14日，桐川縣召開春季農業生產推進會，副縣長閔若槐出席並講話。\n"
    "會議通報了全縣春耕備耕進展：已完成早稻育秧三千二百畝，新修灌溉渠道十八公里。\n"
    "閔若槐要求，各鄉鎮要抓住晴好天氣，組織農機下田，確保不誤農時。\n"
)
SHORT = "副县长闵若槐出席推进会"


def row(data: bytes, name: str = "page.txt") -> pd.Series:
    return ingest([InputFile(name, data, n_bytes=len(data))], IngestConfig(), {}).iloc[0]


def assert_segments_decode(data: bytes, r: pd.Series) -> None:
    """Each segment's bytes decode, with its own codec, to its own span of raw_text."""
    segments = list(r.segments)
    assert segments[0]["byte_start"] <= 3 and segments[-1]["byte_end"] == len(data)
    assert segments[-1]["raw_end"] == len(r.raw_text)
    for s in segments:
        piece = data[s["byte_start"] : s["byte_end"]].decode(s["encoding"].replace("-sig", ""), "replace")
        assert piece == r.raw_text[s["raw_start"] : s["raw_end"]], s


# --- one bad byte loses the page ------------------------------------------------------------------


def test_stray_byte_after_a_cut_character_is_replaced_and_the_page_kept():
    good = SIMPLIFIED.encode("utf-8")
    cut = good.index("闵".encode()) + 2  # the scraper kept two of the three bytes of 闵 …
    data = good[:cut] + b"\xfe" + good[cut + 1 :]  # … and wrote a stray \xfe
    r = row(data)
    assert r.status == "ok" and r.encoding == "utf-8" and r.decode_errors == 3
    assert r.raw_text == SIMPLIFIED.replace("闵", "\ufffd\ufffd", 1)
    assert "3 undecodable bytes replaced" in r.warning and r.error is None


def test_latin1_bytes_pasted_into_utf8_are_read_as_latin1():
    page = SIMPLIFIED.replace("确保不误农时。", "确保不误农时（这不是naïve的想法，café里也谈）。")
    data = page.encode("utf-8").replace("naïve".encode(), b"na\xefve").replace("café".encode(), b"caf\xe9")
    r = row(data)
    assert r.status == "ok" and r.raw_text == page and r.decode_errors == 0
    assert r.encoding == "mixed(utf-8+latin-1)" and "Latin-1" in r.warning
    assert [s["encoding"] for s in r.segments] == ["utf-8", "latin-1", "utf-8", "latin-1", "utf-8"]
    assert_segments_decode(data, r)


def _cesu8(text: str) -> bytes:
    """What a Java export writes: a character beyond the BMP as two three-byte surrogates."""
    out = []
    for c in text:
        if ord(c) > 0xFFFF:
            units = c.encode("utf-16-be")
            out += [chr(int.from_bytes(units[i : i + 2], "big")).encode("utf-8", "surrogatepass") for i in (0, 2)]
        else:
            out.append(c.encode("utf-8"))
    return b"".join(out)


def test_cesu8_surrogate_pairs_from_a_java_export_are_joined():
    page = SIMPLIFIED.replace("柏子衡", "柏𠀾衡").replace("闵若槐", "闵𡈼槐")  # names with extension-B characters
    data = _cesu8(page)
    with pytest.raises(UnicodeDecodeError, match="invalid continuation"):
        data.decode("utf-8")  # surrogates are not UTF-8
    r = row(data)
    assert r.status == "ok" and r.raw_text == page and r.decode_errors == 0
    assert r.encoding == "cesu-8" and "CESU-8" in r.warning
    lone = data.replace(_cesu8("𠀾")[3:], b"", 1)  # half a pair: replaced, page kept
    r = row(lone, "lone.txt")
    assert r.status == "ok" and r.decode_errors == 3 and r.raw_text == page.replace("𠀾", "\ufffd")


def test_short_page_with_a_bad_byte_is_not_guessed_as_a_latin_code_page():
    data = SHORT.encode("utf-8")[:-2] + b"\xfe" + "。".encode()  # one byte of 会 left, then \xfe
    r = row(data)
    assert r.status == "ok" and r.encoding == "utf-8" and r.decode_errors == 2
    assert r.raw_text == SHORT[:-1] + "\ufffd\ufffd。"
    assert all(ord(c) < 0x80 or "\u3000" <= c for c in r.raw_text)  # no Latin mojibake


# --- traditional Chinese legacy encodings --------------------------------------------------------


@pytest.mark.parametrize("text", [TRADITIONAL, TRADITIONAL.splitlines()[0][-18:]])
def test_big5_page_is_read_as_big5_not_gb18030(text):
    data = text.encode("big5")
    r = row(data)
    assert r.status == "ok" and r.encoding == "big5" and r.raw_text == text and r.decode_errors == 0
    assert r.script == "traditional" and r.warning is None


def test_big5_page_is_cleaned_to_simplified_with_offsets_to_the_traditional_raw_text():
    documents = ingest([InputFile("hk.txt", TRADITIONAL.encode("big5"))], IngestConfig(), {})
    page = clean(documents, CleanConfig()).iloc[0]
    assert "副县长闵若槐" in page.text and "讲话" in page.text and page.n_simplified > 30
    assert page.text == clean_text(SIMPLIFIED).text  # the same clean page as the simplified original
    raw = documents.raw_text[0]
    from opencc_purepy import OpenCC

    t2s = OpenCC("t2s")
    for char, offset in zip(page.text, page.offsets):
        assert char == raw[offset] or char == t2s.t2s(raw[offset]) or t2s.t2s(raw[offset - 1 : offset + 2])[1] == char
    kept = clean(documents, CleanConfig(to_simplified=False)).iloc[0]
    assert "副縣長閔若槐" in kept.text and kept.n_simplified == 0


def test_to_simplified_converts_one_character_for_one():
    text = "頭髮乾燥的人們著手準備，於是後來一隻貓餘下裡面的臺灣茶。"
    page = clean_text(text)
    assert page.text == "头发干燥的人们着手准备，于是后来一只猫余下里面的台湾茶。"
    assert page.offsets == list(range(len(text)))
    assert clean_text(SIMPLIFIED).n_simplified == 0  # simplified pages are left alone


def test_to_simplified_config_key_is_documented_and_named_in_errors():
    assert CleanConfig.model_fields["to_simplified"].description
    assert load_config(overrides=["clean.to_simplified=false"]).clean.to_simplified is False
    for bad in ["clean.to_simplifed=false", "clean.to_simplified=maybe"]:
        with pytest.raises(ConfigError, match=r"clean\.to_simplifi?e?d"):
            load_config(overrides=[bad])


# --- UTF-16 without a byte-order mark ------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read(encoding):
    r = row(SIMPLIFIED.encode(encoding))
    assert r.status == "ok" and r.encoding == encoding and r.raw_text == SIMPLIFIED
    assert "byte-order mark" in r.warning


# --- mixed files, nothing readable --------------------------------------------------------------


def test_file_mixing_utf8_big5_and_gbk_is_decoded_per_segment():
    lines = SIMPLIFIED.splitlines(keepends=True)
    data = lines[0].encode("utf-8") + TRADITIONAL.splitlines(keepends=True)[1].encode("big5") + lines[2].encode("gbk")
    r = row(data)
    assert r.status == "ok" and r.encoding == "mixed(utf-8+big5+gb18030)" and r.decode_errors == 0
    assert r.raw_text == lines[0] + TRADITIONAL.splitlines(keepends=True)[1] + lines[2]
    assert_segments_decode(data, r)


def test_gbk_page_with_a_stray_byte_stays_gb18030():
    data = SIMPLIFIED.encode("gbk")
    data = data[:40] + b"\xff" + data[40:]
    r = row(data)
    assert r.status == "ok" and r.encoding == "gb18030" and 0 < r.decode_errors <= 2
    assert SequenceMatcher(None, SIMPLIFIED, r.raw_text, autojunk=False).ratio() > 0.98


def test_nothing_readable_is_failed_with_a_reason():
    noise = bytes((i * 97 + 13) % 256 for i in range(600)).replace(b"\x00", b"").translate(None, bytes(range(32)))
    r = row(noise)
    assert r.status == "failed" and r.error.startswith("undecodable")


# --- the property ---------------------------------------------------------------------------------

PIECES = st.sampled_from(
    ["桐川县", "召开", "春季农业生产推进会", "副县长", "闵若槐", "出席并讲话", "，", "。", "、", "：", "（", "）",
     "2024年", "5月14日", "三千二百亩", "18.5公里", "同比增长6.8%", "本报讯", "记者 钟岚溪", "\n", " ", "GDP", "“乡村振兴”",
     "灌溉渠道", "确保不误农时", "𠀾", "·", "naive café", "\r\n", "一"]
)
PAGES = st.lists(PIECES, min_size=60, max_size=160).map("".join).filter(lambda t: len(t) >= 200)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(PAGES, st.data())
def test_utf8_page_with_up_to_three_corrupted_bytes_keeps_its_text_and_stays_utf8(page, data):
    raw = bytearray(page.encode("utf-8"))
    k = data.draw(st.integers(1, 3))
    positions = data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=k, max_size=k, unique=True))
    for position in positions:
        raw[position] = data.draw(st.integers(0, 255).filter(lambda b, old=raw[position]: b != old))
    decoded = decode(bytes(raw))
    # never another codec: UTF-8 (a corrupted byte next to an ASCII letter may read, with the byte
    # of an accented letter beside it, as Latin-1 letters)
    encodings = {s.encoding for s in decoded.segments}
    assert encodings <= {"utf-8", "utf-8-sig", "latin-1"}, decoded.encoding
    assert sum(s.byte_end - s.byte_start for s in decoded.segments if s.encoding == "latin-1") <= 2 * k
    kept = sum(block.size for block in SequenceMatcher(None, page, decoded.text, autojunk=False).get_matching_blocks())
    assert kept >= 0.95 * len(page), (kept, len(page), decoded.warning)


def test_script_of_tells_traditional_from_simplified():
    assert script_of(TRADITIONAL) == "traditional" and script_of(SIMPLIFIED) == "simplified"
    assert script_of("2024 GDP") is None


def test_big5_page_through_ner_gives_simplified_entities_with_traditional_raw_offsets(tmp_path):
    from pipeline.runner import Runner

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hk.txt").write_bytes(TRADITIONAL.encode("big5"))
    Runner(tmp_path / "in", tmp_path / "out", load_config(overrides=["run.workers=1"]), quiet=True).run()
    raw = pd.read_parquet(tmp_path / "out" / "documents").raw_text[0]
    entities = pd.read_parquet(tmp_path / "out" / "entities")
    people = entities[entities.label == "PER"]
    assert "闵若槐" in set(people.text)
    assert {raw[s:e] for s, e in zip(people.raw_start, people.raw_end)} >= {"閔若槐"}
