"""One backend per input format; each turns bytes into a ``Document`` with ``raw_text`` set.

Format quirks stay here: downstream stages only see ``Document``.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Document, SourceInfo
from ..errors import ExtractionError
from . import txt

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_SUFFIX_FORMAT = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".wps": "doc", ".ofd": "ofd",
}
SUPPORTED = ("txt",)


def sniff_format(path: Path, head: bytes) -> str:
    """Decide the format from the content first (a wrong extension is common), then the suffix."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "ofd" if path.suffix.lower() == ".ofd" else "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    return _SUFFIX_FORMAT.get(path.suffix.lower(), "txt")


def load(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    p = Path(path)
    if not p.exists():
        raise ExtractionError("not_found", "no such file", str(p))
    if not p.is_file():
        raise ExtractionError("not_a_file", "not a regular file", str(p))
    size = p.stat().st_size
    if size == 0:
        raise ExtractionError("empty", "the file is empty", str(p))
    if size > max_bytes:
        raise ExtractionError("too_large", f"{size} bytes exceeds the limit of {max_bytes} bytes "
                              "(raise it with --max-bytes)", str(p))
    data = p.read_bytes()
    return load_bytes(data, path=str(p), fmt=sniff_format(p, data[:8]))


def load_bytes(data: bytes, *, path: str = "<bytes>", fmt: str = "txt") -> Document:
    if not data:
        raise ExtractionError("empty", "the input is empty", path)
    source = SourceInfo(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    if fmt == "txt":
        text, encoding = txt.decode(data, path)
        source.encoding = encoding
        return Document(source=source, raw_text=text)
    raise ExtractionError("unsupported_format",
                          f"{fmt.upper()} input is not supported yet (supported: {', '.join(SUPPORTED)})", path)
