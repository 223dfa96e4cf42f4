"""Hostile files are refused by a check before any library allocates for what they claim
(issue 12).  Each runs in a child process whose address space is capped at 1.5 GB: without the
check these files grow past 5 GB, so a regression fails here instead of exhausting the machine."""
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers.exchange_helpers import body_rows, fill_unit_sheet
from exporters.unit_sheets import write_unit_files
from helpers.hostile_files import add_far_cell, big_workbook, far_cell_xlsx, merged_range_xlsx, patch_member, wide_span_docx
from importers import UnsafeFileError, import_file
from importers.guard import DEFAULT_MAX_TASKS

ROOT = Path(__file__).resolve().parents[2]
CAP = 1536 * 1024 * 1024


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def run(*args, **kw):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, preexec_fn=_capped, timeout=120, **kw)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "s.sqlite"


@pytest.mark.parametrize("make, words", [
    (merged_range_xlsx, "合并单元格（如 A20:XFD1048576）"),
    (far_cell_xlsx, "到第 1048576 行第 16384 列"),
    (wide_span_docx, "横跨 2000000000 列"),
])
def test_a_file_claiming_a_huge_shape_is_refused_on_import(db, tmp_path, make, words):
    path = make(tmp_path / ("f.docx" if "docx" in make.__name__ else "f.xlsx"))
    assert path.stat().st_size < 40_000  # a few kilobytes
    out = run("--db", db, "import", path)
    assert out.returncode == 1, out.stderr
    assert str(path) in out.stderr and words in out.stderr and "恶意" in out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr


def test_a_far_cell_inside_a_returned_sheet_is_refused_by_merge(db, tmp_path):
    assert run("--db", db, "export", "1", "--per-unit", tmp_path, "--unit", "人事科").returncode == 0
    path = tmp_path / "人事科.xlsx"
    key = next(iter(body_rows(load_workbook(path).active)))
    fill_unit_sheet(path, {key: ("已完成", "已完成", "")})
    patch_member(path, "xl/worksheets/sheet1.xml", add_far_cell)
    for accept in ([], ["--accept-all"]):
        out = run("--db", db, "merge", path, *accept)
        assert out.returncode == 1 and "人事科.xlsx" in out.stderr and "XFD" not in out.stderr
        assert "远超其中的内容" in out.stderr and "Traceback" not in out.stderr


def test_the_merge_dialog_refuses_it_too(qtbot, demo_store, tmp_path):
    from widgets.merge_dialog import MergeDialog
    plan = demo_store.load_plan(demo_store.list_plans()[0].id)
    path = write_unit_files(plan, tmp_path, ["人事科"])[0]
    patch_member(path, "xl/worksheets/sheet1.xml", add_far_cell)
    dialog = MergeDialog(demo_store, [path])
    qtbot.addWidget(dialog)
    assert dialog.review is None and "远超其中的内容" in dialog.error.text()


def test_an_import_beyond_the_task_limit_is_refused_unless_raised(db, tmp_path):
    path = big_workbook(tmp_path / "big.xlsx", 120)
    with pytest.raises(UnsafeFileError, match="共 120 项任务，超过一次导入的上限（100 项）"):
        import_file(path, max_tasks=100)
    assert import_file(path, max_tasks=150).task_count() == 120
    with pytest.raises(UnsafeFileError, match="有 121 行，超过一次导入的上限（10 项任务）"):
        import_file(path, max_tasks=10)  # refused from the XML, before the table is read
    out = run("--db", db, "import", path, "--max-tasks", "100", "--dry-run")
    assert out.returncode == 1 and "--max-tasks" in out.stderr
    assert run("--db", db, "import", path, "--max-tasks", "200", "--dry-run").returncode == 0
    assert DEFAULT_MAX_TASKS == 50_000


def test_a_text_file_beyond_the_limit_is_refused_after_reading(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text("一、总体任务\n" + "".join(f"{i}.第{i}项工作。（牵头单位：办公室）\n" for i in range(1, 31)),
                    encoding="utf-8")
    with pytest.raises(UnsafeFileError, match="共 30 项任务，超过一次导入的上限（20 项）"):
        import_file(path, max_tasks=20)


@pytest.mark.parametrize("kind, words", [("dir", "文件夹"), ("fifo", "管道"), ("zero", "设备文件")])
def test_a_folder_a_fifo_or_a_device_is_named_for_what_it_is(db, tmp_path, kind, words):
    if kind == "dir":
        path = tmp_path / "目录.docx"
        path.mkdir()
    elif kind == "fifo":
        path = tmp_path / "pipe.xlsx"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    for command in (["import", path], ["merge", path]):
        out = run("--db", db, *command)
        assert out.returncode == 1 and words in out.stderr and "不存在" not in out.stderr, out.stderr
