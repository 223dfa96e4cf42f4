"""`dutymatrix score`: a real process on a real store (the plan of factories.known_scoring_store)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
import pytest

from helpers.factories import A, B, C, known_scoring_store
from models.store import Store


def run(*args, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "score.sqlite"
    store, _ = known_scoring_store(path)
    store.close()  # the CLI takes the lock
    return str(path)


def score_json(db, *extra):
    out = run("--db", db, "score", "1", "--json", "--at", "2024-12-31", *extra)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_json_with_the_default_rules(db):
    data = score_json(db)
    assert data["at"] == "2024-12-31" and data["rules"]["base"] == 100
    assert [(u["unit"], u["total"]) for u in data["units"]] == [(A, 101), (B, 100), (C, 80)]
    items = data["units"][2]["items"]
    assert [(i["rule"], i["points"]) for i in items] == [("基础分", 100), ("按时完成", 1), ("逾期", -1),
                                                         ("未报送", -10), ("未报送", -10)]
    assert items[2]["task"] == "（三）任务三"


def test_rules_file_sets_the_plans_rules(db, tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"base": 0, "on_time": 0, "late": 0, "sent_back": 0, "not_reported": 0,
                                 "rate_points": 50, "rate_threshold": 70}), encoding="utf-8")
    assert [u["total"] for u in score_json(db, "--rules", str(rules))["units"]] == [46.67, 32, 30]
    assert [u["total"] for u in score_json(db)["units"]] == [46.67, 32, 30]  # kept in the plan
    rules.write_text("{}", encoding="utf-8")
    assert [u["total"] for u in score_json(db, "--rules", str(rules))["units"]] == [101, 100, 80]


def test_bad_rules_file_is_refused_in_chinese(db, tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text('{"bonus": 5}', encoding="utf-8")
    out = run("--db", db, "score", "1", "--rules", str(rules))
    assert out.returncode == 1 and "评分规则有误（未知的评分规则项：bonus）" in out.stderr
    assert "Traceback" not in out.stderr


def test_adjust_enters_a_manual_item_with_reason_and_user(db):
    data = score_json(db, "--adjust", C, "-1.5", "材料报送不规范", "--user", "王五")
    assert data["units"][2]["total"] == 78.5
    assert {"rule": "加减分", "task": "", "points": -1.5, "detail": "材料报送不规范（王五）"} in data["units"][2]["items"]
    with Store(db) as store:
        entered = [(a.unit, a.points, a.user, a.on_date) for a in store.adjustments(store.list_plans()[0].id)]
    assert (C, -1.5, "王五", "2024-12-31") in entered and len(entered) == 3


def test_xlsx_and_pdf_are_written(db, tmp_path):
    out = run("--db", db, "score", "1", "--at", "2024-12-31", "--xlsx", str(tmp_path / "s.xlsx"),
              "--pdf", str(tmp_path / "s.pdf"), env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(tmp_path / "s.xlsx"), str(tmp_path / "s.pdf")]
    assert openpyxl.load_workbook(tmp_path / "s.xlsx")["得分汇总"]["I4"].value == "101"
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def test_every_unit_with_a_task_of_the_demo_gets_a_total(tmp_path):
    db = str(tmp_path / "demo.sqlite")  # a fresh store holds the demo plan
    data = json.loads(run("--db", db, "score", "1", "--json").stdout)
    with Store(db) as store:
        plan = store.load_plan(store.list_plans()[0].id)
    units = {u for n in plan.walk_nodes() if not n.children for u in n.units()}
    umbrellas = {"达州市所有供水、供气企业", "机关各科室", "局属各单位", "各三级指标牵头科室、单位"}  # 统称: no score
    assert umbrellas < units
    assert {u["unit"] for u in data["units"]} == units - umbrellas and all(isinstance(u["total"], int) for u in data["units"])


def test_missing_folder_names_the_file(db, tmp_path):
    out = run("--db", db, "score", "1", "--xlsx", str(tmp_path / "nope" / "s.xlsx"))
    assert out.returncode == 1 and "不存在" in out.stderr and "Traceback" not in out.stderr
