"""The matrix on 5,000 tasks × 150 units, and the list check on 5,000 nodes."""
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from helpers.factories import make_plan
from models.domain import Unit
from models.list_check import check_plan
from models.matrix_model import MatrixModel
from models.tracking import TrackingContext
from models.tree_model import PlanTreeModel
from widgets.matrix_view import MatrixView

UNITS = [Unit(name=f"单位{i:03d}", sort_key=i) for i in range(150)]


@pytest.fixture(scope="module")
def plan():
    p = make_plan(5500, fanout=10)
    for i, (node, _) in enumerate(p.walk()):  # spread the work over 150 units
        if not node.children:
            node.lead = [UNITS[i % 150].name]
            node.responsible = [UNITS[(i * 7) % 150].name, UNITS[(i * 13) % 150].name]
    return p


def test_matrix_build_and_scroll(benchmark, qapp, plan):
    tree = PlanTreeModel(plan)
    view = MatrixView(MatrixModel(tree, lambda: UNITS, TrackingContext(lambda: date(2024, 1, 1))))
    view.resize(1400, 860)
    view.show()
    table = view.table
    assert view.model.columnCount() == 150

    def build_and_scroll():
        view.model.rebuild()
        bar = table.verticalScrollBar()
        for step in range(0, bar.maximum(), max(1, bar.maximum() // 20)):  # twenty screens down
            bar.setValue(step)
            table.horizontalScrollBar().setValue(step % table.horizontalScrollBar().maximum() if
                                                 table.horizontalScrollBar().maximum() else 0)
            table.viewport().repaint()
        QApplication.processEvents()

    benchmark.pedantic(build_and_scroll, rounds=3, iterations=1)
    view.close()


def test_list_check_5000_nodes(benchmark, plan):
    findings = benchmark(check_plan, plan, UNITS)
    assert isinstance(findings, list)
