"""Sinks write records; they never parse. ``jsonl`` (JSON Lines) and ``sql`` (SQLite or PostgreSQL)."""
from .jsonl import JsonlWriter, dumps
from .sql import SqlWriter, db_url, records_table

__all__ = ["JsonlWriter", "SqlWriter", "db_url", "dumps", "records_table"]
