"""Long work behind one progress dialog with 取消, and one error path (Anki's QueryOp is the model).

- :func:`run_task` runs ``work(progress)`` on a worker thread while the window stays
  responsive behind a window-modal :class:`ProgressDialog`; it returns the work's
  result, or None when the user cancelled or the work failed (the failure shown once).
  The work must not touch widgets or the store: read what it needs first, in the GUI thread.
- :class:`ProgressDialog` is also the ``progress`` callback of work that has to stay in
  the GUI thread (painting on a printer or a preview): it handles events as it reports.
- :func:`report_failure` is the one error path: errors a user can act on
  (:class:`~models.errors.UserError`, a file that cannot be written) are shown as they
  are; anything else is a bug, shown once and written with its traceback to the log.

``progress(stage, done, total)`` returns False once the user has cancelled; the work then
raises :class:`~models.errors.Cancelled` (``exporters.paged_paint.check`` does).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from models.errors import Cancelled, UserError
from models.paths import log_path

T = TypeVar("T")
Progress = Callable[[str, int, int], bool]

SHOW_PROGRESS_AFTER_MS = 300
UPDATE_EVERY_MS = 50  # the dialog is refreshed (and events handled) at most this often
# stage → (text with a total, text without one)
_STAGES = {"layout": ("正在排版… 第 {done} / {total} 行", "正在排版…"),
           "paint": ("正在生成第 {done} / {total} 页", "正在生成第 {done} 页"),
           "rows": ("正在写入… 第 {done} / {total} 行", "正在写入…"),
           "files": ("正在读取第 {done} / {total} 个文件", "正在读取…"),
           "letters": ("正在写入第 {done} / {total} 份通知", "正在写入通知…")}

_log = logging.getLogger(__name__)


class ProgressDialog:
    """A progress dialog that appears when work takes a while; calling it reports progress."""

    def __init__(self, parent: QWidget | None, title: str, label: str = "正在排版…", cancellable: bool = True):
        self.label = label
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(label)
        if cancellable:
            self.dialog.setCancelButtonText("取消")
        else:
            self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setRange(0, 0)
        self.dialog.setValue(0)
        self.stages: list[tuple[str, int, int]] = []  # what was reported, for tests
        self.clock = QElapsedTimer()

    def __call__(self, stage: str, done: int, total: int) -> bool:
        """Progress from work in the GUI thread: shown, events handled; False once cancelled."""
        self.stages.append((stage, done, total))
        if self.clock.isValid() and self.clock.elapsed() < UPDATE_EVERY_MS and done < total:
            return not self.dialog.wasCanceled()
        self.clock.start()
        self.show_progress(stage, done, total)
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        with_total, without = _STAGES.get(stage, (self.label, self.label))
        self.dialog.setLabelText((with_total if total else without).format(done=done, total=total))
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()


class _Bridge(QObject):
    """Carries the worker's reports to the GUI thread (queued signals)."""

    progressed = Signal(str, int, int)
    finished = Signal()


def run_task(parent: QWidget | None, title: str, work: Callable[[Progress], T], label: str = "正在处理…",
             cancellable: bool = True, raises: tuple[type[BaseException], ...] = (),
             on_progress: Callable[[str, int, int], None] | None = None) -> T | None:
    """``work(progress)`` on a worker thread behind a progress dialog; its result, or None when
    cancelled or failed (the failure reported once by :func:`report_failure`).  Errors of the
    types in ``raises`` are raised here instead, for a caller that shows them in its own place;
    ``on_progress`` (in the GUI thread) replaces the dialog for a caller with its own progress bar."""
    dialog = None if on_progress else ProgressDialog(parent, title, label, cancellable)
    bridge = _Bridge()
    cancel = threading.Event()
    if dialog is not None:
        dialog.dialog.canceled.connect(cancel.set)
    bridge.progressed.connect(on_progress or dialog.show_progress)  # type: ignore[union-attr]
    loop = QEventLoop()
    bridge.finished.connect(loop.quit)
    outcome: dict[str, object] = {}

    def progress(stage: str, done: int, total: int) -> bool:
        bridge.progressed.emit(stage, done, total)
        return not cancel.is_set()

    def target() -> None:
        try:
            outcome["value"] = work(progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, reported there
            outcome["error"] = exc
        finally:
            bridge.finished.emit()

    worker = threading.Thread(target=target, name=f"dutymatrix: {title}", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    if dialog is not None:
        dialog.close()
    error = outcome.get("error")
    if isinstance(error, raises):
        raise error
    if isinstance(error, Cancelled):
        return None
    if isinstance(error, BaseException):
        report_failure(parent, title, error)
        return None
    return outcome["value"]  # type: ignore[return-value]


def report_failure(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """The one error path: a user error or an unwritable file as it is; a bug once, and to the log."""
    if isinstance(exc, OSError) and not isinstance(exc, UserError):
        name = f"{exc.filename}：" if getattr(exc, "filename", None) else ""
        QMessageBox.warning(parent, title, f"{name}无法写入（{exc.strerror or exc}）")
    elif isinstance(exc, UserError):
        QMessageBox.warning(parent, title, str(exc))
    else:
        _log.error("%s：内部错误", title, exc_info=exc)
        QMessageBox.critical(parent, title, f"{title}失败：内部错误（{type(exc).__name__}: {exc}）。\n"
                                            f"详情已写入 {log_path()}，请将其报告给维护者。")
