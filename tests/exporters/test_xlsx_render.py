"""The exported appendix as LibreOffice prints it: converted to PDF once, then read.

Skipped only where LibreOffice is absent; CI installs it (.ci/debian-packages).
"""
import re
import shutil
import subprocess

import pytest

from exporters.xlsx_appendix import write_appendix
from models.demo import demo_plan

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(plan, text of each PDF page) for the demo appendix, converted once per test run."""
    folder = tmp_path_factory.mktemp("render")
    plan = demo_plan()
    plan.tag_legend = {"★": "对标先进地区主动增加"}
    plan.roots[0].children[0].children[0].tags = ["★"]
    plan.roots[1].children[0].children[0].remarks = "=SUM(A1:A3)"
    xlsx = write_appendix(plan, folder / "appendix.xlsx")
    profile = (folder / "lo-profile").as_uri()  # its own profile: never blocked by a running LibreOffice
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(xlsx)], check=True, capture_output=True, timeout=180)
    pdf = folder / "appendix.pdf"
    # -raw keeps each cell's lines together, in drawing order
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return plan, pages, fonts


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_table_runs_over_several_pages_with_the_header_on_each(rendered):
    _, pages, _ = rendered
    assert len(pages) > 1
    for page in pages:
        flat = _flat(page)
        assert all(h in flat for h in ("一级指标", "二级指标", "三级指标", "牵头单位", "责任单位", "完成时限", "备注"))
    assert "附件" in pages[0] and "附件" not in _flat(pages[1])[:10]


def test_chinese_glyphs_title_and_page_numbers_are_printed(rendered):
    plan, pages, fonts = rendered
    assert _flat(plan.title) in _flat(pages[0])
    # the Chinese text is drawn with an embedded CJK font, not missing-glyph boxes
    embedded = [line.split()[0] for line in fonts.splitlines()[2:] if " yes " in line]
    latin = ("DejaVu", "Liberation", "Carlito", "OpenSymbol")
    assert any(not any(name in font for name in latin) for font in embedded), fonts
    for number, page in enumerate(pages, 1):
        assert f"— {number} —" in page
    assert "=SUM(A1:A3)" in _flat("".join(pages))  # printed as text, not computed
    assert "注：1.★：对标先进地区主动增加，共1项" in _flat(pages[-1])


def test_no_row_is_cut_across_a_page_break(rendered):
    """Each task starts and ends on the same page, and every task is printed once, in order.

    (LibreOffice draws a cell's whole text and clips it, so text that a too-low row
    hides cannot be seen here: row heights are checked in test_xlsx_appendix, and the
    pages were looked at.)
    """
    plan, pages, _ = rendered
    flat_pages = [_flat(p) for p in pages]
    leaves = [n for n, _ in plan.walk() if not n.children]
    seen = []
    for i, leaf in enumerate(leaves, 1):
        text = _flat(leaf.text)
        start, end = f"{i}.{text[:8]}", text[-8:]
        on = [p for p, flat in enumerate(flat_pages) if start in flat]
        assert len(on) == 1, f"task {i} printed on pages {on}"
        assert end in flat_pages[on[0]], f"task {i} is cut at the end of page {on[0] + 1}"
        seen.append(on[0])
    assert seen == sorted(seen) and seen[-1] == len(pages) - 1
