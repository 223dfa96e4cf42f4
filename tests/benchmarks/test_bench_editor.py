"""The editor on a 5,000-node plan (targets: open to first paint < 300 ms, one edit saved < 20 ms)."""
import itertools

import pytest
from PySide6.QtWidgets import QApplication

from editing.plan_editor import PlanEditor
from app.main_window import MainWindow
from helpers.factories import make_plan
from models.store import Store


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench-editor") / "big.sqlite"
    plan = make_plan(5000)
    with Store(path) as store:
        store.save_plan(plan)
    return path, plan


def test_open_5000_nodes_to_first_paint(benchmark, qapp, big):
    path, plan = big

    def open_window():
        with Store(path) as store:
            window = MainWindow(store, plan.id, remember=False)
            window.resize(1400, 860)
            window.show()
            window.tree.viewport().repaint()  # first paint of the visible rows
            QApplication.processEvents()
            window.close()
            window.deleteLater()

    benchmark.pedantic(open_window, rounds=5, iterations=1, warmup_rounds=1)


def test_one_edit_saved(benchmark, qapp, big):
    path, plan = big
    with Store(path) as store:
        editor = PlanEditor(store)
        editor.open_plan(plan.id)
        leaf = next(n.id for n, _ in plan.walk() if not n.children)
        texts = itertools.cycle(["改写一", "改写二"])
        benchmark(lambda: editor.set_fields(leaf, text=next(texts)))
        assert store.load_subtree(leaf).text in ("改写一", "改写二")
