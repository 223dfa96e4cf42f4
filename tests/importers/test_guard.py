import zipfile

import pytest
from defusedxml import DTDForbidden, EntitiesForbidden

from importers.guard import UnsafeFileError, check_office_zip, parse_xml


def test_ordinary_docx_passes(tmp_path):
    from docx import Document
    path = tmp_path / "ok.docx"
    Document().save(path)
    assert check_office_zip(path) == path


@pytest.mark.parametrize("name, content, words", [
    ("empty.docx", b"", "空"),
    ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为 .docx"),
    ("legacy.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "加密"),
    ("broken.docx", b"PK\x03\x04 truncated nonsense", "损坏"),
    ("text.xlsx", "一级指标\t二级指标".encode(), "损坏"),
])
def test_bad_files_are_named_and_explained(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsafeFileError) as err:
        check_office_zip(path)
    assert name in str(err.value) and words in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(UnsafeFileError, match="不存在"):
        check_office_zip(tmp_path / "nope.docx")


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    with pytest.raises(UnsafeFileError, match="压缩炸弹"):
        check_office_zip(path)


def test_too_many_members(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(10_001):
            z.writestr(f"m{i}", b"")
    with pytest.raises(UnsafeFileError, match="过多"):
        check_office_zip(path)


def test_xml_entity_tricks_are_refused():
    billion = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><l>&b;</l>'
    with pytest.raises((DTDForbidden, EntitiesForbidden)):
        parse_xml(billion)
    assert parse_xml(b"<a><b>ok</b></a>").find("b").text == "ok"
