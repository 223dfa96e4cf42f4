"""PySide6 6.12.0 on Python < 3.12 drops a reference to None per call of a
method returning nothing; a few thousand calls abort the interpreter
(`Fatal Python error: none_dealloc`). pyproject pins < 6.12 there.

The calls run in a child process so that a broken PySide6 fails this test
instead of aborting the whole test run."""
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import sys
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    model, item = QStandardItemModel(), QStandardItem()
    before = sys.getrefcount(None)
    for i in range(10_000):
        item.setText(str(i))          # one persistent object: each call must not cost None a reference
        model.appendRow(QStandardItem())
    print(before, sys.getrefcount(None))
""")


def test_void_calls_do_not_drop_references_to_none():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert out.returncode == 0, f"interpreter aborted ({out.returncode}): {out.stderr[-300:]}"
    before, after = map(int, out.stdout.split())
    assert after >= before - 50, f"None lost {before - after} references over 20,000 void calls"
