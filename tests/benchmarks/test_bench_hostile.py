"""Hostile files refused and a big workbook imported, in time and memory (issue 12).

Targets: each hostile file refused within 2 s and 200 MB; a 100,000-row workbook imported
within 500 MB.  Memory is the peak resident size of a child process doing only that
(``ru_maxrss``; the interpreter with openpyxl and lxml loaded is about 60 MB of it); it is
printed and kept in the benchmark's extra_info.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.hostile_files import big_workbook, far_cell_xlsx, merged_range_xlsx, wide_span_docx
from importers import UnsafeFileError, import_file

ROOT = Path(__file__).resolve().parents[2]
_CHILD = """
import json, resource, sys, time
from importers import UnsafeFileError, import_file
start = time.perf_counter()
try:
    tasks = import_file(sys.argv[1], max_tasks=int(sys.argv[2]) or None).task_count()
except UnsafeFileError:
    tasks = -1
print(json.dumps({"seconds": time.perf_counter() - start, "tasks": tasks,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(path: Path, max_tasks: int = 50_000) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(max_tasks)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("make", [merged_range_xlsx, far_cell_xlsx, wide_span_docx])
def test_hostile_file_refused(benchmark, tmp_path, make):
    path = make(tmp_path / ("f.docx" if "docx" in make.__name__ else "f.xlsx"))

    def refuse():
        with pytest.raises(UnsafeFileError):
            import_file(path)
    benchmark.pedantic(refuse, rounds=5, iterations=1)
    figures = measure(path)
    assert figures["tasks"] == -1
    benchmark.extra_info.update(figures)
    print(f"\n{make.__name__}: refused in {figures['seconds']:.3f} s, peak {figures['peak_mb']:.0f} MB")


def test_import_100000_row_workbook(benchmark, tmp_path):
    path = big_workbook(tmp_path / "big.xlsx", 100_000)
    figures = benchmark.pedantic(measure, args=(path, 0), rounds=1, iterations=1)
    assert figures["tasks"] == 100_000
    benchmark.extra_info.update(figures)
    print(f"\n100,000 rows: imported in {figures['seconds']:.1f} s, peak {figures['peak_mb']:.0f} MB")
