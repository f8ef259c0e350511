"""Traditional-character notices: the rules read a simplified shadow, the record keeps the characters printed.

Every grammar, word list, gazetteer and model of the package is written in simplified characters, so a
notice printed in traditional characters (a Hong Kong or Taiwan mirror, a Big5 page) used to yield no
school, no pairing and no organ. The ``script`` stage runs first: when the raw text is traditional it is
replaced, character for character, by its simplified form (OpenCC's character table: the same length, so
every offset stays valid), and the original is kept. ``restore`` then puts the printed characters back
into the record: the text, and every value taken from it (by its own span when it has one, else by
where it stands in the shadow), so ``text[start:end]`` is still each value's evidence.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from ..core.document import Document

# a notice is read through the shadow when at least this share of its CJK characters (and this many)
# are traditional-only: a simplified notice quoting one traditional name stays as it is
MIN_SHARE = 0.02
MIN_CHARS = 5
_CJK = re.compile(r"[\u3400-\u9fff]")
_ORIGINAL = "_traditional_raw"
# values that are not text taken from the notice
_KEEP = frozenset({"schema_version", "id", "source", "warnings", "type", "category", "kind",
                   "layout", "stage", "date", "start_date", "time", "signed_date", "published_date"})


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified_char(c: str) -> str:
    s = _converter().convert(c)
    return s if len(s) == 1 else c


def _table(chars) -> dict[int, str]:
    """The translation table of the traditional characters among ``chars``."""
    table = {}
    for c in chars:
        s = _simplified_char(c)
        if s != c:
            table[ord(c)] = s
    return table


def simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form (same length)."""
    table = _table(set(_CJK.findall(text)))
    return text.translate(table) if table else text


def _traditional_table(text: str) -> dict[int, str] | None:
    """The translation table of ``text`` when it is traditional (see MIN_SHARE), else None: the characters
    are counted once, each distinct one looked up once."""
    counts = Counter(_CJK.findall(text))
    table = _table(counts)
    changed = sum(counts[chr(o)] for o in table)
    total = sum(counts.values())
    return table if total and changed >= MIN_CHARS and changed >= MIN_SHARE * total else None


def is_traditional(text: str) -> bool:
    return _traditional_table(text) is not None


def script(doc: Document) -> Document:
    """The stage: a traditional notice is read through its simplified shadow (see the module)."""
    table = _traditional_table(doc.raw_text)
    if table is None:
        return doc
    doc.meta[_ORIGINAL] = doc.raw_text
    doc.raw_text = doc.raw_text.translate(table)
    for t in doc.source_tables:
        t.caption = simplified(t.caption) if t.caption else t.caption
        t.columns = [simplified(c) for c in t.columns]
        for r in t.rows:
            for cell in r.cells:
                for v in cell.values:
                    v.text = simplified(v.text)
    for k, v in list(doc.meta.items()):
        if isinstance(v, str) and k != _ORIGINAL:
            doc.meta[k] = simplified(v)
    doc.warn("traditional characters: read through a simplified shadow; values keep the printed characters")
    return doc


def original_text(doc: Document) -> str | None:
    """The cleaned text in the printed characters (``None`` when the notice was not traditional)."""
    raw = doc.meta.get(_ORIGINAL)
    if raw is None:
        return None
    out = list(doc.text)
    for b in doc.blocks:
        if b.end - b.start == b.raw_end - b.raw_start:
            out[b.start:b.end] = raw[b.raw_start:b.raw_end]
    return "".join(out)


def _number(value: Any) -> Any:
    """A document number keeps its normalized 号 (the schema's form) with the printed agency."""
    if isinstance(value, str):
        return value.replace("號", "号")
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return {**value, "text": value["text"].replace("號", "号")}
    return value


def restore(data: dict, shadow: str, printed: str) -> dict:
    """Put the printed characters back into every text value of a record dict built on ``shadow``."""
    changed = {s for s, p in zip(shadow, printed) if s != p}
    if not changed:
        return data

    def fix(value: str) -> str:
        if not any(c in changed for c in value):
            return value
        i = shadow.find(value)
        if i >= 0:
            return printed[i:i + len(value)]
        # a value squeezed out of a broken or letter-spaced line: find it across white space
        m = re.search(r"\s*".join(map(re.escape, value)), shadow)
        if m:
            return re.sub(r"\s+", "", printed[m.start():m.end()])
        return value

    def walk(x: Any) -> Any:
        if isinstance(x, str):
            return fix(x)
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, dict):
            s, e, t = x.get("start"), x.get("end"), x.get("text")
            positional = isinstance(s, int) and isinstance(e, int) and isinstance(t, str) and shadow[s:e] == t
            out = {}
            for k, v in x.items():
                if k == "text" and positional:
                    out[k] = printed[s:e]
                elif k in _KEEP:
                    out[k] = v
                elif k == "doc_number":
                    out[k] = _number(walk(v))
                else:
                    out[k] = walk(v)
            return out
        return x

    text = data.pop("text", None)
    data = walk(data)
    if text is not None:
        data["text"] = printed
    return data
