"""Goals and targets: what the programme must reach, by when, and how much.

A goal is a stretch of a sentence that sets a target year (``到2026年``, ``力争到2023年``,
``至2025年``, ``2016年计划…``), or that holds a bounded quantity to reach (``不少于10门精品课程``,
``20节以上``, ``达到57%``). A sentence with two target years gives two goals. A sentence with no year
of its own takes the year of an earlier goal sentence of the same paragraph.

Targets are the quantities of the goal: ``{value, unit, object}``. The unit is the classifier as
printed (名, 门, 个, %). A range gives its lower bound (``2－3名`` → 2). A value after its noun counts
too (``建成校本资源库4个``). These are not targets: vague amounts (一批), quotas of a recurring task
(``每学期至少2次``, ``每学期选派2－3名``), and past results. An experience report or a compilation
(汇编, 总结 …) describes work done, and its plans are history: it yields no goals.
"""
from __future__ import annotations

import re

from ...core.document import Document
from ...rules.lexicon import PER_UNIT_WORDS
from .base import body_start, forward_spans, in_signature, is_descriptive, sentence_start, within

_YEAR = r"(?P<y>(?:19|20)\d{2})\s*年(?:底|末|前)?"
_CUE_BEFORE = re.compile(rf"(?<![年至到\d])(?P<cue>力争到|力争在|力争|争取到|争取在|计划到|计划在|预计到|预计在|预计|到|至){_YEAR}"
                         r"(?!以来|至今|起|开始|版)")
_CUE_AFTER = re.compile(rf"(?<![至到\d－\-]){_YEAR}(?P<cue>计划|预计|力争|争取|要|将)")
# (at a sentence's or a clause's start: finditer from a sentence's offset never matches ^ there)
_OPENING_YEAR = re.compile(rf"(?<![^\n，,。；;！？])\s*{_YEAR}(?![以来至今起]|[—\-－至到])")
_BOUND = re.compile(r"不少于|不低于|至少|达到|以上|力争")
_BROKEN_YEAR = re.compile(r"(?:力争到|到|至)(?:20\d|2\d{3,})\s*年(?=[，,\s]|$)")   # OCR-damaged: 到202年
_PER_PERIOD = re.compile(r"每(?:学期|学年|年度?|季度|月|周|天|日|次|节)")
_PER_UNIT = re.compile("每(?:" + "|".join(PER_UNIT_WORDS + ("项",)) + ")")    # (每项 too: a quota per item)
_CONDITION = re.compile(r"满\s*$|(?:修|累计|须|需)满")
_CONDITION_AFTER = re.compile(r"[^，,。；;]{0,8}?(?:方可|方能|才能|即可|无需|可免)")
_GOAL_VERB = re.compile(r"培育|培养|建成|建设|打造|形成|评选|创建|引领带动")
_VAGUE_CLASSIFIERS = {"批"}
# a sentence with no year and no bound that builds or adds a counted thing: 新增学位1800个 (a proposal: the
# target scorer decides, and without it the rules do not emit it)
# (also the totals of a selection or a training: 评出一等奖10个, 评选特色学校20所, 培训骨干教师200名)
_BUILD_VERB = re.compile(r"新增|新建|改扩建|建成|建设|培育|培养|打造|创建|配备|配齐|增加|招聘|补充|遴选|认定|"
                         r"培训|评出|评选|评定|表彰|推出|征集|组建")
# a decimal bound without a classifier: 差异系数分别不高于0.50和0.45
_DECIMAL_BOUND = re.compile(r"(?:不高于|不低于|不超过|低于|高于|控制在|保持在|小于|大于)\s*(?P<a>\d+\.\d+)"
                            r"(?:\s*(?:和|、|与|及)\s*(?P<b>\d+\.\d+))?(?![\d.%％])")
_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*[%％]")
_BARE_COUNT = re.compile(r"(?P<obj>[\u4e00-\u9fff]{2,12}?)(?P<num>(?<![\d.+＋])[1-9]\d{1,4})(?![\d.%％+＋年月日号个名所门节项次间套人位家台批支件条份处万元岁周分])"
                         r"(?=[\u4e00-\u9fff，,、。；;]|$)")
_OBJECT_BEFORE = re.compile(r"(?:建成|建设|形成|培育出?|培养出?|打造|评选出?|配备|达到|完成|新增|新建|保持在|控制在)?"
                            r"(?P<obj>[\u4e00-\u9fff“”]{2,14}?)$")


_RATE_BEFORE = re.compile(r"(?P<obj>[\u4e00-\u9fff]{2,20}?)(?:[\u4e00-\u9fff0-9]{0,12}基础上)?(?:平均|总体|累计)?"
                          r"(?:提高|提升|降低|下降|增加|减少|增长)$")


def _clause_start(text: str, start: int, pos: int, seps: str = "，,；;") -> int:
    """Where the clause holding ``pos`` opens: after the last separator between ``start`` and ``pos``."""
    return max(start, max(text.rfind(c, start, pos) for c in seps) + 1)


def _targets(doc: Document, start: int, end: int, bare: bool = True) -> list[dict]:
    text = doc.text
    out = []
    money = [m for m in doc.entities if m.label == "MONEY"]
    for sp in doc.entities:
        if sp.label != "QUANTITY" or not start <= sp.start < end:
            continue
        n = sp.normalized or {}
        if n.get("classifier") in _VAGUE_CLASSIFIERS or sp.text.startswith("一") or any(
                m.start <= sp.start < m.end for m in money) or text.count("“", start, sp.start) > text.count("”", start, sp.start):
            continue        # 一台 (an article), 1500万元 (money), “三支一扶” (a name in quotes)
        if n.get("classifier") == "次" or _PER_PERIOD.search(text, sentence_start(text, sp.start), sp.start):
            continue        # a frequency or a quota of a recurring task
        if _PER_UNIT.search(text, _clause_start(text, start, sp.start, "，,；;。"), sp.start):
            continue        # 每所学校至少配备1名, 每个评选项目分别设一等奖5个: a quota per unit (GUIDELINES, tenth round)
        if _CONDITION.search(text, max(start, sp.start - 3), sp.start) or _CONDITION_AFTER.match(text, sp.end):
            continue        # an eligibility condition: 修满96学分, 满20人方可成团 (corpus/GUIDELINES.md)
        value = n.get("value")
        rng = re.search(r"(\d+)\s*[－\-~～至到]\s*$", text[max(start, sp.start - 4):sp.start])
        if rng:
            value = int(rng.group(1))
        obj, unit = n.get("object"), n.get("classifier")
        if obj == "百分点" and unit == "个":
            # 上线率提高5个百分点: the unit is 个百分点, the object the rate the clause opens with
            unit = "个百分点"
            obj_m = _RATE_BEFORE.search(text[_clause_start(text, start, sp.start):sp.start])
            obj = obj_m.group("obj") if obj_m else None
        if not obj:
            m = _OBJECT_BEFORE.search(re.split(r"[，,；;、]", text[max(start, sp.start - 16):sp.start])[-1])
            obj = m.group("obj") if m else None
        out.append({"value": value, "unit": unit, "object": obj})
    for m in _PERCENT.finditer(text, start, end):
        before = text[_clause_start(text, start, m.start()):m.start()]
        if _PER_UNIT.search(before):
            continue        # 每班…参与人数不少于班级50%: a share required of each unit, not one to reach
        obj_m = re.search(r"([\u4e00-\u9fff]{2,20}?)(?:保持在|控制在|达到|提高到|提升到|不低于|不少于|超过)?$", before)
        out.append({"value": float(m.group("num")) if "." in m.group("num") else int(m.group("num")), "unit": "%",
                    "object": obj_m.group(1) if obj_m else None})
    taken = [(sp.start, sp.end) for sp in doc.entities if sp.start < end and sp.end > start]
    for m in _DECIMAL_BOUND.finditer(text, start, end):
        for g in ("a", "b"):
            if m.group(g) and not any(a <= m.start(g) < b for a, b in taken):
                obj_m = re.search(r"([\u4e00-\u9fff]{2,12}?)(?:分别|均)?$", text[max(start, m.start() - 14):m.start()])
                out.append({"value": float(m.group(g)), "unit": None, "object": obj_m.group(1) if obj_m else None})
    if not bare:
        return out
    # a count whose classifier the source dropped: 名师和名班主任100引领… (garbled or OCR text)
    taken = [(sp.start, sp.end) for sp in doc.entities if sp.start < end and sp.end > start]
    for m in _BARE_COUNT.finditer(text, start, end):
        if any(a <= m.start("num") < b for a, b in taken) or _PER_PERIOD.search(text, sentence_start(text, m.start()),
                                                                                  m.start()):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue        # a year printed without 年 (2026届, 2025—2026): not an amount
        out.append({"value": int(m.group("num")), "unit": None, "object": m.group("obj")})
    return out


def _bounded(doc: Document, start: int, end: int) -> bool:
    return bool(_BOUND.search(doc.text, start, end)) and bool(_targets(doc, start, end, bare=False))


def goals(doc: Document) -> list[dict]:
    if is_descriptive(doc):
        # a report sets no goals, except in the part that plans ahead (下一步打算)
        fwd = forward_spans(doc)
        return [g for g in _goals(doc) if within(fwd, g["start"])] if fwd else []
    return _goals(doc)


def _goals(doc: Document) -> list[dict]:
    text = doc.text
    start_of_body = body_start(doc)
    tables = [(t.start, t.end) for t in doc.tables]
    out: list[dict] = []
    paragraph_year: dict[int, int] = {}
    for sm in re.finditer(r"[^。；;！？\n]+[。；;！？]?", text):
        s, e = sm.start(), sm.end()
        if s < start_of_body or in_signature(doc, s) or any(a <= s < b for a, b in tables):
            continue
        para = text.rfind("\n", 0, s)
        cues = [(m.start(), int(m.group("y")), m.group("cue")) for m in _CUE_BEFORE.finditer(text, s, e)]
        cues += [(m.start(), int(m.group("y")), m.group("cue")) for m in _CUE_AFTER.finditer(text, s, e)]
        if not cues:
            # a clause opening with a bare year and holding a bounded target: …，2025年X占比达到57%
            for om in _OPENING_YEAR.finditer(text, s, e):
                if _bounded(doc, om.start(), e):
                    cues = [(om.start(), int(om.group("y")), "")]
                    break
        if not cues and _BROKEN_YEAR.search(text, s, e) and _targets(doc, s, e, bare=False):
            bm = _BROKEN_YEAR.search(text, s, e)
            cues = [(bm.start(), None, "")]
            doc.warn(f"the target year {bm.group()!r} is damaged in the source; the goal has no year")
        cues.sort()
        # drop a second cue of the same year right after the first (2016年计划…，预计在2016年底…)
        if cues:
            segments = []
            for i, (pos, year, _) in enumerate(cues):
                # a goal starts at the clause holding its year: "…，到2026年，培养出…"
                seg_start = max(s, max(text.rfind(c, s, pos) for c in "，,") + 1)
                seg_end = cues[i + 1][0] if i + 1 < len(cues) else e
                segments.append((seg_start, seg_end, year))
            for seg_start, seg_end, year in segments:
                out.append(_goal(doc, seg_start, seg_end, year))
            if cues[-1][1]:
                paragraph_year[para] = cues[-1][1]
        elif (_bounded(doc, s, e) or (
                para in paragraph_year and _GOAL_VERB.search(text, s, e) and _targets(doc, s, e, bare=False))):
            # no year of its own: a bounded target, or more targets of the paragraph's goal year
            out.append(_goal(doc, s, e, paragraph_year.get(para)))
        elif _BUILD_VERB.search(text, s, e) and _targets(doc, s, e, bare=False):
            g = _goal(doc, s, e, None)
            g["_kind"] = "build"
            out.append(g)
    return out


def _goal(doc: Document, start: int, end: int, year: int | None) -> dict:
    seg = doc.text[start:end]
    lstrip = len(seg) - len(seg.lstrip(" ，,"))
    rstrip = len(seg) - len(seg.rstrip(" ，,。；;"))
    start, end = start + lstrip, end - rstrip
    return {"text": doc.text[start:end], "year": year, "targets": _targets(doc, start, end), "start": start,
            "end": end}
