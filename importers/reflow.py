"""Rebuilding paragraphs and table rows from extracted text, before anything else reads it.

Text copied out of PDFs and web pages comes as lines: broken by page width,
interrupted by page furniture (``— 12 —``, ``第3页 共9页``, a running header
repeated at every page), and with tables flattened, one cell per line
(``区住建局 |``) or cells between bars (``1 | 任务 | 区住建局``).  This stage
turns such lines into the lines the rest of the importer expects: page
furniture gone, every table row one tab-separated line, a number printed alone
on its line joined to its text.  :func:`attach_field_lines` then makes label
lines (``牵头单位：区住建局`` under a task) part of the task they follow.
"""
from __future__ import annotations

import re
from collections import Counter

from importers.annotations import FIELD_LINE, FIELD_WITHOUT_VALUE, looks_like_deadline, unbracket_keys
from importers.headings import parse_label
from importers.table_header import DEADLINE, LEAD, NUMBER, RESPONSIBLE, header_role
from importers.unit_list import looks_like_unit_list

_PAGE = re.compile(
    r"^\s*(?:#*\s*page\s*\d+\s*[:：]?"  # # Page 12:
    r"|[-—–－]+\s*\d{1,4}\s*[-—–－]+"  # — 12 —  -12-
    r"|第\s*\d{1,4}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共9页
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/9
    r")\s*$",
    re.IGNORECASE,
)
_LONE_NUMBER = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十百\d]{1,4}\s*[）)]|[一二三四五六七八九十百]{1,4}\s*、|\d{1,3}\s*[.．、]|[①-⑳])\s*$")
_RUNNING_HEADER = 40  # longest running header or footer line
_CELL_END = re.compile(r"\s\|\s*$|^\|\s*$")


def _one_cell(line: str) -> bool:
    """``区住建局 |``: one cell of a table flattened one cell per line (a row has more bars)."""
    return bool(_CELL_END.search(line)) and line.count("|") == 1 and "\t" not in line


# What a government web page prints around a document: breadcrumbs, 发布时间, 【字体：大 中 小】, 打印
_WEB = re.compile(
    r"^\s*(?:首页\s*[>＞»›]|当前位置|您现在的位置|【?\s*字体[:：]|发布时间[:：]|发布日期[:：]|浏览次数[:：]|访问量[:：]"
    r"|分享到|【?\s*打印(?:本页)?\s*】?\s*$|【?\s*关闭(?:窗口)?\s*】?\s*$)"
)


def is_page_marker(line: str) -> bool:
    return bool(_PAGE.match(line))


def drop_page_furniture(lines: list[str]) -> list[str]:
    """Lines without page markers, the running headers printed beside them and web-page furniture.

    A running header is a short line that stands next to a page marker (blank lines
    aside) at two pages or more; it goes wherever it stands (the first page's too)."""
    marks = [i for i, line in enumerate(lines) if is_page_marker(line)]

    def neighbours(i: int) -> list[int]:
        out = []
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and not is_page_marker(lines[j]):
                out.append(j)
        return out

    beside = Counter(lines[j].strip() for i in marks for j in neighbours(i))
    headers = {text for text, n in beside.items()
               if n >= 2 and len(text) <= _RUNNING_HEADER and "\t" not in text and not _CELL_END.search(text)
               and header_role(text) is None}
    drop = set(marks) | {j for j, line in enumerate(lines) if line.strip() in headers}
    drop |= {i for i, line in enumerate(lines) if _WEB.match(line)}
    return [line for i, line in enumerate(lines) if i not in drop]


def join_lone_numbers(lines: list[str]) -> list[str]:
    """``（二）`` alone on its line, its text on the next: one line."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if pending:
            if not line.strip():
                continue
            out.append(pending.strip() + line.strip())
            pending = ""
        elif _LONE_NUMBER.match(line) and "\t" not in line:
            pending = line
        else:
            out.append(line)
    if pending:
        out.append(pending)
    return out


def _cell(text: str) -> str:
    return re.sub(r"\s*\|\s*$", "", text).strip()


def _header_width(cells: list[str]) -> int:
    """How many cells at the start name columns (序号 | 主要工作任务 | 责任单位 …)."""
    n = 0
    while n < len(cells) and header_role(cells[n]) is not None:
        n += 1
    return n if n >= 2 else 0


def cells_per_line(lines: list[str]) -> list[str]:
    """A table flattened one cell per line (each ending `` |``) as tab-separated rows.

    The first cells name the columns and so give the row width; a line without the
    bar continues the cell it stands before; a numbered heading between rows
    (``二、重点工作任务``) stays a line of its own; the header repeated after it is
    kept as a row (the table reader drops repeats)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _one_cell(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        run: list[str] = []  # cells and heading lines, in order
        buffer = ""
        j = i
        while j < len(lines):
            line = lines[j]
            if _one_cell(line):
                run.append(buffer + _cell(line))
                buffer = ""
            elif not line.strip():
                pass
            elif buffer == "" and parse_label(line) is not None and len(line.strip()) <= _RUNNING_HEADER \
                    and j + 1 < len(lines) and _one_cell(lines[j + 1]):
                run.append("\n" + line.strip())  # a heading between rows
            else:
                nxt = next((k for k in range(j + 1, len(lines)) if lines[k].strip()), None)
                if nxt is None or not _one_cell(lines[nxt]):
                    break  # the table has ended
                buffer += line.strip()
            j += 1
        cells = [c for c in run if not c.startswith("\n")]
        width = _header_width(cells)
        if width == 0:
            out.extend(lines[i:j])
            i = j
            continue
        row: list[str] = []
        for c in run:
            if c.startswith("\n"):
                out.append(c[1:])
                continue
            row.append(c)
            if len(row) == width:
                out.append("\t".join(row))
                row = []
        if row:
            out.append("\t".join(row + [""] * (width - len(row))))
        if buffer:
            out.append(buffer)
        i = j
    return out


_BARS = re.compile(r"\s*[|｜]\s*")


def bar_rows(lines: list[str]) -> list[str]:
    """``1 | 任务 | 区住建局 |`` (cells between bars, the outer ones optional) as tab-separated rows."""
    out = []
    for line in lines:
        if "\t" not in line and line.count("|") + line.count("｜") >= 2:
            line = "\t".join(c.strip() for c in _BARS.split(line.strip().strip("|｜")))
        out.append(line)
    return out


_DIGIT_AFTER_NUMBER = re.compile(r"^(\s*)(\d{1,3})([.．])(?=\d)")
_COMPLETE = re.compile(r"[。；;！!？?：:）)〕\]】]\s*$")


def number_before_digits(lines: list[str]) -> list[str]:
    """``4.120急救网络…`` is task 4 (text ``120急救网络…``), not the decimal 4.120, when 4 comes
    next in the count of numbered lines and the line above is complete; ``…控制在`` /
    ``4.5%以内。`` stays a decimal (the sentence above goes on)."""
    out: list[str] = []
    last = 0
    for line in lines:
        label = parse_label(line)
        if label is not None and label.level == 3:
            last = label.number
        m = _DIGIT_AFTER_NUMBER.match(line)
        before = next((o for o in reversed(out) if o.strip()), "")
        if m and int(m.group(2)) == last + 1 and (not before or _COMPLETE.search(before) or FIELD_LINE.match(before)):
            line = f"{m.group(1)}{m.group(2)}{m.group(3)} {line[m.end():]}"
            last += 1
        out.append(line)
    return out


_ROW_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")


def _unit_cell(paragraph: str) -> bool:
    """A cell of units (or the first part of one broken after 、)."""
    text = paragraph.rstrip("、，,")
    if "。" in text or len(text) > 80:
        return False
    return looks_like_unit_list(text) or (text != paragraph and len(text) <= 20 and "，" not in text)


def _fits(role: str | None, paragraph: str) -> bool:
    if role in (LEAD, RESPONSIBLE):
        return _unit_cell(paragraph)
    if role == DEADLINE:
        return looks_like_deadline(paragraph)
    return not _unit_cell(paragraph)


def _row_cells(roles: list[str | None], paragraphs: list[str]) -> tuple[list[str], int]:
    """The paragraphs of one row (number, task, …) shared out over its columns, left to right, and
    how many of them it took: a paragraph continues the column before it when it fits there (more
    text under a text column, the rest of a unit list broken after 、), else goes to the next column
    it fits; one that fits no column left is past the row (the table has ended)."""
    cells = [""] * len(roles)
    cells[:2] = paragraphs[:2]
    last = 1
    for n, p in enumerate(paragraphs[2:], start=2):
        text_column = roles[last] not in (LEAD, RESPONSIBLE, DEADLINE) and last >= 2
        broken_list = cells[last].endswith(("、", "，", ","))
        if (broken_list or text_column) and _fits(roles[last], p):
            cells[last] = f"{cells[last]}{'' if broken_list else chr(10)}{p}"
            continue
        ahead = next((j for j in range(last + 1, len(roles)) if _fits(roles[j], p)), None)
        if ahead is None:
            return cells, n
        last = ahead
        cells[last] = p
    return cells, len(paragraphs)


def paragraph_cells(lines: list[str]) -> list[str]:
    """A table whose every cell is a paragraph of its own (a web page's table copied as text):
    the column names one per line (序号 first), then each row from its number (1, 2, …) to the
    next, as tab-separated rows."""
    filled = [(i, l.strip()) for i, l in enumerate(lines) if l.strip()]
    k = 0
    while k < len(filled):
        i, text = filled[k]
        names: list[str] = []
        while k + len(names) < len(filled) and header_role(filled[k + len(names)][1]) is not None \
                and "\t" not in filled[k + len(names)][1]:
            names.append(filled[k + len(names)][1])
        if len(names) < 3 or header_role(names[0]) != NUMBER or k + len(names) >= len(filled) \
                or _ROW_NUMBER.fullmatch(filled[k + len(names)][1]) is None:
            k += 1
            continue
        roles = [header_role(n) for n in names]
        rows, current, expected = [], None, 1
        j = k + len(names)
        while j < len(filled):
            number = _ROW_NUMBER.fullmatch(filled[j][1])
            if number and int(number.group(1)) == expected:
                current = [filled[j][1]]
                rows.append(current)
                expected += 1
            elif current is not None and not is_page_marker(filled[j][1]):
                current.append(filled[j][1])
            j += 1
        end = filled[j - 1][0] if j - 1 < len(filled) else len(lines) - 1
        out = ["\t".join(names)]
        rest: list[str] = []
        for r in rows:
            cells, used = _row_cells(roles, r)
            out.append("\t".join(cells))
            rest = r[used:]  # paragraphs past the last row
        return lines[:i] + out + rest + paragraph_cells(lines[end + 1:])
    return lines


def reflow(lines: list[str]) -> list[str]:
    """Extracted lines as clean lines: furniture dropped, rows rebuilt, lone numbers joined."""
    lines = cells_per_line(drop_page_furniture([unbracket_keys(line) for line in lines]))
    return number_before_digits(join_lone_numbers(bar_rows(paragraph_cells(lines))))


def is_field_line(text: str) -> bool:
    return bool(FIELD_LINE.match(text))


def attach_field_lines(paragraphs: list[str]) -> list[str]:
    """Label lines under a task (``牵头单位：…`` / ``完成时限：…``) as part of that task's paragraph."""
    out: list[str] = []
    for para in paragraphs:
        if out and FIELD_WITHOUT_VALUE.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()}{para.strip()}"  # 牵头单位： / 区发改委: the value on the next line
        elif out and is_field_line(para):
            out[-1] = f"{out[-1].rstrip().rstrip('；;')}；{para.strip()}"
        else:
            out.append(para)
    return out
