"""Issue 15 as printed: the demo appendix in Word and Excel laid out by LibreOffice and in the
app's own PDF — page counts, header words, the legend sentence, a long task in full.  One
LibreOffice conversion for the module (several files in one call)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from exporters.appendix_layout import LayoutOptions
from exporters.docx_notice import DocxOptions, write_docx
from exporters.pdf_document import write_pdf
from exporters.xlsx_appendix import write_appendix
from models.demo import demo_plan
from models.domain import Column, Node, Plan
from helpers.pdf_text import flat, page_texts

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

LONG = "".join(f"第{i}条要求必须落实到位。" for i in range(1, 1201))  # about 15,000 characters
OPTIONS = LayoutOptions(serial=True)  # one set of options for all three outputs


def legend_plan() -> Plan:
    plan = demo_plan()
    plan.tag_legend = {"★": "对标先进地区，制定重点任务14项；", "◎": "融入成渝地区双城经济圈建设"}
    tasks = [n for n, _ in plan.walk() if not n.children]
    for node in tasks[:3]:
        node.tags = ["★"]
    tasks[4].tags = ["◎"]
    return plan


def long_plan() -> Plan:
    return Plan(title="长任务清单", columns=[Column.RESPONSIBLE, Column.DEADLINE], roots=[
        Node(text="一级指标", children=[Node(text=LONG, responsible=["甲局", "乙局"], deadline="2022年9月"),
                                       Node(text="短任务", responsible=["丙局"], deadline="2022年12月")])])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qapp):
    folder = tmp_path_factory.mktemp("fidelity")
    plan = legend_plan()
    sources = [
        write_docx(plan, folder / "word.docx", DocxOptions(appendix_only=True, layout=OPTIONS)),
        write_appendix(plan, folder / "excel.xlsx", OPTIONS),
        write_appendix(long_plan(), folder / "long.xlsx"),
    ]
    pdf = write_pdf(plan, folder / "appendix-qt.pdf", appendix_only=True, options=OPTIONS)
    profile = folder / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder / "lo"), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    return {
        "docx": page_texts(folder / "lo" / "word.pdf"),
        "xlsx": page_texts(folder / "lo" / "excel.pdf"),
        "long": page_texts(folder / "lo" / "long.pdf"),
        "pdf": page_texts(pdf.path),
    }


ALL = ("docx", "xlsx", "pdf")


def test_three_outputs_print_the_demo_on_as_many_pages(rendered):
    counts = [len(rendered[kind]) for kind in ALL]
    assert max(counts) <= 9  # 12, 10 and 13 pages before issue 15
    assert max(counts) - min(counts) <= 1
    for kind in ALL:
        everything = flat("".join(rendered[kind]))
        tasks = [n for n, _ in legend_plan().walk() if not n.children]
        assert all(flat(n.text[:10]) in everything for n in tasks), kind


def test_header_words_stay_on_one_line(rendered):
    for pages in (rendered[kind] for kind in ALL):
        for page in pages:
            lines = [re.sub(r"\s+", "", line) for line in page.splitlines()]
            header = next(line for line in lines if "序号" in line)
            for word in ("序号", "一级指标", "三级指标", "牵头单位", "责任单位", "完成时限"):
                assert word in header, (word, header)


def test_the_legend_prints_one_sentence_with_the_computed_count(rendered):
    for pages in (rendered[kind] for kind in ALL):
        text = flat("".join(pages))
        assert "注：1.★：对标先进地区，制定重点任务3项" in text and "2.◎：融入成渝地区双城经济圈建设，共1项" in text
        assert "；，" not in text and "14项" not in text


def test_a_long_task_prints_in_full_in_excel(rendered):
    text = flat("".join(rendered["long"]))
    assert text.count("要求") == text.count("落实到位") == 1200  # nothing cut off at 409 pt
    assert len(rendered["long"]) >= 3
    assert "甲局、乙局" in text and "2022年9月" in text  # its side cells, merged over its rows
