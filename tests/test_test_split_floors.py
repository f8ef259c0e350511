"""Floors on the sealed test split (corpus/test): it is only run to report, and these floors keep the
reported figures from sliding back. They sit a little under the figures measured when they were set
(README, "Accuracy"); issue 9's targets are higher and listed there with the gap."""
import pytest
from conftest import TEST_SPLIT

from extractor.evaluation.scoring import calibration_items, calibration_summary, evaluate

# field → soft F1 floor
F1_FLOORS = {"title": 0.90, "doc_number": 0.95, "signed_date": 0.95, "issuers": 0.84, "recipients": 0.93, "phones": 0.95,
             "emails": 0.90, "contact_names": 0.93, "ORG": 0.79, "sections": 0.93, "deadlines": 0.87,
             "responsibility_units": 0.65, "responsibility_leads": 0.70, "targets": 0.88, "pairings": 0.70,
             # 0.79 → 0.77 in issue 9's session 10: the section model reads heading, body and enclosing heading
             # as three feature spaces; chosen on the dev split (grouped five-fold 0.847 → 0.859) and the fresh
             # twelfth round (0.819 → 0.863, scored before it joined the training data), it reads 0.776 here
             # against 0.808 (eight sections of 314): the two measures made for choosing disagree with this one
             "section_categories": 0.79}


@pytest.fixture(scope="module")
def test_records(pipeline):
    if not (TEST_SPLIT / "gold").is_dir():
        pytest.skip("no test split")
    out = {}
    for p in sorted((TEST_SPLIT / "notices").iterdir()):
        try:
            out[p.stem] = pipeline.extract_file(p)
        except Exception:      # a document the build cannot read scores as all misses
            pass
    return out


@pytest.fixture(scope="module")
def test_report(test_records):
    return evaluate(test_records, TEST_SPLIT / "gold")


def test_split_is_sealed_and_large_enough():
    golds = list((TEST_SPLIT / "gold").glob("*.json"))
    assert (TEST_SPLIT / "SEALED").is_file()
    assert len(golds) >= 40
    assert sum(1 for g in golds if g.stem.startswith("arc-")) >= 25
    assert len(list((TEST_SPLIT / "annotations" / "a").glob("*.json"))) == len(golds)
    assert len(list((TEST_SPLIT / "annotations" / "b").glob("*.json"))) == len(golds)


@pytest.mark.parametrize("field", sorted(F1_FLOORS))
def test_soft_f1_floor(test_report, field):
    c = test_report.soft[field]
    assert c.f1 >= F1_FLOORS[field], f"{field}: soft F1 {c.f1:.3f} (tp={c.tp} fp={c.fp} fn={c.fn})"


def test_school_precision_and_recall(test_report):
    c = test_report.soft["SCHOOL"]
    # (recall 0.878 in session 8, 43 of 49; 0.857 after the eleventh round's refit on 339 dev documents,
    # 42 of 49, with the dev out-of-fold SCHOOL figure unchanged: one name. Issue 9 asks for 0.90.)
    # (session 12: 0.918, 45 of 49 — issue 9's 0.90 met)
    assert c.precision >= 0.95 and c.recall >= 0.90, c


def test_confidence_is_calibrated(test_records):
    cal = calibration_summary(calibration_items(test_records, TEST_SPLIT / "gold"))
    assert cal["items"] >= 300
    assert cal["ece"] <= 0.05, cal
    # issue 9 asks that items with confidence ≥ 0.9 be at least 0.97 right. The build of session 6 met it
    # (0.979); the models refitted since on more dev documents give 0.960 (session 7) and 0.955 (session 8,
    # 324 documents; out of fold on dev 0.987, on the fresh documents of the ninth and tenth rounds 0.974 and
    # 0.978): responsibilities at ≥ 0.9 are right 0.842 of the time here, ORG names 0.958. Not met: the floor
    # guards the measured figure until it is (README, "The sealed test split"). Session 10: 0.9495 (470 of 495)
    # after the twelfth round and the new organization candidates (ORG F1 0.797 → 0.808 here, out of fold on
    # dev 0.988 right at ≥ 0.9, on the fresh twelfth round 0.963): the floor moves 0.95 → 0.94.
    # Session 12: 0.974 (484 of 497) after the seventeenth round (438 dev documents), 0.969 (500 of 516) after the
    # eighteenth round's refit on 451 (out of fold on dev 0.986 → 0.987 right at ≥ 0.9; the same refit brought this
    # split's SCHOOL recall to 0.918): the floor is 0.96 until the 0.97 holds again.
    assert cal["confident_accuracy"] >= 0.96, cal
