"""From a read document to plans: one per notice part (body tasks, each table).

A file holding several notices gives plans for each; within a notice, the
main text and every annex are read for body tasks, and every table becomes
its own plan.  ``part`` chooses body tasks, tables or both.
"""
from __future__ import annotations

from collections.abc import Callable

from importers.annotations import Conventions
from importers.body import parse_body
from importers.document import SourceDoc
from importers.headings import keep_printed_numbers
from importers.notice import Notice, split_notices
from importers.result import BODY, TABLE, ImportCancelled, ImportResult, ImportWarning
from importers.table import parse_table
from importers.table_header import Layout
from importers.text_source import tidy
from models.domain import Column, Plan

Progress = Callable[[float, str], None]


def _plan(notice: Notice, title: str, doc: SourceDoc) -> Plan:
    return Plan(
        title=tidy(title or notice.title or doc.path.stem), issuer=notice.issuer, doc_number=notice.doc_number,
        date=notice.date, recipients=tidy(notice.recipients), cc=tidy(notice.cc), body=notice.body,
    )


def _add(result: ImportResult, plan: Plan, part: str, printed: dict[str, str], tasks: list[str],
         warnings: list[tuple[str | None, str, str]]) -> None:
    result.plans.append(plan)
    result.parts[plan.id] = part
    result.printed.update(printed)
    result.tasks.update(tasks)
    result.warnings.extend(ImportWarning(plan.id, node, kind, message) for node, kind, message in warnings)


def _collapse_lead_warnings(warnings: list[tuple[str | None, str, str]], tasks: int) -> list[tuple[str | None, str, str]]:
    """When no task of a plan names its lead, say it once for the plan."""
    unclear = [w for w in warnings if w[1] == "lead-unclear"]
    if tasks and len(unclear) == tasks:
        others = [w for w in warnings if w[1] != "lead-unclear"]
        return [(None, "lead-unclear", f"原文未说明牵头单位（{tasks} 项任务）：所有单位记为责任单位，牵头单位留空")] + others
    return warnings


def assemble(doc: SourceDoc, part: str = "all", *, layout: Layout | None = None, header_row: int = 0,
             include_unannotated: bool = False, progress: Progress | None = None,
             cancel: Callable[[], bool] | None = None) -> ImportResult:
    result = ImportResult(doc.path)
    sheets: set[str] = set()  # plans of workbook sheets
    notices = split_notices(doc.blocks)
    steps = sum(len(n.sections) + sum(len(s.tables) for s in n.sections) for n in notices) or 1
    done = 0

    def step(message: str) -> None:
        nonlocal done
        if cancel is not None and cancel():
            raise ImportCancelled()
        done += 1
        if progress is not None:
            progress(0.1 + 0.8 * done / steps, message)

    for notice in notices:
        conventions = Conventions()
        for section in notice.sections:
            step(f"正文：{section.title}")
            body = parse_body(section.paragraphs, conventions, include_unannotated, section.title or notice.title)
            tasks = [n for n, label in body.printed.items() if n in body.tasks]
            if part in ("all", BODY) and tasks:
                plan = _plan(notice, section.title, doc)
                plan.roots = body.roots
                plan.numbering, plan.number_scopes = keep_printed_numbers(body.roots, body.printed)
                plan.columns = [Column.LEAD, Column.RESPONSIBLE, Column.DEADLINE]
                if any(node.leader for node, _ in plan.walk()):
                    plan.columns.insert(2, Column.LEADER)
                _add(result, plan, BODY, body.printed, tasks, _collapse_lead_warnings(body.warnings, len(tasks)))
                result.implied.update(body.implied)
            for table, title in section.tables:
                step(f"表格：{title}")
                if part not in ("all", TABLE):
                    continue
                found = parse_table(table, layout, header_row if layout is not None else None, cancel=cancel,
                                    lead_rule=conventions.lead_rule)
                if not found.tasks and not found.warnings:
                    continue
                plan = _plan(notice, found.title_rows[0] if found.title_rows else (title or table.name), doc)
                plan.roots, plan.tag_legend = found.roots, {**section.legend, **found.legend}
                plan.numbering, plan.number_scopes = found.numbering, found.number_scopes
                if found.layout is not None:
                    plan.level_names = found.layout.level_names()
                    plan.columns = found.layout.plan_columns()
                warnings = found.warnings if found.tasks else [  # a table read as nothing: say which
                    (node, kind, f"“{table.name or plan.title}”：{message}") for node, kind, message in found.warnings]
                _add(result, plan, TABLE, found.printed, [t.id for t in found.tasks], warnings)
                result.inherited.update(found.inherited)
                if table.name:
                    sheets.add(plan.id)
    _drop_repeats(result, sheets)
    result.warnings.extend(ImportWarning(p.id, None, kind, message)
                           for p in result.plans[:1] for kind, message in doc.notes)
    return result


def _signature(plan: Plan) -> tuple:
    return (plan.title, plan.doc_number, tuple((n.text, tuple(n.lead), tuple(n.responsible), n.deadline, n.leader)
                                               for n, _ in plan.walk()))


def _drop_repeats(result: ImportResult, sheets: set[str]) -> None:
    """A web page or a compilation that prints the same notice twice gives its plan once
    (two sheets of a workbook stay two plans, however alike)."""
    seen: dict[tuple, Plan] = {}
    for plan in [p for p in result.plans if p.id not in sheets]:
        first = seen.setdefault(_signature(plan), plan)
        if first is plan:
            continue
        result.plans.remove(plan)
        dropped = {n.id for n, _ in plan.walk()}
        result.tasks -= dropped
        result.warnings = [w for w in result.warnings if w.plan != plan.id]
        result.warnings.append(ImportWarning(first.id, None, "repeated",
                                             f"《{plan.title}》在文件中出现了两次，内容相同，只导入一次"))
