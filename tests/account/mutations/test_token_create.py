"""`tokenCreate`: sign in with phone and password; lockout; no account enumeration."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.account import rules as account_rules
from services.auth.rules import authenticate
from services.timeutil import now
from tables.account import Account
from tables.auth import ApiToken
from tests.fixtures.account import PASSWORD, next_phone
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.worker import make_worker

SIGN_IN = """
mutation($phone: String!, $password: String!) {
  tokenCreate(input: {phone: $phone, password: $password}) {
    token role userErrors { code field message }
  }
}"""
REFUSED = {
    "data": {
        "tokenCreate": {
            "token": None,
            "role": None,
            "userErrors": [
                {
                    "code": "INVALID_CREDENTIALS",
                    "field": None,
                    "message": "手机号或密码错误，或账号已被暂时锁定",
                }
            ],
        }
    }
}


async def test_the_right_password_gives_a_token_for_the_profile(gql):
    # given
    phone = next_phone()
    worker_id, _ = await make_worker(phone=phone)
    employer_phone = next_phone()
    employer_id, _ = await make_employer(phone=employer_phone)

    # when
    worker = await gql(SIGN_IN, {"phone": phone, "password": PASSWORD})
    employer = await gql(SIGN_IN, {"phone": employer_phone, "password": PASSWORD})

    # then
    token = worker["data"]["tokenCreate"]["token"]
    assert worker == {"data": {"tokenCreate": {"token": token, "role": "WORKER", "userErrors": []}}}
    assert (await authenticate(token)).subject_id == worker_id
    assert employer["data"]["tokenCreate"]["role"] == "EMPLOYER"
    assert (await authenticate(employer["data"]["tokenCreate"]["token"])).subject_id == employer_id


async def test_unknown_phone_wrong_password_and_locked_account_look_the_same(gql):
    # given
    phone = next_phone()
    await make_worker(phone=phone)
    locked_phone = next_phone()
    await make_worker(phone=locked_phone)
    await Account.update({Account.locked_until: now() + timedelta(minutes=5)}).where(
        Account.phone_hash == (await _hash(locked_phone))
    )

    tokens_before = await ApiToken.count()
    accounts_before = await Account.count()

    # when
    unknown = await gql(SIGN_IN, {"phone": next_phone(), "password": PASSWORD})
    wrong = await gql(SIGN_IN, {"phone": phone, "password": "not-the-password"})
    locked = await gql(SIGN_IN, {"phone": locked_phone, "password": PASSWORD})
    garbage = await gql(SIGN_IN, {"phone": "not a phone", "password": ""})

    # then: the same answer, and no token issued and no account created for anyone
    assert unknown == wrong == locked == garbage == REFUSED
    assert await ApiToken.count() == tokens_before
    assert await Account.count() == accounts_before


async def _hash(phone: str) -> str:
    from services.worker.personal import phone_hash

    return phone_hash(phone)


async def test_unknown_phones_cost_the_same_hashing_work(gql, monkeypatch):
    # given: count password verifications
    phone = next_phone()
    await make_worker(phone=phone)
    calls = []
    real = account_rules.verify_password

    async def counting(hashed, password):
        calls.append(hashed)
        return await real(hashed, password)

    monkeypatch.setattr(account_rules, "verify_password", counting)

    # when
    await gql(SIGN_IN, {"phone": next_phone(), "password": "whatever-1"})
    await gql(SIGN_IN, {"phone": phone, "password": "whatever-1"})

    # then: one argon2 verification each, against a dummy hash for the unknown phone
    assert len(calls) == 2 and all(h.startswith("$argon2id$") for h in calls)


async def test_five_failures_lock_the_account_even_for_the_right_password(gql):
    # given
    phone = next_phone()
    await make_worker(phone=phone)

    # when
    for _ in range(5):
        assert await gql(SIGN_IN, {"phone": phone, "password": "wrong-password"}) == REFUSED
    locked = await gql(SIGN_IN, {"phone": phone, "password": PASSWORD})

    # then
    assert locked == REFUSED
    account = await Account.select(Account.locked_until, Account.failed_logins).first()
    assert account["failed_logins"] == 0
    assert timedelta(minutes=14) < account["locked_until"] - now() <= timedelta(minutes=15)


async def test_the_lock_ends_after_15_minutes_and_success_resets_the_count(gql):
    # given: a lock that has just expired, and four recent failures
    phone = next_phone()
    await make_worker(phone=phone)
    await Account.update(
        {
            Account.locked_until: now() - timedelta(seconds=1),
            Account.failed_logins: 4,
            Account.failures_since: now() - timedelta(minutes=1),
        },
        force=True,
    )

    # when
    body = await gql(SIGN_IN, {"phone": phone, "password": PASSWORD})

    # then
    assert body["data"]["tokenCreate"]["role"] == "WORKER"
    account = await Account.select(
        Account.failed_logins, Account.failures_since, Account.locked_until
    ).first()
    assert account == {"failed_logins": 0, "failures_since": None, "locked_until": None}


async def test_failures_outside_the_window_start_a_new_count(gql):
    # given: four failures that began 20 minutes ago
    phone = next_phone()
    await make_worker(phone=phone)
    await Account.update(
        {Account.failed_logins: 4, Account.failures_since: now() - timedelta(minutes=20)},
        force=True,
    )

    # when
    await gql(SIGN_IN, {"phone": phone, "password": "wrong-password"})

    # then: a fresh window with one failure, and no lock
    account = await Account.select(Account.failed_logins, Account.locked_until).first()
    assert account == {"failed_logins": 1, "locked_until": None}


@pytest.mark.parametrize("role", ROLES)
async def test_signing_in_needs_no_token_and_ignores_one(gql, role):
    # given
    cast = await make_cast(phone="13966667777")

    # when
    body = await gql(
        SIGN_IN, {"phone": "13966667777", "password": PASSWORD}, token=cast.token[role]
    )

    # then: the new token is the worker's, whoever asked
    token = body["data"]["tokenCreate"]["token"]
    assert body == {"data": {"tokenCreate": {"token": token, "role": "WORKER", "userErrors": []}}}
    assert (await authenticate(token)).subject_id == cast.worker_id
