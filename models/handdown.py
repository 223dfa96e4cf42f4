"""Hand-down across levels (分解下达): a receiver's derived plan, and its progress rolled back up.

A city hands its list down to a county (a district, a department): the county gets a **derived
plan** of the tasks it leads or shares (or chosen subtrees), with their ancestors kept for the
structure.  Each task of the derived plan has new ids (ids are the store's keys) and keeps its source
as data, a :class:`~models.domain.SourceLink` per level above it, nearest first: a county's task
links to the city's task, which linked to the province's.

The receiver reports up per linked task (``handed`` links): the state it reports is the task's own
status, or, when it has sub-tasks, the summary of theirs (:func:`reported_state`); the source keeps
the task's progress followed by each own sub-task's (:func:`with_sub_tasks`).  On the source side a linked task's state
summarises its receivers' latest reports by :func:`summarise`:

- every receiver 已完成 → 已完成;
- else any receiver 滞后 → 滞后;
- else any receiver 推进中 or 已完成 → 推进中;
- else (nothing reported, or all 未启动) → 未启动.

A receiver that has not reported counts as 未启动.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from models.domain import Node, Plan, SourceLink, Status, new_id
from models.errors import UserError
from models.numbering import number_plan

ROLE_LINKED, ROLE_OWN = "承接", "细化"  # a report-up row: a handed-down task, or the receiver's own sub-task


class HanddownError(UserError):
    """A hand-down or report-up that cannot be made as asked; the message says why."""


def handed_ids(plan: Plan, receiver: str, subtrees: Iterable[str] | None = None) -> list[str]:
    """The ids of the tasks handed down to ``receiver``: those it leads or shares, or every node of
    the chosen ``subtrees`` (node ids)."""
    if subtrees:
        roots = [plan.find(i) for i in subtrees]
        missing = [i for i, n in zip(subtrees, roots) if n is None]
        if missing:
            raise HanddownError(f"清单“{plan.title}”中没有编号为 {missing[0]} 的任务。")
        return list(dict.fromkeys(n.id for root in roots if root for n, _ in root.walk()))
    ids = [n.id for n in plan.walk_nodes() if receiver in n.units()]
    if not ids:
        raise HanddownError(f"清单“{plan.title}”中没有“{receiver}”牵头或参与的任务，无法分解下达。")
    return ids


def derive_plan(plan: Plan, receiver: str, subtrees: Iterable[str] | None = None) -> Plan:
    """``receiver``'s derived plan: the handed tasks (:func:`handed_ids`) and their ancestors, with new
    ids, each linked to its source (then its source's sources); status and progress start afresh."""
    handed = set(handed_ids(plan, receiver, subtrees))
    numbers = number_plan(plan)

    def take(node: Node) -> Node | None:
        children = [c for c in (take(child) for child in node.children) if c is not None]
        if node.id not in handed and not children:
            return None
        copy = node.copy(children=children)
        copy.id, copy.status, copy.progress = new_id(), Status.NOT_STARTED, ""
        link = SourceLink(plan.id, node.id, receiver, plan.title, plan.issuer, node.id in handed, numbers[node.id])
        copy.sources = [link, *node.sources]
        return copy

    roots = [r for r in (take(root) for root in plan.roots) if r is not None]
    derived = plan.copy(roots=roots)
    derived.id, derived.title, derived.issuer = new_id(), f"{plan.title}（{receiver}）", receiver
    derived.doc_number, derived.date, derived.recipients, derived.cc, derived.body = "", None, "", "", ""
    return derived


def summarise(states: Iterable[Status]) -> Status:
    """The state of a task from its receivers' (or sub-tasks') states: the rule in the module's text."""
    states = list(states)
    if states and all(s is Status.DONE for s in states):
        return Status.DONE
    if Status.LATE in states:
        return Status.LATE
    if Status.IN_PROGRESS in states or Status.DONE in states:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def reported_state(node: Node) -> Status:
    """What a receiver reports for a task: its status, or with sub-tasks the summary of their leaves."""
    if not node.children:
        return node.status
    return summarise(n.status for n, _ in node.walk() if not n.children)


def is_linked(node: Node) -> bool:
    """Whether the node is a task handed down to this plan (not only kept for the structure)."""
    return bool(node.sources) and node.sources[0].handed


def own_below(node: Node) -> list[Node]:
    """The receiver's own sub-tasks under a linked task (not below another linked task)."""
    out: list[Node] = []
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if is_linked(child):
            continue
        out.append(child)
        stack.extend(reversed(child.children))
    return out


def with_sub_tasks(progress: str, sub_tasks: list[tuple[str, str, str]]) -> str:
    """A linked task's reported progress: its own text, then a line for each own sub-task as the report
    lists it (numbered task, status, progress)."""
    lines = [progress.strip()] if progress.strip() else []
    lines += [f"{task}：［{status or '未填'}］{text.strip()}" for task, status, text in sub_tasks]
    return "\n".join(lines)


def source_of(plan: Plan) -> SourceLink:
    """The nearest source of a derived plan (the plan a report goes up to); refused for a plan of its
    own or one mixing tasks of several source plans or receivers."""
    links = [n.sources[0] for n in plan.walk_nodes() if is_linked(n)]
    if not links:
        raise HanddownError(f"清单“{plan.title}”不是分解下达的清单（没有来自上级清单的任务），无法报送上级。")
    keys = Counter((link.plan_id, link.receiver) for link in links)
    if len(keys) > 1:
        names = "、".join(sorted({link.plan_title or link.plan_id for link in links}))
        raise HanddownError(f"清单“{plan.title}”中的任务来自多份上级清单或多个承接单位（{names}），请分别报送。")
    return links[0]


def handed_text(receivers: list[str]) -> str:
    """To whom a task was handed down, for its tooltip ("" when to no one)."""
    return f"已分解下达给：{'、'.join(receivers)}" if receivers else ""


def source_text(node: Node) -> str:
    """Where a derived task came from, nearest level first, for a tooltip or the detail panel."""
    return "\n".join(f"来源：{link.issuer + '·' if link.issuer else ''}《{link.plan_title}》{link.number}"
                     f"{'' if link.handed else '（所属指标）'}，下达给{link.receiver}" for link in node.sources)
