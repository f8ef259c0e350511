"""`policy-extract train` rebuilds every shipped model from corpus/dev (deterministic), and refuses the
sealed test split."""
import json
import math
import subprocess
import sys

from conftest import ROOT


def test_train_rebuilds_the_shipped_models(tmp_path):
    out = tmp_path / "section_classifier.json"
    r = subprocess.run([sys.executable, "cli.py", "train", "--out", str(out)], cwd=ROOT, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-2000:]
    built = sorted(p.name for p in tmp_path.glob("*.json"))
    shipped = sorted(p.name for p in (ROOT / "models").glob("*.json"))
    assert built == shipped
    for name in built:
        rebuilt, shipped_bytes = (tmp_path / name).read_bytes(), (ROOT / "models" / name).read_bytes()
        if rebuilt != shipped_bytes:
            # byte for byte on the library versions the models were trained with; a newer SciPy or
            # scikit-learn may end the solver one step apart, which moves a weight in its sixth decimal
            # (the stored rounding): anything more, or any other difference, is a stale model
            diff = _differences(json.loads(rebuilt), json.loads(shipped_bytes))
            assert not diff, f"{name} is stale: run train ({diff[:3]})"
    assert sum((ROOT / "models" / n).stat().st_size for n in shipped) < 20 * 2**20


def test_train_refuses_the_test_split(tmp_path):
    r = subprocess.run([sys.executable, "cli.py", "train", "corpus/test", "--out", str(tmp_path / "m.json")], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "[sealed_split]" in r.stderr and "Traceback" not in r.stderr


def _differences(a, b, path="", tol=5e-6) -> list[str]:
    """Where two model files differ by more than ``tol`` in a number, or at all in anything else."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a.keys() ^ b.keys())[:5]}"]
        return [d for k in a for d in _differences(a[k], b[k], f"{path}/{k}", tol)]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items, shipped {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}[{i}]", tol)]
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=0, abs_tol=tol):
            return []
    elif a == b:
        return []
    return [f"{path}: {a!r} != shipped {b!r}"]
