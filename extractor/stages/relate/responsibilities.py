"""Responsibilities: which named units are responsible for which task, and which of them leads.

Three shapes, in the order a notice usually uses them:

1. a note after the task: ``〔责任单位：A、B、C。排名第一的为牵头单位，下同〕``,
   ``(X牵头，有关部门按职责分工负责)``, ``(A、B按职责分工负责)``, ``牵头单位：X；配合单位：Y``;
2. ``由X牵头，Y、Z配合``;
3. a clause whose subject is one or more organs: ``各县（区）教育行政部门要…``, ``市教育局负责…``,
   ``2016年8月底前，市教育局组织制定…``.

Units are kept in printed order. Schools, programme roles (帮扶学校, 托管高校) and vague subjects
(有关部门, 各地) are not units. The lead follows the notice's own rule: ``排名第一的为牵头单位``
(which holds for later notes too, 下同), the unit named with 牵头, or the only unit. Several units
and no rule give no lead.

An experience report or a compilation (汇编, 总结 …) describes work already done, so only its
explicit notes are read, not its clauses.
"""
from __future__ import annotations

import bisect
import re

from ...core.document import Document
from ...rules.lexicon import ORG_SUFFIXES, ROLE_WORDS, SCHOOL_SUFFIXES
from .base import body_start, forward_spans, is_descriptive, sentence_end, within
from .pairings import LEAD_VERB, column_roles

_OPEN, _CLOSE = "〔［\\[（(【", "〕］\\]）)】"
# (a unit may carry its own brackets: 各区（县）教育局, 各县（市、区）教育局)
_NOTE = re.compile(rf"[{_OPEN}]?\s*责任单位\s*[:：]\s*(?P<units>(?:[^{_CLOSE}{_OPEN}。.\n]|[（(][^（）()\n]{{1,8}}[）)]){{2,300}})"
                   rf"(?:[。.;；，,]\s*(?P<rule>[^{_CLOSE}\n]{{0,40}}))?[{_CLOSE}]?")
# (the 配合单位 may stand on the next line: 牵头单位：X / 配合单位：Y、Z; a lead may carry its short form in brackets)
_LEAD_NOTE = re.compile(rf"牵头单位\s*[:：]\s*(?P<lead>(?:[^；;。\n{_CLOSE}{_OPEN}]|[（(][^（）()\n]{{1,16}}[）)]){{2,120}})"
                        rf"(?:(?:[；;，,]\s*|[ \t\u3000]*\n[ \t\u3000]*)(?:配合|参与|协同|协助|责任)单位\s*[:：]\s*"
                        rf"(?P<others>(?:[^；;。\n{_CLOSE}{_OPEN}]|[（(][^（）()\n]{{1,16}}[）)]){{2,300}}))?")
# one level of brackets inside the note: （市教体局牵头，各县（市、区）教体局配合）
_PAREN_NOTE = re.compile(r"[（(](?P<body>(?:[^（）()\n]|[（(][^（）()\n]{1,8}[）)]){2,400}?(?:牵头|按职责分工负责|负责|配合)"
                         r"(?:[^（）()\n]|[（(][^（）()\n]{1,8}[）)]){0,30})[）)]")
# 牵头 or its synonyms in school plans (由校长室直接领导，A、B协调配合; 由X统筹，Y配合); the others' manner words
# (协调配合, 积极参与) are no part of their names
_LED_BY = re.compile(r"由(?P<lead>[^，,。；由]{2,60}?)(?:牵头|统筹|(?:直接)?领导)(?:负责)?[，,、]?(?:(?P<others>[^，,。；]{2,200}?)"
                     r"(?:等(?:部门|单位))?(?:协调|共同|积极|密切|全力)?"
                     r"(?:配合|参与|参加|协同|协助))?"
                     # without 由, the lead opening its clause and the others named: 县教育局牵头，县教研室配合
                     r"|(?:^|(?<=[\n。；;，,]))(?P<lead2>[^，,。；;\n由]{2,40}?)牵头[，,、](?P<others2>[^，,。；;\n]{2,200}?)"
                     r"(?:等(?:部门|单位))?(?:配合|参与|参加|协同|协助)"
                     # 由X负责，Y、Z配合: 负责 read like 牵头 where the others follow with 配合 (seventh round)
                     r"|由(?P<lead3>[^，,。；;\n由、和及]{2,40}?)负责[，,](?P<others3>[^，,。；;\n]{2,200}?)"
                     r"(?:等(?:部门|单位))?(?:协调|共同|积极|密切|全力)?(?:配合|协助|参与)")
_NOTE_LED = re.compile(r"(?P<lead>[^，,；;]{2,60}?)牵头(?:负责)?[，,；;](?P<rest>.+)$")
_OTHERS_TAIL = re.compile(r"(?:按职责分工|按照职责分工|按职责|分别)?(?:负责|配合|参与|协助|协同)(?:落实)?$")
_FIRST_LEADS = r"(?:排名|排序|排在)?(?:第一(?:位|个)?|首位)的?(?:为|是)牵头单位"
_RULE_FIRST = re.compile(_FIRST_LEADS + r"|第一个单位为牵头单位|排名第一的单位牵头")
# the ranking rule printed once for a whole task list: 任务清单中“责任单位”排在首位的为牵头单位
_LIST_RULE = re.compile(r"责任单位[”’\"」]?(?:中|里)?[，,]?" + _FIRST_LEADS)
# a 督办 item: the 责任单位 line, then a line of the units that work with it
_ASSIST_LINE = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*(?:配合|协助|协同|参与)单位\s*[:：]\s*(?P<others>[^。；;\n]{2,200})")

_VAGUE = re.compile(r"^(?:各|有关|相关|其他|其它|县级相关|省直有关|市直有关|县直有关)?(?:单位|部门|地方|地区|各地|方面|部门单位)$"
                    r"|(?:有关|相关)(?:部门|单位)")
# an organ's or an office's ending: the one organization word list (data/org_suffixes.txt) and the
# class words of organs (行政部门, 部门, 机关)
# (one-character words that are also grammar — 所需, 课题组, 大会 — end no unit on their own here)
_ORGAN_END = re.compile("(?:" + "|".join(re.escape(w) for w in ORG_SUFFIXES if w not in ("所", "组", "会", "网", "司"))
                        + "|行政部门|部门|机关|教科所)$")
_ORGAN_END_IN = re.compile(_ORGAN_END.pattern.rstrip("$"))
_SCHOOLISH = re.compile(rf"(?:{'|'.join(sorted(SCHOOL_SUFFIXES, key=len, reverse=True))}|高校|院校|特教学校|创建校|学校|园|校)$")
_BARE_LEVEL = re.compile(r"^各?(?:省|市|县|区|乡|镇|州|盟|旗|县（区）|县\(区\)|市（州）)$")
_VERB = re.compile(r"(?:要|应当|应|须|必须|需要|需|负责|牵头|统筹|组织|指导|会同|协同|配合|协调|将|把|对|在|于|按照|根据|依法|依照|"
                   r"结合|围绕|定期|及时|认真|切实|积极|加强|加大|做好|抓好|建立|健全|完善|制定|制订|落实|推进|推动|开展|实施|"
                   r"设立|成立|分别|以(?!及)|与|合作|研究|督促|检查|加快|强化|提供|给予|安排|确保|不断|全面|进一步|主动|共同|联合|"
                   r"每年|每学期|适时|履行|牵头|决定(?=[于在将从自]|开展|组织|举办|实施|启动|成立|设立|召开))")
_CLAUSE_PREFIX = re.compile(r"^\s*(?:[0-9０-９]{1,2}\s*[.．、)）]?|[（(][一二三四五六七八九十0-9]{1,3}[）)]|"
                            r"第[一二三四五六七八九十百零〇0-9]+条)?[\s\u3000]*"
                            r"(?:请|由|并|同时|另外|此外|其中)?\s*")
# a unit opening with a verb is a clause, not a name: 充分发挥各业务主管部门, 鼓励行政管理部门
_VERB_OPENING = re.compile(r"^(?:充分|发挥|鼓励|引导|支持|推动|要求|督促|组织|协调|加强|依托|通过|会同|联合|指导|配合|建立|完善|"
                           r"根据|按照|依据|依照|结合|围绕|为了|对于|关于|经过|鉴于|由于|如果|发生|遇到|将|经|按|届时|日常|享受|提高|聚焦|持续|用|"
                           r"须|需|必须|联系|请|向|事先|及时|凡|但|作为|我校)")
# a class of offices named by 相关/有关 (相关起草小组, 相关股室): no specific unit
_RELATED_PART = r"(?:相关|有关)[\u4e00-\u9fff]{0,4}(?:小组|组|股室|处室|科室|部室|职能部门)"
# a school's or a body's generic parts (各支部, 各处室, 各班): no specific unit (corpus/GUIDELINES.md)
_GENERIC_PARTS = re.compile(r"^(?:各|全体|所有)(?:班|年级|年段|校|级)?(?:支部|党支部|团支部|团总支|处室|科室|部室|股室|班|班级|年级|"
                            r"年级组|备课组|教研组|学科组|年管会|年级管委会|教科室|社团|小组|部门|单位|学校|校|级|级部门|各部门|教育集团|集团|成员校|核心校)$"
                            r"|^上级(?:部门|单位|主管部门)?$|^支部$|^" + _RELATED_PART + "$"
                            # every office of an owner (某局各科室, 学校各处室): the owner's offices at large
                            r"|^[\u4e00-\u9fff]{1,6}各(?:股室|处室|科室|部室|部门|单位|科|处|股)$")
_PAST = re.compile(r"了|已经|已于|已将|先后")
_PERMISSION = re.compile(r"可以|可自行|不作要求|自愿")
_JOINTLY = re.compile(r"(?:要|应当|应|须|必须|需要|需|将)?(?:会同|联合|协同)")     # (县教育局人事股要会同…)
# never inside a unit's name: a column label (…工作责任部门), a month opening run-on text (月下旬举行…),
# a verb or modal of the clause around it (有资格直接申请…中心, 要…上报市委, 希望各级干部)
_NOT_IN_NAME = re.compile(r"责任部门|负责部门|责任单位|配合单位|^月|^[0-9０-９]+月|申请|上报|报送|提交|参加|希望|尚未|有意|有资格|"
                          r"要|将|按照|严格|分别|是|烦请|我厅|我局|我校|我院|我委|部署$|举行|组织开展|的机构$")
# an organ word with no place or body before it: 人民政府, 主办
_BARE_ORGAN = re.compile(r"^(?:各级)?(?:人民政府|政府|党委|主办|承办|协办)$")


# 校办等部门 → 校办: the 等 tail of a list is no part of its last name
_ETC = re.compile(r"等(?:有关|相关)?(?:部门|单位|处室|科室|股室)$")
# no unit of its own: the addressee or the issuers named by a pronoun or a count (贵局, 本局, 三部门), a
# class introduced by 各自/各校/相关 (各自活动室, 各校正风肃纪小组, 相关股室)
_NO_UNIT = re.compile(r"^(?:贵|我|本|你|您)(?:局|厅|委|校|院|单位|部|处|办|中心|会|区|县|市)$|^[两二三四五六七八九十多]+(?:个)?(?:部门|单位|家单位)$"
                      r"|^各自|^各校|^" + _RELATED_PART + "$")


def _bare(name: str) -> str:
    """The name without a trailing parenthesis: 中小学（幼儿园） → 中小学."""
    return re.sub(r"[（(][^（）()]*[）)]$", "", name)


def is_organ(name: str) -> bool:
    n = re.sub(r"\s+", "", name)
    if not 2 <= len(n) <= 40 or _VAGUE.search(n) or re.search(r"同志|负责人|领导$|校长(?!室|办)|书记(?!处)|学科$|學科$", n):
        return False
    if n[0] in "我本该此" or _VERB_OPENING.match(n) or _GENERIC_PARTS.match(n):
        return False        # 我厅, 本部门: the issuer speaking of itself, not a named unit
    if _NOT_IN_NAME.search(n) or _BARE_ORGAN.match(n):
        return False
    bare = _bare(n)
    if _SCHOOLISH.search(bare):
        return False
    return bool(_ORGAN_END.search(bare))


_GLUED_OFFICE = re.compile(r"(?<=[处科室股办])(?=各|(?!公)[\u4e00-\u9fff]{1,4}(?:处|科|室|股|办|团委|委|组)$)")


def split_glued(part: str) -> list[str]:
    """A table cell's offices printed without a separator (教学处教科室, 各处室各支部): split where one office
    ends and another begins; a name that would leave a one-character piece stays whole (办公室)."""
    if len(part) > 14:
        return [part]
    for m in _GLUED_OFFICE.finditer(part):
        i = m.start()
        if 2 <= i <= len(part) - 2:
            return [part[:i], *split_glued(part[i:])]
    return [part]


_LONE_CHAR = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff](?:[ \u3000、，,；;]|$))")


# the last character of an organ or an office (局, 处, 中心 …): a separator after it ends a unit
_UNIT_LAST = "局厅部委办府室站门处科股组会心"


def split_units(s: str) -> list[str]:
    """Split a printed list of units at 、，；和及与 outside brackets (各县（市、区）教体局 is one unit); a bare
    level (市、县、区…) shares the next item's head."""
    # a layout space before a name's last character is no separator (团 委, printed to fill a cell)
    s = _LONE_CHAR.sub("", s)
    parts, depth, cur = [], 0, ""
    for i, ch in enumerate(s):
        depth += ch in "（(〔［[【"
        depth -= ch in "）)〕］]】" and depth > 0
        if depth == 0 and (ch in "、，,；;" or ch in "和及与或" and i and s[i - 1] in _UNIT_LAST
                           or ch in " \u3000" and cur and cur[-1] in _UNIT_LAST and s[i + 1:].strip()):
            # 党政办 总务处 信息处: a table cell that lists its offices with spaces
            parts.append(cur)
            cur = ""
        elif depth == 0 and ch == "以" and s.startswith("以及", i) and i and s[i - 1] in _UNIT_LAST:
            parts.append(cur)       # 教务处以及区教研室: 以及 separates like 及
            cur = ""
        elif cur == "" and ch == "及" and i and s[i - 1] == "以" and parts:
            continue
        else:
            cur += ch
    parts = [p.strip() for p in parts + [cur] if p.strip()]
    out: list[str] = []
    carry = ""
    for p in parts:
        if _BARE_LEVEL.fullmatch(p):
            carry += p + "、"
            continue
        out.append(carry + p)
        carry = ""
    if carry:
        out.append(carry.rstrip("、"))
    return out


_ALIAS_NOTE = re.compile(r"[（(](?:以下)?简称[^（）()]{1,16}[）)]")


def _units(s: str) -> list[str]:
    # (a defined short form printed after a unit is no part of it: 市发展和改革委员会（以下简称市发改委）)
    return [u for u in split_units(_ALIAS_NOTE.sub("", s)) if is_organ(u)]


def _task_heading(doc: Document, pos: int) -> str | None:
    """The heading of the innermost numbered section holding ``pos``."""
    best = None
    for s in doc.sections:
        if s.number and s.start <= pos < s.end and (best is None or s.start >= best.start):
            best = s
    return best.heading if best else None


def _item(task, units, lead, start, end) -> dict:
    # the 等 tail of a list is no part of its last name; a pronoun or a count names no unit (see _NO_UNIT)
    units = [u for u in (_ETC.sub("", u) for u in units) if u and not _NO_UNIT.search(u)]
    lead = _ETC.sub("", lead) if lead else lead
    return {"task": (task or "").strip()[:120], "units": units, "lead_unit": lead if lead in units else None,
            "start": start, "end": end}


def _notes(doc: Document) -> tuple[list[dict], list[tuple[int, int]]]:
    text = doc.text
    out, spans = [], []
    first_leads = False
    list_rule = _LIST_RULE.search(text)
    for m in _NOTE.finditer(text):
        # 责任单位：X牵头，Y、Z按职责分工负责 — the note names its lead and the others after it
        led = _NOTE_LED.match(m.group("units"))
        if led:
            leads = _units(led.group("lead"))
            units = leads + [u for u in _units(_OTHERS_TAIL.sub("", led.group("rest"))) if u not in leads]
        else:
            leads, units = [], _units(m.group("units"))
        if not units:
            continue
        if m.group("rule") and _RULE_FIRST.search(m.group("rule")) or list_rule and list_rule.start() < m.start():
            first_leads = True        # 下同: the rule holds for every later note
        end = m.end()
        assist = _ASSIST_LINE.match(text, m.end()) if not m.group("rule") else None
        if assist:
            units += [u for u in _units(assist.group("others")) if u not in units]
            end = assist.end()
        lead = leads[0] if leads else units[0] if first_leads or len(units) == 1 else None
        out.append(_item(_task_heading(doc, m.start()), units, lead, m.start(), end))
        spans.append((m.start(), end))
    for m in _LEAD_NOTE.finditer(text):
        leads = _units(m.group("lead"))
        units = leads + [u for u in _units(m.group("others") or "") if u not in leads]
        if units:
            out.append(_item(_task_heading(doc, m.start()), units, leads[0] if leads else None, m.start(), m.end()))
            spans.append((m.start(), m.end()))
    for m in _PAREN_NOTE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        body = m.group("body")
        led = re.match(r"(?P<lead>[^，,]+?)牵头(?:负责)?(?:[，,](?P<rest>.*))?$", body)
        if led:
            leads = _units(led.group("lead"))
            rest = re.sub(r"(?:按职责分工)?(?:负责|配合|参与)$", "", led.group("rest") or "")
            units = leads + [u for u in _units(rest) if u not in leads]
            lead = leads[0] if leads else None
        else:
            units = _units(re.sub(r"(?:按职责分工)?(?:负责|配合)[^、]*$", "", body))
            lead = units[0] if len(units) == 1 else None
        if not units:
            continue
        out.append(_item(_task_heading(doc, m.start()), units, lead, m.start(), m.end()))
        spans.append((m.start(), m.end()))
    return out, spans


def _clauses(doc: Document, masked: list[tuple[int, int]]) -> list[dict]:
    text = doc.text
    start_of_body = body_start(doc)
    sig = doc.info.get("signature_span")
    skip = masked + [(t.start, t.end) for t in doc.tables] + ([tuple(sig)] if sig else [])
    out: list[dict] = []
    for sm in re.finditer(r"[^。；;！？\n]+", text):
        if sm.start() < start_of_body:
            continue
        sentence = sm.group()
        if _PAST.search(sentence):
            continue
        found: list[dict] = []
        for cm in re.finditer(r"[^，,：:]+", sentence):
            c_start = sm.start() + cm.start()
            if any(a <= c_start < b for a, b in skip):
                continue
            clause = cm.group()
            pre = _CLAUSE_PREFIX.match(clause)
            offset = pre.end()
            body = clause[offset:]
            hit = _subject(body)
            if not hit:
                continue
            units, verb_at = hit
            # A会同B、C…: the partners named after 会同/联合 share the task, and no one leads it
            jm = _JOINTLY.match(body, verb_at)
            partners = []
            if jm:
                # the partners end before the next verb, or with the clause (人事股要会同县人社局，落实…)
                ends = [vm2.start() for vm2 in _VERB.finditer(body, jm.end() + 2)] + [len(body)]
                for end in ends:
                    parts = split_units(body[jm.end():end])
                    # the partners named by name; people or classes listed with them (值周班) are no units
                    if parts and is_organ(parts[0]) and all(is_organ(u) or _VAGUE.search(u) or len(u) <= 4 for u in parts):
                        partners = [u for u in parts if is_organ(u) and u not in units]
                        break
            lead = None if partners or len(units) > 1 else units[0]
            if _PERMISSION.search(body, verb_at, verb_at + 30):
                continue        # 可以查看, 可自行规定: a permission, not a task
            if found:
                # a later clause with its own organ subject (…，总务处负责场地和器材): a proposal the model
                # decides; the sentence's first organ subject stays the rule's item, its task ending here
                prev = found[-1]
                prev["end"] = c_start
                prev["task"] = text[prev["_verb"]:c_start].rstrip("，,：: ").strip()[:120]
            item = _item(body[verb_at:] + sentence[cm.end():], units + partners, lead, c_start + offset, sm.end())
            item["_verb"] = c_start + offset + verb_at
            if found:
                item["_kind"] = "next_subject"
            found.append(item)
        for x in found:
            del x["_verb"]
        out += found
    return out


# a short form defined after the subject (某某办公室（以下简称“某办”）决定…): no part of the unit
_ALIAS_NOTE = re.compile(r"[（(](?:以下)?简称[“\"‘「]?[^（）()]{1,20}?[”\"’」]?[）)]$")


def _subject(clause: str) -> tuple[list[str], int] | None:
    """Organs opening a clause, directly followed by a verb: (units, where the verb starts)."""
    if not _ORGAN_END_IN.search(clause, 0, 62):
        return None           # most clauses name no organ near their start: skip them cheaply
    for vm in _VERB.finditer(clause, 2, 62):
        p = vm.start()
        parts = split_units(_ALIAS_NOTE.sub("", clause[:p]))
        if not parts or not all(is_organ(u) or _SCHOOLISH.search(_bare(u)) or _VAGUE.search(u) for u in parts):
            continue
        units = [u for u in parts if is_organ(u)]
        if units:
            return units, p
    return None


# a lead note that ends its line with no task after it: （由X牵头指导） over the pair lines it announces
_LEAD_ONLY = re.compile(LEAD_VERB + r"[）)]?[ \t\u3000]*[:：]?[ \t\u3000]*(?:\n|$)")


def _pairs_lead_note(doc: Document, item: dict, pair_leads: set[str]) -> bool:
    """Whether an item is only the lead note of the pairs under it (GUIDELINES: it gives those pairs their
    lead, not a duty): one unit, a lead of the document's pairings, and nothing after 牵头 on its line."""
    if len(item["units"]) != 1 or item["units"][0] not in pair_leads:
        return False
    text = doc.text
    at = text.find(item["units"][0], item["start"])
    line_end = text.find("\n", item["start"])
    if at < 0 or (line_end != -1 and at > line_end):
        return False
    return bool(_LEAD_ONLY.match(text, at + len(item["units"][0])))


# a duty word in the clause: with one, a 可以 beside it does not make the clause a permission
_DUTY_WORD = re.compile(r"负责|牵头|要|须|应|务必|做好|落实|组织")
# (自愿 qualifies the others: X组织学校自愿申报 is X's task)
_MAY = re.compile(r"可以|可自行")


def _permission_only(doc: Document, item: dict) -> bool:
    """X在页面“查看完成情况”，可以分别查看…: the clause grants a possibility and asks nothing."""
    text = doc.text
    clause = text[item["start"]:sentence_end(text, item["start"], "。\n")]
    return bool(_MAY.search(clause)) and not _DUTY_WORD.search(clause)


def responsibilities(doc: Document) -> list[dict]:
    pair_leads = {p["lead"] for p in doc.relations.get("pairings", []) if p.get("lead")}
    return [x for x in _all_responsibilities(doc) if x["units"] and not _pairs_lead_note(doc, x, pair_leads)
            and not _permission_only(doc, x)]


def _all_responsibilities(doc: Document) -> list[dict]:
    notes, spans = _notes(doc)
    if is_descriptive(doc):
        # a report's clauses tell what was done; only its explicit notes and the part that plans ahead
        # (下一步打算) assign tasks
        fwd = forward_spans(doc)
        if not fwd:
            return notes
        keep = {id(x) for x in notes}
        return [x for x in _responsibilities(doc, notes, spans) if id(x) in keep or within(fwd, x["start"])]
    return _responsibilities(doc, notes, spans)


def _responsibilities(doc: Document, notes: list[dict], spans: list[tuple[int, int]]) -> list[dict]:
    led = []
    for m in _LED_BY.finditer(doc.text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        leads = _units(m.group("lead") or m.group("lead2") or m.group("lead3"))
        if not leads:
            continue
        others = m.group("others") if m.group("lead") else m.group("others2") if m.group("lead2") else m.group("others3")
        units = leads + [u for u in _units(others or "") if u not in leads]
        end = doc.text.find("。", m.end())
        end = end + 1 if end != -1 else m.end()
        led.append(_item(doc.text[m.end():end], units, leads[0], m.start(), end))
        # (only the match is masked: a later clause of the sentence may name a unit of its own,
        # 由校长室直接领导，各处室协调配合，总务处负责场地)
        spans.append((m.start(), m.end()))
    items = notes + led + _clauses(doc, spans)
    # (a 由X牵头 item masks its match only: spans has it; the rest of its sentence may name other units)
    led_ids = {id(x) for x in led}
    rule_spans = spans + [(x["start"], x["end"]) for x in items if id(x) not in led_ids]
    items += _proposals(doc, rule_spans)
    names = sorted({sp.normalized for sp in doc.entities if sp.label in ("ORG", "SCHOOL")}, key=len, reverse=True)
    for x in items:
        units = list(dict.fromkeys(_trim_unit(u, names) for u in x["units"]))
        if units != x["units"]:
            if x["lead_unit"] in x["units"]:
                x["lead_unit"] = _trim_unit(x["lead_unit"], names)
            x["units"] = units
    items.sort(key=lambda x: x["start"])
    return items


# what run-on text before a name looks like: a number or list mark, a date or period, a preposition or
# verb the clause opened with (寒假期间市教育局, 二各州市教育局, 竞赛经费由省教育厅, 完成对3个县人民政府)
_RUN_ON = re.compile(r"[0-9０-９]|^[一二三四五六七八九十]+$|[由在对将把被从向于及和与的等]|期间|[年月日周]|单位|参加|开展|完成|"
                     r"组织|负责|牵头|配合|突出|左右")


_OPENS_UNIT = re.compile(r".*(?:由|向|对|在|参加|开展|完成|期间)|^[0-9０-９]+")


def _trim_unit(unit: str, names: list[str]) -> str:
    """A unit that ends with a decided name after run-on text is that name; else a unit after the last
    preposition or verb of the run-on text (各县的报名人选由各县委组织部 → 各县委组织部); else it is kept."""
    if unit in names:
        return unit
    bm = re.search(r"[（(](?P<inner>[^（）()]{2,40})[）)]$", unit)
    if bm and is_organ(unit[:bm.start()]) and _ORGAN_END_IN.search(bm.group("inner")):
        return unit[:bm.start()]    # 各区教研室（各校教务处）: the units in brackets are others
    for n in names:         # longest first
        if len(n) >= 2 and len(n) < len(unit) and unit.endswith(n) and _RUN_ON.search(unit[:-len(n)]):
            return n
    m = _OPENS_UNIT.match(unit)
    if m and m.end() < len(unit) and is_organ(unit[m.end():]):
        return unit[m.end():]
    return unit


# ------------------------------------------------------------------------------ proposals for the model
# Wider shapes than the rules above accept. They are emitted as candidates (``_kind``); the trained
# responsibility scorer decides which are kept (in rules-only mode they are dropped).

# used with .match(text, pos): no ^ (it would only match at the start of the text)
_DUTY_VERB = re.compile(r"\s*(?:具体|全面|主要|统一|共同|分别|各|要|应|须)?(?:负责|牵头|组织|做好|抓好|落实|承担|统筹|协调|指导|"
                        # a body sending people or giving means: 某医院派医生到校…, 某公司捐赠…, 某大学选派专家…
                        r"选派|派出|派|捐赠|资助|编写|制定|召开|"
                        r"督促|开展|实施|完成|安排|准备|布置|提供|保障|配合|协助|要|应|将|须|考核|汇总|检查|审核|培训|公布|"
                        r"收集|统计|评分|计分|负責|負責|牽頭|組織|統籌|協調)")
_BY_UNIT = re.compile(r"由(?P<units>[^，,。；;由]{2,60}?)(?:具体|统一|共同|全面)?(?:负责|组织|承办|实施|牵头)"
                      # the verb a few words on: 由各区、县（市）教育局严格按照选拔条件…推荐
                      r"|由(?P<units2>[^，,。；;由]{2,40}?(?:局|厅|委|办|院|中心|小组|处|科|室|组|会|部))(?=(?P<gap>[^，,。；;由]{0,16}?)"
                      r"(?:推荐|审核|评审|汇总|报送|确定|公布|发文|组织|负责|实施|开展|承办|统筹|审定|认定|培训|考核|检查|"
                      r"计分|评分|收集|统计))")
_IS_RESPONSIBLE = re.compile(r"(?P<units>[^，,。；;\n]{2,60}?)为(?P<task>[^。；;\n]{1,60}?)的?(?:责任单位|责任部门|牵头单位|主责单位)")
_REQUEST = re.compile(r"请(?P<units>[^，,。；;\n请]{2,80}?)(?:等(?:单位|部门|学校|处室))?(?:做好|负责|协助|配合|抓好|落实|按时|及时|于)")
_PEOPLE_TAIL = re.compile(r"(?:干部|干事|成员|同学|学生|老师|教师|党员|家长|代表|志愿者)$")
# (unless the unit acts on them: 请某局通知本县学校代表…, 请某组组织学生…)
_ACTS_ON_PEOPLE = re.compile(r"通知|组织|安排|督促|指导|带领|选派|推荐|动员|召集|落实")
_BODY = r"(?:部门|单位|处室|股室|科室|机构)"
_UNIT_COLUMN = re.compile(rf"(?:负责|责任|承办|牵头|配合|协办|参与){_BODY}|负责人|责任人")
# a 配合 column beside a 负责 column: the 负责 cell leads (由X负责，Y配合 reads like 由X牵头，Y配合)
_ASSIST_COLUMN = re.compile(r"配合|协办|协助")
_CHARGE_COLUMN = re.compile(rf"(?:负责|责任){_BODY}")
_LEAD_COLUMN = re.compile(rf"牵头{_BODY}")
_OFFICE_END = re.compile(r"(?:处|科|股|室|办|组|会|部|委|中心|团委)$")
_UNIT_COLON = re.compile(r"(?m)^[ \t\u3000]*(?:[0-9０-９]{1,2}\s*[.．、)）]|[（(][一二三四五六七八九十0-9]{1,3}[）)])?[ \t\u3000]*"
                         r"(?P<units>[^，,。；;：:\n\t（(]{2,40}?)[：:][ \t\u3000]*(?=[^\s0-9])")
# a task line that names its units at its end: 10.主席台布置（桌椅、桌布）：后勤处 | 4.校园环境整治…。（总务处）
_TASK_COLON_UNITS = re.compile(r"(?m)^[ \t\u3000]*(?:[0-9０-９]{1,2}\s*[.．、)）]|[（(][一二三四五六七八九十0-9]{1,3}[）)])[ \t\u3000]*"
                               # (a clock's colon, 17:00, is no label's)
                               r"[^：:\n]{2,60}(?<![0-9０-９])[：:][ \t\u3000]*(?P<units>[^：:\n。；;]{2,60}?)[。；;]?[ \t\u3000]*$")
_TRAILING_UNITS = re.compile(r"(?m)[（(](?P<units>[^（）()\n：:]{2,40})[）)][。；;]?[ \t\u3000]*$")
_ROLE_LABEL = re.compile(r"(?:主办|承办|协办|联系|地点|地址|电话|邮箱|时间|对象|报送|送交|交至|部门|单位|方式)\s*[：:]")
_CONTACT_REST = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff]{2,4}(?:老师)?[ \t\u3000，,]*(?:电话|手机|[（(]?[0-9]{3,})")
def _office_like(u: str) -> bool:
    """A short name with an office ending (体育组, 年管会): a unit in a school's task lines."""
    return bool(_OFFICE_END.search(u)) and len(u) <= 12


_PERSON_LIKE = re.compile(r"^[\u4e00-\u9fff]{2,3}$|^[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2}$")
_UNIT_LINE = re.compile(r"(?:负责部门|责任部门|负责单位|牵头部门|牵头单位)\s*[:：]\s*(?P<units>[^。；;\n〕）)]{2,80})")


def _named(doc: Document) -> tuple[list[int], list]:
    ents = sorted((sp for sp in doc.entities if sp.label in ("ORG", "SCHOOL")), key=lambda sp: sp.start)
    return [sp.start for sp in ents], ents


def _entity_units(named: tuple[list[int], list], s: str, base: int) -> list[str]:
    """The named units in ``s`` (at offset ``base`` of the text): decided ORG/SCHOOL entities, else organs."""
    starts, ents = named
    lo, hi = bisect.bisect_left(starts, base), bisect.bisect_left(starts, base + len(s))
    names = [sp.normalized for sp in ents[lo:hi] if sp.end <= base + len(s)]
    if not names:
        return [u for u in split_units(s) if is_organ(u)]
    # a printed list (由德育处、教学处具体负责) keeps each part that is an organ by itself, even where only
    # some parts were decided as names
    parts = split_units(s)
    if len(parts) > 1 and all(is_organ(u) or any(n in u for n in names) for u in parts):
        out = []
        for u in parts:
            inside = [n for n in names if n in u]
            out.append(u if is_organ(u) and (not inside or len(u) <= max(map(len, inside)) + 4) else
                       max(inside, key=len) if inside else u)
        return list(dict.fromkeys(out))
    return list(dict.fromkeys(names))


# proposals read from a line's layout (a unit after a colon, in brackets at the end): a phone number on the
# line makes it a contact line
_LINE_KINDS = frozenset({"unit_colon", "task_colon", "trailing_units"})
_PHONE_IN_LINE = re.compile(r"(?<![0-9])(?:[0-9]{3,4}[-－—]?)?[0-9]{7,8}(?![0-9])|1[3-9][0-9]{9}")
_SEATED = re.compile(r"(?:下)?设在[^，,。；;\n]{2,30}[，,](?:[^，,。；;\n]{0,30}[，,])?")


def _proposals(doc: Document, spans: list[tuple[int, int]]) -> list[dict]:
    text = doc.text
    out: list[dict] = []
    taken = list(spans)
    named = _named(doc)

    def add(units, start, end, kind, lead=None):
        # (a unit whose brackets do not close is a cut name: 某某学院（某某中心)
        if any(u.count("（") + u.count("(") != u.count("）") + u.count(")") for u in units):
            return
        if kind in _LINE_KINDS and _PHONE_IN_LINE.search(text, start, end):
            return      # 联系人：某某 85221561（教师工作处）, 某中心：周  海，电话：… — a contact line, not a task
        if units and not any(a <= start < b for a, b in taken):
            item = _item(_task_heading(doc, start) or text[start:end], units, lead or (units[0] if len(units) == 1 else None),
                         start, end)
            item["_kind"] = kind
            out.append(item)

    for pat, kind in ((_BY_UNIT, "by_unit"), (_IS_RESPONSIBLE, "is_responsible"), (_REQUEST, "request"),
                      (_UNIT_LINE, "unit_line")):
        for m in pat.finditer(text):
            g = "units" if m.group("units") is not None or "units2" not in pat.groupindex else "units2"
            if kind == "request" and _PEOPLE_TAIL.search(m.group(g)) and not _ACTS_ON_PEOPLE.search(m.group(g)):
                continue        # 请团学联新一届主要学生干部于…: the request goes to a unit's people
            units = _entity_units(named, m.group(g), m.start(g))
            if g == "units2" and m.group("gap"):
                # the shortest organ ending may cut a decided name (由某市教育科|学规划领导小组发文): a
                # name running on into the gap before the verb is the unit
                lo = bisect.bisect_left(named[0], m.start(g))
                wide = [sp for sp in named[1][lo:lo + 8] if sp.start < m.end(g) < sp.end <= m.end("gap")]
                if wide:
                    units = _entity_units(named, text[m.start(g):wide[0].end], m.start(g))
            end = text.find("。", m.end())
            add(units, m.start(), end + 1 if end != -1 else m.end(), kind)
    # a list line of a 工作分工: the unit, a colon, its tasks (3．教学处：对…落实内容、明确要求…)
    for m in _UNIT_COLON.finditer(text):
        if _CONTACT_REST.match(text, m.end()):
            continue            # 信息处：张某  88123456 — a contact line, not a task
        units = _entity_units(named, m.group("units"), m.start("units"))
        if units and len(units) <= 4:
            end = text.find("\n", m.end())
            add(units, m.start("units"), end if end != -1 else len(text), "unit_colon")
    # units printed at the end of a task line, after a colon among people or alone in brackets: only
    # parts that are all units or people's names, at least one unit
    for pat, kind in ((_TASK_COLON_UNITS, "task_colon"), (_TRAILING_UNITS, "trailing_units")):
        for m in pat.finditer(text):
            if kind == "task_colon" and _ROLE_LABEL.search(text, m.start(), m.start("units")):
                continue        # 主办部门：教科室, 联系电话：…, 报送地点：… — a role or a label, not a task
            parts = split_units(m.group("units"))
            if kind == "trailing_units" and not all(is_organ(u) or _office_like(u) for u in parts):
                continue        # brackets of units only (a note with 牵头/配合 is read by the rules above)
            units = [_bare(u) for u in parts if is_organ(u) or _office_like(u) and not _PERSON_LIKE.match(u)]
            units = [u for u in units if not _GENERIC_PARTS.match(u) and not _VAGUE.search(u)]
            if not units or len(units) > 6 or len(units) < len(parts) and not all(
                    u in units or _PERSON_LIKE.match(u) or _bare(u) in units for u in parts):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            add(list(dict.fromkeys(units)), line_start, m.end(), kind)
    # a clause opened by a decided entity and a duty verb: 德育处负责…, 县教育局基础教育股负责…
    for sp in doc.entities:
        if sp.label not in ("ORG", "SCHOOL"):
            continue
        before = text[max(0, sp.start - 12):sp.start]
        # (after a list comma the entity is the last of a list: 由德育处、教学处负责 is one item, not two)
        if not re.search(r"(?:^|[\n。；;，,：:）)]|[0-9０-９一二三四五六七八九十][、.．)）])\s*(?:由|请|并)?\s*$", before):
            continue
        if _DUTY_VERB.match(text, sp.end):
            end = sentence_end(text, sp.end)
            add([sp.normalized], sp.start, end, "entity_subject")
            continue
        # 领导小组办公室设在某股，（某某兼任主任，）负责日常工作: the office is the subject of the 负责 clause
        seat = _SEATED.match(text, sp.end) if sp.label == "ORG" else None
        if seat and _DUTY_VERB.match(text, seat.end()):
            add([sp.normalized], sp.start, sentence_end(text, seat.end()), "office_seat")
    # a table with a 负责部门 column, or 牵头单位 and 配合单位 columns: one item per row, the 牵头 cell leading
    for t in doc.tables:
        roles = column_roles(t.columns)
        if "supporter" in roles and "recipient" in roles:
            continue      # a pairing table: its 牵头单位 column gives the pairs' lead, not duties (GUIDELINES)
        lead_cols = [i for i, c in enumerate(t.columns) if _LEAD_COLUMN.search(c or "")]
        if not lead_cols and any(_ASSIST_COLUMN.search(c or "") for c in t.columns):
            lead_cols = [i for i, c in enumerate(t.columns) if _CHARGE_COLUMN.search(c or "")][:1]
        cols = lead_cols + [i for i, c in enumerate(t.columns) if i not in lead_cols and _UNIT_COLUMN.search(c or "")]
        if not cols:
            continue
        for r in t.rows:
            units, lead, lead_seen = [], None, False
            for i in cols:
                if i < len(r.cells) and r.cells[i].values:
                    got = []
                    for x in r.cells[i].values:
                        # a cell is a list of units: its own separators give the boundaries, the decided
                        # names only where a part is no unit by itself (各县（市、特区、区）教育局 stays whole)
                        at = x.start
                        for part in (q for p in split_units(x.text) for q in split_glued(p)):
                            k = doc.text.find(part, at)
                            at = k + len(part) if k >= 0 else at
                            if len(part) <= 24 and (is_organ(part) or _OFFICE_END.search(part)) \
                                    and not any(w in part for w in ROLE_WORDS):
                                got.append(_bare(part))     # 德育处（某某）: the person in brackets is no part
                            elif k >= 0:
                                got += _entity_units(named, part, k)
                    got = [u for u in got if not _GENERIC_PARTS.match(u) and not _VAGUE.search(u)]
                    if i in lead_cols and got and not lead_seen:
                        lead_seen = True
                        lead = got[0] if len(got) == 1 else None    # two units in the lead cell: no one leads
                    units += got
            units = list(dict.fromkeys(units))
            # the row's own cells are its evidence: a merged cell (a date printed once for several rows)
            # starts in an earlier row, and the span would cover that row's units too
            own = [v for c in r.cells if not c.merged for v in c.values]
            start = min((v.start for v in own), default=r.start)
            end = max((v.end for v in own), default=r.end)
            add(units, start, end, "table", lead)
    return out
