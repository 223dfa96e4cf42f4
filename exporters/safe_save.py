"""Writing an export without ever truncating the user's file.

The new file is written beside the target and moved into place only once it
is complete; a failure leaves the old file as it was and no temporary file
behind.  The result gets ordinary permissions (mkstemp makes files private).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[str]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
