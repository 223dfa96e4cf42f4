"""`dutymatrix import` as users call it: a real process, real files, a real store."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.office_files import write_docx
from helpers.seedtext import seed_path


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          env=dict(os.environ))


@pytest.fixture(scope="module")
def fresh_store(tmp_path_factory):
    """A store as the first run leaves it (with the demo list), made once and copied per test."""
    path = tmp_path_factory.mktemp("store") / "cli.sqlite"
    assert run("--db", path, "list").returncode == 0
    return path


@pytest.fixture
def db(tmp_path, fresh_store):
    path = tmp_path / "cli.sqlite"
    shutil.copy(fresh_store, path)
    return path


def plans(db):
    """(title, node count) of every plan, read straight from the file."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT p.title, COUNT(n.id) FROM plans p LEFT JOIN nodes n ON n.plan_id = p.id "
            "GROUP BY p.id ORDER BY p.position").fetchall()
    finally:
        conn.close()


def backups(db: Path):
    return sorted((db.parent / "backups").glob("*.import.sqlite"))


def test_import_text_adds_the_body_and_table_plans(db):
    out = run("--db", db, "import", seed_path("000"))
    assert out.returncode == 0, out.stderr
    assert "已导入 2 份清单" in out.stdout
    assert "2022年优化营商环境工作方案［正文任务］18 项任务" in out.stdout
    assert "［附件表格］56 项任务" in out.stdout and "序号不连续" in out.stdout
    titles = [title for title, _ in plans(db)]
    assert titles[1:] == ["2022年优化营商环境工作方案", "达州市城市管理行政执法局2022年优化营商环境目标责任清单"]
    assert len(backups(db)) == 1
    shown = json.loads(run("--db", db, "show", "2", "--json").stdout)["plans"][0]
    first = next(n for n in shown["nodes"] if n["depth"] == 3)
    assert first["lead"] == ["政策法规科（行政审批科）"] and first["due"] == "2022-09-30"


def test_dry_run_json_follows_the_contract_and_writes_nothing(db):
    before = plans(db)
    out = run("--db", db, "import", seed_path("003"), "--dry-run", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"plans", "warnings"}
    (plan,) = data["plans"]
    assert plan["doc_number"] == "资府办发〔2021〕17号" and plan["level_names"][-1] == "重点举措"
    tasks = [n for n in plan["nodes"] if n["depth"] == 3]
    assert len(tasks) == 384 and tasks[0]["number"] == "1." and tasks[-1]["number"] == "384."
    assert plan["nodes"][0]["leader"] == "张建红"
    kinds = {w["kind"] for w in data["warnings"]}
    assert {"lead-unclear", "shared-cell", "unknown-unit"} <= kinds
    assert all(set(w) == {"plan", "node", "kind", "message"} for w in data["warnings"])
    assert plans(db) == before and backups(db) == []


@pytest.mark.parametrize("part, count", [("body", 1), ("table", 1), ("all", 2)])
def test_part(db, part, count):
    out = run("--db", db, "import", seed_path("000"), "--part", part, "--dry-run", "--json")
    assert len(json.loads(out.stdout)["plans"]) == count


def test_units_already_in_the_directory_are_not_reported_new(db):
    out = run("--db", db, "import", seed_path("000"), "--part", "table", "--dry-run", "--json")
    unknown = [w["message"] for w in json.loads(out.stdout)["warnings"] if w["kind"] == "unknown-unit"]
    assert unknown == []  # the demo list already names every unit of seed 000's table


def test_import_a_word_file(db, tmp_path):
    path = tmp_path / "通知.docx"
    write_docx(path, ["关于印发《重点任务清单》的通知", "一、重点任务",
                      "1.优化审批流程。〔**牵头单位：**市政务服务中心；**责任单位：**市住建局，**完成时限：**2024年6月底前〕"])
    out = run("--db", db, "import", path)
    assert out.returncode == 0, out.stderr
    assert plans(db)[-1] == ("重点任务清单", 2)


@pytest.mark.parametrize("name, content, words", [
    ("empty.docx", b"", "空"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为 .docx"),
    ("broken.xlsx", b"PK\x03\x04garbage", "损坏"),
    ("scan.pdf", b"%PDF-1.7", "PDF"),
    ("plain.txt", "今天天气很好。".encode(), "没有找到"),
])
def test_bad_input_exits_1_names_the_file_and_writes_nothing(db, tmp_path, name, content, words):
    before = plans(db)
    path = tmp_path / name
    path.write_bytes(content)
    out = run("--db", db, "import", path)
    assert out.returncode == 1
    assert name in out.stderr and words in out.stderr and "Traceback" not in out.stderr
    assert plans(db) == before and backups(db) == []


def test_missing_file_and_wrong_usage(db, tmp_path):
    out = run("--db", db, "import", tmp_path / "nope.txt")
    assert out.returncode == 1 and "nope.txt" in out.stderr
    assert run("--db", db, "import").returncode == 2
    assert run("--db", db, "import", seed_path("000"), "--part", "appendix").returncode == 2


def test_a_list_without_units_needs_all_items(tmp_path, db):
    """A 工作要点 that names no unit: refused with the way out, then imported with --all-items (units are
    assigned in the editor afterwards)."""
    source = tmp_path / "要点.txt"
    source.write_text("临澜市教育局2025年工作要点\n\n一、加强党的建设\n\n1.深入学习贯彻党的二十大精神。\n\n"
                      "2.加强基层党组织建设。\n\n二、推进教育优质均衡发展\n\n3.新建改扩建中小学8所。\n", encoding="utf-8")
    before = plans(db)
    out = run("--db", db, "import", source)
    assert out.returncode == 1 and "--all-items" in out.stderr and plans(db) == before
    out = run("--db", db, "import", source, "--all-items", "--json")
    assert out.returncode == 0, out.stderr
    (plan,) = json.loads(out.stdout)["plans"]
    assert [(n["number"], n["text"]) for n in plan["nodes"]] == [
        ("一、", "加强党的建设"), ("1.", "深入学习贯彻党的二十大精神。"), ("2.", "加强基层党组织建设。"),
        ("二、", "推进教育优质均衡发展"), ("3.", "新建改扩建中小学8所。")]
    assert plans(db) == before + [("临澜市教育局2025年工作要点", 5)]


def test_a_sheet_with_no_table_is_no_plan_and_its_warning_names_it(tmp_path, db):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "重点任务"
    for row in (["临澜市2025年重点任务清单"], ["序号", "重点任务", "牵头单位", "完成时限"],
                [1, "推进高效办成一件事", "市政务服务局", "2025年12月底"]):
        sheet.append(row)
    book.create_sheet("说明").append(["本表由市政府办公室编制，联系人：王芳"])
    book.save(tmp_path / "清单.xlsx")
    before = plans(db)
    out = run("--db", db, "import", tmp_path / "清单.xlsx", "--json")
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert [p["title"] for p in shown["plans"]] == ["临澜市2025年重点任务清单"]
    (header,) = [w for w in shown["warnings"] if w["kind"] == "table-header"]
    assert header["plan"] is None and header["message"].startswith("“说明”：")
    assert plans(db) == before + [("临澜市2025年重点任务清单", 1)]
