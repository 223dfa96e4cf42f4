"""`dutymatrix list` loads only what listing needs: no office formats, no pinyin, no Qt."""
import subprocess
import sys

HEAVY = ("docx", "openpyxl", "pypinyin", "rapidfuzz", "PySide6", "lxml", "sqlite_utils")

PROBE = """
import sys
from app.main import main
main(["--db", sys.argv[1], "list"])
print("LOADED", " ".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def loaded_by(tmp_path, *args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "s.sqlite"), *args],
                         capture_output=True, text=True, check=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("LOADED "))
    return set(line.split()[1:])


def test_list_loads_no_heavy_module(tmp_path):
    loaded = loaded_by(tmp_path)
    assert "models" in loaded and "app" in loaded  # the probe really ran the command
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
