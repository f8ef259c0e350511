"""One backend per input format; each turns bytes into a ``Document`` with ``raw_text`` set.

Format quirks stay here: downstream stages only see ``Document`` (raw text, page starts and the
tables a backend read from the file's structure). The format is decided from the content, not the
file name: a PDF saved as ``.doc`` is read as a PDF, with a ``wrong_extension`` warning.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from ..core.document import Document, SourceInfo
from ..errors import ExtractionError
from . import txt

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_SUFFIX_FORMAT = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".aspx": "html", ".jsp": "html",
    ".php": "html",
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".wps": "doc", ".ofd": "ofd",
}
SUPPORTED = ("txt", "html", "pdf", "docx", "doc", "ofd")
_HTML_HEAD = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b",
                        re.I | re.S)


def sniff_format(path: Path, head: bytes) -> str:
    """Decide the format from the content first (a wrong extension is common), then the suffix."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path, head)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    stripped = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if _HTML_HEAD.match(stripped[:4096]) or re.search(rb"<html\b|<body\b", stripped[:4096], re.I):
        return "html"
    return _SUFFIX_FORMAT.get(path.suffix.lower(), "txt")


def _zip_kind(path: Path, data: bytes) -> str:
    suffix = _SUFFIX_FORMAT.get(path.suffix.lower())
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist()) if len(data) > 64 else set()
    except (zipfile.BadZipFile, EOFError, ValueError):
        names = set()
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or "ofd.xml" in names:
        return "ofd"
    return suffix if suffix in ("docx", "ofd") else "docx"


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
        raise ExtractionError("too_large", f"{size:,} bytes exceeds the limit of {max_bytes:,} bytes "
                              "(raise it with --max-bytes)", str(p))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ExtractionError("unreadable", f"cannot read the file: {exc.strerror or exc}", str(p)) from None
    fmt = sniff_format(p, data)
    doc = load_bytes(data, path=str(p), fmt=fmt)
    named = _SUFFIX_FORMAT.get(p.suffix.lower())
    if named and named != fmt and not (named == "txt" and fmt == "html"):
        doc.warn(f"wrong_extension: the file is named {p.suffix} but holds {fmt.upper()}; read as {fmt.upper()}")
    return doc


def load_bytes(data: bytes, *, path: str = "<bytes>", fmt: str | None = "txt") -> Document:
    """Read bytes of a known format (``fmt=None``: decide from the content)."""
    if not data:
        raise ExtractionError("empty", "the input is empty", path)
    if fmt is None:
        fmt = sniff_format(Path(path), data)
    if fmt not in SUPPORTED:
        raise ExtractionError("unsupported_format", f"{fmt!r} is not a supported format "
                              f"(supported: {', '.join(SUPPORTED)})", path)
    source = SourceInfo(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    doc = Document(source=source, raw_text="")
    if fmt == "txt":
        text, encoding = txt.decode(data, path, warn=doc.warn)
        source.encoding = encoding
        doc.raw_text = text
        return doc
    if fmt == "html":
        from . import html
        return html.read(data, doc)
    if fmt == "docx":
        from . import docx
        return docx.read(data, doc)
    if fmt == "pdf":
        from . import pdf
        return pdf.read(data, doc)
    if fmt == "doc":
        from . import legacy
        return legacy.read(data, doc)
    from . import ofd
    return ofd.read(data, doc)
