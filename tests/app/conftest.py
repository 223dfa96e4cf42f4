"""Fixtures of the app tests."""
import pytest

from app.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_store):
    """The main window on the demo store, not reading or writing the user's window settings."""
    w = MainWindow(demo_store, remember=False)
    qtbot.addWidget(w)
    w.show()
    return w
