"""SQL sink: a database (SQLite by default, PostgreSQL by URL) via SQLAlchemy Core.

A record is upserted by its id (hash of the cleaned text), so re-running a batch never duplicates.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, create_engine, select
from sqlalchemy.engine import Engine

from ..schema.models import ProgramRecord
from .jsonl import dumps

metadata = MetaData()
records_table = Table(
    "records", metadata,
    Column("id", String(64), primary_key=True),
    Column("source_path", Text, nullable=False),
    Column("source_sha256", String(64), nullable=False),
    Column("title", Text),
    Column("doc_number", Text),
    Column("signed_date", String(10)),
    Column("schema_version", String(16), nullable=False),
    Column("record", Text, nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
)


def db_url(value: str) -> str:
    """A SQLAlchemy URL, or a plain path meaning an SQLite file."""
    if "://" in value:
        return value
    Path(value).parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{value}"


class SqlWriter:
    def __init__(self, url: str):
        self.engine: Engine = create_engine(db_url(url))
        metadata.create_all(self.engine)
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:  # pragma: no cover
            raise ValueError(f"unsupported database {dialect!r} (use sqlite or postgresql)")
        self._insert = insert

    def write(self, rec: ProgramRecord) -> None:
        row = {"id": rec.id, "source_path": rec.source.path, "source_sha256": rec.source.sha256,
               "title": rec.document.title, "doc_number": rec.document.doc_number.text if rec.document.doc_number else None,
               "signed_date": rec.document.signed_date, "schema_version": rec.schema_version,
               "record": dumps(rec), "extracted_at": datetime.now(timezone.utc)}
        stmt = self._insert(records_table).values(**row)
        stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={k: stmt.excluded[k] for k in row if k != "id"})
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(records_table.c.id)).all())

    def close(self) -> None:
        self.engine.dispose()
