"""Whole-archive audit: a fixed-seed sample of extracted items for a person to judge, and its score.

    policy-extract run ../shared/archive-sample/html --out out/archive -q -j 2
    python tools/audit.py sample out/archive/records.jsonl corpus/audit/sample.json     # seed 9
    (an annotator who did not write the rules fills in "right": true/false and "why" for each item)
    python tools/audit.py score corpus/audit/judged.json

Sampled: 200 SCHOOL entities, 100 ORG entities, 120 responsibilities, 80 targets, each uniformly over
all items of that kind in the archive's records, with the text around it as evidence.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

SIZES = {"SCHOOL": 200, "ORG": 100, "responsibility": 120, "target": 80}
SEED = 9


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    return text[max(0, start - width):start] + "【" + text[start:end] + "】" + text[end:end + width]


def sample(records: Path, out: Path) -> None:
    pools: dict[str, list[dict]] = {k: [] for k in SIZES}
    for line in records.read_text("utf-8").splitlines():
        rec = json.loads(line)
        text, src = rec["text"], Path(rec["source"]["path"]).name
        title = rec["document"].get("title")
        for e in rec["entities"]:
            if e["type"] in ("SCHOOL", "ORG"):
                pools[e["type"]].append({"kind": e["type"], "page": src, "title": title, "value": e["text"],
                                         "confidence": e.get("confidence"),
                                         "context": _context(text, e["start"], e["end"])})
        for r in rec["responsibilities"]:
            pools["responsibility"].append({"kind": "responsibility", "page": src, "title": title,
                                            "value": {"units": r["units"], "lead_unit": r["lead_unit"]},
                                            "confidence": r.get("confidence"),
                                            "context": _context(text, r["start"], r["end"], 80)})
        for g in rec["goals"]:
            for t in g["targets"]:
                pools["target"].append({"kind": "target", "page": src, "title": title,
                                        "value": {"value": t["value"], "unit": t["unit"], "object": t["object"]},
                                        "confidence": t.get("confidence"),
                                        "context": _context(text, g["start"], g["end"], 40)})
    rng = random.Random(SEED)
    items = []
    for kind, n in SIZES.items():
        pool = pools[kind]
        chosen = rng.sample(pool, min(n, len(pool)))
        items += [{"id": f"{kind}-{i:03d}", **x, "right": None, "why": None} for i, x in enumerate(chosen)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"seed": SEED, "pool_sizes": {k: len(v) for k, v in pools.items()}, "items": items},
                              ensure_ascii=False, indent=1), "utf-8")
    print(f"{len(items)} items written to {out} (pools: { {k: len(v) for k, v in pools.items()} })")


def score(judged: Path) -> None:
    data = json.loads(judged.read_text("utf-8"))
    right, total = Counter(), Counter()
    for it in data["items"]:
        if it.get("right") is None:
            continue
        total[it["kind"]] += 1
        right[it["kind"]] += bool(it["right"])
    for kind in SIZES:
        if total[kind]:
            print(f"{kind:<15} {right[kind]:>4} of {total[kind]:>4} right: precision {right[kind] / total[kind]:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("records", type=Path)
    s.add_argument("out", type=Path)
    c = sub.add_parser("score")
    c.add_argument("judged", type=Path)
    a = ap.parse_args()
    if a.cmd == "sample":
        sample(a.records, a.out)
    else:
        score(a.judged)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
