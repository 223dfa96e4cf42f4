"""The log file in the data folder, and what happens to a bug.

Errors a user can act on (:class:`models.errors.UserError`) are shown as they
are.  Anything else is a bug: it is shown once, briefly, and written with its
traceback to ``logs/dutymatrix.log`` in the data folder (rotated: 1 MB, three
old files kept), whose path the message and the About box name.
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from models.paths import log_path

LOGGER = "dutymatrix"
_MAX_BYTES = 1_000_000
_BACKUPS = 3


def setup_logging(path: Path | None = None) -> Path:
    """Send the program's log (warnings and worse, from every module) to the rotating file; idempotent."""
    path = Path(path) if path is not None else log_path()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "dutymatrix_log", False):
            if Path(handler.baseFilename) == path:  # type: ignore[attr-defined]
                return path
            root.removeHandler(handler)  # another data folder (DUTYMATRIX_HOME changed)
            handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8",
                                                   delay=True)
    handler.dutymatrix_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    return path


class _FileOnFirstUse(logging.Handler):
    """Until the log file is set up, the first record sets it up and goes there; never to the terminal,
    where Python's last-resort handler would print a library's warning with its traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        root = logging.getLogger()
        try:
            setup_logging()
        except OSError:
            return  # no log file here (a read-only data folder): the record is dropped
        root.removeHandler(self)
        for handler in root.handlers:
            if getattr(handler, "dutymatrix_log", False) and record.levelno >= handler.level:
                handler.handle(record)


def keep_logs_off_the_terminal() -> None:
    """Warnings (the ``warnings`` module's too: openpyxl on an odd workbook) go to the log file only."""
    logging.captureWarnings(True)
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(_FileOnFirstUse(logging.WARNING))


def log_bug(exc: BaseException, context: str = "") -> Path:
    """Write an unexpected exception with its traceback to the log; the log's path, for the message."""
    path = setup_logging()
    logging.getLogger(LOGGER).error("内部错误%s", f"（{context}）" if context else "",
                                    exc_info=(type(exc), exc, exc.__traceback__))
    return path
