"""Opening ZIP containers (DOCX, OFD) safely: corrupt archives and zip bombs are refused up front."""
from __future__ import annotations

import io
import zipfile

from ..errors import ExtractionError

MAX_UNPACKED = 256 * 1024 * 1024   # total uncompressed size of all members
MAX_RATIO = 200                    # compression ratio of one large member; real XML stays under ~30


def open_zip(data: bytes, path: str, kind: str, *, max_unpacked: int = MAX_UNPACKED) -> zipfile.ZipFile:
    """Return the archive, or raise ``corrupt`` / ``zip_bomb`` naming what is wrong."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ExtractionError("corrupt", f"not a readable {kind} (broken ZIP container: {exc})", path) from None
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        raise ExtractionError("zip_bomb", f"the {kind} would unpack to {total:,} bytes (limit {max_unpacked:,}); "
                              "refused as a likely zip bomb", path)
    for i in infos:
        if i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise ExtractionError("zip_bomb", f"member {i.filename} expands {i.file_size // max(i.compress_size, 1)}"
                                  f"-fold; refused as a likely zip bomb", path)
    return z


def read_member(z: zipfile.ZipFile, name: str, path: str, kind: str) -> bytes:
    try:
        return z.read(name)
    except KeyError:
        raise ExtractionError("corrupt", f"not a {kind}: the archive has no {name}", path) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:   # CRC error, truncated member
        raise ExtractionError("corrupt", f"the {kind} is damaged ({name}: {exc})", path) from None
