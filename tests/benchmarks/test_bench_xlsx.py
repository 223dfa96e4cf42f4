"""Excel export speed: a 5,000-row appendix (target < 3 s) and department sheets for it."""
import tracemalloc

import pytest

from exporters.appendix_layout import build_appendix
from exporters.unit_sheets import write_unit_workbook
from exporters.xlsx_appendix import write_appendix
from helpers.factories import make_plan


@pytest.fixture(scope="module")
def big_plan():
    plan = make_plan(5600)  # three levels: 5,040 task rows under 51 + 509 indicators
    assert len(build_appendix(plan).rows) >= 5000
    return plan


def test_export_5000_row_appendix(benchmark, big_plan, tmp_path):
    path = tmp_path / "big.xlsx"
    benchmark.pedantic(write_appendix, args=(big_plan, path), rounds=3, iterations=1)
    assert path.stat().st_size > 100_000


def test_export_unit_sheets_for_5000_rows(benchmark, big_plan, tmp_path):
    path = tmp_path / "units.xlsx"
    benchmark.pedantic(write_unit_workbook, args=(big_plan, path), rounds=3, iterations=1)
    assert path.stat().st_size > 100_000


def test_appendix_memory_stays_flat(benchmark, big_plan, tmp_path):
    """Peak traced memory per exported row, measured once (reported in the benchmark's extra info)."""
    def run():
        tracemalloc.start()
        write_appendix(big_plan, tmp_path / "m.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak
    peak = benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info["peak_mb"] = round(peak / 2**20, 1)
    benchmark.extra_info["bytes_per_row"] = peak // 5000
