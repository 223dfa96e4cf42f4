"""What a 催办通知 says, for every writer (Word, PDF): the letter as the pieces of a notice.

A letter is a notice of its own kind (GB/T 9704): issuer mark and 发文字号 (optional) over the red
rule, the title (…落实情况的催办通知, from the second on …的第二次催办通知), 主送 = the unit, a body
naming the round and its due date, 联系人/电话, 附件说明 and the signature with the date; its
outstanding tasks follow as its 附件 (序号, 任务内容, 完成时限, 情况).  One letter per unit, or one
letter to them all (``one_letter``) whose 附件 lists every unit's tasks under the unit.

:func:`reminder_letters` gives each letter as (the plan as the notice writers read it, its 附件
table, its title), so that the notice's own writers lay it out.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from exporters.appendix_layout import DEFAULT_FONTS, AppendixTable, FontProfile, Merge
from exporters.notice_text import format_date
from exporters.view_tables import table_columns
from models.domain import Plan
from models.reminders import ReminderLetter
from models.rounds import reminder_ordinal


@dataclass(frozen=True)
class ReminderOptions:
    on: date  # 成文日期
    doc_number: str = ""  # 发文字号, optional
    contact: str = ""  # 联系人
    phone: str = ""
    fonts: FontProfile = DEFAULT_FONTS
    one_letter: bool = False  # one letter to every unit, their tasks in its 附件


@dataclass(frozen=True)
class LetterPieces:
    plan: Plan  # issuer, 文号, 主送, body and date as the notice writers read them
    table: AppendixTable  # the 附件
    title: str


def reminder_title(plan: Plan, round: str, ordinal: str = "") -> str:
    return f"{plan.issuer}关于{round}《{plan.title}》落实情况的{ordinal}催办通知"


def reminder_body(plan: Plan, letters: list[ReminderLetter], options: ReminderOptions) -> list[str]:
    first = letters[0]
    due = f"于{format_date(first.due.isoformat())}前" if first.due else "按时"
    tasks = sum(len(letter.tasks) for letter in letters)
    whose = f"仍有{len(letters)}个单位的{tasks}项任务" if len(letters) > 1 else f"你单位仍有{tasks}项任务"
    text = (f"按照《{plan.title}》{first.round}工作安排，各责任单位应{due}报送任务进展情况。"
            f"截至{format_date(options.on.isoformat())}，{whose}未按要求报送或已逾期（见附件）。")
    number = max(letter.number for letter in letters)
    if number > 1:
        text += f"此为{reminder_ordinal(number)}催办。"
    body = [text, "请高度重视，抓紧核实有关任务进展，如实填写分解表后尽快报送；确有困难的，请说明原因和下一步措施。"]
    contact = "，".join(x for x in (f"联系人：{options.contact}" if options.contact else "",
                                    f"电话：{options.phone}" if options.phone else "") if x)
    return body + ([contact + "。"] if contact else [])


def reminder_table(letters: list[ReminderLetter], fonts: FontProfile) -> AppendixTable:
    """The outstanding tasks; for several units a 单位 column, merged over each unit's tasks."""
    several = len(letters) > 1
    spec = [("serial", "序号", 12, True)] + ([("unit", "单位", 36, False)] if several else [])
    spec += [("task", "任务内容", 90, False), ("deadline", "完成时限", 38, True), ("why", "情况", 30, True)]
    rows: list[list[str]] = []
    merges: list[Merge] = []
    row_nodes: list[str] = []
    for letter in letters:
        start = len(rows)
        for t in letter.tasks:
            rows.append([str(len(rows) + 1), *([letter.unit] if several else []), f"{t.number}{t.text}",
                         t.deadline, t.why])
            row_nodes.append(t.node_id)
        if several and len(rows) - start > 1:
            merges.append(Merge(1, start, len(rows) - 1))
    first = letters[0]
    title = (f"{first.round}未按要求报送的单位及任务" if several else f"{first.unit}{first.round}未按要求报送的任务")
    return AppendixTable("附件", title, table_columns(spec), rows, merges, [], row_nodes, fonts, body_pt=12.0)


def reminder_letters(plan: Plan, letters: list[ReminderLetter], options: ReminderOptions) -> list[LetterPieces]:
    """The letters to write: one per unit, or one for all with ``options.one_letter``."""
    groups = [letters] if options.one_letter else [[letter] for letter in letters]
    out = []
    for group in groups:
        number = max(letter.number for letter in group)
        title = reminder_title(plan, group[0].round, reminder_ordinal(number))
        issued = replace(plan, doc_number=options.doc_number, date=options.on.isoformat(), cc="",
                         recipients="、".join(letter.unit for letter in group),
                         body="\n".join(reminder_body(plan, group, options)))
        out.append(LetterPieces(issued, reminder_table(group, options.fonts), title))
    return out
