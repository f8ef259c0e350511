"""End-to-end properties of the records of the bundled corpus."""
import json

import jsonschema
import pytest
from conftest import CORPUS, SHARED

SEEDS = ["000_48cafea73979d010", "001_87613898c2fa54f0", "002_6f6fda71434bcdf0", "003_ad0509e425ffc264",
         "004_2df88d5aac5a8345"]


def test_corpus_has_seeds_and_pool_notices(records):
    assert all(s in records for s in SEEDS)
    assert sum(1 for k in records if k.startswith("pool-")) >= 3


def test_every_record_validates_against_published_schema(records):
    from extractor.schema import published_schema

    schema = published_schema()
    for doc_id, rec in records.items():
        jsonschema.validate(json.loads(rec.model_dump_json()), schema)


def test_grounding_every_entity_and_section_span(records):
    for doc_id, rec in records.items():
        text = rec.text
        assert rec.entities, doc_id
        for e in rec.entities:
            assert text[e.start:e.end] == e.text, (doc_id, e)
        for s in rec.sections:
            assert 0 <= s.start <= s.end <= len(text), (doc_id, s.id)
        for c in rec.document.cited_documents:
            assert text[c.start:c.end], doc_id


def test_shared_pool_notices_all_extract(pipeline):
    pool = SHARED / "corpus-pool"
    if not pool.is_dir():
        pytest.skip("../shared is absent")
    files = sorted(pool.glob("0*.txt"))
    assert len(files) == 6
    for f in files:
        rec = pipeline.extract_file(f)
        assert rec.text and rec.id


def test_seed_003_trailing_news_yields_nothing(records):
    rec = records["003_ad0509e425ffc264"]
    # the notice ends with item 8; the scraped news snippets after it are gone from text
    assert rec.text.rstrip().endswith("教育教学水平。")
    for junk in ("三七互娱", "泸州长江六桥", "状元", "眉山人事考试"):
        assert junk not in rec.text
    assert any("trailing" in w for w in rec.warnings)


def test_seed_004_text_holds_the_notice_once(records):
    rec = records["004_2df88d5aac5a8345"]
    assert rec.text.count("已经县人民政府同意，现印发给你们".replace("，", ",")) + rec.text.count("已经县人民政府同意，现印发给你们") == 1
    assert rec.text.count("(八)办学品牌凝练行动") == 1
    assert "版权所有" not in rec.text and "分享本文至" not in rec.text


def test_chrome_removed_from_seed_000_and_002(records):
    t0 = records["000_48cafea73979d010"].text
    assert "当前位置" not in t0 and "【字体" not in t0 and "微博" not in t0
    t2 = records["002_6f6fda71434bcdf0"].text
    for chrome in ("资源ID", "下载积分", "友情提示", "本站不支持迅雷下载", "hot.gif"):
        assert chrome not in t2


def test_broken_doc_numbers_repaired_with_original_span(records):
    rec = records["004_2df88d5aac5a8345"]
    cited = {c.doc_number: c for c in rec.document.cited_documents}
    assert "柳政办〔2024〕18号" in cited
    c = cited["柳政办〔2024〕18号"]
    assert rec.text[c.start:c.end] == "柳政办〔202418号"


def test_signed_date_compact_and_chinese_numerals(records):
    assert records["004_2df88d5aac5a8345"].document.signed_date == "2024-10-21"
    assert records["pool-01_wenling-mingshi-jiedui-shenbao"].document.signed_date == "2011-10-26"


def test_every_section_has_a_category_and_confidence(records):
    for rec in records.values():
        for s in rec.sections:
            assert s.category in ("goal", "measure", "responsibility", "deadline", "other")
            assert 0 < s.confidence <= 1


def test_record_id_is_stable(pipeline):
    a = pipeline.extract_file(CORPUS / "notices" / f"{SEEDS[0]}.txt")
    b = pipeline.extract_file(CORPUS / "notices" / f"{SEEDS[0]}.txt")
    assert a.id == b.id and a.model_dump() == b.model_dump()
