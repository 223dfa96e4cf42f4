"""Reviewing what returned files would change, and applying what the user accepts.

Pure Python: the rows read from returned files (:mod:`importers.returned_sheets`
builds :class:`ReturnedFile`) are matched to the plan's nodes — by the stable
id of the hidden key column, or by the numbered text when that column was
lost — and turned into a list of :class:`Change`: progress reports, changed
texts, units, leaders, deadlines, remarks, added and deleted rows.  Two files
that want different values for the same thing are a conflict: their changes
share a ``conflict`` group, of which at most one may be accepted, and
"accept all" leaves them out.  What cannot be matched safely — a file of
another plan, an edited key column, rows with no match — becomes a
:class:`Notice` and is never applied.

A value counts as changed only when it differs from what the file showed
when exported (the base kept in the file), so a returned file does not undo
edits made to the list since.

:func:`apply_changes` backs the store up, then applies the accepted changes
in one transaction; progress reports become dated :class:`ProgressEntry`
rows, and the evidence files of a returned pack (:class:`ReturnedFile.evidence`, one
``EVIDENCE`` change per file under a matched row) are copied into the store's evidence folder
and linked to the report recorded for their task (a failed merge removes the copies again).  It returns an :class:`AppliedMerge` that can undo itself.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from models.cell_text import (
    DEFAULT_MARKERS,
    squash,
    numbered_cell,
    parse_numbered_cell,
    printed_fields,
    same_text,
    split_units,
)
from models.domain import FIELD_LABELS, Node, Plan, Status
from models.errors import UserError
from models.evidence import EvidenceError, PackedEvidence, copy_incoming
from models.handdown import summarise, with_sub_tasks
from models.numbering import number_plan
from models.history import HistoryKind, forget, record
from models.store import ProgressEntry, Store


class MergeError(UserError):
    """Files that cannot be merged as given; the message names them."""


MAX_DELETIONS = 5  # a returned file proposing to delete more tasks than this is refused
_ROUND_LIMIT = 40  # characters of a reporting round's name


# -- what the reader hands over ---------------------------------------------


@dataclass
class SheetRow:
    row: int  # the Excel row number
    key: str | None  # node id from the key column, None when absent or blank
    cells: dict[str, str]  # field → text: task, lead, responsible, leader, deadline, remarks, progress, status, issues …
    levels: list[str] = field(default_factory=list)  # appendix: the level columns' texts, merges filled


@dataclass
class ReturnedSheet:
    path: Path
    sheet: str
    kind: str  # "unit" (a department sheet) or "appendix"
    plan_id: str | None  # from the file's marker
    plan_title: str
    unit: str  # unit sheets: whose sheet it is
    round: str  # unit sheets: the reporting round
    has_key_column: bool
    columns: list[str]  # the fields present
    rows: list[SheetRow]
    # A receiver's report on tasks handed down to it (分解下达): its progress rolls up to the task, with
    # that of the other receivers (models.handdown.summarise); its own sub-tasks (rows without a key)
    # are told in its task's progress text, and its own units and deadlines are no change to this plan.
    rollup: bool = False

    def source(self, row: int) -> str:
        return f"{self.path.name} › {self.sheet} › 第{row}行"


@dataclass
class ReturnedFile:
    path: Path
    marker: dict[str, str] | None
    base: dict[str, dict[str, str]]  # node id → field → text as exported
    sheets: list[ReturnedSheet]
    digest: str = ""  # sha256 of the file's bytes: the same file given twice is read once
    saved_at: str = ""  # ISO time the file was last saved (UTC), "" when unknown
    evidence: list[PackedEvidence] = field(default_factory=list)  # a returned pack's 佐证材料, by sheet row


# -- the review ---------------------------------------------------------------


class ChangeKind(str, Enum):
    PROGRESS = "progress"
    TEXT = "text"
    LEAD = "lead"
    RESPONSIBLE = "responsible"
    LEADER = "leader"
    DEADLINE = "deadline"
    REMARKS = "remarks"
    ADDED = "added"
    DELETED = "deleted"
    EVIDENCE = "evidence"  # a file of a returned pack's 佐证材料 folder, for the task of its row


# The node fields a returned sheet may change one by one (their kinds are named after them).
_FIELD_KINDS = {name: ChangeKind(name) for name in ("lead", "responsible", "leader", "deadline", "remarks")}
KIND_LABELS = {
    ChangeKind.PROGRESS: "进展", ChangeKind.TEXT: "文字", **{kind: FIELD_LABELS[name] for name, kind in _FIELD_KINDS.items()},
    ChangeKind.ADDED: "新增", ChangeKind.DELETED: "删除", ChangeKind.EVIDENCE: "佐证材料",
}
_STATUS_WORDS = {
    Status.DONE: ("已完成", "完成", "已办结", "办结"),
    Status.IN_PROGRESS: ("推进中", "进行中", "正在推进", "持续推进", "正在实施", "部分完成"),
    Status.NOT_STARTED: ("未启动", "未开始", "尚未启动"),
    Status.LATE: ("滞后", "延期", "逾期", "未完成"),
}


def status_of(text: str) -> Status | None:
    """The status a department typed, if it is one we know."""
    word = "".join(text.split())
    return next((s for s, words in _STATUS_WORDS.items() if word in words), None)


def share_of(text: str) -> str:
    """A 完成进度 cell as ``60%`` (0–100, a trailing % allowed); "" when blank or not a percentage."""
    word = "".join(text.split()).rstrip("%％")
    try:
        value = float(word)
    except ValueError:
        return ""
    return f"{value:g}%" if 0 <= value <= 100 else ""


@dataclass
class Change:
    id: int
    kind: ChangeKind
    node_id: str | None  # the node changed; for ADDED its parent (None: top level)
    where: str  # the node's number and text, for display
    old: str
    new: str
    source: str  # file › sheet › row
    value: Any = None  # parsed new value (unit list, (text, tags, leader), a new Node …)
    unit: str = ""  # PROGRESS: who reports
    round: str = ""
    status: str = ""
    after: str | None = None  # ADDED: the sibling it follows (None: first child)
    conflict: int | None = None  # changes sharing a group exclude each other
    note: str = ""
    explicit: bool = False  # applied only when the reviewer accepts this row itself, never by "accept all"
    stale: bool = False  # PROGRESS older than a report already recorded: history only
    saved_at: str = ""  # PROGRESS: when the file was saved
    rollup: bool = False  # PROGRESS from a receiver of the task: summarised with the other receivers'

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def file(self) -> str:
        """The returned file's name (the first part of ``source``)."""
        return self.source.split(" › ")[0]

    def to_json(self) -> dict:
        return {
            "id": self.id, "kind": self.kind.value, "node": self.node_id, "where": self.where,
            "old": self.old, "new": self.new, "source": self.source, "unit": self.unit,
            "round": self.round, "status": self.status, "conflict": self.conflict, "note": self.note,
            "explicit": self.explicit, "stale": self.stale, "rollup": self.rollup,
        }


@dataclass
class Notice:
    kind: str  # no-marker | key-edited | unmatched | key-column-lost | not-sent | no-unit | merged-before | same-file
    #            | evidence-unlinked
    message: str
    source: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "message": self.message, "source": self.source}


@dataclass
class Review:
    plan_id: str
    plan_title: str
    changes: list[Change] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def accept_all(self) -> list[Change]:
        """Every change except those in conflict with another and those only the reviewer may accept."""
        return [c for c in self.changes if c.conflict is None and not c.explicit]

    def conflicts(self) -> dict[int, list[Change]]:
        groups: dict[int, list[Change]] = defaultdict(list)
        for c in self.changes:
            if c.conflict is not None:
                groups[c.conflict].append(c)
        return dict(groups)

    def to_json(self) -> dict:
        return {"plan": self.plan_id, "title": self.plan_title,
                "changes": [c.to_json() for c in self.changes],
                "notices": [n.to_json() for n in self.notices]}


# -- choosing the plan ----------------------------------------------------------


def choose_plan(files: list[ReturnedFile], plans: dict[str, str], explicit: str | None = None) -> str:
    """The plan the files belong to.  ``plans`` maps the store's plan ids to titles."""
    marked = {f.path: f.marker["plan_id"] for f in files if f.marker and f.marker.get("plan_id")}
    for f in files:
        pid = marked.get(f.path)
        if pid is not None and pid not in plans:
            title = f.marker.get("plan_title", "") if f.marker else ""
            raise MergeError(f"{f.path}：此文件属于另一份清单“{title}”，本数据文件中没有这份清单，未合并。")
    if explicit is not None:
        wrong = [p for p, pid in marked.items() if pid != explicit]
        if wrong:
            raise MergeError(f"{wrong[0]}：此文件属于另一份清单“{plans[marked[wrong[0]]]}”，"
                             f"不是“{plans[explicit]}”，未合并。")
        return explicit
    ids = set(marked.values())
    if len(ids) > 1:
        names = "、".join(f"{p.name}（{plans[pid]}）" for p, pid in marked.items())
        raise MergeError(f"这些文件属于不同的清单：{names}；请分别合并。")
    if ids:
        return ids.pop()
    if len(plans) == 1:
        return next(iter(plans))
    raise MergeError(f"{files[0].path}：文件中没有清单标记，无法判断属于哪份清单；请用 --plan 指定。")


# -- building the review ------------------------------------------------------


class _PlanIndex:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.numbers = number_plan(plan)
        self.nodes: dict[str, Node] = {}
        self.parent: dict[str, str | None] = {}
        self.printed: dict[str, dict[str, str]] = {}
        self.by_cell: dict[str, list[Node]] = defaultdict(list)
        self.by_text: dict[str, list[Node]] = defaultdict(list)
        self.markers = "".join(plan.tag_legend) + DEFAULT_MARKERS
        for node, parent, _ in plan.walk_with_parent():
            self.nodes[node.id] = node
            self.parent[node.id] = parent.id if parent else None
            fields = printed_fields(node, self.numbers[node.id], not node.children)
            self.printed[node.id] = fields
            for cell in {squash(c) for c in _cells(self, node)}:
                self.by_cell[cell].append(node)
            self.by_text[squash(node.text)].append(node)

    def ancestors(self, node_id: str) -> list[Node]:
        chain: list[Node] = []
        parent = self.parent[node_id]
        while parent is not None:
            chain.insert(0, self.nodes[parent])
            parent = self.parent[parent]
        return chain

    def where(self, node: Node) -> str:
        text = node.text if len(node.text) <= 30 else node.text[:30] + "…"
        return f"{self.numbers[node.id]}{text}"

    def match_text(self, cell: str) -> list[Node]:
        """Nodes printed as ``cell`` (number and text); else nodes whose text it is."""
        hits = self.by_cell.get(squash(cell))
        if hits:
            return hits
        _, text, _, _ = parse_numbered_cell(cell, self.markers)
        return self.by_text.get(squash(text), [])

    def leaves(self) -> list[Node]:
        return [n for n in self.nodes.values() if not n.children]


class _Builder:
    def __init__(self, plan: Plan, recorded: list[ProgressEntry], units: set[str],
                 handed: dict[str, list[str]] | None = None, evidence: dict[str, set[str]] | None = None):
        self.index = _PlanIndex(plan)
        self.handed = handed or {}  # node id → the receivers it was handed down to
        self.review = Review(plan.id, plan.title)
        self._ids = 0
        self._sender_of: tuple[str, str] = ("", "")  # (unit, round) of the department sheet being read
        self.recorded = recorded
        self.evidence = evidence or {}  # node id → hashes of its evidence files already recorded
        self.linked: set[int] = set()
        self.units = units | {u for n in self.index.nodes.values() for u in n.lead + n.responsible}

    def add(self, kind: ChangeKind, node: Node | None, old: str, new: str, source: str, **more) -> Change:
        self._ids += 1
        where = self.index.where(node) if node is not None else "（顶层）"
        unit, round = self._sender_of  # every change of a department sheet names its unit and round
        change = Change(self._ids, kind, node.id if node else None, where, old, new, source,
                        **{"unit": unit, "round": round, **more})
        self.review.changes.append(change)
        return change

    def notice(self, kind: str, message: str, source: str = "") -> None:
        self.review.notices.append(Notice(kind, message, source))

    # -- one sheet --------------------------------------------------------

    def sheet(self, file: ReturnedFile, sheet: ReturnedSheet) -> None:
        index = self.index
        if sheet.kind == "unit" and not self._sender(file, sheet):
            return
        self._sender_of = (sheet.unit, sheet.round) if sheet.kind == "unit" else ("", "")
        if not sheet.has_key_column:
            self.notice("key-column-lost", f"{sheet.path.name} › {sheet.sheet}：没有编号列，按序号和文字匹配各行。")
        seen: set[str] = set()
        previous: Node | None = None  # the node of the row above, for placing added rows
        for row in _with_sub_tasks(sheet.rows) if sheet.rollup else sheet.rows:
            source = sheet.source(row.row)
            cell, depth = _row_cell(sheet, row)
            if not cell and not (sheet.kind == "unit" and row.key):
                continue
            node = self._match(file, sheet, row, cell, source, seen)
            if node is None:
                if sheet.kind == "appendix" and not row.key:
                    previous = self._added(sheet, row, cell, depth, previous, source) or previous
                continue
            if sheet.kind == "unit" and not self._sent(file, sheet, node):
                self.notice("not-sent", f"“{index.where(node)}”不是发给{sheet.unit}的任务，此行未合并。", source)
                continue
            seen.add(node.id)
            previous = node
            base = file.base.get(node.id)
            # A department fills in its columns; anything else it changed waits for the reviewer.
            by_department = sheet.kind == "unit"
            unsigned = by_department and not sheet.unit
            if sheet.rollup:  # the receiver's own texts, units and deadlines are its plan's, not this one's
                self._progress(file, sheet, node, row, source, unsigned)
                continue
            if cell:
                self._compare_cell(node, cell, base, source, with_leader=False, explicit=by_department)
            if sheet.kind == "appendix":
                for ancestor, text in zip(index.ancestors(node.id), row.levels):
                    if text.strip() and ancestor.id not in seen:
                        seen.add(ancestor.id)
                        self._compare_cell(ancestor, text, file.base.get(ancestor.id), source, with_leader=True)
            for name, kind in _FIELD_KINDS.items():
                if name in sheet.columns and not (name == "leader" and node.children):
                    self._compare_field(node, name, kind, row.cells.get(name, ""), base, source, by_department)
            self._progress(file, sheet, node, row, source, unsigned)
            if file.evidence and sheet is file.sheets[0]:
                self._evidence(file, sheet, node, row)
        if sheet.kind == "appendix" and (sheet.has_key_column or seen):
            self._deleted(file, sheet, seen)

    def _match(self, file: ReturnedFile, sheet: ReturnedSheet, row: SheetRow, cell: str, source: str,
               seen: set[str]) -> Node | None:
        index = self.index
        if row.key:
            node = index.nodes.get(row.key)
            if node is None:
                self.notice("unmatched", f"编号“{row.key[:40]}”不在本清单中（该任务已删除，或编号列被改动），此行未合并。", source)
                return None
            if node.id in seen:
                self.notice("key-edited", "编号重复（编号列被改动？），此行未合并。", source)
                return None
            own = _cells(index, node) + [(file.base.get(node.id) or {}).get("cell", "")]
            if not sheet.rollup and not any(same_text(cell, c) for c in own if c):
                others = [n for n in index.by_cell.get(squash(cell), []) if n.id != node.id]
                if others:
                    self.notice("key-edited", f"编号与任务不符：此行文字是“{index.where(others[0])}”，编号却属于"
                                f"“{index.where(node)}”（编号列被改动或排序错位），此行未合并。", source)
                    return None
            return node
        hits = [n for n in index.match_text(cell) if n.id not in seen]
        if len(hits) == 1:
            return hits[0]
        if sheet.kind == "unit" or hits:
            why = "多项任务文字相同" if hits else "清单中没有这项任务"
            self.notice("unmatched", f"“{cell[:40]}”：{why}，无法确定对应任务，此行未合并。", source)
        return None

    def _sender(self, file: ReturnedFile, sheet: ReturnedSheet) -> bool:
        """Whether a department sheet says who sent it; a unit or round the plan does not know refuses the file."""
        if not sheet.unit and file.marker is None:
            if sheet.sheet in self.units:
                sheet.unit = sheet.sheet  # a copied sheet keeps its unit's name as its title
            return True  # rows copied into a new file: each change waits for the reviewer
        if not sheet.unit:
            self.notice("no-unit", f"{sheet.path.name} › {sheet.sheet}：无法确定报送单位（工作表被改名，或内容被复制到了"
                        "新文件），此表未合并。")
            return False
        if sheet.unit not in self.units:
            raise MergeError(f"{sheet.path}：文件标记中的单位“{_clip(sheet.unit)}”不在本清单和单位名录中"
                             "（标记被改动？），未合并。")
        if len(sheet.round) > _ROUND_LIMIT or any(not ch.isprintable() for ch in sheet.round):
            raise MergeError(f"{sheet.path}：文件标记中的报送轮次“{_clip(sheet.round)}”无效（标记被改动？），未合并。")
        return True

    def _sent(self, file: ReturnedFile, sheet: ReturnedSheet, node: Node) -> bool:
        """Whether the task was sent to the sheet's unit: named for it in the file's base, else in the plan."""
        if not sheet.unit:
            return True
        if sheet.rollup and sheet.unit in self.handed.get(node.id, []):
            return True
        base = file.base.get(node.id)
        if base is None and file.base:
            return False  # not in the file when it was exported
        names = node.lead + node.responsible
        if base is not None:
            names += split_units(base.get("lead", "")) + split_units(base.get("responsible", ""))
        return sheet.unit in names

    def _compare_cell(self, node: Node, cell: str, base: dict | None, source: str, with_leader: bool,
                      explicit: bool = False) -> None:
        """The node's own cell: its text and tags, and for an indicator its leader.

        The number is derived from the tree and never taken from a file.
        """
        markers = self.index.markers
        current = numbered_cell(node, self.index.numbers[node.id], with_leader)
        exported = (base or {}).get("cell")
        new = parse_numbered_cell(cell, markers)[1:]

        def same(other: str) -> bool:
            text, tags, leader = parse_numbered_cell(other, markers)[1:]
            return same_text(new[0], text) and new[1] == tags and (not with_leader or new[2] == leader)

        if (exported is not None and same(exported)) or same(current):
            return
        note = "清单中此项在导出后也已修改" if exported is not None and not same_text(exported, current) else ""
        self.add(ChangeKind.TEXT, node, current, cell, source,
                 value=(new[0], new[1], new[2] if with_leader else None), **_explicit(note, explicit))

    def _compare_field(self, node: Node, name: str, kind: ChangeKind, value: str, base: dict | None,
                       source: str, explicit: bool = False) -> None:
        current = self.index.printed[node.id][name]
        exported = (base or {}).get(name)
        if name in ("lead", "responsible"):
            same = lambda a, b: split_units(a) == split_units(b)  # noqa: E731
            parsed: object = split_units(value)
        else:
            same, parsed = same_text, value.strip()
        if (exported is not None and same(value, exported)) or same(value, current):
            return
        note = "清单中此项在导出后也已修改" if exported is not None and not same(exported, current) else ""
        self.add(kind, node, current, value.strip(), source, value=parsed, **_explicit(note, explicit))

    def _progress(self, file: ReturnedFile, sheet: ReturnedSheet, node: Node, row: SheetRow, source: str,
                  unsigned: bool) -> None:
        text = row.cells.get("progress", "").strip()
        status = row.cells.get("status", "").strip()
        issues = row.cells.get("issues", "").strip()
        typed_share = row.cells.get("share", "").strip()
        share = share_of(typed_share)
        if not (text or status or issues or share):
            return
        full = text + (f"\n完成进度：{share}" if share else "") + (f"\n存在问题：{issues}" if issues else "")
        known = status_of(status)
        status = known.value if known else status
        same_slot = [e for e in self.recorded
                     if (e.node_id, e.unit, e.round) == (node.id, sheet.unit, sheet.round)]
        if any(same_text(e.text, full) and e.status == status for e in same_slot):
            self.notice("merged-before", f"“{self.index.where(node)}”：{sheet.unit}{sheet.round}的这份报告已经合并过，"
                        "未重复记录。", source)
            return
        # The task's progress in the same words: merged before — unless the file reports for a round,
        # where saying the same again still counts as reporting (回收情况); a repeat is caught above.
        if not sheet.round and same_text(full, node.progress) and (not status or known == node.status):
            return
        notes = [f"完成状态“{status}”无法识别，不改变任务状态" if status and known is None else "",
                 f"完成进度“{typed_share}”不是 0 至 100 的数，未记入" if typed_share and not share else "",
                 "文件中没有报送单位，需逐项确认" if unsigned else "",
                 "分解下达的任务：状态按各承接单位的报告汇总" if sheet.rollup else ""]
        change = self.add(ChangeKind.PROGRESS, node, node.progress, full, source, unit=sheet.unit,
                          round=sheet.round, status=status, note="；".join(filter(None, notes)),
                          saved_at=file.saved_at, explicit=unsigned, rollup=sheet.rollup)
        newest = max((e.saved_at for e in same_slot if e.saved_at), default="")
        if file.saved_at and file.saved_at < newest:
            _mark_stale(change, newest)

    def _evidence(self, file: ReturnedFile, sheet: ReturnedSheet, node: Node, row: SheetRow) -> None:
        """The pack's files put under this row: one change each (a file recorded before is left out)."""
        known = self.evidence.get(node.id, set())
        for packed in file.evidence:
            if packed.row != row.row:
                continue
            self.linked.add(id(packed))
            if packed.file.sha256 in known:
                self.notice("merged-before", f"“{packed.file.name}”已是“{self.index.where(node)}”的佐证材料，未重复添加。",
                            packed.file.source)
                continue
            about = f"{packed.file.size} 字节，SHA-256 {packed.file.sha256[:16]}…"
            self.add(ChangeKind.EVIDENCE, node, "", packed.file.name, packed.file.source, value=packed.file,
                     unit=sheet.unit, round=sheet.round, explicit=not sheet.unit,
                     note=about if sheet.unit else f"{about}；文件中没有报送单位，需逐项确认")

    def unlinked(self, file: ReturnedFile) -> None:
        for packed in file.evidence:
            if id(packed) not in self.linked:
                why = (f"分解表第 {packed.row} 行没有可合并的任务" if packed.row is not None
                       else "不在以行号开头的子文件夹中，文件名也不以行号开头")
                self.notice("evidence-unlinked", f"“{packed.file.name}”：{why}，未添加。", packed.file.source)

    def _added(self, sheet: ReturnedSheet, row: SheetRow, cell: str, depth: int, previous: Node | None,
               source: str) -> Node | None:
        """A row of an appendix that matches no task: a new task under the indicator it sits in."""
        index = self.index
        parent: Node | None = None
        if depth > 1:
            chain = index.ancestors(previous.id) + [previous] if previous is not None else []
            above = chain[depth - 2] if len(chain) >= depth - 1 else None
            if above is None or not any(same_text(row.levels[depth - 2], c) for c in _cells(index, above)):
                self.notice("unmatched", f"“{cell[:40]}”：清单中没有这项任务，也无法确定它所属的上级指标，此行未合并。", source)
                return None
            parent = above
        siblings = {n.id for n in (parent.children if parent else index.plan.roots)}
        after = None
        if previous is not None:
            chain = index.ancestors(previous.id) + [previous]
            after = next((n.id for n in chain if n.id in siblings), None)
        _, text, tags, _ = parse_numbered_cell(cell, index.markers)
        new = Node(text=text, tags=tags, lead=split_units(row.cells.get("lead", "")),
                   responsible=split_units(row.cells.get("responsible", "")),
                   leader=row.cells.get("leader", "").strip(), deadline=row.cells.get("deadline", "").strip(),
                   remarks=row.cells.get("remarks", "").strip())
        self.add(ChangeKind.ADDED, parent, "", cell, source, value=new, after=after)
        return None

    def _deleted(self, file: ReturnedFile, sheet: ReturnedSheet, seen: set[str]) -> None:
        """Tasks missing from an edited appendix: proposed for the reviewer, never accepted wholesale."""
        exported = set(file.base) if file.base else None
        # added to the list after this file was exported: not the file's business
        gone = [leaf for leaf in self.index.leaves()
                if leaf.id not in seen and (exported is None or leaf.id in exported)]
        if len(gone) > MAX_DELETIONS:
            raise MergeError(f"{sheet.path} › {sheet.sheet}：此表会删除 {len(gone)} 项任务（超过 {MAX_DELETIONS} 项），"
                             "可能只返回了部分行或表头被改动；未合并。确需删除的任务请在清单中直接删除。")
        for leaf in gone:
            self.add(ChangeKind.DELETED, leaf, self.index.printed[leaf.id]["cell"], "",
                     f"{sheet.path.name} › {sheet.sheet}", explicit=True, note="删除只在逐项确认后执行")

    # -- across files -----------------------------------------------------

    def settle(self) -> None:
        """Drop repeated proposals; group proposals that exclude each other."""
        changes = self.review.changes
        keys: set[tuple] = set()
        unique: list[Change] = []
        for c in changes:
            key: tuple
            if c.kind is ChangeKind.PROGRESS:
                key = (c.node_id, "progress", c.unit, c.round, squash(c.new), c.status)
            elif c.kind is ChangeKind.ADDED:
                key = (c.node_id, "added", squash(c.new), c.after)
            elif c.kind is ChangeKind.DELETED:
                key = (c.node_id, "deleted")
            elif c.kind is ChangeKind.EVIDENCE:
                key = (c.node_id, "evidence", c.value.sha256)
            else:
                key = (c.node_id, c.kind.value, squash(c.new))
            if key not in keys:
                keys.add(key)
                unique.append(c)
        slots: dict[tuple, list[Change]] = defaultdict(list)  # one unit's reports on a task in a round
        for c in unique:
            if c.kind is ChangeKind.PROGRESS and not c.stale:
                slots[(c.node_id, c.unit, c.round)].append(c)
        for reports in slots.values():
            newest = max(c.saved_at for c in reports)
            for c in reports:
                if c.saved_at < newest:
                    _mark_stale(c, newest)
        conflict = 0
        by_target: dict[tuple, list[Change]] = defaultdict(list)
        for c in unique:
            if c.kind is ChangeKind.PROGRESS:
                if c.status and not c.stale and not c.rollup:  # receivers' states are summarised, not rivals
                    by_target[(c.node_id, "status")].append(c)
            elif c.kind not in (ChangeKind.ADDED, ChangeKind.EVIDENCE):
                by_target[(c.node_id, "node" if c.kind is ChangeKind.DELETED else c.kind.value)].append(c)
        deleted = {c.node_id for c in unique if c.kind is ChangeKind.DELETED}
        for (node_id, what), group in by_target.items():
            if what == "node" or node_id in deleted:
                continue
            values = {c.status if c.kind is ChangeKind.PROGRESS else squash(c.new) for c in group}
            if len(values) > 1:
                conflict += 1
                for c in group:
                    c.conflict = conflict
        for node_id in deleted:  # deleted by one file, edited by another
            group = [c for c in unique if c.node_id == node_id
                     and c.kind not in (ChangeKind.PROGRESS, ChangeKind.EVIDENCE)]
            if len(group) > 1:
                conflict += 1
                for c in group:
                    c.conflict = conflict
        self.review.changes = unique


def _cells(index: _PlanIndex, node: Node) -> list[str]:
    """How a node's own cell may print: with its leader (an indicator in the appendix) or without."""
    number = index.numbers[node.id]
    return [numbered_cell(node, number, True), numbered_cell(node, number, False)]


def _row_cell(sheet: ReturnedSheet, row: SheetRow) -> tuple[str, int]:
    """The row's own task cell and its depth (appendix: the deepest filled level)."""
    if sheet.kind == "unit":
        return row.cells.get("task", "").strip(), 0
    for depth in range(len(row.levels), 0, -1):
        text = row.levels[depth - 1].strip()
        if text:
            return text, depth
    return "", 0


def _with_sub_tasks(rows: list[SheetRow]) -> list[SheetRow]:
    """A report-up's rows of tasks handed down, each with the receiver's own sub-tasks (the rows without
    a key below it) told in its progress."""
    out: list[SheetRow] = []
    subs: list[list[tuple[str, str, str]]] = []
    for row in rows:
        if row.key:
            out.append(row)
            subs.append([])
        elif subs and row.cells.get("task", "").strip():
            subs[-1].append((row.cells["task"].strip(), row.cells.get("status", "").strip(),
                             row.cells.get("progress", "")))
    return [SheetRow(r.row, r.key, {**r.cells, "progress": with_sub_tasks(r.cells.get("progress", ""), s)}, r.levels)
            for r, s in zip(out, subs)]


def _explicit(note: str, explicit: bool) -> dict:
    """The fields of a change a department made outside its fill-in columns."""
    if not explicit:
        return {"note": note}
    return {"note": "；".join(filter(None, ["由部门在分解表中修改，需逐项确认", note])), "explicit": True}


def _mark_stale(change: Change, newest: str) -> None:
    change.stale = True
    change.note = "；".join(filter(None, [change.note, f"此文件早于已有的报告（保存于 {newest.replace('T', ' ')}），"
                                          "只记入进展历史，不改变当前进展和状态"]))


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def build_review(plan: Plan, files: list[ReturnedFile], recorded: list[ProgressEntry] | None = None,
                 units: set[str] | None = None, handed: dict[str, list[str]] | None = None,
                 evidence: dict[str, set[str]] | None = None) -> Review:
    """The changes the files propose.  ``recorded``: the reports already merged for the plan;
    ``units``: names a marker may use besides the plan's own units (the unit directory);
    ``handed``: node id → the receivers its task was handed down to;
    ``evidence``: node id → hashes of the evidence files it has."""
    builder = _Builder(plan, recorded or [], units or set(), handed, evidence)
    read: dict[str, Path] = {}
    for file in files:
        if file.digest and file.digest in read:
            builder.notice("same-file", f"{file.path.name}：与 {read[file.digest].name} 内容相同，只合并一次。")
            continue
        read[file.digest] = file.path
        if file.marker is None:
            builder.notice("no-marker", f"{file.path.name}：没有清单标记（不是本程序导出的文件，或内容被复制到了新文件），"
                           "各行按序号和文字匹配。")
        for sheet in file.sheets:
            builder.sheet(file, sheet)
        builder.unlinked(file)
    builder.settle()
    return builder.review


def review_for_store(store: Store, files: list[ReturnedFile], plan_id: str | None = None) -> Review:
    """The review of returned files against their plan in the store, knowing what was merged before."""
    chosen = choose_plan(files, {p.id: p.title for p in store.list_plans()}, plan_id)
    evidence: dict[str, set[str]] = {}
    if any(f.evidence for f in files):
        for node_id, sha in store.plan_evidence_hashes(chosen):
            evidence.setdefault(node_id, set()).add(sha)
    return build_review(store.load_plan(chosen), files, store.plan_progress(chosen), store.unit_names(),
                        store.handdowns(chosen), evidence)


# -- applying -------------------------------------------------------------------


@dataclass
class AppliedMerge:
    """What one accepted merge did, enough to undo it."""

    plan_id: str
    backup: Path | None
    old_fields: dict[str, dict[str, object]] = field(default_factory=dict)
    inserted: list[str] = field(default_factory=list)
    deleted: list[tuple[str | None, int, Node]] = field(default_factory=list)
    progress_ids: list[str] = field(default_factory=list)
    taken: dict = field(default_factory=dict)  # progress reports of the deleted tasks
    evidence_ids: list[str] = field(default_factory=list)  # the copies stay in the folder
    history_ids: list[str] = field(default_factory=list)  # the merge's entries in the tasks' history

    def undo(self, store: Store) -> None:
        with store.transaction():
            store.delete_evidence(self.evidence_ids)
            forget(store, self.history_ids)
            store.delete_progress(self.progress_ids)
            if self.inserted:
                store.delete_subtrees(list(reversed(self.inserted)))
            for parent, position, node in reversed(self.deleted):
                store.insert_subtrees(self.plan_id, parent, position, [node])
            store.put_rows(self.taken)
            for node_id, fields in self.old_fields.items():
                store.update_node(node_id, **fields)


def check_acceptable(changes: list[Change]) -> None:
    groups: dict[int, int] = defaultdict(int)
    for c in changes:
        if c.conflict is not None:
            groups[c.conflict] += 1
    clash = [g for g, n in groups.items() if n > 1]
    if clash:
        raise MergeError(f"冲突的修改只能接受其中一项（冲突组 {clash[0]}）。")


def apply_changes(store: Store, plan_id: str, changes: list[Change], today: date | None = None,
                  backup: bool = True) -> AppliedMerge:
    """Apply the accepted changes as one transaction, after a backup of the store."""
    check_acceptable(changes)
    plan = store.load_plan(plan_id)
    nodes = {n.id: n for n, _ in plan.walk()}
    reported = (today or date.today()).isoformat()
    applied = AppliedMerge(plan_id, store.backup("merge") if backup else None)
    copies: list[Path] = []  # evidence copied in: removed again when the merge fails
    entries: dict[tuple[str | None, str, str], str] = {}  # (task, unit, round) → its new progress entry
    with _removed_on_failure(copies), store.transaction():
        for c in changes:
            if c.kind in (ChangeKind.PROGRESS, ChangeKind.ADDED, ChangeKind.DELETED, ChangeKind.EVIDENCE):
                continue
            node = nodes[c.node_id]
            fields: dict[str, object] = {}
            if c.kind is ChangeKind.TEXT:
                text, tags, leader = c.value
                fields = {"text": text, "tags": tags}
                if leader is not None:
                    fields["leader"] = leader
            else:
                fields = {c.kind.value: c.value}
            _update(store, applied, node, fields)
        for c in changes:
            if c.kind is ChangeKind.PROGRESS:
                node = nodes[c.node_id]
                entry = ProgressEntry.new(node.id, c.unit, c.round, c.status, c.new, reported, c.saved_at or None,
                                          c.file)
                store.add_progress(entry)
                applied.progress_ids.append(entry.id)
                entries[(node.id, c.unit, c.round)] = entry.id
                if c.stale or c.rollup:
                    continue
                fields = {"progress": c.new}
                if status_of(c.status) is not None:
                    fields["status"] = status_of(c.status)
                _update(store, applied, node, fields)
        rolled: dict[str, set[str]] = defaultdict(set)  # a task reported by its receivers → who reported now
        for c in changes:
            if c.kind is ChangeKind.PROGRESS and c.rollup:
                rolled[c.node_id].add(c.unit)
        handed = store.handdowns(plan_id) if rolled else {}
        for node_id, units in rolled.items():
            _update(store, applied, nodes[node_id], _rolled_up(store.progress_history(node_id),
                                                              handed.get(node_id, []) + sorted(units)))
        last_added: dict[tuple[str | None, str | None], str] = {}  # rows added one after another stay in order
        for c in changes:
            if c.kind is ChangeKind.ADDED:
                new: Node = c.value
                after = last_added.get((c.node_id, c.after), c.after)
                position = store.node_place(after)[2] + 1 if after else 0
                store.insert_subtrees(plan_id, c.node_id, position, [new])
                applied.inserted.append(new.id)
                last_added[(c.node_id, c.after)] = new.id
        deleted = [c.node_id for c in changes if c.kind is ChangeKind.DELETED]
        applied.taken = store.rows_below(deleted) if deleted else {}
        for c in changes:
            if c.kind is ChangeKind.DELETED:
                _, parent, position = store.node_place(c.node_id)
                applied.deleted.append((parent, position, store.load_subtree(c.node_id)))
                store.delete_subtrees([c.node_id])
        numbers = number_plan(plan) if any(c.kind is ChangeKind.EVIDENCE for c in changes) else {}
        for c in changes:
            if c.kind is ChangeKind.EVIDENCE:
                try:
                    entry_id = entries.get((c.node_id, c.unit, c.round)) or _recorded_entry(store, c)
                    evidence, copy = copy_incoming(store.evidence_dir, c.value, c.node_id, numbers.get(c.node_id, ""),
                                                   reported, entry_id)
                except EvidenceError as exc:
                    raise MergeError(str(exc)) from None
                if copy is not None:
                    copies.append(copy)
                store.add_evidence(evidence)
                applied.evidence_ids.append(evidence.id)
        for c in changes:  # the history (留痕) of each task changed; a deleted one's goes to the plan's
            if c.kind is not ChangeKind.PROGRESS:
                node_id = c.value.id if c.kind is ChangeKind.ADDED else None if c.kind is ChangeKind.DELETED else c.node_id
                text = f"合并回收表 {c.file}：{c.label}" + (f"“{c.where}”" if node_id is None else "") + \
                       (f"，{c.old or '（空）'} → {c.new}" if c.kind not in (ChangeKind.ADDED, ChangeKind.DELETED) else "")
                applied.history_ids.append(record(store, plan_id, HistoryKind.MERGE, text, node_id=node_id,
                                                  round=c.round, unit=c.unit, on=today))
    return applied


def _recorded_entry(store: Store, change: Change) -> str | None:
    """The latest report already recorded for the evidence's task, unit and round (a file sent
    again with a report merged before), None when there is none."""
    if not change.round and not change.unit:
        return None
    same = [e for e in store.progress_history(change.node_id or "") if (e.unit, e.round) == (change.unit, change.round)]
    return same[-1].id if same else None


@contextmanager
def _removed_on_failure(paths: list[Path]) -> Iterator[None]:
    """Files made inside the block are removed again when it fails."""
    try:
        yield
    except BaseException:
        for path in paths:
            path.unlink(missing_ok=True)
        raise


def _rolled_up(history: list[ProgressEntry], receivers: list[str]) -> dict[str, object]:
    """A handed-down task's status and progress from its receivers' latest reports (a later save of
    the file wins; one not reporting counts as 未启动): :func:`models.handdown.summarise`."""
    latest: dict[str, ProgressEntry] = {}
    for entry in history:
        kept = latest.get(entry.unit)
        if kept is None or not (entry.saved_at and kept.saved_at and entry.saved_at < kept.saved_at):
            latest[entry.unit] = entry
    receivers = list(dict.fromkeys(receivers))
    states = [status_of(latest[r].status) or Status.NOT_STARTED if r in latest else Status.NOT_STARTED
              for r in receivers]
    text = "\n".join(f"{r}［{latest[r].status or '未填'}］" + (f"：{latest[r].text}" if latest[r].text else "")
                     for r in receivers if r in latest)
    return {"status": summarise(states), "progress": text}


def _update(store: Store, applied: AppliedMerge, node: Node, fields: dict[str, object]) -> None:
    old = applied.old_fields.setdefault(node.id, {})
    for name in fields:
        old.setdefault(name, list(getattr(node, name)) if isinstance(getattr(node, name), list)
                       else getattr(node, name))
    store.update_node(node.id, **fields)
    for name, value in fields.items():
        setattr(node, name, value)
