"""Rules propose, models decide: the stages that score candidates and set every item's ``confidence``.

``decide_entities`` runs after ``annotate`` (so relations see the decided names): the SCHOOL and ORG
candidates — the rule components' names, their shorter alternatives and the organization proposals —
are scored by the entity model; at each place the best-scoring boundary is kept when its calibrated
probability reaches the model's threshold. ``decide_relations`` runs after ``relate`` and scores each
relation item the same way.

``PE_DECIDE=rules`` turns the models off: the rule output is kept as
it is, with ``confidence: null``. Without a model file the stage does the same and warns once.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ..core.document import Document, Span
from ..text.normalize import squeeze
from .entities import context_features, name_features, org_as_school, propose_orgs, school_alternatives, token_bounds
from .model import LinearScorer

ENTITY_MODEL = "entity_scorer.json"
SCORED_ENTITIES = ("SCHOOL", "ORG")


def mode() -> str:
    return os.environ.get("PE_DECIDE", "combined")


@lru_cache(maxsize=8)
def load_scorer(name: str, directory: str | None = None) -> LinearScorer | None:
    from ..stages.classify import model_dir

    path = Path(directory) if directory else model_dir()
    f = path / name
    if not f.is_file():
        return None
    return LinearScorer.from_json(json.loads(f.read_text("utf-8")))


def warm_models() -> None:
    """Load every shipped scorer (before forking workers, so they share them)."""
    from .relations import KINDS

    load_scorer(ENTITY_MODEL)
    for kind in KINDS:
        load_scorer(relation_model(kind))
    from ..rules.gazetteer import gazetteer

    gazetteer()


def _title_span(doc: Document) -> tuple[int, int]:
    title = doc.info.get("title")
    if title:
        i = doc.text.find(title[:8])
        if i >= 0:
            return i, i + len(title)
    return 0, 0


_SCHOOL_COLUMN = re.compile(r"学校|校名|园所|幼儿园|学校名称|[帮扶援受托]校|中学|小学")
_UNIT_COLUMN = re.compile(r"单位|部门|机构|处室|科室")


# a campus or a division printed with its school (某中学西校区, 某中学初中部): one school (GUIDELINES)
_CAMPUS = re.compile(r"[\u4e00-\u9fff]{1,4}?校区|(?:初中|高中|小学|中学|普高|幼儿|国际)部")
_ORG_AFTER_SCHOOL = re.compile(r"教育集团|集团|党委|党总支|党支部|团委|工会|教职工代表大会")
# verbs that join two bodies in a clause; no organization's or school's name holds one
_CLAUSE_VERB = re.compile("会同|负责|配合|协助")
# 我市丹河中学, 本县教育局: the speaker's own place is no part of a name (本溪 is a city: 本 + a level word only)
_PRONOUN_LEVEL = re.compile("(?:我|本)[市县区省镇乡旗州](?!溪)")


def _candidates(doc: Document):
    """(label, start, end, how, name, context features) for every SCHOOL/ORG candidate, in a fixed order;
    a candidate's features are ``name_features(label, name)`` followed by the context features."""
    text = doc.text
    toks = doc.tokens
    cands: dict[tuple[str, int, int], str] = {}
    starts, ends = token_bounds(toks)
    for sp in doc.entities:
        if sp.label == "SCHOOL":
            cands.setdefault(("SCHOOL", sp.start, sp.end), "rule")
            for s, e, how in school_alternatives(text, toks, sp, starts):
                cands.setdefault(("SCHOOL", s, e), how)
            campus = _CAMPUS.match(text, sp.end)
            if campus:
                cands.setdefault(("SCHOOL", sp.start, campus.end()), "campus")
        elif sp.label == "ORG":
            cands.setdefault(("ORG", sp.start, sp.end), "rule")
    for s, e, how in propose_orgs(text, toks, starts, ends):
        cands.setdefault(("ORG", s, e), how)
        if org_as_school(text, s, e):
            cands.setdefault(("SCHOOL", s, e), "from_org")
    # how often each name is proposed in the document (agreement of repeated names), counted once: a
    # text.count per name would make long documents quadratic
    names = {key: text[key[1]:key[2]].replace("\n", "") for key in cands}
    counts = Counter(names.values())
    titles = _title_span(doc)
    orgs = sorted((s, e) for (lab, s, e) in cands if lab == "ORG")
    org_starts = [s for s, _ in orgs]
    # a candidate that is a whole table cell, and what its column holds (学校, 单位, 姓名 …)
    cells: dict[tuple[int, int], str] = {}
    for t in doc.tables:
        for r in t.rows:
            for i, c in enumerate(r.cells):
                if not c.merged:
                    for v in c.values:
                        cells[(v.start, v.end)] = t.columns[i] if i < len(t.columns) and t.columns[i] else ""
    for key, how in sorted(cands.items(), key=lambda kv: (kv[0][1], -kv[0][2], kv[0][0])):
        lab, s, e = key
        name = names[key]
        if name.count("（") + name.count("(") != name.count("）") + name.count(")"):
            continue      # a bracket the name opens and does not close (团委（包括团学联): a cut, never a name
        if _CLAUSE_VERB.search(name) or _PRONOUN_LEVEL.match(name):
            continue      # 县教育局人事股要会同县人社局 (two bodies and the verb between them), 我市某中学: never one name
        if lab == "ORG" and name.endswith("部") and text.startswith("门", e):
            continue      # 教育部|门: the word 部门 cut, no ministry
        f = context_features(doc, lab, s, e, how, counts, titles, name)
        if lab == "SCHOOL":
            i = bisect.bisect_right(org_starts, s)
            for a, b in orgs[max(0, i - 8):i]:
                if a <= s and e <= b and (a, b) != (s, e):
                    f.append("SCHOOL:inside_org")
                    break
        if lab == "ORG" and how != "rule" and ("SCHOOL", s, e) in cands:
            f.append("ORG:also_school")
        col = cells.get((s, e))
        if col is not None and lab == "SCHOOL":
            f.append(f"{lab}:whole_cell")
            f.append(f"{lab}:column=" + ("school" if _SCHOOL_COLUMN.search(col) else "unit" if _UNIT_COLUMN.search(col)
                                         else "other"))
        yield lab, s, e, how, name, f


def entity_candidates(doc: Document) -> list[tuple[str, int, int, str, list[str]]]:
    """(label, start, end, how, features) for every SCHOOL/ORG candidate of the document (for training)."""
    return [(lab, s, e, how, [*name_features(lab, name), *f]) for lab, s, e, how, name, f in _candidates(doc)]


def decide_entities(doc: Document, scorer: LinearScorer | None = None) -> Document:
    """``scorer``: an entity scorer to decide with (training passes the one it has just fitted); default
    the shipped model."""
    if mode() == "rules":
        return doc
    scorer = scorer or load_scorer(ENTITY_MODEL)
    if scorer is None:
        doc.warn(f"no entity model ({ENTITY_MODEL}): SCHOOL and ORG are the rules' output, without confidence")
        return doc
    # the name's share of the score is summed once per name (names repeat within and across documents);
    # the context's share is added to it in the same order as ``LinearScorer.raw`` adds them
    scored = []
    for lab, s, e, how, name, f in _candidates(doc):
        part = scorer.partial((lab, name), name_features)
        p, ok = scorer.score_from(part, f)
        if ok:
            scored.append((p, lab, s, e))
    # a name and its own office both accepted (团委 and 团委宣传部, 市教育局 and 市教育局基础教育科): the office
    # is the name printed here, so the shorter one that it extends to the right is not a rival
    longest_end: dict[tuple[str, int], int] = {}
    for p, lab, s, e in scored:
        if e > longest_end.get((lab, s), -1):
            longest_end[(lab, s)] = e
    scored = [x for x in scored if longest_end[(x[1], x[2])] == x[3]]
    # one boundary per place: among overlapping candidates of one label, the most probable wins
    chosen: list[tuple[float, str, int, int]] = []
    taken: dict[str, bytearray] = {}     # per label, 1 at every character a chosen name covers
    for p, lab, s, e in sorted(scored, key=lambda x: (-x[0], x[2], -x[3], x[1])):
        used = taken.get(lab)
        if used is None:
            used = taken[lab] = bytearray(len(doc.text))
        if used.find(1, s, e) != -1:
            continue
        used[s:e] = b"\x01" * (e - s)
        chosen.append((p, lab, s, e))
    # a school printed inside an organization's name (某中学教育集团, 某中学安全处, 某中学党委) is that
    # organization, not a school of its own (corpus/GUIDELINES.md)
    orgs = sorted((s, e) for _, lab, s, e in chosen if lab == "ORG")
    org_starts = [s for s, _ in orgs]

    def inside_org(s: int, e: int) -> bool:
        # chosen ORG spans never overlap (one boundary per place): only the last one opening at or before s
        i = bisect.bisect_right(org_starts, s) - 1
        return i >= 0 and e <= orgs[i][1] and orgs[i][1] - orgs[i][0] > e - s

    text = doc.text
    chosen = [c for c in chosen if c[1] != "SCHOOL" or not inside_org(c[2], c[3])]
    # …and so is one printed right before a group's or a Party body's word even where that organization was
    # not decided as a name (某一中教育集团教职工…, 某一中党委书记): never a school of its own
    chosen = [c for c in chosen if c[1] != "SCHOOL" or not _ORG_AFTER_SCHOOL.match(text, c[3])]
    # one span is one kind of body: where SCHOOL and ORG both accept the same characters, the more probable
    best_of: dict[tuple[int, int], float] = {}
    for p, lab, s, e in chosen:
        best_of[(s, e)] = max(best_of.get((s, e), 0.0), p)
    chosen = [c for c in chosen if c[0] == best_of[(c[2], c[3])]]
    kept = [sp for sp in doc.entities if sp.label not in SCORED_ENTITIES]
    for p, lab, s, e in chosen:
        kept.append(Span(lab, s, e, text[s:e], squeeze(text[s:e]), round(p, 4)))
    doc.entities = sorted(kept, key=lambda sp: (sp.start, -sp.end, sp.label))
    return doc


def relation_model(kind: str) -> str:
    return f"relation_{kind}.json"


def decide_relations(doc: Document) -> Document:
    from .relations import candidates

    if mode() == "rules":
        _rules_only(doc)
        return doc
    drop: set[int] = set()
    missing = []
    for kind, item, target, f in candidates(doc):
        scorer = load_scorer(relation_model(kind))
        if scorer is None:
            missing.append(kind)
            continue
        p, ok = scorer.score(f)
        holder = target if target is not None else item
        holder["confidence"] = round(p, 4)
        if not ok:
            drop.add(id(holder))
    for kind in sorted(set(missing)):
        doc.warn(f"no {kind} model ({relation_model(kind)}): its items are the rules' output, without confidence")
        name = "goals" if kind == "targets" else kind
        for x in doc.relations.get(name, []):
            if x.get("_kind") in _PROPOSAL_KINDS.get(name, ()):
                drop.add(id(x))
    rel = doc.relations
    for name in ("deadlines", "responsibilities", "pairings"):
        rel[name] = [x for x in rel.get(name, []) if id(x) not in drop]
    rel["responsibilities"] = _one_per_duty(rel["responsibilities"])
    goals = []
    for g in rel.get("goals", []):
        if id(g) in drop:
            continue
        had = bool(g.get("targets"))
        g["targets"] = [t for t in g.get("targets", []) if id(t) not in drop]
        if had and not g["targets"] and not g.get("year"):
            continue        # every amount of a yearless goal was rejected: nothing is left to reach
        scores = [t["confidence"] for t in g["targets"] if t.get("confidence") is not None]
        g["confidence"] = max(scores) if scores else None
        goals.append(g)
    rel["goals"] = goals
    _strip_private(doc)
    return doc


def _one_per_duty(items: list[dict]) -> list[dict]:
    """Kept items that restate one another — the same units read from the same words (由X负责… proposed
    beside the rule's X负责…, 请X做好… beside X做好…) — are one duty: the most confident of them stays."""
    ranked = sorted(items, key=lambda x: -(x.get("confidence") or 0.0))
    kept: list[dict] = []
    for x in ranked:
        units = set(x["units"])
        # (opening at the same place, give or take the 由/请 before the unit: two clauses of one sentence
        # may give the same unit two duties)
        if not any(abs(y["start"] - x["start"]) <= 2 and set(y["units"]) == units for y in kept):
            kept.append(x)
    ids = {id(x) for x in kept}
    return [x for x in items if id(x) in ids]


# candidates the rules alone would not emit (a date that is not a deadline by the rules' cues)
_PROPOSAL_KINDS = {"deadlines": ("start", "other", "clock"),
                   "goals": ("build",),
                   "responsibilities": ("by_unit", "is_responsible", "request", "unit_line", "unit_colon", "entity_subject",
                                        "table", "next_subject", "task_colon", "trailing_units")}


def _strip_private(doc: Document) -> None:
    for items in doc.relations.values():
        for x in items:
            for k in [k for k in x if k.startswith("_")]:
                del x[k]


def _rules_only(doc: Document) -> None:
    for name, kinds in _PROPOSAL_KINDS.items():
        doc.relations[name] = [x for x in doc.relations.get(name, []) if x.get("_kind") not in kinds]
    _strip_private(doc)
