"""Inter-annotator agreement on the test split, and the list of disagreements for adjudication.

    python tools/agreement.py corpus/test            # prints the table, writes corpus/test/AGREEMENT.md
    python tools/agreement.py corpus/test --diff d.json   # also every disagreement, per document and field

The two independent annotations are ``annotations/a/<doc>.json`` and ``annotations/b/<doc>.json``. Each field
is compared the way the evaluator compares a record with gold (soft keys, sets for lists, multisets for
relations), taking A as reference: for a set-valued field, F1 between the annotators is the usual
agreement measure for span and set annotations (Hripcsak & Rothschild 2005), symmetric in A and B.
Single-valued fields report the share of documents where both wrote the same value. Section categories
also get Cohen's kappa over the headings both annotators listed.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor.evaluation.scoring import LISTS, RELATIONS, SINGLE, Counts, gold_fields  # noqa: E402
from extractor.text.normalize import soft_key  # noqa: E402


def _key(x) -> str:
    return " | ".join(soft_key(str(c)) for c in x) if isinstance(x, tuple) else soft_key(str(x))


def compare(a_dir: Path, b_dir: Path):
    counts: dict[str, Counts] = {}
    same: dict[str, list[int]] = {}
    diffs: dict[str, dict] = {}
    pairs = []   # section category pairs for kappa
    docs = sorted(p.stem for p in a_dir.glob("*.json") if (b_dir / p.name).exists())
    for doc in docs:
        ga = json.loads((a_dir / f"{doc}.json").read_text("utf-8"))
        gb = json.loads((b_dir / f"{doc}.json").read_text("utf-8"))
        fa, fb = gold_fields(ga), gold_fields(gb)
        d = {}
        for fld in fa.keys() & fb.keys():
            va, vb = fa[fld], fb[fld]
            if fld in SINGLE:
                ok = (va is None and vb is None) or (va is not None and vb is not None and _key(va) == _key(vb))
                same.setdefault(fld, [0, 0])
                same[fld][0] += ok
                same[fld][1] += 1
                if not ok:
                    d[fld] = {"a": va, "b": vb}
                continue
            c = counts.setdefault(fld, Counts())
            c.docs += 1
            if fld in RELATIONS:
                ca, cb = Counter(_key(x) for x in va), Counter(_key(x) for x in vb)
                tp = sum((ca & cb).values())
                only_a, only_b = sorted((ca - cb).elements()), sorted((cb - ca).elements())
            else:
                sa, sb = {_key(x) for x in va if x}, {_key(x) for x in vb if x}
                tp = len(sa & sb)
                only_a, only_b = sorted(sa - sb), sorted(sb - sa)
            c.tp += tp
            c.fn += len(only_a)
            c.fp += len(only_b)
            if only_a or only_b:
                d[fld] = {"only_a": only_a, "only_b": only_b}
        sa = {soft_key(s["number"] + s["heading"]): s["category"] for s in ga.get("sections") or []}
        sb = {soft_key(s["number"] + s["heading"]): s["category"] for s in gb.get("sections") or []}
        pairs += [(sa[k], sb[k]) for k in sa.keys() & sb.keys()]
        diffs[doc] = d
    return docs, counts, same, diffs, pairs


def kappa(pairs) -> float | None:
    if not pairs:
        return None
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca.keys() | cb.keys()) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def table(docs, counts, same, pairs) -> str:
    lines = [f"{len(docs)} documents annotated twice, independently (A and B).", "",
             "| field | docs | agreement | measure |", "|---|---|---|---|"]
    for fld in SINGLE:
        if fld in same:
            k, n = same[fld]
            lines.append(f"| {fld} | {n} | {k / n:.3f} | share of documents with the same value |")
    for fld in (*LISTS, *RELATIONS):
        if fld in counts:
            c = counts[fld]
            if c.tp + c.fp + c.fn == 0:
                lines.append(f"| {fld} | {c.docs} | n/a | neither annotator found one |")
                continue
            lines.append(f"| {fld} | {c.docs} | {c.f1:.3f} | F1 between A and B ({c.tp} agreed, {c.fn} only A, "
                         f"{c.fp} only B) |")
    k = kappa(pairs)
    if k is not None:
        lines.append(f"| section category (kappa) | {len(pairs)} headings | {k:.3f} | Cohen's kappa over headings "
                     "both listed |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", type=Path)
    ap.add_argument("--diff", type=Path, help="write every disagreement here (JSON)")
    ap.add_argument("--no-write", action="store_true", help="do not write AGREEMENT.md")
    a = ap.parse_args()
    docs, counts, same, diffs, pairs = compare(a.split / "annotations" / "a", a.split / "annotations" / "b")
    t = table(docs, counts, same, pairs)
    print(t)
    if not a.no_write:
        (a.split / "AGREEMENT.md").write_text(
            "# Inter-annotator agreement (before adjudication)\n\nMade by `python tools/agreement.py corpus/test`; "
            "see the script's docstring for the measures.\n\n" + t + "\n", "utf-8")
    if a.diff:
        a.diff.write_text(json.dumps(diffs, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
