"""`marketWorkers`: an operator's list of the workers registered at their market."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from resolvers.pagination import encode_cursor
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.worker import make_walk_in

LIST = """
query($market: ID!, $first: Int, $after: String) {
  marketWorkers(marketId: $market, first: $first, after: $after) {
    totalCount
    nodes { name phoneMasked registeredMarket { id } }
    pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_the_markets_operator_and_staff_list_its_workers(gql, role):
    # given
    cast = await make_cast()
    worker_id = await make_walk_in(
        cast.operator_id, cast.market_id, name="李四", phone="13700000001"
    )
    await make_walk_in(cast.other_operator_id, cast.other_market_id, name="王五")
    market = encode_id("Market", cast.market_id)

    # when
    body = await gql(LIST, {"market": market}, token=cast.token[role])

    # then
    page = {
        "totalCount": 1,
        "nodes": [
            {"name": "李四", "phoneMasked": "137****0001", "registeredMarket": {"id": market}}
        ],
        "pageInfo": {"hasNextPage": False, "endCursor": encode_cursor([worker_id])},
    }
    if role in ("operator", "staff"):
        assert body == {"data": {"marketWorkers": page}}
    elif role == "other_operator":
        assert body == {"data": {"marketWorkers": None}}
    else:
        expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
        assert body["data"] == {"marketWorkers": None}
        assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]


async def test_market_workers_page_newest_first(gql):
    # given
    cast = await make_cast()
    names = ["甲一", "乙二", "丙三"]
    for name in names:
        await make_walk_in(cast.operator_id, cast.market_id, name=name)
    variables = {"market": encode_id("Market", cast.market_id), "first": 2}

    # when
    first = await gql(LIST, variables, token=cast.token["operator"])
    cursor = first["data"]["marketWorkers"]["pageInfo"]["endCursor"]
    second = await gql(LIST, {**variables, "after": cursor}, token=cast.token["operator"])

    # then
    assert [n["name"] for n in first["data"]["marketWorkers"]["nodes"]] == ["丙三", "乙二"]
    assert first["data"]["marketWorkers"]["pageInfo"]["hasNextPage"] is True
    assert [n["name"] for n in second["data"]["marketWorkers"]["nodes"]] == ["甲一"]
    assert second["data"]["marketWorkers"]["pageInfo"]["hasNextPage"] is False
