"""Training the scorers from the development split (deterministic; ``policy-extract train``).

For each dev document with gold, the pipeline runs up to the stage before a scorer (rules only), its
candidates are labelled by the gold (a candidate is right when its soft key is a gold value of that
document), and a logistic regression is fitted. Calibration: out-of-fold scores (5 folds grouped by
document, so no document scores itself) fitted with isotonic regression. The card records the training
data's hash and the out-of-fold metrics, which are the figures to trust (the model has seen the rest).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from ..text.normalize import soft_key
from .model import LinearScorer, calibrate

C = 1.0
FOLDS = 5
THRESHOLD = 0.5


def dev_documents(corpus: Path):
    """(doc id, gold, path) of every annotated development document, in a fixed order."""
    for gpath in sorted((corpus / "gold").glob("*.json")):
        g = json.loads(gpath.read_text("utf-8"))
        src = next(iter(sorted((corpus / "notices").glob(g.get("doc", gpath.stem) + ".*"))), None)
        if src is not None:
            yield g.get("doc", gpath.stem), g, src


def data_hash(corpus: Path) -> str:
    h = hashlib.sha256()
    for _, g, src in dev_documents(corpus):
        h.update(json.dumps(g, ensure_ascii=False, sort_keys=True).encode())
        h.update(hashlib.sha256(src.read_bytes()).digest())
    return h.hexdigest()


def folds_of(groups: list[str]) -> dict[str, int]:
    """The fold of each document (sorted ids, dealt round-robin): the same folds for every model and tool."""
    return {g: i % FOLDS for i, g in enumerate(groups)}


def fit_scorer(kind: str, rows: list[tuple[str, list[str], int]], extra_card: dict | None = None) -> LinearScorer:
    """rows: (group = doc id, features, label). Deterministic: sorted vocabulary, lbfgs, fixed folds."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    vocab = {f: i for i, f in enumerate(sorted({f for _, fs, _ in rows for f in fs}))}

    def matrix(subset):
        indptr, idx = [0], []
        for _, fs, _ in subset:
            cols = sorted({vocab[f] for f in fs if f in vocab})
            idx += cols
            indptr.append(len(idx))
        return csr_matrix((np.ones(len(idx)), idx, indptr), shape=(len(subset), len(vocab)))

    y = np.array([lab for _, _, lab in rows])
    X = matrix(rows)
    groups = sorted({g for g, _, _ in rows})
    fold_of = folds_of(groups)
    oof = np.zeros(len(rows))
    for k in range(FOLDS):
        tr = np.array([fold_of[g] != k for g, _, _ in rows])
        if tr.all() or not tr.any() or len(set(y[tr])) < 2:
            continue
        clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
        clf.fit(X[tr], y[tr])
        oof[~tr] = clf.decision_function(X[~tr])
    # honest calibrated probabilities for the card: each fold calibrated by the other folds' scores
    folds = np.array([fold_of[g] for g, _, _ in rows])
    prob = np.zeros(len(rows))
    decided = np.zeros(len(rows), dtype=bool)
    for k in range(FOLDS):
        m = folds == k
        if not m.any() or m.all():
            continue
        xs_k, ys_k, raw_k = calibration_steps(oof[~m], y[~m])
        prob[m] = [calibrate(float(z), xs_k, ys_k) for z in oof[m]]
        decided[m] = [calibrate(float(z), xs_k, raw_k) >= THRESHOLD for z in oof[m]]
    calib_x, calib_y, raw_y = calibration_steps(oof, y)
    # the decision is the unshrunk calibration's ≥ 0.5 (shrinking moves scores near 0.5 across it, which
    # cost F1 out of fold): the lowest raw score it accepts, and for the card the shrunk probability there
    accepted = sorted(float(z) for z in oof if calibrate(float(z), calib_x, raw_y) >= THRESHOLD)
    cutoff = accepted[0] if accepted else float(oof.max()) + 1.0     # nothing is ever accepted
    threshold = round(calibrate(cutoff, calib_x, calib_y), 4) if accepted else 1.0
    clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    clf.fit(X, y)
    inv = {i: f for f, i in vocab.items()}
    weights = {inv[i]: float(w) for i, w in enumerate(clf.coef_[0])}
    best_f1, curve = _f1_of(decided, y), f1_curve(prob, y)
    card = {"kind": kind, "training_documents": len(groups), "candidates": len(rows), "positives": int(y.sum()),
            "features": len(vocab), "C": C, "folds": FOLDS,
            "out_of_fold": {"auc": round(float(roc_auc_score(y, oof)), 4) if len(set(y)) > 1 else None,
                            "ece": round(ece(prob, y), 4), "f1_at_threshold": round(best_f1, 4), "f1_by_threshold": curve},
            **(extra_card or {})}
    return LinearScorer(kind=kind, weights=weights, bias=float(clf.intercept_[0]),
                        calib_x=calib_x, calib_y=calib_y,
                        threshold=threshold, card=card, cutoff=cutoff)


PRIOR = 3.0    # pseudo-candidates at the base rate added to each isotonic step


def calibration_steps(scores, y) -> tuple[list[float], list[float], list[float]]:
    """Isotonic calibration of raw scores, each step shrunk toward the base rate by ``PRIOR``
    pseudo-candidates: a step fitted on a handful of candidates (the top of a small relation's scores)
    is otherwise 1.0, and the crossval tool measured responsibilities at confidence ≥ 0.9 right only
    0.92 of the time. Steps stay monotone. Returns the step points, the shrunk values and the unshrunk
    values (the decision is made on the latter)."""
    from sklearn.isotonic import IsotonicRegression

    scores, y = np.asarray(scores, float), np.asarray(y, float)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(scores, y)
    fitted = iso.predict(scores)
    base = float(y.mean()) if len(y) else 0.5
    smooth: dict[float, float] = {}
    for v in np.unique(fitted):
        sel = fitted == v
        smooth[float(v)] = (float(y[sel].sum()) + PRIOR * base) / (float(sel.sum()) + PRIOR)
    xs = [float(x) for x in iso.X_thresholds_]
    ys = [smooth.get(float(v), float(v)) for v in iso.y_thresholds_]
    ys = [float(v) for v in np.maximum.accumulate(ys)] if ys else ys
    return xs, ys, [float(v) for v in iso.y_thresholds_]


def _f1_of(pred, y) -> float:
    pred, y = np.asarray(pred, bool), np.asarray(y)
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_curve(prob, y) -> dict:
    """Out-of-fold F1 when the calibrated probability is thresholded at 0.2 … 0.8 (shown in the card).

    The threshold itself is fixed at 0.5: a calibrated score at or above it is more likely right than
    wrong. The argmax of this curve was tried first and was unstable (isotonic calibration is a step
    function, so the curve is jagged: the responsibility threshold jumped from 0.45 to 0.60 when a few
    candidates were added), and ``tools/crossval.py`` measured no gain from it, nor from the centre of
    the best plateau, over 0.5 on the development split."""
    prob = np.asarray(prob, float)
    return {f"{t:.2f}": round(_f1_of(prob >= t, y), 4) for t in np.arange(0.2, 0.81, 0.1)}


def ece(prob, y, bins: int = 10) -> float:
    """Expected calibration error: the share-weighted gap between confidence and accuracy per bin."""
    prob, y = np.asarray(prob, float), np.asarray(y, float)
    if not len(prob):
        return 0.0
    idx = np.minimum((prob * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(prob) * abs(prob[m].mean() - y[m].mean())
    return float(total)


def _annotated(corpus: Path, section_model) -> list[tuple[str, dict, object]]:
    """(doc id, gold, document after ``annotate``) for every dev document, each read and run once; the
    section categories come from ``section_model``, the model this training run has just written."""
    from ..backends import load
    from ..core.pipeline import DEFAULT_STAGES
    from ..stages.classify import classify
    from ..stages.script import original_text, simplified

    out = []
    for doc_id, g, src in dev_documents(corpus):
        doc = load(src)
        for name, stage, *_ in DEFAULT_STAGES:
            doc = classify(doc, section_model) if name == "classify" else stage(doc)
            if name == "annotate":
                break
        if original_text(doc) is not None:
            # a traditional-character notice is read through its simplified shadow, and its gold is printed
            # in traditional characters: label the candidates against the gold's simplified form (else every
            # name of such a notice would be taught as wrong)
            g = json.loads(simplified(json.dumps(g, ensure_ascii=False)))
        out.append((doc_id, g, doc))
    return out


def entity_rows(docs) -> list[tuple[str, list[str], int]]:
    from .decide import entity_candidates

    rows = []
    for doc_id, g, doc in docs:
        ents = g.get("entities") or {}
        gold = {lab: {soft_key(x) for x in ents[lab]} for lab in ("SCHOOL", "ORG") if lab in ents}
        if not gold:
            continue
        for lab, s, e, how, f in entity_candidates(doc):
            if lab in gold:
                rows.append((doc_id, f, int(soft_key(doc.text[s:e]) in gold[lab])))
    return rows


def relation_rows(docs, entity_scorer) -> dict[str, list[tuple[str, list[str], int]]]:
    """Relation candidates of the documents once ``entity_scorer`` (this run's entity model) has decided
    their names: the relations are learnt on the entities they will see at extraction time."""
    from ..stages.relate import relate
    from .decide import decide_entities
    from .relations import KINDS, candidates, gold_keys, item_key

    rows: dict[str, list] = {k: [] for k in KINDS}
    for doc_id, g, doc in docs:
        gold = gold_keys(g)
        if not gold:
            continue
        doc = relate(decide_entities(doc, entity_scorer))
        for kind, item, target, f in candidates(doc):
            if kind in gold:
                rows[kind].append((doc_id, f, int(item_key(kind, item, target) in gold[kind])))
    return rows


def train_scorers(corpus: Path, out_dir: Path, section_model_path: Path) -> list[dict]:
    """Train the entity scorer, then the relation scorers on the entities it decides; write them to
    ``out_dir``. ``section_model_path``: the section model this run wrote (used for the categories)."""
    from ..stages.classify import load_model
    from .decide import ENTITY_MODEL, relation_model

    h = data_hash(corpus)[:16]
    docs = _annotated(corpus, load_model(str(section_model_path)))
    cards = []

    def fit(fname, kind, rows, extra):
        if len({lab for *_, lab in rows}) < 2:
            return None     # nothing to learn (every item right, or none): the rules stay unscored
        scorer = fit_scorer(kind, rows, {"data_sha256": h, **extra})
        scorer.save(out_dir / fname)
        cards.append({"file": fname, **scorer.card, "threshold": scorer.threshold,
                      "bytes": (out_dir / fname).stat().st_size})
        return scorer

    entity_scorer = fit(ENTITY_MODEL, "entities", entity_rows(docs), {"labels": ["SCHOOL", "ORG"]})
    for kind, rows in relation_rows(docs, entity_scorer).items():
        fit(relation_model(kind), kind, rows, {})
    return cards
