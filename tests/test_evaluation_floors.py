"""Accuracy floors on the development split's regression set: the 14 documents the rules were first written
against (seeds, corpus pool, former held-out set). The sealed test split has its own floors
(test_test_split_floors.py)."""
import pytest
from conftest import CORPUS
from test_corpus import SEEDS

from extractor.evaluation.scoring import evaluate

REGRESSION = [p.stem for p in sorted((CORPUS / "notices").glob("[0ph]*.txt"))]

SEED_FIELDS = ["doc_number", "signed_date", "title", "issuers", "cited_doc_numbers", "contact_names", "phones", "emails"]


@pytest.fixture(scope="module")
def seed_report(records):
    return evaluate(records, CORPUS / "gold", only=SEEDS)


@pytest.mark.parametrize("field", SEED_FIELDS)
def test_seed_soft_f1_floor(seed_report, field):
    c = seed_report.soft[field]
    assert c.f1 >= 0.95, f"{field}: soft F1 {c.f1:.3f} (tp={c.tp} fp={c.fp} fn={c.fn})"


@pytest.mark.parametrize("doc", SEEDS[:3])
def test_school_precision_and_recall(records, doc):
    rep = evaluate(records, CORPUS / "gold", only=[doc])
    c = rep.soft["SCHOOL"]
    assert c.precision >= 0.9 and c.recall >= 0.9, (doc, c)


def test_whole_corpus_header_fields(records):
    rep = evaluate(records, CORPUS / "gold", only=REGRESSION)
    for field in ("title", "doc_number", "signed_date", "issuers", "recipients", "attachments"):
        assert rep.soft[field].f1 >= 0.9, (field, rep.soft[field])


def test_section_headings_found(records):
    rep = evaluate(records, CORPUS / "gold", only=REGRESSION)
    assert rep.soft["sections"].f1 >= 0.8
    assert rep.soft["section_categories"].f1 >= 0.6


RELATION_FIELDS = ["pairings", "pairings_lead", "responsibility_units", "responsibility_leads", "deadlines", "targets"]


@pytest.mark.parametrize("field", RELATION_FIELDS)
def test_seed_relation_soft_f1_floor(seed_report, field):
    """Issue 3: soft F1 ≥ 0.95 on the seeds for pairings, responsibility units, deadlines and targets."""
    c = seed_report.soft[field]
    assert c.f1 >= 0.95, f"{field}: soft F1 {c.f1:.3f} (tp={c.tp} fp={c.fp} fn={c.fn})"


def test_seed_000_pairings_exact(records):
    """All 202 supporter → recipient pairs of seed 000, each with its lead: strict F1 = 1.0."""
    rep = evaluate(records, CORPUS / "gold", only=["000_48cafea73979d010"])
    for field in ("pairings", "pairings_lead"):
        c = rep.strict[field]
        assert (c.tp, c.fp, c.fn) == (202, 0, 0), (field, c)


def test_shandong_prose_responsibilities_scored(records):
    rep = evaluate(records, CORPUS / "gold", only=["pool-05_shandong-xiangcun-zhenxing-zhongdian-bangfu-xian"])
    c = rep.soft["responsibility_units"]
    assert c.tp + c.fn >= 16 and c.f1 >= 0.9, c
