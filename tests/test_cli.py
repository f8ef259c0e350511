import json
import sqlite3
import subprocess
import sys

from conftest import CORPUS, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "cli.py", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_run_writes_jsonl_and_sqlite(tmp_path):
    r = run("run", str(CORPUS / "notices"), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = (tmp_path / "records.jsonl").read_text("utf-8").splitlines()
    n = len(list((CORPUS / "notices").iterdir()))
    assert len(lines) == n
    assert all(json.loads(x)["schema_version"] for x in lines)
    con = sqlite3.connect(tmp_path / "records.sqlite")
    assert con.execute("select count(*) from records").fetchone()[0] == n
    # upsert: a second run does not duplicate
    assert run("run", str(CORPUS / "notices"), "--out", str(tmp_path)).returncode == 0
    assert con.execute("select count(*) from records").fetchone()[0] == n


def test_bad_file_fails_alone(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "o.jsonl"
    good = CORPUS / "notices" / "003_ad0509e425ffc264.txt"
    r = run("extract", str(bad), str(good), "-o", str(out))
    assert r.returncode == 1
    assert "[empty]" in r.stderr and "Traceback" not in r.stderr
    assert len(out.read_text("utf-8").splitlines()) == 1


def test_help_teaches():
    r = run("--help")
    assert r.returncode == 0 and "examples:" in r.stdout and "evaluate" in r.stdout


def test_evaluate_prints_table_and_report(tmp_path):
    rep = tmp_path / "eval.json"
    r = run("evaluate", "corpus/dev", "--docs", "000_48cafea73979d010,001_87613898c2fa54f0", "--report", str(rep))
    assert r.returncode == 0, r.stderr
    assert "soft P" in r.stdout and "doc_number" in r.stdout
    data = json.loads(rep.read_text("utf-8"))
    assert data["soft"]["title"]["f1"] >= 0.9


def test_schema_command_prints_json():
    r = run("schema")
    assert json.loads(r.stdout)["title"] == "ProgramRecord"


def test_min_confidence_filters_scored_items(tmp_path):
    src = str(CORPUS / "notices" / "001_87613898c2fa54f0.txt")
    full = json.loads(run("extract", src).stdout)
    kept = json.loads(run("extract", src, "--min-confidence", "0.99").stdout)
    scored = [e for e in full["entities"] if e["confidence"] is not None]
    assert scored and all(e["confidence"] is None or e["confidence"] >= 0.99 for e in kept["entities"])
    assert len(kept["entities"]) == len(full["entities"]) - sum(e["confidence"] < 0.99 for e in scored)
    assert all(x["confidence"] is None or x["confidence"] >= 0.99 for x in kept["deadlines"] + kept["pairings"])
    bad = run("extract", src, "--min-confidence", "1.5")
    assert bad.returncode == 2 and "between 0 and 1" in bad.stderr and "Traceback" not in bad.stderr
