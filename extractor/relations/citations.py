"""Cited documents (《title》(doc number)) and contact persons with their phones and e-mails."""
from __future__ import annotations

import re
from ..document import Document

_TITLE_BEFORE = re.compile(r"《([^《》]{2,200})》\s*[(（]?\s*$")
_OPEN_TITLE_CUE = re.compile(r"(落实|根据|按照|贯彻|依据|执行|参照|印发|转发|对照|，|,|。|；)([^《》，,。；]{4,120})》\s*[(（]?\s*$")


def cited_documents(doc: Document) -> list[dict]:
    own = (doc.info.get("doc_number") or {}).get("text")
    own_span = (doc.info.get("doc_number") or {}).get("start")
    out, seen = [], set()
    for sp in doc.entities:
        if sp.label != "DOC_NUMBER" or sp.start == own_span or sp.normalized == own:
            continue
        if sp.normalized in seen:
            continue
        seen.add(sp.normalized)
        before = doc.text[max(0, sp.start - 240):sp.start]
        m = _TITLE_BEFORE.search(before)
        title = m.group(1) if m else None
        if title is None:
            m2 = _OPEN_TITLE_CUE.search(before)   # the opening 《 is missing in the source
            title = m2.group(2) if m2 else None
        out.append({"title": title, "doc_number": sp.normalized, "start": sp.start, "end": sp.end})
    return out


def contacts(doc: Document) -> list[dict]:
    """Group PERSON with the PHONE/EMAIL that follow it in the same contact sentence."""
    ents = sorted((sp for sp in doc.entities if sp.label in ("PERSON", "PHONE", "EMAIL")), key=lambda s: s.start)
    groups: list[dict] = []
    current_sentence = None
    pending: list[dict] = []      # persons of this sentence still waiting for a phone
    for sp in ents:
        sent_start = max(doc.text.rfind("\n", 0, sp.start), doc.text.rfind("。", 0, sp.start))
        if sent_start != current_sentence:
            pending = []
            current_sentence = sent_start
        if sp.label == "PERSON":
            g = {"name": sp.normalized, "phones": [], "emails": []}
            groups.append(g)
            pending.append(g)
        elif pending:
            key = "phones" if sp.label == "PHONE" else "emails"
            # "张三、李四，联系电话：…": every person still without a number shares it
            targets = [g for g in pending if not g[key]] or [pending[-1]]
            for g in targets:
                if sp.normalized not in g[key]:
                    g[key].append(sp.normalized)
            if len(targets) == 1 and key == "phones":
                pending = [g for g in pending if g is not targets[0]] or [targets[0]]
    return groups


def masked_contact(doc: Document) -> bool:
    return bool(re.search(r"(联系人|电话|邮箱)[^。\n]{0,8}[:：]\s*[X×＊*]{2,}|[0-9]{3,4}X{2,}", doc.text))
