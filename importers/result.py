"""What an import found: plans, and what it was unsure of.

Warning kinds (the ``kind`` of the CLI JSON):

=================  ============================================================
no-units           a task without any unit
lead-unclear       units given, but the document does not say which one leads
deadline-unparsed  a deadline the deadline parser cannot read
unknown-unit       a unit name not in the directory (near matches proposed)
numbering-gap      printed task numbers skip or repeat (25 missing)
column-shift       a table row whose cells could not be realigned for sure
shared-cell        two indicators share one cell and one set of tasks
table-header       a table whose header could not be recognised
formula            a workbook cell holding a formula, read as its text
repeated           the same notice printed twice in the file, imported once
run-on             two unit names printed with no separator, split
control-chars      control characters (form feeds, colour codes …) normalised away
first-row          a table whose first task row has no number, imported as a task
column-unread      a table column with a name and content that fills no field (联系人, 工作目标)
=================  ============================================================
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.domain import Node, Plan
from models.errors import Cancelled

KINDS = ("no-units", "lead-unclear", "deadline-unparsed", "unknown-unit", "numbering-gap",
         "column-shift", "shared-cell", "table-header", "formula", "repeated", "run-on", "control-chars",
         "first-row", "column-unread")
KIND_NAMES = {
    "no-units": "未找到单位", "lead-unclear": "牵头单位不明", "deadline-unparsed": "时限无法识别",
    "unknown-unit": "新单位", "numbering-gap": "序号不连续", "column-shift": "列可能错位",
    "shared-cell": "共用单元格", "table-header": "表头无法识别", "formula": "公式单元格",
    "repeated": "重复内容", "run-on": "单位名称相连",
    "control-chars": "控制字符", "first-row": "首行无序号", "column-unread": "未导入的列",
}
BODY, TABLE = "body", "table"


class ImportCancelled(Cancelled):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class ImportWarning:
    plan: str  # plan id
    node: str | None  # node id, None for the whole plan
    kind: str
    message: str

    def as_json(self) -> dict:
        return {"plan": self.plan, "node": self.node, "kind": self.kind, "message": self.message}


@dataclass
class ImportResult:
    path: Path
    plans: list[Plan] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # plan id -> BODY | TABLE
    printed: dict[str, str] = field(default_factory=dict)  # node id -> number as printed ("" if none)
    tasks: set[str] = field(default_factory=set)  # ids of task nodes (not headings)
    # What the document does not print beside a task but says elsewhere, for the wizard to mark:
    implied: dict[str, list[str]] = field(default_factory=dict)  # node id -> units from 以下工作均需…负责
    inherited: dict[str, set[str]] = field(default_factory=dict)  # node id -> fields continued from the row above

    def warnings_for(self, node_id: str) -> list[ImportWarning]:
        return [w for w in self.warnings if w.node == node_id]

    def task_nodes(self, plan: Plan) -> list[Node]:
        return [n for n, _ in plan.walk() if n.id in self.tasks]

    def task_count(self) -> int:
        return len(self.tasks)
