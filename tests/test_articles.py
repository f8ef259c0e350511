"""Nothing of the article is lost: the cleaned text of saved pages against hand-judged article text.

``corpus/articles/N.txt`` is the article of archive page N as a reader sees it, judged by hand from the
page (see its README); ``corpus/articles/pages/N.html`` is the page. The comparison is by characters,
white space ignored, aligned in order (difflib): recall says how much of the article survives cleaning,
precision how much chrome is left in.
"""
import difflib
import re

import pytest
from conftest import CORPUS

ARTICLES = CORPUS.parent / "articles"
PAGES = sorted((ARTICLES / "pages").glob("*.html")) if (ARTICLES / "pages").is_dir() else []


def _chars(s: str) -> str:
    return re.sub(r"\s+", "", s)


def char_scores(pred: str, gold: str) -> tuple[float, float]:
    a, b = _chars(pred), _chars(gold)
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return (matched / len(a) if a else 1.0), (matched / len(b) if b else 1.0)


@pytest.fixture(scope="module")
def scores(pipeline):
    out = {}
    for page in PAGES:
        gold = (ARTICLES / f"{page.stem}.txt").read_text("utf-8")
        out[page.stem] = char_scores(pipeline.extract_file(page).text, gold)
    return out


@pytest.mark.skipif(not PAGES, reason="no hand-judged articles")
def test_article_text_is_kept(scores):
    """Over all judged pages, at least 97% of the article's characters survive and at most 5% of what is
    kept is not article; no page keeps less than half of its article."""
    p = sum(s[0] for s in scores.values()) / len(scores)
    r = sum(s[1] for s in scores.values()) / len(scores)
    worst = min(scores.items(), key=lambda kv: kv[1][1])
    assert r >= 0.97 and p >= 0.95, (round(p, 3), round(r, 3), worst)
    assert worst[1][1] >= 0.5, worst
