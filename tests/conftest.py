import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "dev"   # the development split: tune and train on it
TEST_SPLIT = ROOT / "corpus" / "test"   # sealed: only run to report
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from extractor import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def records(pipeline):
    """Every corpus notice extracted once per test session, keyed by file stem."""
    return {p.stem: pipeline.extract_file(p) for p in sorted((CORPUS / "notices").iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def gold():
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted((CORPUS / "gold").glob("*.json"))}
