"""Plain text in any common Chinese encoding.

BOMs are trusted; UTF-8 is tried strictly first (it is by far the most common and a strict decode is
unambiguous); everything else is left to charset-normalizer rather than guessed by hand.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import ExtractionError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# GBK and GB2312 are subsets of GB18030: decoding with the superset never loses characters.
_WIDEN = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "hz": "gb18030"}


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return bad / len(sample) > 0.02


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding name). Raises ExtractionError('binary'|'encoding')."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ExtractionError("encoding", f"declares {name} by its BOM but does not decode: {exc.reason}", path)
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data[:2_000_000]).best()
        if best is None:
            raise ExtractionError("binary", "not text in any known encoding (binary data?)", path)
        enc = _WIDEN.get(best.encoding.lower(), best.encoding.lower())
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = data.decode(enc, errors="replace")
    if "\x00" in text[:4096] or _looks_binary(text):
        raise ExtractionError("binary", "the file holds binary data, not text", path)
    return text, enc
