"""The screenshots of the README (``make screenshot``): rendered offscreen with the CJK font.

    python -m app.screenshots resources/screenshots

Besides ``dutymatrix --screenshot`` (the main window's views) this renders what needs a scene set up:
the merge review of a returned department sheet and the bar of a second, read-only window.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def _save(widget, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
    if not widget.grab().save(str(out)):
        raise OSError(f"{out}：无法写入 PNG 文件")


def merge_review(folder: Path, out: Path) -> None:
    from openpyxl import load_workbook

    from app.startup import open_store
    from exporters.unit_sheets import write_unit_files
    from widgets.merge_dialog import MergeDialog

    store = open_store(folder / "merge.sqlite")
    plan = store.load_plan(store.list_plans()[0].id)
    (sheet,) = write_unit_files(plan, folder, ["人事科"])
    book = load_workbook(sheet)
    ws = book.worksheets[0]
    columns = {c.value: c.column for c in ws[3] if c.value}
    answers = ["已建立全市公务员诚信档案，覆盖局机关和局属各单位，按季度更新。", "已完成第一轮培训，共 126 人参加。"]
    for row, answer in zip(range(4, ws.max_row + 1), answers):
        ws.cell(row, columns["进展情况"]).value = answer
        ws.cell(row, columns["完成状态"]).value = "推进中"
    book.save(sheet)
    dialog = MergeDialog(store, [sheet], plan.id)
    dialog.resize(1280, 640)
    dialog.show()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    _save(dialog, out)
    dialog.close()
    store.close()


def read_only_window(folder: Path, out: Path) -> None:
    from app.main_window import MainWindow
    from app.startup import open_store

    holder = open_store(folder / "shared.sqlite")
    second = open_store(folder / "shared.sqlite")
    window = MainWindow(second, remember=False)
    window.resize(1400, 860)
    window.show()
    _save(window, out)
    window.close()
    second.close()
    holder.close()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.gui import _application

    target = Path(argv[0] if argv else "resources/screenshots")
    _application()
    with tempfile.TemporaryDirectory() as work:
        os.environ["DUTYMATRIX_HOME"] = work  # no settings of the user's are read or written
        merge_review(Path(work), target / "merge-review.png")
        read_only_window(Path(work), target / "read-only.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
