"""Reading lists from the files offices receive: Word, Excel and text.

``import_file`` is the one entry point: it picks the reader by the file's
suffix, runs the shared guard on the file (:mod:`importers.guard`), turns the
document into plans (:mod:`importers.assemble`) and checks them
(:mod:`importers.checks`).  Nothing here imports Qt or writes to the store;
:func:`importers.into_store.save_import` does that in one transaction.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from importers.assemble import assemble
from importers.checks import run_checks
from importers.guard import DEFAULT_MAX_TASKS, UnsafeFileError, check_file
from importers.result import ImportCancelled, ImportResult, ImportWarning
from importers.script import restore, simplified_view
from importers.table_header import Layout
from models.units import UnitDirectory

__all__ = ["ImportCancelled", "ImportResult", "ImportWarning", "UnsafeFileError", "import_file", "read_document"]

_TEXT = (".txt", ".md", ".text", ".markdown")
_UNSUPPORTED = {
    ".doc": "这是旧版 Word 文档（.doc），请在 Word/WPS 中另存为 .docx 后再导入",
    ".wps": "这是 WPS 文字文档（.wps），请在 WPS 中另存为 .docx 后再导入",
    ".xls": "这是旧版 Excel 工作簿（.xls），请在 Excel/WPS 中另存为 .xlsx 后再导入",
    ".et": "这是 WPS 表格文档（.et），请在 WPS 中另存为 .xlsx 后再导入",
    ".pdf": "PDF 不能直接导入：请在 Word/WPS 中打开后另存为 .docx，或把文字复制到 .txt 文件中再导入",
}


def read_document(path: str | Path, max_tasks: int | None = DEFAULT_MAX_TASKS):
    """The file as paragraphs and tables (:class:`importers.document.SourceDoc`).

    A table with more rows than ``max_tasks`` is refused before it is read."""
    path = check_file(path)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise UnsafeFileError(f"{path}：{_UNSUPPORTED[suffix]}。")
    if suffix in _TEXT:
        from importers.txt_reader import read_txt as reader
    elif suffix == ".docx":
        from importers.docx_reader import read_docx as reader
    elif suffix in (".xlsx", ".xlsm"):
        from importers.xlsx_reader import read_xlsx as reader
    else:
        raise UnsafeFileError(f"{path}：不支持的文件类型（{suffix or '无扩展名'}），请使用 .docx、.xlsx 或 .txt。")
    try:
        return reader(path, max_tasks)
    except UnsafeFileError:
        raise
    except MemoryError:
        raise UnsafeFileError(f"{path}：文件内容过大，内存不足，无法读取。") from None
    except Exception as exc:  # a damaged file: a message, never a traceback (that goes to the log) nor English
        logging.getLogger(__name__).warning("%s：无法读取", path, exc_info=exc)
        raise UnsafeFileError(f"{path}：文件已损坏或格式不正确，无法读取。") from exc


def import_file(path: str | Path, part: str = "all", directory: UnitDirectory | None = None,
                progress: Callable[[float, str], None] | None = None,
                cancel: Callable[[], bool] | None = None, *,
                layout: Layout | None = None, header_row: int = 0,
                include_unannotated: bool = False, max_tasks: int | None = DEFAULT_MAX_TASKS) -> ImportResult:
    """Read a .docx/.xlsx/.txt/.md file into plans with warnings; writes nothing.

    ``part``: "body" (tasks in the text), "table" (appendix tables) or "all".
    ``layout`` maps a table's columns by hand, with its header at row ``header_row``.
    ``include_unannotated`` keeps numbered paragraphs without unit annotations.
    ``max_tasks``: an import of more tasks is refused (None: no limit).
    Raises :class:`UnsafeFileError` for files that cannot be read and
    :class:`ImportCancelled` when ``cancel()`` turns true.
    """
    if part not in ("all", "body", "table"):
        raise ValueError(f"part must be all, body or table, not {part!r}")
    if progress is not None:
        progress(0.02, "读取文件")
    from importers.handdown_reader import read_handdown  # a hand-down workbook is a linked plan, not a table

    result = read_handdown(check_file(path), max_tasks)
    back = None
    if result is None:
        doc = read_document(path, max_tasks)
        if cancel is not None and cancel():
            raise ImportCancelled()
        doc = simplified_view(doc)  # traditional script is read through a simplified copy
        result = assemble(doc, part, layout=layout, header_row=header_row, include_unannotated=include_unannotated,
                          progress=progress, cancel=cancel)
        back = doc.back
    if max_tasks is not None and result.task_count() > max_tasks:
        raise UnsafeFileError(f"{path}：共 {result.task_count()} 项任务，超过一次导入的上限（{max_tasks} 项）；"
                              "请拆分文件，或在命令行用 --max-tasks 提高上限。")
    if back is not None:
        restore(result, back)
    run_checks(result, directory)
    if progress is not None:
        progress(1.0, "完成")
    return result
