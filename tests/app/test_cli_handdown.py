"""Hand-down on the command line, as two installations run it: real processes, real files, real stores."""
import json
import subprocess
import sys

from openpyxl import load_workbook

from exporters.unit_sheets import FIRST_BODY_ROW
from helpers.exchange_helpers import columns
from helpers.factories import city_plan
from models.exchange import PLAN_SHEET
from models.store import Store


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True)


def test_hand_down_import_report_up_and_merge(tmp_path):
    city_db, county_db = str(tmp_path / "city" / "s.sqlite"), str(tmp_path / "county" / "s.sqlite")
    plan = city_plan()
    with Store(city_db) as store:
        store.save_plan(plan)
    out = run("--db", city_db, "export", "1", "--handdown", str(tmp_path / "out"), "--unit", "甲县", "--unit", "乙县")
    assert out.returncode == 0, out.stderr
    jia, yi = out.stdout.split()
    assert jia.endswith("达州市2024年重点任务清单-甲县-分解下达.xlsx") and "乙县" in yi

    out = run("--db", county_db, "import", jia)
    assert out.returncode == 0, out.stderr
    assert "达州市2024年重点任务清单（甲县）" in out.stdout
    mine = "达州市2024年重点任务清单（甲县）"  # a new store starts with the demo list: this is the second
    shown = json.loads(run("--db", county_db, "show", mine, "--json").stdout)["plans"][0]
    top, first = shown["nodes"][:2]
    assert top["sources"][0]["handed"] is False and top["sources"][0]["plan_id"] == plan.id
    assert first["sources"] == [{"plan_id": plan.id, "node_id": plan.roots[0].children[0].id, "receiver": "甲县",
                                 "plan_title": plan.title, "issuer": "达州市人民政府", "handed": True,
                                 "number": "（一）"}]

    report = tmp_path / "甲县报送.xlsx"
    with Store(county_db) as store:  # the county works on its plan
        county = store.load_plan(store.resolve_plan(mine).id)
        store.update_node(county.roots[0].children[0].id, status="推进中", progress="已印发方案")
    out = run("--db", county_db, "export", mine, "--report-up", str(report), "--round", "2024年第一季度")
    assert out.returncode == 0, out.stderr
    ws = load_workbook(report)["甲县"]
    cols = columns(ws)
    row = [ws.cell(FIRST_BODY_ROW, cols[h]).value for h in ("编号", "本单位职责", "进展情况", "完成状态")]
    assert row == [plan.roots[0].children[0].id, "承接", "已印发方案", "推进中"]

    out = run("--db", city_db, "merge", str(report), "--accept-all", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [(c["unit"], c["status"], c["rollup"]) for c in data["changes"]] == [
        ("甲县", "推进中", True), ("甲县", "未启动", True)]
    city = json.loads(run("--db", city_db, "show", "1", "--json").stdout)["plans"][0]
    shared = city["nodes"][1]
    assert (shared["status"], shared["progress"]) == ("推进中", "甲县［推进中］：已印发方案")


def test_a_tampered_file_leaves_the_store_as_it_was(tmp_path):
    city_db, county_db = str(tmp_path / "city.sqlite"), str(tmp_path / "county.sqlite")
    with Store(city_db) as store:
        store.save_plan(city_plan())
    out = run("--db", city_db, "export", "1", "--handdown", str(tmp_path), "--unit", "乙县")
    path = out.stdout.strip()
    wb = load_workbook(path)
    wb[PLAN_SHEET].cell(3, 2, wb[PLAN_SHEET].cell(3, 2).value.replace("2024年6月底前", "2025年6月底前"))
    wb.save(path)
    before = run("--db", county_db, "list", "--json").stdout
    out = run("--db", county_db, "import", path)
    assert out.returncode == 1 and "分解下达文件已被改动或损坏" in out.stderr and path in out.stderr
    assert "Traceback" not in out.stderr
    assert run("--db", county_db, "list", "--json").stdout == before


def test_hand_down_inside_one_store_and_usage(tmp_path):
    db = str(tmp_path / "s.sqlite")
    with Store(db) as store:
        store.save_plan(city_plan())
    out = run("--db", db, "handdown", "1", "--unit", "乙县", "--json")
    assert out.returncode == 0, out.stderr
    [made] = json.loads(out.stdout)["plans"]
    assert (made["receiver"], made["tasks"], made["title"]) == ("乙县", 2, "达州市2024年重点任务清单（乙县）")
    listed = json.loads(run("--db", db, "list", "--json").stdout)["plans"]
    assert [p["title"] for p in listed] == ["达州市2024年重点任务清单", made["title"]]
    out = run("--db", db, "handdown", "1", "--unit", "丙县")
    assert out.returncode == 1 and "丙县" in out.stderr and "Traceback" not in out.stderr
    out = run("--db", db, "export", "1", "--handdown", str(tmp_path / "x"))
    assert out.returncode == 1 and "--unit" in out.stderr
    out = run("--db", db, "export", "1", "--report-up", str(tmp_path / "r.xlsx"))
    assert out.returncode == 1 and "不是分解下达的清单" in out.stderr
