"""`myOperatingContracts`: an operator sees its own contracts and markets, nobody else's."""

from __future__ import annotations

from datetime import date

from resolvers.global_ids import encode_id
from tests.fixtures.assessment import matrix_tokens, token
from tests.fixtures.market import make_market
from tests.fixtures.operator import contracted_market, make_contract

CONTRACTS = """
query($activeOn: Date) {
  myOperatingContracts(activeOn: $activeOn) {
    totalCount
    nodes { startsOn endsOn publicWelfare yearlyBudget market { id name } }
  }
}"""


def denied(code: str, message: str) -> dict:
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["myOperatingContracts"],
                "extensions": {"code": code},
            }
        ],
    }


def listing(*nodes: dict) -> dict:
    return {"data": {"myOperatingContracts": {"totalCount": len(nodes), "nodes": list(nodes)}}}


async def test_authorization_matrix(gql):
    # given
    operator_id, market_id, _ = await contracted_market(yearly_budget_fen=12_345_678)
    tokens = await matrix_tokens(operator_id)
    name = (
        await gql(
            "query($id: ID!) { market(id: $id) { name } }", {"id": encode_id("Market", market_id)}
        )
    )["data"]["market"]["name"]
    contract = {
        "startsOn": "2024-01-01",
        "endsOn": "2027-12-31",
        "publicWelfare": True,
        "yearlyBudget": "123456.78",
        "market": {"id": encode_id("Market", market_id), "name": name},
    }
    expected = {
        "anonymous": denied("UNAUTHENTICATED", "请先登录（需要有效的 Bearer 令牌）"),
        "worker": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "employer": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "staff": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "other_operator": listing(),
        "operator": listing(contract),
    }

    # when
    bodies = {role: await gql(CONTRACTS, token=t) for role, t in tokens.items()}

    # then
    assert bodies == expected


async def test_latest_first_and_filtered_by_day(gql):
    # given: a past contract on one market, a current one on another
    operator_id, old_market, _ = await contracted_market(
        starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31), public_welfare=False
    )
    new_market = await make_market()
    await make_contract(operator_id, new_market, date(2024, 1, 1), date(2026, 12, 31))
    operator = await token("OPERATOR", operator_id)

    # when
    everything = await gql(CONTRACTS, token=operator)
    in_2023 = await gql(CONTRACTS, {"activeOn": "2023-06-30"}, token=operator)

    # then
    ids = [n["market"]["id"] for n in everything["data"]["myOperatingContracts"]["nodes"]]
    assert ids == [encode_id("Market", new_market), encode_id("Market", old_market)]
    nodes = in_2023["data"]["myOperatingContracts"]["nodes"]
    assert [(n["market"]["id"], n["publicWelfare"]) for n in nodes] == [
        (encode_id("Market", old_market), False)
    ]
