"""The exported notice as LibreOffice lays it out: one conversion to PDF, read back with poppler."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from exporters.docx_notice import write_docx
from models.demo import demo_plan

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

HEADER = ["一级指标", "二级指标", "三级指标", "牵头单位", "责任单位", "完成时限", "备注"]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    plan = demo_plan()
    plan.date = "2022-05-10"
    plan.cc = "市委办公室，市政府办公室，市营商办"
    source = write_docx(plan, folder / "notice.docx")
    profile = folder / "lo-profile"  # a private profile: no clash with a running LibreOffice
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / "notice.pdf"


def pages_text(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_sizes(pdf) -> list[str]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    return ["portrait" if float(w) < float(h) else "landscape" for w, h in sizes]


def printed_number(page: str) -> int:
    found = re.findall(r"—\s*(\d+)\s*—", page)
    return int(found[-1])


def test_page_count_orientation_and_numbers(pdf):
    pages = pages_text(pdf)
    kinds = page_sizes(pdf)
    assert len(kinds) == len(pages)
    # notice (portrait), appendix (landscape), 版记 (portrait, alone on its page)
    notice = kinds.index("landscape")
    assert notice >= 1 and kinds[notice:-1] == ["landscape"] * (len(kinds) - 1 - notice)
    assert kinds[-1] == "portrait" and len(kinds) - 1 - notice >= 2
    assert len(kinds) - 1 - notice <= 9  # the demo's 56 tasks on at most 9 pages (14 before issue 15)
    numbers = [printed_number(p) for p in pages[:-1]]
    assert numbers == list(range(1, len(pages)))
    # The 版记 section starts on an even page and carries no number (GB 7.5).
    assert not re.search(r"—\s*\d+\s*—", pages[-1])


def test_first_page_has_the_red_header_number_and_title(pdf):
    first = compact(pages_text(pdf)[0])
    assert first.startswith("达州市城市管理行政执法局文件达市城管发〔2022〕135号")
    assert "关于印发《达州市城市管理行政执法局2022年优化营商环境目标责任清单》的通知" in first
    assert "机关各科室，局属各单位" in first


def test_signature_and_date_follow_the_attachment_note(pdf):
    pages = [compact(p) for p in pages_text(pdf)]
    notice = "".join(pages[:page_sizes(pdf).index("landscape")])
    signed = next(p for p in pages if "2022年5月10日—" in p)
    assert "请认真组织实施，抓好落实。" in signed  # never a page with only the signature (GB 7.3.5)
    assert re.search("附件：达州市城市管理行政执法局2022年优化营商环境目标责任清单"
                     r"达州市城市管理行政执法局2022年5月10日—\d+—$", notice)


def test_appendix_header_repeats_on_its_second_page(pdf):
    pages = pages_text(pdf)
    first_appendix = page_sizes(pdf).index("landscape")
    page1, page2 = pages[first_appendix], pages[first_appendix + 1]
    assert compact(page1).startswith("附件达州市城市管理行政执法局2022年优化营商环境目标责任清单" + "".join(HEADER))
    header_line = next(line for line in page2.splitlines() if line.strip())
    assert header_line.split() == HEADER
    assert "1.探索推广“一口验收”" in compact(page1)


def test_imprint_on_the_last_page(pdf):
    last = compact(pages_text(pdf)[-1])
    assert last.startswith("抄送：市委办公室，市政府办公室，市营商办。达州市城市管理行政执法局办公室2022年5月10日印发")


def test_chinese_glyphs_come_from_a_cjk_font(pdf):
    text = "".join(pages_text(pdf))
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 3000
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"WenQuanYi|CJK|Hei|Song|Fang|Kai|Ming", fonts), fonts
