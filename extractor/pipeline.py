"""The pipeline: load → script → clean → tables → structure → classify → annotate → decide → relate → record.

Each stage is a function ``Document → Document`` with one obvious entry point in its own module.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .annotate import annotate
from .backends import DEFAULT_MAX_BYTES, load, load_bytes
from .classify import classify
from .clean import clean
from .document import Document
from .errors import ExtractionError
from .learn.decide import decide_entities, decide_relations
from .record import to_record
from .relate import relate
from .schema.models import ProgramRecord
from .script import script
from .structure import structure
from .tables import tables

Stage = Callable[[Document], Document]
DEFAULT_STAGES: tuple[tuple[str, Stage], ...] = (
    ("script", script), ("clean", clean), ("tables", tables), ("structure", structure), ("classify", classify), ("annotate", annotate),
    ("decide_entities", decide_entities), ("relate", relate), ("decide_relations", decide_relations),
)


_warm = False


def warm_up() -> None:
    """Load everything a document needs once (spaCy pipeline, gazetteer, models, JioNLP), then freeze the
    heap for the garbage collector: these objects live as long as the process, and without the freeze
    each collection walks them again (it cost a third of the throughput on long documents). Forked workers
    share the frozen pages instead of touching them."""
    global _warm
    if _warm:
        return
    import gc

    from .annotate import nlp
    from .classify import load_model
    from .learn.decide import warm_models
    from .normalize import _jio

    nlp()
    load_model()
    warm_models()
    _jio()
    gc.collect()
    gc.freeze()
    _warm = True


class Pipeline:
    def __init__(self, stages=DEFAULT_STAGES, *, max_bytes: int = DEFAULT_MAX_BYTES):
        self.stages = tuple(stages)
        self.max_bytes = max_bytes
        warm_up()

    def run(self, doc: Document) -> ProgramRecord:
        for name, stage in self.stages:
            try:
                doc = stage(doc)
            except ExtractionError:
                raise
            except RecursionError as exc:  # pragma: no cover - defensive
                raise ExtractionError("internal", f"{name} stage failed: {exc}", doc.source.path) from exc
        try:
            return to_record(doc)
        except ValueError as exc:
            raise ExtractionError("invalid_record", f"the record does not validate: {exc}", doc.source.path) from exc

    def extract_file(self, path: str | Path) -> ProgramRecord:
        return self.run(load(path, max_bytes=self.max_bytes))

    def extract_bytes(self, data: bytes, *, path: str = "<bytes>", fmt: str = "txt") -> ProgramRecord:
        return self.run(load_bytes(data, path=path, fmt=fmt))


_default: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract_file(path: str | Path) -> ProgramRecord:
    """Extract one file into a validated record."""
    return _pipeline().extract_file(path)


def extract_text(text: str, *, path: str = "<text>") -> ProgramRecord:
    """Extract a notice given as a string."""
    return _pipeline().extract_bytes(text.encode("utf-8"), path=path, fmt="txt")
