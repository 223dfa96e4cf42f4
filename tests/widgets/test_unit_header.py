"""The matrix's unit header: names top to bottom, and every count line (牵 责 逾 滞 停) below them."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel

from widgets.matrix_view import UnitHeader


def test_the_header_is_tall_enough_for_a_name_and_all_five_counts(qtbot):
    model = QStandardItemModel(1, 1)
    model.setHeaderData(0, Qt.Orientation.Horizontal, "达州华润燃气有限公司", Qt.ItemDataRole.DisplayRole)
    model.setHeaderData(0, Qt.Orientation.Horizontal, "牵1 责23 逾22 滞10 停2", Qt.ItemDataRole.UserRole)
    header = UnitHeader()
    qtbot.addWidget(header)
    header.setModel(model)
    line = header.fontMetrics().height()
    lines = 8 + len("牵1 责23 逾22 滞10 停2".split())  # a column of eight characters, then the counts
    assert header.sizeHint().height() >= lines * line
