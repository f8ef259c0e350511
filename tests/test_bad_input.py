"""Bad input: every case gets its own error code, for that document only; the rest of the run goes on.

Each case is run through ``policy-extract extract`` together with a good notice, and the test checks
the error code on stderr, the exit status 1, and that the good notice's record was still written.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extractor import ExtractionError
from extractor.backends import load

ROOT = Path(__file__).resolve().parent.parent
GOOD = "关于开展结对帮扶工作的通知\n各县教育局：\n一、工作目标\n到2025年，建成10所示范学校。\n某某市教育局\n2022年3月31日\n"


def _docx_bytes(text: str = GOOD) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes(text: str = GOOD, *, encrypt: str | None = None) -> bytes:
    from render import cjk_font
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    c.setFont(cjk_font(), 12)
    y = 780
    for line in text.splitlines():
        c.drawString(72, y, line)
        y -= 20
    c.save()
    return buf.getvalue()


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
    return buf.getvalue()


def _mixed_encoding() -> bytes:
    return ("关于开展结对帮扶工作的通知\n各县教育局：\n").encode("utf-8") + \
        ("一、工作目标\n到2025年，建成10所示范学校。\n某某市教育局\n2022年3月31日\n").encode("gb18030")


CASES = {
    # name: (file name, bytes factory, expected error code)
    "empty": ("empty.txt", lambda: b"", "empty"),
    "binary garbage": ("garbage.txt", lambda: bytes(range(256)) * 64, "binary"),
    "truncated pdf": ("cut.pdf", lambda: _pdf_bytes()[:-400], "truncated"),
    "corrupt pdf": ("bad.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "corrupt"),
    "truncated docx": ("cut.docx", lambda: _docx_bytes()[:2000], "corrupt"),
    "corrupt docx": ("bad.docx", lambda: b"PK\x03\x04" + b"\x00" * 300, "corrupt"),
    "encrypted pdf": ("locked.pdf", lambda: _pdf_bytes(encrypt="secret"), "encrypted"),
    "zip bomb docx": ("bomb.docx", _zip_bomb, "zip_bomb"),
    "huge file": ("huge.txt", lambda: GOOD.encode() * 2000, "too_large"),
}


def _run(tmp_path: Path, name: str, data: bytes, *extra: str) -> tuple[int, str, list[dict]]:
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    (tmp_path / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(tmp_path / "good.txt"),
                           str(tmp_path / name), "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()] if out.exists() else []
    return proc.returncode, proc.stderr, records


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_fails_alone(tmp_path, case):
    name, make, code = CASES[case]
    extra = ("--max-bytes", "50000") if code == "too_large" else ()
    rc, err, records = _run(tmp_path, name, make(), *extra)
    assert rc == 1, err
    assert f"[{code}]" in err, err
    assert "Traceback" not in err
    assert [Path(r["source"]["path"]).name for r in records] == ["good.txt"]
    assert records[0]["document"]["signed_date"] == "2022-03-31"


def test_error_codes_from_the_api(tmp_path):
    for case, (name, make, code) in CASES.items():
        if code == "too_large":
            continue
        p = tmp_path / name
        p.write_bytes(make())
        with pytest.raises(ExtractionError) as exc:
            load(p)
        assert exc.value.code == code, case


def test_wrong_extension_is_read_by_content(tmp_path):
    """A DOCX saved as .pdf and a PDF saved as .doc are read as what they are, with a warning."""
    rc, err, records = _run(tmp_path, "notice.pdf", _docx_bytes())
    assert rc == 0, err
    got = {Path(r["source"]["path"]).name: r for r in records}
    assert got["notice.pdf"]["source"]["format"] == "docx"
    assert got["notice.pdf"]["document"]["title"] == "关于开展结对帮扶工作的通知"
    assert any(w.startswith("wrong_extension") for w in got["notice.pdf"]["warnings"])
    doc = load(_write(tmp_path / "scan.doc", _pdf_bytes()))
    assert doc.source.format == "pdf"


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_mixed_encodings_decoded_line_by_line(tmp_path):
    rc, err, records = _run(tmp_path, "mixed.txt", _mixed_encoding())
    assert rc == 0, err
    rec = [r for r in records if r["source"]["path"].endswith("mixed.txt")][0]
    assert rec["document"]["title"] == "关于开展结对帮扶工作的通知"
    assert rec["document"]["signed_date"] == "2022-03-31"
    assert "建成10所示范学校" in rec["text"]
    assert any(w.startswith("mixed_encoding") for w in rec["warnings"])


def test_time_limit_on_a_5mb_single_line(tmp_path):
    """A 5 MB text on one line is cut off by the per-document time limit; the good file still extracts."""
    para = "为进一步提升教育教学质量，各县（市、区）教育局要加强结对帮扶工作，到2025年建成10所示范学校。"
    data = (para * (5_000_000 // len(para.encode()) + 1)).encode()[:5_000_000]
    data = data[: len(data.decode("utf-8", "ignore").encode())]
    rc, err, records = _run(tmp_path, "oneline.txt", data, "--timeout", "4")
    assert rc == 1
    assert "[timeout]" in err
    assert [Path(r["source"]["path"]).name for r in records] == ["good.txt"]


def test_memory_bound(tmp_path):
    """A document that needs more memory than allowed fails alone with too_much_memory."""
    para = "各县（市、区）教育局要加强结对帮扶工作，到2025年建成10所示范学校。\n"
    rc, err, records = _run(tmp_path, "big2.txt", (para * 60000).encode(), "--max-memory", "40")
    assert rc == 1
    assert "[too_much_memory]" in err or "[crashed]" in err
    assert [Path(r["source"]["path"]).name for r in records] == ["good.txt"]
