"""Returned department packs (.zip) read or refused in time and memory (issue 17).

Targets: a hostile pack (10,000 members; a zip bomb) refused within 2 s and 200 MB; a pack of 100 MB of
evidence read and hashed within 5 s and 200 MB (it is read in 1 MB blocks, never whole).  Memory is the
peak resident size of a child process doing only that; printed and kept in extra_info.
"""
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers.packs import hostile_pack

ROOT = Path(__file__).resolve().parents[2]
_CHILD = """
import json, resource, sys, time
from importers.returned_pack import read_pack
from importers.returned_sheets import ReturnedFileError
start = time.perf_counter()
try:
    files = len(read_pack(sys.argv[1]).evidence)
except ReturnedFileError:
    files = -1
print(json.dumps({"seconds": time.perf_counter() - start, "files": files,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    return json.loads(out.stdout)


def _sheet() -> bytes:
    """A sheet with the headers of a department sheet (the pack's reader needs one it can read)."""
    wb = Workbook()
    wb.active.append(["编号", "任务内容", "进展情况"])
    wb.active.append(["x", "1.任务", "推进中"])
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


def streamed_pack(path: Path, members: list[tuple[str, int]], block) -> Path:
    """A pack whose members (name, MB) are written 1 MB at a time (``block()`` gives each MB): this
    process never holds them, so the child measured does not inherit a large resident size."""
    path = hostile_pack(path, _sheet(), [])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        for name, mb in members:
            with z.open(zipfile.ZipInfo(name), "w", force_zip64=True) as out:
                for _ in range(mb):
                    out.write(block())
    return path


PACKS = {
    "ten thousand files": lambda p: hostile_pack(p, _sheet(), [(f"佐证材料/7/{i}.txt", b"") for i in range(10_000)],
                                                 zipfile.ZIP_STORED),
    "zip bomb": lambda p: streamed_pack(p, [("佐证材料/7/zeros.bin", 900)], lambda: bytes(1 << 20)),
}


@pytest.mark.parametrize("case", list(PACKS))
def test_hostile_pack_refused(benchmark, tmp_path, case):
    path = PACKS[case](tmp_path / "pack.zip")
    figures = benchmark.pedantic(measure, args=(path,), rounds=3, iterations=1)
    assert figures["files"] == -1
    benchmark.extra_info.update(figures)
    print(f"\n{case}: refused in {figures['seconds']:.3f} s, peak {figures['peak_mb']:.0f} MB")


def test_pack_of_100_mb_evidence_read(benchmark, tmp_path):
    path = streamed_pack(tmp_path / "pack.zip", [(f"佐证材料/7_任务/照片{i}.jpg", 5) for i in range(20)],
                         lambda: os.urandom(1 << 20))
    figures = benchmark.pedantic(measure, args=(path,), rounds=1, iterations=1)
    assert figures["files"] == 20
    benchmark.extra_info.update(figures)
    print(f"\n100 MB of evidence: read in {figures['seconds']:.2f} s, peak {figures['peak_mb']:.0f} MB")
