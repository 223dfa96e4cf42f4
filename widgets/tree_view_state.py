"""What the user sees of a plan's tree: the collapsed nodes, the selection and the current node.

Kept across a reload of the same plan (a merge, an import into it, undo of either) and, through the
settings, across plans and sessions.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from models.tree_model import PlanTreeModel
from widgets.plan_tree_view import PlanTreeView


@dataclass
class TreeViewState:
    collapsed: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    current: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> TreeViewState:
        if not isinstance(data, dict):
            return cls()
        listed = lambda key: [str(v) for v in data.get(key) or [] if isinstance(v, str)]  # noqa: E731
        current = data.get("current")
        return cls(listed("collapsed"), listed("selected"), current if isinstance(current, str) else None)


def _view_index(tree: PlanTreeView, model: PlanTreeModel, node_id: str):
    return tree.view_index(model.index_of(node_id))


def capture(tree: PlanTreeView, model: PlanTreeModel) -> TreeViewState:
    collapsed = []
    for node, _ in model.plan.walk():
        if node.children:
            index = _view_index(tree, model, node.id)
            if index.isValid() and not tree.isExpanded(index):
                collapsed.append(node.id)
    def node_id(index) -> str | None:
        node = model.node(tree.source_index(index))
        return node.id if node else None

    selected = [i for i in dict.fromkeys(node_id(r) for r in tree.selectionModel().selectedRows(0)) if i]
    return TreeViewState(collapsed, selected, node_id(tree.currentIndex()))


def restore(tree: PlanTreeView, model: PlanTreeModel, state: TreeViewState) -> None:
    """Everything expanded but the nodes the user had collapsed; the selection as it was."""
    tree.expandAll()
    for node_id in state.collapsed:
        index = _view_index(tree, model, node_id)
        if index.isValid():
            tree.collapse(index)
    current = _view_index(tree, model, state.current) if state.current else None
    tree.select_rows([_view_index(tree, model, node_id) for node_id in state.selected], current)
    if current is not None and current.isValid():
        tree.scrollTo(current)
