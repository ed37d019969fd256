"""`marketStatistics`: every figure per month, ISO week and day in Asia/Shanghai, computed by
hand from a fixed scene, with and without the rollup; totals, the previous range, the change."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.account import staff_token
from tests.fixtures.statistics import QUERY, ROLLUPS, figures, scene

# The same hand computations from the records, from the rollup, and from a rollup built before
# the applications were made (so those days are read from the records, the others rolled).
pytestmark = pytest.mark.parametrize("rollup", ROLLUPS)

FEB = figures(2, 3, 2, 5, 3, 1, 1, 1, "2.5", "250.00", "1.67")
MAR = figures(3, 3, 1, 5, 1, 1, 0, 0, "3.0", None, "1.67")
TOTAL = figures(5, 6, 3, 10, 4, 2, 1, 1, "2.8", "250.00", "1.67")
DEC_JAN = figures(1, 1, 1, 2, 0, 0, 0, 0, None, "180.00", "2.00")


async def test_months_of_a_market_with_totals_previous_range_and_change(gql, rollup):
    s = await scene(rollup)
    variables = {
        "from": "2025-02-10",
        "to": "2025-03-05",
        "granularity": "MONTH",
        "where": {"marketId": encode_id("Market", s.market_id)},
    }

    body = await gql(QUERY, variables, token=await staff_token())

    assert body == {
        "data": {
            "marketStatistics": {
                "granularity": "MONTH",
                "from": "2025-02-01",
                "to": "2025-03-31",
                "suppressed": False,
                "series": [
                    {
                        "period": "2025-02",
                        "startsOn": "2025-02-01",
                        "endsOn": "2025-02-28",
                        "figures": FEB,
                    },
                    {
                        "period": "2025-03",
                        "startsOn": "2025-03-01",
                        "endsOn": "2025-03-31",
                        "figures": MAR,
                    },
                ],
                "total": TOTAL,
                "previousFrom": "2024-12-01",
                "previousTo": "2025-01-31",
                "previousTotal": DEC_JAN,
                "change": figures(4, 5, 2, 8, 4, 2, 1, 1, None, "70.00", "-0.33"),
            }
        }
    }


async def test_days_split_at_shanghai_midnight(gql, rollup):
    s = await scene(rollup)
    variables = {
        "from": "2025-02-28",
        "to": "2025-03-01",
        "granularity": "DAY",
        "where": {"marketId": encode_id("Market", s.market_id)},
    }

    body = await gql(QUERY, variables, token=await staff_token())

    stats = body["data"]["marketStatistics"]
    assert [(p["period"], p["figures"]) for p in stats["series"]] == [
        ("2025-02-28", figures(1, 1, 0, 0, 1, 0, 0, 0, None, None, "0.00")),
        ("2025-03-01", figures(1, 1, 1, 5, 0, 1, 0, 0, "3.0", None, "5.00")),
    ]
    assert (stats["previousFrom"], stats["previousTo"]) == ("2025-02-26", "2025-02-27")
    assert stats["previousTotal"] == figures()


async def test_iso_weeks_start_on_monday_in_shanghai(gql, rollup):
    s = await scene(rollup)
    variables = {
        "from": "2025-02-26",
        "to": "2025-03-03",
        "granularity": "WEEK",
        "where": {"marketId": encode_id("Market", s.market_id)},
    }

    body = await gql(QUERY, variables, token=await staff_token())

    stats = body["data"]["marketStatistics"]
    assert (stats["from"], stats["to"]) == ("2025-02-24", "2025-03-09")
    assert [(p["period"], p["startsOn"], p["endsOn"], p["figures"]) for p in stats["series"]] == [
        (
            "2025-W09",
            "2025-02-24",
            "2025-03-02",
            figures(2, 2, 1, 5, 1, 1, 0, 0, "3.0", None, "2.50"),
        ),
        (
            "2025-W10",
            "2025-03-03",
            "2025-03-09",
            figures(1, 1, 0, 0, 0, 0, 0, 0, None, None, "0.00"),
        ),
    ]
    # W07–W08 (Feb 10–23): p2 and a3 (Feb 20, cancelled since), nobody registered.
    assert stats["previousTotal"] == figures(0, 1, 1, 2, 1, 0, 0, 0, None, "300.00", "2.00")


async def test_region_scope_takes_the_place_of_work_and_the_home(gql, rollup):
    await scene(rollup)
    token = await staff_token()

    def months(where: dict) -> dict:
        return {"from": "2025-02-01", "to": "2025-02-28", "granularity": "MONTH", "where": where}

    xihu = await gql(QUERY, months({"regionCode": "330106"}), token=token)
    ningbo = await gql(QUERY, months({"regionCode": "330200"}), token=token)
    hangzhou = await gql(QUERY, months({"regionCode": "330100"}), token=token)

    assert xihu["data"]["marketStatistics"]["total"] == figures(0, 0, 1, 7, wage="200.00")
    assert ningbo["data"]["marketStatistics"]["total"] == figures(1, 1, ratio="0.00")
    # M's February plus N's posting: 12 demanded, same three active.
    assert hangzhou["data"]["marketStatistics"]["total"] == figures(
        2, 3, 3, 12, 3, 1, 1, 1, "2.5", "200.00", "4.00"
    )


async def test_occupation_scope_takes_the_posting_and_what_the_worker_seeks(gql, rollup):
    await scene(rollup)
    variables = {
        "from": "2025-02-01",
        "to": "2025-03-31",
        "granularity": "MONTH",
        "where": {"occupationCode": "4-02-07-08"},
    }

    body = await gql(QUERY, variables, token=await staff_token())

    series = body["data"]["marketStatistics"]["series"]
    # Feb: w3 registered seeking 快递员; w3 and w2 applied to p2. Mar: a2 confirmed.
    assert [p["figures"] for p in series] == [
        figures(1, 2, 1, 2, 2, 0, 0, 0, None, "300.00", "1.00"),
        figures(0, 0, 0, 0, 0, 1, 0, 0, "3.0", None, None),
    ]


async def test_whole_province_without_where(gql, rollup):
    await scene(rollup)
    variables = {"from": "2025-02-01", "to": "2025-02-28", "granularity": "MONTH"}

    body = await gql(QUERY, variables, token=await staff_token())

    # M's February, plus N's posting and the 宁波 worker.
    assert body["data"]["marketStatistics"]["total"] == figures(
        3, 4, 3, 12, 3, 1, 1, 1, "2.5", "200.00", "3.00"
    )
