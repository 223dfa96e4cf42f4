"""`dutymatrix diff PLAN_A PLAN_B [--json] [--docx OUT] [--xlsx OUT]` on a real store, as a process."""
import json

import pytest
from helpers.cli_process import run_cli as run
from docx import Document
from openpyxl import load_workbook

from helpers.factories import NEW_POWER_TASK, revise
from models.demo import demo_plan
from models.store import Store

HEADER = ["序号", "原文", "修改后", "修改说明"]


@pytest.fixture
def db(tmp_path):
    """The demo (1) and its 修订稿 (2) in one store (node ids are the store's keys: the two share none)."""
    path = tmp_path / "diff.sqlite"
    with Store(path) as store:
        plan = demo_plan()
        store.save_plan(plan)
        revised = revise(demo_plan())
        revised.id, revised.title = "revised", plan.title + "（修订稿）"
        store.save_plan(revised)
    return str(path)


def test_json_lists_every_change_with_both_nodes(db):
    out = run("--db", db, "diff", "1", "2", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["b"] == {"id": "revised", "title": demo_plan().title + "（修订稿）"}
    kinds = [c["kind"] for c in data["changes"]]
    assert sorted(kinds) == sorted(["moved"] * 2 + ["added"] * 3 + ["removed"] * 5 + ["changed"] * 5)
    for change in data["changes"]:
        assert (change["a"] is None) == (change["kind"] == "added")
        assert (change["b"] is None) == (change["kind"] == "removed")
    added = next(c for c in data["changes"] if c["b"] and c["b"]["text"] == NEW_POWER_TASK)
    # 一、 keeps 8 of its 9 tasks (one moved away), so the first task of 二、 is number 9.
    assert added["b"]["number"] == "9." and added["b"]["depth"] == 3 and added["b"]["due"] == "2023-06-30"
    assert added["b"]["lead"] == ["政策法规科（行政审批科）"]
    units = next(c for c in data["changes"] if c["fields"] and c["fields"][0]["field"] == "responsible")
    field = units["fields"][0]
    assert field["label"] == "责任单位"
    assert "达州水务集团" in field["a"] and "达州水务集团" not in field["b"] and field["b"][-1] == "市城管执法局"
    assert units["a"]["text"] == units["b"]["text"] and units["a"]["id"] != units["b"]["id"]


def test_text_output_names_each_change_and_counts(db):
    out = run("--db", db, "diff", "1", "2")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "新增3项，删除5项，修改5项，调整位置2项"
    assert len(lines) == 16
    assert any(l.startswith("新增\t9.推行电力接入工程") and l.endswith("\t新增。") for l in lines)


def test_same_plan_twice_has_no_changes(db):
    out = run("--db", db, "diff", "1", "1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "新增0项，删除0项，修改0项，调整位置0项"


def test_revision_table_as_xlsx_and_docx(db, tmp_path):
    xlsx, docx = tmp_path / "对照表.xlsx", tmp_path / "对照表.docx"
    out = run("--db", db, "diff", "1", "2", "--xlsx", str(xlsx), "--docx", str(docx))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(docx), str(xlsx)]
    title = demo_plan().title + "（修订稿）修订对照表"

    ws = load_workbook(xlsx).active
    assert ws["A1"].value == "附件" and ws["A2"].value == title
    assert [c.value for c in ws[3]] == HEADER
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=18)]
    assert [r[0] for r in body] == [str(i) for i in range(1, 16)]
    power = next(r for r in body if r[2] and r[2].startswith("9.推行电力接入工程"))
    assert power[1] is None and power[3] == "新增。"
    assert power[2].splitlines()[1:] == ["牵头单位：政策法规科（行政审批科）", "完成时限：2023年6月"]
    assert ws["A19"].value == f"注：与《{demo_plan().title}》相比，新增3项，删除5项，修改5项，调整位置2项。"
    assert ws.page_setup.orientation == "landscape"

    doc = Document(docx)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADER
    assert len(table.rows) == 16
    power = next(r for r in table.rows[1:] if r.cells[2].text.startswith("9.推行电力接入工程"))
    assert power.cells[1].text == "" and power.cells[3].text == "新增。"
    assert title in "".join(p.text for p in doc.paragraphs).replace("\n", "")  # long titles in two lines
    assert doc.sections[0].page_width > doc.sections[0].page_height


def test_an_unknown_plan_is_named(db):
    out = run("--db", db, "diff", "1", "去年的清单")
    assert out.returncode == 1
    assert "没有清单“去年的清单”" in out.stderr and "Traceback" not in out.stderr
