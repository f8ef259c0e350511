"""Pairings: who supports whom, under which lead, at which stage — from tables and from prose.

Tables come from ``Document.tables``. A table is a pairing table when it has a supporting column
(支援, 帮扶) and a receiving column (受援). A lead column (牵头, 指导) gives each row its lead, and its
merged cells are already filled down by the tables stage.

A flattened table can leave the lead of a row ambiguous, because a merged cell's value may be printed
anywhere in its block. The body text often says which lead covers which areas or stage:
``L帮扶A市B区、C市和边境地区学前教育``. That coverage is used to check each row's lead, and to fill a
lead the table lacks. Every row whose lead comes from the body gets a warning. A coverage sentence
is not itself a pairing when a table lists the pairs.
"""
from __future__ import annotations

import dataclasses
import itertools
import re

from ...core.document import CellValue, Document, Table
from ...rules.gazetteer import gazetteer
from ...rules.lexicon import SCHOOL_SUFFIXES
from ...text.normalize import squeeze
from ..tables import DITTO, _join_broken, school_name_end

_RECIPIENT_COL = re.compile(r"受援|受助|被帮扶|受帮扶|被托管|受托管|帮扶对象")
_LEAD_COL = re.compile(r"牵头|指导|负责")
_SUPPORTER_COL = re.compile(r"支援|帮扶|援助|托管|结对|对口")
_IGNORED_COL = re.compile(r"联系|电话|编号|序号|备注")

STAGES = ("kindergarten", "primary", "secondary", "high_school", "special_education", "county")
_STAGE_WORDS = (("special_education", r"特殊教育|特教"), ("kindergarten", r"幼儿园|学前|保育院|(?<!校)园$"),
                ("high_school", r"普通高中|高中|高级中学"))
_LEVEL_RANK = {"town": 0, "county": 1, "city": 2, "province": 3}


# a column of schools that lead (牵头园（校）) over a column of their paired schools (结对园（校）): the
# leading school supports the paired one; 派出学校 sends teachers to 接收学校
_LEAD_SCHOOL_COL = re.compile(r"牵头(?:园|校|学校|幼儿园)")
_PAIRED_SCHOOL_COL = re.compile(r"结对(?:园|校|学校|幼儿园)|接收学校|接收校")
_SENDING_COL = re.compile(r"派出学校|派出校")
# a role or type printed after a school in its cell or line (甲校（主帮）, 甲校（融合型）): no part of the name
_ROLE_TAG = re.compile(r"\s*[（(](?:主帮|协帮|主援|协援|主责|牵头|支援|帮扶|受援|[\u4e00-\u9fff]{2}型)(?:校|学校|方|园)?[）)]\s*$")
_STAGE_COL = re.compile(r"^学段$|^学段类别$|^类别$")
_SCHOOL_END = re.compile("(?:" + "|".join(map(re.escape, sorted(SCHOOL_SUFFIXES, key=len, reverse=True))) + r")$")


def _each_school(values: list[CellValue]) -> list[CellValue]:
    """A cell listing two schools with 、 (甲中学、乙中学) is two names, when every part ends as a school; a name
    the cell broke before its suffix (甲校、乙县某初级 / 中学) is joined first."""
    out: list[CellValue] = []
    for v in _join_broken(values):
        parts = v.text.split("、")
        if len(parts) > 1 and all(len(p.strip()) >= 4 and _SCHOOL_END.search(_untagged(p.strip())) for p in parts):
            at = v.start
            for p in parts:
                k = v.start + v.text.find(p, at - v.start)
                out.append(CellValue(p.strip(), k + len(p) - len(p.lstrip()), k + len(p.rstrip())))
                at = k + len(p)
        else:
            out.append(v)
    return out


def column_roles(columns: list[str]) -> dict[str, int]:
    """Which column holds the supporter, the recipient and the lead (first match wins)."""
    roles: dict[str, int] = {}
    for i, label in enumerate(columns):
        if not label or _IGNORED_COL.search(label):
            continue
        if _STAGE_COL.search(label):
            roles.setdefault("stage", i)
        elif _RECIPIENT_COL.search(label):
            roles.setdefault("recipient", i)
        elif _LEAD_COL.search(label):
            roles.setdefault("lead", i)
        elif _SUPPORTER_COL.search(label) or _SENDING_COL.search(label):
            roles.setdefault("supporter", i)
    if "recipient" not in roles:
        lead_schools = [i for i, c in enumerate(columns) if c and _LEAD_SCHOOL_COL.search(c)]
        paired = [i for i, c in enumerate(columns) if c and _PAIRED_SCHOOL_COL.search(c)]
        if lead_schools and paired and lead_schools[0] != paired[0]:
            # the leading school is the supporter and leads its pairs
            roles = {"supporter": lead_schools[0], "recipient": paired[0], "lead": lead_schools[0]}
        elif paired and "supporter" in roles and paired[0] != roles["supporter"]:
            roles["recipient"] = paired[0]
    if "recipient" not in roles and "supporter" not in roles:
        # a group list: 集团名称 | 核心校 | 成员校 (the core school supports each member, as in the group lines)
        core = [i for i, c in enumerate(columns) if c and re.search(r"核心(?:校|园|学校)|龙头(?:校|园|学校)", c)]
        members = [i for i, c in enumerate(columns) if c and re.search(r"成员(?:校|园|学校|单位)", c)]
        if core and members and core[0] != members[0]:
            roles.update(supporter=core[0], recipient=members[0])
    return roles


def _area_pair(supporters, recipient: str) -> str | None:
    """"county" when the recipient and every supporter are places by themselves (红山区 → 阿鲁科尔沁旗)."""
    gz = gazetteer()

    def place(name: str) -> bool:
        hits = gz.find(name)
        return bool(hits) and hits[0][0] == 0 and hits[-1][1] == len(name)

    return "county" if supporters and place(recipient) and all(place(v.text) for v in supporters) else None


def _untagged(name: str) -> str:
    return _ROLE_TAG.sub("", name)


def _stage_word(text: str) -> str | None:
    """The one stage a heading or a 学段 cell names (None for none or several)."""
    stages = [s for s, rx in _HEAD_STAGES if re.search(rx, text)]
    return stages[0] if len(stages) == 1 else None


def stage_of_name(name: str) -> str | None:
    """The school stage a name says: (高中)/(初中) first, then the type word at its end."""
    n = squeeze(name)
    paren = re.search(r"[（(](高中|初中)[）)]$", n)
    if paren:
        return "high_school" if paren.group(1) == "高中" else "secondary"
    if re.search(r"特殊教育|特教|培智|聋哑|启智", n):
        return "special_education"
    if re.search(r"(?:幼儿园|保育院|分园)$", n):
        return "kindergarten"
    if re.search(r"(?:高级中学|高中)$", n):
        return "high_school"
    if re.search(r"(?:初级中学|初中|九年一贯制学校|中学|附中)$", n):
        return "secondary"
    if re.search(r"(?:小学|完小|教学点|中心校|附小)$", n):
        return "primary"
    return None


def _table_stage(table: Table, roles: dict[str, int]) -> str | None:
    """A stage the whole table has: county-level (its columns are areas) or one named by its caption."""
    labels = "".join(table.columns[i] for i in roles.values())
    if re.search(r"县区|区县|县（区）|县\(区\)|市县", labels):
        return "county"
    text = (table.caption or "") + labels
    for stage, pattern in _STAGE_WORDS:
        if re.search(pattern, text):
            return stage
    return None


def _coverage(doc: Document, leads: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Which lead covers which area and which stage, from ``L帮扶A、B和C`` sentences of the body."""
    area_lead: dict[str, str] = {}
    stage_lead: dict[str, str] = {}
    text = doc.text
    gz = gazetteer()
    for lead in leads:
        for m in re.finditer(re.escape(lead) + r"(?:对口|结对|负责|牵头)?帮扶([^，,。；;：:]{2,120})", text):
            for item in re.split(r"[、和及]", m.group(1)):
                hits = gz.find(item)
                if hits:
                    # the most specific place of the item: 防城港市防城区 → 防城区
                    best = min(hits, key=lambda h: _LEVEL_RANK[gz.lookup(h[2]).level])
                    area_lead.setdefault(best[2], lead)
                for stage, pattern in (("kindergarten", r"学前教育|幼儿园"), ("special_education", r"特殊教育"),
                                       ("high_school", r"普通高中")):
                    if re.search(pattern, item):
                        stage_lead.setdefault(stage, lead)
    return area_lead, stage_lead


def from_tables(doc: Document) -> list[dict]:
    out: list[dict] = []
    for table in doc.tables:
        roles = column_roles(table.columns)
        if "supporter" not in roles or "recipient" not in roles:
            continue
        table_stage = _table_stage(table, roles)
        lead_col = roles.get("lead")
        rows = []
        above: list = []        # the supporters of the row above, for an empty or 同上 cell
        above_recipients: list = []
        above_lead = None
        for index, row in enumerate(table.rows, 1):
            supporters = _each_school(row.cells[roles["supporter"]].values)
            recipients = _each_school(row.cells[roles["recipient"]].values)
            if recipients and all(DITTO.fullmatch(v.text.strip()) for v in recipients):
                recipients = above_recipients      # 同上 in the recipient cell: the recipient of the row above
            elif recipients:
                above_recipients = recipients
            if recipients and (not supporters or all(DITTO.fullmatch(v.text.strip()) for v in supporters)):
                # a supporter printed once for several rows: a merged cell the flattening left empty, or 同上
                supporters = above
            elif supporters:
                above = supporters
            lead_cell = row.cells[lead_col] if lead_col is not None else None
            lead = lead_cell.values[0].text if lead_cell and lead_cell.values else None
            if lead is not None and DITTO.fullmatch(lead.strip()):
                lead = above_lead                  # 同上 in the lead cell: the lead of the row above
            above_lead = lead
            # a 学段 column names the row's stage, as a caption names a table's
            stage_cell = row.cells[roles["stage"]] if "stage" in roles and roles["stage"] < len(row.cells) else None
            row_stage = _stage_word(" ".join(v.text for v in stage_cell.values)) if stage_cell else None
            for r in recipients:
                stage = table_stage or row_stage or stage_of_name(_untagged(r.text)) or _area_pair(supporters, r.text)
                for s in supporters:
                    # one value spanning both columns (a merged note row) pairs nothing
                    if (s.start, s.end) == (r.start, r.end):
                        continue
                    rows.append({"supporter": _untagged(s.text), "recipient": _untagged(r.text), "lead": lead, "stage": stage,
                                 "table": table.id, "row": row.number if row.number is not None else index, "start": row.start, "end": row.end})
        if lead_col is not None:
            _check_leads(doc, table, rows)
        out.extend(rows)
    return out


def _check_leads(doc: Document, table: Table, rows: list[dict]) -> None:
    leads = {p["lead"] for p in rows if p["lead"]}
    if not leads:
        return
    area_lead, stage_lead = _coverage(doc, leads)
    if not area_lead and not stage_lead:
        return
    gz = gazetteer()
    inferred: list[int] = []
    for p in rows:
        expected = stage_lead.get(p["stage"] or "")
        if expected is None:
            # the most specific area of the recipient's name that a lead covers
            known = [(_LEVEL_RANK[gz.lookup(name).level], area_lead[name]) for _, _, name in gz.find(p["recipient"])
                     if name in area_lead]
            expected = min(known)[1] if known else None
        if expected and expected != p["lead"]:
            inferred.append(p["row"])
            p["lead"] = expected
    if inferred:
        doc.warn(f"{table.id}: the lead of row(s) {_ranges(inferred)} was inferred from the body text, "
                 "which says which lead covers which area or stage")


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → '1–3, 7'."""
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and out[-1][1] == n - 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in out)


# ------------------------------------------------------------------------------------------- prose

_PAIR_VERB = re.compile(r"(?:对口|结对|定点)?(?:托管帮扶|结对帮扶|整体托管|学科托管|帮扶|托管|支援)|领办(?:帮扶)?|牵手|与")
# the recipient named first: 丙校由甲校主帮、乙校协帮; 丙校由甲校托管
_PASSIVE_VERB = re.compile(r"(?:对口|结对)?(?:托管帮扶|结对帮扶|主帮|协帮|帮扶|托管|领办|支援)")
# 甲校对乙校实施托管 / 进行结对帮扶
_TOWARD_VERB = re.compile(r"(?:实施|进行|开展)(?:整体|学科)?(?:托管帮扶|结对帮扶|对口帮扶|托管|帮扶|领办)")
# 以甲校（以下简称“甲”）为龙头校，乙校、丙校为成员校
_CORE_MEMBERS = re.compile(r"以(?P<a>[^，,。；;\n以]{2,40}?)(?:[（(](?:以下)?简称[^）)]{1,14}[）)])?为(?:龙头|核心|牵头|领航)(?:校|园|学校)"
                           r"[，,]?(?P<b>[^，,。；;\n]{2,120}?)为成员(?:校|园|学校|单位)")
_SENTENCE_LEAD = re.compile(r"由(?P<lead>[^，,。；;：:（()）\n]{2,30}?)牵头(?:指导|负责)?")
_PAIR_WITH_END = re.compile(r"(?:分别|各自|共同)?(?:结对|结成|建立结对|对接|组建[^，,。；;\n]{0,10}?(?:共同体|教共体|联盟|集团))")
# between a supporter and its verb: an alias note (（以下简称“一中”）) or 分别, anchored at the verb
# an adverb between the supporter and its verb (甲校继续托管帮扶乙校, 甲县将对口帮扶乙县) leaves the pair as it is
# and the supporter's role given before it (甲校作为帮扶校，分别与乙、丙结对)
_BEFORE_VERB = re.compile(r"(?:[（(](?:以下)?简称[“”\"‘’「」]?[^）)]{1,12}?[“”\"‘’「」]?[）)]"
                          r"|作为(?:帮扶|支援|结对|牵头|托管)?(?:校|学校|园|方|单位)[，,]?)?(?:分别)?"
                          r"(?:继续|将|要|长期|持续|重点|同时|共同)?$")
# the recipients' list first, then its one supporter named in the next clause: 乙、丙分别与甲结对，由甲…帮扶
_BY_SUPPORTER = re.compile(r"[^。；;]{0,6}?由(?P<a>[^，,。；;]{2,20}?)(?:选派|派出|负责|实施|对口|结对|进行|开展|帮扶|托管|指导)")


def _name(sp) -> str:
    return sp.normalized if isinstance(sp.normalized, str) else sp.text


# a lead announced before the pairs it covers: 幼儿园结对由X牵头指导：A与B结对；C帮扶D
_PROSE_LEAD = re.compile(r"由(?P<lead>[^，,。；;：:（()）\n]{2,30}?)(?:牵头|负责)(?:指导|组织|联系|实施)?\s*[:：]")


def _prose_lead(text: str, pos: int) -> str | None:
    """The lead of a prose pair at ``pos``: the last ``由X牵头：`` of its paragraph whose colon's scope (up to
    the next 。) reaches the pair."""
    para = text.rfind("\n", 0, pos) + 1
    last = None
    for m in _PROSE_LEAD.finditer(text, para, pos):
        last = m
    if last is None or "。" in text[last.end():pos]:
        return None
    return last.group("lead")


_CLAUSE_LEAD = re.compile(r"[^。；;\n]{0,40}?[，,]由(?P<lead>[^，,。；;：:（()）\n]{2,30}?)牵头(?:指导|负责)?(?=[。；;，,]|$)")


def _clause_lead(text: str, pos: int, pairs) -> str | None:
    """A lead printed after the pairs in their own clause (甲、乙分别与丙、丁结对，由X牵头指导。), up to the clause's
    end (a lead after a ； covers only its own clause); not one of the pair's own schools."""
    m = _CLAUSE_LEAD.match(text, pos)
    if not m:
        return None
    lead = m.group("lead")
    if any(_same_school(_name(x), lead) for ar in pairs for x in ar):
        return None
    return lead


def _same_school(name: str, printed: str) -> bool:
    """A school's name and a form printed for it later, full or short (甘州区东街小学 / 东街小学)."""
    return name.endswith(printed) or printed.endswith(name)


def _heading_stage(doc: Document, pos: int) -> str | None:
    """The stage named by the nearest enclosing numbered heading that names exactly one (（三）普通高中 over
    the pairs of its paragraph; seventh-round rule)."""
    inner = [n for n in doc.sections if n.number and n.kind != "attachment" and n.start <= pos < n.end]
    for n in sorted(inner, key=lambda n: -n.level):
        st = _stage_word(n.heading)
        if st:
            return st
    return None


def _sentence_lead(text: str, a: int, b: int) -> str | None:
    """A lead named in the pair's own sentence (…组建共同体，由X牵头指导): the sentence from ``a`` to its 。."""
    end = text.find("。", b)
    m = _SENTENCE_LEAD.search(text, a, end if end >= 0 else len(text))
    return m.group("lead") if m else None


def _with_prefix(sp, by_end: dict):
    """An area printed after its city (石家庄市长安区): the city and the area, as printed."""
    prev = by_end.get(sp.start)
    if prev is not None and prev.label == "PLACE" and isinstance(prev.normalized, dict) and prev.normalized.get("level") == "city":
        return prev.start
    return sp.start


_TAGGED_BEFORE = re.compile(r"[（(]牵头[）)][、和]$")


def from_prose(doc: Document, table_leads: set[str]) -> list[dict]:
    """``由A托管帮扶B``, ``A帮扶B、C``, ``A与B结对``, ``C由A主帮、B协帮``, ``A对B实施托管``, ``以A为龙头校，B、C为
    成员校``, where A and B are named schools (or areas, for county counterparts)."""
    text = doc.text
    schools = [sp for sp in doc.entities if sp.label == "SCHOOL"]
    # county counterparts in prose (渝中区对口帮扶城口县): areas of county or city level
    areas = [sp for sp in doc.entities if sp.label == "PLACE" and isinstance(sp.normalized, dict)
             and sp.normalized.get("level") in ("county", "city")]
    by_end = {sp.end: sp for sp in areas}
    by_end.update({sp.end: sp for sp in schools})
    by_start = {sp.start: sp for sp in areas}
    by_start.update({sp.start: sp for sp in schools})
    table_spans = [(t.start, t.end) for t in doc.tables]
    out: list[dict] = []
    taken: set[tuple[str, str]] = set()

    def add(a, r, lead) -> None:
        if a.label == "PLACE":
            a_start, r_start = _with_prefix(a, by_end), _with_prefix(r, by_end)
            key = (text[a_start:a.end], text[r_start:r.end])
        else:
            a_start, key = a.start, (_name(a), _name(r))
        if key in taken or key[0] == key[1]:
            return
        taken.add(key)
        stage = "county" if r.label == "PLACE" else _heading_stage(doc, a.start) or stage_of_name(key[1])
        out.append({"supporter": key[0], "recipient": key[1], "lead": lead, "stage": stage, "table": None, "row": None,
                    "start": min(a_start, r.start), "end": max(a.end, r.end)})

    for m in _PAIR_VERB.finditer(text):
        # the supporter right before the verb, or before an alias note or 分别 (A（以下简称“甲”）帮扶B,
        # A、B分别帮扶C、D)
        before = _BEFORE_VERB.search(text, max(0, m.start() - 30), m.start())
        supporter = by_end.get(m.start()) or (by_end.get(before.start()) if before and before.group() else None)
        if supporter is None or any(a <= m.start() < b for a, b in table_spans):
            continue
        respectively = bool(before and "分别" in before.group())
        jointly = bool(before and "共同" in before.group())      # 甲、乙共同对口支援丙: each supports 丙
        supporters = [supporter]
        if respectively or jointly:      # the list of supporters: 甲、乙分别帮扶丙、丁 pairs 甲 with 丙 and 乙 with 丁
            while True:
                prev = by_end.get(supporters[0].start - 1) if text[supporters[0].start - 1:supporters[0].start] in "、和" else None
                if prev is None:
                    break
                supporters.insert(0, prev)
        if _name(supporter) in table_leads:
            continue      # a lead's coverage sentence: the tables hold the pairs
        # 甲校（牵头）、乙校帮扶丙校: both support 丙, and the tagged one leads (GUIDELINES, eleventh round)
        tagged = None
        if not respectively:
            mt = _TAGGED_BEFORE.search(text, max(0, supporter.start - 8), supporter.start)
            first = by_end.get(mt.start()) if mt else None
            if first is not None and first.label == supporter.label:
                tagged = first
        chain, pos = [], m.end()
        while True:       # the recipients: a list right after the verb, 甲校、乙校和丙校
            sep = re.match(r"[、和及与]?", text[pos:pos + 1]).end() if chain else 0
            nxt = by_start.get(pos + sep)
            if nxt is not None and nxt.label == "PLACE" and (nxt.normalized or {}).get("level") == "city":
                # 甘孜州道孚县: a county printed after its prefecture is the recipient, prefecture included
                lv = re.match(r"[州市盟]?", text[nxt.end:nxt.end + 1]).end()
                county = by_start.get(nxt.end + lv)
                if county is not None and county.label == "PLACE":
                    nxt = dataclasses.replace(county, start=nxt.start, text=text[nxt.start:county.end])
            if nxt is None or (chain and _PAIR_VERB.match(text, nxt.end) and not text.startswith("与", nxt.end)):
                break         # 甲对口帮扶乙、丙对口帮扶丁: 丙 opens the next pair
            chain.append(nxt)
            pos = nxt.end
        if not chain:
            continue
        if m.group() == "与":      # 甲与乙结对; 甲与乙、丙结成教共体 (甲 with each)
            if _PAIR_WITH_END.match(text, chain[-1].end):
                pass
            elif _PAIR_WITH_END.match(text, chain[0].end):
                chain = chain[:1]
            else:
                continue
        if (supporter.label == "PLACE") != (chain[0].label == "PLACE"):
            continue          # a school and an area are no counterpart pair
        if supporter.label == "PLACE" and not m.group().startswith(("对口", "结对")):
            continue          # 某县帮扶…: only 对口/结对 make two areas counterparts
        if jointly and len(supporters) > 1:
            pairs = [(a, r) for r in chain for a in supporters if a.label == r.label]
        elif respectively and len(supporters) == len(chain) > 1:
            pairs = [(a, r) for a, r in zip(supporters, chain) if a.label == r.label]
        elif respectively and len(supporters) > 1 and len(chain) == 1:
            # 甲、乙分别与丙结对: each with 丙; who supports whom is said by a 由X… clause after it, if any
            one = chain[0]
            end = _PAIR_WITH_END.match(text, one.end)
            by = _BY_SUPPORTER.match(text, end.end()) if end else None
            reverse = by is not None and _same_school(_name(one), by.group("a"))
            pairs = [((one, a) if reverse else (a, one)) for a in supporters if a.label == one.label]
        else:
            pairs = list(itertools.takewhile(lambda ar: ar[1].label == supporter.label, ((supporter, r) for r in chain)))
        if tagged is not None:
            pairs = [(a, r) for _, r in pairs for a in (tagged, supporter)]
        lead = (_name(tagged) if tagged is not None else None) or _prose_lead(text, supporters[0].start) \
            or _clause_lead(text, chain[-1].end, pairs)
        for a, r in pairs:
            add(a, r, lead)
    # the recipient first: 丙校由甲校主帮、乙校协帮
    for m in re.finditer("由", text):
        recipient = by_end.get(m.start())
        if recipient is None or recipient.label != "SCHOOL" or any(x <= m.start() < y for x, y in table_spans):
            continue
        pos = m.end()
        while True:
            a = by_start.get(pos)
            v = _PASSIVE_VERB.match(text, a.end) if a is not None and a.label == "SCHOOL" else None
            if v is None:
                break
            add(a, recipient, None)
            pos = v.end() + (1 if text[v.end():v.end() + 1] in "、，," else 0)
    # 甲校对乙校实施托管, 甲校对乙校、丙校实施托管
    for m in re.finditer("对", text):
        a = by_end.get(m.start())
        if a is None or a.label != "SCHOOL":
            continue
        chain, pos = [], m.end()
        while True:
            sep = 1 if chain and text[pos:pos + 1] in "、和及" else 0
            r = by_start.get(pos + sep)
            if r is None or r.label != "SCHOOL" or (chain and not sep):
                break
            chain.append(r)
            pos = r.end
        if chain and _TOWARD_VERB.match(text, chain[-1].end):
            for r in chain:
                add(a, r, _prose_lead(text, a.start))
    # 以甲校为龙头校，乙校、丙校为成员校 (the core school supports each member)
    for m in _CORE_MEMBERS.finditer(text):
        a = next((sp for sp in schools if sp.start == m.start("a")), None)
        if a is None:
            continue
        lead = _sentence_lead(text, m.start(), m.end())
        pos = m.start("b")
        while pos < m.end("b"):
            r = by_start.get(pos)
            if r is None or r.label != "SCHOOL":
                break
            add(a, r, lead)
            pos = r.end + (1 if text[r.end:r.end + 1] in "、和及" else 0)
    return out


_LIST_MARK = re.compile(r"[ \t\u3000]*(?:[0-9０-９]{1,3}\s*[.．、)）]|[（(][0-9一二三四五六七八九十]{1,3}[）)])?[ \t\u3000]*")
_LEAD_NOTE = re.compile(r"\s*[（(](?:牵头(?:单位|学校|部门|指导(?:单位)?)?|指导单位)\s*[:：]\s*(?P<lead>[^）)\n]{2,40})[）)]")
_PAIRING_WORDS = re.compile(r"结对|帮扶|托管|对口|支援|手拉手|共同体|交流轮岗|交流学校|协作区|区域协作")


# each side may carry its role in brackets (甲校（支援）——乙校（受援）); a label may open the line (交流学校：)
_SUPPORT_TAG = r"(?:\s*[（(](?:支援|帮扶|援助|托管|派出)(?:方|校|学校|园)?[）)])?"
_RECEIVE_TAG = r"(?:\s*[（(](?:受援|受帮扶|被帮扶|受托管|被托管|受助|接收)(?:方|校|学校|园)?[）)])?"
# the verb of a lead note (由X牵头指导, 由X负责联系), shared with responsibilities' lead-note test
LEAD_VERB = r"(?:牵头|负责)(?:指导|组织|联系)?"
_HEAD_LEAD = re.compile(r"由(?P<lead>[^，,。；;（()）\n]{2,30}?)" + LEAD_VERB + r"[）)]?\s*[:：]\s*$")
# 甲校＋乙校　丙校 (a "1+N" community: the core school, then its members) reads like a dash line
# a supporter may carry （牵头） (甲校（牵头）、乙校——丙校: 甲 leads both pairs); a recipient list broken after 、
# runs on over the next line
_DASH_LINE = re.compile(r"(?P<a>(?:[^—－–→\-＋+（(\n]|[（(]牵头[）)]){2,80}?)" + _SUPPORT_TAG +
                        r"\s*(?:——|—|－|–|→|-|＋|\+)\s*"
                        r"(?P<b>(?:[^—－–→\-（(\n]|(?<=、)\n[ \t\u3000]*){2,80}?)" + _RECEIVE_TAG +
                        r"(?P<note>\s*[（(][^）)\n]{0,40}[）)])?\s*[。；;，,]?\s*$")
# 帮扶校：A、B（牵头）；受援校：C、D — the two roles labelled on one line
_ROLE_PAIR_LINE = re.compile(r"(?:帮扶|支援|援助|托管)(?:校|学校|园|方|单位)[ \t\u3000]*[:：][ \t\u3000]*(?P<a>[^；;：:\n]{2,120}?)[ \t\u3000]*[；;，,]"
                             r"[ \t\u3000]*(?:受援|受帮扶|被帮扶|受托管|结对)(?:校|学校|园|方|单位)[ \t\u3000]*[:：][ \t\u3000]*"
                             r"(?P<b>[^；;：:。\n]{2,200}?)(?P<note>)[ \t\u3000]*[。；;]?[ \t\u3000]*")
_PAIR_LABEL = re.compile(r"[ \t\u3000]*(?:交流|结对|帮扶|托管|支援|对口)(?:学校|关系|对象|安排)?[:：][ \t\u3000]*")


_LEAD_TAG = re.compile(r"[（(]牵头[）)]$")
_NEXT_LINE = re.compile(r"\n([^\n]+)")


def _head_note_lead(named: dict, head: re.Match, note: re.Match) -> str:
    """The lead a list heading's note names: the decided name printed there, unless it covers more or less
    than the note's words (区教育局 inside 区教育局中教科 does not), else the words as printed."""
    at = head.start("head") + note.start("lead")
    lead_sp = named.get(at)
    if lead_sp is not None and lead_sp.end == head.start("head") + note.end("lead"):
        return _name(lead_sp)
    return note.group("lead").strip()


def _is_area(name: str) -> bool:
    """A county or a city named whole by the gazetteer (黄州区, 甘孜州道孚县): one side of a counterpart line."""
    gz = gazetteer()
    hits = gz.find(name)
    if not hits or hits[0][0] != 0 or hits[-1][1] != len(name) or any(b != a2 for (_, b, _), (a2, _, _) in zip(hits, hits[1:])):
        return False
    d = gz.lookup(hits[-1][2])
    return d is not None and d.level in ("county", "city")


def _school_list(text: str, m: re.Match, group: str) -> list[tuple[str, int]]:
    """The names (with their offsets) of one side of a pair line, or [] when a part ends like no school."""
    def split(pattern: str) -> list[tuple[str, int]]:
        out, at = [], m.start(group)
        for piece in re.split(pattern, m.group(group)):
            if piece and not re.fullmatch(pattern, piece):
                name = _LEAD_TAG.sub("", piece.strip())
                if not (school_name_end(name) or _is_area(name)) or len(name) > 30:
                    return []
                out.append((name, text.find(name, at)))
            at += len(piece)
        return out

    # names apart by 、 or by spaces (甲校　乙校 丙校) — the spaces only when every part ends as a school
    spaced = split(r"([、，,]|[ \t\u3000]+)")
    return spaced if len(spaced) > 1 else split(r"([、，,])")


def from_dash_lines(doc: Document) -> list[dict]:
    """A pairing list printed one pair a line: ``1．甲校—乙校（牵头：某局）``, ``甲校、乙校—丙校`` (the
    schools before the dash support the schools after it), in a notice about pairings. The line's layout
    is the evidence, as a table cell's is: each side is a list of names that end like a school."""
    text = doc.text
    if not _PAIRING_WORDS.search(text):
        return []
    named = {sp.start: sp for sp in doc.entities if sp.label in ("ORG", "SCHOOL")}
    out: list[dict] = []
    block_lead = None     # 幼儿园结对（由市教育局学前教育科牵头指导）： over the pair lines it announces
    skip_to = -1
    for lm in re.finditer(r"[^\n]+", text):
        if lm.start() < skip_to:
            continue          # the second line of a pair line broken after 、
        hm = _HEAD_LEAD.search(lm.group())
        if hm:
            lead_sp = named.get(lm.start() + hm.start("lead"))
            block_lead = _name(lead_sp) if lead_sp is not None else hm.group("lead").strip()
            continue
        pos = _LIST_MARK.match(text, lm.start()).end()
        label = _PAIR_LABEL.match(text, pos)
        if label:
            pos = label.end()
        line_end = lm.end()
        if lm.group().rstrip().endswith("、"):
            nxt = _NEXT_LINE.match(text, lm.end())
            if nxt and not _LIST_MARK.match(text, nxt.start(1)).group().strip():
                line_end = nxt.end()
        m = _DASH_LINE.fullmatch(text, pos, line_end) or _ROLE_PAIR_LINE.fullmatch(text, pos, lm.end())
        if m and m.end() > lm.end():
            skip_to = line_end
        if not m:
            # （三）幼儿园（3个，由某股牵头指导） over the pair lines of its block
            head = _BLOCK_HEAD.fullmatch(text, lm.start(), lm.end())
            note = _HEAD_NOTE.search(head.group("head")) if head else None
            block_lead = _head_note_lead(named, head, note) if note else None
            continue
        supporters, recipients = _school_list(text, m, "a"), _school_list(text, m, "b")
        if not supporters or not recipients:
            block_lead = None
            continue
        areas = [_is_area(x) and not school_name_end(x) for x, _ in supporters + recipients]
        if any(areas) and not all(areas):
            continue          # a school and an area are no counterpart pair
        lead = block_lead
        tagged = [a for a, _ in supporters if re.search(re.escape(a) + r"[（(]牵头[）)]", m.group("a"))]
        if tagged:
            lead = tagged[0]
        if m.group("note"):
            ln = _LEAD_NOTE.match(m.group("note"))
            if ln is None:
                continue      # another note in brackets: not a pair line of this shape
            start = m.start("note") + ln.start("lead")
            lead_sp = named.get(start)
            lead = _name(lead_sp) if lead_sp is not None else ln.group("lead").strip()
        for a, a_at in supporters:
            for b, b_at in recipients:
                out.append({"supporter": a, "recipient": b, "lead": lead,
                            "stage": "county" if all(areas) else stage_of_name(b),
                            "table": None, "row": None, "start": a_at, "end": b_at + len(b)})
    return out


# a list heading (（一）高中学段（由某科牵头指导）) over role lines: the lead and the one stage it names
_BLOCK_HEAD = re.compile(r"[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)(?P<head>[^。\n]{1,50})")
# （由某科牵头指导）, also after a count in the same brackets: （3个，由某科牵头指导）
_HEAD_NOTE = re.compile(r"[（(](?:[^（()）\n，,]{1,12}[，,])?由(?P<lead>[^（()）\n，,]{2,30}?)" + LEAD_VERB + r"[）)]")
_HEAD_STAGES = (("high_school", r"高中"), ("secondary", r"初中"), ("primary", r"小学"),
                ("kindergarten", r"学前|幼儿园"), ("special_education", r"特殊教育|特教"))
# 帮扶方：甲校 over 受援方：乙校 (one pair item on two lines)
_SUPPORT_LINE = re.compile(r"(?:帮扶|支援|援助|派出)(?:方|学校|校|单位)[ \t\u3000]*[:：][ \t\u3000]*(?P<a>[^\n]+?)[。；;]?[ \t\u3000]*")
_RECEIVE_LINE = re.compile(r"[ \t\u3000]*(?:受援|受帮扶|被帮扶|受助|接收)(?:方|学校|校|单位)[ \t\u3000]*[:：][ \t\u3000]*"
                           r"(?P<b>[^\n]+?)[。；;]?[ \t\u3000]*")
# 某教育集团：核心校甲校，成员校乙校、丙校 (the core school supports each member)
_GROUP_LINE = re.compile(r"[^\n：:]{2,40}?(?:教育集团|集团|共同体|联盟)(?:[（(][^）)\n]{1,8}[）)])?[ \t\u3000]*[:：。][ \t\u3000]*"
                         r"核心(?:校|园|学校)[:：]?"
                         r"(?P<a>[^，,；;\n]+)[，,；;][ \t\u3000]*成员(?:校|园|学校|单位)[:：]?(?P<b>[^。；;\n]+?)[。；;]?[ \t\u3000]*")


# 甲校（融合型）：乙校、丙校 — a core school, its group's type in brackets, a colon, its member schools
# (a group's own core school tagged: 甲校（牵头）：乙校、丙校 or 甲校（牵头）、丁校：乙校 — 甲 leads the line's pairs)
_CORE_COLON = re.compile(r"(?P<a>[^：:\n，,。；;（(]{4,40}?(?:[（(]牵头[）)][、和][^：:\n，,。；;（(]{4,40}?)?)"
                         r"(?P<tag>\s*[（(][^）)\n]{1,8}[）)])?[ \t\u3000]*[:：][ \t\u3000]*"
                         r"(?P<b>[^：:\n。（(]+?)[。；;]?[ \t\u3000]*")


def from_role_lines(doc: Document) -> list[dict]:
    """Pairs whose sides are named by role words: ``帮扶方：甲校`` over ``受援方：乙校`` (under a heading that may
    name their lead and stage), and education-group lines ``某教育集团：核心校甲校，成员校乙校、丙校``."""
    text = doc.text
    if not _PAIRING_WORDS.search(text) and "集团" not in text:
        return []
    named = {sp.start: sp for sp in doc.entities if sp.label in ("ORG", "SCHOOL")}
    school_ends = {sp.end for sp in named.values() if sp.label == "SCHOOL"}
    out: list[dict] = []
    block_lead, block_stage = None, None
    lines = [lm for lm in re.finditer(r"[^\n]+", text) if lm.group().strip()]
    for k, lm in enumerate(lines):
        head = _BLOCK_HEAD.fullmatch(text, lm.start(), lm.end())
        if head and not _SUPPORT_LINE.search(lm.group()):
            note = _HEAD_NOTE.search(head.group("head"))
            block_lead = _head_note_lead(named, head, note) if note else None
            block_stage = _stage_word(head.group("head"))
            continue
        pos = _LIST_MARK.match(text, lm.start()).end()
        group = _GROUP_LINE.fullmatch(text, pos, lm.end())
        core = None if group else _CORE_COLON.fullmatch(text, pos, lm.end())
        if core is not None:
            sp = named.get(core.start("a"))
            if sp is None or sp.label != "SCHOOL" or (sp.end != core.end("a") and not (
                    "牵头" in core.group("a") and core.end("a") in school_ends)):
                core = None       # the line opens with no decided school name: a label, a role, a person
        if group:
            sides, lead, stage = (group, group), None, None
        elif core is not None:
            sides, lead, stage = (core, core), block_lead, block_stage
            if lead is None:
                inner = re.match(r"([^（(]+)[（(]牵头[）)]", core.group("a"))
                if inner:
                    lead = inner.group(1).strip()
                elif core.group("tag") and _LEAD_TAG.fullmatch(core.group("tag").strip()):
                    lead = core.group("a").strip()
        else:
            sm = _SUPPORT_LINE.fullmatch(text, pos, lm.end())
            rm = _RECEIVE_LINE.fullmatch(text, lines[k + 1].start(), lines[k + 1].end()) if sm and k + 1 < len(lines) else None
            if rm is None:
                continue
            sides, lead, stage = (sm, rm), block_lead, block_stage
        supporters, recipients = _school_list(text, sides[0], "a"), _school_list(text, sides[1], "b")
        for a, a_at in supporters:
            for b, b_at in recipients:
                out.append({"supporter": a, "recipient": b, "lead": lead, "stage": stage or stage_of_name(b),
                            "table": None, "row": None, "start": a_at, "end": b_at + len(b)})
    return out


def pairings(doc: Document) -> list[dict]:
    table_pairs = from_tables(doc)
    leads = {p["lead"] for p in table_pairs if p["lead"]}
    seen = {(p["supporter"], p["recipient"]) for p in table_pairs}
    dashed = [p for p in from_dash_lines(doc) if (p["supporter"], p["recipient"]) not in seen]
    seen |= {(p["supporter"], p["recipient"]) for p in dashed}
    roles = [p for p in from_role_lines(doc) if (p["supporter"], p["recipient"]) not in seen]
    dashed += roles
    seen |= {(p["supporter"], p["recipient"]) for p in roles}
    prose = [p for p in from_prose(doc, leads) if (p["supporter"], p["recipient"]) not in seen]
    return table_pairs + dashed + prose
