"""`export` and `merge` as a user runs them: real processes, real files."""
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from helpers.exchange_helpers import body_rows, fill_unit_sheet


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite")


def test_export_xlsx_and_per_unit(db, tmp_path):
    out = run("--db", db, "export", "1", "--xlsx", str(tmp_path / "附件.xlsx"), "--serial")
    assert out.returncode == 0, out.stderr
    ws = load_workbook(tmp_path / "附件.xlsx").active
    assert ws["A3"].value == "序号" and ws["A1"].value == "附件"
    out = run("--db", db, "export", "1", "--per-unit", str(tmp_path / "units"), "--round", "2024年上半年")
    assert out.returncode == 0, out.stderr
    written = out.stdout.split()
    # 22 names, 4 of them group names (统称) with no sheet of their own
    assert len(written) == 18 and all(p.endswith(".xlsx") for p in written)
    assert not any(name in p for p in written for name in ("机关各科室", "局属各单位", "各三级指标牵头科室"))
    out = run("--db", db, "export", "1", "--per-unit", str(tmp_path / "asked"), "--unit", "机关各科室")
    assert out.stdout.split() == [str(tmp_path / "asked" / "机关各科室.xlsx")]
    out = run("--db", db, "export", "1", "--per-unit", str(tmp_path / "one"), "--one-workbook",
              "--unit", "人事科", "--unit", "执法监督科")
    assert out.returncode == 0, out.stderr
    assert load_workbook(out.stdout.strip()).sheetnames[:2] == ["人事科", "执法监督科"]


def test_export_usage_and_bad_input(db, tmp_path):
    assert run("--db", db, "export", "1").returncode == 2
    assert run("--db", db, "export", "1", "--xlsx", "a.xlsx", "--per-unit", "d").returncode == 2
    out = run("--db", db, "export", "1", "--per-unit", str(tmp_path), "--unit", "没有这个单位")
    assert out.returncode == 1 and "没有这个单位" in out.stderr and "Traceback" not in out.stderr


def test_merge_reviews_then_accepts(db, tmp_path):
    assert run("--db", db, "export", "1", "--per-unit", str(tmp_path), "--unit", "人事科").returncode == 0
    path = tmp_path / "人事科.xlsx"
    key = next(iter(body_rows(load_workbook(path).active)))
    fill_unit_sheet(path, {key: ("已完成招录", "已完成", "")})
    out = run("--db", db, "merge", str(path))
    assert out.returncode == 0, out.stderr
    assert "进展（人事科）" in out.stdout and "未做任何更改" in out.stdout
    out = run("--db", db, "merge", str(path), "--accept-all", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["applied"] == [1] and data["changes"][0]["status"] == "已完成" and data["backup"]
    shown = json.loads(run("--db", db, "show", "1", "--json").stdout)
    node = next(n for n in shown["plans"][0]["nodes"] if n["id"] == key)
    assert node["progress"] == "已完成招录" and node["status"] == "已完成"


def test_merge_refuses_bad_files(db, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    out = run("--db", db, "merge", str(bad))
    assert out.returncode == 1 and "bad.xlsx" in out.stderr and "Traceback" not in out.stderr
    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    out = run("--db", db, "merge", str(legacy))
    assert out.returncode == 1 and ".xlsx" in out.stderr


def test_per_unit_on_a_plan_without_units_says_so(db, tmp_path):
    from models.domain import Node, Plan
    from models.store import Store
    plan = Plan(title="无单位清单", roots=[Node(text="第一项任务"), Node(text="第二项任务")])
    with Store(db) as store:
        store.save_plan(plan)
    out = run("--db", db, "export", plan.id, "--per-unit", str(tmp_path / "units"))
    assert out.returncode == 1 and "没有填写任何牵头或责任单位" in out.stderr and "Traceback" not in out.stderr
