"""`dutymatrix export PLAN --docx OUT [--appendix-only]` as a real process on a real store."""
import os
import subprocess
import sys

import docx
import pytest
from docx.enum.section import WD_ORIENT

from models.demo import demo_plan


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=dict(os.environ))


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite")


def test_export_docx_writes_the_notice_with_its_appendix(db, tmp_path):
    out = tmp_path / "通知.docx"
    result = run("--db", db, "export", "1", "--docx", str(out))
    assert result.returncode == 0, result.stderr
    # the demo plan has no date yet: the export says so, and leaves the date blank
    assert "成文日期未填写" in result.stderr and "Traceback" not in result.stderr
    document = docx.Document(str(out))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE,
                                                         WD_ORIENT.PORTRAIT]
    texts = [p.text for p in document.paragraphs]
    assert "达市城管发〔2022〕135号" in texts
    assert len(document.tables[0].rows) == 1 + 56


def test_export_appendix_only_by_title(db, tmp_path):
    out = tmp_path / "附件.docx"
    result = run("--db", db, "export", demo_plan().title, "--docx", str(out), "--appendix-only")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    document = docx.Document(str(out))
    assert len(document.sections) == 1 and document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.paragraphs[0].text == "附件"


def test_export_errors(db, tmp_path):
    missing_dir = tmp_path / "no" / "such" / "x.docx"
    result = run("--db", db, "export", "1", "--docx", str(missing_dir))
    assert result.returncode == 1 and str(missing_dir) in result.stderr and "Traceback" not in result.stderr
    result = run("--db", db, "export", "1", "--docx", str(tmp_path))
    assert result.returncode == 1 and "文件夹" in result.stderr
    result = run("--db", db, "export", "7", "--docx", str(tmp_path / "x.docx"))
    assert result.returncode == 1 and "7" in result.stderr
    assert not (tmp_path / "x.docx").exists()
    assert run("--db", db, "export", "1").returncode == 2  # no format
