"""Per-field precision/recall/F1 against ``corpus/gold`` — strict and soft, GROBID-style.

See corpus/README.md for the gold format and the matching rules.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..schema.models import ProgramRecord
from ..text.normalize import soft_key

SINGLE = ("title", "doc_type", "doc_number", "signed_date", "published_date", "index_number")
LISTS = ("issuers", "recipients", "cc", "attachments", "cited_doc_numbers", "contact_names", "contact_units", "phones",
         "emails", "SCHOOL", "ORG", "sections", "section_categories")
# relations are multisets: an item reported twice is one false positive
RELATIONS = ("pairings", "pairings_lead", "responsibility_units", "responsibility_leads", "deadlines",
             "deadline_ranges", "deadline_times", "targets", "goal_years")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    docs: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    strict: dict[str, Counts] = field(default_factory=dict)
    soft: dict[str, Counts] = field(default_factory=dict)
    # not in the repr: a failing floor test must not print the sealed split's disagreements
    per_doc: dict[str, dict] = field(default_factory=dict, repr=False)
    calibration: dict = field(default_factory=dict, repr=False)

    def to_json(self) -> dict:
        def dump(d):
            return {k: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "docs": c.docs, "precision": round(c.precision, 4),
                        "recall": round(c.recall, 4), "f1": round(c.f1, 4)} for k, c in d.items()}
        return {"strict": dump(self.strict), "soft": dump(self.soft), "calibration": self.calibration,
                "documents": self.per_doc}


def number_key(v) -> str:
    """A target value as compared: 40.0 and 40 are the same."""
    return str(int(v)) if isinstance(v, (int, float)) and float(v).is_integer() else str(v)


def relation_fields(pairings, responsibilities, deadlines, goals) -> dict:
    """Relation items as comparable tuples; the inputs are dicts (gold) or dumped models (records)."""
    out: dict = {}
    if pairings is not None:
        out["pairings"] = [(p["supporter"], p["recipient"]) for p in pairings]
        out["pairings_lead"] = [(p["supporter"], p["recipient"], p.get("lead") or "-") for p in pairings]
    if responsibilities is not None:
        out["responsibility_units"] = [tuple(r["units"]) for r in responsibilities]
        out["responsibility_leads"] = [(r["lead_unit"],) for r in responsibilities if r.get("lead_unit")]
    if deadlines is not None:
        out["deadlines"] = [(d.get("date") or "-",) for d in deadlines]
        # a range is right when both ends are; a time of day when date and time are (items without one skipped)
        out["deadline_ranges"] = [(d.get("start_date"), d.get("date") or "-") for d in deadlines if d.get("start_date")]
        out["deadline_times"] = [(d.get("date") or "-", d.get("time")) for d in deadlines if d.get("time")]
    if goals is not None:
        out["targets"] = [(number_key(t["value"]), t.get("unit") or "-") for g in goals for t in g.get("targets", [])]
        out["goal_years"] = [(str(g["year"]),) for g in goals if g.get("year")]
    return out


def predicted_fields(rec: ProgramRecord) -> dict:
    d = rec.document
    # the numbered headings the guidelines annotate; an attachment's own label (附件1 …) heads the annex,
    # it is no numbered heading of the notice (corpus/GUIDELINES.md, *sections*)
    sections = [s for s in rec.sections if s.number and s.kind != "attachment"]
    return {
        "title": d.title, "doc_type": d.doc_type, "doc_number": d.doc_number.text if d.doc_number else None,
        "signed_date": d.signed_date, "published_date": d.published_date, "index_number": d.index_number,
        "issuers": d.issuers, "recipients": d.recipients, "cc": d.cc,
        "attachments": [a.title for a in d.attachments],
        "cited_doc_numbers": [c.doc_number for c in d.cited_documents if c.doc_number],
        "contact_names": [c.name for c in d.contacts if c.name],
        "contact_units": [u for c in d.contacts if (u := getattr(c, "unit", None))],
        "phones": [p for c in d.contacts for p in c.phones],
        "emails": [e.normalized for e in rec.entities if e.type == "EMAIL"],
        "SCHOOL": [e.normalized for e in rec.entities if e.type == "SCHOOL"],
        "ORG": [e.normalized if isinstance(e.normalized, str) else e.text for e in rec.entities if e.type == "ORG"],
        "sections": [f"{s.number}{s.heading}" for s in sections],
        "section_categories": [f"{s.number}{s.heading}|{s.category}" for s in sections],
        **relation_fields([p.model_dump() for p in rec.pairings], [r.model_dump() for r in rec.responsibilities],
                          [x.model_dump() for x in rec.deadlines], [g.model_dump() for g in rec.goals]),
    }


def gold_fields(g: dict) -> dict:
    d = g.get("document", {})
    out: dict = {}
    for k in SINGLE:
        if k in d:
            out[k] = d[k]
    for k in ("issuers", "recipients", "cc"):
        if k in d:
            out[k] = d[k]
    if "attachments" in d:
        out["attachments"] = [a["title"] for a in d["attachments"]]
    if "cited_documents" in d:
        out["cited_doc_numbers"] = [c["doc_number"] for c in d["cited_documents"] if c.get("doc_number")]
    if "contacts" in d:
        out["contact_names"] = [c["name"] for c in d["contacts"] if c.get("name")]
        out["phones"] = [p for c in d["contacts"] for p in c.get("phones", [])]
        if any("unit" in c for c in d["contacts"]) or not d["contacts"]:
            out["contact_units"] = [c["unit"] for c in d["contacts"] if c.get("unit")]
    if "emails" in d:
        out["emails"] = d["emails"]
    for etype in ("SCHOOL", "ORG"):
        if etype in g.get("entities", {}):
            out[etype] = g["entities"][etype]
    if "sections" in g:
        out["sections"] = [f"{s['number']}{s['heading']}" for s in g["sections"]]
        out["section_categories"] = [f"{s['number']}{s['heading']}|{s['category']}" for s in g["sections"]]
    out.update(relation_fields(g.get("pairings"), g.get("responsibilities"), g.get("deadlines"), g.get("goals")))
    return out


def _score_multiset(pred, gold, key, counts: Counts) -> dict:
    counts.docs += 1
    p = Counter(key(x) for x in (pred or []))
    g = Counter(key(x) for x in (gold or []))
    tp = sum((p & g).values())
    counts.tp += tp
    counts.fp += sum((p - g).values())
    counts.fn += sum((g - p).values())
    return {"fp": sorted((p - g).elements()), "fn": sorted((g - p).elements())}


def _tuple_key(fn):
    return lambda t: " | ".join(fn(str(c)) for c in t)


def _score(pred, gold, key, counts: Counts) -> dict:
    counts.docs += 1
    if isinstance(gold, list) or isinstance(pred, list):
        p = {key(x) for x in (pred or []) if x}
        g = {key(x) for x in (gold or []) if x}
        tp = len(p & g)
        counts.tp += tp
        counts.fp += len(p - g)
        counts.fn += len(g - p)
        return {"fp": sorted(p - g), "fn": sorted(g - p)}
    if gold is None and pred is None:
        return {}
    if gold is not None and pred is not None and key(pred) == key(gold):
        counts.tp += 1
        return {}
    if pred is not None:
        counts.fp += 1
    if gold is not None:
        counts.fn += 1
    return {"pred": pred, "gold": gold}


def _soft(x: str) -> str:
    return soft_key(x)


def evaluate(records: dict[str, ProgramRecord], gold_dir: Path, only: list[str] | None = None) -> Report:
    rep = Report()
    for gpath in sorted(gold_dir.glob("*.json")):
        g = json.loads(gpath.read_text("utf-8"))
        doc_id = g.get("doc", gpath.stem)
        if only and doc_id not in only:
            continue
        if doc_id not in records:
            continue
        pred, gold = predicted_fields(records[doc_id]), gold_fields(g)
        errors = {}
        for fld, gv in gold.items():
            for mode, key in (("strict", str), ("soft", _soft)):
                bucket = getattr(rep, mode).setdefault(fld, Counts())
                if fld in RELATIONS:
                    diff = _score_multiset(pred.get(fld), gv, _tuple_key(key), bucket)
                else:
                    diff = _score(pred.get(fld), gv, key, bucket)
                if mode == "soft" and diff and (diff.get("fp") or diff.get("fn") or "gold" in diff):
                    errors[fld] = diff
        rep.per_doc[doc_id] = errors
    return rep


def format_table(rep: Report, fields: list[str] | None = None) -> str:
    names = fields or [f for f in (*SINGLE, *LISTS, *RELATIONS) if f in rep.soft]
    lines = [f"{'field':<20}{'docs':>5} | {'strict P':>8}{'R':>7}{'F1':>7} | {'soft P':>8}{'R':>7}{'F1':>7}",
             "-" * 74]
    for f in names:
        s, o = rep.strict[f], rep.soft[f]
        lines.append(f"{f:<20}{o.docs:>5} | {s.precision:>8.3f}{s.recall:>7.3f}{s.f1:>7.3f} | "
                     f"{o.precision:>8.3f}{o.recall:>7.3f}{o.f1:>7.3f}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- calibration

def scored_items(records: dict[str, ProgramRecord], gold_dir: Path):
    """(doc id, kind, shown value, confidence, right) for every scored item of every record with gold for that
    kind: entity names, and deadlines, targets, responsibilities and pairings by their gold key."""
    from ..learn.relations import gold_keys, item_key

    for gpath in sorted(gold_dir.glob("*.json")):
        g = json.loads(gpath.read_text("utf-8"))
        doc_id = g.get("doc", gpath.stem)
        rec = records.get(doc_id)
        if rec is None:
            continue
        ents = g.get("entities") or {}
        for etype in ("SCHOOL", "ORG"):
            if etype in ents:
                gold = {_soft(x) for x in ents[etype]}
                for e in rec.entities:
                    if e.type == etype and e.confidence is not None:
                        yield doc_id, etype, e.text, e.confidence, _soft(e.normalized) in gold
        keys = gold_keys(g)
        items = {"deadlines": [(x.model_dump(), None) for x in rec.deadlines],
                 "targets": [(gl.model_dump(), t) for gl in rec.goals for t in gl.model_dump()["targets"]],
                 "responsibilities": [(x.model_dump(), None) for x in rec.responsibilities],
                 "pairings": [(x.model_dump(), None) for x in rec.pairings]}
        for kind, pairs in items.items():
            if kind not in keys:
                continue
            for item, target in pairs:
                conf = (target or item).get("confidence")
                if conf is not None:
                    key = item_key(kind, item, target)
                    yield doc_id, kind, key, conf, key in keys[kind]


def calibration_items(records: dict[str, ProgramRecord], gold_dir: Path) -> list[tuple[float, bool, str]]:
    """(confidence, right, kind) for every scored item of every record with gold for that kind."""
    return [(conf, right, kind) for _, kind, _, conf, right in scored_items(records, gold_dir)]


def calibration_summary(items: list[tuple[float, bool, str]], bins: int = 10) -> dict:
    """Expected calibration error, accuracy of the confident items, and the reliability table."""
    from ..learn.train import ece

    if not items:
        return {"items": 0}
    conf = [c for c, _, _ in items]
    right = [int(r) for _, r, _ in items]
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [(c, r) for c, r in zip(conf, right) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if sel:
            table.append({"bin": [round(lo, 2), round(hi, 2)], "items": len(sel),
                          "confidence": round(sum(c for c, _ in sel) / len(sel), 4),
                          "accuracy": round(sum(r for _, r in sel) / len(sel), 4)})
    high = [r for c, r in zip(conf, right) if c >= 0.9]
    per_kind = {}
    for kind in sorted({k for *_, k in items}):
        sel = [(c, int(r)) for c, r, k in items if k == kind]
        per_kind[kind] = {"items": len(sel), "ece": round(ece([c for c, _ in sel], [r for _, r in sel]), 4)}
    return {"items": len(items), "ece": round(ece(conf, right), 4),
            "confident_items": len(high), "confident_accuracy": round(sum(high) / len(high), 4) if high else None,
            "reliability": table, "per_kind": per_kind}


def reliability_plot(summary: dict, path: Path, title: str) -> bool:
    """A reliability diagram (PNG) of the summary; False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    rows = summary.get("reliability") or []
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    ax.plot([r["confidence"] for r in rows], [r["accuracy"] for r in rows], "o-", color="tab:blue", label="items")
    for r in rows:
        ax.annotate(str(r["items"]), (r["confidence"], r["accuracy"]), textcoords="offset points", xytext=(4, -10),
                    fontsize=7)
    ax.set_xlabel("confidence")
    ax.set_ylabel("share right")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_title(f"{title}: ECE {summary.get('ece')}, {summary.get('items')} items", fontsize=9)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return True
