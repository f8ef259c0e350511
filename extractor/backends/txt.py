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
_WIDEN = {"gbk": "gb18030", "gb2312": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
          "hz": "gb18030"}


def widen(encoding: str) -> str:
    """The codec to decode a declared or detected encoding with (GB names → GB18030)."""
    name = encoding.lower()
    return _WIDEN.get(name, name)


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return bad / len(sample) > 0.02


def _mixed(data: bytes) -> str | None:
    """Text pasted together from UTF-8 and GB files: decode line by line, or None if not mixed."""
    out, utf8, gb = [], 0, 0
    for ln in data.splitlines(keepends=True):
        try:
            out.append(ln.decode("utf-8"))
            utf8 += not ln.isascii()
        except UnicodeDecodeError:
            try:
                out.append(ln.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            gb += 1
    return "".join(out) if utf8 and gb else None


def decode(data: bytes, path: str = "<bytes>", warn=None) -> tuple[str, str]:
    """Return (text, encoding name). Raises ExtractionError('binary'|'encoding').

    ``warn`` receives a message when the text mixes encodings (decoded line by line).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ExtractionError("encoding", f"declares {name} by its BOM but does not decode: {exc.reason}", path)
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed(data) if b"\x00" not in data[:4096] else None
        if mixed is not None:
            if warn:
                warn("mixed_encoding: some lines are UTF-8 and others GB18030; each line was decoded on its own")
            if _looks_binary(mixed):
                raise ExtractionError("binary", "the file holds binary data, not text", path)
            return mixed, "mixed"
        best = from_bytes(data[:2_000_000]).best()
        if best is None:
            # detection gives up on a page whose chrome holds a few garbled lines; the Chinese national
            # encodings still decode it strictly (GB18030 covers every byte sequence GBK/GB2312 use)
            for enc in ("gb18030", "big5"):
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if not _looks_binary(text) and "\x00" not in text[:4096]:
                    if warn:
                        warn(f"charset: detection failed; the file decodes strictly as {enc}")
                    return text, enc
            raise ExtractionError("binary", "not text in any known encoding (binary data?)", path)
        enc = widen(best.encoding)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = data.decode(enc, errors="replace")
    if "\x00" in text[:4096] or _looks_binary(text):
        raise ExtractionError("binary", "the file holds binary data, not text", path)
    return text, enc
