import pytest

from models.domain import Unit
from models.units import UnitDirectory, normalise_name, pinyin_initials


@pytest.mark.parametrize("raw, clean", [
    ("政策法规科 (行政审批科)", "政策法规科（行政审批科）"),
    ("政策法规科(行政审批 科)", "政策法规科（行政审批科）"),
    ("  市住建局\n", "市住建局"),
    ("**市发展改革委**", "市发展改革委"),
    ("市\u3000财政局、", "市财政局"),
    ("各县（市、区）人民政府", "各县（市、区）人民政府"),
    ("ＡＢＣ公司", "ABC公司"),
])
def test_normalise_name(raw, clean):
    assert normalise_name(raw) == clean


def test_pinyin_initials():
    assert pinyin_initials("市住建局") == "szjj"
    assert pinyin_initials("12345热线") == "12345rx"


@pytest.fixture
def directory():
    return UnitDirectory([
        Unit(name="市住房城乡建设局", aliases=["市住建局"], sort_key=1),
        Unit(name="市发展改革委", short_name="市发改委", sort_key=2),
        Unit(name="市自然资源规划局", sort_key=3),
        Unit(name="市财政局", sort_key=4),
        Unit(name="政策法规科（行政审批科）", sort_key=5),
    ])


def test_exact_name_and_alias(directory):
    assert directory.exact("市财政局").name == "市财政局"
    assert directory.exact("市住建局").name == "市住房城乡建设局"
    assert directory.exact("市发改委").name == "市发展改革委"
    assert directory.exact("政策法规科(行政审批科)").name == "政策法规科（行政审批科）"
    assert directory.exact("市教育局") is None


def test_find_by_pinyin_initials(directory):
    best = directory.find("zjj")
    assert best[0].unit.name == "市住房城乡建设局"  # through its alias 市住建局 (szjj)
    assert best[0].how == "initials"


def test_find_by_name_initials(directory):
    assert directory.find("czj")[0].unit.name == "市财政局"
    assert directory.find("zcfgk")[0].unit.name == "政策法规科（行政审批科）"


def test_find_fuzzy(directory):
    best = directory.find("市自然资源和规划局")
    assert best[0].unit.name == "市自然资源规划局"
    assert best[0].how == "fuzzy"


def test_find_nothing(directory):
    assert directory.find("") == []
    assert all(m.unit.name != "市财政局" for m in directory.find("xyzq"))


def test_abbreviations_are_suggested_as_duplicates(directory):
    from models.units import is_abbreviation, suggest_duplicates
    assert is_abbreviation("市住建局", "市住房城乡建设局")
    assert not is_abbreviation("市财政局", "市住房城乡建设局")
    short = Unit(name="市住建设局")
    both = UnitDirectory(directory.units + [short])
    assert "市住房城乡建设局" in [u.name for u, _ in suggest_duplicates(both, short)]
