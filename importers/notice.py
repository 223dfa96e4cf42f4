"""Notices in a document: their metadata, their main text and their annexes.

A notice starts at its title (``…关于印发《…》的通知``), or a little before it
at its 文号 or ``…文件`` line; a file holding several notices (a gazette, a
compilation) is split at each title.  From the opening paragraphs come the
issuer (发文机关), the 文号 (``达市城管发〔2022〕135号``), the title, the
recipients (主送机关, the line ending in a colon), the date and 抄送.  The
notice's text is then cut into sections at ``附件`` / ``附件1`` lines: the main
text and one section per annex, each with its paragraphs and tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.document import Table
from importers.headings import parse_label
from importers.markers import legend_entry
from importers.text_source import squeeze
from importers.unit_list import looks_like_unit_list

_KINDS = r"(?:通知|意见|决定|批复|通报|通告|公告|函|报告)"
# 关于…的通知, …的若干意见, …的指导意见, …的实施意见
_TITLE = re.compile(rf"关于.{{2,100}}?的[\u4e00-\u9fff]{{0,4}}?{_KINDS}$")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"  # CJK with extensions A–H (rare place names)
_DOC_NO = re.compile(rf"[{_HAN}]{{1,14}}[〔\[［(（【]\s*\d{{4}}\s*[〕\]］)）】]\s*\d{{1,4}}\s*号")
_ANNEX = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")


def is_annex_label(text: str) -> bool:
    """``附件`` / ``附件1`` / ``附件2：``: the label over an annex, not its title."""
    return bool(_ANNEX.match(squeeze(text).replace(" ", "")))


_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_FIELD_DATE = re.compile(r"成文日期\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")  # 公文种类: / 相关附件:
_BOOK = re.compile(r"《([^《》]+)》")


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[tuple[Table, str]] = field(default_factory=list)  # (table, its title)
    legend: dict[str, str] = field(default_factory=dict)
    annex: bool = False


@dataclass
class Notice:
    title: str = ""  # the title of what it issues, e.g. 2022年优化营商环境工作方案
    issuer: str = ""
    doc_number: str = ""
    date: str | None = None
    recipients: str = ""
    cc: str = ""
    body: str = ""
    sections: list[Section] = field(default_factory=list)


_COLUMN = re.compile(r"^【[^【】]{1,30}】")  # 【市政府重点工作】…: a web page's column before the title


def _is_title(text: str) -> bool:
    t = _COLUMN.sub("", squeeze(text).replace(" ", ""))
    if len(t) > 150 or not _TITLE.search(t):
        return False
    head = t[: t.find("关于")]
    return head.count("《") == head.count("》")  # 关于 inside 《…》 is a cited document


_TITLE_END = re.compile(rf"{_KINDS}$")
_TITLE_LINE = 60  # longest line of a title broken over lines


def _title_piece(block: str | Table) -> str | None:
    """A block that may be one line of a title broken over lines (squeezed), else None."""
    if not isinstance(block, str):
        return None
    t = squeeze(block).replace(" ", "")
    if not t or len(t) > _TITLE_LINE or t.endswith(("。", "：", ":", "文件")) or _DOC_NO.search(t):
        return None
    return t


_IMPRINT = re.compile(r"^抄\s*送|印\s*发$")


def imprint_as_text(blocks: list[str | Table]) -> list[str | Table]:
    """The 版记 (抄送, 印发机关 and 印发日期) laid out as a one-column table, as paragraphs.

    Word templates put the 版记 in a borderless table to get its rules; it is
    part of the notice, not a list."""
    out: list[str | Table] = []
    for block in blocks:
        if isinstance(block, Table) and block.rows and not block.name:
            lines = [" ".join(c.split()) for row in block.rows for c in row if c.strip()]
            single = all(sum(1 for c in row if c.strip()) <= 1 for row in block.rows)
            if single and lines and any(_IMPRINT.search(squeeze(l)) for l in lines):
                out.extend(lines)
                continue
        out.append(block)
    return out


def join_title_lines(blocks: list[str | Table]) -> list[str | Table]:
    """A title printed on two or three lines (``…关于印发`` / ``《…》的通知``) as one block.

    GB/T 9704 titles over 20 characters break into lines, as separate
    paragraphs or with line breaks inside one; each line alone is no title."""
    out: list[str | Table] = []
    for block in blocks:
        out.append(block)
        last = _title_piece(block)
        if last is None or not _TITLE_END.search(last) or _is_title(last):
            continue
        for k in (2, 3):
            pieces = [_title_piece(b) for b in out[-k:]]
            if len(out) < k or None in pieces:
                break
            joined = "".join(pieces)
            if _is_title(joined):
                out[-k:] = [joined]
                break
    return out


def _notice_starts(blocks: list[str | Table]) -> list[int]:
    starts: list[int] = []
    for i, block in enumerate(blocks):
        if isinstance(block, str) and _is_title(block):
            start = i
            # the red header above a title (…文件, the 文号): short lines only, back to the last notice
            floor = starts[-1] + 1 if starts else 0
            for j in range(i - 1, max(floor, i - 4) - 1, -1):
                b = blocks[j]
                if not isinstance(b, str) or len(squeeze(b)) > 30 or parse_label(b) is not None:
                    break
                if _DOC_NO.fullmatch(squeeze(b)) or squeeze(b).endswith("文件"):
                    start = j
            if not starts or start > starts[-1]:
                starts.append(start)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def _issued_title(title: str) -> str:
    """What a notice issues (关于印发《X》的通知 → X, 关于印发2024年市《政府工作报告》…方案的通知 → the
    whole 2024年市《政府工作报告》…方案); a notice that is the list itself keeps its own title."""
    t = squeeze(title).replace(" ", "")
    issued = re.search(rf"关于(?:印发|转发|下达|公布|调整)(.+)的{_KINDS}$", t)
    if issued is None:
        return t
    name = issued.group(1)
    book = _BOOK.fullmatch(name)
    return book.group(1) if book else name


_LIST_TITLE = re.compile(r"(?:清单|方案|要点|计划|分解|分工|任务|安排|台账|一览表|情况|表)(?:[（(][^（）()]{1,12}[）)])?$")


def _own_title(paras: list[str]) -> str:
    """The title of a list printed without a covering notice: its first short line, before any
    numbered item, that names a list (…任务分解, …工作要点, …清单)."""
    for p in (_COLUMN.sub("", p) for p in paras[:8]):
        if parse_label(p) is not None:
            break
        if len(p) <= 60 and not p.endswith(("。", "：", ":", "；")) and _LIST_TITLE.search(p):
            return p
    return ""


def _metadata(notice: Notice, paras: list[str]) -> None:
    squeezed = [squeeze(p).replace(" ", "") if len(p) < 200 else squeeze(p) for p in paras]
    title_at = next((i for i, p in enumerate(squeezed) if _is_title(p)), None)
    for p in squeezed[:15]:
        m = _DOC_NO.search(p)
        if m:
            notice.doc_number = m.group().replace(" ", "")
            break
    if title_at is None:
        notice.title = _own_title(squeezed)
        return
    title = _COLUMN.sub("", squeezed[title_at])
    notice.title = _issued_title(title)
    notice.issuer = title[: title.find("关于")].strip()
    for p in reversed(squeezed[max(0, title_at - 3):title_at]):
        if not notice.issuer and not _DOC_NO.search(p) and len(p) <= 30:
            notice.issuer = p.removesuffix("文件")
    if not notice.issuer:
        notice.issuer = next((p.removesuffix("文件") for p in squeezed[:title_at] if p.endswith("文件")), "")
    after = title_at + 1
    for i in range(title_at + 1, min(len(squeezed), title_at + 12)):
        p = squeezed[i]
        if p.endswith(("：", ":")) and len(p) > 8 and not _FIELD.match(p) and looks_like_unit_list(p[:-1]):
            notice.recipients = p[:-1]
            after = i + 1
            break
    body = []
    for p in squeezed[after:]:
        if len(p) <= 30 or _ANNEX.match(p) or p.startswith("附件"):
            break
        body.append(p)
    notice.body = "\n".join(body)
    for p in squeezed:
        m = _FIELD_DATE.search(p)
        if m:
            notice.date = "{}-{:02d}-{:02d}".format(*map(int, m.groups()))
            break
    if notice.date is None:
        for p in squeezed[after:]:
            m = _DATE.match(p)
            if m:
                notice.date = "{}-{:02d}-{:02d}".format(*map(int, m.groups()))
                break
    cc = next((p for p in squeezed if p.startswith("抄送")), "")
    notice.cc = re.sub(r"^抄送\s*[:：]?", "", cc).rstrip("。.")


def _table_title(section: Section) -> str:
    """The short paragraph just above a table, else the section's title."""
    if section.paragraphs:
        above = _COLUMN.sub("", squeeze(section.paragraphs[-1]))
        if len(above) <= 80 and not above.endswith("。") and not _ANNEX.match(above):
            return above
    return section.title


def _continues(last: Table, table: Table) -> bool:
    """Word splits a table at page breaks; the parts have the same columns (sheets never continue)."""
    return not table.name and bool(last.rows and table.rows) and len(last.rows[0]) == len(table.rows[0])


def _sections(title: str, blocks: list[str | Table]) -> list[Section]:
    sections = [Section(title)]
    pending_title = False
    last_table: Table | None = None  # the table just before, if only a page break lies between
    for block in blocks:
        current = sections[-1]
        if isinstance(block, Table):
            if last_table is not None and _continues(last_table, block):
                last_table.rows.extend(block.rows)
            else:
                current.tables.append((block, _table_title(current)))
                last_table = block
            pending_title = False
            continue
        text = squeeze(block)
        if _ANNEX.match(text.replace(" ", "")):
            sections.append(Section("", annex=True))
            pending_title, last_table = True, None
            continue
        if pending_title and len(text) <= 60:
            current.title = text
            pending_title = False
        entry = legend_entry(text)
        if entry and current.tables:
            current.legend[entry[0]] = entry[1]
        else:
            last_table = None
        current.paragraphs.append(block)
    return sections


def split_notices(blocks: list[str | Table]) -> list[Notice]:
    blocks = join_title_lines(imprint_as_text(blocks))
    starts = _notice_starts(blocks)
    notices = []
    for a, b in zip(starts, starts[1:] + [len(blocks)]):
        part = blocks[a:b]
        notice = Notice()
        _metadata(notice, [x for x in part if isinstance(x, str)])
        notice.sections = _sections(notice.title, part)
        notices.append(notice)
    return notices
