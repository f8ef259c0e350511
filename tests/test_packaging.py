"""A non-editable install (the wheel) behaves exactly like the source checkout: models ship inside it."""
import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

DOCS = [CORPUS / "notices" / "001_87613898c2fa54f0.txt", CORPUS / "notices" / "004_2df88d5aac5a8345.txt",
        CORPUS.parent / "formats" / "html" / "21735.html", CORPUS.parent / "formats" / "docx" / "001_87613898c2fa54f0.docx"]

SCRIPT = """
import json, sys
from extractor import Pipeline
from extractor.stages.classify import model_dir
pipe = Pipeline()
out = {"model_dir": str(model_dir()), "records": [json.loads(pipe.extract_file(p).model_dump_json()) for p in sys.argv[1:]]}
print(json.dumps(out, ensure_ascii=False))
"""


def _run(python: Path, cwd: Path) -> dict:
    r = subprocess.run([str(python), "-c", SCRIPT, *map(str, DOCS)], cwd=cwd, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp / "dist")],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.skip(f"cannot build the wheel here: {r.stderr[-500:]}")
    wheel = next((tmp / "dist").glob("policy_extractor-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps", str(wheel)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    # the dependencies come from the test environment's site-packages, added as a plain path: its .pth files
    # (the editable install's finder among them) are not processed, so `extractor` is the wheel's
    site = Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return py, tmp


def test_wheel_records_equal_editable_records(wheel_python):
    py, tmp = wheel_python
    from_wheel = _run(py, tmp)
    assert "site-packages" in from_wheel["model_dir"], from_wheel["model_dir"]   # not the checkout's models/
    assert Path(from_wheel["model_dir"], "section_classifier.json").is_file()
    from_source = _run(Path(sys.executable), tmp)
    assert from_wheel["records"] == from_source["records"]
    for rec in from_wheel["records"]:
        assert not any("no section model" in w for w in rec["warnings"])
