"""Evidence files: copied into evidence/ beside a real store, with size and hash; missing and changed
files show as such."""
from __future__ import annotations

import hashlib

import pytest

from models.domain import Node, Plan
from models.evidence import MAX_EVIDENCE_SIZE, EvidenceError, EvidenceState, check, copy_in
from models.store import Store


@pytest.fixture
def task(tmp_path):
    store = Store(tmp_path / "data" / "s.sqlite")
    node = Node(text="任务", lead=["市财政局"])
    store.save_plan(Plan(title="清单", roots=[node]))
    yield store, node
    store.close()


def test_a_file_is_copied_named_by_task_and_date_with_its_hash(task, tmp_path):
    store, node = task
    source = tmp_path / "会议纪要：第1次.pdf"
    assert copy_in(store.evidence_dir, _written(tmp_path / "a?b.txt"), node.id, "1.", "2024-06-20").path == (
        "1_2024-06-20_a_b.txt")  # ? is no file-name character on Windows
    source.write_bytes(b"%PDF-1.4 minutes")
    evidence = copy_in(store.evidence_dir, source, node.id, "1.", "2024-06-20")
    store.add_evidence(evidence)
    assert store.evidence_dir == tmp_path / "data" / "evidence"
    assert evidence.path == "1_2024-06-20_会议纪要：第1次.pdf"  # the number's dot is no file name's end
    assert (store.evidence_dir / evidence.path).read_bytes() == b"%PDF-1.4 minutes"
    assert (evidence.size, evidence.sha256) == (16, hashlib.sha256(b"%PDF-1.4 minutes").hexdigest())
    assert store.evidence_for(node.id) == [evidence]
    again = copy_in(store.evidence_dir, source, node.id, "1.", "2024-06-20")
    assert again.path == "1_2024-06-20_会议纪要：第1次-2.pdf"  # a second copy does not overwrite the first


def _written(path):
    path.write_text("x")
    return path


def test_missing_and_changed_files_show(task, tmp_path):
    store, node = task
    source = tmp_path / "照片.jpg"
    source.write_bytes(b"\xff\xd8 photo")
    one = copy_in(store.evidence_dir, source, node.id, "1.", "2024-06-20")
    two = copy_in(store.evidence_dir, source, node.id, "1.", "2024-06-21")
    assert check(store.evidence_dir, one) is EvidenceState.OK
    (store.evidence_dir / one.path).write_bytes(b"\xff\xd8 PHOTO")  # same size, other bytes
    (store.evidence_dir / two.path).unlink()
    assert check(store.evidence_dir, one) is EvidenceState.CHANGED
    assert check(store.evidence_dir, two) is EvidenceState.MISSING


def test_refused_files_name_themselves(task, tmp_path):
    store, node = task
    with pytest.raises(EvidenceError, match="不存在"):
        copy_in(store.evidence_dir, tmp_path / "nope.pdf", node.id, "1.", "2024-06-20")
    big = tmp_path / "big.bin"
    with open(big, "wb") as f:
        f.truncate(MAX_EVIDENCE_SIZE + 1)  # sparse: no disk used
    with pytest.raises(EvidenceError, match="big.bin：文件过大"):
        copy_in(store.evidence_dir, big, node.id, "1.", "2024-06-20")


def test_deleting_the_task_forgets_its_evidence(task, tmp_path):
    store, node = task
    source = tmp_path / "a.txt"
    source.write_text("x")
    evidence = copy_in(store.evidence_dir, source, node.id, "1.", "2024-06-20")
    store.add_evidence(evidence)
    store.delete_subtrees([node.id])
    assert store.conn.execute("SELECT COUNT(*) FROM evidence_files").fetchone()[0] == 0
    assert (store.evidence_dir / evidence.path).exists()  # the copy stays
