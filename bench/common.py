"""Shared by the benchmarks: best-of-N timing."""
from __future__ import annotations

import time


def best(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn`` in seconds (the least disturbed by other load)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
