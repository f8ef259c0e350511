"""What the learned parts cost: the same build with the models off (``PE_DECIDE=rules``) and on.

    python bench/bench_decide.py [--repeat 7] [--json out.json]

Both settings run in one process, alternating, on the eleven seed and pool notices concatenated (as
``bench_pipeline.py``), on the same eleven notices extracted one after another, and on the dev archive
pages one by one; every cache keyed by text is cleared
before each timing, so neither setting profits from the other's work. Prints best-of-N seconds and
``cost`` = 1 − throughput(models) / throughput(rules); issue 9 allows at most 0.15.

Timings are CPU seconds of this process (``time.process_time``): on the shared 2-core VM the wall clock
of the same work varies by a third between timings (steal time, neighbours), which is as wide as what is
measured. Each repeat times both settings back to back, in alternating order, and gives one paired cost;
``cost`` is the median of the paired costs (``best cost`` the one from the best-of-N times, as before).
``share`` is measured inside the timings with the models: the CPU time of the two decide stages over the
whole timing, per repeat, median — the same quantity seen from within one run, so drift between the two
settings' timings does not enter it.
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import statistics
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
    t = time.process_time()
    fn()
    return time.process_time() - t


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
    from extractor.core import pipeline as P

    stage_time: dict[str, float] = {}

    def clocked(c):
        def run(doc, _run=c.run, _name=c.name):
            t = time.process_time()
            try:
                return _run(doc)
            finally:
                stage_time[_name] = stage_time.get(_name, 0.0) + time.process_time() - t
        return c._replace(run=run)

    P._default = P.Pipeline(tuple(clocked(c) for c in P.DEFAULT_STAGES))
    shares: dict[str, list[float]] = {j: [] for j in jobs}
    for fn in jobs.values():
        fn()
    best: dict[str, dict[str, float]] = {j: {"rules": 1e9, "combined": 1e9} for j in jobs}
    paired: dict[str, list[float]] = {j: [] for j in jobs}
    for i in range(a.repeat):
        for job, fn in jobs.items():
            took = {}
            # alternate which setting goes first, so a drift within the pair does not favour one
            for setting in (("rules", "combined") if i % 2 == 0 else ("combined", "rules")):
                os.environ["PE_DECIDE"] = setting
                stage_time.clear()
                took[setting] = timed(fn)
                if setting == "combined":
                    shares[job].append((stage_time["decide_entities"] + stage_time["decide_relations"]) / took[setting])
                best[job][setting] = min(best[job][setting], took[setting])
            paired[job].append(1 - took["rules"] / took["combined"])
    out = {}
    for job, b in best.items():
        best_cost = 1 - b["rules"] / b["combined"]
        cost = statistics.median(paired[job])
        out[job] = {"rules_s": round(b["rules"], 4), "combined_s": round(b["combined"], 4), "cost": round(cost, 3),
                    "best_cost": round(best_cost, 3), "paired": [round(c, 3) for c in paired[job]],
                    "share": round(statistics.median(shares[job]), 3), "shares": [round(x, 3) for x in shares[job]]}
        print(f"{job:10s} rules {b['rules']:.4f} s   models {b['combined']:.4f} s   cost {cost:.1%} (median of "
              f"{len(paired[job])} pairs, {min(paired[job]):.1%}–{max(paired[job]):.1%}; best-of-N {best_cost:.1%})   "
              f"share {statistics.median(shares[job]):.1%} ({min(shares[job]):.1%}–{max(shares[job]):.1%})")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), "utf-8")


if __name__ == "__main__":
    main()
