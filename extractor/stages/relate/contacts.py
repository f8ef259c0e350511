"""Contacts: each contact channel of the notice as ``{name, unit, phones, emails}``.

A person with the numbers and addresses that follow in the same contact sentence (or on the lines
below), an item without a name for a phone or an e-mail no person is given for, and one item per row
of a contact table. Fax numbers and site footers are not contacts (corpus/GUIDELINES.md).
"""
from __future__ import annotations

import re

from ...core.document import Document
from ..annotate import CONTACT_UNIT, UNIT_NAME

_FAX_BEFORE = re.compile(r"(传真|傳真)[^0-9０-９电話话手机邮]{0,6}$")
# a site footer: 主办：… 地址：… 联系电话：… / 维护电话 / 版权所有 / ICP备
_FOOTER_LINE = re.compile(r"维护电话|技术支持\s*[:：]|版权所有|版權所有|ICP备|ICP證|^\s*(主办|承办|主辦|地址)[:：]")
_CONTACT_CUE = re.compile(r"(联系电话|联系方式|咨询电话|值班电话|报名电话|电话|手机|邮箱|電話|郵箱|E-?mail|email|联系人|聯繫人)"
                          r"\s*[:：]?\s*$", re.I)


# a line that only continues the contact above: 电话：… / 邮箱：… (not 报送邮箱：…, a submission address)
_CHANNEL_LINE = re.compile(r"^(?:联系)?(?:电话|手机|邮箱|電話|郵箱|E-?mail|email)\s*[:：]?\s*$", re.I)


def _line(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _unit_near(doc: Document, orgs: list, sp, line: tuple[int, int]) -> str | None:
    """The unit printed with a contact: between the cue and the name, in brackets right after the
    value, or right before the cue on the same line (市教育局基础教育科联系电话：…, 报X（邮箱：…）)."""
    text = doc.text
    after = re.match(r"\s*[（(]", text[sp.end:sp.end + 3])
    for o in orgs:
        if not line[0] <= o.start < line[1]:
            continue
        if after and o.start == sp.end + after.end():
            return o.normalized
        gap = text[o.end:sp.start]
        if o.end <= sp.start and len(gap) <= 12 and (sp.label != "PERSON" and _CONTACT_CUE.search(re.sub(r"[（(]$", "", gap.strip()) or "x")
                                                     or sp.label == "PERSON" and (gap.strip(" \u3000") == ""
                                                                                  or _UNIT_GAP.fullmatch(gap))):
            return o.normalized
    # no organization entity there: the unit the layout prints (联系人：市教育局基础教育科 杨帆 /
    # 联系电话：0738—1234567（县教育局基础教育股）)
    if sp.label == "PERSON":
        before = re.split(r"[：:；;，,]", text[line[0]:sp.start])[-1]
        a = sp.start - len(before.lstrip(" \u3000\t"))
        u = CONTACT_UNIT.match(text, a, sp.end)
        if u and u.end() == sp.start:
            return u.group(1)
        # a contact line that opens with its unit and a colon: 市教育局基教处：姚国庆，电话：…
        head = _UNIT_HEAD.fullmatch(text[line[0]:sp.start])
        if head and UNIT_NAME.fullmatch(head.group(1)):
            return head.group(1)
    elif after:
        close = text.find("）" if text[sp.end + after.end() - 1] == "（" else ")", sp.end, sp.end + 34)
        inner = text[sp.end + after.end():close] if close > 0 else ""
        if UNIT_NAME.fullmatch(inner):
            return inner
    return None


_NEXT_SENTENCE_PHONE = re.compile(r"。[ \t\u3000]*(?:联系)?电话[:：]?[ \t\u3000]*$")
_UNIT_HEAD = re.compile(r"[ \t\u3000]*(?:[（(]?[一二三四五六七八九十0-9]{1,2}[)）.．、][ \t\u3000]*)?([^：:，,。；;\s]{2,30})[：:][ \t\u3000]*")
_BRACKET_CONTACT = re.compile(r"\s*[（(]\s*(?:联系人|联络人|聯繫人)\s*[:：]?\s*")
# between a unit and its person: （联系人：…）, 校团委（金笛老师）, 某研究院207室杨扬老师, 某中心联系人：杨扬
_UNIT_GAP = re.compile(rf"{_BRACKET_CONTACT.pattern}|[ \t\u3000]*(?:[（(]|[0-9０-９]{{1,4}}室|(?:联系人|联络人)[:：]?)[ \t\u3000]*")
_NAMED_CONTACT = re.compile(r"(?:联系人|联\s*系\s*人|聯繫人|聯系人|联络人|聯絡人|经办人|經辦人)[^。\n]*$")
_NAME_COL = re.compile(r"联系人|姓名|负责人|经办人")
_PHONE_COL = re.compile(r"电话|手机|联系方式|電話")
_ROLE_COL = re.compile(r"班主任|领队|带队(?:老师|教师)|指导(?:老师|教师)|教练")
_MAIL_COL = re.compile(r"邮箱|E-?mail|电子邮件|郵箱", re.I)
_UNIT_COL = re.compile(r"单位|部门|处室|学校")
_PERSON_CELL = re.compile(r"[\u4e00-\u9fff]{2,4}")
_MAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def table_contacts(doc: Document) -> list[dict]:
    """A table with a contact-person column and a phone or e-mail column: one contact item per row."""
    from ...rules.lexicon import SURNAMES
    from ...text.normalize import LOCAL_PHONE_RE, PHONE_RE, normalize_phone

    out = []
    for t in doc.tables:
        col = lambda rx: next((i for i, c in enumerate(t.columns) if c and rx.search(c)), None)  # noqa: E731
        name_c, phone_c, mail_c, unit_c = col(_NAME_COL), col(_PHONE_COL), col(_MAIL_COL), col(_UNIT_COL)
        if name_c is None and phone_c and t.columns[phone_c - 1] and _ROLE_COL.fullmatch(t.columns[phone_c - 1]):
            name_c = phone_c - 1      # 班主任 | 电话: the people of a role column, each with the phone beside it
        if name_c is None or (phone_c is None and mail_c is None):
            continue
        for r in t.rows:
            def texts(i):
                return [v.text for v in r.cells[i].values] if i is not None and i < len(r.cells) else []
            # a two-character name is often padded to the width of three (刘  剑); （兼） marks a second post
            cells = (re.sub(r"[\s\u3000]+|[（(]兼[）)]$", "", n) for n in texts(name_c))
            names = [n for n in cells if _PERSON_CELL.fullmatch(n) and (n[:1] in SURNAMES or n[:2] in SURNAMES)]
            phones = [normalize_phone(p) for p in texts(phone_c)
                      if PHONE_RE.fullmatch(p.strip()) or LOCAL_PHONE_RE.fullmatch(p.strip())]
            mails = [m.group().lower() for x in texts(mail_c) for m in [_MAIL.search(x)] if m]
            units = texts(unit_c)
            for n in names or ([None] if phones or mails else []):
                out.append({"name": n, "unit": units[0] if units else None, "phones": phones, "emails": mails})
    return out


_BLOCK_LINE = re.compile(r"[ \t\u3000]*(?:地址|邮编|郵編|地點|地点)[:：]")


def _unit_lines_above(doc: Document, orgs: list, ents: list, groups: list[dict]) -> None:
    """A unit printed alone on the line over a block of contact lines is the unit of every item of the
    block without one (中国教育学会某办公室 / 陈静 手机：… / 电话：… / 邮箱：…)."""
    text = doc.text
    contact_lines = {_line(text, sp.start)[0] for sp in ents}
    whole = {(o.start, o.end): o.normalized for o in orgs}
    for g in groups:
        if g["unit"] is not None:
            continue
        a = g["_ln"]
        for _ in range(5):
            if a == 0:
                break
            a = text.rfind("\n", 0, a - 1) + 1
            b = text.find("\n", a)
            row = text[a:b]
            if a in contact_lines or _BLOCK_LINE.match(row):
                continue
            lo = a + len(row) - len(row.lstrip(" \t\u3000"))
            hi = a + len(row.rstrip(" \t\u3000"))
            g["unit"] = whole.get((lo, hi))
            break


def contacts(doc: Document) -> list[dict]:
    """Contact items ``{name, unit, phones, emails}``: a person with the numbers and addresses that follow
    in the same contact sentence (or on the next lines), and an item without a name for a phone or an
    e-mail that no person is given for. Fax numbers and site footers are not contacts."""
    text = doc.text
    ents = sorted((sp for sp in doc.entities if sp.label in ("PERSON", "PHONE", "EMAIL")), key=lambda s: s.start)
    orgs = sorted((sp for sp in doc.entities if sp.label in ("ORG", "SCHOOL")), key=lambda s: s.start)
    groups: list[dict] = []
    current_sentence = None
    pending: list[dict] = []      # items of this sentence still waiting for a phone
    last: tuple[dict, int] | None = None   # the last person item and the line it ends on
    prev_end = 0
    for sp in ents:
        line = _line(text, sp.start)
        if _FOOTER_LINE.search(text[line[0]:line[1]]):
            continue
        if sp.label == "PHONE" and _FAX_BEFORE.search(text[line[0]:sp.start]):
            continue
        sent_start = max(text.rfind("\n", 0, sp.start), text.rfind("。", 0, sp.start))
        if sent_start != current_sentence:
            pending = []
            current_sentence = sent_start
        if sp.label == "PERSON":
            unit = _unit_near(doc, orgs, sp, line)
            if pending and pending[-1]["name"] is None and _BRACKET_CONTACT.fullmatch(text[prev_end:sp.start]):
                # 报送至a@b.cn（联系人：张三…）: the bracket names the person of the address before it
                g = pending[-1]
                g.update(name=sp.normalized, unit=g["unit"] or unit, _at=sp.start)
            else:
                prior = pending[-1] if pending else None
                if unit is None and prior is not None and prior["name"] and text[prev_end:sp.start].strip() == "、":
                    unit = prior["unit"]        # 区教体局装备中心 李宏伟、孙静: one unit for the list
                g = {"name": sp.normalized, "unit": unit, "phones": [], "emails": [], "_at": sp.start, "_ln": line[0]}
                groups.append(g)
                pending.append(g)
            last = (g, line[1])
            prev_end = sp.end
            continue
        prev_end = sp.end
        key = "phones" if sp.label == "PHONE" else "emails"
        if not pending and last is not None and not last[0][key] and text[last[1]:line[0]].count("\n") <= 2 \
                and groups[-1] is last[0] and _CHANNEL_LINE.match(text[line[0]:sp.start].strip()):
            pending = [last[0]]     # 联系人：X / 电话：… / 邮箱：… on the lines below
        if not pending and key == "phones" and last is not None and not last[0]["phones"] and groups[-1] is last[0] \
                and sp.start - last[0]["_at"] <= 90 and "\n" not in text[last[0]["_at"]:sp.start] \
                and _NEXT_SENTENCE_PHONE.search(text, max(0, sp.start - 8), sp.start):
            pending = [last[0]]     # 寄至某中心杨扬老师收，地址：…。联系电话：… (the phone opens the next sentence)
        if not pending:
            g = {"name": None, "unit": _unit_near(doc, orgs, sp, line), "phones": [], "emails": [], "_ln": line[0]}
            groups.append(g)
            pending = [g]
        # "张三、李四，联系电话：…": every person still without a number shares it
        targets = [g for g in pending if not g[key]] or [pending[-1]]
        for g in targets:
            if sp.normalized not in g[key]:
                g[key].append(sp.normalized)
        if len(targets) == 1 and key == "phones":
            pending = [g for g in pending if g is not targets[0]] or [targets[0]]
    _unit_lines_above(doc, orgs, ents, groups)
    # the same person printed twice is one item (corpus/GUIDELINES.md): numbers and addresses joined
    merged: list[dict] = []
    by_name: dict[str, dict] = {}
    for g in groups:
        first = by_name.get(g["name"]) if g["name"] else None
        if first is None:
            merged.append(g)
            if g["name"]:
                by_name[g["name"]] = g
            continue
        # the unit printed with the person's numbers wins over one printed where the name only stands
        if g["unit"] and (not first["unit"] or not (first["phones"] or first["emails"]) and (g["phones"] or g["emails"])):
            first["unit"] = g["unit"]
        for key in ("phones", "emails"):
            first[key] += [v for v in g[key] if v not in first[key]]
    # a person with no number or address of their own is a contact only when named as one (联系人：X);
    # a 负责人 in a list, a speaker or a teacher in a schedule is not (corpus/GUIDELINES.md)
    groups = [g for g in merged if g["phones"] or g["emails"] or g["name"] is None
              or _NAMED_CONTACT.search(text, max(0, g["_at"] - 40), g["_at"])]
    for g in groups:
        g.pop("_at", None)
        g.pop("_ln", None)
    from_tables = table_contacts(doc)
    if from_tables:
        # a table's row is the better grouping: drop prose items that only repeat its numbers
        in_tables = {p for g in from_tables for p in g["phones"]} | {e for g in from_tables for e in g["emails"]}
        groups = [g for g in groups if g["name"] is not None or not (set(g["phones"]) | set(g["emails"])) <= in_tables]
        seen = {(g["name"], tuple(g["phones"])) for g in groups}
        groups += [g for g in from_tables if (g["name"], tuple(g["phones"])) not in seen]
    return groups


def masked_contact(doc: Document) -> bool:
    return bool(re.search(r"(联系人|电话|邮箱)[^。\n]{0,8}[:：]\s*[X×＊*]{2,}|[0-9]{3,4}X{2,}", doc.text))
