"""Train the section classifier from the gold sections in ``corpus/`` (deterministic).

The training examples are the extractor's own sections (so features match what runs at extraction
time) labelled with the category of the gold heading they match. ``train`` also reports a
out-of-fold accuracy (five folds by document), so the number printed is not the training-set fit.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from ..backends import load
from ..stages.classify import CATEGORIES, VIEWS, features, parent_heading, predict, section_views
from ..stages.clean import clean
from ..stages.structure import structure
from ..text.normalize import soft_key
from .train import FOLDS, folds_of

# per view (heading, body, parent): character n-gram range and weight in the concatenated input
SPACES = {"heading": ((1, 3), 1.0), "body": ((1, 2), 1.0), "parent": ((1, 2), 1.0)}
C = 10.0
CUE_WEIGHT = 0.15    # the heading cues' share in the final probability (grouped five-fold: 0.25 → 0.15, 0.853 → 0.854)


def examples(corpus: Path) -> list[tuple[str, tuple[str, str, str], str]]:
    """(doc id, ``section_views``, category) for every gold heading the extractor also finds."""
    out = []
    for gpath in sorted((corpus / "gold").glob("*.json")):
        g = json.loads(gpath.read_text("utf-8"))
        if not g.get("sections"):
            continue
        src = next((p for p in (corpus / "notices").glob(g["doc"] + ".*")), None)
        if src is None:
            continue
        doc = structure(clean(load(src)))
        by_id = {n.id: n for n in doc.sections}
        gold = [(soft_key(s["number"] + s["heading"]), s["category"]) for s in g["sections"]]
        used = set()
        for node in doc.sections:
            if not node.number or node.kind == "attachment":
                continue
            key = soft_key(node.number + node.heading)
            for i, (gk, cat) in enumerate(gold):
                if i not in used and (gk == key or gk.startswith(key) or key.startswith(gk)):
                    used.add(i)
                    out.append((g["doc"], section_views(doc, node, parent_heading(by_id, node)), cat))
                    break
    return out


def fit(views: list[tuple[str, str, str]], labels: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vecs = []
    for i, name in enumerate(VIEWS):
        ngrams, weight = SPACES[name]
        vec = TfidfVectorizer(analyzer="char", ngram_range=ngrams, sublinear_tf=True, min_df=2)
        vec.fit([v[i] for v in views])
        vecs.append((vec, weight))
    clf = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    clf.fit(features(vecs, views), labels)
    return vecs, clf


def _as_model(vecs, clf):
    classes = list(clf.classes_)
    coef, intercept = clf.coef_, clf.intercept_
    if len(classes) == 2:  # binary LR stores one row; expand to one per class
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]])
    return classes, vecs, coef, intercept, {"cue_weight": CUE_WEIGHT}


def train(corpus: Path, out: Path) -> dict:
    ex = examples(corpus)
    if len({c for *_, c in ex}) < 2:
        raise SystemExit("train: need gold sections of at least two categories in corpus/gold")
    docs = sorted({d for d, *_ in ex})
    # out-of-fold accuracy, model + cues as used at extraction time: five folds by document, the scorers'
    # folds (leave-one-document-out fitted one model per document, and took half of the training time)
    correct = total = 0
    fold_of = folds_of(docs)
    for k in range(FOLDS):
        tr = [(v, c) for d, v, c in ex if fold_of[d] != k]
        te = [(v, c) for d, v, c in ex if fold_of[d] == k]
        if len({c for _, c in tr}) < 2 or not te:
            continue
        model = _as_model(*fit([v for v, _ in tr], [c for _, c in tr]))
        preds = predict([v for v, _ in te], model)
        correct += sum(p == c for (p, _), (_, c) in zip(preds, te))
        total += len(te)
    vecs, clf = fit([v for _, v, _ in ex], [c for *_, c in ex])
    classes, vecs, coef, intercept, _ = _as_model(vecs, clf)
    digest = hashlib.sha256(json.dumps([(d, v, c) for d, v, c in ex], ensure_ascii=False).encode()).hexdigest()
    spaces = []
    for name, (vec, weight) in zip(VIEWS, vecs):
        vocab = {k: int(v) for k, v in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])}
        spaces.append({"view": name, "ngram_range": list(SPACES[name][0]), "weight": weight, "vocabulary": vocab,
                       "idf": [round(float(x), 6) for x in vec.idf_]})
    data = {"version": f"2-{digest[:12]}", "categories": list(CATEGORIES), "classes": classes, "C": C,
            "cue_weight": CUE_WEIGHT, "training_examples": len(ex), "training_documents": docs, "spaces": spaces,
            "coef": [[round(float(x), 6) for x in row] for row in coef],
            "intercept": [round(float(x), 6) for x in intercept]}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return {"examples": len(ex), "documents": len(docs), "oof_accuracy": correct / total if total else None,
            "oof_examples": total, "out": str(out), "version": data["version"], "bytes": out.stat().st_size}
