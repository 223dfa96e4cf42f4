"""Bad text and odd files (issue 12): control characters, an unnumbered first task, library
messages and warnings — from real files, through the importer and the CLI."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers.hostile_files import patch_member
from importers import import_file

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DUTYMATRIX_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def tasks(result):
    return [(n.text, n.lead) for p in result.plans for n in result.task_nodes(p)]


def test_control_characters_in_a_text_table_are_normalised_and_warned_about(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes("一级指标\t具体举措\t牵头单位\n"
                     "一、优化服务\t1.推行\x0b网上办理。\t市财政局\x0c市住建局\n"
                     "\x0c\t2.\x1b[31m举措第2项\x1b[0m\t市教育局\n"
                     "\t3.第三项\x1b\t市教育局\x0c\n".encode())
    result = import_file(path)
    assert [p.title for p in result.plans] == ["ctl"]
    assert tasks(result) == [("推行网上办理。", ["市财政局", "市住建局"]), ("举措第2项", ["市教育局"]),
                             ("第三项", ["市教育局"])]
    notes = [w.message for w in result.warnings if w.kind == "control-chars"]
    assert len(notes) == 1 and "控制字符" in notes[0]


def test_an_unnumbered_first_task_row_of_a_workbook_is_imported_and_warned_about(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["一级指标", "具体举措", "牵头单位", "完成时限"])
    ws.append(["一、优化服务", "推行网上办理。", "市财政局", "2024年6月"])
    for i in range(2, 6):
        ws.append(["", f"{i}.第{i}项工作。", "市教育局", "2024年6月"])
    ws.merge_cells("A2:A6")
    path = tmp_path / "first.xlsx"
    wb.save(path)
    result = import_file(path)
    assert [t for t, _ in tasks(result)] == ["推行网上办理。"] + [f"第{i}项工作。" for i in range(2, 6)]
    assert tasks(result)[0][1] == ["市财政局"]
    assert [w.kind for w in result.warnings if w.kind == "first-row"] == ["first-row"]


def _workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["一级指标", "具体举措", "牵头单位", "完成时限"])
    ws.append(["一、优化服务", "1.推行网上办理。", "市财政局", "2024年6月"])
    wb.save(path)
    return path


def test_library_warnings_do_not_reach_the_terminal(tmp_path):
    path = patch_member(_workbook(tmp_path / "ext.xlsx"), "xl/worksheets/sheet1.xml", lambda x: x.replace(
        b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst></worksheet>'))
    out = run("--db", tmp_path / "s.sqlite", "import", path, "--dry-run")
    assert out.returncode == 0 and out.stderr == "", out.stderr


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_library_error_message_is_not_shown_in_english(tmp_path, command):
    path = patch_member(_workbook(tmp_path / "bad.xlsx"), "xl/worksheets/sheet1.xml",
                        lambda x: x.replace(b"<sheetData>", b'<sheetData><row r="9"><c r="C9" t="n"><v>abc</v></c></row>'))
    out = run("--db", tmp_path / "s.sqlite", command, path)
    assert out.returncode == 1 and "bad.xlsx" in out.stderr and "损坏" in out.stderr
    words = out.stderr.replace(str(path), "").replace("dutymatrix", "").replace("Excel", "")
    assert not any("a" <= ch.lower() <= "z" for ch in words), out.stderr  # no library English
