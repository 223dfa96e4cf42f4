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


# Texts of Qt's file dialog that qtbase_zh_CN leaves in English (its labels, the type of a folder)
_MISSING_IN_QTBASE = {
    "&Look in:": "查找范围(&I)：",
    "Look in:": "查找范围：",
    "Files of &type:": "文件类型(&T)：",
    "Files of type:": "文件类型：",
    "Folder": "文件夹",
    "File Folder": "文件夹",
    "Alias": "快捷方式",
    "Shortcut": "快捷方式",
    "Drive": "驱动器",
    "File": "文件",
    "Unknown": "未知",
}


def install_chinese_translation(app) -> bool:
    """Qt's own buttons and dialogs (下一步, 取消, 是/否, the print and file dialogs) and the calendar's
    month and weekday names in Simplified Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    class Missing(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return _MISSING_IN_QTBASE.get(source, "")

        def isEmpty(self) -> bool:
            return False

    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(chinese)
    app.installTranslator(Missing(app))  # asked last: after qtbase below
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(chinese, "qtbase", "_", path):
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


def problem_box(message: str, critical: bool = True):
    """The message box that shows a store problem to a GUI user."""
    from PySide6.QtWidgets import QMessageBox

    _application()
    icon = QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning
    return QMessageBox(icon, APP_NAME, message)


def show_problem(message: str, critical: bool = True) -> None:
    """Shown and waited for on a screen; offscreen no one could close it."""
    if has_display() and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        problem_box(message, critical).exec()


def main_window(store: Store, plan_id: str | None):
    """The window as a user opens it: the size, places and plan of the last session."""
    from app.main_window import MainWindow

    _application()
    window = MainWindow(store, plan_id)
    window.show()
    return window


def run(store: Store, plan_id: str | None, open_path: Path | None = None) -> int:
    from app.logs import setup_logging

    setup_logging()
    sys.excepthook = _report_bug
    window = main_window(store, plan_id)
    if store.read_only and not store.held_elsewhere:  # a store held elsewhere says so in its bar
        show_problem(store.read_only_message(), critical=bool(store.damaged))
    if open_path is not None:
        window.open_file(open_path)
    code = _application().exec()
    del window
    return code


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
