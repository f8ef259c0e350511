"""Second seeded draw of archive pages for the dev split (issue 9, session 2).

Pages already in dev or test, the former held-out pages, pages over 40,000 characters and pages whose
visible text is a near duplicate (character 5-gram Jaccard >= 0.5) of any test page or of a page drawn
earlier are skipped. Stratified by page title like the first draw (corpus/README.md), weighted towards
the plans and forwarded notices that carry responsibilities, targets, contacts and deadlines.

    python tools/draw_dev.py ../shared/archive-sample/html N_PLAN N_FORWARD N_SCHOOL N_LIST N_NEWS [SEED]

Third draw (issue 9, session 3): the same command with quotas 12 12 8 2 0 and seed 20261203.
"""
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_text import dump  # noqa: E402

SEED = 20261202
ROOT = Path(__file__).resolve().parent.parent / "corpus"
STRATA = [
    ("list", re.compile(r"公示|名单|结果|公布|表彰")),
    ("news", re.compile(r"通报|警示|简报")),
    ("plan", re.compile(r"方案|计划|要点|安排|办法|细则|规定|意见")),
    ("forward", re.compile(r"局|厅|部|院|转发")),
]


def stratum(title: str) -> str:
    for name, rx in STRATA:
        if rx.search(title):
            return name
    return "school"


def shingles(text: str) -> set:
    t = re.sub(r"\s+", "", text)
    return {t[i:i + 5] for i in range(0, max(len(t) - 4, 1))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / max(len(a | b), 1)


def main() -> None:
    html = Path(sys.argv[1])
    quota = dict(zip(["plan", "forward", "school", "list", "news"], map(int, sys.argv[2:7])))
    taken = {p.stem.removeprefix("arc-") for split in ("dev", "test") for p in (ROOT / split / "notices").glob("arc-*")}
    taken |= {"2772", "4504", "22296"}
    test_sh = [shingles(dump(str(html / f"{p.stem.removeprefix('arc-')}.html")))
               for p in (ROOT / "test" / "notices").glob("arc-*")]
    pages = sorted(html.glob("*.html"), key=lambda p: int(p.stem))
    random.Random(int(sys.argv[7]) if len(sys.argv) > 7 else SEED).shuffle(pages)
    chosen, chosen_sh = [], []
    for page in pages:
        if page.stem in taken or not any(quota.values()):
            continue
        text = dump(str(page))
        if len(text) > 40000:
            continue
        m = re.search(r"<title>(.*?)</title>", page.read_text("utf-8", "replace"), re.S | re.I)
        title = (m.group(1) if m else "").strip()
        kind = stratum(title)
        if quota.get(kind, 0) <= 0:
            continue
        sh = shingles(text)
        if any(jaccard(sh, o) >= 0.5 for o in test_sh + chosen_sh):
            continue
        quota[kind] -= 1
        chosen.append((page.stem, kind, title))
        chosen_sh.append(sh)
    for stem, kind, title in chosen:
        print(f"{stem}\t{kind}\t{title}")


if __name__ == "__main__":
    main()
