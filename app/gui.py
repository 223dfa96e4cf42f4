"""Starting the GUI, on screen or offscreen for a screenshot."""
from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

from models.store import Store

APP_NAME = "Duty Matrix"


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _quiet_offscreen(mode, context, message) -> None:
    # The offscreen platform cannot resize native windows; say nothing about it.
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def _application():
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(_quiet_offscreen)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("DutyMatrix")
    app.setDesktopFileName("dutymatrix")  # the installed desktop entry: its name and icon in the task bar
    app.setWindowIcon(QIcon(str(files("resources").joinpath("icon.svg"))))
    install_chinese_translation(app)
    return app


def install_chinese_translation(app) -> bool:
    """Qt's own buttons and dialogs (下一步, 取消, 是/否, the print dialog) in Simplified Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        return False
    app.installTranslator(translator)
    return True


def _report_bug(kind, value, tb) -> None:
    """An unexpected error in the GUI: shown in a message (details inside), and written to the log file."""
    import traceback

    from PySide6.QtWidgets import QMessageBox

    from app.logs import log_bug

    details = "".join(traceback.format_exception(kind, value, tb))
    sys.stderr.write(details)
    log = log_bug(value.with_traceback(tb) if value is not None else Exception(kind))
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                      f"发生内部错误：{value}\n已保存的内容不受影响。详情已写入 {log}")
    box.setDetailedText(details)
    box.exec()


def run(store: Store, plan_id: str | None, open_path: Path | None = None) -> int:
    from app.main_window import MainWindow

    from app.logs import setup_logging

    setup_logging()
    sys.excepthook = _report_bug
    app = _application()
    window = MainWindow(store, plan_id)
    window.resize(1400, 860)
    window.show()
    if open_path is not None:
        window.open_file(open_path)
    return app.exec()


def screenshot(store: Store, plan_id: str | None, out: Path, size: tuple[int, int], view: str = "tree") -> None:
    """Render the main window offscreen to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.main_window import MainWindow

    app = _application()
    window = MainWindow(store, plan_id, remember=False)
    window.resize(*size)
    window.show()
    first_task = next((n.id for n, _ in window.model.plan.walk() if not n.children), None)
    window.select_node(first_task)
    window.show_view(view)
    app.processEvents()
    from exporters.safe_save import replacing

    with replacing(out) as tmp:
        if not window.grab().save(tmp, "PNG"):
            raise OSError(f"{out}：无法写入 PNG 文件")
    window.close()
