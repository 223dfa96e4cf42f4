"""Shared fixtures: every test runs offscreen with its own data folder."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# CI replays the same examples every run (a red CI is then reproducible); local runs explore.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from models.demo import demo_plan  # noqa: E402
from models.store import Store  # noqa: E402


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """Point the app's user-data and settings folders at a temporary directory."""
    from PySide6.QtCore import QSettings

    home = tmp_path / "home"
    monkeypatch.setenv("DUTYMATRIX_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    return home


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.sqlite") as s:
        yield s


@pytest.fixture
def demo_store(store):
    store.save_plan(demo_plan())
    return store
