"""Cross-validated evaluation of the decided pipeline on the development split.

``evaluate corpus/dev`` scores the shipped models on the documents they were trained on, so it cannot
tell a better threshold or a new candidate generator from a model that remembers its training data;
the sealed test split must not be used for that either. This tool gives the honest dev figure: the
dev documents are cut into the same five folds the trainer uses (grouped by document), the entity and
relation scorers are fitted on four folds exactly as ``python cli.py train`` fits them, and the fifth
fold is extracted with those scorers and scored against its gold. The section categories come from the
shipped section model (its own out-of-fold accuracy is printed by ``train``); everything after
``annotate`` is out of fold.

    python tools/crossval.py                     # table over all dev documents, out of fold
    python tools/crossval.py --fields SCHOOL ORG responsibility_units --report cv.json
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def show(doc, g) -> None:
    from extractor.learn import decide
    from extractor.learn.relations import candidates, gold_keys, item_key

    gold = gold_keys(g)
    for kind, item, target, f in candidates(doc):
        scorer = decide.load_scorer(decide.relation_model(kind))
        p = scorer.probability(f) if scorer else None
        key = item_key(kind, item, target)
        ev = doc.text[(target or item).get("start", 0):(target or item).get("end", 0)][:60].replace("\n", " ")
        print(f"{kind[:6]} {'GOLD' if key in gold.get(kind, ()) else '    '} p={p:.2f} {key} | {ev}")


def confident_errors(records, gold_dir: Path) -> None:
    from extractor.evaluation.scoring import scored_items

    for doc_id, kind, value, conf, right in scored_items(records, gold_dir):
        if conf >= 0.9 and not right:
            print(f"  {conf:.3f} {kind:16s} {doc_id[:40]:40s} {value}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpus" / "dev"))
    ap.add_argument("--fields", nargs="*", help="only these fields in the table")
    ap.add_argument("--show", metavar="DOC", help="print the relation candidates of the documents whose id starts "
                    "with DOC, with their out-of-fold probability and whether the gold has them")
    ap.add_argument("--only", metavar="PREFIX", help="score only the documents whose id starts with PREFIX "
                    "(all documents are still used for fitting), e.g. arc or auth")
    ap.add_argument("--confident-errors", action="store_true", help="list the items scored at confidence ≥ 0.9 "
                    "that the gold does not have (the errors that matter most to a user who trusts the confidence)")
    ap.add_argument("--report", help="write the per-field counts and the per-document disagreements here (JSON)")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)

    from extractor.core.record import to_record
    from extractor.evaluation.scoring import calibration_items, calibration_summary, evaluate, format_table
    from extractor.learn import decide
    from extractor.learn.train import FOLDS, _annotated, entity_rows, fit_scorer, folds_of, relation_rows
    from extractor.stages.classify import load_model
    from extractor.stages.relate import relate

    docs = _annotated(corpus, load_model())
    ids = sorted({d for d, _, _ in docs})
    fold_of = folds_of(ids)
    records = {}
    saved = os.environ.get("POLICY_EXTRACTOR_MODELS")
    try:
        for k in range(FOLDS):
            train = [(d, g, copy.deepcopy(doc)) for d, g, doc in docs if fold_of[d] != k]
            held = [(d, g, copy.deepcopy(doc)) for d, g, doc in docs if fold_of[d] == k]
            ent = fit_scorer("entities", entity_rows(train))
            with tempfile.TemporaryDirectory() as tmp:
                for kind, rows in relation_rows(train, ent).items():
                    if len({lab for *_, lab in rows}) > 1:
                        fit_scorer(kind, rows).save(Path(tmp) / decide.relation_model(kind))
                os.environ["POLICY_EXTRACTOR_MODELS"] = tmp
                decide.load_scorer.cache_clear()
                for d, g, doc in held:
                    doc = relate(decide.decide_entities(doc, ent))
                    if a.show and d.startswith(a.show):
                        show(doc, g)
                    doc = decide.decide_relations(doc)
                    records[d] = to_record(doc)
            print(f"fold {k + 1}/{FOLDS}: {len(held)} documents", file=sys.stderr)
    finally:
        if saved is None:
            os.environ.pop("POLICY_EXTRACTOR_MODELS", None)
        else:
            os.environ["POLICY_EXTRACTOR_MODELS"] = saved
        decide.load_scorer.cache_clear()
    if a.only:
        records = {d: r for d, r in records.items() if d.startswith(a.only)}
    rep = evaluate(records, corpus / "gold")
    print(f"{len(rep.per_doc)} documents, out of fold ({FOLDS} folds by document)")
    print(format_table(rep, a.fields))
    items = calibration_items(records, corpus / "gold")
    s = calibration_summary(items)
    print(f"confidence: {s['items']} scored items, expected calibration error {s['ece']}; "
          f"{s['confident_items']} with confidence ≥ 0.9, of which {s['confident_accuracy']} right")
    if a.confident_errors:
        confident_errors(records, corpus / "gold")
    for kind in sorted({k for *_, k in items}):
        high = [r for c, r, k in items if k == kind and c >= 0.9]
        print(f"  {kind:17} {len(high):5} at ≥ 0.9, {sum(high) / len(high) if high else 0:.3f} right; "
              f"ECE {s['per_kind'][kind]['ece']}")
    if a.report:
        Path(a.report).write_text(json.dumps(rep.to_json(), ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):      # as ``train``: one solver thread (two cores oversubscribe badly)
        raise SystemExit(main())
