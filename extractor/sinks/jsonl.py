"""JSON Lines sink: one record per line."""
from __future__ import annotations

from pathlib import Path

from ..schema.models import ProgramRecord


def dumps(rec: ProgramRecord, pretty: bool = False) -> str:
    return rec.model_dump_json(indent=2 if pretty else None)


class JsonlWriter:
    def __init__(self, path: str | Path, pretty: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.f = self.path.open("w", encoding="utf-8")
        self.pretty = pretty

    def write(self, rec: ProgramRecord) -> None:
        self.f.write(dumps(rec, self.pretty) + "\n")
        self.f.flush()

    def close(self) -> None:
        self.f.close()
