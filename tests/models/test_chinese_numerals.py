"""Chinese numerals both ways (numbering writes them, the readers of headings and dates read them)."""
from hypothesis import given
from hypothesis import strategies as st

from models.chinese_numerals import chinese_numeral, from_chinese


@given(st.integers(min_value=1, max_value=9999))
def test_every_written_numeral_reads_back(n):
    assert from_chinese(chinese_numeral(n)) == n


def test_reading():
    assert [from_chinese(t) for t in ("一", "十", "十一", "二十", "三十一", "一百零五", "一千零一")] == [1, 10, 11, 20, 31, 105, 1001]
    assert from_chinese("二〇二四") == 2024 and from_chinese("二○二二") == 2022  # years, digit by digit
    assert [from_chinese(t) for t in ("", "零", "十a", "第一")] == [None, None, None, None]
