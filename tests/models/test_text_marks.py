from models.text_marks import marked_runs


def test_replaced_inserted_and_deleted_characters_are_marked():
    before, after = marked_runs("健全工程项目联审机制。", "完善工程项目联审机制，实现并联审批。")
    assert "".join(t for t, _ in before) == "健全工程项目联审机制。"
    assert "".join(t for t, _ in after) == "完善工程项目联审机制，实现并联审批。"
    assert [t for t, changed in before if changed] == ["健全"]
    assert [t for t, changed in after if changed] == ["完善", "，实现并联审批"]


def test_equal_texts_have_no_marks_and_an_empty_side_none():
    assert marked_runs("同一段文字", "同一段文字") == ([("同一段文字", False)], [("同一段文字", False)])
    assert marked_runs("", "新增") == ([], [("新增", True)])
