"""What the learned parts cost: the same build with the models off (``PE_DECIDE=rules``) and on.

    python bench/bench_decide.py [--repeat 7] [--json out.json]

Both settings run in one process, alternating, on the eleven seed and pool notices concatenated (as
``bench_pipeline.py``), on the same eleven notices extracted one after another, and on the dev archive
pages one by one; every cache keyed by text is cleared
before each timing, so neither setting profits from the other's work. Prints best-of-N seconds and
``cost`` = 1 − throughput(models) / throughput(rules); issue 9 allows at most 0.15.
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def clear_caches() -> None:
    """Every functools cache of the package except the loaded resources (models, gazetteer, nlp)."""
    for mod in list(sys.modules.values()):
        if not getattr(mod, "__name__", "").startswith("extractor"):
            continue
        for obj in vars(mod).values():
            if isinstance(obj, functools._lru_cache_wrapper) and obj.cache_info().maxsize not in (None, 1, 4, 8):
                obj.cache_clear()
    from extractor.learn.decide import ENTITY_MODEL, load_scorer

    scorer = load_scorer(ENTITY_MODEL)
    if scorer is not None:
        scorer.clear_partials()      # the per-name score sums (a cache keyed by text, too)


def timed(fn) -> float:
    clear_caches()
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json")
    a = ap.parse_args()
    from extractor import extract_file, extract_text
    from extractor.core.pipeline import warm_up

    texts = [p.read_text("utf-8") for p in sorted((ROOT / "corpus/dev/notices").glob("[0p]*.txt"))]
    notices = "\n\n".join(texts)
    pages = sorted((ROOT / "corpus/dev/notices").glob("arc-*.html"))
    # "notices" is the worst case: one long document, so no name is scored twice; "one by one" is the
    # same eleven texts as a batch run sees them (the per-name score sums carry over between documents)
    jobs = {"notices": lambda: extract_text(notices),
            "one by one": lambda: [extract_text(t) for t in texts],
            "pages": lambda: [extract_file(p) for p in pages]}
    warm_up()
    for fn in jobs.values():
        fn()
    best: dict[str, dict[str, float]] = {j: {"rules": 1e9, "combined": 1e9} for j in jobs}
    for _ in range(a.repeat):
        for job, fn in jobs.items():
            for setting in ("rules", "combined"):
                os.environ["PE_DECIDE"] = setting
                best[job][setting] = min(best[job][setting], timed(fn))
    out = {}
    for job, b in best.items():
        cost = 1 - b["rules"] / b["combined"]
        out[job] = {"rules_s": round(b["rules"], 4), "combined_s": round(b["combined"], 4), "cost": round(cost, 3)}
        print(f"{job:10s} rules {b['rules']:.4f} s   models {b['combined']:.4f} s   cost {cost:.1%}")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), "utf-8")


if __name__ == "__main__":
    main()
