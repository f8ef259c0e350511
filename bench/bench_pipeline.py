"""Full-pipeline throughput as a ratio to plain jieba.lcut(HMM=False), same text, same process.

    python bench/bench_pipeline.py [--repeat 5] [--json out.json]

Prints: characters, seconds per run for the baseline and the pipeline (best of N), the ratio
(pipeline throughput / baseline throughput; ≥ 1.0 means the whole pipeline is no slower than stock
jieba segmentation alone), start-up time (import + first extraction of a tiny notice, in a fresh
subprocess) and peak RSS.
"""
from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STARTUP = ("import time; t=time.perf_counter(); from extractor import extract_text; "
           "extract_text('关于开展工作的通知\\n各单位：\\n一、目标\\n到2025年完成。\\n某市教育局\\n2022年3月31日'); "
           "print(time.perf_counter()-t)")


from common import best  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json")
    a = ap.parse_args()

    startup = float(subprocess.run([sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True,
                                   check=True).stdout.strip())
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "corpus" / "dev" / "notices").glob("[0p]*.txt"))]
    corpus = "\n\n".join(texts)

    import jieba

    from extractor import extract_text

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    extract_text(corpus)  # warm caches (gazetteer, model, spaCy) outside the timing, as for jieba.initialize()
    t_base = best(lambda: jieba.lcut(corpus, HMM=False), a.repeat)
    t_pipe = best(lambda: extract_text(corpus), a.repeat)
    per_doc = best(lambda: [extract_text(t) for t in texts], max(1, a.repeat // 2))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"chars": len(corpus), "documents": len(texts), "baseline_jieba_lcut_s": round(t_base, 4),
           "pipeline_s": round(t_pipe, 4), "ratio": round(t_base / t_pipe, 3),
           "pipeline_chars_per_s": round(len(corpus) / t_pipe), "per_document_total_s": round(per_doc, 4),
           "startup_s": round(startup, 3), "peak_rss_mb": round(rss_mb, 1)}
    print(f"corpus: {out['chars']} characters ({out['documents']} notices, concatenated)")
    print(f"jieba.lcut(HMM=False)   {t_base:.4f} s")
    print(f"full pipeline extract   {t_pipe:.4f} s   ({out['pipeline_chars_per_s']:,} chars/s)")
    print(f"ratio (pipeline throughput / jieba throughput): {out['ratio']:.3f}")
    print(f"11 notices one by one   {per_doc:.4f} s")
    print(f"start-up (import + first tiny extraction, fresh process): {startup:.3f} s")
    print(f"peak RSS: {out['peak_rss_mb']:.1f} MB")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), "utf-8")


if __name__ == "__main__":
    main()
