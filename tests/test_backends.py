import pytest

from extractor import ExtractionError, extract_text
from extractor.backends import load, load_bytes

NOTICE = "关于开展结对帮扶工作的通知\n各县教育局：\n一、工作目标\n到2025年，建成10所示范学校。\n联系人：王明，电话：0771-5815100。\n某某市教育局\n2022年3月31日\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_detected(encoding):
    doc = load_bytes(NOTICE.encode(encoding))
    assert doc.raw_text.lstrip("\ufeff").startswith("关于开展")
    assert doc.source.encoding


def test_gb18030_notice_extracts(tmp_path):
    p = tmp_path / "gb.txt"
    p.write_bytes(NOTICE.encode("gb18030"))
    from extractor import extract_file

    rec = extract_file(p)
    assert rec.document.title == "关于开展结对帮扶工作的通知"
    assert rec.document.signed_date == "2022-03-31"
    assert rec.source.encoding == "gb18030"


@pytest.mark.parametrize("data,code", [(b"", "empty"), (bytes(range(256)) * 40, "binary")])
def test_bad_input_errors(tmp_path, data, code):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == code


def test_missing_and_corrupt(tmp_path):
    with pytest.raises(ExtractionError) as exc:
        load(tmp_path / "nope.txt")
    assert exc.value.code == "not_found"
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "truncated"


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("通知" * 100, "utf-8")
    with pytest.raises(ExtractionError) as exc:
        load(p, max_bytes=10)
    assert exc.value.code == "too_large"


def test_extract_text_synthetic_notice():
    rec = extract_text(NOTICE)
    assert rec.document.issuers == ["某某市教育局"]
    assert [c.name for c in rec.document.contacts] == ["王明"]
    assert rec.document.contacts[0].phones == ["0771-5815100"]
    q = [e for e in rec.entities if e.type == "QUANTITY"]
    assert q and q[0].normalized["value"] == 10 and q[0].normalized["classifier"] == "所"
