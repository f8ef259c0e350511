"""The pipeline: load → script → clean → tables → structure → classify → annotate → decide → relate → record.

Each stage is a function ``Document → Document`` with one obvious entry point in its own module, declared
here as a ``Component`` with what it requires and assigns (fields of ``Document``); a pipeline checks the
order when it is built, so a stage can never run before what it reads exists.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from ..backends import DEFAULT_MAX_BYTES, load, load_bytes
from ..errors import ExtractionError
from ..learn.decide import decide_entities, decide_relations
from ..schema.models import ProgramRecord
from ..stages.annotate import annotate
from ..stages.classify import classify
from ..stages.clean import clean
from ..stages.relate import relate
from ..stages.script import script
from ..stages.structure import structure
from ..stages.tables import tables
from .document import Document
from .record import to_record

Stage = Callable[[Document], Document]


class Component(NamedTuple):
    name: str
    run: Stage
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


# what a backend's Document holds before the first stage
LOADED = ("source", "raw_text", "meta", "source_tables", "page_starts")

DEFAULT_STAGES: tuple[Component, ...] = (
    Component("script", script, ("raw_text", "source_tables"), ("raw_text", "script")),
    Component("clean", clean, ("raw_text", "script"), ("text", "blocks")),
    Component("tables", tables, ("text", "blocks"), ("tables",)),
    Component("structure", structure, ("text", "blocks", "tables"), ("info", "sections")),
    Component("classify", classify, ("sections",), ("sections.category",)),
    Component("annotate", annotate, ("text", "info", "tables"), ("tokens", "entities")),
    Component("decide_entities", decide_entities, ("entities", "tokens"), ("entities.confidence",)),
    Component("relate", relate, ("entities.confidence", "sections.category", "tables", "info"), ("relations",)),
    Component("decide_relations", decide_relations, ("relations",), ("relations.confidence",)),
)


def check_order(stages: tuple[Component, ...]) -> None:
    """Raise ``ValueError`` when a stage requires what no earlier stage (or the backend) assigns."""
    have = set(LOADED)
    for c in stages:
        missing = [r for r in c.requires if r not in have]
        if missing:
            raise ValueError(f"stage {c.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        have.update(c.assigns)


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

    from ..learn.decide import warm_models
    from ..stages.annotate import nlp
    from ..stages.classify import load_model
    from ..text.normalize import _jio

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
        check_order(self.stages)
        self.max_bytes = max_bytes
        warm_up()

    def run(self, doc: Document) -> ProgramRecord:
        for name, stage, *_ in self.stages:
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
