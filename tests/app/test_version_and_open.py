"""The version users see, and a file handed to the GUI by the desktop (double-click, 打开方式)."""
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl

from app import version
from exporters.unit_sheets import write_unit_files
from exporters.xlsx_appendix import write_appendix
from importers.returned_sheets import is_exchange_workbook
from widgets.import_wizard import ImportWizard
from widgets.merge_dialog import MergeDialog

ROOT = Path(__file__).resolve().parents[2]
PROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_version_comes_from_the_package_metadata():
    out = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"dutymatrix {PROJECT_VERSION}（源码运行）"  # no build date from source


def test_a_bundle_reads_its_build_date(tmp_path, monkeypatch):
    (tmp_path / version.BUILD_INFO).write_text(json.dumps({"date": "2026-12-01", "commit": "abc1234"}))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert version.build_date() == "2026-12-01"
    assert version.build_info()["commit"] == "abc1234"
    assert version.version_text() == f"{PROJECT_VERSION}（构建于 2026-12-01）"


def test_a_bundle_without_build_info_has_no_date(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert version.build_date() is None


def test_only_our_exported_workbooks_are_exchange_files(tmp_path, demo_store):
    plan = demo_store.load_plan(demo_store.list_plans()[0].id)
    sheet = write_unit_files(plan, tmp_path, ["人事科"])[0]
    appendix = write_appendix(plan, tmp_path / "附件.xlsx")
    foreign = tmp_path / "别人的表.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "牵头单位"
    book.save(foreign)
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"not a zip")
    assert is_exchange_workbook(sheet) and is_exchange_workbook(appendix)
    assert not is_exchange_workbook(foreign) and not is_exchange_workbook(broken)
    assert not is_exchange_workbook(tmp_path / "没有这个文件.xlsx")


def test_opening_a_returned_sheet_starts_the_merge(window, qtbot, tmp_path):
    sheet = write_unit_files(window.model.plan, tmp_path, ["人事科"])[0]
    dialog = window.open_file(sheet)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MergeDialog)
    assert dialog.paths == [sheet]
    assert dialog.review is not None and dialog.review.plan_title == window.model.plan.title


def test_opening_another_file_starts_the_import(window, qtbot):
    seed = ROOT / "tests" / "fixtures" / "seeds" / "001_6daca400fdd82565.txt"
    wizard = window.open_file(seed)
    qtbot.addWidget(wizard)
    assert isinstance(wizard, ImportWizard)
    assert wizard.file_page.path.text() == str(seed)
