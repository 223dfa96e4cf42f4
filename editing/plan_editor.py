"""The editing layer: every user edit as an undoable command, one store transaction each.

Each plan has its own undo stack, and the library and unit directory (plans
added, deleted, imported; units renamed, merged …) have theirs; a
:class:`QUndoGroup` makes the open plan's stack the active one.  Undo in the
window takes the latest command of the open plan or of the directory
(:meth:`PlanEditor.undo`), never one of another plan, and its text says which
(:meth:`PlanEditor.undo_text`).

:class:`PlanEditor` turns gestures (from the tree, the detail panel, the
library, the unit directory) into commands (:mod:`editing.commands`).  A
command's ``redo``/``undo`` first writes the store in one transaction, then
updates the open tree model, so what the user sees is always what is saved.
A failure while applying a command reloads the model from the store, drops
the command, and is reported through :attr:`PlanEditor.failed`.

Widgets depend on :class:`editing.protocol.Editor`, the part of this class
they use, not on this module.
"""
from __future__ import annotations

import itertools
import json
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from editing.commands import (
    _Command,
    AdjustmentCommand,
    EvidenceCommand,
    AddPlanCommand,
    DeletePlanCommand,
    HanddownCommand,
    ImportCommand,
    InsertCommand,
    MergeCommand,
    MoveCommand,
    PlanFieldsCommand,
    RemoveCommand,
    RoundCommand,
    SaveSnapshotCommand,
    SetFieldsCommand,
    UnitCommand,
    copy_value,
)
from importers.pasted_lines import nodes_from_lines, read_pasted
from importers.result import ImportCancelled
from models.domain import FIELD_LABELS, Node, Plan, Status, Unit
from models.merge_review import AppliedMerge, MergeError
from models.node_json import node_from_dict, node_to_dict
from models.store import SnapshotSummary, Store, StoreError
from models.tree_model import PlanTreeModel
from models.units import is_umbrella



def _order_of(command: QUndoCommand) -> int:
    """When a command was done, across the stacks (set by :meth:`PlanEditor.push`)."""
    return getattr(command, "order", 0)


class PlanEditor(QObject):
    failed = Signal(str)  # a message for the user
    saved = Signal(str)  # time of the last save, HH:MM:SS
    plan_opened = Signal(str)  # plan id
    library_changed = Signal()  # plans added, removed or renamed
    units_changed = Signal()
    scores_changed = Signal(str)  # plan id: a manual 加减分 entered or taken back
    evidence_changed = Signal(str)  # node id: an evidence file recorded or forgotten
    rounds_changed = Signal()  # a reporting round opened, closed or reopened (or undone)
    snapshots_changed = Signal(str)  # plan id: a version saved or forgotten
    history_changed = Signal()  # what undo and redo would do has changed

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.group = QUndoGroup(self)
        self.directory_stack = self._new_stack()  # the library and the unit directory
        self._stacks: dict[str, QUndoStack] = {}
        self._order = itertools.count(1)  # commands in the order they were done, across stacks
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
        return max(ready, key=lambda s: _order_of(s.command(s.index() - 1)), default=None)

    def _next_redo(self) -> QUndoStack | None:
        ready = [s for s in self._stacks_in_reach() if s.canRedo()]
        return min(ready, key=lambda s: _order_of(s.command(s.index())), default=None)

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
        self.model.handed = self.store.handdowns(plan_id) if plan_id else {}
        self.model.set_plan(self.store.load_plan(plan_id) if plan_id else Plan())
        self._open_id = plan_id
        self.group.setActiveStack(self.stack)
        self.plan_opened.emit(plan_id or "")
        self.history_changed.emit()

    def resync(self) -> None:
        """Reload the open plan from the store (after a failed command)."""
        if self._open_id is not None:
            self.model.handed = self.store.handdowns(self._open_id)
            self.model.set_plan(self.store.load_plan(self._open_id))

    def push(self, command: _Command) -> bool:
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
            new = {k: copy_value(v) for k, v in fields.items()}
            if "status" in new:
                new["status"] = Status(new["status"])
            old = {k: copy_value(getattr(node, k)) for k in new}
            if old != new:
                changes[node_id] = (old, new)
        if changes:
            keys = dict.fromkeys(k for _, new in changes.values() for k in new)
            names = "、".join(FIELD_LABELS.get(k, k) for k in keys)
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

    def paste_place(self, data: str, target_id: str | None, as_child: bool = False) -> tuple[str | None, int]:
        """(parent, row) for a paste at ``target_id``: after it, or as its last child; numbered lines go
        to the level their numbers name (a （三） block pasted on a task lands after the task's （二）)."""
        target = self.model.node_by_id(target_id) if target_id else None
        if target is None or as_child:
            return target_id if target else None, len(self.model.children_of(target))
        level = read_pasted(data).top_level if not data.lstrip().startswith("{") else None
        chain = [target]  # the target and its ancestors, deepest first
        while (parent := self.model.parent_of(chain[-1].id)) is not None:
            chain.append(parent)
        depth = len(chain)
        if level is not None and level > depth:
            return target.id, len(target.children)
        anchor = chain[depth - level] if level is not None else target
        parent = self.model.parent_of(anchor.id)
        return (parent.id if parent else None), self.model.row_of(anchor.id) + 1

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

    def save_version(self, name: str, taken_on: str) -> None:
        """Record the open plan as it is now (文件 → 保存版本)."""
        self.push(SaveSnapshotCommand(self, self.store.load_plan(self.plan_id), name, taken_on))

    def restore_version(self, version: SnapshotSummary) -> Plan:
        """A saved version as a new plan, opened (undo removes it)."""
        from models.snapshots import restored_plan

        plan = restored_plan(self.store.load_snapshot(version.id), version)
        self.add_plan(plan, f"恢复版本“{version.name}”")
        return plan

    def duplicate_plan(self, plan_id: str) -> Plan:
        plan = self.store.load_plan(plan_id)
        copy = plan.duplicate(f"{plan.title}（副本）")
        self.add_plan(copy, "复制清单")
        return copy

    def delete_plan(self, plan_id: str) -> None:
        self.push(DeletePlanCommand(self, plan_id))

    def update_plan(self, plan_id: str, **fields: object) -> None:
        plan = self.store.load_plan(plan_id)
        old = {k: getattr(plan, k) for k in fields}
        if old != fields:
            self.push(PlanFieldsCommand(self, plan_id, old, dict(fields)))

    def add_adjustment(self, adjustment) -> bool:
        """Enter a manual 加分/减分 (models.store.ScoreAdjustment) as one undoable command."""
        return self.push(AdjustmentCommand(self, adjustment))

    def remove_adjustment(self, adjustment) -> bool:
        return self.push(AdjustmentCommand(self, adjustment, remove=True))

    def attach_evidence(self, node_id: str, source, day: str, entry_id: str | None = None) -> bool:
        """Copy a file into the evidence folder and record it for the task (or one of its progress
        entries), one undoable step."""
        from models.evidence import EvidenceError, copy_in

        label = self.model.number_of(node_id) or node_id[:8]
        try:
            evidence = copy_in(self.store.evidence_dir, source, node_id, label, day, entry_id)
        except EvidenceError as exc:
            self.failed.emit(str(exc))
            return False
        return self.push(EvidenceCommand(self, evidence))

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

    # -- reporting rounds -------------------------------------------------

    def open_round(self, name: str, due: date | None, today: date | None = None) -> bool:
        plan_id = self._open_id
        return plan_id is not None and self.push(RoundCommand(
            self, plan_id, name, lambda book: book.open(plan_id, name, due, today=today), f"开启报送轮次“{name}”"))

    def close_round(self, name: str, today: date | None = None) -> bool:
        plan_id = self._open_id
        return plan_id is not None and self.push(RoundCommand(
            self, plan_id, name, lambda book: book.close(book.find(plan_id, name), today), f"结束报送轮次“{name}”"))

    def reopen_round(self, name: str) -> bool:
        plan_id = self._open_id
        return plan_id is not None and self.push(RoundCommand(
            self, plan_id, name, lambda book: book.reopen(book.find(plan_id, name)), f"重新开启报送轮次“{name}”"))

    def record_sent(self, name: str, sent: dict[str, str], due: date | None) -> bool:
        """Department sheets sent in round ``name`` (unit → file), which opens when new."""
        plan_id = self._open_id
        units = {u: f for u, f in sent.items() if not is_umbrella(u)}
        return plan_id is not None and self.push(RoundCommand(
            self, plan_id, name, lambda book: book.record_sent(plan_id, name, units, due), f"发送分解表（{name}）"))

    def record_handdown(self, handed: list[tuple[str, str, list[str]]], on: date) -> bool:
        """Tasks of the open plan handed down: (receiver, file name, node ids) each."""
        return self._open_id is not None and self.push(HanddownCommand(self, handed, on.isoformat()))

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
