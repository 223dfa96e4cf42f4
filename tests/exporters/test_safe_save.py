"""Writing a user's file: all or nothing, flushed to the disk before it replaces the old one."""
import os
import stat

import pytest

from exporters import safe_save
from exporters.safe_save import replacing


def test_new_content_replaces_the_file_after_fsync(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(safe_save.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    with replacing(target) as tmp:
        assert tmp != str(target) and tmp.endswith(".xlsx")
        with open(tmp, "w") as f:
            f.write("new")
    assert target.read_text() == "new"
    assert len(synced) == (2 if os.name == "posix" else 1)  # the file, then its folder
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # ordinary permissions, not mkstemp's private ones
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_a_failure_keeps_the_old_file_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.docx"
    target.write_text("old")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        with open(tmp, "w") as f:
            f.write("half")
        raise RuntimeError("the writer failed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
