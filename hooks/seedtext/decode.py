"""Bytes of a seed file -> text the cleaner can trust, or SeedError with a message an editor can act on.

What comes out: LF line ends only, every kind of spacing as ASCII spaces, no invisible
characters. What is refused: empty files, binary files (with what they probably are),
bytes that read as none of the encodings Chinese text is saved in.

Encodings: a BOM decides (UTF-8, UTF-16, UTF-32). Otherwise strict UTF-8 first (random
GBK or Big5 bytes are almost never valid UTF-8); then charset-normalizer chooses between
GB18030 (a superset of GBK/GB2312) and Big5 (as Windows' cp950), which often decode each
other's bytes without error, into nonsense. A reading whose characters are not mostly common
Chinese characters is refused with a message, not published as garbage.

A few stray control bytes in a text file (a NUL, a BEL, a bidi override left by a converter)
are removed and reported; only a file that is mostly control bytes is refused as binary.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

import charset_normalizer

from .model import SeedError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese encodings tried when a file is not UTF-8; cp950 is Windows' Big5 (Big5 plus a few).
_LEGACY = ("gb18030", "cp950")
# Bidi overrides and isolates: invisible, and they reorder what a reader sees (a known spoofing trick).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Files people save as .txt by mistake, told apart by their first bytes.
_SIGNATURES = (
    (b"%PDF", "a PDF file, not text: copy the text out of the PDF (or run pdftotext) and save it as UTF-8 .txt"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or similar), not text: in Word use Save As → Plain Text (.txt), "
                    "encoding UTF-8"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (or Excel) file, not text: in Word use Save As → Plain Text (.txt), "
                          "encoding UTF-8"),
    (b"{\\rtf", "an RTF document, not plain text: in WordPad/Word use Save As → Plain Text (.txt), encoding UTF-8"),
    (b"\x89PNG", "a PNG image, not text: seeds are article texts"),
    (b"\xff\xd8\xff", "a JPEG image, not text: seeds are article texts"),
    (b"GIF8", "a GIF image, not text: seeds are article texts"),
)

# Spacing that is not an ASCII space. U+3000 (ideographic space, also the paragraph indent of
# Chinese text) is as wide as a Han character: two ASCII spaces keep the line's width, which the
# cleaner reads to tell a wrapped line from a paragraph end.
_SPACES = {"\u3000": "  ", "\u00a0": " ", "\u1680": " ", "\u202f": " ", "\u205f": " ",
           **{chr(c): " " for c in range(0x2000, 0x200B)}}
# Invisible characters: zero-width space/joiners, word joiner, BOM inside the text, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Control characters other than tab and line ends: leftovers of conversion (Ctrl-Z at the end
# of old DOS files, page feeds from pdftotext). A page feed ends a line; the rest carry nothing.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f" + _BIDI + "]")
_SPACING = re.compile("[" + "".join(_SPACES) + _INVISIBLE + "]")

# A decoding whose non-ASCII characters are mostly rare or symbols is a wrong guess.
_MIN_PLAUSIBILITY = 0.6
_SCORE_SAMPLE = 200_000  # characters: enough to judge, and a 20 MB seed stays fast


@functools.cache
def _common_characters() -> frozenset[str]:
    """Characters ordinary Chinese text is made of, in both scripts: GB2312 level 1 (the 3,755
    most used Simplified characters), Big5 level 1 (the 5,401 common Traditional characters),
    and both encodings' punctuation rows. Taken from the codecs, so no list to maintain."""
    chars: set[str] = set()

    def rows(encoding: str, leads: range, trails: list[int]) -> None:
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    pass

    gb_trails = list(range(0xA1, 0xFF))
    big5_trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    rows("gb2312", range(0xB0, 0xD8), gb_trails)  # level-1 Han
    rows("gb2312", range(0xA1, 0xA4), gb_trails)  # punctuation, full-width forms
    rows("big5", range(0xA4, 0xC7), big5_trails)  # level-1 Han
    rows("big5", range(0xA1, 0xA3), big5_trails)  # punctuation
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters (in a sample) that are common Chinese characters or punctuation."""
    counts = Counter(text[:_SCORE_SAMPLE])
    common = _common_characters()
    total = sum(n for ch, n in counts.items() if ord(ch) > 0x7F)
    if not total:
        return 1.0
    return sum(n for ch, n in counts.items() if ch in common) / total


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _undecodable(data: bytes, errors: dict[str, UnicodeDecodeError]) -> SeedError:
    # The encoding that read furthest is the one the file is most likely in: its first error is the bad spot.
    encoding, err = max(errors.items(), key=lambda item: item[1].start)
    bad = data[err.start:err.start + 4].hex(" ")
    return SeedError(
        f"undecodable bytes: not valid UTF-8, GB18030/GBK or Big5 (line {_line_of(data, err.start)}, "
        f"byte {err.start}: {bad}; it reads furthest as {encoding}); "
        "the file is damaged or in another encoding: re-save it as UTF-8"
    )


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None:
        errors: dict[str, UnicodeDecodeError] = {}
        for encoding in ("utf-8", *_LEGACY):
            try:
                data.decode(encoding)
            except UnicodeDecodeError as exc:
                errors[encoding] = exc
        if errors:
            raise _undecodable(data, errors)
        best_encoding = max(_LEGACY, key=lambda e: plausibility(data.decode(e)))
    else:
        best_encoding = "cp950" if best.encoding in ("big5", "cp950") else best.encoding
    encoding, text = best_encoding, data.decode(best_encoding)
    score = plausibility(text)
    non_ascii = sum(1 for ch in text[:_SCORE_SAMPLE] if ord(ch) > 0x7F)
    if score < _MIN_PLAUSIBILITY and non_ascii >= 20:
        raise SeedError(
            f"unrecognised encoding: not UTF-8, and read as {encoding} only {score:.0%} of the characters are "
            "ordinary Chinese (the rest would be garbage); open the file in an editor that detects encodings "
            "and re-save it as UTF-8"
        )
    return text, encoding


def _what_binary(data: bytes) -> str:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    sample = data[:4096]
    if len(sample) >= 8 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4:
        # Every other byte NUL: ASCII in UTF-16 saved without a byte-order mark.
        return "looks like UTF-16 without a byte-order mark (NUL bytes in every other position): re-save it as UTF-8"
    return "a binary file (it contains NUL bytes), not text: save the article as plain text (.txt, UTF-8)"


def normalise_spacing(text: str) -> str:
    """LF line ends; every space character as ASCII spaces; invisible and control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _SPACING.sub(lambda m: _SPACES.get(m.group(0), ""), text)
    return _CONTROLS.sub("", text)


def _mostly_binary(data: bytes) -> bool:
    """More than a stray byte or two of NUL and other control bytes: a binary file, not damaged text."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls > 2 and controls > len(sample) // 100


def stray_controls(text: str) -> list[tuple[int, str]]:
    """(line, what) for each line that holds control or bidi characters the reading removes."""
    found = []
    for no, line in enumerate(text.split("\n"), 1):
        hits = _CONTROLS.findall(line)
        if hits:
            names = sorted({unicodedata.name(ch, f"U+{ord(ch):04X}") for ch in hits})
            found.append((no, f"{len(hits)} stray control character(s) removed ({', '.join(names)})"))
    return found


def decode_seed(data: bytes, notes: list[tuple[int, str]] | None = None) -> tuple[str, str]:
    """Return (text, encoding name); `notes` receives (line, message) for stray control characters
    that were removed. Raises SeedError saying what is wrong and what to do."""
    if not data:
        raise SeedError("empty file (0 bytes): add the article text or delete the file")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise SeedError(what)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SeedError(
                    f"damaged {encoding.upper()} file (it starts with a {encoding.upper()} byte-order mark, but byte "
                    f"{exc.start} is invalid: {exc.reason}); re-save it as UTF-8"
                ) from None
            break
    else:
        if b"\x00" in data and _mostly_binary(data):
            raise SeedError(_what_binary(data))
        text, encoding = _decode_legacy(data)
    sample = text[:_SCORE_SAMPLE]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise SeedError(f"a binary file ({controls} control characters in the text), not an article: "
                        "save the article as plain text (.txt, UTF-8)")
    if notes is not None and _CONTROLS.search(text):  # most seeds have none: no line-by-line pass
        notes += stray_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = normalise_spacing(text)
    if not text.strip():
        raise SeedError("no text: the file holds only spaces and line breaks; add the article text or delete the file")
    return text, encoding
