"""Relation items as scorer candidates: features of a deadline, a target, a responsibility, a pairing.

The relation rules (``extractor/stages/relate``) propose; the scorers decide which items are kept and give
each its calibrated ``confidence``. Features describe the item's evidence and its place in the notice:
the words around it, the section category it sits in, the kind of document, the relation to the
notice's own date; nothing names a particular document.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

from ..core.document import Document
from ..evaluation.scoring import number_key
from ..rules.lexicon import PER_UNIT_WORDS, ROLE_WORDS, SURNAMES
from ..text.normalize import soft_key

KINDS = ("deadlines", "targets", "responsibilities", "pairings")


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


class Context:
    """Per-document lookups shared by the feature functions (built once per document)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        secs = sorted((s for s in doc.sections if s.kind != "paragraph"), key=lambda s: s.start)
        self.sec_starts = [s.start for s in secs]
        self.secs = secs
        self.doc_type = doc.info.get("doc_type") or "none"
        d = doc.info.get("signed_date") or doc.info.get("published_date")
        try:
            self.ref = date.fromisoformat(d) if d else None
        except ValueError:
            self.ref = None
        self.table_spans = [(t.start, t.end) for t in doc.tables]
        self._entity_conf: dict[str, float] | None = None

    def entity_conf(self, name: str) -> float | None:
        """How sure the entity scorer was of a decided organization or school name (a unit it did not keep
        as a name is less likely a unit); built on first use, keyed by the name without white space."""
        if self._entity_conf is None:
            conf: dict[str, float] = {}
            for sp in self.doc.entities:
                if sp.confidence is not None and sp.label in ("ORG", "SCHOOL"):
                    key = "".join((sp.normalized if isinstance(sp.normalized, str) else sp.text).split())
                    conf[key] = max(conf.get(key, 0.0), sp.confidence)
            self._entity_conf = conf
        return self._entity_conf.get("".join(name.split()))

    def section(self, pos: int):
        i = bisect.bisect_right(self.sec_starts, pos) - 1
        while i >= 0:
            s = self.secs[i]
            if s.start <= pos < s.end:
                return s
            i -= 1
        return None

    def common(self, kind: str, start: int) -> list[str]:
        s = self.section(start)
        f = [kind, f"{kind}:doctype={self.doc_type}", f"{kind}:cat={s.category if s else 'none'}",
             f"{kind}:pos={min(9, int(10 * start / max(1, len(self.text))))}"]
        if s is not None and s.heading:
            f += [f"{kind}:head={c}" for c in dict.fromkeys(s.heading[:12])]
        if any(a <= start < b for a, b in self.table_spans):
            f.append(f"{kind}:in_table")
        return f


_DAY_HEADER = re.compile(r"[ \t\u3000（(周星期一二三四五六日天）)]*\n[ \t\u3000]*(?:上午|下午|晚上|早上)?[ \t\u3000]*[0-9０-９]{1,2}[:：][0-9０-９]{2}")


def deadline_features(ctx: Context, item: dict) -> list[str]:
    t, k = ctx.text, "deadlines"
    f = ctx.common(k, item["start"])
    dt = item.get("date_text") or ""
    f += [f"{k}:kind={item.get('_kind')}", f"{k}:dt_end={dt[-2:]}", f"{k}:dt_end1={dt[-1:]}"]
    if item.get("start_date"):
        f.append(f"{k}:range")
    if item.get("time"):
        f.append(f"{k}:clock")
    if re.search(r"(19|20)\d{2}\s*年|二〇|二零", dt):
        f.append(f"{k}:has_year")
    if "日" in dt or re.search(r"\d{1,2}[./-]\d{1,2}", dt):
        f.append(f"{k}:has_day")
    if re.search(r"上旬|中旬|下旬|底|末|初", dt):
        f.append(f"{k}:part_of_month")
    if re.search(r"[时点:：]|上午|下午|晚", dt):
        f.append(f"{k}:has_time")
    pos = t.find(dt, max(0, item["start"] - 5)) if dt else item["start"]
    pos = item["start"] if pos < 0 else pos
    before = t[max(0, pos - 6):pos]
    f += [f"{k}:b1={before[-1:]}", f"{k}:b2={before[-2:]}"]
    if item.get("_kind") != "clock" and dt and _DAY_HEADER.match(t, pos + len(dt)):
        f.append(f"{k}:day_header")     # a day alone on its line over timed rows: the rows are the items
    action = (item.get("action") or "")[:12]
    f += [f"{k}:a={c}" for c in dict.fromkeys(action[:6])]
    if item.get("date") and ctx.ref is not None:
        try:
            delta = (date.fromisoformat(item["date"]) - ctx.ref).days
            f.append(f"{k}:delta={'past' if delta < 0 else '0-30' if delta <= 30 else '31-180' if delta <= 180 else 'far'}")
        except ValueError:
            pass
    elif not item.get("date"):
        f.append(f"{k}:no_date")
    return f


def target_features(ctx: Context, goal: dict, target: dict) -> list[str]:
    k = "targets"
    f = ctx.common(k, goal["start"])
    f.append(f"{k}:unit={target.get('unit') or '-'}")
    obj = target.get("object") or ""
    f += [f"{k}:obj1={obj[:1]}", f"{k}:objn={obj[-1:]}", f"{k}:objlen={_bucket(len(obj))}"]
    f += [f"{k}:o={c}" for c in dict.fromkeys(obj[:8])]
    f.append(f"{k}:year={'yes' if goal.get('year') else 'no'}")
    f.append(f"{k}:goal={goal.get('_kind') or 'rule'}")
    v = target.get("value")
    f.append(f"{k}:value={'frac' if isinstance(v, float) and not float(v).is_integer() else _bucket(int(v or 0))}")
    gt = goal.get("text") or ""
    num = re.search(re.escape(str(int(v))) if isinstance(v, (int, float)) and float(v).is_integer() else r"\d", gt)
    left = gt[max(0, num.start() - 6):num.start()] if num else ""
    f += [f"{k}:l1={left[-1:]}", f"{k}:l2={left[-2:]}"]
    for cue in ("每", "至少", "不少于", "不超过", "以上", "达到", "建成", "培养", "推荐", "申报", "第", "期", "人数"):
        if cue in left or cue in gt[:40]:
            f.append(f"{k}:cue={cue}")
    if num:
        # 每所受援高中培养…不少于10名: a quota per unit in the amount's own clause, not a total to reach
        clause = gt[max(gt.rfind(c, 0, num.start()) for c in "，,；;。") + 1:num.start()]
        if _PER_UNIT.search(clause):
            f.append(f"{k}:per_unit_clause")
    f.append(f"{k}:targets_in_goal={_bucket(len(goal.get('targets') or []))}")
    return f


_PER_UNIT = re.compile("每(?:" + "|".join(PER_UNIT_WORDS) + ")")


def responsibility_features(ctx: Context, item: dict) -> list[str]:
    t, k = ctx.text, "responsibilities"
    f = ctx.common(k, item["start"])
    units = item.get("units") or []
    f.append(f"{k}:kind={item.get('_kind') or 'rule'}")
    f.append(f"{k}:n_units={_bucket(len(units))}")
    f.append(f"{k}:lead={'yes' if item.get('lead_unit') else 'no'}")
    for u in units[:4]:
        f += [f"{k}:u_end={u[-1:]}", f"{k}:u_end2={u[-2:]}", f"{k}:u_len={_bucket(len(u) // 2)}"]
        if u[:1] in "各每全":
            f.append(f"{k}:u_quantified")
        if re.search(r"[，,。时在的]", u):
            f.append(f"{k}:u_runon")
        if any(w in u for w in ROLE_WORDS):
            f.append(f"{k}:u_role")
        if u[:1] in SURNAMES and len(u) <= 3:
            f.append(f"{k}:u_person_like")
        c = ctx.entity_conf(u)
        f.append(f"{k}:u_ent=" + ("none" if c is None else "hi" if c >= 0.9 else "mid" if c >= 0.7 else "lo"))
    ev = t[item["start"]:min(item["end"], item["start"] + 60)]
    for cue in ("责任单位", "牵头", "配合", "负责", "要", "应", "请", "由", "为", "将"):
        if cue in ev:
            f.append(f"{k}:cue={cue}")
    # a unit's people (文体部干部、干事, 某部全体成员) called to a meeting or a gathering: no task of the unit's
    if any(_PEOPLE_AFTER.match(ev, i + len(u)) for u in units[:4] for i in _finds(ev, u)):
        f.append(f"{k}:u_then_people")
    if _ATTEND.search(ev):
        f.append(f"{k}:cue=attend")
    return f


_PEOPLE_AFTER = re.compile(r"(?:全体|高[一二三]|初[一二三])?(?:干部|干事|成员|委员|社员|部长|副部长|同学|代表|老师|教师|负责人)")
_ATTEND = re.compile(r"参加会议|参会|出席|集合|到场|准时参加|参加培训")


def _finds(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0 and len(out) < 4:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def pairing_features(ctx: Context, item: dict) -> list[str]:
    k = "pairings"
    f = ctx.common(k, item["start"])
    f.append(f"{k}:src={'table' if item.get('table') else 'prose'}")
    f.append(f"{k}:lead={'yes' if item.get('lead') else 'no'}")
    f.append(f"{k}:stage={item.get('stage') or '-'}")
    for who in ("supporter", "recipient"):
        n = item.get(who) or ""
        f += [f"{k}:{who}_end={n[-2:]}", f"{k}:{who}_len={_bucket(len(n) // 3)}"]
    return f


# ------------------------------------------------------------------------------------ gold labels

def gold_keys(g: dict) -> dict[str, set]:
    out: dict[str, set] = {}
    if g.get("deadlines") is not None:
        out["deadlines"] = {d.get("date") for d in g["deadlines"]}
    if g.get("goals") is not None:
        out["targets"] = {(number_key(t["value"]), soft_key(t.get("unit") or "-")) for x in g["goals"] for t in x.get("targets", [])}
    if g.get("responsibilities") is not None:
        out["responsibilities"] = {tuple(soft_key(u) for u in r["units"]) for r in g["responsibilities"]}
    if g.get("pairings") is not None:
        out["pairings"] = {(soft_key(p["supporter"]), soft_key(p["recipient"])) for p in g["pairings"]}
    return out


def item_key(kind: str, item: dict, target: dict | None = None):
    if kind == "deadlines":
        return item.get("date")
    if kind == "targets":
        return (number_key(target["value"]), soft_key(target.get("unit") or "-"))
    if kind == "responsibilities":
        return tuple(soft_key(u) for u in item["units"])
    return (soft_key(item["supporter"]), soft_key(item["recipient"]))


def candidates(doc: Document):
    """(kind, item, target|None, features) for every relation item of the document."""
    ctx = Context(doc)
    rel = doc.relations
    for item in rel.get("deadlines", []):
        yield "deadlines", item, None, deadline_features(ctx, item)
    for goal in rel.get("goals", []):
        for t in goal.get("targets", []):
            yield "targets", goal, t, target_features(ctx, goal, t)
    for item in rel.get("responsibilities", []):
        yield "responsibilities", item, None, responsibility_features(ctx, item)
    for item in rel.get("pairings", []):
        yield "pairings", item, None, pairing_features(ctx, item)
