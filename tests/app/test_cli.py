"""The command line as users and other tools call it: a real process, a real store."""
import json
import os
import subprocess
import sys

import pytest

from models.demo import demo_plan


def run(*args, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite")


def test_fresh_store_lists_the_demo(db):
    out = run("--db", db, "list")
    assert out.returncode == 0, out.stderr
    index, plan_id, title, count = out.stdout.strip().split("\t")
    assert (index, title, count) == ("1", demo_plan().title, "83")


def test_show_prints_the_numbered_tree(db):
    out = run("--db", db, "show", "1")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == demo_plan().title
    tops = [l for l in lines if not l.startswith(" ") and "、" in l[:3]]
    assert [t[:2] for t in tops] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert sum(1 for l in lines if l.startswith("  （")) == 20
    numbered = [l.strip() for l in lines if l.startswith("    ") and l.strip()[:1].isdigit()]
    assert [l.split(".")[0] for l in numbered] == [str(i) for i in range(1, 57)]
    assert "    1.探索推广“一口验收”" in out.stdout
    assert "        牵头：政策法规科（行政审批科）" in out.stdout
    assert "        时限：2022年9月" in out.stdout


def test_show_json_follows_the_contract(db):
    out = run("--db", db, "show", "1", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"plans", "warnings"}
    plan = data["plans"][0]
    assert plan["doc_number"] == "达市城管发〔2022〕135号"
    assert plan["level_names"] == ["一级指标", "二级指标", "三级指标"]
    nodes = plan["nodes"]
    assert [sum(1 for n in nodes if n["depth"] == d) for d in (1, 2, 3)] == [7, 20, 56]
    ids = {n["id"]: n for n in nodes}
    seen = set()
    for n in nodes:  # tree order: parents before children
        assert n["parent"] is None or n["parent"] in seen
        seen.add(n["id"])
    first = next(n for n in nodes if n["depth"] == 3)
    assert first["number"] == "1." and first["lead"] == ["政策法规科（行政审批科）"]
    assert first["deadline"] == "2022年9月" and first["due"] == "2022-09-30"
    assert ids[first["parent"]]["number"] == "（一）"
    assert set(first) == {"id", "parent", "depth", "number", "text", "lead", "responsible", "leader",
                          "deadline", "due", "remarks", "tags", "status", "progress", "state",
                          "points", "weight", "criteria", "sources"}
    assert first["sources"] == []  # a task of the plan's own: no hand-down links


def test_units_json_counts_roles(db):
    data = json.loads(run("--db", db, "units", "--json").stdout)
    units = {u["name"]: u for u in data["units"]}
    assert units["执法监督科"]["lead"] >= 10
    assert units["达州水务集团"]["responsible"] > 0
    assert units["各三级指标牵头科室、单位"]["kind"] == "统称"


def test_unknown_plan_is_bad_input(db):
    out = run("--db", db, "show", "9")
    assert out.returncode == 1
    assert "cli.sqlite" in out.stderr and "9" in out.stderr
    assert "Traceback" not in out.stderr


def test_corrupt_store_is_bad_input(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\0garbage" * 500)
    out = run("--db", str(bad), "list")
    assert out.returncode == 1
    assert "bad.sqlite" in out.stderr and "Traceback" not in out.stderr


def test_wrong_usage_exits_2(db):
    assert run("--db", db, "show").returncode == 2
    assert run("--db", db, "frobnicate").returncode == 2
    assert run("--db", db, "--size", "12", "list").returncode == 2


def test_gui_without_display_says_so(db):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "app", "--db", db], capture_output=True, text=True, env=env)
    assert out.returncode == 1
    assert len(out.stderr.strip().splitlines()) == 1 and "dutymatrix --help" in out.stderr


def test_screenshot_writes_a_png(db, tmp_path):
    png = tmp_path / "shot.png"
    out = run("--db", db, "--screenshot", str(png), "--size", "1000x700", "--plan", "1")
    assert out.returncode == 0, out.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a real picture, not a blank window


def test_check_lists_findings_with_nodes(db):
    out = run("--db", db, "check", "1", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    kinds = {f["kind"] for f in data["findings"]}
    assert "near-duplicate-units" in kinds and "duplicate-text" in kinds
    shown = json.loads(run("--db", db, "show", "1", "--json").stdout)
    ids = {n["id"] for n in shown["plans"][0]["nodes"]}
    assert all(f["node"] in ids for f in data["findings"] if f["kind"] != "body-issues-other")
    assert [f["node"] for f in data["findings"] if f["kind"] == "body-issues-other"] == [None]  # the whole list
    text = run("--db", db, "check", "1")
    assert "处需要复核" in text.stdout and "（十三）" in text.stdout
