"""Bytes of a seed file -> text with LF line ends, or SeedError with a message an editor can act on."""

from __future__ import annotations

import codecs

from .model import SeedError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_seed(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Line ends are normalised to LF."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding)
            break
    else:
        if b"\x00" in data:
            raise SeedError("binary file (NUL bytes): not a text seed; save the article as plain text")
        for encoding in ("utf-8", "gb18030", "big5"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise SeedError("undecodable bytes: not UTF-8, GB18030 or Big5; re-save the file as UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SeedError("empty file: no text to publish; add the article text or remove the file")
    return text, encoding
