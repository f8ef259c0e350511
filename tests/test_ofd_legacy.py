"""OFD and legacy Word/WPS backends: a notice laid out in an OFD, and a .doc/.wps made by LibreOffice."""
import io
import shutil
import subprocess
import zipfile

import pytest
from make_ofd import BODY, LEFT, SAMPLE_HEADER, SAMPLE_TITLE, SAMPLE_WRAPPED, TOP, Text, build_ofd, layout, sample_notice_ofd

from extractor import ExtractionError
from extractor.backends import legacy, load
from extractor.core.pipeline import extract_file

# ------------------------------------------------------------------------------------ OFD


@pytest.mark.parametrize("per_char", [False, True], ids=["run-per-line", "run-per-char"])
def test_ofd_notice(tmp_path, per_char):
    p = tmp_path / "notice.ofd"
    p.write_bytes(sample_notice_ofd(per_char=per_char))
    rec = extract_file(p)
    assert rec.source.format == "ofd"
    assert rec.source.pages == 2
    assert rec.document.title == SAMPLE_TITLE
    assert rec.document.signed_date == "2024-03-01"
    assert rec.document.issuers == ["某某市教育局"]
    lines = rec.text.splitlines()
    assert SAMPLE_WRAPPED in lines                      # the paragraph wrapped at the right margin, joined
    assert "一、工作目标" in lines                        # a heading at the left margin stays its own line
    assert "各县（市、区）教育局：" in lines
    assert not any("—" in ln for ln in lines)           # page numbers — 1 — / — 2 — dropped
    assert SAMPLE_HEADER not in rec.text                # template (running header) content skipped
    assert not any(w.startswith("converted") for w in rec.warnings)


def test_ofd_page_starts(tmp_path):
    p = tmp_path / "notice.ofd"
    p.write_bytes(sample_notice_ofd())
    doc = load(p)
    assert len(doc.page_starts) == 2
    assert doc.raw_text[doc.page_starts[1]:].startswith("三、工作要求")
    assert doc.meta["file_title"] == SAMPLE_TITLE


def test_ofd_wrap_across_pages(tmp_path):
    """A paragraph broken by the page end goes on at the top of the next page."""
    para = "各地要高度重视校园安全工作，" * 6          # four lines, the last one short
    (first,) = layout([("title", SAMPLE_TITLE), ("body", para)])
    *lines, number = first
    tail = lines.pop()                                 # the paragraph's last line moves to page 2
    tail.y = TOP
    second = [tail, Text("二、工作要求", LEFT, TOP + 10, BODY), Text("— 2 —", number.x, number.y, BODY)]
    p = tmp_path / "wrap.ofd"
    p.write_bytes(build_ofd([[*lines, number], second]))
    doc = load(p)
    assert para in doc.raw_text.splitlines()
    assert "二、工作要求" in doc.raw_text.splitlines()


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


OFD_XML = ('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">'
           '<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')


@pytest.mark.parametrize("files", [
    {"OFD.xml": '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>'},
    {"OFD.xml": OFD_XML},                                                  # Document.xml missing
    {"OFD.xml": OFD_XML, "Doc_0/Document.xml": "<ofd:Document"},          # broken Document.xml
    {"OFD.xml": OFD_XML.replace("<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>", "")},
], ids=["broken-ofd-xml", "missing-document", "broken-document", "no-docroot"])
def test_ofd_corrupt(tmp_path, files):
    p = tmp_path / "bad.ofd"
    p.write_bytes(_zip(files))
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "corrupt"
    assert exc.value.path == str(p)


def _one_page_ofd(layer: str) -> bytes:
    ns = "http://www.ofdspec.org/2016"
    return _zip({
        "OFD.xml": OFD_XML,
        "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{ns}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>'
                              '0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>'
                              '<ofd:Page ID="1" BaseLoc="/Doc_0/Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page xmlns:ofd="{ns}"><ofd:Content><ofd:Layer ID="2">{layer}'
                                          '</ofd:Layer></ofd:Content></ofd:Page>',
    })


def test_ofd_ctm_and_point_sizes(tmp_path):
    """Converters often write one character per TextObject in points, scaled to mm by a CTM; the
    baseline is Boundary origin + CTM(X, Y). Runs out of order in the file still read left to right."""
    def char(c: str, x_mm: float, baseline_mm: float) -> str:
        # the shape of a real converter's output: CTM 0.3527 (pt → mm), Size in pt, Y relative to the box
        top = baseline_mm - 4.7
        return (f'<ofd:TextObject ID="9" CTM="0.3527 0 0 0.3527 {-x_mm:.4f} 111.352" Boundary="{x_mm:.4f} {top:.4f} '
                f'4.1 4.7" Size="14.749"><ofd:TextCode X="{x_mm / 0.3527:.3f}" '
                f'Y="{(baseline_mm - top - 111.352) / 0.3527:.3f}">{c}</ofd:TextCode></ofd:TextObject>')

    objs = [char(c, 120 + 5.2 * i, 190.0) for i, c in enumerate("某某市教育局")]
    objs += [char(c, 27 + 5.2 * i, 100.0) for i, c in enumerate("各学校：")]
    objs.reverse()
    p = tmp_path / "ctm.ofd"
    p.write_bytes(_one_page_ofd("".join(objs)))
    doc = load(p)
    assert doc.raw_text.splitlines() == ["各学校：", "某某市教育局"]
    assert doc.source.pages == 1


def test_ofd_textcode_runs(tmp_path):
    """A TextCode without X/Y goes on where the last one ended; DeltaX ``g N d`` repeats; a wide gap is a space."""
    layer = ('<ofd:TextObject ID="3" Boundary="20 40 170 8" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5">'
             '联系人：</ofd:TextCode><ofd:TextCode>张某</ofd:TextCode>'
             '<ofd:TextCode X="80" Y="5" DeltaX="5 5 5 2.5 2.5 2.5 2.5">电话：0000</ofd:TextCode></ofd:TextObject>')
    p = tmp_path / "runs.ofd"
    p.write_bytes(_one_page_ofd(layer))
    assert load(p).raw_text.splitlines() == ["联系人：张某 电话：0000"]


def test_ofd_entities_not_expanded(tmp_path):
    """An XML entity declared in a part is not resolved (no external files, no billion laughs)."""
    data = sample_notice_ofd()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    page = "Doc_0/Pages/Page_0/Content.xml"
    files[page] = files[page].replace('<?xml version="1.0" encoding="UTF-8"?>',
                                      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/hostname">]>')
    files[page] = files[page].replace("各县（市、区）教育局：", "&x;")
    p = tmp_path / "entity.ofd"
    p.write_bytes(_zip(files))
    doc = load(p)
    assert "各县（市、区）教育局" not in doc.raw_text
    assert doc.raw_text.startswith(SAMPLE_TITLE)


def test_ofd_without_text(tmp_path):
    p = tmp_path / "empty.ofd"
    p.write_bytes(build_ofd([[], []]))
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "no_text"


def test_ofd_sample_in_corpus():
    from conftest import CORPUS

    rec = extract_file(CORPUS.parent / "formats" / "ofd" / "sample-notice.ofd")
    assert rec.document.title == SAMPLE_TITLE
    assert rec.source.pages == 2


# ------------------------------------------------------------------------------------ legacy .doc / .wps

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
LEGACY_TITLE = "关于做好2024年春季学期开学工作的通知"


@pytest.fixture(scope="module")
def doc_bytes(tmp_path_factory) -> bytes:
    """A Word 97-2003 .doc made from a python-docx DOCX by LibreOffice."""
    import docx

    d = docx.Document()
    for text in (LEGACY_TITLE, "各县（市、区）教育局，某某县第一中学：", "一、工作目标",
                 "确保全市中小学校按时开学，做好师生返校的各项准备工作。", "某某市教育局", "2024年3月1日"):
        d.add_paragraph(text)
    tmp = tmp_path_factory.mktemp("legacy")
    src = tmp / "notice.docx"
    d.save(src)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(tmp), str(src)],
                   check=True, capture_output=True, timeout=180)
    out = tmp / "notice.doc"
    assert out.exists(), "LibreOffice did not write the .doc"
    return out.read_bytes()


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_extracts(tmp_path, doc_bytes, suffix):
    assert doc_bytes.startswith(b"\xd0\xcf\x11\xe0")       # really an OLE2 file
    p = tmp_path / f"notice{suffix}"
    p.write_bytes(doc_bytes)
    rec = extract_file(p)
    assert rec.source.format == "doc"
    assert rec.document.title == LEGACY_TITLE
    assert rec.document.signed_date == "2024-03-01"
    assert any(w.startswith("converted: read through LibreOffice") and suffix[1:].upper() in w
               for w in rec.warnings)
    assert not any(w.startswith("wrong_extension") for w in rec.warnings)


@needs_soffice
def test_legacy_garbage_is_corrupt(tmp_path):
    p = tmp_path / "broken.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "corrupt"
    assert "LibreOffice" in exc.value.message


def test_legacy_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy.shutil, "which", lambda name, *a, **k: None)
    p = tmp_path / "notice.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "missing_tool"
    assert "LibreOffice" in exc.value.message
    assert exc.value.path == str(p)


def test_legacy_timeout(tmp_path, monkeypatch):
    """A conversion that hangs is stopped and reported as a timeout (a stand-in converter that sleeps)."""
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(legacy.shutil, "which", lambda name, *a, **k: str(fake))
    monkeypatch.setattr(legacy, "TIMEOUT", 1)
    p = tmp_path / "notice.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "timeout"
