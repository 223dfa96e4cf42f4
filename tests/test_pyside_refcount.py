"""PySide6 6.12.0 on Python < 3.12 drops a reference to None per call of a
method returning nothing; a few thousand calls abort the interpreter
(`Fatal Python error: none_dealloc`). pyproject pins < 6.12 there."""
import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel


def test_void_calls_do_not_leak_references_to_none(qapp):
    model = QStandardItemModel()
    item = QStandardItem()
    before = sys.getrefcount(None)
    for i in range(10_000):
        item.setText(str(i))
        model.appendRow(QStandardItem())
    model.clear()
    assert sys.getrefcount(None) >= before - 50  # allow unrelated churn, not one per call
