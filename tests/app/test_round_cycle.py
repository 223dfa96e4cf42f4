"""A whole supervision cycle through the real files (issue 16): open a round, send the
department sheets, two of three departments fill theirs in (openpyxl), merge them,
see who has not reported, remind them twice, close the round."""
from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from app.main import main
from helpers.exchange_helpers import body_rows, columns, fill_unit_sheet
from models.domain import Node, Plan
from models.exchange import read_marker
from models.round_store import RoundBook
from models.store import Store
from helpers.pdf_text import flat, needs_pdftotext, page_texts

ROUND = "2024年第二季度"
A, B, C = "市发展改革委", "市财政局", "市教育局"


def cycle_plan() -> Plan:
    plan = Plan(title="2024年重点工作任务清单", issuer="某市人民政府办公室")
    top = Node(text="优化营商环境")
    top.children = [
        Node(text="推进项目审批提速", lead=[A], responsible=[B], deadline="2024年6月底前"),
        Node(text="落实减税降费政策", lead=[B], responsible=["各县（市、区）人民政府"], deadline="2024年9月底前"),
        Node(text="建设智慧校园", lead=[C], deadline="2024年5月底前"),
        Node(text="完善教育收费清单", lead=[A], responsible=[C], deadline="2024年12月底前"),
    ]
    plan.roots.append(top)
    return plan


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cycle.sqlite"
    with Store(path) as store:
        store.save_plan(cycle_plan())
    return str(path)


def cli(db, *args, capsys=None) -> str:
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def states(db, capsys, on: str) -> dict[str, dict]:
    data = json.loads(cli(db, "round", "1", "status", ROUND, "--json", "--date", on, capsys=capsys))
    assert (data["round"], data["due"]) == (ROUND, "2024-06-30")
    return {u["unit"]: u for u in data["units"]}


def docx_text(path) -> str:
    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_whole_cycle(db, tmp_path, capsys):
    out = cli(db, "round", "1", "open", ROUND, "--due", "2024-06-30", "--date", "2024-06-01", capsys=capsys)
    assert ROUND in out
    # The umbrella (各县（市、区）人民政府) is not asked to report.
    assert [u for u in states(db, capsys, "2024-06-01")] == [A, B, C]

    sheets = tmp_path / "sheets"
    cli(db, "export", "1", "--per-unit", str(sheets), "--round", ROUND, "--unit", A, "--unit", B, "--unit", C,
        capsys=capsys)
    files = {u: sheets / f"{u}.xlsx" for u in (A, B, C)}
    wb = load_workbook(files[C])
    assert "报送轮次：2024年第二季度" in wb.active["B2"].value and "报送截止：2024年6月30日" in wb.active["B2"].value
    marker = read_marker(wb)
    assert (marker["round"], marker["round_due"]) == (ROUND, "2024-06-30")
    sent = states(db, capsys, "2024-06-02")
    assert sent[C]["sent"] == date.today().isoformat() and sent[C]["sent_file"] == f"{C}.xlsx"
    assert [sent[u]["tasks"] for u in (A, B, C)] == [2, 2, 2]

    # The first department answers both of its tasks, the second one of its two; the third does not reply.
    rows_a = list(body_rows(load_workbook(files[A]).active))
    fill_unit_sheet(files[A], {rows_a[0]: ("审批时限压减至5个工作日", "已完成", ""),
                               rows_a[1]: ("已形成收费清单初稿", "推进中", "")})
    wb = load_workbook(files[A])  # the optional 完成进度 column: 40 (%), validated 0–100 in Excel
    share_col = columns(wb.active)["完成进度（%）"]
    wb.active.cell(body_rows(wb.active)[rows_a[1]], share_col).value = 40
    wb.save(files[A])
    rows_b = list(body_rows(load_workbook(files[B]).active))
    fill_unit_sheet(files[B], {rows_b[1]: ("已完成首批退税", "推进中", "")})
    cli(db, "merge", str(files[A]), str(files[B]), "--accept-all", capsys=capsys)

    shown = json.loads(cli(db, "show", "1", "--json", capsys=capsys))["plans"][0]["nodes"]
    assert next(n["progress"] for n in shown if n["id"] == rows_a[1]) == "已形成收费清单初稿\n完成进度：40%"
    before = states(db, capsys, "2024-06-20")
    assert {u: before[u]["state"] for u in (A, B, C)} == {A: "已报送", B: "部分报送", C: "未报送"}
    assert (before[A]["reported"], before[B]["reported"], before[C]["reported"]) == (2, 1, 0)
    assert before[A]["received"] == date.today().isoformat() and before[C]["received"] is None
    after = states(db, capsys, "2024-07-01")  # the due date has passed
    assert after[C]["state"] == "逾期未报" and after[B]["state"] == "部分报送"
    table = tmp_path / "回收情况.xlsx"
    cli(db, "round", "1", "status", ROUND, "--date", "2024-07-01", "--xlsx", str(table), capsys=capsys)
    rows = [[c.value for c in row] for row in load_workbook(table).active.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "单位")
    assert [r[:4] for r in rows[header + 1:header + 4]] == [[A, "已报送", "2", "2"], [B, "部分报送", "2", "1"],
                                                            [C, "逾期未报", "2", "0"]]
    assert any("逾期未报1个" in str(r[0]) for r in rows[header + 4:])

    first = tmp_path / "催办1.docx"
    out = cli(db, "remind", "1", "--round", ROUND, "--docx", str(first), "--unit", C, "--date", "2024-07-02",
              "--contact", "王明", "--phone", "0818-2345678", capsys=capsys)
    assert C in out
    text = docx_text(first)
    assert f"{C}：" in text and "2024年6月30日前" in text and "2024年7月2日" in text
    assert "建设智慧校园" in text and "完善教育收费清单" in text and "2024年5月底前" in text
    assert "推进项目审批提速" not in text  # not a task of this unit
    assert "第二次" not in text and "联系人：王明，电话：0818-2345678" in text

    second = tmp_path / "催办2.docx"
    cli(db, "remind", "1", "--round", ROUND, "--docx", str(second), "--unit", C, "--date", "2024-07-09",
        capsys=capsys)
    assert "第二次催办" in docx_text(second)
    assert states(db, capsys, "2024-07-09")[C]["reminders"] == 2
    with Store(db) as store:
        plan = store.load_plan(store.list_plans()[0].id)
        campus = next(n for n, _ in plan.walk() if n.text == "建设智慧校园")
        history = RoundBook(store).task_reminders(campus.id)
    assert [(r.round, r.unit, r.number, r.sent_on) for r in history] == [
        (ROUND, C, 1, "2024-07-02"), (ROUND, C, 2, "2024-07-09")]

    # Closing keeps the figures: a late file merged afterwards no longer changes them.
    cli(db, "round", "1", "close", ROUND, "--date", "2024-07-10", capsys=capsys)
    rows_c = list(body_rows(load_workbook(files[C]).active))
    fill_unit_sheet(files[C], {k: ("已完成", "已完成", "") for k in rows_c})
    cli(db, "merge", str(files[C]), "--accept-all", capsys=capsys)
    closed = states(db, capsys, "2024-07-11")
    assert closed[C]["state"] == "逾期未报" and closed[C]["reported"] == 0
    listed = json.loads(cli(db, "round", "1", "list", "--json", capsys=capsys))["rounds"]
    assert listed[0]["closed"] == "2024-07-10" and listed[0]["逾期未报"] == 1
    # An ended round takes no more sheets; reopened, it counts the late report.
    assert main(["--db", db, "export", "1", "--per-unit", str(tmp_path / "again"), "--round", ROUND]) == 1
    assert "已于 2024-07-10 结束" in capsys.readouterr().err and not (tmp_path / "again").exists()
    cli(db, "round", "1", "reopen", ROUND, capsys=capsys)
    assert states(db, capsys, "2024-07-11")[C]["state"] == "已报送"


@needs_pdftotext
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_reminder_renders(db, tmp_path, capsys):
    cli(db, "round", "1", "open", ROUND, "--due", "2024-06-30", "--date", "2024-06-01", capsys=capsys)
    out = tmp_path / "催办.docx"
    cli(db, "remind", "1", "--round", ROUND, "--docx", str(out), "--date", "2024-07-02", capsys=capsys)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pages = [flat(p) for p in page_texts(tmp_path / "催办.pdf")]
    text = "".join(pages)
    # One letter per unit, each starting a page: 主送, the round's due date, its tasks with deadlines.
    starts = [next(i for i, p in enumerate(pages) if f"{u}：" in p) for u in (A, B, C)]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert "催办通知" in pages[starts[2]] and "2024年6月30日前" in pages[starts[2]]
    assert "建设智慧校园" in text and "2024年5月底前" in text and "未报送、已逾期" in text


def test_the_same_words_in_the_next_round_still_count_as_reporting(db, tmp_path, capsys):
    """A department that writes 已完成 again in the next round has reported in that round too."""
    for name, due in (("5月调度", "2024-05-31"), ("6月调度", "2024-06-30")):
        folder = tmp_path / name
        cli(db, "export", "1", "--per-unit", str(folder), "--round", name, "--due", due, "--unit", C, capsys=capsys)
        sheet = folder / f"{C}.xlsx"
        fill_unit_sheet(sheet, {k: ("已完成", "已完成", "") for k in body_rows(load_workbook(sheet).active)})
        cli(db, "merge", str(sheet), "--accept-all", capsys=capsys)
        data = json.loads(cli(db, "round", "1", "status", name, "--json", capsys=capsys))
        assert [(u["unit"], u["state"], u["reported"]) for u in data["units"]] == [(C, "已报送", 2)]
    # the same file merged again is recorded once
    out = cli(db, "merge", str(tmp_path / "6月调度" / f"{C}.xlsx"), "--json", capsys=capsys)
    assert json.loads(out)["changes"] == []


def test_the_cycle_is_in_the_history_with_the_user_and_exports_to_excel(db, tmp_path, capsys, qapp):
    """留痕 (issue 16): round events, the merged reports with their file, 催办, each dated with round,
    unit and the user of the settings; `round status --json` names the file each unit returned."""
    from app.settings import Settings
    from models.history import Author

    settings = Settings()
    settings.author = Author("王明", "督查科")
    settings.sync()
    cli(db, "round", "1", "open", ROUND, "--due", "2024-06-30", "--date", "2024-06-01", capsys=capsys)
    sheets = tmp_path / "sheets"
    cli(db, "export", "1", "--per-unit", str(sheets), "--round", ROUND, "--unit", A, capsys=capsys)
    sheet = sheets / f"{A}.xlsx"
    keys = list(body_rows(load_workbook(sheet).active))
    fill_unit_sheet(sheet, {keys[0]: ("审批时限压减至5个工作日", "已完成", "")})
    cli(db, "merge", str(sheet), "--accept-all", capsys=capsys)
    assert states(db, capsys, "2024-06-20")[A]["file"] == sheet.name
    assert states(db, capsys, "2024-06-20")[C]["file"] == ""
    text = cli(db, "round", "1", "status", ROUND, "--date", "2024-06-20", capsys=capsys)
    assert f"{A}\t部分报送\t1/2\t报送 {date.today().isoformat()}（{sheet.name}）" in text
    cli(db, "remind", "1", "--round", ROUND, "--docx", str(tmp_path / "催办.docx"), "--unit", A,
        "--date", "2099-07-02", capsys=capsys)

    out = tmp_path / "留痕.xlsx"
    assert cli(db, "export", "1", "--history", str(out), capsys=capsys).strip() == str(out)
    ws = load_workbook(out).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "日期")
    assert rows[header] == ["日期", "类别", "任务", "轮次", "单位", "内容", "记录人"]
    assert "留痕记录" in rows[header - 1][0]
    body = [r for r in rows[header + 1:] if r[1]]
    assert [r[1] for r in body] == ["催办", "进展", "轮次", "轮次"]  # newest first
    reminder, progress, sent, opened = body
    assert sent[4] == A and sent[5] == f"发送分解表 {sheet.name}" and sent[0] == date.today().isoformat()
    assert reminder[0] == "2099-07-02" and reminder[4] == A and "完善教育收费清单" in reminder[2]
    assert progress[0] == date.today().isoformat() and progress[3:5] == [ROUND, A]
    assert "推进项目审批提速" in progress[2] and sheet.name in progress[5] and "已完成" in progress[5]
    assert opened[0] == "2024-06-01" and opened[2] is None and "开启报送轮次" in opened[5]
    assert {r[6] for r in body} == {"王明（督查科）"}
    assert ws.print_options.gridLines is not True and ws.page_setup.orientation == "landscape"


@needs_pdftotext
def test_reminders_as_the_apps_pdf_one_per_unit_or_one_letter_with_the_tasks_as_its_attachment(db, tmp_path, capsys):
    cli(db, "round", "1", "open", ROUND, "--due", "2024-06-30", "--date", "2024-06-01", capsys=capsys)
    each = tmp_path / "催办.pdf"
    out = cli(db, "remind", "1", "--round", ROUND, "--pdf", str(each), "--date", "2024-07-02", capsys=capsys)
    assert out.splitlines()[0] == str(each)
    pages = [flat(p) for p in page_texts(each)]
    starts = [next(i for i, p in enumerate(pages) if f"{u}：" in p) for u in (A, B, C)]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert "催办通知" in pages[starts[2]] and "2024年6月30日前" in pages[starts[2]]
    attachment = "".join(pages[starts[2]:])  # the third letter and its 附件
    assert f"附件：{C}{ROUND}未按要求报送的任务" in attachment
    assert "建设智慧校园" in attachment and "2024年5月底前" in attachment and "未报送、已逾期" in attachment
    assert "推进项目审批提速" not in attachment  # not a task of this unit

    one = tmp_path / "催办（汇总）.docx"
    one_pdf = tmp_path / "催办（汇总）.pdf"
    cli(db, "remind", "1", "--round", ROUND, "--one-letter", "--docx", str(one), "--pdf", str(one_pdf),
        "--date", "2024-07-09", "--contact", "王明", capsys=capsys)
    pages = [flat(p) for p in page_texts(one_pdf)]
    letter = next(i for i, p in enumerate(pages) if "催办通知" in p)
    assert f"{A}、{B}、{C}：" in pages[letter] and "第二次催办通知" in pages[letter]
    assert "仍有3个单位的6项任务" in pages[letter]
    table = "".join(pages[letter + 1:])
    assert table.count("附件") >= 2 and f"{ROUND}未按要求报送的单位及任务" in table  # the note and the label
    for unit, task in ((A, "推进项目审批提速"), (B, "落实减税降费政策"), (C, "建设智慧校园")):
        assert unit in table and task in table
    text = docx_text(one)  # the Word letter says the same
    assert f"{A}、{B}、{C}：" in text and "联系人：王明。" in text and "落实减税降费政策" in text
    # each unit's reminder recorded: the third letter to the third unit would read 第三次
    assert states(db, capsys, "2024-07-09")[C]["reminders"] == 2


def test_remind_without_an_output_says_so(db, capsys):
    cli(db, "round", "1", "open", ROUND, "--due", "2024-06-30", "--date", "2024-06-01", capsys=capsys)
    with pytest.raises(SystemExit) as exit:
        main(["--db", db, "remind", "1", "--round", ROUND])
    assert exit.value.code == 2 and "--docx" in capsys.readouterr().err  # wrong usage, as cli.md says
