"""Official fonts, and the Chinese font that stands in when one is missing."""
from PySide6.QtGui import QFontDatabase, QFontInfo

from exporters.appendix_layout import FontProfile
from exporters.paint_fonts import installed, resolve_fonts


def test_missing_official_fonts_get_a_chinese_stand_in(qapp):
    fonts = resolve_fonts()
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for role in ("fangsong", "kaiti", "heiti", "title"):
        family = getattr(fonts, role)
        assert QFontInfo(fonts.font(role, 12)).family() == family
        if not installed(getattr(fonts.profile, role)):
            assert family in chinese
    wanted = {s.wanted for s in fonts.stand_ins}
    assert wanted == {getattr(fonts.profile, r) for r in ("fangsong", "kaiti", "heiti", "title", "page_number")
                      if not installed(getattr(fonts.profile, r))}
    if fonts.stand_ins:
        assert "未安装，以" in fonts.describe()


def test_an_installed_font_is_used_as_is(qapp):
    family = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)[0]
    profile = FontProfile("here", family, family, family, family, family)
    fonts = resolve_fonts(profile)
    assert fonts.stand_ins == () and fonts.describe() == ""
    assert fonts.fangsong == family
