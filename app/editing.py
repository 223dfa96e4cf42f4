"""Every user edit as an undoable command, one store transaction each.

Each plan has its own undo stack, and the library and unit directory (plans
added, deleted, imported; units renamed, merged …) have theirs; a
:class:`QUndoGroup` makes the open plan's stack the active one.  Undo in the
window takes the latest command of the open plan or of the directory
(:meth:`PlanEditor.undo`), never one of another plan, and its text says which
(:meth:`PlanEditor.undo_text`).

:class:`PlanEditor` turns gestures (from the tree, the detail panel, the
library, the unit directory) into :class:`QUndoCommand` objects.  A command's
``redo``/``undo`` first writes the store in one transaction, then updates the
open tree model, so what the user sees is always what is saved.  A failure
while applying a command reloads the model from the store, drops the
command, and is reported through :attr:`PlanEditor.failed`.
"""
from __future__ import annotations

import itertools
import json
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from importers.into_store import save_import
from importers.pasted_lines import nodes_from_lines
from importers.result import ImportCancelled
from models.domain import Node, Plan, Status, Unit
from models.merge_review import AppliedMerge, MergeError, apply_changes
from models.node_json import node_from_dict, node_to_dict
from models.store import Store, StoreError
from models.tree_model import PlanTreeModel

FIELD_NAMES = {
    "text": "指标文本", "lead": "牵头单位", "responsible": "责任单位", "leader": "责任领导",
    "deadline": "完成时限", "remarks": "备注", "tags": "标记", "status": "状态", "progress": "进展",
}


class PlanEditor(QObject):
    failed = Signal(str)  # a message for the user
    saved = Signal(str)  # time of the last save, HH:MM:SS
    plan_opened = Signal(str)  # plan id
    library_changed = Signal()  # plans added, removed or renamed
    units_changed = Signal()
    history_changed = Signal()  # what undo and redo would do has changed

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.group = QUndoGroup(self)
        self.directory_stack = self._new_stack()  # the library and the unit directory
        self._stacks: dict[str, QUndoStack] = {}
        self._order = itertools.count()  # commands in the order they were done, across stacks
        self.model = PlanTreeModel(Plan(), self)  # one model for the editor's life; plans come and go
        self.model.editor = None if store.read_only else self
        self._open_id: str | None = None
        self.group.setActiveStack(self.directory_stack)

    # -- undo stacks ------------------------------------------------------

    def _new_stack(self) -> QUndoStack:
        stack = QUndoStack(self)
        self.group.addStack(stack)
        stack.indexChanged.connect(self._history_moved)
        return stack

    def _history_moved(self, _index: int) -> None:
        self.history_changed.emit()

    def stack_for(self, plan_id: str | None) -> QUndoStack:
        """A plan's own undo stack (the directory's for None)."""
        if not plan_id:
            return self.directory_stack
        if plan_id not in self._stacks:
            self._stacks[plan_id] = self._new_stack()
        return self._stacks[plan_id]

    @property
    def stack(self) -> QUndoStack:
        """The open plan's stack (the directory's when no plan is open)."""
        return self.stack_for(self._open_id)

    def _stacks_in_reach(self) -> list[QUndoStack]:
        return list(dict.fromkeys([self.stack, self.directory_stack]))

    def _next_undo(self) -> QUndoStack | None:
        ready = [s for s in self._stacks_in_reach() if s.canUndo()]
        return max(ready, key=lambda s: s.command(s.index() - 1).order, default=None)

    def _next_redo(self) -> QUndoStack | None:
        ready = [s for s in self._stacks_in_reach() if s.canRedo()]
        return min(ready, key=lambda s: s.command(s.index()).order, default=None)

    def undo(self) -> None:
        """Undo the latest command of the open plan or of the directory."""
        stack = self._next_undo()
        if stack is not None:
            stack.undo()

    def redo(self) -> None:
        stack = self._next_redo()
        if stack is not None:
            stack.redo()

    def _where(self, stack: QUndoStack) -> str:
        if stack is self.directory_stack:
            return "清单库和单位名录"
        return f"清单“{self.model.plan.title or '（无标题）'}”"

    def undo_text(self) -> str:
        """撤销 and what it would undo, and where; "" when there is nothing to undo."""
        stack = self._next_undo()
        return f"撤销{stack.undoText()}（{self._where(stack)}）" if stack else ""

    def redo_text(self) -> str:
        stack = self._next_redo()
        return f"重做{stack.redoText()}（{self._where(stack)}）" if stack else ""

    def clear_history(self) -> None:
        for stack in [self.directory_stack, *self._stacks.values()]:
            stack.clear()

    # -- the open plan ----------------------------------------------------

    @property
    def plan_id(self) -> str | None:
        return self._open_id

    def open_plan(self, plan_id: str | None) -> None:
        if plan_id == self._open_id:
            return
        self.model.set_plan(self.store.load_plan(plan_id) if plan_id else Plan())
        self._open_id = plan_id
        self.group.setActiveStack(self.stack)
        self.plan_opened.emit(plan_id or "")
        self.history_changed.emit()

    def resync(self) -> None:
        """Reload the open plan from the store (after a failed command)."""
        if self._open_id is not None:
            self.model.set_plan(self.store.load_plan(self._open_id))

    def push(self, command: QUndoCommand) -> bool:
        if self.store.read_only:
            try:
                self.store.check_writable()
            except StoreError as exc:
                self.failed.emit(str(exc))
            return False
        command.order = next(self._order)
        self.stack_for(command.stack_plan).push(command)
        return not getattr(command, "error", None)

    def _did_save(self) -> None:
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))

    # -- node edits -------------------------------------------------------

    def node(self, node_id: str) -> Node:
        node = self.model.node_by_id(node_id)
        if node is None:
            raise KeyError(node_id)
        return node

    def set_fields(self, node_id: str, **fields: object) -> None:
        self.set_many({node_id: fields})

    def set_many(self, edits: dict[str, dict], text: str | None = None) -> None:
        """Change fields of several nodes as one command (e.g. a bulk edit in the matrix)."""
        changes = {}
        for node_id, fields in edits.items():
            node = self.node(node_id)
            new = {k: _copy(v) for k, v in fields.items()}
            if "status" in new:
                new["status"] = Status(new["status"])
            old = {k: _copy(getattr(node, k)) for k in new}
            if old != new:
                changes[node_id] = (old, new)
        if changes:
            keys = dict.fromkeys(k for _, new in changes.values() for k in new)
            names = "、".join(FIELD_NAMES.get(k, k) for k in keys)
            count = f"（{len(changes)} 项）" if len(changes) > 1 else ""
            self.push(SetFieldsCommand(self, changes, text or f"修改{names}{count}"))

    def insert_nodes(self, parent_id: str | None, row: int, nodes: list[Node], text: str) -> bool:
        return self.push(InsertCommand(self, parent_id, row, nodes, text)) if nodes else False

    def add_sibling(self, node_id: str | None, text: str = "") -> str:
        """A new node after ``node_id`` (or at the end of the top level)."""
        if node_id is None:
            parent_id, row = None, len(self.model.plan.roots)
        else:
            parent = self.model.parent_of(node_id)
            parent_id, row = (parent.id if parent else None), self.model.row_of(node_id) + 1
        node = Node(text=text)
        self.insert_nodes(parent_id, row, [node], "新增同级")
        return node.id

    def add_child(self, node_id: str | None, text: str = "") -> str:
        siblings = self.model.children_of(self.model.node_by_id(node_id) if node_id else None)
        node = Node(text=text)
        self.insert_nodes(node_id, len(siblings), [node], "新增下级")
        return node.id

    def delete_nodes(self, node_ids: list[str]) -> None:
        ids = self._top_most(node_ids)
        if ids:
            self.push(RemoveCommand(self, ids, "删除"))

    def move_nodes(self, node_ids: list[str], parent_id: str | None, row: int, text: str = "移动") -> None:
        """Move nodes (in tree order) to ``row`` of ``parent_id`` as counted before the move."""
        ids = self._top_most(node_ids)
        if not ids or any(self._is_within(parent_id, i) for i in ids):
            return
        siblings = self.model.children_of(self.model.node_by_id(parent_id) if parent_id else None)
        anchor = next((n.id for n in siblings[row:] if n.id not in ids), None)
        self.push(MoveCommand(self, [(ids, parent_id, anchor)], text))

    def indent(self, node_ids: list[str]) -> None:
        """Each node becomes the last child of the sibling above it (Tab)."""
        ids = self._top_most(node_ids)
        groups: list[tuple[list[str], str | None, str | None]] = []
        for node_id in ids:
            parent = self.model.parent_of(node_id)
            siblings = self.model.children_of(parent)
            above = [n for n in siblings[: self.model.row_of(node_id)] if n.id not in ids]
            if not above:
                continue
            target = above[-1].id
            if groups and groups[-1][1] == target:
                groups[-1][0].append(node_id)
            else:
                groups.append(([node_id], target, None))
        if groups:
            self.push(MoveCommand(self, groups, "降级（缩进）"))

    def outdent(self, node_ids: list[str]) -> None:
        """Each node becomes the sibling after its parent (Shift+Tab)."""
        groups: list[tuple[list[str], str | None, str | None]] = []
        for node_id in self._top_most(node_ids):
            parent = self.model.parent_of(node_id)
            if parent is None:
                continue
            grand = self.model.parent_of(parent.id)
            after = self.model.children_of(grand)[self.model.row_of(parent.id) + 1:]
            anchor = after[0].id if after else None
            key = grand.id if grand else None
            if groups and groups[-1][1] == key and groups[-1][2] == anchor:
                groups[-1][0].append(node_id)
            else:
                groups.append(([node_id], key, anchor))
        if groups:
            self.push(MoveCommand(self, groups, "升级（取消缩进）"))

    def move_up(self, node_ids: list[str]) -> None:
        self._shift(node_ids, -1)

    def move_down(self, node_ids: list[str]) -> None:
        self._shift(node_ids, +1)

    def _shift(self, node_ids: list[str], step: int) -> None:
        ids = self._top_most(node_ids)
        if not ids:
            return
        parent = self.model.parent_of(ids[0])
        if any(self.model.parent_of(i) is not parent for i in ids):
            return  # only siblings move together
        siblings = self.model.children_of(parent)
        rows = sorted(self.model.row_of(i) for i in ids)
        if step < 0:
            if rows[0] == 0:
                return
            anchor = siblings[rows[0] - 1].id
        else:
            if rows[-1] == len(siblings) - 1:
                return
            anchor = siblings[rows[-1] + 2].id if rows[-1] + 2 < len(siblings) else None
        self.push(MoveCommand(self, [(ids, parent.id if parent else None, anchor)], "上移" if step < 0 else "下移"))

    def copy_payload(self, node_ids: list[str]) -> str:
        """Clipboard text for subtrees: JSON our paste understands."""
        nodes = [node_to_dict(self.node(i)) for i in self._top_most(node_ids)]
        return json.dumps({"dutymatrix-nodes": nodes}, ensure_ascii=False)

    def paste_nodes(self, data: str, parent_id: str | None, row: int) -> list[str]:
        """Paste subtrees copied here, or lines of text (numbering prefixes set the depth)."""
        try:
            payload = json.loads(data)
            nodes = [node_from_dict(d).clone() for d in payload["dutymatrix-nodes"]]
        except (ValueError, KeyError, TypeError):
            nodes = nodes_from_lines(data)
        self.insert_nodes(parent_id, row, nodes, "粘贴")
        return [n.id for n in nodes]

    def _top_most(self, node_ids: list[str]) -> list[str]:
        """The given nodes without those inside another given node, in tree order."""
        wanted = set(node_ids)
        out = []
        for node_id in self.model.node_ids_in_order():
            if node_id in wanted and not any(self._is_within(node_id, other) for other in wanted if other != node_id):
                out.append(node_id)
        return out

    def _is_within(self, node_id: str | None, ancestor_id: str) -> bool:
        """True when node_id is ancestor_id or lies below it."""
        while node_id is not None:
            if node_id == ancestor_id:
                return True
            parent = self.model.parent_of(node_id)
            node_id = parent.id if parent else None
        return False

    # -- plans ------------------------------------------------------------

    def add_plan(self, plan: Plan, text: str = "新建清单") -> None:
        self.push(AddPlanCommand(self, plan, text))

    def duplicate_plan(self, plan_id: str) -> Plan:
        plan = self.store.load_plan(plan_id)
        copy = Plan(**{**plan.__dict__, "roots": [r.clone() for r in plan.roots]})
        copy.id = Plan().id
        copy.title = f"{plan.title}（副本）"
        self.add_plan(copy, "复制清单")
        return copy

    def delete_plan(self, plan_id: str) -> None:
        self.push(DeletePlanCommand(self, plan_id))

    def update_plan(self, plan_id: str, **fields: object) -> None:
        plan = self.store.load_plan(plan_id)
        old = {k: getattr(plan, k) for k in fields}
        if old != fields:
            self.push(PlanFieldsCommand(self, plan_id, old, dict(fields)))

    # -- importing --------------------------------------------------------

    def import_plans(self, result, plans: list[Plan], into, cancel=None) -> list[str]:
        """Write an import (new plans, or trees under a node) as one undoable command."""
        command = ImportCommand(self, result, plans, into, cancel)
        if not self.push(command):
            if isinstance(command.error, (ImportCancelled, StoreError)):
                raise command.error
            raise StoreError(str(command.error) if command.error else "只读，无法导入。")
        return command.written

    # -- merging returned sheets ------------------------------------------

    def apply_merge(self, plan_id: str, changes: list) -> AppliedMerge:
        """Accept reviewed changes from returned sheets as one undoable command."""
        command = MergeCommand(self, plan_id, changes)
        if not self.push(command):
            raise MergeError(str(command.error) if command.error else "只读，无法合并。")
        assert command.applied is not None
        return command.applied

    # -- units ------------------------------------------------------------

    def rename_unit(self, unit_id: str, name: str) -> None:
        self.push(UnitCommand(self, [unit_id], lambda: self.store.rename_unit(unit_id, name), f"重命名单位为“{name}”"))

    def merge_units(self, source_id: str, target_id: str) -> None:
        target = self.store.unit(target_id).name
        self.push(UnitCommand(self, [source_id, target_id], lambda: self.store.merge_units(source_id, target_id),
                              f"合并单位到“{target}”"))

    def update_unit(self, unit: Unit) -> None:
        self.push(UnitCommand(self, [unit.id], lambda: self.store.save_unit(unit), f"修改单位“{unit.name}”"))

    def set_unit_order(self, unit_ids: list[str], text: str = "调整单位顺序") -> None:
        """Give the units the order of ``unit_ids`` (sort keys 1, 2, …) as one undoable change.

        Only units whose sort key changes are written, so ties and gaps left by
        earlier edits are tidied up without touching the rest.
        """
        units = {u.id: u for u in self.store.list_units()}
        changed = []
        for key, unit_id in enumerate(unit_ids, start=1):
            unit = units[unit_id]
            if unit.sort_key != key:
                unit.sort_key = key
                changed.append(unit)
        if changed:
            def change() -> None:
                for unit in changed:
                    self.store.save_unit(unit)
            self.push(UnitCommand(self, [u.id for u in changed], change, text))

    def reload_unit_names(self) -> None:
        """Unit names in the open tree follow the store (after a unit command)."""
        if self._open_id is None:
            self.units_changed.emit()
            return
        fresh = {n.id: n for n, _ in self.store.load_plan(self.model.plan.id).walk()}
        for node, _ in self.model.plan.walk():
            node.lead, node.responsible = fresh[node.id].lead, fresh[node.id].responsible
        self.model.refresh_all()
        self.units_changed.emit()


# -- commands ------------------------------------------------------------------


class _Command(QUndoCommand):
    """Applies itself inside one store transaction; a failure drops it and resyncs."""

    quiet: tuple[type[Exception], ...] = ()  # failures the caller reports itself

    def __init__(self, editor: PlanEditor, text: str, plan_id: str | None = None):
        super().__init__(text)
        self.editor = editor
        self.store = editor.store
        self.plan_id = plan_id if plan_id is not None else editor.plan_id
        self.error: Exception | None = None
        self.new_units: set[str] = set()
        self.order = 0  # set when pushed

    @property
    def stack_plan(self) -> str | None:
        """The plan whose undo stack holds this command (None: the directory's)."""
        return self.plan_id or None

    def _run(self, forward: bool) -> None:
        try:
            if self.plan_id and self.editor.plan_id != self.plan_id:
                self.editor.open_plan(self.plan_id)  # undo of an edit in another plan shows that plan
            with self.store.transaction():
                if forward:
                    units = self.store.unit_ids_now()
                    self.apply()
                    self.new_units = self.store.unit_ids_now() - units
                else:
                    self.revert()
                    self.store.drop_unused_units(self.new_units)  # units the command brought in go with it
        except Exception as exc:  # noqa: BLE001 - reported to the user, state restored from the store
            self.error = exc
            self.setObsolete(True)
            self.editor.resync()
            if not isinstance(exc, self.quiet):
                self.editor.failed.emit(f"{self.text()}失败：{exc}")
            return
        self.editor._did_save()

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)

    @property
    def model(self) -> PlanTreeModel:
        return self.editor.model


class SetFieldsCommand(_Command):
    """Changes fields of one or many nodes: ``changes`` maps node id → (old values, new values)."""

    def __init__(self, editor, changes: dict[str, tuple[dict, dict]], text: str):
        super().__init__(editor, text)
        self.changes = changes

    def _set(self, side: int) -> None:
        for node_id, values in ((n, c[side]) for n, c in self.changes.items()):
            self.store.update_node(node_id, **{k: _copy(v) for k, v in values.items()})
            if {"lead", "responsible"} & set(values):  # unit names come back normalised
                stored = self.store.node_unit_names(node_id)
                values = {**values, **{k: stored[k] for k in ("lead", "responsible") if k in values}}
            self.model.set_fields(node_id, **{k: _copy(v) for k, v in values.items()})

    def apply(self) -> None:
        self._set(1)

    def revert(self) -> None:
        self._set(0)


class InsertCommand(_Command):
    def __init__(self, editor, parent_id: str | None, row: int, nodes: list[Node], text: str):
        super().__init__(editor, text)
        self.parent_id, self.row = parent_id, row
        self.snapshot = [n.copy() for n in nodes]

    def apply(self) -> None:
        nodes = [n.copy() for n in self.snapshot]
        self.store.insert_subtrees(self.plan_id, self.parent_id, self.row, nodes)
        self.model.insert_nodes(self.parent_id, self.row, nodes)

    def revert(self) -> None:
        self.store.delete_subtrees([n.id for n in self.snapshot])
        for node in self.snapshot:
            self.model.remove_node(node.id)


class RemoveCommand(_Command):
    def __init__(self, editor, node_ids: list[str], text: str):
        super().__init__(editor, text)
        model = editor.model
        # (parent id, row, subtree) in tree order, taken before anything is removed
        self.places = []
        for node_id in node_ids:
            parent = model.parent_of(node_id)
            self.places.append((parent.id if parent else None, model.row_of(node_id), model.node_by_id(node_id).copy()))
        count = sum(1 for *_, n in self.places for _ in n.walk())
        self.setText(f"{text}（{count} 项）" if count > 1 else text)
        self.taken: dict = {}  # progress reports the deletion takes with it

    def apply(self) -> None:
        self.taken = self.store.rows_below([node.id for *_, node in self.places])
        for _, _, node in reversed(self.places):
            self.store.delete_subtrees([node.id])
            self.model.remove_node(node.id)

    def revert(self) -> None:
        for parent_id, row, node in self.places:
            copy = node.copy()
            self.store.insert_subtrees(self.plan_id, parent_id, row, [copy])
            self.model.insert_nodes(parent_id, row, [copy])
        self.store.put_rows(self.taken)


class MoveCommand(_Command):
    """Moves groups of nodes: each group goes, in order, under a parent before an anchor sibling."""

    def __init__(self, editor, groups: list[tuple[list[str], str | None, str | None]], text: str):
        super().__init__(editor, text)
        self.groups = groups
        self.done: list[tuple[str, str | None, int]] = []  # (node, old parent, old row)

    def apply(self) -> None:
        self.done = []
        for ids, parent_id, anchor in self.groups:
            for node_id in ids:
                old_parent = self.model.parent_of(node_id)
                self.done.append((node_id, old_parent.id if old_parent else None, self.model.row_of(node_id)))
                siblings = [n.id for n in self.model.children_of(self.model.node_by_id(parent_id) if parent_id else None)
                            if n.id != node_id]
                row = siblings.index(anchor) if anchor in siblings else len(siblings)
                self.store.move_node(node_id, parent_id, row)
                self.model.move_node(node_id, parent_id, row)

    def revert(self) -> None:
        for node_id, parent_id, row in reversed(self.done):
            self.store.move_node(node_id, parent_id, row)
            self.model.move_node(node_id, parent_id, row)


class AddPlanCommand(_Command):
    def __init__(self, editor, plan: Plan, text: str):
        super().__init__(editor, text, plan_id="")
        self.plan = plan
        self.previous = editor.plan_id

    def apply(self) -> None:
        self.store.save_plan(Plan(**{**self.plan.__dict__, "roots": [r.copy() for r in self.plan.roots]}))
        self.editor.library_changed.emit()
        self.editor.open_plan(self.plan.id)

    def revert(self) -> None:
        if self.editor.plan_id == self.plan.id:
            self.editor.open_plan(self.previous)
        self.store.delete_plan(self.plan.id)
        self.editor.library_changed.emit()


class DeletePlanCommand(_Command):
    def __init__(self, editor, plan_id: str):
        super().__init__(editor, "删除清单", plan_id="")
        self.snapshot = editor.store.load_plan(plan_id)
        self.position = editor.store.plan_position(plan_id)
        self.setText(f"删除清单“{self.snapshot.title}”")
        self.taken: dict = {}  # the plan's own row and its progress reports

    def apply(self) -> None:
        if self.editor.plan_id == self.snapshot.id:
            others = [p.id for p in self.store.list_plans() if p.id != self.snapshot.id]
            self.editor.open_plan(others[0] if others else None)
        self.taken = self.store.rows_below(plan_id=self.snapshot.id)
        self.store.delete_plan(self.snapshot.id)
        self.editor.library_changed.emit()

    def revert(self) -> None:
        plan = self.snapshot
        self.store.save_plan(Plan(**{**plan.__dict__, "roots": [r.copy() for r in plan.roots]}), self.position)
        self.store.put_rows(self.taken)
        self.editor.library_changed.emit()
        self.editor.open_plan(plan.id)


class PlanFieldsCommand(_Command):
    def __init__(self, editor, plan_id: str, old: dict, new: dict):
        super().__init__(editor, "修改清单属性", plan_id="")
        self.target, self.old, self.new = plan_id, old, new

    @property
    def stack_plan(self) -> str | None:
        return self.target

    def _set(self, values: dict) -> None:
        self.store.update_plan(self.target, **values)
        self.editor.library_changed.emit()
        if self.editor.plan_id == self.target:
            self.editor.model.set_plan(self.store.load_plan(self.target))  # columns may change
            self.editor.plan_opened.emit(self.target)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class ImportCommand(_Command):
    """Imported plans saved as new plans, or their trees inserted under a node."""

    quiet = (ImportCancelled,)

    def __init__(self, editor, result, plans: list[Plan], into, cancel):
        super().__init__(editor, f"导入 {len(plans)} 份清单" if into is None else "导入到所选位置", plan_id="")
        self.result, self.plans, self.into, self.cancel = result, plans, into, cancel
        self.snapshots = [Plan(**{**p.__dict__, "roots": [r.copy() for r in p.roots]}) for p in plans]
        self.written: list[str] = []

    @property
    def stack_plan(self) -> str | None:
        return self.into[0] if self.into else None

    def apply(self) -> None:
        plans = [Plan(**{**p.__dict__, "roots": [r.copy() for r in p.roots]}) for p in self.snapshots]
        self.written = save_import(self.store, self.result, plans, into=self.into, cancel=self.cancel)
        self.cancel = None  # a redo after undo is not cancellable
        self.editor.library_changed.emit()
        if self.into is None:
            self.editor.open_plan(self.written[0])
        elif self.editor.plan_id == self.into[0]:
            self.editor.resync()
        else:
            self.editor.open_plan(self.into[0])

    def revert(self) -> None:
        if self.into is None:
            if self.editor.plan_id in self.written:
                others = [p.id for p in self.store.list_plans() if p.id not in self.written]
                self.editor.open_plan(others[0] if others else None)
            for plan_id in self.written:
                self.store.delete_plan(plan_id)
        else:
            self.store.delete_subtrees([r.id for p in self.snapshots for r in p.roots])
            self.editor.resync()
        self.editor.library_changed.emit()


class MergeCommand(_Command):
    """Accepted changes from returned department sheets (progress, texts, units, rows)."""

    def __init__(self, editor, plan_id: str, changes: list):
        super().__init__(editor, f"合并回收表（{len(changes)} 项）", plan_id=plan_id)
        self.changes = changes
        self.applied: AppliedMerge | None = None

    def apply(self) -> None:
        if self.applied is None:
            self.applied = apply_changes(self.store, self.plan_id, self.changes)
        else:  # redo after undo: the same changes again, without another backup
            self.applied = apply_changes(self.store, self.plan_id, self.changes, backup=False)
        self.editor.resync()

    def revert(self) -> None:
        assert self.applied is not None
        self.applied.undo(self.store)
        self.editor.resync()


class UnitCommand(_Command):
    """A unit-directory change, undone by restoring a snapshot of the units it touches."""

    def __init__(self, editor, unit_ids: list[str], change, text: str):
        super().__init__(editor, text, plan_id="")
        self.unit_ids, self.change = unit_ids, change
        self.before: dict | None = None

    def apply(self) -> None:
        self.before = self.store.units_snapshot(self.unit_ids)
        self.change()
        self.editor.reload_unit_names()

    def revert(self) -> None:
        assert self.before is not None
        self.store.restore_units(self.before)
        self.editor.reload_unit_names()


# -- helpers -------------------------------------------------------------------


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value
