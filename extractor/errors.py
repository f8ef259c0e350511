"""Errors that name what went wrong with one document, with a stable machine-readable code."""
from __future__ import annotations


class ExtractionError(Exception):
    """A document could not be extracted. ``code`` is stable and documented in the README."""

    def __init__(self, code: str, message: str, path: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}[{self.code}] {self.message}"
