"""Batch extraction with a time limit and a memory bound per document.

Each document is extracted in a worker process forked from the parent after the pipeline is loaded
(so workers start at once and share the loaded dictionaries). A worker whose document runs over the
time limit is killed and replaced: that document fails with ``timeout``, the batch goes on. The
worker's address space is capped (``RLIMIT_AS``), so a document that needs too much memory fails
with ``too_much_memory`` instead of taking the machine down. Results come back in input order.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ExtractionError

DEFAULT_TIMEOUT = 120.0          # seconds per document
DEFAULT_MAX_MEMORY_MB = 2048     # address space a worker may add to what the loaded pipeline uses


@dataclass
class Outcome:
    path: str
    record_json: str | None = None
    code: str | None = None
    message: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.record_json is not None

    def record(self):
        from ..schema.models import ProgramRecord

        return ProgramRecord.model_validate_json(self.record_json)


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _worker(conn: Connection, max_bytes: int, max_memory_mb: int) -> None:
    from ..core.pipeline import Pipeline

    if max_memory_mb > 0:
        limit = _vm_bytes() + max_memory_mb * 1024 * 1024
        try:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):
            pass
    pipe = Pipeline(max_bytes=max_bytes)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        t0 = time.perf_counter()
        try:
            rec = pipe.extract_file(path)
            out = (index, rec.model_dump_json(), None, None)
        except ExtractionError as exc:
            out = (index, None, exc.code, exc.message)
        except MemoryError:
            out = (index, None, "too_much_memory", f"the document needs more than {max_memory_mb} MiB "
                   "(raise --max-memory)")
        except RecursionError:
            out = (index, None, "internal", "the document is nested too deeply to process")
        except Exception as exc:  # never lose the batch to one document
            out = (index, None, "internal", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(out + (time.perf_counter() - t0,))
        except MemoryError:
            conn.send((index, None, "too_much_memory", "the record is too large to return", time.perf_counter() - t0))


class _Slot:
    def __init__(self, ctx, max_bytes: int, max_memory_mb: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, max_bytes, max_memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


def extract_many(paths: Iterable[str | Path], *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY_MB, workers: int = 1) -> Iterator[Outcome]:
    """Extract files in worker processes; yield one ``Outcome`` per file, in input order."""
    from ..core import pipeline

    # load every model and dictionary before forking, so workers share them and start at once
    pipeline.extract_text("关于开展工作的通知\n各单位：\n一、工作目标\n到2025年，建成10所学校。\n某某局\n2024年1月1日\n")
    ctx = mp.get_context("fork")
    todo = [str(p) for p in paths]
    slots = [_Slot(ctx, max_bytes, max_memory_mb) for _ in range(max(1, min(workers, len(todo) or 1)))]
    done: dict[int, Outcome] = {}
    next_task, next_out = 0, 0
    try:
        while next_out < len(todo):
            for s in slots:
                if s.task is None and next_task < len(todo):
                    s.task, s.started = (next_task, todo[next_task]), time.monotonic()
                    s.conn.send(s.task)
                    next_task += 1
            busy = [s for s in slots if s.task is not None]
            now = time.monotonic()
            wait_for = min((s.started + timeout - now for s in busy), default=0.1) if timeout > 0 else None
            ready = wait([s.conn for s in busy], timeout=max(wait_for, 0.0) if wait_for is not None else None)
            for i, s in enumerate(slots):
                if s.task is None:
                    continue
                index, path = s.task
                if s.conn in ready:
                    try:
                        idx, rec, code, msg, secs = s.conn.recv()
                        done[idx] = Outcome(path, rec, code, msg, secs)
                        s.task = None
                        continue
                    except (EOFError, OSError):
                        s.proc.join(timeout=5)
                        code = s.proc.exitcode
                        done[index] = Outcome(path, None, "too_much_memory" if code in (-9,) else "crashed",
                                              f"the worker died while reading this document (exit code {code})",
                                              time.monotonic() - s.started)
                elif timeout > 0 and time.monotonic() - s.started >= timeout:
                    done[index] = Outcome(path, None, "timeout", f"extraction took longer than {timeout:g} s "
                                          "(raise --timeout)", time.monotonic() - s.started)
                else:
                    continue
                s.kill()
                slots[i] = _Slot(ctx, max_bytes, max_memory_mb)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for s in slots:
            try:
                if s.task is None:
                    s.conn.send(None)
            except (OSError, ValueError):
                pass
            s.kill()
