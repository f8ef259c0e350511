"""A small linear scorer stored as JSON: sparse binary features → logistic score → calibrated probability.

Why this shape: it is deterministic to train (liblinear-free lbfgs on sorted features), small on disk
(a vocabulary and one weight per feature), loaded without unpickling, and fast to apply (a sum of weights
per candidate). Calibration is isotonic, fitted on out-of-fold scores, stored as its step points.
"""
from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path


@dataclass
class LinearScorer:
    kind: str
    weights: dict[str, float]
    bias: float
    calib_x: list[float] = field(default_factory=list)   # isotonic step points: raw score → probability
    calib_y: list[float] = field(default_factory=list)
    threshold: float = 0.5
    card: dict = field(default_factory=dict)
    # the decision, on the raw score: kept when raw ≥ cutoff (None: when the probability ≥ threshold).
    # The calibration is shrunk toward the base rate, so the decision is made where the unshrunk one was.
    cutoff: float | None = None

    _partials: dict = field(default_factory=dict, repr=False, compare=False)

    def raw(self, feats: list[str]) -> float:
        return self.bias + self._sum(feats)

    def _sum(self, feats, start: float = 0.0) -> float:
        """``start`` plus the weights of ``feats``, added left to right (an unknown feature weighs 0)."""
        return sum(map(self.weights.get, feats, repeat(0.0, len(feats))), start)

    def partial(self, key: tuple, feats_of) -> float:
        """The summed weights of ``feats_of(*key)``, memoized per key (bounded): the part of a score that
        depends on ``key`` alone."""
        got = self._partials.get(key)
        if got is None:
            if len(self._partials) >= 65536:
                self._partials.clear()
            got = self._partials[key] = self._sum(feats_of(*key))
        return got

    def clear_partials(self) -> None:
        self._partials.clear()

    def probability(self, feats: list[str]) -> float:
        return self._prob(self.raw(feats))

    def score(self, feats: list[str]) -> tuple[float, bool]:
        """(calibrated probability, whether the item is kept)."""
        z = self.raw(feats)
        return self._decide(z)

    def score_from(self, partial: float, feats: list[str]) -> tuple[float, bool]:
        """``score(prefix + feats)`` where ``partial`` is ``partial()`` of the prefix."""
        return self._decide(self.bias + self._sum(feats, partial))

    def _decide(self, z: float) -> tuple[float, bool]:
        p = self._prob(z)
        return p, (z >= self.cutoff) if self.cutoff is not None else p >= self.threshold

    def _prob(self, z: float) -> float:
        if not self.calib_x:
            return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return calibrate(z, self.calib_x, self.calib_y)

    def to_json(self) -> dict:
        return {"kind": self.kind, "card": self.card, "threshold": self.threshold,
                # rounded down like the weights: digits past 1e-6 differ between numpy/scipy builds and
                # would make a rebuild differ byte-wise without changing any decision
                "cutoff": None if self.cutoff is None else math.floor(self.cutoff * 1e6) / 1e6,
                "bias": round(self.bias, 6),
                "calibration": {"x": [round(x, 6) for x in self.calib_x], "y": [round(y, 6) for y in self.calib_y]},
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-6}}

    @classmethod
    def from_json(cls, d: dict) -> "LinearScorer":
        c = d.get("calibration") or {}
        return cls(kind=d["kind"], weights=d["weights"], bias=d["bias"], calib_x=c.get("x", []),
                   calib_y=c.get("y", []), threshold=d.get("threshold", 0.5), card=d.get("card", {}),
                   cutoff=d.get("cutoff"))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


def calibrate(z: float, xs: list[float], ys: list[float]) -> float:
    """Piecewise-linear interpolation between isotonic step points (clamped at the ends)."""
    if z <= xs[0]:
        return ys[0]
    if z >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, z)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (z - x0) / (x1 - x0)
