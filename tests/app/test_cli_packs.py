"""Department packs: `export --per-unit DIR --zip` out, `merge PACK.zip` back with its evidence files;
hostile packs are refused with the store and evidence/ unchanged.  Real processes, real files."""
from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from openpyxl import load_workbook

from helpers.cli_process import run_cli
from helpers.exchange_helpers import body_rows
from helpers.packs import hostile_pack, returned_pack, store_state
from models.domain import Node, Plan
from models.store import Store

UNIT = "人事科"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data" / "packs.sqlite"
    plan = Plan(title="打包测试清单", roots=[Node(text="重点工作", children=[
        Node(text="完成年度招录", lead=[UNIT], deadline="2024年6月底前"),
        Node(text="开展干部培训", lead=["办公室"], responsible=[UNIT]),
        Node(text="修订考勤制度", lead=[UNIT])])])
    with Store(path) as store:
        store.save_plan(plan)
    return path


@pytest.fixture
def pack(db, tmp_path):
    out = run_cli("--db", str(db), "export", "1", "--per-unit", str(tmp_path / "out"), "--zip", "--unit", UNIT,
                  "--round", "2024年上半年")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(tmp_path / "out" / f"{UNIT}.zip")]
    return tmp_path / "out" / f"{UNIT}.zip"


def test_a_pack_holds_the_sheet_and_an_evidence_folder_with_a_note(pack):
    with zipfile.ZipFile(pack) as z:
        names = z.namelist()
        note = z.read("佐证材料/说明.txt").decode("utf-8-sig")
        z.extract(f"{UNIT}.xlsx", pack.parent)
    ws = load_workbook(pack.parent / f"{UNIT}.xlsx").active
    rows = sorted(body_rows(ws).values())
    assert rows == [7, 8, 9]  # the sheet's rows: three tasks under the header of row 6
    assert names == [f"{UNIT}.xlsx", "佐证材料/说明.txt", "佐证材料/7_完成年度招录/", "佐证材料/8_开展干部培训/",
                     "佐证材料/9_修订考勤制度/"]
    assert "第 7 行：7_完成年度招录" in note and "文件名以行号开头" in note and note.startswith(f"{UNIT}：")


def test_a_returned_pack_merges_its_sheet_and_links_its_files(db, pack, tmp_path):
    with zipfile.ZipFile(pack) as z:
        z.extract(f"{UNIT}.xlsx", tmp_path)
    keys = {row: key for key, row in body_rows(load_workbook(tmp_path / f"{UNIT}.xlsx").active).items()}
    minutes, photo = b"%PDF-1.4 minutes", b"\xff\xd8\xff photo"
    back = returned_pack(pack, tmp_path, {keys[7]: ("招录完成", "已完成", ""), keys[9]: ("已起草", "推进中", "")}, {
        "佐证材料/7_完成年度招录/会议纪要.pdf": minutes,
        "佐证材料/9_照片.jpg": photo,  # straight in the folder, named by its row
        "佐证材料/其他材料.txt": b"no row",  # no row: named in a notice, not added
    }, prefix=f"{UNIT}/")  # zipped again with the folder's name in front
    out = run_cli("--db", str(db), "merge", str(back), "--accept-all", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    kinds = sorted((c["kind"], c["new"]) for c in data["changes"])
    assert kinds == [("evidence", "9_照片.jpg"), ("evidence", "会议纪要.pdf"), ("progress", "已起草"), ("progress", "招录完成")]
    assert [n["kind"] for n in data["notices"]] == ["evidence-unlinked"]
    assert "其他材料.txt" in data["notices"][0]["message"]
    with Store(db) as store:
        for row, data_bytes, name in [(7, minutes, "会议纪要.pdf"), (9, photo, "9_照片.jpg")]:
            (evidence,) = store.evidence_for(keys[row])
            (entry,) = store.progress_history(keys[row])
            assert (evidence.name, evidence.entry_id, evidence.size) == (name, entry.id, len(data_bytes))
            assert evidence.sha256 == hashlib.sha256(data_bytes).hexdigest()
            assert (store.evidence_dir / evidence.path).read_bytes() == data_bytes
        assert store.evidence_for(keys[8]) == []
        kept = list((db.parent / "returned").rglob("*.zip"))
        assert [p.parent.name for p in kept] == [UNIT] and kept[0].read_bytes() == back.read_bytes()
    before = store_state(db)
    again = json.loads(run_cli("--db", str(db), "merge", str(back), "--accept-all", "--json").stdout)
    assert again["applied"] == [] and {n["kind"] for n in again["notices"]} == {"merged-before", "evidence-unlinked"}
    assert store_state(db)[1] == before[1]  # no second copy of anything


def test_a_plain_returned_sheet_still_merges(db, tmp_path):
    assert run_cli("--db", str(db), "export", "1", "--per-unit", str(tmp_path), "--unit", UNIT).returncode == 0
    from helpers.exchange_helpers import fill_unit_sheet
    path = tmp_path / f"{UNIT}.xlsx"
    key = next(iter(body_rows(load_workbook(path).active)))
    fill_unit_sheet(path, {key: ("已完成招录", "已完成", "")})
    data = json.loads(run_cli("--db", str(db), "merge", str(path), "--accept-all", "--json").stdout)
    assert [c["kind"] for c in data["changes"]] == ["progress"] and data["applied"] == [1]


def test_zip_goes_with_per_unit_only(db, tmp_path):
    out = run_cli("--db", str(db), "export", "1", "--xlsx", str(tmp_path / "a.xlsx"), "--zip")
    assert out.returncode == 1 and "--zip 只能与 --per-unit 同用" in out.stderr
    out = run_cli("--db", str(db), "export", "1", "--per-unit", str(tmp_path), "--zip", "--one-workbook")
    assert out.returncode == 2 and "不能与参数" in out.stderr


def _sheet(pack) -> bytes:
    with zipfile.ZipFile(pack) as z:
        return z.read(f"{UNIT}.xlsx")


HOSTILE = {
    "traversal": ([("佐证材料/../../evil.txt", b"x")], "..", ),
    "absolute": ([("/etc/evil.txt", b"x")], "绝对路径"),
    "drive": ([("C:/Windows/evil.txt", b"x")], "绝对路径"),
    "backslash traversal": ([("佐证材料\\..\\..\\evil.txt", b"x")], ".."),
    "control character": ([("佐证材料/7/a\x07b.txt", b"x")], "控制字符"),
    "reserved name": ([("佐证材料/7/CON.txt", b"x")], "保留"),
    "nested zip": ([("佐证材料/7/more.zip", b"PK\x05\x06" + b"\0" * 18)], "不能再含压缩包"),
    "bomb": ([("佐证材料/7/zeros.bin", b"\0" * (60 * 1024 * 1024))], "压缩炸弹"),
    "twice": ([("佐证材料/7/a.txt", b"1"), ("佐证材料/7/A.txt", b"2")], "出现了两次"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_pack_is_refused_and_nothing_changes(db, pack, tmp_path, case):
    members, words = HOSTILE[case]
    bad = hostile_pack(tmp_path / "坏包.zip", _sheet(pack), members)
    before = store_state(db)
    out = run_cli("--db", str(db), "merge", str(bad), "--accept-all")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "坏包.zip" in out.stderr and words in out.stderr, out.stderr
    assert store_state(db) == before


def test_ten_thousand_files_are_refused_from_the_directory(db, pack, tmp_path):
    bad = hostile_pack(tmp_path / "万个文件.zip", _sheet(pack), [(f"佐证材料/7/{i}.txt", b"") for i in range(10_000)],
                       zipfile.ZIP_STORED)
    before = store_state(db)
    out = run_cli("--db", str(db), "merge", str(bad), "--accept-all")
    assert out.returncode == 1 and "万个文件.zip" in out.stderr and "文件过多（10001 个" in out.stderr
    assert store_state(db) == before


def test_a_member_bigger_than_its_entry_says_is_refused(db, pack, tmp_path):
    """The central directory claims 10 bytes; the data unpacks to a megabyte."""
    bad = hostile_pack(tmp_path / "谎报.zip", _sheet(pack), [("佐证材料/7/big.bin", b"A" * (1 << 20))])
    data = bytearray(bad.read_bytes())
    name = "佐证材料/7/big.bin".encode()
    central = data.rindex(b"PK\x01\x02")  # the last entry of the central directory
    assert data[central + 46:central + 46 + len(name)] == name
    data[central + 24:central + 28] = (10).to_bytes(4, "little")  # uncompressed size
    bad.write_bytes(bytes(data))
    before = store_state(db)
    out = run_cli("--db", str(db), "merge", str(bad), "--accept-all")
    assert out.returncode == 1 and "谎报.zip" in out.stderr and "big.bin" in out.stderr, out.stderr
    assert store_state(db) == before


def test_the_dossier_holds_appendix_scores_returned_files_and_evidence_with_an_index(db, pack, tmp_path):
    from models.evidence import copy_in

    with zipfile.ZipFile(pack) as z:
        z.extract(f"{UNIT}.xlsx", tmp_path)
    keys = {row: key for key, row in body_rows(load_workbook(tmp_path / f"{UNIT}.xlsx").active).items()}
    back = returned_pack(pack, tmp_path, {keys[7]: ("招录完成", "已完成", "")},
                         {"佐证材料/7_完成年度招录/会议纪要.pdf": b"%PDF minutes"})
    assert run_cli("--db", str(db), "merge", str(back), "--accept-all").returncode == 0
    with Store(db) as store:  # a task's own file (no report: under its lead unit), and one since deleted
        for name in ("方案.docx", "已删除.txt"):
            (tmp_path / name).write_bytes(name.encode())
            store.add_evidence(copy_in(store.evidence_dir, tmp_path / name, keys[8], "2.", "2024-05-01"))
        (store.evidence_dir / "2_2024-05-01_已删除.txt").unlink()
    out = run_cli("--db", str(db), "export", "1", "--dossier", str(tmp_path / "台账.zip"))
    assert out.returncode == 0, out.stderr
    with zipfile.ZipFile(tmp_path / "台账.zip") as z:
        names = sorted(z.namelist())
        z.extract("索引.xlsx", tmp_path)
        kept = z.read(f"回收的分解表/{UNIT}/" + next(n for n in names if n.startswith("回收的分解表/")).split("/")[-1])
    evidence = [n for n in names if n.startswith("佐证材料/")]
    assert evidence == [f"佐证材料/{UNIT}/（一）完成年度招录/" + evidence[0].split("/")[-1],
                        "佐证材料/办公室/（二）开展干部培训/2_2024-05-01_方案.docx"]
    assert evidence[0].endswith("_会议纪要.pdf") and kept == back.read_bytes()
    assert {"索引.xlsx", "附件/打包测试清单.xlsx", "考核得分/打包测试清单-考核得分.xlsx"} <= set(names)
    assert len(names) == 6  # with the returned pack and the two evidence files present
    ws = load_workbook(tmp_path / "索引.xlsx").active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == ["附件", "考核得分", "回收的分解表", "佐证材料", "佐证材料", "佐证材料"]
    missing = next(r for r in rows if r[5] == "已删除.txt")
    assert (missing[4], missing[8], missing[2]) == ("（未打包）", "文件缺失", "办公室")
    assert {r[4] for r in rows if r[4] != "（未打包）"} == set(names) - {"索引.xlsx"}  # every file listed
    minutes = next(r for r in rows if r[5] == "会议纪要.pdf")
    assert (minutes[2], minutes[3], minutes[6], minutes[7]) == (
        UNIT, "（一）完成年度招录", str(len(b"%PDF minutes")), hashlib.sha256(b"%PDF minutes").hexdigest())


def test_a_hostile_sheet_inside_a_pack_is_refused_like_a_returned_sheet(db, tmp_path):
    from helpers.hostile_files import far_cell_xlsx

    sheet = far_cell_xlsx(tmp_path / "far.xlsx").read_bytes()
    bad = hostile_pack(tmp_path / "远单元格.zip", sheet, [])
    before = store_state(db)
    out = run_cli("--db", str(db), "merge", str(bad), "--accept-all")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{bad} › 人事科.xlsx" in out.stderr and "XFD" not in out.stderr and "疑似恶意构造" in out.stderr, out.stderr
    assert "dutymatrix-pack-" not in out.stderr  # the temporary copy is never named
    assert store_state(db) == before
