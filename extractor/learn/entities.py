"""SCHOOL and ORG: candidates proposed generously (several left boundaries each), features for the scorer.

The rule components in ``annotate`` find names by their suffix and walk left over jieba tokens; they
give one boundary. Here every name also gets its shorter alternatives (each later token boundary that
still leaves a name before the suffix: ``请苍南中学`` → ``苍南中学``), and organizations are proposed from a
word list of organization endings (``data/org_suffixes.txt``) walking left over tokens. A trained scorer
(``learn/decide.py``) picks at most one boundary per place and decides whether it is a name at all.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import ahocorasick

from ..core.document import Document, Span
from ..rules.gazetteer import gazetteer
from ..rules.lexicon import (
    LEVEL_PREFIXES,
    POLICY_VERBS,
    QUANTIFIED,
    SCHOOL_CATEGORY_WORDS,
    SCHOOL_SUFFIXES,
    org_name_suffixes,
    word_list,
)

MAX_ALTERNATIVES = 2          # organization starts per walk (the longest and one shorter)
MAX_SCHOOL_ALTERNATIVES = 1   # a shorter start per rule-found school name
MAX_NAME = 28


@lru_cache(maxsize=1)
def _org_suffixes() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in org_name_suffixes():
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def org_suffix_ends(text: str):
    """The end offset of every organization suffix in ``text``, scanned left to right as a regex
    alternation of the suffixes (longest first) would find them, without overlaps — an automaton, since
    the alternation tries every suffix at every character. The sentinel makes the automaton report a
    match that ends the text (it otherwise drops one that a longer suffix could still have extended)."""
    for end, _ in _org_suffixes().iter_long(text + "\x00"):
        yield end + 1


@lru_cache(maxsize=1)
def _office_end_re() -> re.Pattern:
    """An office name of ``data/office_names.txt`` ending the name (the longest, anchored at the end)."""
    words = sorted(set(word_list("office_names.txt")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")$")


@lru_cache(maxsize=1)
def _central_organs() -> tuple[str, ...]:
    return tuple(word_list("central_organs.txt"))


@lru_cache(maxsize=1)
def org_not_names() -> frozenset[str]:
    return frozenset(word_list("org_not_names.txt"))


_ORGAN_AND = re.compile(r"(?:教育|人力资源|住房|自然资源|文化|广电|广播电视|发展|工业|卫生|科学技术|交通|农业|商务|应急|退役军人)和"
                        r"(?:体育|社会保障|城乡建设|规划|旅游|改革|信息化|健康|运输|农村|科技|管理|事务)")
_DIGITS = re.compile(r"[0-9０-９]+")
_NAME_TOKEN = re.compile(r"[\u4e00-\u9fff0-9０-９（）()、]+")
_LEFT_STOP_EXTRA = frozenset("全体 请 由 经 据 向 对 给 和 与 及 或 的 是 为 在 将 把 被 让 使 等 每 本 我 该 其 此 各位 有关 相关 "
                             "报 报送 送 交 至 到 从 于 以 共 有 由于 根据 按照 联系 联系人 参加 组织 召开 举办 开展 会同 协同 联合 近日 日前 近期 招聘 "
                             "包括 含 寄 寄至 寄到 寄给 发至 交至 报至 送至 "
                             # verbs that bring in a body from outside (学校聘请某大学教育学院, 邀请某院, 来自该校某学院)
                             "聘请 邀请 特邀 约请 组成 组建 来自 委托 面向 推荐 推选 该校 本校 我校 全校 "
                             # an occasion's verb before the body it names (纪念中国共产党成立…, 庆祝共青团…)
                             "纪念 庆祝 迎接".split())


# a list of administrative levels before an organ word: 各区、县（市）教体局, 各市、县（区）教育局, 区（县）、市教科所.
# The walk stops at a top-level 、 (elsewhere it separates names), so the list's start is proposed apart.
_LEVEL_LIST = re.compile(r"(?:各|(?<![\u4e00-\u9fff]))(?:[省市州盟县区旗乡镇](?:（[省市州县区旗、]{1,5}）)?、)+$")


# 交张老师处, 送课程处王某处: "at someone's desk", not an office
_AT_PERSON = re.compile(r"(?:老师|同志|主任|校长|书记)处$")
_ORGAN_LAST = frozenset("厅局委办部府司署")


def _opens_organ(text: str, pos: int) -> bool:
    """Whether a new organ's name opens at ``pos``: a level word, 中共/国家, or a place of the gazetteer."""
    if text.startswith(("省", "中共"), pos):
        return True
    hit = gazetteer().first(text[pos:pos + 12])
    return hit is not None and hit[0] == 0


def _stop(word: str) -> bool:
    return word in POLICY_VERBS or word in _LEFT_STOP_EXTRA


# a committee-like body is often named after its programme: 学前教育普及普惠提升行动领导小组, 推进托管帮扶
#工作专班. Before these endings the programme's own verbs are part of the name (not 成立/负责: those start a clause)
_COMMITTEE_END = re.compile(r"(?:领导小组|工作小组|小组|专班|指挥部|组委会|委员会)(?:办公室)?$")
_PROGRAMME_WORDS = frozenset("提升 提高 推进 推动 促进 改善 深化 实施 创新 示范 帮扶 托管 支援 对口帮扶 结对帮扶 托管帮扶 "
                             "结对 整体托管 考核 评估 检查 迎检 优化 规范 保障 加快".split())
# 体育卫生与艺术教育处, 网络安全和信息化领导小组, 材料科学与工程学院: two fields joined in one office's name;
# an organ or a school before the 与 (市教育局与市财政局, 学校和家长委员会) is a second body instead
_FIELD_OFFICE_LAST = frozenset("处科司院系部组室所心股")
_BODY_LAST = _ORGAN_LAST | frozenset("校园院会组队")


def _joins_fields(text: str, toks: list[tuple[int, int]], i: int, e: int) -> bool:
    """Whether the 与/和 token at ``i - 1`` joins two fields inside one office's name ending at ``e``."""
    if i < 2 or text[e - 1] not in _FIELD_OFFICE_LAST:
        return False
    _, b = toks[i - 1]
    la, lb = toks[i - 2]
    left, right = text[la:lb], text[b:e]
    return (len(right) <= 12 and bool(_NAME_TOKEN.fullmatch(left)) and left[-1] not in _BODY_LAST
            and not any(c in _ORGAN_LAST for c in right[:-1]))


# policy verbs that name what an institution does, when the institution word follows (指导中心, 服务站)
_INSTITUTION_VERBS = frozenset("指导 服务 评估 保障 促进 监测 研究 推广".split())
_INSTITUTIONS = ("中心", "委员会", "小组", "办公室", "站", "所", "院", "室")

_OPENER_LEVEL = "省市县区州旗"


def _last_opener(text: str, toks: list[tuple[int, int]], k: int, ti: int, e: int) -> int | None:
    """The last place inside the walk where an organ's name opens (a level word, 中共/中国), so that a name
    the walk ran past on the left (迎接省委, 会同县财政局 — jieba glues 会同 and 县) is proposed too."""
    for j in range(ti, k - 1, -1):
        a, b = toks[j]
        if e - a < 2:
            continue
        w = text[a:b]
        if j > k and (w[0] in _OPENER_LEVEL or w.startswith(("中共", "中国"))):
            return a
        if len(w) >= 2 and w[-1] in _OPENER_LEVEL and e - b >= 1 and (w[:-1] in _LEFT_STOP_EXTRA or w[:-1] in POLICY_VERBS):
            return b - 1
    return None


def _inside_brackets(text: str, a: int, b: int, e: int) -> bool:
    """Whether the token at a..b sits inside brackets that the name ending at e opens or closes."""
    return (text.count("（", a, e) + text.count("(", a, e) > text.count("）", a, e) + text.count(")", a, e)
            or text.count("）", b, e) + text.count(")", b, e) > text.count("（", b, e) + text.count("(", b, e))


def token_bounds(toks: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The tokens' start offsets and end offsets, each ascending (built once per document)."""
    return [t[0] for t in toks], [t[1] for t in toks]


_LIST_MARK_AT = re.compile(r"[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]")


def propose_orgs(text: str, toks: list[tuple[int, int]], starts=None, ends=None) -> list[tuple[int, int, str]]:
    """(start, end, how) organization candidates: an organization ending at a token end, walked left.
    ``starts``/``ends``: ``token_bounds(toks)``."""
    if ends is None or starts is None:
        starts, ends = token_bounds(toks)
    not_names = org_not_names()
    out: list[tuple[int, int, str]] = []
    n_toks = len(ends)
    for e in org_suffix_ends(text):
        ti = bisect.bisect_left(ends, e)
        if ti == n_toks or ends[ti] != e:
            continue
        if text[toks[ti][0]:e] in not_names or _AT_PERSON.search(text, max(0, e - 6), e):
            continue
        # the left walk: tokens of name characters, not a stop word, at most MAX_NAME characters
        i = ti
        committee = _COMMITTEE_END.search(text, max(0, e - 8), e) is not None
        while i > 0:
            a, b = toks[i - 1]
            w = text[a:b]
            if w in ("（", "(") and text.count("）", b, e) + text.count(")", b, e) == 0:
                break           # 落实（人事股牵头…: a bracket the name does not close opens before the name
            if w == "、" and _inside_brackets(text, a, b, e):
                i -= 1          # 各县（市、区）教育局: a list inside brackets is part of the name
                continue
            if w == "和" and _ORGAN_AND.search(text, max(0, a - 6), min(len(text), b + 6)):
                i -= 1          # 教育和体育局, 人力资源和社会保障局: one organ
                continue
            if w in ("与", "和") and _joins_fields(text, toks, i, e):
                i -= 1
                continue
            if committee and w in _PROGRAMME_WORDS and e - a <= MAX_NAME:
                i -= 1
                continue
            if w in _INSTITUTION_VERBS and text.startswith(_INSTITUTIONS, b) and e - a <= MAX_NAME:
                i -= 1          # 心理健康教育指导中心, 学生资助服务中心: the verb names what the body does
                continue
            if len(w) >= 5 and w.isdigit():
                break           # 8352600（教务处办公室）: a phone number before a name is no part of it
            if w in "年月日" and i >= 2 and _DIGITS.fullmatch(text[toks[i - 2][0]:toks[i - 2][1]]):
                break           # 2026年某某中学教育集团: a date before the name
            if not _NAME_TOKEN.fullmatch(w) or _stop(w) and (i != ti or w in _LEFT_STOP_EXTRA) \
                    or e - a > MAX_NAME or w == "、":
                break           # (a verb right before the suffix is part of the name: 指导中心, 规划办)
            if len(w) >= 2 and w[-1] in _ORGAN_LAST and _opens_organ(text, b):
                break           # 省教育厅省财政厅: an organ ends here and the next one opens after it
            i -= 1
        lo = toks[i][0]
        if e - lo < 2:
            continue
        # the longest, then each shorter start at a token boundary (the suffix itself included only if ≥ 3)
        k = bisect.bisect_left(starts, lo)
        # an opening bracket the name does not close is punctuation before it: （县教育局基础教育股）
        while k <= ti and text[toks[k][0]] in "（(" and text.count("）", toks[k][0], e) + text.count(")", toks[k][0], e) == 0:
            k += 1
        # a list mark the walk took in is no part of the name: （一）区教育局某某办公室
        mark = _LIST_MARK_AT.match(text, toks[k][0]) if k <= ti else None
        if mark:
            k2 = bisect.bisect_left(starts, mark.end())
            if k2 <= ti and starts[k2] == mark.end():
                k = k2
        for n, j in enumerate(range(k, ti + 1)):
            s = toks[j][0]
            if n >= MAX_ALTERNATIVES or e - s < 2:
                break
            if j == ti and e - s < 2:
                break
            out.append((s, e, "org_walk" if n == 0 else "org_alt"))
        op = _last_opener(text, toks, k, ti, e) if k <= ti else None
        if op is not None and op != toks[k][0] and op != toks[min(k + 1, ti)][0]:
            out.append((op, e, "org_opener"))
        # the office name alone at the end of a long walk (德育处协同学生会 → 学生会): a start the two
        # alternatives above do not reach
        om = _office_end_re().search(text, lo, e)
        if om and om.start() > toks[min(k + 1, ti)][0]:
            j = bisect.bisect_left(starts, om.start())
            if j < len(starts) and starts[j] == om.start():
                out.append((om.start(), e, "org_office"))
        if k <= ti and text[toks[k][0]] in "省市州盟县区旗乡镇":
            lm = _LEVEL_LIST.search(text, max(0, toks[k][0] - 12), toks[k][0])
            if lm and e - lm.start() <= MAX_NAME:
                out.append((lm.start(), e, "org_levels"))
    return out


# the leftmost match of an alternation anchored at the end is the longest suffix (one C call per name)
_SUFFIX_END = re.compile("(?:" + "|".join(map(re.escape, sorted(SCHOOL_SUFFIXES, key=len, reverse=True))) + ")$")


def _school_suffix(name: str) -> str:
    """The longest school suffix the name ends with ('' for none)."""
    m = _SUFFIX_END.search(name)
    return m.group() if m else ""


def school_alternatives(text: str, toks: list[tuple[int, int]], span: Span,
                        starts: list[int]) -> list[tuple[int, int, str]]:
    """Shorter starts of a rule-found school name at token boundaries, keeping a name before the suffix.
    ``starts``: the token start offsets (computed once per document)."""
    suffix = _school_suffix(span.text)
    head_end = span.end - len(suffix)
    k = bisect.bisect_right(starts, span.start)
    out = []
    for j in range(k, len(toks)):
        s = toks[j][0]
        if s >= head_end - 1 or len(out) >= MAX_SCHOOL_ALTERNATIVES:
            break
        if "\n" in text[s:span.end]:
            continue
        out.append((s, span.end, "school_alt"))
    # where a place opens the name after words the rule took in (成员校锦州市某区某中学, 教育部委托北京师范大学):
    # the first such start, if it is not the one shorter start above
    for j in range(k, len(toks)):
        s = toks[j][0]
        if s >= head_end - 1:
            break
        if _opens_organ(text, s):
            if not any(o[0] == s for o in out) and "\n" not in text[s:span.end]:
                out.append((s, span.end, "school_place"))
            break
    return out


_SCHOOL_LAST = frozenset("学校院园点中小部高初心")


def org_as_school(text: str, s: int, e: int) -> bool:
    """Whether an organization candidate ends as a school does (淄博职业学院, 兰州城市学院: the walk over
    tokens finds names the school rule, which needs its own patterns, does not)."""
    return text[e - 1] in _SCHOOL_LAST and bool(_SUFFIX_END.search(text, s, e))


_LEVEL_RE = re.compile("|".join(LEVEL_PREFIXES))


@lru_cache(maxsize=1)
def _category_words() -> ahocorasick.Automaton:
    """The school category words as an automaton: a regex alternation of them tries every word at every
    position (a tenth of a name's features' time)."""
    auto = ahocorasick.Automaton()
    for w in SCHOOL_CATEGORY_WORDS:
        if len(w) >= 2:
            auto.add_word(w, w)
    auto.make_automaton()
    return auto


# the strings of the character features, made once per label and character (names share characters)
_CHAR_FEATURES: dict[str, dict[str, str]] = {}


def _char_features(L: str, chars) -> list[str]:
    table = _CHAR_FEATURES.setdefault(L, {})
    return [table.get(c) or table.setdefault(c, f"{L}:c={c}") for c in chars]


def _places(name: str) -> tuple[int, int, int] | None:
    """(start, end) of the name's first place and the end of its last one (None: no place)."""
    return gazetteer().outline(name)


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9-12" if n <= 12 else "13+"


_FUNCTION_WORD = re.compile(r"作为|将|正|以|按照|严格|但|须|需|向|对|把|被|让|使|从|在|为|由|与|和|及|的|了|是")
_ORDINAL = re.compile(r"(?:[市县区])?第[一二三四五六七八九十百零〇0-9]{1,4}")
_FACULTY = re.compile(r"(?:大学|学院|大學|學院).{1,10}(?:学院|學院|系|研究院|研究所)$")
_PARTY_BODY = re.compile("党委|团委|委员会|支部|纪委")
_DIGIT = re.compile(r"[0-9０-９]")
_TOWN_START = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}[县市区])?[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)(?=[\u4e00-\u9fff]{2})")
_ORGAN_CORE = re.compile(r"(教育局|教育厅|教育部|人民政府|政府|局|厅|委员会)")


@lru_cache(maxsize=65536)
def name_features(L: str, name: str) -> tuple[str, ...]:
    """The features of the name alone (cached: names repeat within and across documents)."""
    f = [L, f"{L}:len={_bucket(len(name))}", f"{L}:suf1={name[-1:]}", f"{L}:suf2={name[-2:]}", f"{L}:suf3={name[-3:]}",
         f"{L}:pre1={name[:1]}", f"{L}:pre2={name[:2]}"]
    if _DIGIT.search(name):
        f.append(f"{L}:digit")
    hits = _places(name)
    if hits and hits[0] == 0:
        f.append(f"{L}:place_start")
        if hits[1] == len(name) - len(name[-2:]) or hits[2] >= len(name) - 1:
            f.append(f"{L}:place_then_suffix")
    elif hits:
        f.append(f"{L}:place_inside")
    if _TOWN_START.match(name):
        f.append(f"{L}:town_start")        # X镇中心学校, X县Y镇初级中学: towns are not in the gazetteer
    if QUANTIFIED.match(name):
        f.append(f"{L}:quantified")
    lm = _LEVEL_RE.match(name)
    if lm:
        f.append(f"{L}:level={lm.group()}")
    core = _ORGAN_CORE.search(name, 0, len(name) - 1)
    if core and core.end() < len(name) - 1:
        f.append(f"{L}:organ_then_office")     # 市教育局 + 基础教育科: an office of an organ
    if _FUNCTION_WORD.search(name, 0, len(name) - 1):
        f.append(f"{L}:function_word")      # 我校作为教育部, 学校将严格按照市委: a clause, not a name
    if L == "SCHOOL":
        suffix = _school_suffix(name)
        head = name[:len(name) - len(suffix)] if suffix else name
        if hits and hits[0] == 0:
            head = head[hits[1]:] if hits[1] <= len(head) else ""
        f.append(f"{L}:head={_bucket(len(head))}")     # what is left between the place and the suffix
        if _ORDINAL.fullmatch(head):
            f.append(f"{L}:ordinal")                  # 第四小学, 第十一中学: a numbered school of a place
    if _FACULTY.search(name):
        f.append(f"{L}:faculty")           # 某师范大学文学院: a faculty of a university is an organization
    if _PARTY_BODY.search(name):
        f.append(f"{L}:party_body")
    if len(name) > 2 and next(_category_words().iter(name[:-1]), None) is not None:
        f.append(f"{L}:category_word")
    if L == "ORG":
        central = _central_organs()
        if name in central:
            f.append("ORG:central")            # 公安部, 共青团中央: a central organ of the word list
        elif name.startswith(central):
            f.append("ORG:central_office")     # 教育部基础教育司
        m = _office_end_re().search(name)
        if m:
            # 教务处, 基础教育科: a named office by itself; 市教育局基础教育科: an owner before it
            f.append("ORG:office" if m.start() == 0 else "ORG:owner_office")
    # the characters of the name, as a bag (short names are decided by them: 教学处 vs 到处), in the order
    # they first occur (a set's order changes with the process's hash seed, and so would the float sum)
    f += _char_features(L, dict.fromkeys(name[:-1]))
    return tuple(f)


def context_features(doc: Document, label: str, start: int, end: int, how: str, counts: dict[str, int],
                     titles: tuple[int, int], name: str) -> list[str]:
    """Binary features of where the candidate stands (strings; the scorer knows their weights). A
    candidate's features are ``name_features(label, name)`` followed by these."""
    text = doc.text
    L = label
    left1 = text[start - 1:start] if start else "^"
    f = [f"{L}:how={how}", f"{L}:l1={left1}", f"{L}:l2={text[max(0, start - 2):start]}",
         f"{L}:r1={text[end:end + 1] or '$'}", f"{L}:rep={_bucket(counts.get(name, 0))}"]
    # only white space between the line break and the name (walked, not sliced: a paragraph can be long)
    p = start - 1
    while p >= 0 and text[p] != "\n" and text[p].isspace():
        p -= 1
    if left1 in "\n^\t" or p < 0 or text[p] == "\n":
        f.append(f"{L}:line_start")
    q, n = end, len(text)
    while q < n and text[q] != "\n" and text[q].isspace():
        q += 1
    if q == n or text[q] == "\n":
        f.append(f"{L}:line_end")
    if titles[0] <= start < titles[1]:
        f.append(f"{L}:in_title")
    if "\n" in text[start:end]:
        f.append(f"{L}:broken")
    return f
