"""Splitting a printed list of units into names.

Lists are split on 、 ， , ； ; but never inside brackets, so that
``政策法规科（行政审批科）`` and ``各县（市、区）人民政府`` stay whole.  A few
printed forms are joined back: ``直属一、二大队`` (numerals enumerated inside
one name) and ``市、县两级司法局``.  ``A等市级有关部门（单位）`` gives ``A`` and
the umbrella ``市级有关部门（单位）``; umbrella phrases are kept as units.
"""
from __future__ import annotations

import re

from models.units import is_umbrella, normalise_name

OPEN = "（(〔[【［《“‘"
CLOSE = "）)〕]】］》”’"
SEPARATORS = "、，,；;"
_NUMERAL_END = re.compile(r"[一二三四五六七八九十]$")
_NUMERAL_START = re.compile(r"^[一二三四五六七八九十]")
_LEVEL = re.compile(r"^[市县区乡镇省]$")
_ETC = re.compile(r"^(.+?)等(.*)$")
_AND_EACH = re.compile(r"(?:及|以及)(?=各|其他|其它|相关|有关)")
_BEFORE_EACH = re.compile(r"(?<=[）)])(?=各)")
_LEADING = re.compile(r"^(?:由|请|和|及|以及)")
_TRAILING = re.compile(r"(?:等|负责|牵头|配合|参与|落实)+$")
UNIT_STARTS = ("市", "县", "区", "省", "各", "中", "国", "人", "团")
# 各县(区)人民政府  市中级人民法院: a space between a finished name and the next one
SPACE_SEPARATOR = re.compile(r"(?<=[局委办处科室队所站府院会部行社厅团联心司])\s+(?=[市县区省各中国人团])")
_GENERIC = {"单位", "部门", "企业", "科室", "处室", "机构"}
_NONE = {"无", "——", "—", "-", "/", "／"}

UNIT_SUFFIXES = (
    "局", "委", "办", "处", "科", "室", "队", "所", "站", "中心", "集团", "公司", "府", "院", "会", "部", "行",
    "社", "厅", "团", "联", "组", "区", "县", "市", "镇", "街道", "企业", "部门", "单位", "馆", "台", "校",
    "机构", "分局", "支行", "海关", "法院", "检察院", "银行", "协会", "成员单位", "学校", "医院",
    "署", "中央", "乡", "村", "社区", "大学", "人大", "政协", "园区", "总社", "公安", "军区", "科协",
)


def split_top_level(text: str, separators: str = SEPARATORS) -> list[str]:
    """Pieces of ``text`` between separators that are outside brackets."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def _base(name: str) -> str:
    """A name without its trailing bracket: 市级各部门（单位） → 市级各部门."""
    return re.sub(r"[（(][^（）()]*[）)]$", "", name.strip())


def _rejoin(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if out and (
            (_NUMERAL_END.search(out[-1]) and _NUMERAL_START.match(piece))  # 直属一、二大队
            or (_LEVEL.match(out[-1]) and ("两级" in piece or "三级" in piece))  # 市、县两级司法局
            or piece in _GENERIC  # 各三级指标牵头科室、单位
            or (re.search(r"所有|各", out[-1]) and not _base(out[-1]).endswith(UNIT_SUFFIXES))  # 所有供水、供气企业
        ):
            out[-1] = f"{out[-1]}、{piece}"
        else:
            out.append(piece)
    return out


def _expand(piece: str) -> list[str]:
    """One piece may hold ``A等B`` (B an umbrella) or ``A及各B`` or ``A（单位）各B``."""
    names: list[str] = []
    for part in _BEFORE_EACH.split(piece):
        for sub in _AND_EACH.split(part):
            m = _ETC.match(sub)
            rest = _LEADING.sub("", m.group(2)) if m else ""  # A等和各省级人民政府: 和 joins, no name
            if rest in _GENERIC:
                rest = ""  # A等部门: A and others like it, no unit of its own
            if m and (not rest or is_umbrella(rest)):
                names.append(m.group(1))
                if rest:
                    names.append(rest)
            else:
                names.append(sub)
    return names


_LEVELS_LISTED = re.compile(r"各?[省市州盟县区旗乡镇](?:、[省市州盟县区旗乡镇])+(?=(?:人民)?政府|两级|三级|级)")  # 各县、市、区政府
_KEPT = "\ue000"


def split_units(text: str) -> list[str]:
    """Canonical unit names in print order, duplicates dropped."""
    out: list[str] = []
    text = SPACE_SEPARATOR.sub("、", text)
    text = _LEVELS_LISTED.sub(lambda m: m.group().replace("、", _KEPT), text)
    for piece in _rejoin([p.replace(_KEPT, "、") for p in split_top_level(text)]):
        for name in _expand(piece):
            name = _TRAILING.sub("", _LEADING.sub("", normalise_name(name)))
            name = normalise_name(name)
            if name and name not in _NONE and name not in out:
                out.append(name)
    return out


def split_comma_groups(text: str) -> tuple[str, str]:
    """Text before and after the first full-width comma outside brackets (half-width if none)."""
    for comma in ("，", ","):
        pieces = split_top_level(text, comma)
        if len(pieces) > 1:
            return pieces[0], comma.join(pieces[1:])
    return text, ""


def looks_like_unit(name: str) -> bool:
    """A name that ends like a unit name or is an umbrella phrase."""
    return is_umbrella(name) or _base(name).endswith(UNIT_SUFFIXES)


def looks_like_unit_list(text: str) -> bool:
    """Most of the names in ``text`` look like units."""
    names = split_units(text)
    if not names:
        return False
    good = sum(1 for n in names if looks_like_unit(n) and len(n) <= 40)
    return good * 2 > len(names) or (good >= 1 and len(names) <= 2 and all(len(n) <= 20 for n in names))


_STRONG_ENDS = ("局", "委", "办", "公司", "集团", "中心", "院", "厅", "政府", "管委会", "支行", "分行", "处", "科", "所",
                "站", "队", "部", "会")


def split_run_on(name: str, known: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Two unit names printed with no separator (``市财政局国网曹州供电公司``) as two; one name stays.

    A split needs a left part that ends like a unit and a right part of four characters or more
    that is a unit name of its own: known, or starting as names do (市 县 区 国 …) or with a place
    the left part names (中石油达州天然气有限责任公司 / 达州水务集团).  A known name is never split."""
    if name in known or len(name) < 8 or any(ch in name for ch in OPEN + SEPARATORS):
        return [name]
    for p in range(len(name) - 4, 3, -1):
        left, right = name[:p], name[p:]
        if not left.endswith(_STRONG_ENDS) or not _base(right).endswith(UNIT_SUFFIXES):
            continue
        if right in known or right.startswith(UNIT_STARTS) or right[:2] in left[:-2]:
            return split_run_on(left, known) + [right]
    return [name]
