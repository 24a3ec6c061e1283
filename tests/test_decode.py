"""Seed bytes -> text: every encoding a Chinese text file is saved in, line ends and odd spacing
read as the same text; junk refused with a message that says what is wrong and what to do."""

from __future__ import annotations

import codecs

import opencc
import pytest

from conftest import REPO
from seedtext.decode import decode_seed, plausibility
from seedtext.model import SeedError

SIMPLIFIED = (REPO / "seeds" / "000_cb0c1f57c2809c27.txt").read_text(encoding="utf-8")
TRADITIONAL = opencc.OpenCC("s2tw").convert(SIMPLIFIED)
# A sentence whose GBK bytes are also valid Big5 (they read as 'Ч趙杅擂董夔ㄛ…'): only plausibility tells.
GBK_ALSO_BIG5 = "强化数据赋能，有力支撑基层警务实战。"


@pytest.mark.parametrize(("data", "encoding"), [
    (SIMPLIFIED.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
    (SIMPLIFIED.encode("utf-16"), "utf-16"),  # with BOM, native order
    (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
    (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
    (SIMPLIFIED.encode("utf-32"), "utf-32"),
    (SIMPLIFIED.encode("gbk"), "gb18030"),
    (SIMPLIFIED.encode("gb18030"), "gb18030"),
], ids=["utf8", "utf8-bom", "utf16", "utf16be-bom", "utf16le-bom", "utf32", "gbk", "gb18030"])
def test_simplified_seed_reads_the_same_in_every_encoding(data, encoding):
    assert decode_seed(data) == (SIMPLIFIED, encoding)


def test_big5_seed_is_read_as_big5_not_as_gbk_nonsense():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: these bytes are valid GB18030 too
    assert decode_seed(data) == (TRADITIONAL, "cp950")


def test_gbk_bytes_that_are_also_valid_big5_are_read_as_gbk():
    data = GBK_ALSO_BIG5.encode("gbk")
    wrong = data.decode("cp950")
    assert plausibility(wrong) < 0.7 < plausibility(GBK_ALSO_BIG5)
    assert decode_seed(data) == (GBK_ALSO_BIG5, "gb18030")


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_ends_read_as_lf(newline):
    text, _ = decode_seed(SIMPLIFIED.replace("\n", newline).encode("gbk"))
    assert text == SIMPLIFIED


def test_odd_spacing_reads_as_ordinary_spaces():
    raw = "\u3000\u3000株洲公安\u00a02025年\u200b工作\u2002综述\ufeff。\u200d\f第二页"
    text, _ = decode_seed(raw.encode("utf-8"))
    # U+3000 is as wide as a Han character: two spaces keep the line's width for the cleaner.
    assert text == "    株洲公安 2025年工作 综述。\n第二页"


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "empty file"),
    (b" \r\n\t\n", "only spaces"),
    ("\u3000\u200b\n\u00a0".encode(), "only spaces"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20, "Word .docx"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "RTF"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "NUL bytes"),
    (b"\xff\xfe\x41", "damaged UTF-16"),
], ids=["empty", "whitespace", "unicode-whitespace", "pdf", "docx", "rtf", "binary", "utf16-odd"])
def test_junk_is_refused_with_what_is_wrong_and_what_to_do(data, expected):
    with pytest.raises(SeedError) as err:
        decode_seed(data)
    message = str(err.value)
    assert expected in message
    assert any(action in message for action in ("save", "re-save", "add the article", "Save As", "copy")), message


def test_utf16_without_bom_is_named_as_such():
    with pytest.raises(SeedError) as err:
        decode_seed("2025年株洲公安 report\n".encode("utf-16-le"))
    assert "UTF-16 without a byte-order mark" in str(err.value) and "re-save it as UTF-8" in str(err.value)


def test_undecodable_bytes_name_the_line():
    data = "第一行\n第二行\n".encode("gbk") + b"\x80\xff\xfe\x81 broken\n" + "第四行".encode("gbk")
    with pytest.raises(SeedError) as err:
        decode_seed(data)
    assert "line 3" in str(err.value) and "UTF-8" in str(err.value)


def test_latin1_text_is_not_passed_off_as_chinese():
    data = ("Ceci n'est pas un article chinois : déjà vu, à côté, élève, garçon, où, ça. " * 4).encode("latin-1")
    with pytest.raises(SeedError) as err:
        decode_seed(data)
    assert "re-save it as UTF-8" in str(err.value)


def test_stray_control_bytes_are_removed_and_reported_by_line():
    raw = SIMPLIFIED.split("\n")
    raw[3] = raw[3][:4] + "\x00" + raw[3][4:]
    raw[5] = raw[5] + "\x07\u202e"
    notes: list[tuple[int, str]] = []
    text, encoding = decode_seed("\n".join(raw).encode("utf-8"), notes)
    assert (text, encoding) == (SIMPLIFIED, "utf-8")
    assert [no for no, _ in notes] == [4, 6]
    assert "2 stray control" in notes[1][1] and "RIGHT-TO-LEFT OVERRIDE" in notes[1][1]


def test_a_file_of_mostly_control_bytes_is_still_refused():
    with pytest.raises(SeedError, match="binary"):
        decode_seed(("株洲\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20).encode("utf-8"))
