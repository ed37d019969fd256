"""`accountRegister` under races and for walk-ins: one account per phone, claiming a profile."""

from __future__ import annotations

import asyncio

import pytest

from services.auth.rules import authenticate
from tables.account import Account
from tables.worker import Worker, WorkerOccupation
from tests.account.mutations.test_account_register import REGISTER, worker_input
from tests.fixtures.account import next_phone
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.worker import make_walk_in


async def test_concurrent_registrations_of_one_phone_create_one_account(gql):
    # given
    phone = next_phone()

    # when
    bodies = await asyncio.gather(
        *[gql(REGISTER.replace("message", ""), {"input": worker_input(phone)}) for _ in range(5)]
    )

    # then
    errors = sorted(str(b["data"]["accountRegister"]["userErrors"]) for b in bodies)
    assert errors == ["[]"] + ["[{'code': 'PHONE_TAKEN', 'field': ['phone']}]"] * 4
    assert await Account.count() == 1 and await Worker.count() == 1


async def test_a_walk_in_worker_claims_their_profile_by_registering_with_the_same_name(gql):
    # given: an operator registered 李四 at the market
    operator_id = await make_operator()
    market_id = await make_market(operator_id=operator_id)
    phone = next_phone()
    walk_in = await make_walk_in(operator_id, market_id, name="李四", phone=phone)

    # when: someone else tries the phone with another name, then 李四 registers
    stranger = await gql(
        REGISTER.replace("message", ""),
        {"input": worker_input(phone) | {"worker": {"name": "王二"}}},
    )
    claimed = await gql(REGISTER, {"input": worker_input(phone) | {"worker": {"name": "李四"}}})

    # then: one worker, now with an account, still registered at the market
    assert stranger["data"]["accountRegister"]["userErrors"] == [
        {"code": "PHONE_TAKEN", "field": ["phone"]}
    ]
    assert claimed["data"]["accountRegister"]["userErrors"] == []
    viewer = await authenticate(claimed["data"]["accountRegister"]["token"])
    assert viewer.subject_id == walk_in
    row = await Worker.select(Worker.account, Worker.registered_market).first()
    assert row["account"] is not None and row["registered_market"] == market_id
    assert await Worker.count() == 1 and await WorkerOccupation.count() == 1


@pytest.mark.parametrize(
    "role", ["anonymous", "worker", "employer", "other_operator", "operator", "staff"]
)
async def test_anyone_may_register(gql, role):
    # given: registration needs no token, and a token changes nothing
    cast = await make_cast()

    # when
    body = await gql(
        REGISTER.replace("message", ""),
        {"input": worker_input(next_phone())},
        token=cast.token[role],
    )

    # then
    assert body["data"]["accountRegister"]["userErrors"] == []
    assert await Worker.count() == 2
