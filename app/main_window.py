"""The main window: the indicator tree of one plan."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMainWindow, QTreeView

from models.store import Store
from models.tree_model import PlanTreeModel

# Preferred widths (pixels) of the tree's columns by key; 指标 takes the rest.
_WIDTHS = {"number": 90, "lead": 190, "responsible": 260, "leader": 90, "deadline": 110, "remarks": 170}


class MainWindow(QMainWindow):
    def __init__(self, store: Store, plan_id: str | None = None):
        super().__init__()
        self.store = store
        self.tree = QTreeView(self)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setObjectName("planTree")
        self.tree.setTreePosition(1)  # 序号 stays flush; the 指标 column carries the tree
        self.setCentralWidget(self.tree)
        self.model: PlanTreeModel | None = None
        self.counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)
        if store.read_only:
            self.statusBar().showMessage("只读：此数据文件正由另一个 Duty Matrix 窗口编辑")
        plans = store.list_plans()
        if plan_id is None and plans:
            plan_id = plans[0].id
        if plan_id is not None:
            self.open_plan(plan_id)
        else:
            self.setWindowTitle("Duty Matrix 责任清单编辑器")

    def open_plan(self, plan_id: str) -> None:
        plan = self.store.load_plan(plan_id)
        if self.model is None:
            self.model = PlanTreeModel(plan, self)
            self.tree.setModel(self.model)
        else:
            self.model.set_plan(plan)
        self.tree.expandAll()
        header = self.tree.header()
        for column, (key, _) in enumerate(self.model.columns):
            if key == "text":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.tree.setColumnWidth(column, _WIDTHS.get(key, 120))
        header.setStretchLastSection(False)
        suffix = "（只读）" if self.store.read_only else ""
        self.setWindowTitle(f"{plan.title}{suffix} — Duty Matrix 责任清单编辑器")
        per_level: dict[int, int] = {}
        for _, depth in plan.walk():
            per_level[depth] = per_level.get(depth, 0) + 1
        self.counts.setText(
            "　".join(f"{plan.level_name(d)} {per_level[d]}" for d in sorted(per_level))
        )
