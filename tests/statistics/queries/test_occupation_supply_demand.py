"""`occupationSupplyDemand`: occupations short of seekers and in surplus, hand-counted."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.statistics import ROLLUPS, scene

QUERY = """
query($from: Date!, $to: Date!, $where: MarketStatisticsWhereInput, $first: Int) {
  occupationSupplyDemand(from: $from, to: $to, where: $where, first: $first) {
    from to suppressed
    inDemand { occupation { code } headcountDemanded jobSeekersActive gap supplyDemandRatio }
    inSurplus { occupation { code } headcountDemanded jobSeekersActive gap supplyDemandRatio }
  }
}"""
LOADING, COURIER = "4-02-05-01", "4-02-07-08"


def balance(code, demanded, active, gap, ratio) -> dict:
    return {
        "occupation": {"code": code},
        "headcountDemanded": demanded,
        "jobSeekersActive": active,
        "gap": gap,
        "supplyDemandRatio": ratio,
    }


@pytest.mark.parametrize("rollup", ROLLUPS)
async def test_a_market_over_two_months(gql, rollup):
    s = await scene(rollup)
    variables = {
        "from": "2025-02-01",
        "to": "2025-03-31",
        "where": {"marketId": encode_id("Market", s.market_id)},
    }

    body = await gql(QUERY, variables, token=await staff_token())

    # Demand: p1 3 + p3 5 装卸搬运工, p2 2 快递员 (p4 taken down). Active: w1 w2 w4 w5 and the
    # Monday worker seek 装卸搬运工, w3 快递员.
    assert body == {
        "data": {
            "occupationSupplyDemand": {
                "from": "2025-02-01",
                "to": "2025-03-31",
                "suppressed": False,
                "inDemand": [
                    balance(LOADING, 8, 5, 3, "1.60"),
                    balance(COURIER, 2, 1, 1, "2.00"),
                ],
                "inSurplus": [],
            }
        }
    }


@pytest.mark.parametrize("rollup", ROLLUPS)
async def test_surplus_and_small_cells_for_the_public(gql, rollup):
    await scene(rollup)
    variables = {"from": "2025-02-01", "to": "2025-02-28", "where": {"regionCode": "330200"}}

    staff = await gql(QUERY, variables, token=await staff_token())
    public = await gql(QUERY, variables)

    # 宁波: one worker seeking 装卸搬运工 registered on 10 February, no posting.
    assert staff["data"]["occupationSupplyDemand"]["inSurplus"] == [
        balance(LOADING, 0, 1, -1, "0.00")
    ]
    assert public["data"]["occupationSupplyDemand"]["suppressed"] is True
    assert public["data"]["occupationSupplyDemand"]["inSurplus"] == [
        balance(LOADING, 0, None, None, None)
    ]


async def test_first_limits_each_list_and_is_checked(gql):
    s = await scene()
    where = {"marketId": encode_id("Market", s.market_id)}
    token = await staff_token()

    one = await gql(
        QUERY, {"from": "2025-02-01", "to": "2025-03-31", "where": where, "first": 1}, token
    )
    bad = await gql(QUERY, {"from": "2025-02-01", "to": "2025-03-31", "first": 0})

    assert one["data"]["occupationSupplyDemand"]["inDemand"] == [balance(LOADING, 8, 5, 3, "1.60")]
    assert bad["data"] is None
    assert [(e["message"], e["extensions"]) for e in bad["errors"]] == [
        ("first：须在 1 到 100 之间", {"code": "BAD_USER_INPUT", "field": ["first"]})
    ]


async def test_the_markets_operator_sees_small_cells_another_operator_does_not(gql):
    s = await scene()
    variables = {
        "from": "2025-02-01",
        "to": "2025-03-31",
        "where": {"marketId": encode_id("Market", s.market_id)},
    }

    own = await gql(QUERY, variables, token=await operator_token(s.operator_id))
    other = await gql(QUERY, variables, token=await operator_token(s.other_operator_id))

    assert own["data"]["occupationSupplyDemand"]["inDemand"][1] == balance(COURIER, 2, 1, 1, "2.00")
    assert other["data"]["occupationSupplyDemand"]["suppressed"] is True
    assert other["data"]["occupationSupplyDemand"]["inDemand"] == [
        balance(LOADING, 8, 5, 3, "1.60"),
        balance(COURIER, 2, None, None, None),
    ]
