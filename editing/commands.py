"""The undoable commands of :class:`editing.plan_editor.PlanEditor`.

Each applies itself inside one store transaction, then updates the open
tree model; a failure drops the command and reloads the model from the store.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from importers.into_store import save_import
from importers.result import ImportCancelled
from models.domain import Node, Plan, Status, new_id
from models.history import HistoryKind, forget, record
from models.errors import UserError
from models.merge_review import AppliedMerge, apply_changes
from models.paths import log_path
from models.round_store import RoundBook
from models.tree_model import PlanTreeModel

if TYPE_CHECKING:
    from editing.plan_editor import PlanEditor

_log = logging.getLogger(__name__)


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
        self.order = 0  # set when pushed: commands in the order they were done, across stacks

    @property
    def stack_plan(self) -> str | None:
        """The plan whose undo stack holds this command (None: the library's and directory's)."""
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
            if isinstance(exc, self.quiet):
                return
            if isinstance(exc, UserError):
                self.editor.failed.emit(f"{self.text()}失败：{exc}")
            else:  # a bug: once to the user, with its traceback to the log
                _log.error("%s失败", self.text(), exc_info=exc)
                self.editor.failed.emit(f"{self.text()}失败：{exc}（内部错误，详情已写入 {log_path()}）")
            return
        self.editor._did_save()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

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
        # status and progress set by hand go into the tasks' history (留痕), taken back on undo
        self.history = [(node_id, new_id(), kind, line) for node_id, (old, new) in changes.items()
                        for kind, line in _history_lines(old, new)]

    def _set(self, side: int) -> None:
        for node_id, values in ((n, c[side]) for n, c in self.changes.items()):
            self.store.update_node(node_id, **{k: copy_value(v) for k, v in values.items()})
            if {"lead", "responsible"} & set(values):  # unit names come back normalised
                stored = self.store.node_unit_names(node_id)
                values = {**values, **{k: stored[k] for k in ("lead", "responsible") if k in values}}
            self.model.set_fields(node_id, **{k: copy_value(v) for k, v in values.items()})

    def apply(self) -> None:
        self._set(1)
        if self.history:
            open_rounds = [r.name for r in RoundBook(self.store).rounds(self.plan_id) if r.is_open]
            for node_id, entry_id, kind, line in self.history:
                record(self.store, self.plan_id, kind, line, node_id=node_id, entry_id=entry_id,
                       round=open_rounds[-1] if open_rounds else "")

    def revert(self) -> None:
        forget(self.store, [entry_id for _, entry_id, _, _ in self.history])
        self._set(0)


def _history_lines(old: dict, new: dict) -> list[tuple[HistoryKind, str]]:
    lines = []
    if "status" in new and new["status"] != old.get("status"):
        lines.append((HistoryKind.STATUS, f"状态：{Status(old['status']).value} → {Status(new['status']).value}"))
    if "progress" in new and new["progress"] != old.get("progress") and new["progress"]:
        lines.append((HistoryKind.PROGRESS, f"进展情况：{new['progress']}"))
    return lines


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
        self.store.save_plan(self.plan.copy())
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
        self.store.save_plan(plan.copy(), self.position)
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


class AdjustmentCommand(_Command):
    """A manual 加分/减分 entered (``remove``: taken back) for a plan's assessment."""

    def __init__(self, editor, adjustment, remove: bool = False):
        super().__init__(editor, "删除加减分" if remove else "登记加减分", plan_id=adjustment.plan_id)
        self.adjustment, self.remove = adjustment, remove

    def _add(self) -> None:
        self.store.add_adjustment(self.adjustment)
        self.editor.scores_changed.emit(self.adjustment.plan_id)

    def _delete(self) -> None:
        self.store.delete_adjustments([self.adjustment.id])
        self.editor.scores_changed.emit(self.adjustment.plan_id)

    def apply(self) -> None:
        (self._delete if self.remove else self._add)()

    def revert(self) -> None:
        (self._add if self.remove else self._delete)()


class EvidenceCommand(_Command):
    """An evidence file (already copied into the evidence folder) recorded for a task."""

    def __init__(self, editor, evidence):
        super().__init__(editor, f"添加佐证材料“{evidence.name}”")  # on the open plan's stack
        self.evidence = evidence

    def apply(self) -> None:
        self.store.add_evidence(self.evidence)
        self.editor.evidence_changed.emit(self.evidence.node_id)

    def revert(self) -> None:
        self.store.delete_evidence([self.evidence.id])
        self.editor.evidence_changed.emit(self.evidence.node_id)


class ImportCommand(_Command):
    """Imported plans saved as new plans, or their trees inserted under a node."""

    quiet = (ImportCancelled,)

    def __init__(self, editor, result, plans: list[Plan], into, cancel):
        super().__init__(editor, f"导入 {len(plans)} 份清单" if into is None else "导入到所选位置", plan_id="")
        self.result, self.plans, self.into, self.cancel = result, plans, into, cancel
        self.snapshots = [p.copy() for p in plans]
        self.written: list[str] = []

    @property
    def stack_plan(self) -> str | None:
        return self.into[0] if self.into else None

    def apply(self) -> None:
        plans = [p.copy() for p in self.snapshots]
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


class RoundCommand(_Command):
    """Opens, closes or reopens a reporting round; undone by putting the round's rows back as they were
    (none, for a round it opened)."""

    def __init__(self, editor, plan_id: str, name: str, change, text: str):
        super().__init__(editor, text, plan_id)
        self.name, self.change = name, change
        self.before: dict | None = None

    def _existing(self, book: RoundBook):
        return next((r for r in book.rounds(self.plan_id) if r.name == self.name), None)

    def apply(self) -> None:
        book = RoundBook(self.store)
        existing = self._existing(book)
        self.before = book.snapshot(existing.id) if existing else None
        self.change(book)
        self.editor.rounds_changed.emit()

    def revert(self) -> None:
        book = RoundBook(self.store)
        now = self._existing(book)
        if now is not None:
            book.delete(now)
        if self.before is not None:
            book.restore(self.before)
        self.editor.rounds_changed.emit()


class HanddownCommand(_Command):
    """Tasks of the open plan handed down (分解下达) to receivers, in the files written; undo forgets the
    record (the files stay)."""

    def __init__(self, editor, handed: list[tuple[str, str, list[str]]], on: str):
        super().__init__(editor, f"分解下达给{'、'.join(r for r, _, _ in handed)}")
        self.handed, self.on = handed, on
        self.before: list[tuple] = []

    def _show(self) -> None:
        self.model.handed = self.store.handdowns(self.plan_id)
        self.model.refresh_all()

    def apply(self) -> None:
        self.before = self.store.handdown_rows(self.plan_id)
        for receiver, file, node_ids in self.handed:
            self.store.record_handdown(receiver, node_ids, self.on, file)
        self._show()

    def revert(self) -> None:
        self.store.put_handdown_rows(self.plan_id, self.before)
        self._show()


def copy_value(value: object) -> object:
    """A list field copied (so that a command's snapshot is not shared); anything else as it is."""
    return list(value) if isinstance(value, list) else value


class SaveSnapshotCommand(_Command):
    """文件 → 保存版本: the plan as it is now, under a name and date; undo forgets it."""

    def __init__(self, editor, plan: Plan, name: str, taken_on: str):
        super().__init__(editor, f"保存版本“{name}”", plan_id=plan.id)
        self.plan, self.name, self.taken_on = plan, name, taken_on
        self.snapshot_id = new_id()

    def apply(self) -> None:
        self.store.save_snapshot(self.plan, self.name, self.taken_on, self.snapshot_id)
        self.editor.snapshots_changed.emit(self.plan.id)

    def revert(self) -> None:
        self.store.delete_snapshot(self.snapshot_id)
        self.editor.snapshots_changed.emit(self.plan.id)
