"""Text from outside: decoding bytes of unknown encoding and cleaning the lines.

Encodings are tried strictly, never guessed loosely: a byte-order mark, then
UTF-8, then GB18030 (a superset of GBK and GB2312).  Text that is none of them
is refused with a message rather than mangled.

Cleaning removes what PDF and Word extraction leave behind: HTML fragments
(``<p>``), markdown emphasis and headings (``**牵头单位：**``, ``## 标题``),
stray control and zero-width characters and non-breaking spaces.  Tabs are kept: they separate table cells.
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata
from pathlib import Path

from importers.guard import UnsafeFileError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]

_RULE = re.compile(r"^[\s|:：\-—–=_]*$")  # markdown table separators, rules
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"\*\*|__")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_CARET = re.compile(r"\^(?=[\d①-⑳])")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \u00a0\u3000\u2002-\u200a]+")


def decode(data: bytes, path: str | Path = "") -> str:
    """Bytes of a text file to str: BOM, then UTF-8, then GB18030; else refuse."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        raise UnsafeFileError(f"{path}：不是文本文件（含有二进制数据），无法按文本导入。")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnsafeFileError(
        f"{path}：无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK）。请用记事本或 WPS 另存为 UTF-8 后再导入。"
    )


def clean_cell(text: str) -> str:
    """One line or table cell without markup, stray characters or doubled spaces."""
    text = html.unescape(_TAG.sub(" ", text))
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _CARET.sub("", text)
    return clean_typed(text)


# Terminal escape sequences (colour codes …), and the control characters
# str.splitlines() would take for line breaks besides \n and \r.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_BREAKING = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROL = re.compile(f"[\x00-\x08\x0e-\x1f\x7f{_BREAKING}]")


def normalise_controls(text: str) -> tuple[str, int]:
    """Text without control characters, and how many there were.

    Only \n and \r break lines afterwards: a control character at the start or end of a
    line (a form feed between pages) is a line break, one inside a line a space — so a
    vertical tab in a table row neither splits the task nor glues two units together."""
    count = 0

    def line(raw: str) -> str:
        nonlocal count
        cleaned, escapes = _ESCAPE.subn("", raw)
        inner = cleaned.strip(_BREAKING)
        head, tail = cleaned[:len(cleaned) - len(cleaned.lstrip(_BREAKING))], cleaned[len(cleaned.rstrip(_BREAKING)):]
        inner, controls = _CONTROL.subn(" ", inner)
        count += escapes + controls + len(head) + len(tail)
        return "\n" * bool(head) + inner + "\n" * bool(tail)

    return "\n".join(line(raw) for raw in re.split(r"\r\n|\r|\n", text)), count


def clean_typed(text: str) -> str:
    """A Word or Excel cell without stray characters or doubled spaces; line breaks kept.

    What looks like markup (``a<b>&c``, ``**``) was typed so and stays: HTML and
    markdown come only with extracted text (:func:`clean_cell`)."""
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def clean_lines(text: str) -> list[str]:
    """Cleaned lines; rules dropped, blank lines kept as "" (page markers are :mod:`importers.reflow`'s)."""
    out: list[str] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
            raw = "\t".join(stripped[1:-1].split("|"))  # a markdown table row
        if "\t" in raw:
            cells = [clean_cell(c) for c in raw.split("\t")]
            if all(_RULE.match(c) for c in cells):
                continue
            out.append("\t".join(cells))
            continue
        if _RULE.match(raw) and raw.strip():
            continue
        line = _MD_BULLET.sub("", _MD_HEADING.sub("", raw))
        out.append(clean_cell(line))
    return out


def squeeze(text: str) -> str:
    """Remove the spaces PDF extraction puts between Chinese characters and digits.

    A space between two Latin words or numbers stays (``APP 运用`` loses it,
    ``Windows 10`` keeps it).
    """
    return re.sub(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])", "", text).strip()


_BRACKET_PAIRS = {"（": "）", "(": ")", "〔": "〕", "[": "]", "【": "】", "［": "］", "《": "》"}
_TERMINAL = "。；！？：:;!?…”’）)〕]】》"
_TITLE_END = re.compile(r"(?:通\s*知|意\s*见|决\s*定|方\s*案|办\s*法|清\s*单|要\s*点|计\s*划|规\s*划|批\s*复|函)$")


def unbalanced(text: str) -> bool:
    """More brackets opened than closed (a sentence broken inside a bracket)."""
    return sum(text.count(o) for o in _BRACKET_PAIRS) > sum(text.count(c) for c in _BRACKET_PAIRS.values())


_NAME_TAIL = re.compile(r"^(?:局|委|办|处|科|室|队|所|站|院|会|部|厅|团|中心|公司|集团|政府)(?:[，,、；;。）)]|$)")


def _unfinished(line: str, nxt: str, starts_item) -> bool:
    if "\t" in line or "\t" in nxt:
        return False
    if _NAME_TAIL.match(nxt) and not line.endswith(tuple(_TERMINAL)):
        return True  # 区自然资源 / 局，区财政局: a unit name broken by the page width
    if unbalanced(line) and not starts_item(nxt):
        return True
    if line.endswith(("，", "、", ",")):
        return True
    if line.endswith(tuple(_TERMINAL)) or _TITLE_END.search(line) or starts_item(nxt):
        return False
    return len(squeeze(line)) >= 20


def join_broken(lines: list[str], starts_item) -> list[str]:
    """Paragraphs from lines broken by page width: a line that stops mid-sentence
    (no closing punctuation, an open bracket, a trailing comma) is joined with the
    next non-empty line unless that one starts a numbered item (``starts_item``).
    Blank lines are dropped; tab-separated rows are kept apart."""
    out: list[str] = []
    pending = ""
    for line in (l for l in lines if l.strip()):
        if pending and _unfinished(pending, line, starts_item):
            ascii_gap = re.search(r"[A-Za-z0-9]$", pending) and re.match(r"[A-Za-z0-9]", line)
            pending = pending + (" " if ascii_gap else "") + line
            continue
        if pending:
            out.append(pending)
        pending = line
    if pending:
        out.append(pending)
    return out


_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}


def full_width(text: str) -> str:
    """Half-width punctuation in Chinese text as full-width (``(单位)`` → ``（单位）``).

    Between two ASCII letters or digits it stays (``6:2:2``, ``1,000``).
    """
    out = []
    for i, ch in enumerate(text):
        if ch in _FULL:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                ch = _FULL[ch]
        out.append(ch)
    return "".join(out)


def tidy(text: str) -> str:
    """A text field as stored: extraction spaces removed, punctuation full-width."""
    return squeeze(full_width(squeeze(text)))


_TITLE_WORDS = re.compile(r"副|长|书记|主任|委员|常务|秘书")


def leader_text(cell: str) -> str:
    """王琪 马泽波 → 王琪、马泽波 (two people, never 王琪马泽波); 刘华 彬 → 刘华彬 (a name broken
    by extraction); 常务 副县长 → 常务副县长 (a title)."""
    parts = cell.split()
    if len(parts) >= 2 and all(2 <= len(p.strip("、，,")) <= 4 for p in parts) and not any(
            _TITLE_WORDS.search(p) for p in parts):
        return "、".join(p.strip("、，,") for p in parts)
    return squeeze("".join(parts))
