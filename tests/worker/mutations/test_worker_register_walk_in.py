"""`workerRegisterWalkIn`: simplified on-site registration by the market's operator."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables.worker import Worker
from tests.fixtures.account import next_phone
from tests.fixtures.job_posting import ROLES, make_cast, snapshot
from tests.fixtures.market import occupation_id

REGISTER = """
mutation($input: WorkerRegisterWalkInInput!) {
  workerRegisterWalkIn(input: $input) {
    worker {
      name phone phoneMasked occupations { name } hasAccount
      registeredMarket { id } residentIdMasked
    }
    userErrors { code field message }
  }
}"""


async def _input(market_id: int, phone: str, **extra) -> dict:
    return {
        "marketId": encode_id("Market", market_id),
        "name": "李四",
        "phone": phone,
        "occupationIds": [encode_id("Occupation", await occupation_id("装卸搬运工"))],
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_markets_operator_registers_walk_ins(gql, role):
    # given
    cast = await make_cast()
    phone = next_phone()
    before = await snapshot()

    # when
    body = await gql(
        REGISTER, {"input": await _input(cast.market_id, phone)}, token=cast.token[role]
    )

    # then
    if role == "operator":
        assert body == {
            "data": {
                "workerRegisterWalkIn": {
                    "worker": {
                        "name": "李四",
                        "phone": phone,
                        "phoneMasked": phone[:3] + "****" + phone[-4:],
                        "occupations": [{"name": "装卸搬运工"}],
                        "hasAccount": False,
                        "registeredMarket": {"id": encode_id("Market", cast.market_id)},
                        "residentIdMasked": None,
                    },
                    "userErrors": [],
                }
            }
        }
        row = await Worker.select().where(Worker.name == "李四").first()
        assert (row["registered_market"], row["registered_by_operator"]) == (
            cast.market_id,
            cast.operator_id,
        )
        return
    if role == "other_operator":
        # someone else's market looks exactly like a missing one
        assert body["data"]["workerRegisterWalkIn"] == {
            "worker": None,
            "userErrors": [
                {"code": "NOT_FOUND", "field": ["marketId"], "message": "零工市场不存在"}
            ],
        }
    else:
        expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
        assert body["data"] is None and body["errors"][0]["extensions"] == {"code": expected}
    assert await snapshot() == before


async def test_bad_input_and_a_known_phone_are_rejected_together(gql):
    # given
    cast = await make_cast()
    taken = next_phone()
    await gql(
        REGISTER, {"input": await _input(cast.market_id, taken)}, token=cast.token["operator"]
    )
    before = await snapshot()

    # when
    bad = await gql(
        REGISTER,
        {"input": await _input(cast.market_id, "1380013800", name="", occupationIds=["x"])},
        token=cast.token["operator"],
    )
    again = await gql(
        REGISTER, {"input": await _input(cast.market_id, taken)}, token=cast.token["operator"]
    )

    # then
    assert bad["data"]["workerRegisterWalkIn"]["userErrors"] == [
        {"code": "REQUIRED", "field": ["name"], "message": "请填写姓名或名称"},
        {"code": "INVALID_PHONE", "field": ["phone"], "message": "请填写 11 位大陆手机号"},
        {"code": "NOT_FOUND", "field": ["occupationIds"], "message": "工种不存在"},
    ]
    assert again["data"]["workerRegisterWalkIn"]["userErrors"] == [
        {"code": "PHONE_TAKEN", "field": ["phone"], "message": "该手机号已登记"}
    ]
    assert await snapshot() == before
