"""`marketStatistics`: small cells hidden from everyone but staff and the market's operator,
arguments refused with specific errors, and a statement count independent of the range."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.sql import count_sql
from tests.fixtures.statistics import QUERY, ROLLUPS, figures, scene
from tests.fixtures.worker import make_worker

FEBRUARY = {"from": "2025-02-01", "to": "2025-02-28", "granularity": "MONTH"}
SMALL = "{ marketStatistics(from: $from, to: $to, granularity: $granularity, where: $where) "
SMALL = f"""query($from: Date!, $to: Date!, $granularity: StatisticsGranularity!,
      $where: MarketStatisticsWhereInput) {SMALL}{{
  suppressed series {{ figures {{ jobSeekersRegistered postingsPublished supplyDemandRatio }} }}
}} }}"""


@pytest.mark.parametrize("rollup", ROLLUPS)
async def test_anonymous_callers_get_small_cells_as_null(gql, rollup):
    s = await scene(rollup)
    variables = {
        "from": "2025-02-01",
        "to": "2025-03-31",
        "granularity": "MONTH",
        "where": {"marketId": encode_id("Market", s.market_id)},
    }

    body = await gql(QUERY, variables)

    stats = body["data"]["marketStatistics"]
    assert stats["suppressed"] is True
    assert [p["figures"] for p in stats["series"]] == [
        figures(None, None, 2, 5, None, None, None, None, None, "250.00", None),
        figures(None, None, 1, 5, None, None, 0, 0, None, None, None),
    ]
    # Five registered and six active over the range are shown; so is the ratio built on them.
    assert stats["total"] == figures(5, 6, 3, 10, None, None, None, None, None, "250.00", "1.67")
    assert stats["previousTotal"] == figures(None, None, 1, 2, 0, 0, 0, 0, None, "180.00", None)
    assert stats["change"] == figures(None, None, 2, 8, None, None, None, None, None, "70.00", None)


async def test_the_definitions_name_every_figure_its_source_and_the_threshold(gql):
    body = await gql(
        '{ marketStatistics(from: "2025-02-01", to: "2025-02-01") '
        "{ definitions { metric source suppressedBelow } } }"
    )

    assert body == {
        "data": {
            "marketStatistics": {
                "definitions": [
                    {"metric": m, "source": "PLATFORM_RECORDS", "suppressedBelow": below}
                    for m, below in (
                        ("JOB_SEEKERS_REGISTERED", 5),
                        ("JOB_SEEKERS_ACTIVE", 5),
                        ("POSTINGS_PUBLISHED", None),
                        ("HEADCOUNT_DEMANDED", None),
                        ("APPLICATIONS", 5),
                        ("MATCHES_CONFIRMED", 5),
                        ("WORKERS_ONBOARDED", 5),
                        ("COMPLETED", 5),
                        ("AVERAGE_HOURS_TO_CONFIRM", None),
                        ("MEDIAN_DAILY_WAGE", None),
                        ("SUPPLY_DEMAND_RATIO", None),
                    )
                ]
                + [
                    {
                        "metric": "WORKLOAD_REPORTED",
                        "source": "OPERATOR_REPORTS",
                        "suppressedBelow": None,
                    }
                ]
            }
        }
    }


@pytest.mark.parametrize(
    ("role", "scope", "suppressed"),
    [
        ("anonymous", "market", True),
        ("worker", "market", True),
        ("employer", "market", True),
        ("other_operator", "market", True),
        ("operator", "market", False),
        ("operator", "region", True),
        ("staff", "market", False),
        ("staff", "region", False),
    ],
)
async def test_who_sees_small_cells(gql, role, scope, suppressed):
    s = await scene()
    tokens = {
        "anonymous": None,
        "worker": (await make_worker())[1],
        "employer": (await make_employer())[1],
        "other_operator": await operator_token(s.other_operator_id),
        "operator": await operator_token(s.operator_id),
        "staff": await staff_token(),
    }
    where = (
        {"marketId": encode_id("Market", s.market_id)}
        if scope == "market"
        else {"regionCode": "330102"}
    )

    body = await gql(SMALL, {**FEBRUARY, "where": where}, token=tokens[role])

    hidden = {"jobSeekersRegistered": None, "postingsPublished": 2, "supplyDemandRatio": None}
    shown = {"jobSeekersRegistered": 2, "postingsPublished": 2, "supplyDemandRatio": "1.67"}
    assert body == {
        "data": {
            "marketStatistics": {
                "suppressed": suppressed,
                "series": [{"figures": hidden if suppressed else shown}],
            }
        }
    }


@pytest.mark.parametrize(
    ("variables", "message", "code", "field"),
    [
        (
            {"from": "2025-03-01", "to": "2025-02-28"},
            "from：须不晚于 to",
            "BAD_USER_INPUT",
            "from",
        ),
        (
            {"from": "1999-12-31", "to": "2000-01-31"},
            "from：须不早于 2000-01-01",
            "BAD_USER_INPUT",
            "from",
        ),
        (
            {"from": "2099-12-01", "to": "2100-01-01"},
            "to：须不晚于 2099-12-31",
            "BAD_USER_INPUT",
            "to",
        ),
        (
            {"from": "2024-01-01", "to": "2025-01-01", "granularity": "DAY"},
            "to：按日序列最多 366 期，请缩短 from 至 to 的范围或改用更长的粒度",
            "BAD_USER_INPUT",
            "to",
        ),
        (
            {"from": "2020-01-06", "to": "2025-01-06", "granularity": "WEEK"},
            "to：按周序列最多 261 期，请缩短 from 至 to 的范围或改用更长的粒度",
            "BAD_USER_INPUT",
            "to",
        ),
        (
            {"from": "2015-01-01", "to": "2025-01-01", "granularity": "MONTH"},
            "to：按月序列最多 120 期，请缩短 from 至 to 的范围或改用更长的粒度",
            "BAD_USER_INPUT",
            "to",
        ),
        (
            {"where": {"regionCode": "3301"}},
            "regionCode：须为 6 位行政区划代码（GB/T 2260），例如 330106",
            "BAD_USER_INPUT",
            "where.regionCode",
        ),
        (
            {"where": {"regionCode": "110101"}},
            "regionCode：不是浙江省的行政区划",
            "BAD_USER_INPUT",
            "where.regionCode",
        ),
        (
            {"where": {"occupationCode": "搬运"}},
            "occupationCode：须为国家职业分类代码，例如 4-02-05-01",
            "BAD_USER_INPUT",
            "where.occupationCode",
        ),
        (
            {"where": {"occupationCode": "9-99-99-99"}},
            "occupationCode：平台没有这个工种",
            "BAD_USER_INPUT",
            "where.occupationCode",
        ),
        (
            {"where": {"marketId": "not-an-id"}},
            "marketId：零工市场不存在",
            "NOT_FOUND",
            "where.marketId",
        ),
        (
            {"where": {"marketId": encode_id("Worker", 1)}},
            "marketId：零工市场不存在",
            "NOT_FOUND",
            "where.marketId",
        ),
        (
            {"where": {"marketId": encode_id("Market", 999999)}},
            "marketId：零工市场不存在",
            "NOT_FOUND",
            "where.marketId",
        ),
    ],
)
async def test_bad_arguments_are_refused_by_name(gql, variables, message, code, field):
    body = await gql(SMALL, {**FEBRUARY, "where": None, **variables})

    assert body["data"] is None
    assert [(e["message"], e["extensions"]) for e in body["errors"]] == [
        (message, {"code": code, "field": field.split(".")})
    ]


async def test_the_longest_ranges_are_accepted(gql):
    for variables in (
        {"from": "2024-01-01", "to": "2024-12-31", "granularity": "DAY"},  # 366 days
        {"from": "2020-01-06", "to": "2025-01-05", "granularity": "WEEK"},  # 261 ISO weeks
        {"from": "2015-01-01", "to": "2024-12-31", "granularity": "MONTH"},
    ):
        body = await gql(SMALL, {**variables, "where": None})
        assert "errors" not in body, body


async def test_statements_do_not_grow_with_the_number_of_periods(gql):
    s = await scene()
    token = await staff_token()
    where = {"marketId": encode_id("Market", s.market_id), "regionCode": "330100"}

    counts = []
    for variables in (
        {"from": "2025-02-01", "to": "2025-02-01", "granularity": "DAY"},
        {"from": "2024-04-01", "to": "2025-03-31", "granularity": "DAY"},
        {"from": "2016-01-01", "to": "2025-12-31", "granularity": "MONTH"},
    ):
        with count_sql() as box:
            body = await gql(SMALL, {**variables, "where": where}, token=token)
        assert "errors" not in body, body
        counts.append(box[0])

    # Token, market and region look-ups, the rollup's coverage (built days; the changed ones are
    # asked only when some are built), four grouped statements for the series of this range and
    # the previous one, the distinct active job seekers of each range.
    assert counts == [counts[0]] * 3
    assert counts[0] <= 11
