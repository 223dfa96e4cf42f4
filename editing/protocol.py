"""What the views ask of the editing layer.

Widgets take an :class:`Editor`, not :class:`editing.plan_editor.PlanEditor`
itself, so that ``widgets/`` depends on this small typed surface only; the
type checker holds the editor to it.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoStack

from models.domain import Plan
from models.store import ScoreAdjustment, Store
from models.tree_model import PlanTreeModel, TreeEditor
from models.unit_table_model import UnitEditor


class Editor(TreeEditor, UnitEditor, Protocol):
    """The open plan, its tree model, the undo stack and the edits the views make."""

    @property
    def store(self) -> Store: ...
    @property
    def stack(self) -> QUndoStack: ...  # the open plan's
    @property
    def directory_stack(self) -> QUndoStack: ...  # the library's and unit directory's
    @property
    def model(self) -> PlanTreeModel: ...
    @property
    def plan_id(self) -> str | None: ...

    # signals
    @property
    def failed(self) -> SignalInstance: ...  # a message for the user
    @property
    def saved(self) -> SignalInstance: ...  # time of the last save, HH:MM:SS
    @property
    def plan_opened(self) -> SignalInstance: ...  # plan id
    @property
    def library_changed(self) -> SignalInstance: ...
    @property
    def units_changed(self) -> SignalInstance: ...
    @property
    def scores_changed(self) -> SignalInstance: ...  # plan id: a manual 加减分 entered or taken back
    @property
    def evidence_changed(self) -> SignalInstance: ...  # node id: an evidence file recorded or forgotten
    @property
    def rounds_changed(self) -> SignalInstance: ...

    # plans
    def open_plan(self, plan_id: str | None) -> None: ...
    def add_plan(self, plan: Plan, text: str = ...) -> None: ...
    def duplicate_plan(self, plan_id: str) -> Plan: ...
    def delete_plan(self, plan_id: str) -> None: ...
    def update_plan(self, plan_id: str, **fields: object) -> None: ...

    # assessment
    def add_adjustment(self, adjustment: ScoreAdjustment) -> bool: ...
    def remove_adjustment(self, adjustment: ScoreAdjustment) -> bool: ...
    def attach_evidence(self, node_id: str, source: Path, day: str, entry_id: str | None = ...) -> bool: ...
    # reporting rounds (of the open plan)
    def open_round(self, name: str, due: date | None, today: date | None = ...) -> bool: ...
    def close_round(self, name: str, today: date | None = ...) -> bool: ...
    def reopen_round(self, name: str) -> bool: ...
    def record_sent(self, name: str, sent: dict[str, str], due: date | None) -> bool: ...

    # units
    def merge_units(self, source_id: str, target_id: str) -> None: ...
    def set_unit_order(self, unit_ids: list[str], text: str = ...) -> None: ...
