from PySide6.QtCore import QModelIndex

from app.main_window import MainWindow


def all_indexes(model, parent=QModelIndex()):
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from all_indexes(model, index)


def test_main_window_shows_every_row_of_the_demo(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    model = window.tree.model()
    headers = [model.headerData(c, qt_horizontal()) for c in range(model.columnCount())]
    assert headers == ["序号", "指标（任务）", "牵头单位", "责任单位", "完成时限", "备注"]
    rows = list(all_indexes(model))
    assert len(rows) == 83
    numbers = [model.index(i.row(), 0, i.parent()).data() for i in rows]
    assert numbers[0] == "一、" and numbers[1] == "（一）" and numbers[2] == "1."
    assert numbers[-1] == "56."
    assert all(window.tree.isExpanded(i) for i in rows if model.rowCount(i))
    assert "三级指标 56" in window.counts.text()
    last = rows[-1]
    assert model.index(last.row(), 2, last.parent()).data() == "政策法规科（行政审批科）"
    assert window.windowTitle().startswith("达州市城市管理行政执法局")


def test_main_window_on_an_empty_store(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.tree.model() is None
    assert "Duty Matrix" in window.windowTitle()


def qt_horizontal():
    from PySide6.QtCore import Qt
    return Qt.Orientation.Horizontal
