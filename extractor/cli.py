"""Command line: ``policy-extract`` / ``python cli.py``."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .backends import DEFAULT_MAX_BYTES
from .errors import ExtractionError

EPILOG = """\
examples:
  policy-extract run corpus/dev/notices --out out/      extract a folder: out/records.jsonl + out/records.sqlite
  policy-extract extract notice.txt --pretty             one record as indented JSON on stdout
  policy-extract extract a.txt b.txt -o out.jsonl --db postgresql+psycopg://localhost/test
  policy-extract evaluate corpus/test                     per-field precision/recall/F1 on the sealed test split
  policy-extract evaluate corpus/ --report eval.json     both splits (dev, test), every disagreement in eval.json
  policy-extract train                                   rebuild the models from corpus/dev
  policy-extract schema                                  print the program record JSON Schema

exit status: 0 all documents extracted; 1 some documents failed (the others are still written);
2 bad usage.
"""


def _files(inputs: list[str]) -> list[Path]:
    out: list[Path] = []
    for x in inputs:
        p = Path(x)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith(".")))
        else:
            out.append(p)
    return out


def filter_confidence(rec, threshold: float):
    """The record without the scored items whose confidence is below ``threshold`` (unscored items stay)."""
    def keep(x) -> bool:
        return x.confidence is None or x.confidence >= threshold

    goals = []
    for g in rec.goals:
        targets = [t for t in g.targets if keep(t)]
        if (targets or not g.targets or g.year) and keep(g):
            goals.append(g.model_copy(update={"targets": targets}))
    return rec.model_copy(update={
        "entities": [e for e in rec.entities if keep(e)], "pairings": [x for x in rec.pairings if keep(x)],
        "responsibilities": [x for x in rec.responsibilities if keep(x)],
        "deadlines": [x for x in rec.deadlines if keep(x)], "goals": goals,
        "measures": [x for x in rec.measures if keep(x)]})


def _extract_many(files: list[Path], writers: list, a, quiet: bool = False) -> tuple[int, list]:
    """Extract every file (each in a worker with a time limit and a memory bound), write the records,
    report each failure on stderr; one bad document never stops the batch."""
    from collections import Counter

    from .runs.local import extract_many

    ok, failed = 0, []
    for out in extract_many(files, max_bytes=a.max_bytes, timeout=a.timeout, max_memory_mb=a.max_memory,
                            workers=a.workers):
        name = Path(out.path).name
        if not out.ok:
            failed.append((out.path, out.code, out.message))
            print(f"error: {out.path}: [{out.code}] {out.message}", file=sys.stderr)
            continue
        rec = out.record()
        if getattr(a, "min_confidence", None):
            rec = filter_confidence(rec, a.min_confidence)
        for w in writers:
            w.write(rec)
        ok += 1
        if not quiet:
            d = rec.document
            n = {t: sum(1 for e in rec.entities if e.type == t) for t in ("SCHOOL", "ORG", "DATE")}
            print(f"ok    {name[:44]:<44} {rec.source.format:<4} {(d.doc_number.text if d.doc_number else '-'):<22} "
                  f"{d.signed_date or '-':<10}  sections {len(rec.sections):>3}  schools {n['SCHOOL']:>3}  "
                  f"orgs {n['ORG']:>3}  dates {n['DATE']:>3}", file=sys.stderr)
    if failed:
        by_code = Counter(code for _, code, _ in failed)
        print("failed: " + ", ".join(f"{n} {code}" for code, n in by_code.most_common()), file=sys.stderr)
    return ok, failed


def cmd_extract(a) -> int:
    from .sinks import JsonlWriter, SqlWriter, dumps

    files = _files(a.files)
    if not files:
        print("error: no input files", file=sys.stderr)
        return 2
    writers = []

    class Stdout:
        def write(self, rec):
            print(dumps(rec, a.pretty))

    writers.append(JsonlWriter(a.output, a.pretty) if a.output else Stdout())
    if a.db:
        writers.append(SqlWriter(a.db))
    t0 = time.perf_counter()
    ok, failed = _extract_many(files, writers, a, quiet=not a.output)
    for w in writers:
        getattr(w, "close", lambda: None)()
    print(f"{ok} extracted, {len(failed)} failed in {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    return 1 if failed else 0


def cmd_run(a) -> int:
    from .sinks import JsonlWriter, SqlWriter

    files = _files(a.inputs)
    if not files:
        print(f"error: no input files in {' '.join(a.inputs)}", file=sys.stderr)
        return 2
    out = Path(a.out)
    jsonl, db = JsonlWriter(out / "records.jsonl"), SqlWriter(a.db or str(out / "records.sqlite"))
    t0 = time.perf_counter()
    ok, failed = _extract_many(files, [jsonl, db], a, quiet=a.quiet)
    jsonl.close()
    rows = db.count()
    db.close()
    print(f"\n{ok} extracted, {len(failed)} failed in {time.perf_counter() - t0:.2f}s; "
          f"wrote {out / 'records.jsonl'} and {a.db or out / 'records.sqlite'} ({rows} rows)")
    return 1 if failed else 0


def cmd_schema(a) -> int:
    from .schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if a.write:
        path = Path(__file__).parent / "schema" / "program.schema.json"
        path.write_text(text, "utf-8")
        print(f"wrote {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _splits(corpus: Path) -> list[Path]:
    """``corpus/`` itself when it holds gold/ and notices/, else its split folders (dev/, test/) that do."""
    if (corpus / "gold").is_dir() and (corpus / "notices").is_dir():
        return [corpus]
    return [d for d in (corpus / "dev", corpus / "test") if (d / "gold").is_dir() and (d / "notices").is_dir()]


def cmd_evaluate(a) -> int:
    from .core.pipeline import Pipeline
    from .evaluation.scoring import evaluate, format_table

    corpus = Path(a.corpus)
    splits = _splits(corpus)
    if not splits:
        print(f"error: [not_a_corpus] {corpus} holds neither gold/ + notices/ nor dev/ or test/ splits "
              "(see corpus/README.md)", file=sys.stderr)
        return 2
    pipe = Pipeline()
    only = [d.strip() for d in a.docs.split(",")] if a.docs else None
    reports = {}
    for split in splits:
        records = {}
        for f in sorted((split / "notices").iterdir()):
            if f.is_file():
                try:
                    records[f.stem] = pipe.extract_file(f)
                except ExtractionError as exc:
                    print(f"error: {f}: [{exc.code}] {exc.message}", file=sys.stderr)
        rep = evaluate(records, split / "gold", only)
        reports[split.name] = rep
        from .evaluation.scoring import calibration_items, calibration_summary, reliability_plot

        cal = calibration_summary(calibration_items(records if not only else
                                                    {k: v for k, v in records.items() if k in only}, split / "gold"))
        rep.calibration = cal
        print(f"{len(rep.per_doc)} documents evaluated against {split / 'gold'}")
        print(format_table(rep))
        if cal.get("items"):
            print(f"confidence: {cal['items']} scored items, expected calibration error {cal['ece']}; "
                  f"{cal['confident_items']} with confidence ≥ 0.9, of which {cal['confident_accuracy']} right")
            if a.calibration:
                png = Path(a.calibration)
                if len(splits) > 1:
                    png = png.with_name(f"{png.stem}-{split.name}{png.suffix}")
                if reliability_plot(cal, png, f"{split.name} split"):
                    print(f"reliability plot written to {png}")
                else:
                    print("warning: matplotlib is not installed: no reliability plot", file=sys.stderr)
        if a.verbose:
            for doc, errs in rep.per_doc.items():
                for fld, diff in errs.items():
                    print(f"  {doc} {fld}: {json.dumps(diff, ensure_ascii=False)[:300]}")
        if len(splits) > 1:
            print()
    if a.report:
        data = (next(iter(reports.values())).to_json() if len(reports) == 1
                else {name: rep.to_json() for name, rep in reports.items()})
        Path(a.report).write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
        print(f"report written to {a.report}")
    return 0


def cmd_train(a) -> int:
    from .learn.sections import train
    from .stages.classify import MODEL_NAME, model_dir

    out = Path(a.out) if a.out else model_dir() / MODEL_NAME
    corpus = Path(a.corpus)
    if not (corpus / "gold").is_dir() and (corpus / "dev" / "gold").is_dir():
        corpus = corpus / "dev"       # models learn from the development split only
    if (corpus / "SEALED").exists():
        print(f"error: [sealed_split] {corpus} is the sealed test split: models are trained on corpus/dev",
              file=sys.stderr)
        return 2
    if not (corpus / "gold").is_dir() or not (corpus / "notices").is_dir():
        print(f"error: [not_a_corpus] {corpus} must hold gold/ and notices/", file=sys.stderr)
        return 2
    from threadpoolctl import threadpool_limits

    from .learn.train import train_scorers

    # one thread for the solvers: a multi-threaded reduction may sum in another order from run to run, and
    # the models must rebuild byte for byte
    with threadpool_limits(1):
        info = train(corpus, out)
        cards = train_scorers(corpus, out.parent, out)
    for card in cards:
        oof = card["out_of_fold"]
        print(f"trained {card['file']}: {card['candidates']} candidates ({card['positives']} right) from "
              f"{card['training_documents']} documents; out-of-fold AUC {oof['auc']}, F1 {oof['f1_at_threshold']} "
              f"(kept where the unshrunk calibration reaches 0.5; confidence there {card['threshold']}), "
              f"ECE {oof['ece']}; {card['bytes']} bytes")
    oof = f"{info['oof_accuracy']:.3f}" if info["oof_accuracy"] is not None else "n/a"
    print(f"trained on {info['examples']} sections from {info['documents']} documents; "
          f"out-of-fold accuracy {oof} ({info['oof_examples']} sections, five folds by document); "
          f"wrote {info['out']} ({info['bytes']} bytes, version {info['version']})")
    return 0


def _unit_interval(s: str) -> float:
    try:
        v = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not a number") from None
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"{v} is not between 0 and 1")
    return v


def _limits(p: argparse.ArgumentParser) -> None:
    from .runs.local import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT

    g = p.add_argument_group("limits (each document alone fails when it breaks one; the batch goes on)")
    g.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger inputs (default 50 MiB)")
    g.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"seconds allowed per document, 0 for no limit (default {DEFAULT_TIMEOUT:g})")
    g.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY_MB, metavar="MIB",
                   help=f"memory a document may use on top of the loaded pipeline (default {DEFAULT_MAX_MEMORY_MB})")
    g.add_argument("-j", "--workers", type=int, default=1, help="documents extracted in parallel (default 1)")
    p.add_argument("--min-confidence", type=_unit_interval, metavar="X",
                   help="drop entities and relation items whose calibrated confidence is below X (0–1); "
                        "items no model scored are kept")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policy-extract", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
        description="Turn Chinese government policy notices into grounded, schema-valid JSON records.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = sub.add_parser("extract", help="extract files into records (JSONL on stdout or -o)",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    e.add_argument("files", nargs="+", help="input files or folders: TXT (any common Chinese encoding), HTML, PDF, "
                                            "DOCX, DOC/WPS (through LibreOffice), OFD")
    e.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    e.add_argument("--pretty", action="store_true", help="indent the JSON")
    e.add_argument("--db", help="also upsert into a database: a SQLite path or a SQLAlchemy URL")
    _limits(e)
    e.set_defaults(fn=cmd_extract)

    r = sub.add_parser("run", help="the batch job: a folder → records.jsonl + records.sqlite")
    r.add_argument("inputs", nargs="*", default=["corpus/dev/notices"],
                   help="files or folders (default corpus/dev/notices)")
    r.add_argument("--out", default="out", help="output folder (default out/)")
    r.add_argument("--db", help="database instead of OUT/records.sqlite (path or SQLAlchemy URL)")
    r.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    _limits(r)
    r.set_defaults(fn=cmd_run)

    s = sub.add_parser("schema", help="print the program record JSON Schema")
    s.add_argument("--write", action="store_true", help="regenerate extractor/schema/program.schema.json")
    s.set_defaults(fn=cmd_schema)

    v = sub.add_parser("evaluate", help="per-field P/R/F1 (strict and soft) against CORPUS/gold")
    v.add_argument("corpus", nargs="?", default="corpus",
                   help="a split (folder with notices/ and gold/) or corpus/ for both splits (default corpus)")
    v.add_argument("--report", help="also write the full report as JSON")
    v.add_argument("--docs", help="comma-separated document ids to score (default: all with gold)")
    v.add_argument("--calibration", metavar="PNG", help="also draw the reliability diagram of the confidences here")
    v.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    v.set_defaults(fn=cmd_evaluate)

    t = sub.add_parser("train", help="rebuild the section classifier from CORPUS/gold")
    t.add_argument("corpus", nargs="?", default="corpus",
                   help="the development split, or corpus/ for its dev/ (default corpus; the test split is refused)")
    t.add_argument("--out", help="model file (default models/section_classifier.json)")
    t.set_defaults(fn=cmd_train)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except ExtractionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
