"""Export and merge from the main window: real files written, merged back as one undoable command."""
import docx
import openpyxl
import pytest

from exporters.unit_sheets import write_unit_files


@pytest.mark.parametrize("kind, suffix", [("docx", ".docx"), ("xlsx", ".xlsx")])
def test_export_dialog_writes_the_file(window, qtbot, tmp_path, kind, suffix):
    dialog = window.export(kind)
    qtbot.addWidget(dialog)
    target = tmp_path / f"out{suffix}"
    dialog.path.setText(str(target))
    if kind == "docx":
        assert "关于印发《" in dialog.notice.text()  # the notice fields are shown before exporting
        dialog.appendix_only.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.run()
    assert done.args[0] == [target]
    if kind == "docx":
        text = "\n".join(p.text for p in docx.Document(target).paragraphs)
        assert "附件" in text and window.model.plan.title in text
    else:
        sheet = openpyxl.load_workbook(target).active
        assert sheet["A2"].value == window.model.plan.title


def test_per_unit_export_and_merge_back_undoable(window, qtbot, tmp_path):
    plan = window.model.plan
    files = write_unit_files(plan, tmp_path, ["人事科"])
    book = openpyxl.load_workbook(files[0])
    sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible")
    header_row = next(r for r in range(1, 10) if any(c.value == "进展情况" for c in sheet[r]))
    progress_col = next(c.column for c in sheet[header_row] if c.value == "进展情况")
    sheet.cell(header_row + 1, progress_col, "已建立诚信档案")
    book.save(files[0])

    dialog = window.open_merge()
    qtbot.addWidget(dialog)
    dialog.load(files)
    assert dialog.changes()
    dialog.accept_all()
    task = next(n for n, _ in plan.walk() if not n.children and "人事科" in n.lead)
    assert window.store.load_plan(plan.id).find(task.id).progress == "已建立诚信档案"
    assert window.model.node_by_id(task.id).progress == "已建立诚信档案"
    assert window.editor.stack.undoText().startswith("合并回收表")
    window.editor.undo()
    assert window.store.load_plan(plan.id).find(task.id).progress == ""
    assert window.store.progress_history(task.id) == []
    window.editor.redo()
    assert window.store.load_plan(plan.id).find(task.id).progress == "已建立诚信档案"
    assert len(window.store.progress_history(task.id)) == 1


def test_department_sheets_from_the_dialog_go_out_in_a_round(window, qtbot, tmp_path):
    from datetime import date

    from PySide6.QtCore import QDate

    from models.exchange import read_marker
    from models.round_store import RoundBook

    dialog = window.export("per_unit")
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "sheets"))
    dialog.round.setCurrentText("7月调度")
    dialog.due.setDate(QDate(2022, 7, 31))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
        dialog.run()
    written = done.args[0]
    marker = read_marker(openpyxl.load_workbook(written[0]))
    assert (marker["round"], marker["round_due"]) == ("7月调度", "2022-07-31")
    book = RoundBook(window.store)
    round = book.find(window.editor.plan_id, "7月调度")
    assert round.due == date(2022, 7, 31)
    lines = book.status(round, date(2022, 7, 1)).units
    assert {u.sent_file for u in lines} <= {p.name for p in written} and all(u.sent for u in lines)
    assert window.editor.stack.undoText() == "发送分解表（7月调度）"
    window.editor.stack.undo()
    assert book.rounds(window.editor.plan_id) == []
    window.editor.stack.redo()
    assert [r.name for r in book.rounds(window.editor.plan_id)] == ["7月调度"]


def test_department_packs_from_the_dialog(window, qtbot, tmp_path):
    import zipfile

    dialog = window.export("per_unit")
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "packs"))
    dialog.packs.setChecked(True)
    dialog.grab().save(str(tmp_path / "dialog.png"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
        dialog.run()
    written = done.args[0]
    assert written and all(p.suffix == ".zip" for p in written)
    with zipfile.ZipFile(written[0]) as z:
        names = z.namelist()
    assert names[0] == f"{written[0].stem}.xlsx" and "佐证材料/说明.txt" in names
    from models.round_store import RoundBook
    lines = RoundBook(window.store).status(RoundBook(window.store).find(window.editor.plan_id)).units
    assert {u.sent_file for u in lines} <= {p.name for p in written}
