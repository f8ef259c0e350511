"""`policy-extract train` rebuilds every shipped model from corpus/dev, byte for byte (deterministic), and
refuses the sealed test split."""
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
        assert (tmp_path / name).read_bytes() == (ROOT / "models" / name).read_bytes(), f"{name} is stale: run train"
    assert sum((ROOT / "models" / n).stat().st_size for n in shipped) < 20 * 2**20


def test_train_refuses_the_test_split(tmp_path):
    r = subprocess.run([sys.executable, "cli.py", "train", "corpus/test", "--out", str(tmp_path / "m.json")], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "[sealed_split]" in r.stderr and "Traceback" not in r.stderr
