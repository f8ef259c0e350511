"""Annotate: entities with exact character offsets and normalized values.

A spaCy ``Language`` (``spacy.blank("zh")``) runs the text through a jieba segmenter and a chain of
small components, each adding ``Span`` objects to ``doc._.char_ents``:

- ``policy_patterns``: DOC_NUMBER, DATE, PHONE, EMAIL, MONEY, QUANTITY (regular patterns);
- ``policy_places``: PLACE from the bundled administrative-division gazetteer (+ towns after them);
- ``policy_orgs``: ORG from the organ gazetteer and organ-suffix patterns;
- ``policy_schools``: SCHOOL, ending in a school-type suffix, extended leftwards over jieba tokens
  and rejected when what remains is a generic category (农村学校, 项目学校 …);
- ``policy_persons``: PERSON after contact cues (联系人 …).

Entities live as character spans rather than ``doc.ents`` because Chinese entity boundaries often
fall inside a jieba token (a town name may split into single characters, an abbreviated school name into a head and 铁一中-like tail); character spans keep the
offsets exact, tokens are used where they are the right unit (the left edge of a name).

Segmentation uses rjieba (jieba-rs) when installed: it returns exactly the tokens of
``jieba.lcut(text, HMM=False)`` (a test checks this on the corpus) about 25× faster; otherwise jieba.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..core.document import Document, Span
from ..rules.gazetteer import gazetteer
from ..rules.lexicon import (
    LEVEL_PREFIXES,
    ORGAN_CORES,
    POLICY_VERBS,
    QUANTIFIED,
    SCHOOL_CATEGORY_WORDS,
    SCHOOL_LEFT_STOPS,
    SCHOOL_SUFFIXES,
    SCHOOL_TYPE_WORDS,
    SURNAMES,
    name_endings,
    org_suffix_alternation,
    word_list,
)
from ..text.normalize import (
    COMPACT_DATE_RE,
    DATE_RE,
    LOCAL_PHONE_RE,
    PHONE_RE,
    WEEKDAY_RE,
    cn_to_int,
    find_date_spans,
    find_doc_numbers,
    find_money,
    half_width,
    normalize_phone,
    parse_money,
    resolve_date,
    resolve_span,
    resolve_weekday,
    school_year,
    squeeze,
    windowed,
)

if not Doc.has_extension("char_ents"):
    Doc.set_extension("char_ents", default=None)
if not Doc.has_extension("ref_date"):
    Doc.set_extension("ref_date", default=None)
if not Doc.has_extension("school_year"):
    Doc.set_extension("school_year", default=None)


# ---------------------------------------------------------------------------------------------
# segmenter


def _cut_function():
    """Exactly the words of ``jieba.lcut(text, HMM=False)``, through rjieba when installed."""
    try:
        import rjieba

        return lambda text: rjieba.cut(text, False)
    except ImportError:  # pragma: no cover - exercised only without rjieba
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        return lambda text: jieba.lcut(text, HMM=False)


class JiebaSegmenter:
    """spaCy tokenizer: jieba segmentation (HMM off, deterministic); white space is kept as tokens so
    offsets stay exact. Token character spans are also left in ``doc.user_data["token_spans"]``:
    components read them there instead of materialising a ``Token`` object per word."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.cut = _cut_function()

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.cut(text) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        spans, pos = [], 0
        for w in words:
            spans.append((pos, pos + len(w), w))
            pos += len(w)
        doc.user_data["token_spans"] = spans
        doc.user_data["text"] = text
        return doc


def token_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, word) per token: from the segmenter, else from the Doc (another tokenizer)."""
    spans = doc.user_data.get("token_spans")
    return spans if spans is not None else [(t.idx, t.idx + len(t.text), t.text) for t in doc]


# ---------------------------------------------------------------------------------------------
# components

# (a QQ number and its domain typed apart: 12345678 @qq.com)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|[1-9][0-9]{4,11} @(?:qq|QQ)\.com")
_CLASSIFIERS = "所名个门节项次间套栋人位篇家台册本场期批支座类件条份万人次处"
# (classifiers of two or more characters first: 1200人次 is a count of 人次, not 1200 人 of 次…)
_QTY = re.compile(rf"(?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二两三四五六七八九十百千]+)\s*(?P<cls>人次|平方米|学分|课时|学时|[{_CLASSIFIERS}])"
                  rf"(?:以上|左右|多|余)?(?P<obj>[\u4e00-\u9fff]{{1,12}})?")
_OBJ_STOP = re.compile(r"(的|和|及|与|等|为|在|对|中|以上|以下|左右|共|形成|开展|进行|参与|参加|实现|组织|成为|使|达到|"
                       r"覆盖|建设|开设|获|荣获|位居|落实|的|并|从|由|到|以|将|要|，|。)")


def _text(doc: Doc) -> str:
    """The document text, cached: spaCy rebuilds ``Doc.text`` from the tokens on every access."""
    t = doc.user_data.get("text")
    if t is None:
        t = doc.user_data["text"] = doc.text
    return t


def _add(doc: Doc, label: str, start: int, end: int, normalized=None) -> None:
    doc._.char_ents.append(Span(label, start, end, _text(doc)[start:end], normalized))


@Language.component("policy_patterns")
def policy_patterns(doc: Doc) -> Doc:
    if doc._.char_ents is None:
        doc._.char_ents = []
    text = _text(doc)
    for s, e, p in find_doc_numbers(text):
        _add(doc, "DOC_NUMBER", s, e, p["text"])
    ref = doc._.ref_date
    spans: list[tuple[int, int]] = []
    for m in find_date_spans(text):
        r = resolve_span(m, ref, doc._.school_year)
        if r:
            _add(doc, "DATE", m.start(), m.end(), r)
            spans.append((m.start(), m.end()))
    for m in DATE_RE.finditer(text):
        if spans and any(a <= m.start() < b for a, b in spans):
            continue        # part of a range read above
        r = resolve_date(m, ref, doc._.school_year)
        if r:
            _add(doc, "DATE", m.start(), m.end(), r)
    dated = sorted((sp.start, sp.end) for sp in doc._.char_ents if sp.label == "DATE")
    for m in WEEKDAY_RE.finditer(text):
        # the weekday printed with a date (11月12日（周三）) is part of that date, not a date of its own
        if any(a <= m.start() < b + 3 for a, b in dated):
            continue
        r = resolve_weekday(m, ref)
        if r:
            _add(doc, "DATE", m.start(), m.end(), r)
    for m in re.finditer(r"(?m)^\s*((?:19|20)\d{6})\s*$", text):
        c = COMPACT_DATE_RE.fullmatch(m.group(1))
        if c:
            iso = f"{c.group(1)}-{c.group(2)}-{c.group(3)}"
            _add(doc, "DATE", m.start(1), m.end(1), {"iso": iso, "date": iso, "granularity": "day", "year_inferred": False})
    taken: list[tuple[int, int]] = []
    for m in _EMAIL.finditer(text):
        if re.fullmatch(r"[Xx×*]+", m.group().split("@")[0]):
            continue  # masked in the source: XXX@example.cn is no address
        _add(doc, "EMAIL", m.start(), m.end(), m.group().lower().replace(" ", ""))
        taken.append((m.start(), m.end()))
    dates = [(sp.start, sp.end) for sp in doc._.char_ents if sp.label in ("DATE", "DOC_NUMBER")]
    for m in PHONE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in dates + taken):
            continue
        _add(doc, "PHONE", m.start(), m.end(), normalize_phone(m.group()))
        taken.append((m.start(), m.end()))
    # bare local numbers only right after a phone cue (联系电话：1234567) or a contact's name (联系人：张三88123456)
    for cue in _LOCAL_PHONE_CUE.finditer(text):
        m = LOCAL_PHONE_RE.match(text, cue.end())
        if m and not any(a < m.end() and m.start() < b for a, b in taken):
            _add(doc, "PHONE", m.start(), m.end(), normalize_phone(m.group()))
            taken.append((m.start(), m.end()))
    # 联系人：张三（88123456）、李四（88123457）: the list goes on with a name and its bracketed number each
    k = 0
    while k < len(taken):
        a, b = taken[k]
        k += 1
        if a == 0 or text[a - 1] not in "（(":
            continue
        m = _LISTED_CONTACT_PHONE.match(text, b)
        if m and not any(x < m.end("n") and m.start("n") < y for x, y in taken):
            _add(doc, "PHONE", m.start("n"), m.end("n"), normalize_phone(m.group("n")))
            taken.append((m.start("n"), m.end("n")))
    for m in _SHORT_NUMBER.finditer(text):
        if not any(a < m.end(1) and m.start(1) < b for a, b in taken):
            _add(doc, "PHONE", m.start(1), m.end(1), m.group(1))
            taken.append((m.start(1), m.end(1)))
    for s, e in find_money(text):
        value = parse_money(text[s:e])
        if value is None:     # never a truncated amount: the span without a value, and a warning
            value = {"value": None, "currency": None, "approximate": None}
            doc.user_data.setdefault("warnings", []).append(f"money {text[s:e]!r} could not be read; no value given")
        _add(doc, "MONEY", s, e, value)
    for m in _QTY.finditer(text):
        num = m.group("num")
        value = float(half_width(num).replace("．", ".")) if num[0].isdigit() or num[0] in "０１２３４５６７８９" else cn_to_int(num)
        if value is None or (not num[0].isdigit() and len(num) == 1 and m.group("cls") in "个名次"):
            continue  # 一个/一名 are usually articles, not counts
        if any(a <= m.start() < b for a, b in dates + taken):
            continue
        obj = m.group("obj") or ""
        cut = _OBJ_STOP.search(obj)
        obj = obj[:cut.start()] if cut else obj
        end = m.start("obj") + len(obj) if obj else m.end("cls")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        _add(doc, "QUANTITY", m.start(), end, {"value": value, "classifier": m.group("cls"), "object": obj or None})
    return doc


@Language.component("policy_places")
def policy_places(doc: Doc) -> Doc:
    gz = gazetteer()
    text = _text(doc)
    for s, e, name in gz.find(text):
        d = gz.lookup(name)
        if d is None:
            continue
        _add(doc, "PLACE", s, e, {"name": d.name, "level": d.level, "adcode": d.adcode})
        if d.level in ("county", "city"):
            t = gz.towns_after(text, e)
            if t and squeeze(t.group()) == t.group() and t.group()[:-1] not in SCHOOL_CATEGORY_WORDS and len(t.group()) >= 2:
                _add(doc, "PLACE", t.start(), t.end(), {"name": t.group(), "level": "town", "adcode": None})
    return doc


_ORG_SUFFIX_RE = org_suffix_alternation()
_ORG_CORE_RE = "|".join(sorted(ORGAN_CORES, key=len, reverse=True))
_ORG_PREFIX = "|".join(LEVEL_PREFIXES)
_ORG_CORE = re.compile(rf"(?:{_ORG_CORE_RE})(?:办公室|办公厅)?")


@Language.component("policy_orgs")
def policy_orgs(doc: Doc) -> Doc:
    """Organs: [place | level word] + an organ core (教育局, 人民政府办公室 …), optionally + 办公室.

    The place or level prefix is required for short cores (局, 厅) so ordinary words don't match.
    """
    text = _text(doc)
    places = [(sp.start, sp.end) for sp in doc._.char_ents if sp.label == "PLACE"]
    place_end = {e: s for s, e in places}
    seen: list[tuple[int, int]] = []
    for m in _ORG_CORE.finditer(text):
        s, e = m.start(), m.end()
        # extend left over adjacent places (柳州市 + 教育局, 广西壮族自治区 + 教育厅)
        while s in place_end:
            s = place_end[s]
        lm = re.search(rf"(?:{_ORG_PREFIX}|省直|县直|市直|国家)$", text[max(0, s - 3):s])
        if lm and s == m.start():
            s -= len(lm.group())
        if s == m.start() and len(m.group()) <= 2 and m.group() not in ("国务院", "教育部", "财政部", "妇联", "残联"):
            continue
        if any(a < e and s < b for a, b in seen[-4:]):
            continue
        seen.append((s, e))
        _add(doc, "ORG", s, e, squeeze(text[s:e]))
    return doc


_SCHOOL_SUFFIX_RE = re.compile(
    "(?:" + "|".join(sorted(SCHOOL_SUFFIXES, key=len, reverse=True))
    + r"|[一二三四五六七八九十]{1,3}中(?![学心国央专等全])|[0-9０-９]{1,3}中(?![学心国央专等全0-9])" + ")"
    + r"(?:[（(](?:初中|高中|小学|初中部|高中部|小学部)[）)])?")
_ORDINAL_SUFFIX = re.compile(r"[一二三四五六七八九十0-9０-９]{1,3}中|第[一二三四五六七八九十百0-9０-９]+(中学|小学|幼儿园)")
_CONTINUATION = re.compile(r"(第[一二三四五六七八九十\d]+|实验|附属|中心)(?:幼儿园|小学|中学|学校)")
# a bare suffix on its own line, after a line that stops where a name's middle ends (某乡中心 / 幼儿园)
_BARE_SUFFIX = re.compile(r"幼儿园|小学|中学|学校|初级中学|高级中学")
_BROKEN_BEFORE_SUFFIX = re.compile(r"(?:中心|实验|附属|民族|第[一二三四五六七八九十0-9]+)$")
_GENERIC_TOKENS = frozenset("中小学 中小学校 中小学生 初高中 小学生 中学生 大学生 高中生 初中生 幼儿园所 大中小学".split())
_SINGLE_STOPS = frozenset("的 和 与 及 或 由 在 对 到 向 为 是 等 从 把 将 被 让 使 给 以 于 至 了 也 还 并 且 即 如 像 比 同 跟 离 含 除 请 "
                          "建 按 据 经 共 所 个 名 促 新 老 各 每 该 本 其 此 这 全 我".split())
_CELL = re.compile(r"[\u4e00-\u9fff0-9０-９（）()]{4,40}")


_PLAIN_SUFFIXES = frozenset("学校 小学 中学 高中 初中".split())


def _ends_cell(text: str, e: int) -> bool:
    line_end = text.find("\n", e)
    return (len(text) if line_end < 0 else line_end) == e and bool(
        _CELL.fullmatch(text[text.rfind("\n", 0, e) + 1:e]))


# words that make 校/园 a role (成员校, 核心园, 帮扶校, 我校) when jieba cuts the 校 off on its own
_SCHOOL_ROLE_WORDS = frozenset("成员 核心 龙头 牵头 领航 帮扶 受援 结对 支援 托管 示范 兄弟 友好 姊妹 本 我 该 全 各".split())


def _school_name_ok(words: list[str], suffix: str, gz_hits: bool, place_only: bool = False,
                    in_place: frozenset[int] = frozenset()) -> bool:
    """Is the part before the suffix specific enough to name one school? ``in_place``: the indexes of
    words that are part of a place name (jieba cuts some county and town names so that a part reads as a
    category word, such as X|山区 or Y|城镇: that is the cut, not a category)."""
    # 某某街道某某小学: 街道 between two name words is the town's, not the category 街道学校
    inside_town = {k for k, w in enumerate(words) if w == "街道" and 0 < k < len(words) - 1
                   and words[k + 1] not in SCHOOL_CATEGORY_WORDS}
    # 唐|口|街道|初级中学: a town's 街道 ending the words, after a name of its own (not 各街道, 城区街道)
    if len(words) >= 2 and words[-1] == "街道" and 2 <= len("".join(words[:-1])) <= 4 \
            and re.fullmatch(r"[\u4e00-\u9fff]+", "".join(words[:-1])) and not any(
                w in SCHOOL_CATEGORY_WORDS or w in _SINGLE_STOPS or w in LEVEL_PREFIXES for w in words[:-1]):
        inside_town.add(len(words) - 1)
    # 通|城镇|中心小学: jieba's cut of the town 通城镇 (a name character, then 城镇)
    inside_town |= {k for k, w in enumerate(words) if w in ("城镇", "城乡") and k == 1 and len(words[0]) == 1
                    and re.fullmatch(r"[\u4e00-\u9fff]", words[0]) and words[0] not in _SINGLE_STOPS
                    and words[0] not in LEVEL_PREFIXES and words[0] not in "好大小多少"}
    if any(w in SCHOOL_CATEGORY_WORDS for k, w in enumerate(words) if k not in in_place and k not in inside_town):
        return False
    if words and re.fullmatch(r"[省市县区州盟旗镇乡]+", "".join(words)) and len("".join(words)) >= 2:
        return False        # ××区县市学校: level words alone name a class of schools (a form's placeholder)
    if place_only and suffix in _PLAIN_SUFFIXES and not (suffix in ("中学", "小学") and not re.search(r"[省市县区镇乡州盟旗]$", words[-1])):
        return False  # X区学校 = the district's schools; but X中学 after a bare city or county name names one
    if _ORDINAL_SUFFIX.fullmatch(re.sub(r"[（(].*", "", suffix)):
        # 市一中, 12中, X市第三十中学: the ordinal makes it specific
        return bool(words) or bool(re.match(r"[0-9０-９]{2}", suffix))
    if not words:
        return False
    if suffix in ("高中", "初中"):
        # X市初中 = the city's junior schools; X高中 (short place) is one school; 全面总结初中 is prose
        if re.search(r"[市县区省]$", words[-1]) and len("".join(words)) > 2:
            return False
        if not (gz_hits or words[0] in LEVEL_PREFIXES or len(words[0]) == 1):
            return False
    specific = [w for w in words if w not in SCHOOL_TYPE_WORDS and w not in LEVEL_PREFIXES]
    if specific or gz_hits:
        return True
    # 市实验高中: a level word plus a type word names the one school of that level; so does a level word
    # before a school type of its own (县民族中学, 区实验小学, 市特殊教育学校)
    return words[0] in LEVEL_PREFIXES and (len(words) > 1 or len(suffix) >= 4)


def _words_in_places(name: str, words: list[str], hits, gz) -> frozenset[int]:
    """Indexes of ``words`` (the tokens of ``name``, in order) lying inside a place of the gazetteer or a
    town named right after one (某市某山区, 某县某城镇)."""
    covered: set[int] = set()
    for a, b, place in hits:
        if place in SCHOOL_CATEGORY_WORDS:
            continue            # 城区, 郊区 are district names too; as a word they are categories
        covered.update(range(a, b))
        town = gz.towns_after(name, b)
        # (a town has a name of its own before 镇/乡: 城镇, 乡镇 after a county are categories, 某县乡镇学校)
        if town and len(town.group()) >= 3 and town.group() not in SCHOOL_CATEGORY_WORDS \
                and town.group()[:2] not in SCHOOL_CATEGORY_WORDS:
            covered.update(range(b, town.end()))
    if not covered:
        return frozenset()
    out, pos = set(), name.find(words[0]) if words else 0
    for k, w in enumerate(words):
        if pos >= 0 and all(c in covered for c in range(pos, pos + len(w))):
            out.add(k)
        pos += len(w)
    return frozenset(out)


# a pairing verb right after a name (甲校领办乙校): jieba may glue its first character to the suffix
_PAIR_AFTER = re.compile(r"领办|帮扶|托管|结对|对口|支援|主帮|协帮")
# one-character stop words that also open town names (经棚, 新城, 老城, 建设, 共和, 同安): kept after a county
_TOWN_CHARS = frozenset("经新老建共同和")


def _place_ends_at(gz, text: str, pos: int) -> bool:
    """A county or city name of the gazetteer ends right at ``pos``."""
    left = text[max(0, pos - 10):pos]
    return any(e == len(left) for _, e, _ in gz.find(left))


_FIRST_FULL_DATE = re.compile(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")


@Language.component("policy_schools")
def policy_schools(doc: Doc) -> Doc:
    text = _text(doc)
    toks = token_spans(doc)
    tok_starts = [a for a, _, _ in toks]
    starts = {a: i for i, (a, _, _) in enumerate(toks)}
    ends = {b for _, b, _ in toks}
    gz = gazetteer()
    spans: list[tuple[int, int]] = []
    for m in _SCHOOL_SUFFIX_RE.finditer(text):
        s_suf, e = m.start(), m.end()
        suffix = m.group()
        if e not in ends and e < len(text) and "\u4e00" <= text[e] <= "\u9fff" and not re.match(r"[的和与及]", text[e]) \
                and not _PAIR_AFTER.match(text, e):
            continue  # the suffix ends inside a longer word (中学生, 学校长)
        if "全会" in text[e:e + 8] or text[max(0, s_suf - 1):s_suf] == "届":
            continue  # 十八届三中全会
        # the token holding the suffix start
        i = starts.get(s_suf)
        words: list[str] = []
        name_start = s_suf
        if i is None:
            k = bisect.bisect_right(tok_starts, s_suf) - 1
            if k < 0 or not toks[k][0] < s_suf < toks[k][1]:
                continue
            tok = toks[k]
            if tok[2] in _GENERIC_TOKENS and not _ends_cell(text, e):
                continue
            head = text[tok[0]:s_suf]
            if head in _SINGLE_STOPS or not re.fullmatch(r"[\u4e00-\u9fff0-9０-９]+", head):
                continue
            words.append(head)
            name_start = tok[0]
            i = k
        elif toks[i][2] in _GENERIC_TOKENS and not _ends_cell(text, e):
            continue
        i -= 1
        while i >= 0:
            a, b, w = toks[i]
            if not re.fullmatch(r"[\u4e00-\u9fff0-9０-９]+", w) or s_suf - a > 30:
                break
            if w in ("新", "老") and i > 0 and len(toks[i - 1][2]) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", toks[i - 1][2]) \
                    and toks[i - 1][2] not in _SINGLE_STOPS and toks[i - 1][2] not in SCHOOL_LEFT_STOPS:
                pass            # X|新|中学: jieba's cut of a name (X新), not 新 before a category
            elif w in ("新", "老") and re.match(r"[\u4e00-\u9fff]{1,2}(?:镇|乡|村|街道|社区)", text[b:b + 4]):
                pass            # 新|墩|镇|中心幼儿园: the first character of a town's name
            elif len(w) == 1 and w in _TOWN_CHARS and i > 0 and _place_ends_at(gz, text, a):
                pass            # 某旗|经|棚|第二中学: a town's first character after its county, not the verb 经
            elif w in SCHOOL_LEFT_STOPS or w in _SINGLE_STOPS:
                break
            elif len(w) == 1 and w in "校园" and i > 0 and toks[i - 1][2] in _SCHOOL_ROLE_WORDS:
                break           # 成员|校|某乡中心小学, 核心|园|…: the role word's 校, not the name's first character
            if w in POLICY_VERBS:
                break
            if re.fullmatch(r"[0-9０-９]+", w) and not re.match(r"[0-9０-９]*中", text[b:b + 3]):
                break
            words.insert(0, w)
            name_start = a
            i -= 1
        start = name_start
        line_start = text.rfind("\n", 0, start) + 1
        ok = False
        bare = start == line_start and line_start > 0 and _BARE_SUFFIX.fullmatch(text[start:e])
        if start == line_start and (_CONTINUATION.fullmatch(text[start:e]) or bare) and line_start > 0:
            # a table cell broken over two lines: "X省直属机关" + "第一幼儿园", "X县某乡中心" + "幼儿园"
            prev_start = text.rfind("\n", 0, line_start - 1) + 1
            prev = text[prev_start:line_start - 1]
            if 2 <= len(prev) <= 24 and re.fullmatch(r"[\u4e00-\u9fff]+", prev) and (
                    not bare or _BROKEN_BEFORE_SUFFIX.search(prev)) and (
                    gz.find(prev) or prev.endswith(("学校", "学院", "大学", "机关"))):
                if (prev_start, line_start - 1) in spans:   # rare: only for a broken cell
                    spans.remove((prev_start, line_start - 1))
                start, ok = prev_start, True
        line_end = text.find("\n", e)
        line_end = len(text) if line_end < 0 else line_end
        if not ok and e == line_end and _CELL.fullmatch(text[line_start:line_end]):
            # a table cell or list line that is one name opening with a place: take the whole line
            # (the left walk would stop at words like 解放/前进 that are part of real names)
            places = gz.find(text[line_start:s_suf])
            if places and places[0][0] == 0:
                lo = bisect.bisect_left(tok_starts, line_start + places[0][1])
                hi = bisect.bisect_left(tok_starts, s_suf)
                rest = [w for a, b, w in toks[lo:hi] if b <= s_suf]
                if any(w not in SCHOOL_CATEGORY_WORDS and w not in POLICY_VERBS or w.startswith("第") for w in rest) \
                        or suffix not in _PLAIN_SUFFIXES:
                    start, ok = line_start, True
        if not ok:
            name = text[name_start:s_suf]
            if QUANTIFIED.match(name) or text[max(0, name_start - 1):name_start] in ("各", "每", "全"):
                continue  # 各县特殊教育学校: a quantified category
            hits = gz.find(name)
            gz_hits = bool(hits) or any(name[:k] in gz.county_short for k in (2, 3, 4))
            place_only = bool(hits) and hits[0][0] == 0 and hits[-1][1] == len(name) and len(hits) <= 2 and \
                sum(b - a for a, b, _ in hits) == len(name)
            ok = _school_name_ok(words, suffix, gz_hits, place_only, _words_in_places(name, words, hits, gz))
        if not ok:
            continue
        # keep the longest: drop spans inside this one, skip this one if inside another (names are
        # found left to right, so only the last few kept spans can overlap)
        recent = spans[-8:]
        if any(a <= start and e <= b for a, b in recent):
            continue
        for key in recent:
            if start <= key[0] and key[1] <= e:
                spans.remove(key)
        spans.append((start, e))
    spans += _aliases(text, spans)
    for a, b in spans:
        _add(doc, "SCHOOL", a, b, squeeze(text[a:b]))
    return doc


# a short form the notice defines for a school: 某某区实验小学（以下简称“实小”）
# (or unbracketed, in quotes: 北票市第二高级中学简称“北票二高”)
_ALIAS = re.compile(r"\s*(?:[（(](?:以下)?简称\s*[“\"‘「]?(?P<alias>[\u4e00-\u9fff0-9]{2,8}?)[”\"’」]?\s*[）)]"
                    r"|[，,]?(?:以下)?简称\s*[“\"‘「](?P<quoted>[\u4e00-\u9fff0-9]{2,8}?)[”\"’」])")
_ALIAS_END = re.compile(r"(?:[中小校园学院大附职高实部]|一中|二中|三中|实验)$")


def _aliases(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The alias a notice defines right after a school's name, and each later mention of it (outside
    another name): the notice's own word for that school."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        m = _ALIAS.match(text, b)
        group = ("alias" if m.group("alias") else "quoted") if m else None
        if not m or not _ALIAS_END.search(m.group(group)):
            continue
        alias = m.group(group)
        pos = m.start(group)
        while pos != -1:
            end = pos + len(alias)
            if not any(x <= pos < y for x, y in spans + out):
                out.append((pos, end))
            pos = text.find(alias, end)
    return out


_PERSON_CUE = re.compile(r"(联系人|联\s*系\s*人|聯繫人|聯系人|联络人|聯絡人|经办人|經辦人|负责人|負責人)(及(联系)?(电话|方式))?\s*[:：]\s*"
                         # the colon left out, a name and its phone following: （联系人张三，电话88123456）
                         r"|(?:联系人|联络人|经办人)(?=[\u4e00-\u9fff]{2,4}[，,\s]*(?:(?:联系)?(?:电话|手机)|[0-9]))")
_NAME = re.compile(r"([\u4e00-\u9fff]{2,4})")
# a unit printed between the cue and the name: 联系人：县教育局基础教育股 韦丽萍
# (a unit ends in an organization word of data/org_suffixes.txt or a school word)
_UNIT_END = name_endings("校", "园")
# (the unit may carry a note in brackets: 集团办公室（设在某中学校长办公室） 某某)
CONTACT_UNIT = re.compile(rf"([\u4e00-\u9fff（）()]{{2,30}}?(?:{_UNIT_END})(?:[（(][^（）()\n]{{2,20}}[）)])?)[\s\u3000]+(?=[\u4e00-\u9fff])")
UNIT_NAME = re.compile(rf"[\u4e00-\u9fff]{{2,30}}?(?:{_UNIT_END})")
# what a bare local number (no area code) may follow: a phone cue, a contact's name (联系人：张三88123456,
# 联系人：骆某老师（88905981）), or a contact line without a cue (教科室：平建树 9297076)
_LOCAL_PHONE_CUE = re.compile(r"(电话|手机|热线|Tel|TEL|传真)\s*[:：]?\s*|(?:联系人|联络人|经办人)\s*[:：]?\s*[\u4e00-\u9fff]{2,4}?"
                              r"(?:老师|同志)?[\s\u3000]*[（(]?(?=[2-9][0-9]{6,7}(?![0-9]))"
                              rf"|^[ \t\u3000]*{UNIT_NAME.pattern}[：:][ \t\u3000]*[\u4e00-\u9fff]{{2,3}}[ \t\u3000]+"
                              r"(?=[2-9][0-9]{6,7}[ \t\u3000]*$)", re.MULTILINE)
_LISTED_CONTACT_PHONE = re.compile(r"[)）][ \u3000]*[、，,][ \u3000]*[\u4e00-\u9fff]{2,4}?(?:老师|同志)?[ \u3000]*[（(]"
                                   r"(?P<n>[2-9][0-9]{6,7}|1[3-9][0-9]{9})(?![0-9])[ \u3000]*[)）]")
# a campus short number after its cue (短号：661234): too short for a phone anywhere else
_SHORT_NUMBER = re.compile(r"短号\s*[:：]?\s*([1-9][0-9]{3,5})(?![0-9])")
_NOT_IN_NAME = re.compile(r"[局厅处股室部委办院校园会省市县区]")


# what follows a name whose place alone makes it a person: a phone cue or the number itself
_PHONE_NEXT = re.compile(r"[，,：:\s\u3000]*(?:(?:联系|聯繫)?(?:电话|手机|電話|手機)|[（(]?\d{3,4}[-－—]?\d{7,8}|1[3-9]\d{9})")


def _padded_person(text: str, pos: int) -> tuple[int, str] | None:
    """(start, name as printed) of a surname and a given name padded apart by spaces at ``pos`` (周  海),
    the shape ``_person_at`` returns."""
    m = _PADDED_NAME.match(text, pos)
    if m and m.group(1) in SURNAMES and not _NOT_IN_NAME.search(m.group(2)) \
            and m.group(1) + m.group(2) not in _not_names():
        return m.start(), m.group()
    return None


# layout inside a printed name: the padding of 周  海, the dot of 阿依古丽·买买提
_NAME_LAYOUT = re.compile(r"[ \u3000·•・]")


def _add_person(doc: Doc, start: int, printed: str) -> None:
    """A PERSON span over the name as printed, its value without the layout inside it."""
    _add(doc, "PERSON", start, start + len(printed), _NAME_LAYOUT.sub("", printed))


def _person_at(text: str, pos: int, placed: bool = False) -> tuple[int, str] | None:
    """A contact person's name at ``pos`` (a surname first, 2–3 characters, or X老师). ``placed``: the
    name stands between a unit and a phone (联系人：省教育厅基础教育处 次仁某某，电话：…), where the layout
    alone says it is a person, so a name without a Han surname (a Tibetan name) counts too."""
    m = _NAME.match(text, pos)
    if not m:
        return None
    name = m.group(1)
    cut = re.search(r"(联系|電話|电话|手机|邮箱|郵箱|传真|同志|，)", name)
    # (a cut name such as 值班|电话 is a phone label, never a placed name)
    if placed and not cut and not _NOT_IN_NAME.search(name) and _PHONE_NEXT.match(text, m.end(1)):
        return m.start(1), name
    if placed:
        # a name in two parts joined by a dot (阿依古丽·买买提): the layout alone says it is a person
        dotted = _DOTTED_NAME.match(text, pos)
        if dotted and _PHONE_NEXT.match(text, dotted.end()) and not _NOT_IN_NAME.search(dotted.group()):
            return dotted.start(), dotted.group()
    if cut:
        name = name[:cut.start()]
    if name.endswith("老师") and len(name) >= 3 and name[0] in SURNAMES:
        if len(name) >= 4 and name[:-2] not in SURNAMES:
            name = name[:-2]        # 杨扬老师: a full name and the title (王老师, 欧阳老师 stay as printed)
    elif not (name[:1] in SURNAMES or name[:2] in SURNAMES) or len(name) > 3 and name[:2] not in SURNAMES:
        if len(name) == 4 and name[:1] in SURNAMES:
            name = name[:3]
        else:
            return None
    if len(name) < 2 or _NOT_IN_NAME.search(name[1:]):
        return None
    return m.start(1), name


# a name glued to its unit, then a phone cue, under a 联系方式 heading: 某市教育局安监处张三，手机：…
_UNIT_NAME_PHONE = re.compile(rf"([\u4e00-\u9fff（）()]{{2,30}}?(?:{org_suffix_alternation()}))"
                              r"([\u4e00-\u9fff]{2,3})(?:老师|同志)?[，,\s]*(?:联系|办公)?(?:电话|手机|電話)")
# a contact line without a cue: a unit, a space, a name and the number (市中小学卫生保健所 张三 139…)
# (or a colon after the unit: 市教育局基教处：姚国庆，电话：…; a two-character name may be padded: 周  海)
_HAN = r"[\u4e00-\u9fff]"
_PADDED = rf"{_HAN}[ \u3000]{{1,2}}{_HAN}"
_UNIT_SPACE_NAME = re.compile(rf"(?m)^[ \t\u3000]*[\u4e00-\u9fff（）()]{{2,30}}?(?:{_UNIT_END})"
                              rf"(?:[ \t\u3000]+|[：:][ \t\u3000]*)(?=(?:{_HAN}{{2,4}}、){{0,3}}"
                              rf"(?:{_HAN}{{2,4}}|{_PADDED})[，,：:\s\u3000]*(?:(?:联系)?(?:电话|手机|電話)|\d))")
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}[·•・][\u4e00-\u9fff]{2,6}")
# a name padded to the width of three characters (周  海, 陈　静): the layout, not part of the name
_PADDED_NAME = re.compile(rf"({_HAN})[ \u3000]{{1,2}}({_HAN})(?!{_HAN})")
# a line that opens with a name and a phone cue, under a unit line: 陈　静　手机：158…
_NAME_PHONE_LINE = re.compile(rf"(?m)^[ \t\u3000]*(?P<name>{_HAN}{{2,3}}|{_PADDED})[ \t\u3000]*(?:手机|电话|手機|電話)[:：]")
_PHONE_CUE_AT = re.compile(r"[ \t\u3000]*(?:手机|电话|手機|電話)")
# the person materials go to: 报给校团委（金笛老师）, 寄至某教育技术中心杨扬老师, 交至某研究院207室王某老师收
_SUBMIT_VERB = r"(?:报给|报送至|报送到|报送|交给|交至|交到|发给|发到|报至|寄至|寄到|寄给|寄|送至|送到|送交|发送至|上报至)"
# (the unit's address in brackets may come before the name; 某院吕某某处（地址：…）: the person's desk)
_SUBMIT_PERSON = re.compile(rf"{_SUBMIT_VERB}[ \t\u3000]*(?:{UNIT_NAME.pattern}(?:[0-9０-９]{{1,4}}室)?)?"
                            r"(?:[（(][^（）()\n]{1,40}[）)])?[ \t\u3000]*[（(]?"
                            r"(?=[\u4e00-\u9fff]{1,3}(?:老师|同志)|[\u4e00-\u9fff]{2,3}处[（(，,。])")
# 请与（市电教馆）张某某老师联系 / 于9月13日前与李某老师联系，联系电话：…
_ASK_CONTACT = re.compile(r"与([\u4e00-\u9fff]{2,15}?)(?:老师|同志)联系")
@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(word_list("not_person_names.txt"))


# a teacher followed at once by a number: 主会场：张老师13800000000
_TEACHER_PHONE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]老师|[\u4e00-\u9fff]{2,3}(?=老师)|[\u4e00-\u9fff]{2,3})(?:老师)?"
                            r"[（(，,：:\s]*(?:(?:联系)?(?:电话|手机)[:：]?\s*)?(?=1[3-9]\d{9}|\d{3,4}-\d{7,8})")


@Language.component("policy_persons")
def policy_persons(doc: Doc) -> Doc:
    text = _text(doc)
    for m in windowed(_UNIT_NAME_PHONE, text, "话机話", 40, 2):
        found = _person_at(text, m.start(2))
        if found and found[0] + len(found[1]) == m.end(2):
            _add(doc, "PERSON", found[0], found[0] + len(found[1]), found[1])
    for m in windowed(_UNIT_SPACE_NAME, text, "话机話0123456789", 60, 2):
        pos = m.end()
        while True:     # 区教体局装备中心 李宏伟、孙静，联系电话：…: names of a list need a surname
            listed = re.match(r"([\u4e00-\u9fff]{2,4})、", text[pos:pos + 6])
            found = _person_at(text, pos) if listed else _person_at(text, pos, placed=True) or _padded_person(text, pos)
            if not found:
                break
            _add_person(doc, *found)
            if not listed:
                break
            pos += listed.end()
    for m in windowed(_NAME_PHONE_LINE, text, "机话機話", 16, 1):
        found = _padded_person(text, m.start("name"))
        if found is None:
            found = _person_at(text, m.start("name"))
            if found and not _PHONE_CUE_AT.match(text, found[0] + len(found[1]), m.end()):
                found = None
        if found:
            _add_person(doc, *found)
    for m in windowed(_SUBMIT_PERSON, text, "报交发寄送", 2, 50):
        found = _person_at(text, m.end())
        if found and found[0] == m.end() and found[1] not in _not_names():
            _add_person(doc, *found)
    for m in windowed(_ASK_CONTACT, text, "联", 20, 1):
        # the unit may be glued before the name (与市电教馆张某某老师联系): try the last 3, then 2 characters
        for k in (3, 2):
            a = m.end(1) - k
            if a >= m.start(1) and (text[a] in SURNAMES or text[a:a + 2] in SURNAMES) and not _NOT_IN_NAME.search(text[a + 1:m.end(1)]) \
                    and text[a:m.end(1)] not in _not_names():
                _add(doc, "PERSON", a, m.end(1), text[a:m.end(1)])
                break
    for m in windowed(_TEACHER_PHONE, text, "0123456789", 12, 1):
        name = m.group(1)
        if (name[0] in SURNAMES or name[:2] in SURNAMES) and (name.endswith("老师") or not _NOT_IN_NAME.search(name[1:])) \
                and name not in _not_names():
            _add(doc, "PERSON", m.start(1), m.end(1), name)
    for cue in _PERSON_CUE.finditer(text):
        pos = cue.end()
        # names separated by 、，,；; until a phone cue, a digit or the end of the sentence; a unit may
        # stand before a name (联系人：省教育厅基础教育处 周建华，电话：…；省教育厅教师工作处 马丽，…)
        for _ in range(6):
            u = CONTACT_UNIT.match(text, pos)
            # (a padded name after the unit: 网络信息中心 钱  伟，短号：…)
            found = (_person_at(text, u.end(), placed=True) or _padded_person(text, u.end())) if u else None
            if found is None:
                found = _person_at(text, pos)
            if found is None:
                break
            start, name = found
            _add_person(doc, start, name)
            pos = start + len(name)
            # the person's unit in brackets after the name: 李晓燕（校团委），短号：…；张宏伟（科技教研组），…
            bracket = re.match(r"[（(][^（）()\n]{2,20}[）)]", text[pos:pos + 24])
            if bracket:
                pos += bracket.end()
            sep = re.match(r"\s*[、，,；;]\s*", text[pos:])
            if not sep:
                break
            nxt = pos + sep.end()
            if re.match(r"\s*(联系|办公)?(电话|手机|方式|邮箱|電話|郵箱)|\s*短号|\s*[0-9０-９(（]", text[nxt:]):
                # "张三,0771—…;李四,…": skip the phone and continue after the next separator
                stop = re.compile(r"[；;]\s*").search(text, nxt, min(len(text), nxt + 60))
                if not stop:
                    break
                pos = stop.end()
                continue
            pos = nxt
    return doc


# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The annotation pipeline (built once per process)."""
    lang = spacy.blank("zh")
    lang.tokenizer = JiebaSegmenter(lang.vocab)
    lang.max_length = 50_000_000
    for name in ("policy_patterns", "policy_places", "policy_orgs", "policy_schools", "policy_persons"):
        lang.add_pipe(name)
    return lang


def annotate(document: Document) -> Document:
    from .structure import reference_date

    lang = nlp()
    sdoc = lang.make_doc(document.text)
    sdoc._.char_ents = []
    sdoc._.ref_date = reference_date(document)
    # a plan dated by its school year (2025学年…): months without a year follow the school calendar
    sdoc._.school_year = school_year((document.info.get("title") or "") + document.text[:200])
    if sdoc._.ref_date is None and sdoc._.school_year:
        from datetime import date

        sdoc._.ref_date = date(sdoc._.school_year, 9, 1)
    if sdoc._.ref_date is None:
        # no date of its own (an unsigned 转发 page): the first full date the notice prints dates the rest
        # (检查时间：2026年9月7日至9月30日 … 于9月15日前报送)
        from datetime import date

        m = _FIRST_FULL_DATE.search(document.text)
        if m:
            try:
                sdoc._.ref_date = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                document.warn(f"the notice prints no date of its own: dates without a year take the year of "
                              f"its first full date ({m.group()})")
            except ValueError:
                pass
    for _, proc in lang.pipeline:
        sdoc = proc(sdoc)
    ents = sorted(sdoc._.char_ents, key=lambda sp: (sp.start, -sp.end, sp.label))
    # one entity per (label, start, end)
    seen, out = set(), []
    for sp in ents:
        key = (sp.label, sp.start, sp.end)
        if key not in seen:
            seen.add(key)
            out.append(sp)
    document.entities = out
    document.tokens = [(a, b) for a, b, _ in token_spans(sdoc)]
    for w in sdoc.user_data.get("warnings", []):
        document.warn(w)
    if sdoc._.ref_date is None and any(sp.label == "DATE" and sp.normalized.get("iso") is None for sp in out):
        document.warn("dates without a year could not be resolved: the document has no date of its own")
    return document
