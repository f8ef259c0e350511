"""Legacy Word (.doc) and WPS (.wps): OLE2 binary files, read by converting them to DOCX with LibreOffice.

No maintained pure-Python reader handles the Word 97-2003 binary format (and Kingsoft WPS files, a
close variant of it) well enough for tables and numbering, while LibreOffice does; its DOCX output then
goes through the DOCX backend, so both formats get the same treatment as .docx. LibreOffice is an
optional system tool: without it the error says what to install.

Each conversion runs in its own temporary directory with a private LibreOffice profile, so parallel
runs do not fight over the user's profile lock, and the directory is always removed. LibreOffice runs
in its own process group: its launcher starts ``soffice.bin`` as a child, and on a timeout the whole
group must go, not only the launcher.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..core.document import Document
from ..errors import ExtractionError
from . import docx as docx_backend

TIMEOUT = 120          # seconds for one conversion; a first run also builds the fresh profile
_INSTALL_HINT = ("reading legacy Word/WPS files needs LibreOffice: install it (Debian: apt-get install "
                 "libreoffice-writer-nogui; other systems: https://www.libreoffice.org) and make sure "
                 "`soffice` is on PATH, or save the file as .docx")
_SUFFIXES = (".doc", ".wps", ".dot", ".wpt")


def read(data: bytes, doc: Document) -> Document:
    path = doc.source.path
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise ExtractionError("missing_tool", _INSTALL_HINT, path)
    suffix = Path(path).suffix.lower()
    # LibreOffice picks its import filter from the content, but a known suffix helps it decide
    suffix = suffix if suffix in _SUFFIXES else ".doc"
    with tempfile.TemporaryDirectory(prefix="policy-extractor-", ignore_cleanup_errors=True) as tmp:
        docx_bytes = _convert(office, data, Path(tmp), suffix, path)
    docx_backend.read(docx_bytes, doc)
    doc.warn(f"converted: read through LibreOffice ({suffix[1:].upper()} → DOCX)")
    return doc


def _convert(office: str, data: bytes, tmp: Path, suffix: str, path: str) -> bytes:
    """The DOCX bytes LibreOffice makes of ``data``; errors name the failure."""
    src = tmp / f"input{suffix}"
    src.write_bytes(data)
    out = tmp / "out"
    out.mkdir()
    cmd = [office, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
           "--nologo", "--nodefault", "--convert-to", "docx", "--outdir", str(out), str(src)]
    returncode, output = _run(cmd, path)
    produced = sorted(out.glob("*.docx"))
    if not produced or produced[0].stat().st_size == 0:
        detail = f" (exit status {returncode}: {output})" if output else f" (exit status {returncode})"
        raise ExtractionError("corrupt", "LibreOffice could not convert the file to DOCX: it is damaged, "
                              f"encrypted or not a Word/WPS document{detail}", path)
    return produced[0].read_bytes()


def _run(cmd: list[str], path: str) -> tuple[int, str]:
    """Run LibreOffice with a timeout; return its exit status and the tail of its messages."""
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
    except OSError as exc:
        raise ExtractionError("missing_tool", f"cannot start LibreOffice ({exc.strerror or exc}); "
                              + _INSTALL_HINT, path) from None
    try:
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ExtractionError("timeout", f"LibreOffice did not finish converting the file within {TIMEOUT} s",
                              path) from None
    except BaseException:
        _kill_group(proc)   # an interrupt must not leave a converter running
        raise
    text = (stdout + stderr).decode("utf-8", "replace").strip()
    return proc.returncode, " ".join(text.split())[-300:]


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)   # the group we created for this one conversion
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()
