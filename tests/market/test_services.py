"""Market business rules: naming rule （四）, region, location, stations, phone, opening hours."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from services.market import rules as market_rules
from services.market.hours import Period, is_open, parse_hhmm, validate_periods
from services.problems import Problem, Problems, ServiceError
from tables import market as t
from tests.fixtures.market import make_market, make_operator, occupation_id, region_id

SHANGHAI = timezone(timedelta(hours=8))


def name_problems(
    name: str, station_type: str = "MARKET", county: str = "上城区", city: str = "杭州市"
) -> list[tuple[str, tuple[str, ...]]]:
    problems = Problems()
    market_rules.check_name(name, station_type, county, city, problems, "name")
    return [(p.code, p.field) for p in problems.items]


async def draft(**overrides) -> market_rules.MarketDraft:
    values = {
        "name": "上城区望江综合零工市场",
        "station_type": "MARKET",
        "region_id": await region_id("330102"),
        "latitude": 30.25,
        "longitude": 120.17,
        "contact_phone": "0571-87000000",
    }
    values.update(overrides)
    return market_rules.MarketDraft(**values)


async def problems_of(d: market_rules.MarketDraft) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, p.field) for p in (await market_rules.validate(d)).items]


async def row_counts() -> tuple[int, int, int]:
    return (
        await t.Market.count(),
        await t.MarketOpeningPeriod.count(),
        await t.MarketOccupation.count(),
    )


# --- naming rule （四） -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "station_type", "county", "city"),
    [
        ("杭州市望江综合零工市场", "MARKET", "上城区", "杭州市"),
        ("上城区望江街道综合零工市场", "MARKET", "上城区", "杭州市"),
        ("上城望江零工市场", "MARKET", "上城区", "杭州市"),
        ("杭州望江零工市场", "MARKET", "上城区", "杭州市"),
        ("上城区望江建筑行业性零工市场", "MARKET", "上城区", "杭州市"),
        ("  上城区望江综合零工市场  ", "MARKET", "上城区", "杭州市"),
        ("景宁红星街道综合零工市场", "MARKET", "景宁畲族自治县", "丽水市"),
        ("景宁畲族自治县红星零工市场", "MARKET", "景宁畲族自治县", "丽水市"),
        ("丽水景宁零工市场", "MARKET", "景宁畲族自治县", "丽水市"),
        ("上城区望江一号零工驿站", "RURAL_STATION", "上城区", "杭州市"),
        ("上城清波零工超市", "GIG_SUPERMARKET", "上城区", "杭州市"),
    ],
)
def test_names_following_the_rule_are_accepted(name, station_type, county, city):
    assert name_problems(name, station_type, county, city) == []


@pytest.mark.parametrize(
    ("name", "station_type", "county", "city", "codes"),
    [
        ("望江综合零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_PREFIX"]),
        ("西湖区望江零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_PREFIX"]),
        ("宁波市望江零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_PREFIX"]),
        # 景宁's short form is "景宁", not a single character.
        ("景红星零工市场", "MARKET", "景宁畲族自治县", "丽水市", ["NAME_RULE_PREFIX"]),
        ("上城区望江人力市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_SUFFIX"]),
        ("上城区望江零工驿站", "MARKET", "上城区", "杭州市", ["NAME_RULE_SUFFIX"]),
        ("上城区望江零工市场", "RURAL_STATION", "上城区", "杭州市", ["NAME_RULE_SUFFIX"]),
        ("上城区望江零工驿站", "GIG_SUPERMARKET", "上城区", "杭州市", ["NAME_RULE_SUFFIX"]),
        ("望江零工", "MARKET", "上城区", "杭州市", ["NAME_RULE_PREFIX", "NAME_RULE_SUFFIX"]),
        ("上城区零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_LOCATION"]),
        ("上城零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_LOCATION"]),
        ("杭州市零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_LOCATION"]),
        ("上城区综合零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_LOCATION"]),
        ("上城区行业性零工市场", "MARKET", "上城区", "杭州市", ["NAME_RULE_LOCATION"]),
        ("景宁零工市场", "MARKET", "景宁畲族自治县", "丽水市", ["NAME_RULE_LOCATION"]),
        ("上城区零工驿站", "RURAL_STATION", "上城区", "杭州市", ["NAME_RULE_LOCATION"]),
    ],
)
def test_names_breaking_the_rule_get_exact_codes(name, station_type, county, city, codes):
    assert name_problems(name, station_type, county, city) == [(c, ("name",)) for c in codes]


def test_name_problems_carry_chinese_messages():
    problems = Problems()
    market_rules.check_name("西湖区望江零工驿站", "MARKET", "上城区", "杭州市", problems, "name")

    assert problems.items == [
        Problem(
            "NAME_RULE_PREFIX",
            "名称须以所在市或县（市、区）名称开头，例如“杭州市”或“上城区”",
            ("name",),
        ),
        Problem("NAME_RULE_SUFFIX", "名称须以“零工市场”结尾", ("name",)),
    ]


def test_short_names_never_drop_below_two_characters():
    assert market_rules.short_names("杭州市") == {"杭州市", "杭州"}
    assert market_rules.short_names("景宁畲族自治县") == {"景宁畲族自治县", "景宁"}
    assert market_rules.short_names("上城区") == {"上城区", "上城"}
    assert market_rules.short_names("城区") == {"城区"}


# --- validate: every problem at once ----------------------------------------------------


async def test_a_valid_draft_has_no_problems():
    operator = await make_operator()
    d = await draft(
        operator_id=operator,
        opening_hours=[(1, "06:00", "18:00")],
        occupation_ids=[await occupation_id("装卸搬运工")],
    )
    assert await problems_of(d) == []


async def test_name_taken_also_when_padded_but_not_by_the_market_itself():
    market = await make_market(name="上城区望江综合零工市场")

    assert await problems_of(await draft()) == [("NAME_TAKEN", ("name",))]
    assert await problems_of(await draft(name=" 上城区望江综合零工市场 ")) == [
        ("NAME_TAKEN", ("name",))
    ]
    assert await problems_of(await draft(market_id=market)) == []


async def test_name_rule_is_checked_against_the_draft_region_and_its_city():
    jingning = await region_id("331127")
    assert (
        await problems_of(
            await draft(
                name="景宁红星零工市场", region_id=jingning, latitude=27.97, longitude=119.63
            )
        )
        == []
    )
    assert await problems_of(
        await draft(name="上城区红星零工市场", region_id=jingning, latitude=27.97, longitude=119.63)
    ) == [("NAME_RULE_PREFIX", ("name",))]


async def test_region_must_exist_and_be_county_level():
    assert await problems_of(
        await draft(name="杭州市望江零工市场", region_id=await region_id("330100"))
    ) == [("REGION_NOT_COUNTY", ("regionId",))]
    assert await problems_of(await draft(region_id=await region_id("330000"))) == [
        ("REGION_NOT_COUNTY", ("regionId",))
    ]
    assert await problems_of(await draft(region_id=999_999)) == [("NOT_FOUND", ("regionId",))]
    assert await problems_of(await draft(region_id=None)) == [("REQUIRED", ("regionId",))]


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (39.90, 116.40, [("latitude",), ("longitude",)]),  # Beijing
        (23.13, 113.26, [("latitude",), ("longitude",)]),  # Guangzhou
        (120.17, 30.25, [("latitude",), ("longitude",)]),  # swapped
        (30.25, 110.0, [("longitude",)]),
        (35.0, 120.17, [("latitude",)]),
    ],
)
async def test_location_outside_zhejiang_is_rejected(latitude, longitude, expected):
    d = await draft(latitude=latitude, longitude=longitude)
    assert await problems_of(d) == [
        ("LOCATION_OUTSIDE_ZHEJIANG", ("location", *field)) for field in expected
    ]


async def test_location_is_required():
    assert await problems_of(await draft(latitude=None)) == [("REQUIRED", ("location",))]


@pytest.mark.parametrize(
    "phone", ["0571-87000000", "057187000000", "13800138000", "0578-5081234", ""]
)
async def test_good_or_empty_public_phone_is_accepted(phone):
    assert await problems_of(await draft(contact_phone=phone)) == []


@pytest.mark.parametrize(
    "phone",
    [
        "12345",
        "12800138000",
        "1380013800",
        "138001380000",
        "0571-870",
        "13800138000\n",
        "１３８００１３８０００",
        "tel:13800138000",
    ],
)
async def test_bad_public_phone_is_rejected(phone):
    assert await problems_of(await draft(contact_phone=phone)) == [
        ("INVALID_PHONE", ("contactPhone",))
    ]


async def test_unknown_operator_and_occupation_are_not_found():
    d = await draft(operator_id=999_999, occupation_ids=[await occupation_id("快递员"), 999_999])
    assert await problems_of(d) == [
        ("NOT_FOUND", ("operatorId",)),
        ("NOT_FOUND", ("occupationIds",)),
    ]


async def test_every_problem_is_reported_at_once():
    d = await draft(
        name="西湖区零工",
        station_type="RURAL_STATION",
        latitude=39.9,
        longitude=116.4,
        contact_phone="12345",
        opening_hours=[(8, "6:00", "18:00")],
    )
    assert await problems_of(d) == [
        ("NAME_RULE_PREFIX", ("name",)),
        ("NAME_RULE_SUFFIX", ("name",)),
        ("LOCATION_OUTSIDE_ZHEJIANG", ("location", "latitude")),
        ("LOCATION_OUTSIDE_ZHEJIANG", ("location", "longitude")),
        ("PARENT_REQUIRED", ("parentMarketId",)),
        ("INVALID_PHONE", ("contactPhone",)),
        ("INVALID_OPENING_HOURS", ("openingHours", "0", "weekday")),
        ("INVALID_OPENING_HOURS", ("openingHours", "0", "opens")),
    ]


async def test_blank_name_and_unknown_station_type():
    assert await problems_of(await draft(name="  ", station_type="MARKETPLACE")) == [
        ("REQUIRED", ("name",)),
        ("INVALID_CHOICE", ("stationType",)),
    ]


# --- stations （十三） --------------------------------------------------------------------


async def test_station_needs_a_market_parent():
    market = await make_market()
    station = await make_market(station_type="RURAL_STATION", parent_market_id=market)
    name = "上城区望江二号零工驿站"

    assert (
        await problems_of(
            await draft(name=name, station_type="RURAL_STATION", parent_market_id=market)
        )
        == []
    )
    assert await problems_of(await draft(name=name, station_type="RURAL_STATION")) == [
        ("PARENT_REQUIRED", ("parentMarketId",))
    ]
    assert await problems_of(
        await draft(name=name, station_type="RURAL_STATION", parent_market_id=station)
    ) == [("PARENT_INVALID", ("parentMarketId",))]
    assert await problems_of(
        await draft(name=name, station_type="RURAL_STATION", parent_market_id=999_999)
    ) == [("NOT_FOUND", ("parentMarketId",))]


async def test_station_cannot_be_its_own_parent():
    market = await make_market()
    station = await make_market(
        name="上城区望江一号零工超市", station_type="GIG_SUPERMARKET", parent_market_id=market
    )

    d = await draft(
        name="上城区望江一号零工超市",
        station_type="GIG_SUPERMARKET",
        parent_market_id=station,
        market_id=station,
    )
    assert await problems_of(d) == [("PARENT_INVALID", ("parentMarketId",))]


async def test_a_market_cannot_have_a_parent():
    other = await make_market()
    assert await problems_of(await draft(parent_market_id=other)) == [
        ("PARENT_NOT_ALLOWED", ("parentMarketId",))
    ]


async def test_a_market_with_stations_cannot_become_a_station():
    parent = await make_market()
    market = await make_market(name="上城区望江综合零工市场")
    await make_market(station_type="RURAL_STATION", parent_market_id=market)

    d = await draft(
        name="上城区望江零工驿站",
        station_type="RURAL_STATION",
        parent_market_id=parent,
        market_id=market,
    )
    assert await problems_of(d) == [("HAS_STATIONS", ("stationType",))]


# --- create -------------------------------------------------------------------------------


async def test_create_writes_the_market_its_hours_and_occupations():
    loader, courier = await occupation_id("装卸搬运工"), await occupation_id("快递员")
    d = await draft(
        name=" 上城区望江综合零工市场 ",
        opening_hours=[(1, "06:00", "12:00"), (1, "14:00", "18:00"), (7, "22:00", "02:00")],
        occupation_ids=[courier, loader, courier],
    )

    market_id = await market_rules.create(d, address="杭州市上城区望江路1号")

    assert await t.Market.select(t.Market.name, t.Market.address, t.Market.station_type).where(
        t.Market.id == market_id
    ) == [
        {
            "name": "上城区望江综合零工市场",
            "address": "杭州市上城区望江路1号",
            "station_type": "MARKET",
        }
    ]
    periods = (
        await t.MarketOpeningPeriod.select(
            t.MarketOpeningPeriod.weekday,
            t.MarketOpeningPeriod.opens_at,
            t.MarketOpeningPeriod.closes_at,
        )
        .where(t.MarketOpeningPeriod.market == market_id)
        .order_by(t.MarketOpeningPeriod.id)
    )
    assert periods == [
        {"weekday": 1, "opens_at": time(6), "closes_at": time(12)},
        {"weekday": 1, "opens_at": time(14), "closes_at": time(18)},
        {"weekday": 7, "opens_at": time(22), "closes_at": time(2)},
    ]
    occupations = (
        await t.MarketOccupation.select(t.MarketOccupation.occupation)
        .where(t.MarketOccupation.market == market_id)
        .order_by(t.MarketOccupation.occupation)
    )
    assert [r["occupation"] for r in occupations] == sorted({loader, courier})


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": "上城区零工市场"},
        {"region_id": None},
        {"latitude": 39.9, "longitude": 116.4},
        {"station_type": "RURAL_STATION"},
        {"contact_phone": "12345"},
        {"opening_hours": [(1, "06:00", "12:00"), (1, "11:00", "18:00")]},
        {"occupation_ids": [999_999]},
        {"operator_id": 999_999},
    ],
)
async def test_create_with_invalid_input_writes_nothing(overrides):
    await make_market(name="上城区清波综合零工市场", occupations=("快递员",))
    before = await row_counts()

    with pytest.raises(ServiceError) as raised:
        await market_rules.create(await draft(**overrides), address="杭州市上城区望江路1号")

    assert raised.value.problems
    assert await row_counts() == before


async def test_create_with_a_taken_name_writes_nothing():
    await make_market(name="上城区望江综合零工市场")
    before = await row_counts()

    with pytest.raises(ServiceError) as raised:
        await market_rules.create(await draft(), address="杭州市上城区望江路1号")

    assert raised.value.problems == [Problem("NAME_TAKEN", "已有同名零工市场", ("name",))]
    assert str(raised.value) == "已有同名零工市场"
    assert await row_counts() == before


# --- opening hours --------------------------------------------------------------------------


def hours_problems(raw) -> list[tuple[str, str, tuple[str, ...]]]:
    problems = Problems()
    validate_periods(raw, problems, "openingHours")
    return [(p.code, p.message, p.field) for p in problems.items]


def test_valid_hours_parse_into_periods():
    problems = Problems()
    periods = validate_periods(
        [
            (1, "06:00", "12:00"),
            (1, "12:00", "18:00"),
            (5, "20:00", "02:00"),
            (7, "00:00", "23:59"),
        ],
        problems,
        "openingHours",
    )
    assert not problems
    assert periods == [
        Period(1, time(6), time(12)),
        Period(1, time(12), time(18)),
        Period(5, time(20), time(2)),
        Period(7, time(0), time(23, 59)),
    ]


def test_round_the_clock_every_day_is_valid():
    assert hours_problems([(d, "00:00", "00:00") for d in range(1, 8)]) == []


def test_an_overnight_period_may_end_exactly_when_the_next_day_opens():
    assert hours_problems([(1, "22:00", "06:00"), (2, "06:00", "12:00")]) == []
    assert (
        hours_problems([(5, "06:00", "00:00"), (5, "00:00", "01:00"), (6, "00:00", "02:00")]) == []
    )


@pytest.mark.parametrize("weekday", [0, 8, -1, True, "1"])
def test_bad_weekday(weekday):
    assert hours_problems([(weekday, "06:00", "18:00")]) == [
        (
            "INVALID_OPENING_HOURS",
            "星期必须在 1（周一）到 7（周日）之间",
            ("openingHours", "0", "weekday"),
        )
    ]


@pytest.mark.parametrize(
    "value",
    [
        "6:00",
        "24:00",
        "06:60",
        "0600",
        "06:00:00",
        "",
        "+6:00",
        " 6:00",
        "０６:００",
        "06:0a",
        None,
    ],
)
def test_bad_hhmm(value):
    assert parse_hhmm(value) is None
    assert hours_problems([(2, "06:00", "18:00"), (3, value, value)]) == [
        ("INVALID_OPENING_HOURS", "开门时间格式应为 HH:MM", ("openingHours", "1", "opens")),
        ("INVALID_OPENING_HOURS", "关门时间格式应为 HH:MM", ("openingHours", "1", "closes")),
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([(1, "06:00", "12:00"), (1, "11:59", "18:00")], "周一的开放时段重叠"),
        ([(3, "06:00", "18:00"), (3, "06:00", "18:00")], "周三的开放时段重叠"),
        ([(3, "08:00", "10:00"), (3, "06:00", "18:00")], "周三的开放时段重叠"),
        ([(6, "20:00", "02:00"), (6, "22:00", "23:00")], "周六的开放时段重叠"),
        ([(1, "22:00", "08:00"), (2, "06:00", "12:00")], "周一跨夜时段与周二的开放时段重叠"),
        ([(7, "22:00", "08:00"), (1, "07:59", "12:00")], "周日跨夜时段与周一的开放时段重叠"),
    ],
)
def test_overlapping_periods(raw, message):
    assert hours_problems(raw) == [("INVALID_OPENING_HOURS", message, ("openingHours",))]


def test_three_overlapping_periods_are_reported_once_per_day():
    raw = [(2, "06:00", "12:00"), (2, "07:00", "13:00"), (2, "08:00", "14:00")]
    assert hours_problems(raw) == [
        ("INVALID_OPENING_HOURS", "周二的开放时段重叠", ("openingHours",))
    ]


# --- is_open in Asia/Shanghai -----------------------------------------------------------------


# 2024-03-04 is a Monday.
def sh(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=SHANGHAI)


def test_day_period_is_open_from_opening_until_just_before_closing():
    periods = [Period(1, time(6), time(18))]
    assert not is_open(periods, sh(4, 5, 59))
    assert is_open(periods, sh(4, 6))
    assert is_open(periods, sh(4, 17, 59))
    assert not is_open(periods, sh(4, 18))
    assert not is_open(periods, sh(5, 10))  # Tuesday


def test_moments_are_converted_to_shanghai_time():
    periods = [Period(1, time(6), time(18))]
    # Sunday 23:30 UTC is Monday 07:30 in Shanghai.
    assert is_open(periods, datetime(2024, 3, 3, 23, 30, tzinfo=UTC))
    # Monday 10:30 UTC is Monday 18:30 in Shanghai.
    assert not is_open(periods, datetime(2024, 3, 4, 10, 30, tzinfo=UTC))


def test_naive_moments_are_refused():
    with pytest.raises(ValueError):
        is_open([Period(1, time(6), time(18))], datetime(2024, 3, 4, 10))


def test_overnight_period_runs_into_the_next_morning():
    periods = [Period(1, time(22), time(6))]  # Monday 22:00 → Tuesday 06:00
    assert not is_open(periods, sh(4, 21, 59))
    assert is_open(periods, sh(4, 22))
    assert is_open(periods, sh(4, 23, 59))
    assert is_open(periods, sh(5, 0))
    assert is_open(periods, sh(5, 5, 59))
    assert not is_open(periods, sh(5, 6))
    assert not is_open(periods, sh(3, 23))  # the Sunday before
    assert not is_open(periods, sh(4, 3))  # Monday early morning: nothing ran Sunday night


def test_sunday_overnight_rolls_over_into_monday():
    periods = [Period(7, time(20), time(4))]  # Sunday 20:00 → Monday 04:00
    assert is_open(periods, sh(3, 20))
    assert is_open(periods, sh(4, 3, 59))
    assert is_open(periods, datetime(2024, 3, 3, 19, 0, tzinfo=UTC))  # Monday 03:00 Shanghai
    assert not is_open(periods, sh(4, 4))
    assert not is_open(periods, sh(5, 3))  # Tuesday 03:00: Monday had no night period


def test_round_the_clock_is_always_open_and_no_periods_never():
    always = [Period(d, time(0), time(0)) for d in range(1, 8)]
    for day in range(4, 11):
        for hour in (0, 7, 12, 23):
            assert is_open(always, sh(day, hour))
    assert not is_open([], sh(4, 12))


async def test_simultaneous_creates_with_one_name_give_one_market_and_name_taken():
    # given: the same valid market submitted five times at once
    async def attempt():
        try:
            return await make_market(name="上城区并发测试综合零工市场")
        except ServiceError as exc:
            return [p.code for p in exc.problems]

    # when
    results = await asyncio.gather(*(attempt() for _ in range(5)))

    # then: exactly one market, and every other call reports NAME_TAKEN (never a raw DB error)
    created = [r for r in results if isinstance(r, int)]
    assert len(created) == 1
    assert sorted(r for r in results if not isinstance(r, int)) == [["NAME_TAKEN"]] * 4
    assert await t.Market.count().where(t.Market.name == "上城区并发测试综合零工市场") == 1
