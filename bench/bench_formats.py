"""Format backends' throughput next to pdfplumber's own ``extract_text`` in the same run.

    python bench/bench_formats.py [--repeat 3] [--html N] [--json out.json]

Inputs are made in the run: the five seed notices rendered to PDF (ruled tables split over pages)
and to DOCX (merged-cell tables) by tests/render.py, and N pages of ../shared/archive-sample/html
(skipped when absent). For each format it prints the backend alone (``load``: bytes → raw text,
tables, pages) and the whole pipeline (record out), best of N runs:

- PDF: pages/s of our backend and of ``pdfplumber.open(f).pages[i].extract_text()`` on the same
  files, and their ratio (ours / pdfplumber: > 1 means faster than the baseline);
- DOCX and HTML: documents/s.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))


from common import best  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--html", type=int, default=200, help="archive pages to use (default 200)")
    ap.add_argument("--json")
    a = ap.parse_args()
    logging.disable(logging.WARNING)

    import pdfplumber
    from render import to_docx, to_pdf

    from extractor.backends import load
    from extractor.core.pipeline import Pipeline

    pipe = Pipeline()
    pipe.extract_file(ROOT / "corpus" / "dev" / "notices" / "003_ad0509e425ffc264.txt")   # warm up
    tmp = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    seeds = sorted((ROOT / "corpus" / "dev" / "notices").glob("0*.txt"))
    pdfs = [to_pdf(s, tmp / f"{s.stem}.pdf") for s in seeds]
    docxs = [to_docx(s, tmp / f"{s.stem}.docx") for s in seeds]
    archive = ROOT.parent / "shared" / "archive-sample" / "html"
    htmls = sorted(archive.glob("*.html"), key=lambda p: int(p.stem))[: a.html] if archive.is_dir() else []

    pages = 0
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            pages += len(pdf.pages)

    def plumber() -> None:
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    out: dict = {"pdf_files": len(pdfs), "pdf_pages": pages, "docx_files": len(docxs), "html_files": len(htmls)}
    t_plumber = best(plumber, a.repeat)
    t_pdf_load = best(lambda: [load(p) for p in pdfs], a.repeat)
    t_pdf_pipe = best(lambda: [pipe.extract_file(p) for p in pdfs], a.repeat)
    out["pdf"] = {"pdfplumber_extract_text_pages_per_s": pages / t_plumber,
                  "backend_pages_per_s": pages / t_pdf_load, "pipeline_pages_per_s": pages / t_pdf_pipe,
                  "backend_ratio_vs_pdfplumber": t_plumber / t_pdf_load,
                  "pipeline_ratio_vs_pdfplumber": t_plumber / t_pdf_pipe}
    t_docx_load = best(lambda: [load(p) for p in docxs], a.repeat)
    t_docx_pipe = best(lambda: [pipe.extract_file(p) for p in docxs], a.repeat)
    out["docx"] = {"backend_docs_per_s": len(docxs) / t_docx_load, "pipeline_docs_per_s": len(docxs) / t_docx_pipe}
    if htmls:
        t_html_load = best(lambda: [load(p) for p in htmls], a.repeat)
        t_html_pipe = best(lambda: [pipe.extract_file(p) for p in htmls], a.repeat)
        out["html"] = {"backend_docs_per_s": len(htmls) / t_html_load,
                       "pipeline_docs_per_s": len(htmls) / t_html_pipe}

    print(f"PDF  {len(pdfs)} files, {pages} pages (seeds rendered with ruled tables)")
    print(f"  pdfplumber extract_text   {out['pdf']['pdfplumber_extract_text_pages_per_s']:8.1f} pages/s  (baseline)")
    print(f"  our PDF backend           {out['pdf']['backend_pages_per_s']:8.1f} pages/s  "
          f"ratio {out['pdf']['backend_ratio_vs_pdfplumber']:.2f}")
    print(f"  whole pipeline            {out['pdf']['pipeline_pages_per_s']:8.1f} pages/s  "
          f"ratio {out['pdf']['pipeline_ratio_vs_pdfplumber']:.2f}")
    print(f"DOCX {len(docxs)} files (seeds with merged-cell tables)")
    print(f"  our DOCX backend          {out['docx']['backend_docs_per_s']:8.1f} docs/s")
    print(f"  whole pipeline            {out['docx']['pipeline_docs_per_s']:8.1f} docs/s")
    if htmls:
        print(f"HTML {len(htmls)} archive pages")
        print(f"  our HTML backend          {out['html']['backend_docs_per_s']:8.1f} docs/s")
        print(f"  whole pipeline            {out['html']['pipeline_docs_per_s']:8.1f} docs/s")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), "utf-8")


if __name__ == "__main__":
    main()
