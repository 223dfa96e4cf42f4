"""Tests for models.deadlines.

SEED_TABLE holds every distinct deadline string found in the four seed documents
(shared/seeds beside the repository), each with the reading expected by a human, not the parser's output.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest
from hypothesis import given, strategies as st

from models.deadlines import ONGOING_PHRASE, Deadline, format_deadline, parse_deadline

from helpers.factories import SEEDS


def case(text, kind, *dates, ongoing=False, recurring=None):
    """One expected reading: kind, milestones (ISO strings), ongoing flag, recurring phrase."""
    return (text, kind, tuple(datetime.date.fromisoformat(d) for d in dates), ongoing, recurring)


# fmt: off
SEED_000 = [
    # 〔…完成时限：…〕 annotations in the body
    case("2022年9月30日前并长期保持", "date", "2022-09-30", ongoing=True),
    case("2022年6月30日前并长期保持", "date", "2022-06-30", ongoing=True),
    case("2022 年 9 月 30 日前并长期保持", "date", "2022-09-30", ongoing=True),
    # appendix table, column 完成时限
    case("2022年9月", "date", "2022-09-30"),
    case("2022年6月", "date", "2022-06-30"),
    case("2022 年 6 月", "date", "2022-06-30"),
    case("2022年9 月", "date", "2022-09-30"),
    case("长期保持", "ongoing", ongoing=True),
    case("2023 年 9 月", "date", "2023-09-30"),
    case("", "empty"),  # merged cells (also seed 003)
    # deadline-like phrases in the text: 时序安排 stages, item 56, 工作要求
    case("2022 年 5 月 10 日至 2022 年 5 月 20 日", "date", "2022-05-20"),
    case("2022 年 5 月 20 日至 2022 年 9 月 30 日", "date", "2022-09-30"),
    case("2022年10月1日至2022年11月30日", "date", "2022-11-30"),
    case("2022年7月1日前", "date", "2022-07-01"),
    case("2022年12月1日前", "date", "2022-12-01"),
    case("每月 15 日前", "recurring", recurring="每月15日前"),
    case("每季度第二月前", "recurring", recurring="每季度第二月前"),
    case("每年 7 月 1 日前", "recurring", recurring="每年7月1日前"),
    case("12 月 1 日前", "unparsed"),  # no year anywhere: cannot be placed
    case("每月", "recurring", recurring="每月"),  # also seeds 003 and 004
]

SEED_001 = [
    # (责任单位:…;完成时限:…) annotations
    case("2019年10月底前", "date", "2019-10-31"),
    case("2019年底前推出500个高频事项实现移动办理,2020年推出200个", "date", "2019-12-31", "2020-12-31"),
    case("2019年12月完成", "date", "2019-12-31"),
    case("2019年8月完成", "date", "2019-08-31"),
    case("2019年9月底前", "date", "2019-09-30"),
    case("2019年12月底前推出100个服务指南,2020年推出100个", "date", "2019-12-31", "2020-12-31"),
    case("2019年7月完成", "date", "2019-07-31"),
    case("2019年12月底前", "date", "2019-12-31"),
    case("2019年11月底前", "date", "2019-11-30"),
    case("2020年12月底前", "date", "2020-12-31"),  # also seed 004
    case("持续推进", "ongoing", ongoing=True),  # also seed 003
    case("2020年6月底前", "date", "2020-06-30"),
    case("2019年8月15日前", "date", "2019-08-15"),
    case("2019年11月底前制定发布", "date", "2019-11-30"),
    case("2019年11月底前启动并持续推进", "date", "2019-11-30", ongoing=True),
    case("2020年10月底前", "date", "2020-10-31"),
    case("2020年3月底前", "date", "2020-03-31"),
    case("2019年8月底", "date", "2019-08-31"),
    case("2019年10月底前围绕社会关切推出100项套餐式、主题式服务,2020年再推出100项。",
         "date", "2019-10-31", "2020-12-31"),
    case("2019年12月底前完成并持续推进", "date", "2019-12-31", ongoing=True),
    case("2019年10月底前完成身份认证系统功能改造和对标行动方案规定的22项高频事项相关证照归集,其余持续推进",
         "date", "2019-10-31", ongoing=True),
    # deadline-like phrases in the text
    case("2019年8月底前", "date", "2019-08-31"),
    case("2019年7月底前", "date", "2019-07-31"),
    case("2019年底前", "date", "2019-12-31"),
    case("2019年底", "date", "2019-12-31"),
    case("2020年底前", "date", "2020-12-31"),  # also seed 004
    case("2020年底", "date", "2020-12-31"),
    case("到2020年底", "date", "2020-12-31"),
    case("每季度", "recurring", recurring="每季度"),  # also seed 004
    case("每半年", "recurring", recurring="每半年"),
]

SEED_003 = [
    # table column 完成时限, cells as extracted (HTML fragments included)
    case("2021年12月", "date", "2021-12-31"),
    case("2021年12月并持续推进", "date", "2021-12-31", ongoing=True),
    case("2021年8月", "date", "2021-08-31"),
    case("2021年12月 并持续推进", "date", "2021-12-31", ongoing=True),
    case("2021年6月", "date", "2021-06-30"),
    case("2021年8月 并 持续推进", "date", "2021-08-31", ongoing=True),
    case("2021年10月", "date", "2021-10-31"),
    case("2021年6月并 持续推进", "date", "2021-06-30", ongoing=True),
    case("2021年5月", "date", "2021-05-31"),
    case("<p>2021年12月并持续推进</p>", "date", "2021-12-31", ongoing=True),
    case("2021年7月 并 持续推进", "date", "2021-07-31", ongoing=True),
    case("2021 年 12 月", "date", "2021-12-31"),
    case("2021年6月 并 持续推进", "date", "2021-06-30", ongoing=True),
    case("<p>2021年12月</p>", "date", "2021-12-31"),
    case("2021年5月并 持续推进", "date", "2021-05-31", ongoing=True),
    case("2021年9月", "date", "2021-09-30"),
    case("2021年5月 并  持续推进", "date", "2021-05-31", ongoing=True),
    case("2021年7月", "date", "2021-07-31"),
    case("<p>2021年6月</p>", "date", "2021-06-30"),
    case("无", "unparsed"),  # (十六)电力价格 etc.: "none", not a deadline
    case("<p>2021年12月 并持续推进</p>", "date", "2021-12-31", ongoing=True),
    case("并 持续推进", "ongoing", ongoing=True),  # second half of a cell split over two rows
    case("2021年7月并 持续推进", "date", "2021-07-31", ongoing=True),
    case("并持续推进", "ongoing", ongoing=True),
    case("2021 年 6 月 并 持续推进", "date", "2021-06-30", ongoing=True),
    case("2021年11月并持续推进", "date", "2021-11-30", ongoing=True),
    case("2021 年 8 月", "date", "2021-08-31"),
    case("2021年10月并持续推进", "date", "2021-10-31", ongoing=True),
    case("<p>2021年7月并持续推进</p>", "date", "2021-07-31", ongoing=True),
    case("持续推进(套餐式注销按照省市场监管局的安排部署推进)", "ongoing", ongoing=True),
    case("2021 年 6 月", "date", "2021-06-30"),
    case("2021年12月底前", "date", "2021-12-31"),
    case("2021年8月并 持续推进", "date", "2021-08-31", ongoing=True),
    case("2021年5月 并 持续推进", "date", "2021-05-31", ongoing=True),
    case("2022年12月", "date", "2022-12-31"),
    case("2021年9月并持续推进", "date", "2021-09-30", ongoing=True),
    case("2021年5月 并持续推进", "date", "2021-05-31", ongoing=True),
    case("<p>2021年12月底前并持续推进</p>", "date", "2021-12-31", ongoing=True),
    case("2021年7月并", "date", "2021-07-31"),  # first half of a split cell
    case("2021年11月 并持续推进", "date", "2021-11-30", ongoing=True),
    case("2021年10月 并持续推进", "date", "2021-10-31", ongoing=True),
    case("<p>持续推进</p>", "ongoing", ongoing=True),
    case("<p>2021年7月 并 持续推进</p>", "date", "2021-07-31", ongoing=True),
    case("<p>2021年7月 并 动态调整</p>", "date", "2021-07-31", ongoing=True),
    # cells split over two rows (items 31, 108, 196, 229, 282, 292), rejoined with the line break
    case("2021年12月\n并持续推进", "date", "2021-12-31", ongoing=True),
    case("2021年7月\n并 持续推进", "date", "2021-07-31", ongoing=True),
    case("2021年9月\n并 持续推进", "date", "2021-09-30", ongoing=True),
    case("2021年7月并\n持续推进", "date", "2021-07-31", ongoing=True),
    case("2021年8月\n并 持续推进", "date", "2021-08-31", ongoing=True),
    # deadline-like phrases in the notice text and in the measures
    case("12月底前", "unparsed"),  # months without any year: unparsed unless default_year is given
    case("12 月底前", "unparsed"),
    case("6月底前", "unparsed"),
    case("6 月底前", "unparsed"),
    case("7 月底前", "unparsed"),
    case("10月底前", "unparsed"),
    case("5月底前", "unparsed"),
    case("12 月\n\n底前", "unparsed"),
    case("6 月 30 日前", "unparsed"),
    case("到 2021 年底", "date", "2021-12-31"),
    case("2021年底前", "date", "2021-12-31"),
    case("到2021年底前", "date", "2021-12-31"),
    case("从2021年6月1日起", "unparsed"),  # a start date, not a deadline
    case("6月起", "unparsed"),
    case("每年", "recurring", recurring="每年"),
    case("常态化", "ongoing", ongoing=True),
]

SEED_004 = [
    # trailing （units，deadline）
    case("2020 年 10 月底前", "date", "2020-10-31"),
    case("2020 年 11 月底前", "date", "2020-11-30"),
    case("2020 年 12 月底前", "date", "2020-12-31"),
    # 2020年12月底前, 2020年底前, 每月, 每季度: listed above (seed 001 / 000)
]
# fmt: on

SEED_TABLE = SEED_000 + SEED_001 + SEED_003 + SEED_004


def test_seed_table_strings_are_distinct():
    texts = [row[0] for row in SEED_TABLE]
    assert len(texts) == len(set(texts)) == 118


@pytest.mark.parametrize(("text", "kind", "milestones", "ongoing", "recurring"), SEED_TABLE)
def test_seed_deadlines(text, kind, milestones, ongoing, recurring):
    deadline = parse_deadline(text)
    assert deadline.text == text
    assert deadline.kind == kind
    assert deadline.milestones == milestones
    assert deadline.ongoing is ongoing
    assert deadline.recurring == recurring
    assert deadline.due == (milestones[0] if milestones else None)
    assert deadline.parsed is (kind != "unparsed")


def _seed_deadline_strings() -> set[str]:
    """Re-extract deadline strings from the seed files (same sources as SEED_TABLE)."""
    found: set[str] = set()
    for path in sorted(SEEDS.glob("00[0-4]_*.txt")):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"完成时限[*]*[：:][*]*\s*([^〕\]）)]*)[〕\]）)]", text))
        found.update(re.findall(r"，\s*(20\d\d[^，（）]*?)）\s*$", text, flags=re.M))
        for line in text.splitlines():
            if "\t" not in line:
                continue
            for cell in (c.strip() for c in line.split("\t")):
                if re.fullmatch(r"(<p>)?(20\d\d ?年|并|持续|长期|无<|无$).{0,40}", cell):
                    found.add(cell)
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_table_covers_every_seed_deadline():
    missing = _seed_deadline_strings() - {row[0] for row in SEED_TABLE}
    assert not missing


RULES = [
    case("2022年9月30日前并长期保持", "date", "2022-09-30", ongoing=True),
    case("2021年12月底前", "date", "2021-12-31"),
    case("2021 年 12 月", "date", "2021-12-31"),
    case("2022年6月中旬", "date", "2022-06-20"),
    case("2022年6月上旬", "date", "2022-06-10"),
    case("2022年6月下旬", "date", "2022-06-30"),
    case("2024年2月底", "date", "2024-02-29"),
    case("2023年2月末", "date", "2023-02-28"),
    case("2019年", "date", "2019-12-31"),
    case("2019年年底", "date", "2019-12-31"),
    case("2019年末", "date", "2019-12-31"),
    case("2020年上半年", "date", "2020-06-30"),
    case("2020年下半年", "date", "2020-12-31"),
    case("2021年第一季度", "date", "2021-03-31"),
    case("2021年一季度末", "date", "2021-03-31"),
    case("2021年第3季度", "date", "2021-09-30"),
    case("2021年三季度、四季度", "date", "2021-09-30", "2021-12-31"),
    case("2021年6月并 持续推进", "date", "2021-06-30", ongoing=True),
    case("长期坚持", "ongoing", ongoing=True),
    case("持续开展", "ongoing", ongoing=True),
    case("常态化推进", "ongoing", ongoing=True),
    case("2020年3月底前、6月底前", "date", "2020-03-31", "2020-06-30"),
    case("2020年3月底前，9月底前", "date", "2020-03-31", "2020-09-30"),
    case("2020年3月底前，2021年6月", "date", "2020-03-31", "2021-06-30"),
    case("每月15日前", "recurring", recurring="每月15日前"),
    case("每年12月底前", "recurring", recurring="每年12月底前"),
    case("2020年3月，每年12月底前", "date", "2020-03-31", recurring="每年12月底前"),
    case("每季度并长期保持", "recurring", ongoing=True, recurring="每季度"),
    case("二〇二二年九月底前", "date", "2022-09-30"),
    case("2021年十二月", "date", "2021-12-31"),
    case("2021年三月、十二月", "date", "2021-03-31", "2021-12-31"),
    case("二〇二一年十月二十日前", "date", "2021-10-20"),
    case("２０２１年１２月３１日", "date", "2021-12-31"),
    case("2021\u3000年\u30006 月", "date", "2021-06-30"),
    case("2021\n年6\r\n月底前", "date", "2021-06-30"),
    case("2022年5月10日至2022年5月20日", "date", "2022-05-20"),
    case("2022年5月10日至5月20日", "date", "2022-05-20"),
    case("2022年5月10日—2022年6月", "date", "2022-06-30"),
    case("2021年12月、2021年12月", "date", "2021-12-31"),
    case("按上级要求", "unparsed"),
    case("根据工作进度", "unparsed"),
    case("3个月内", "unparsed"),
    case("2022年2月30日", "unparsed"),
    case("2022年2月30日前并长期保持", "unparsed"),
    case("2022年13月", "unparsed"),
    case("2022年0月", "unparsed"),
    case("2022年初", "unparsed"),
    case("2022年6月初", "unparsed"),
    case("2022年初步建成", "date", "2022-12-31"),
    case("2022年年中前", "date", "2022-06-30"),
    case("12345热线", "unparsed"),
    case("1899年12月", "unparsed"),
    case("   ", "empty"),
]


@pytest.mark.parametrize(("text", "kind", "milestones", "ongoing", "recurring"), RULES)
def test_rules(text, kind, milestones, ongoing, recurring):
    deadline = parse_deadline(text)
    assert (deadline.text, deadline.kind, deadline.milestones, deadline.ongoing, deadline.recurring) == (
        text, kind, milestones, ongoing, recurring)


def test_none_is_empty():
    deadline = parse_deadline(None)
    assert deadline == Deadline("")
    assert deadline.kind == "empty" and deadline.parsed and deadline.due is None


def test_default_year_places_bare_months():
    assert parse_deadline("12月底前", default_year=2021).milestones == (datetime.date(2021, 12, 31),)
    assert parse_deadline("一季度末", default_year=2021).due == datetime.date(2021, 3, 31)
    assert parse_deadline("十二月", default_year=2022).due == datetime.date(2022, 12, 31)
    # a year written in the text wins over default_year
    assert parse_deadline("2020年3月、6月", default_year=2021).milestones == (
        datetime.date(2020, 3, 31), datetime.date(2020, 6, 30))
    assert parse_deadline("12月底前", default_year=10**6).kind == "unparsed"


@pytest.mark.parametrize("text, due", [
    # dates typed with dots, dashes or slashes in a text cell (Excel lists)
    ("2025.6.30", datetime.date(2025, 6, 30)), ("2025-12-31", datetime.date(2025, 12, 31)),
    ("2025/6/30前", datetime.date(2025, 6, 30)), ("2025.6", datetime.date(2025, 6, 30)),
    ("2025-6-30至2025-12-31", datetime.date(2025, 12, 31)),
    # 年内 / 全年: by the end of the year written, else of the list's year
    ("2025年内", datetime.date(2025, 12, 31)), ("年内完成", datetime.date(2024, 12, 31)),
    ("全年", datetime.date(2024, 12, 31)),
])
def test_numeric_dates_and_within_the_year(text, due):
    assert parse_deadline(text, default_year=2024).due == due


@pytest.mark.parametrize("text", ["三年内完成", "3年内", "1.5倍"])
def test_within_years_and_decimals_are_no_dates(text):
    """三年内 is within three years from an unknown start: never guessed."""
    assert parse_deadline(text, default_year=2024).kind == "unparsed"


def test_a_range_of_years_with_a_dash_ends_with_its_last_year():
    assert parse_deadline("2025-2026年完成").due == datetime.date(2026, 12, 31)


def test_deadline_is_frozen():
    deadline = parse_deadline("2021年12月")
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("day", "style", "expected"), [
    (datetime.date(2024, 6, 30), "day", "2024年6月30日前"),
    (datetime.date(2024, 6, 30), "month_end", "2024年6月底前"),
    (datetime.date(2024, 6, 12), "month_end", "2024年6月底前"),
    (datetime.date(2024, 6, 30), "year_end", "2024年底前"),
    (datetime.date(2021, 1, 5), "day", "2021年1月5日前"),
])
def test_format_deadline(day, style, expected):
    assert format_deadline(day, style) == expected


def test_format_deadline_rejects_unknown_style():
    with pytest.raises(ValueError):
        format_deadline(datetime.date(2024, 6, 30), "week")


def test_ongoing_phrase():
    assert ONGOING_PHRASE == "长期保持"
    assert parse_deadline(ONGOING_PHRASE).kind == "ongoing"
    joined = format_deadline(datetime.date(2022, 9, 30), "day") + "并" + ONGOING_PHRASE
    assert parse_deadline(joined) == Deadline(joined, (datetime.date(2022, 9, 30),), True)


DEADLINE_ALPHABET = st.sampled_from(list(
    "0123456789０１２年月日号底末前并至到-—每季度半上中下旬初起第一二三四五六七八九十〇"
    "长期保持持续推进常态化 \n\t　<p>/,、，()（）无"))


@given(st.text())
def test_parse_never_raises_and_keeps_text(text):
    assert parse_deadline(text).text == text


@given(st.text(DEADLINE_ALPHABET, max_size=40), st.one_of(st.none(), st.integers(-5, 10**5)))
def test_parse_never_raises_on_date_like_text(text, default_year):
    deadline = parse_deadline(text, default_year=default_year)
    assert deadline.text == text
    assert deadline.kind in {"empty", "date", "ongoing", "recurring", "unparsed"}
    assert deadline.due == (deadline.milestones[0] if deadline.milestones else None)


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
def test_format_round_trips(day):
    assert parse_deadline(format_deadline(day, "day")).milestones == (day,)
    next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    month_end = next_month - datetime.timedelta(days=1)
    assert parse_deadline(format_deadline(day, "month_end")).milestones == (month_end,)
    assert parse_deadline(format_deadline(day, "year_end")).milestones == (datetime.date(day.year, 12, 31),)
