"""The notice on portrait pages and the whole PDF (notice, then the landscape appendix)."""
import subprocess

import pytest
from PySide6.QtGui import QPdfWriter

from exporters.appendix_layout import build_appendix
from exporters.notice_paint import CHARS_PER_LINE, NoticePainter, format_date, heading_split, notice_title
from exporters.paged_paint import notice_page_layout
from exporters.paint_fonts import resolve_fonts
from exporters.pdf_document import write_pdf
from models.demo import demo_plan
from helpers.pdf_text import flat, needs_pdftotext, page_texts


def notice(tmp_path, plan):
    writer = QPdfWriter(str(tmp_path / "n.pdf"))
    writer.setPageLayout(notice_page_layout())
    return NoticePainter(plan, build_appendix(plan), writer, resolve_fonts()), writer


def test_texts_match_the_word_notice():
    plan = demo_plan()
    assert notice_title(plan) == f"{plan.issuer}关于印发《{plan.title}》的通知"
    assert format_date("2022-09-05") == "2022年9月5日" and format_date(None) == "　　年　　月　　日"
    assert heading_split("一、总体要求。坚持问题导向") == (len("一、总体要求。"), "heiti", False)
    assert heading_split("（二）工作目标") == (len("（二）工作目标"), "kaiti", False)
    assert heading_split("3.加强督查。每月通报") == (len("3.加强督查。"), "fangsong", True)
    assert heading_split("现将方案印发给你们")[0] == 0


def test_grid_lines_characters_and_title(qapp, tmp_path):
    plan = demo_plan()
    painter, _ = notice(tmp_path, plan)
    pages = painter.layout()
    lines = [line for page in pages for line, _ in page.lines]
    # 28 characters of 3号 fill the 156 mm line
    assert painter.body.width("中" * CHARS_PER_LINE) <= painter.frame.width + 1e-6
    assert painter.body.width("中" * (CHARS_PER_LINE + 1)) > painter.frame.width
    title = [line.text for line in lines if line.font == "title"]
    assert "".join(title) == notice_title(plan) and all(len(t) <= 20 for t in title)
    assert all(painter.body.width(line.text) <= painter.frame.width - line.x + 1e-6 for line in lines
               if line.font == "body" and line.align == "left")
    # 22 lines a page
    assert painter.frame.height // painter.pitch == 22


@pytest.mark.parametrize("paragraphs", range(1, 14))
def test_the_signature_never_stands_alone(qapp, tmp_path, paragraphs):
    plan = demo_plan()
    plan.body = "\n".join(f"{i}.第{i}项要求。" + "认真组织实施，抓好工作落实。" * 3 for i in range(1, paragraphs + 1))
    painter, _ = notice(tmp_path, plan)
    pages = painter.layout()
    last = [line.text for line, _ in pages[-1].lines if line.text]
    assert last[-1] == format_date(plan.date) and last[-2] == plan.issuer
    assert any(text.startswith(("认真", "抓好", f"{paragraphs}.")) or "落实" in text for text in last[:-2])
    assert all(page.lines and page.lines[0][0].text for page in pages[1:])  # no blank line on top


@needs_pdftotext
def test_whole_pdf_notice_then_landscape_appendix(qapp, tmp_path):
    plan = demo_plan()
    result = write_pdf(plan, tmp_path / "out.pdf")
    pages = page_texts(result.path)
    assert len(pages) == result.pages and 1 <= result.notice_pages < result.pages
    notice_text = flat("".join(pages[:result.notice_pages]))
    for part in (f"{plan.issuer}文件", plan.doc_number, flat(notice_title(plan)), "附件：" + flat(plan.title)):
        assert part in notice_text
    table = build_appendix(plan)
    numbered = result.pages - result.imprint_pages
    for page in pages[result.notice_pages:numbered]:
        assert "".join(table.headers) in flat(page)
    for number, page in enumerate(pages[:numbered], 1):
        assert f"— {number} —" in page
    # the 版记 on an even page; it and the blank page before it carry no number (GB 7.5)
    assert result.pages % 2 == 0 and result.imprint_pages in (1, 2)
    assert "印发" in pages[-1] and not any("—" in page for page in pages[numbered:])
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(result.pages), str(result.path)],
                          capture_output=True, text=True, check=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].strip() for line in info.splitlines() if line.startswith("Page ") and "size:" in line]
    assert sizes[:result.notice_pages] == ["595 x 842"] * result.notice_pages
    assert set(sizes[result.notice_pages:numbered]) == {"842 x 595"}
    assert set(sizes[numbered:]) == {"595 x 842"}
    fonts = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
