"""Replacing a file at once: a temporary file in the same folder, renamed over it, so that a
reader (or a crash) never sees half of one."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path


def replace(path: Path, data: bytes, mode: int | None = None, sync: bool = False) -> None:
    """Write data as path. mode: the new file's (None: as a plain open() would make it, not
    mkstemp's 0600); sync: on disk before the rename (a user's own file). Raises OSError."""
    import tempfile  # only runs that write pay its import

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
