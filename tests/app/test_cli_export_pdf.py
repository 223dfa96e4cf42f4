"""`dutymatrix export PLAN --pdf OUT [--appendix-only]` run as a real process with no display."""
import os
import subprocess
import sys

import pytest

from exporters.appendix_layout import build_appendix
from exporters.pdf_document import write_pdf
from models.demo import demo_plan
from helpers.pdf_text import flat, needs_pdftotext, page_texts


def run(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite")


def quiet(stderr: str) -> bool:
    """Nothing on stderr but our own notes (font stand-ins): no Qt warnings."""
    return all(line.startswith("dutymatrix: ") for line in stderr.splitlines())


@needs_pdftotext
def test_export_pdf_headless_has_every_task_and_the_header_on_every_page(db, tmp_path, qapp):
    out = tmp_path / "out.pdf"
    result = run("--db", db, "export", "1", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert quiet(result.stderr), result.stderr
    assert result.stdout.strip() == str(out)
    pages = page_texts(out)
    plan = demo_plan()
    reference = write_pdf(plan, tmp_path / "in-process.pdf")  # same fonts, same pages
    assert len(pages) == reference.pages and reference.notice_pages >= 1
    table = build_appendix(plan)
    header = "".join(table.headers)
    appendix = [i for i, text in enumerate(pages) if "附件" + flat(table.title) in flat(text)]
    assert appendix and appendix[0] >= 1  # the notice comes first
    for number, text in enumerate(pages[appendix[0]:reference.pages - reference.imprint_pages], appendix[0] + 1):
        assert header in flat(text), f"page {number} lacks the header"
        assert f"— {number} —" in text
    everything = flat("".join(pages))
    tasks = [n for n, _ in plan.walk() if not n.children]
    assert len(tasks) == 56
    missing = [n.text for n in tasks if flat(n.text) not in everything]
    assert not missing
    assert plan.doc_number in everything and flat(plan.recipients) in everything


@needs_pdftotext
def test_appendix_only_starts_with_the_label(db, tmp_path):
    out = tmp_path / "appendix.pdf"
    result = run("--db", db, "export", "1", "--pdf", str(out), "--appendix-only")
    assert result.returncode == 0, result.stderr
    pages = page_texts(out)
    table = build_appendix(demo_plan())
    assert flat(pages[0]).startswith("附件" + flat(table.title))
    assert all("".join(table.headers) in flat(p) for p in pages)
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # not left private by the temporary file


def test_bad_targets_exit_1_and_write_nothing(db, tmp_path):
    result = run("--db", db, "export", "1", "--pdf", str(tmp_path))
    assert result.returncode == 1 and "文件夹" in result.stderr
    result = run("--db", db, "export", "1", "--pdf", str(tmp_path / "no" / "such.pdf"))
    assert result.returncode == 1 and "不存在" in result.stderr
    result = run("--db", db, "export", "9", "--pdf", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and not (tmp_path / "x.pdf").exists()
    assert run("--db", db, "export", "1").returncode == 2
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".~*")) == []
