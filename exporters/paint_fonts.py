"""Which installed font stands in for each official font when painting.

The font profile (:class:`exporters.appendix_layout.FontProfile`) names the
fonts an office expects (仿宋_GB2312, 黑体, 方正小标宋简体, 宋体).  On a machine
without them Qt would silently substitute a font with no Chinese glyphs
(DejaVu) and patch in glyphs one by one; here each role goes down a chain of
likely Chinese fonts of the same style, then any installed font that covers
Simplified Chinese, and the printed page and the preview say which font
stood in.  :class:`QFontDatabase` tells what is installed and
:class:`QFontInfo` which family a font request really resolves to.

Needs a ``QGuiApplication``; painting only, never widgets.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

from exporters.appendix_layout import DEFAULT_FONTS, FontProfile

# Style-alike fonts per role, best first: Windows, WPS/信创, macOS, Linux.
_SONG = ["宋体", "SimSun", "NSimSun", "新宋体", "方正书宋_GBK", "Songti SC", "STSong", "华文宋体",
         "Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "AR PL UMing CN", "AR PL SungtiL GB"]
_SANS = ["黑体", "SimHei", "方正黑体_GBK", "Microsoft YaHei", "微软雅黑", "PingFang SC", "STHeiti", "Heiti SC",
         "Noto Sans CJK SC", "Source Han Sans SC", "思源黑体", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"]
_CHAINS = {
    "fangsong": ["仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体",
                 "STFangsong", "华文仿宋", *_SONG, *_SANS],
    "kaiti": ["楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体", "STKaiti",
              "华文楷体", "Kaiti SC", "AR PL UKai CN", "AR PL KaitiM GB", *_SONG, *_SANS],
    "heiti": _SANS + _SONG,
    "title": ["方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "FZXiaoBiaoSong-B05S",
              "华文中宋", "STZhongsong", *_SONG, *_SANS],
    "page_number": _SONG + _SANS,
}
ROLE_NAMES = {"fangsong": "正文", "kaiti": "楷体标题", "heiti": "表头与标签", "title": "标题", "page_number": "页码"}


@dataclass(frozen=True)
class StandIn:
    role: str  # FontProfile attribute
    wanted: str
    used: str

    def describe(self) -> str:
        return f"{self.wanted}（{ROLE_NAMES[self.role]}）未安装，以 {self.used} 代替"


@dataclass(frozen=True)
class ResolvedFonts:
    """The family actually used for each role of a font profile."""

    profile: FontProfile
    fangsong: str
    kaiti: str
    heiti: str
    title: str
    page_number: str
    stand_ins: tuple[StandIn, ...] = ()

    def font(self, role: str, point_size: float) -> QFont:
        font = QFont(getattr(self, role))
        font.setPointSizeF(point_size)
        font.setKerning(False)  # CJK text on a grid; also keeps measured widths additive
        return font

    def describe(self) -> str:
        """One line for the preview and the command line; empty when every font is installed."""
        return "；".join(s.describe() for s in self.stand_ins)


def installed(family: str) -> bool:
    """True when ``family`` is installed under that name (localised names count)."""
    return QFontDatabase.hasFamily(family)


def _chinese_families() -> list[str]:
    return [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
            if not QFontDatabase.isPrivateFamily(f)]


_cache: dict[FontProfile, ResolvedFonts] = {}


def resolve_fonts(profile: FontProfile = DEFAULT_FONTS) -> ResolvedFonts:
    """The installed family for each role of ``profile``, with the stand-ins it took."""
    if profile in _cache:
        return _cache[profile]
    chinese = _chinese_families()
    families: dict[str, str] = {}
    stand_ins: list[StandIn] = []
    for role in ("fangsong", "kaiti", "heiti", "title", "page_number"):
        wanted = getattr(profile, role)
        if installed(wanted):
            families[role] = wanted
            continue
        used = next((f for f in _CHAINS[role] if installed(f)), None)
        if used is None:
            # Any font with Chinese glyphs; the page number only needs digits and dashes.
            used = chinese[0] if chinese else QFontInfo(QFont()).family()
        families[role] = QFontInfo(QFont(used)).family()
        stand_ins.append(StandIn(role, wanted, families[role]))
    resolved = ResolvedFonts(profile, stand_ins=tuple(stand_ins), **families)
    _cache[profile] = resolved
    return resolved


def forget_fonts() -> None:
    """Resolve again next time (after fonts were installed or added)."""
    _cache.clear()
