"""What a table cell holds, judged by its content: a deadline, units, a leader, or text.

Used to realign rows whose cells slipped into the wrong columns when a PDF
was turned into text, and to tidy cell values as they are stored.
"""
from __future__ import annotations

import re

from importers.annotations import looks_like_deadline
from importers.text_source import squeeze, tidy
from importers.unit_list import (
    SPACE_SEPARATOR, UNIT_STARTS, looks_like_unit, looks_like_unit_list, split_top_level, split_units,
)

DEADLINE, UNITS, LEADER, TEXT = "deadline", "units", "leader", "text"
PLACEHOLDERS = {"无", "—", "——", "-", "/", "／", "——/——"}  # a cell saying "nothing here"
_TAIL_WORDS = ("有限", "公司", "集团", "管理", "理处", "局", "委", "办", "会", "中心", "处", "科", "队", "政府", "人民政府")


_LEADER_WORDS = re.compile(r"市长|副市|常务|书记|主任|局长|县长|区长|秘书长")


def value(cell: str) -> str:
    """A cell's text, "" for placeholders such as 无 (spaces kept: they may separate names).

    Runs of blanks become one space; line breaks typed in a Word or Excel cell stay."""
    text = "\n".join(" ".join(line.split()) for line in cell.split("\n")).strip()
    return "" if squeeze(text) in PLACEHOLDERS else text


def kind(cell: str) -> str:
    compact = cell.replace(" ", "")
    if len(compact) <= 10 and _LEADER_WORDS.search(compact):
        return LEADER
    if looks_like_deadline(cell) and not looks_like_unit_list(cell):
        return DEADLINE
    if looks_like_unit_list(cell):
        return UNITS
    if len(compact) <= 10 and "。" not in compact and "，" not in compact:
        return LEADER
    return TEXT


def typed(cell: str) -> str:
    """Text typed in a Word or Excel cell as stored: as typed, line by line.

    Only spaces next to Chinese characters go (spacing, never words); the
    punctuation keeps its width and line breaks stay, unlike text extracted
    from PDFs (:func:`importers.text_source.tidy`)."""
    return "\n".join(squeeze(line) for line in cell.split("\n")).strip()


def as_text(cell: str, typed_cell: bool = False) -> str:
    """A text field as stored; a formula (=…) from a workbook stays exactly as written.

    ``typed_cell``: the cell comes from a Word or Excel table (see :func:`typed`)."""
    if cell.startswith("="):
        return cell
    return typed(cell) if typed_cell else tidy(cell).replace(" ", "")


def deadline_text(cell: str, typed_cell: bool = False) -> str:
    return as_text(cell, typed_cell)


def is_fragment(cell: str) -> bool:
    """The rest of a unit name broken over a page (理处, 有限责任公司, 会)."""
    text = cell.replace(" ", "")
    return len(split_top_level(text)) == 1 and (len(text) <= 3 or text.startswith(_TAIL_WORDS))


def completes(previous: str, fragment: str) -> bool:
    """Does ``fragment`` finish the last unit name of ``previous`` (or repeat its end)?"""
    prev = previous.replace(" ", "")
    if prev.endswith(fragment.replace(" ", "")):
        return True
    names = split_units(prev)
    return bool(names) and not looks_like_unit(names[-1])


def joins_name(previous: str, fragment: str) -> str:
    """``previous`` with ``fragment`` appended, unless it already ends with it."""
    prev, frag = previous.rstrip(), fragment.strip()
    if not frag or prev.replace(" ", "").endswith(frag.replace(" ", "")):
        return previous
    return prev + frag


def continues_deadline(cell: str) -> bool:
    """并持续推进: the rest of a deadline broken over rows."""
    return cell.lstrip().startswith(("并", "及", "和", "前", "底"))


def split_carry(previous: str, cell: str) -> tuple[str, str]:
    """(the rest of the previous row's units, this row's own units) in one cell.

    ``作局、资阳银保监分局、各县(区)人民政府  市中级人民法院、…`` under a row
    that ended in ``市金融工``: extraction put the end of the row above and
    this row's list into one cell.  A fragment alone is all carry."""
    if not previous or not cell:
        return "", cell
    first = (split_top_level(cell)[0].split() or [""])[0]
    if not first or first.startswith(UNIT_STARTS) or not completes(previous, first):
        return "", cell
    m = SPACE_SEPARATOR.search(cell)
    if m:
        return cell[:m.start()], cell[m.end():]
    return (cell, "") if is_fragment(cell) else ("", cell)


def is_sentence(cell: str) -> bool:
    return len(cell) > 20 or bool(re.search(r"[。；]", cell))
