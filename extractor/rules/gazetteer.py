"""Administrative divisions (bundled table, see tools/build_gazetteer.py) and a fast matcher.

Matching is character-level with Aho-Corasick: Chinese place names often sit inside a jieba token
(防城港市防城区 is one token) or across two, so token-level matching would miss or misplace them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick


@dataclass(frozen=True, slots=True)
class Division:
    adcode: str
    name: str
    level: str        # province | city | county | town
    parent: str


_LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}
_TOWN = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)")


class Gazetteer:
    def __init__(self) -> None:
        self.divisions: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        auto = ahocorasick.Automaton()
        text = resources.files("extractor.rules.data").joinpath("admin_divisions.tsv").read_text("utf-8")
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            code, name, level, parent, short = line.split("\t")
            d = Division(code, name, level, parent)
            self.divisions[code] = d
            self.by_name.setdefault(name, []).append(d)
            # short forms only for provinces and prefecture cities: 广西, 柳州. County short forms
            # (两字) collide with ordinary words and are used only as school-name prefixes.
            if short and level in ("province", "city"):
                self.by_name.setdefault(short, []).append(d)
        for name in self.by_name:
            auto.add_word(name, name)
        auto.make_automaton()
        self._auto = auto
        self.county_short = {line.split("\t")[4] for line in text.splitlines()
                             if line and not line.startswith("#") and line.split("\t")[2] == "county" and line.split("\t")[4]}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest non-overlapping gazetteer matches as (start, end, name)."""
        return [(end - len(name) + 1, end + 1, name) for end, name in self._auto.iter_long(text)]

    def first(self, text: str) -> tuple[int, int] | None:
        """(start, end) of the first match ``find`` would give, without building the rest."""
        for end, name in self._auto.iter_long(text):
            return end - len(name) + 1, end + 1
        return None

    def outline(self, text: str) -> tuple[int, int, int] | None:
        """(start, end) of the first match ``find`` would give and the end of its last one, or None."""
        first = last = None
        for end, name in self._auto.iter_long(text):
            if first is None:
                first = end - len(name) + 1, end + 1
            last = end + 1
        return None if first is None else (first[0], first[1], last)

    def lookup(self, name: str) -> Division | None:
        # prefer the higher level for an ambiguous short form (柳州 → 柳州市)
        ds = self.by_name.get(name)
        return min(ds, key=lambda d: _LEVEL_ORDER[d.level]) if ds else None

    def towns_after(self, text: str, pos: int) -> re.Match | None:
        """A town (镇/乡/街道) name right after a county or city mention."""
        return _TOWN.match(text, pos)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
