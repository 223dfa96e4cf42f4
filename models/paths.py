"""Where the app keeps its files.

``DUTYMATRIX_HOME`` overrides the platform's user-data folder; the tests set
it so that they never touch a real user's data.
"""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "DutyMatrix"


def data_dir() -> Path:
    override = os.environ.get("DUTYMATRIX_HOME")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "dutymatrix.sqlite"


def log_path() -> Path:
    """The log file (rotated): bugs with their tracebacks, for the About box and bug reports."""
    return data_dir() / "logs" / "dutymatrix.log"
