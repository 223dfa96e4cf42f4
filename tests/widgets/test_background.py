"""Work off the GUI thread: progress reaches the dialog, 取消 stops it, one error path."""
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from models.errors import Cancelled, UserError
from models.paths import log_path
from widgets.background import run_task


def test_the_result_comes_back_from_another_thread(qapp):
    seen = []

    def work(progress):
        seen.append(threading.current_thread() is not threading.main_thread())
        assert progress("rows", 1, 2)
        return 42

    assert run_task(None, "测试", work) == 42 and seen == [True]


def test_cancel_stops_the_work(qapp, tmp_path):
    target = tmp_path / "out.txt"

    def work(progress):  # the GUI thread presses 取消 (below) while this runs
        for i in range(10_000):
            if not progress("rows", i, 10_000):
                raise Cancelled()
            threading.Event().wait(0.001)
        target.write_text("done")
        return "finished"

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    def press_cancel():
        (dialog,) = [w for w in qapp.topLevelWidgets() if isinstance(w, QProgressDialog) and not w.wasCanceled()]
        dialog.findChild(QPushButton).click()  # 取消

    QTimer.singleShot(50, press_cancel)
    assert run_task(None, "测试", work) is None
    assert not target.exists()


def test_errors_a_caller_shows_are_raised_and_a_bug_is_logged(qapp, monkeypatch):
    def refuse(progress):
        raise UserError("文件.xlsx：不是回收的表格")

    with pytest.raises(UserError, match="不是回收的表格"):
        run_task(None, "测试", refuse, raises=(UserError,))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(("critical", text)))
    assert run_task(None, "测试", refuse) is None

    def bug(progress):
        raise ZeroDivisionError("division by zero")

    from app.logs import setup_logging
    setup_logging()
    assert run_task(None, "测试", bug) is None
    assert shown[0] == ("warning", "文件.xlsx：不是回收的表格")
    assert shown[1][0] == "critical" and str(log_path()) in shown[1][1]
    assert "ZeroDivisionError: division by zero" in log_path().read_text(encoding="utf-8")
