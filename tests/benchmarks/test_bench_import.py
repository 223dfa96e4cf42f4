"""Import speed (targets: seed 003's 384-row table < 1 s; a 5,000-row workbook < 5 s)."""
import pytest
from openpyxl import Workbook

from importers import import_file
from models.demo import demo_plan
from models.domain import Unit
from models.units import UnitDirectory
from seedtext import seed_path


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
