"""Import speed (targets: seed 003's 384-row table < 1 s; a 5,000-row workbook < 5 s)."""
import pytest
from openpyxl import Workbook

from importers import import_file
from models.demo import demo_plan
from models.domain import Unit
from models.units import UnitDirectory
from helpers.seedtext import seed_path


@pytest.fixture(scope="module")
def workbook_5000(tmp_path_factory):
    """Ten 一级指标 × ten 二级指标 × fifty tasks, indicator cells merged down, a title row above."""
    path = tmp_path_factory.mktemp("bench") / "5000.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["2024年重点任务清单"])
    sheet.merge_cells("A1:G1")
    sheet.append(["一级指标", "二级指标", "具体举措", "牵头单位（科室）", "责任单位", "完成时限", "备注"])
    row, number = 3, 0
    for a in range(1, 11):
        first_a = row
        for b in range(1, 11):
            first_b = row
            for _ in range(50):
                number += 1
                sheet.append([f"{a}、一级指标{a}（牵头领导：张三）", f"（{b}）二级指标{b}", f"{number}.加快推进第{number}项工作，确保按期完成。",
                              f"市局{number % 7}科", f"县区{number % 13}、企业{number % 5}有限公司", "2024年6月底前", ""])
                row += 1
            sheet.merge_cells(start_row=first_b, start_column=2, end_row=row - 1, end_column=2)
        sheet.merge_cells(start_row=first_a, start_column=1, end_row=row - 1, end_column=1)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def directory():
    """The unit directory of a store holding the demo list, as the CLI and the wizard pass it."""
    names = sorted({u for node, _ in demo_plan().walk() for u in node.units()})
    return UnitDirectory([Unit(name) for name in names])


def test_import_seed_003(benchmark, directory):
    result = benchmark(import_file, seed_path("003"), "all", directory)
    assert result.task_count() == 384


def test_import_5000_row_workbook(benchmark, workbook_5000, directory):
    result = benchmark.pedantic(import_file, args=(workbook_5000, "all", directory), rounds=3, iterations=1)
    assert result.task_count() == 5000


@pytest.fixture(scope="module")
def compilation(tmp_path_factory):
    """A gazette of 100 notices (about 130 KB of text), each with its title, 文号, lead rule and list,
    page numbers and a running header at every page, broken lines."""
    pages = []
    for k in range(1, 101):
        rule = "。排在首位的为牵头单位，下同" if k % 2 else ""
        tasks = "\n".join(
            f"{t}.推进第{k}批第{t}项重点工作，完善工作机制，强化要素保障，确保年内取得明显成效，\n形成可复制可推广的经验做法。"
            f"（市发改委、市财政局、市{t}号局负责{rule if t == 1 else ''}；完成时限：2024年{t}月底前）"
            for t in range(1, 13))
        pages.append(f"临澜市人民政府公报\n临澜市人民政府办公室\n关于印发临澜市第{k}批重点工作任务分工的通知\n"
                     f"临澜政办发〔2024〕{k}号\n各县（市、区）人民政府，市政府各部门：\n"
                     f"现将《临澜市第{k}批重点工作任务分工》印发给你们，请认真贯彻执行。\n临澜市人民政府办公室\n2024年3月{k % 28 + 1}日\n"
                     f"临澜市第{k}批重点工作任务分工\n{tasks}\n— {k} —\n")
    path = tmp_path_factory.mktemp("bench") / "gazette.txt"
    path.write_text("\n".join(pages), encoding="utf-8")
    assert 120_000 < path.stat().st_size < 400_000
    return path


def test_import_100_notice_compilation(benchmark, compilation, directory):
    result = benchmark.pedantic(import_file, args=(compilation, "all", directory), rounds=3, iterations=1)
    assert len(result.plans) == 100 and result.task_count() == 1200
