"""The store in bad conditions (issue 12), as a user meets them: real processes on real files,
read-only folders and files (as an ordinary user), damaged pages, another program's database,
a full disk (a 1 MB tmpfs, mounted when the tests run as root), two writers, killed exports."""
import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from models.store import Store
from helpers.seedtext import seed_path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def run(*args, user=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] if user is not None else []
    return subprocess.run([*prefix, sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def one_line(out):
    assert out.returncode == 1, out.stdout
    assert "Traceback" not in out.stderr and "内部错误" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    return out.stderr


def backups(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return sorted(p for p in folder.glob("*") if p.suffix in (".sqlite", ".damaged")) if folder.exists() else []


@pytest.fixture
def shared_dir():
    """A folder an ordinary user can reach (pytest's own are private to root)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run a command as another user")
    if run("--version", user=NOBODY).returncode != 0:  # e.g. a clone inside a folder private to root
        pytest.skip("an ordinary user cannot run the program from this checkout")
    folder = Path(tempfile.mkdtemp(prefix="dm-ro-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_is_read_and_refuses_writes_in_one_line(shared_dir, what):
    db = shared_dir / "s.sqlite"
    assert run("--db", db, "list").returncode == 0
    if what == "file":
        os.chown(shared_dir, NOBODY, NOBODY)  # the folder is the user's, the file is not writable to them
        (shared_dir / "s.sqlite.lock").unlink()
        db.chmod(0o444)
    listed = run("--db", db, "list", user=NOBODY)
    assert listed.returncode == 0, listed.stderr
    assert "达州市" in listed.stdout
    err = one_line(run("--db", db, "import", seed_path("003"), user=NOBODY))
    assert ("文件只读" if what == "file" else "只读") in err and str(db) in err
    assert backups(db) == []


def _damage(db: Path) -> None:
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'nodes'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as f:
        f.seek(size * (root - 1))
        f.write(bytes(range(256)) * 4)


def test_a_damaged_store_is_never_written_nor_backed_up_and_can_be_restored(tmp_path):
    db = tmp_path / "s.sqlite"
    assert run("--db", db, "import", seed_path("003")).returncode == 0
    good = backups(db)
    assert len(good) == 1
    _damage(db)
    for command in (["list"], ["show", "1"], ["export", "1", "--xlsx", tmp_path / "a.xlsx"]):
        err = one_line(run("--db", db, *command))
        assert "损坏" in err and "从备份恢复" in err
    err = one_line(run("--db", db, "import", seed_path("003")))
    assert "损坏" in err and "从备份恢复" in err
    assert backups(db) == good
    with Store(db) as store:
        assert store.damaged and store.read_only
        store.restore_backup(good[0])
        assert not store.damaged and not store.read_only
    assert backups(db)[0] == good[0] and len(backups(db)) == 2  # the damaged copy kept aside
    assert any(p.suffix == ".damaged" for p in backups(db))
    listed = run("--db", db, "list")
    assert listed.returncode == 0 and "达州市" in listed.stdout


def test_the_main_window_on_a_damaged_store_says_so_and_edits_nothing(qtbot, tmp_path):
    from app.main_window import MainWindow
    db = tmp_path / "s.sqlite"
    assert run("--db", db, "import", seed_path("003")).returncode == 0
    _damage(db)
    with Store(db) as store:
        window = MainWindow(store, remember=False)
        qtbot.addWidget(window)
        assert "损坏" in window.statusBar().currentMessage() and "只读" in window.windowTitle()
        window.close()


def test_another_programs_database_is_refused_untouched(tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    err = one_line(run("--db", other, "list"))
    assert "另一个程序" in err and str(other) in err
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before


def test_our_stores_are_marked_and_a_dropped_table_is_not_recreated(tmp_path):
    db = tmp_path / "s.sqlite"
    assert run("--db", db, "list").returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x44544D58
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE progress_entries")
    conn.commit()
    conn.close()
    err = one_line(run("--db", db, "import", seed_path("003")))
    assert "缺少数据表 progress_entries" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'progress_entries'").fetchone()[0] == 0
    conn.close()


@contextlib.contextmanager
def tiny_disk(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a 1 MB tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)])


def _fill(folder: Path, leave: int) -> None:
    """Fill the disk up to ``leave`` bytes."""
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as f:
        with contextlib.suppress(OSError):
            f.write(b"\0" * max(free - leave, 0))


def test_a_full_disk_is_said_as_such_and_leaves_no_partial_files(tmp_path):
    with tiny_disk(tmp_path) as disk:
        db = disk / "s.sqlite"
        assert run("--db", db, "list").returncode == 0
        _fill(disk, 64 * 1024)
        err = one_line(run("--db", db, "import", seed_path("004")))
        assert "磁盘空间不足" in err and str(disk) in err
        assert all(p.stat().st_size > 0 for p in backups(db))
        out = disk / "a.xlsx"
        _fill(disk, 0)
        (disk / "filler").unlink()
        _fill(disk, 4 * 1024)
        err = one_line(run("--db", db, "export", "1", "--xlsx", out))
        assert "磁盘空间不足" in err and "Exception ignored" not in err
        assert not out.exists() and list(disk.glob(".~*")) == []
        (disk / "filler").unlink()
        _fill(disk, 0)
        listed = run("--db", db, "list")
        assert listed.returncode == 0 or "磁盘空间不足" in listed.stderr, listed.stderr
        assert "不是有效的" not in listed.stderr
        new = one_line(run("--db", disk / "new.sqlite", "list"))
        assert "磁盘空间不足" in new


def test_a_refused_second_writer_writes_no_backup_and_speaks_of_programs_not_windows(tmp_path):
    db = tmp_path / "s.sqlite"
    assert run("--db", db, "list").returncode == 0
    with Store(db) as first:
        assert not first.read_only
        err = one_line(run("--db", db, "import", seed_path("003")))
        assert "另一个 Duty Matrix 程序" in err and "窗口编辑" not in err and "本窗口" not in err
    assert backups(db) == []


def test_temporary_files_of_a_killed_export_are_removed_by_the_next(tmp_path):
    db = tmp_path / "s.sqlite"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".~dm{dead.pid}-abcd.xlsx"
    stale.write_bytes(b"PK half written")
    live = tmp_path / f".~dm{os.getpid()}-efgh.xlsx"  # an export in progress elsewhere
    live.write_bytes(b"PK")
    assert run("--db", db, "export", "1", "--xlsx", tmp_path / "a.xlsx").returncode == 0
    assert not stale.exists() and live.exists()
