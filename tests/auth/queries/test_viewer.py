"""`viewer`: who the bearer token belongs to; anything but a live token means anonymous."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from piccolo.apps.user.tables import BaseUser

from resolvers.global_ids import encode_id
from services.auth import rules as auth_rules
from services.timeutil import now
from tables.auth import ApiToken
from tests.fixtures.market import make_operator

VIEWER = "{ viewer { role subjectId tokenExpiresAt } }"
ANONYMOUS = {"data": {"viewer": None}}


async def expires_at(token_id: int) -> str | None:
    row = await ApiToken.select(ApiToken.expires_at).where(ApiToken.id == token_id).first()
    return row["expires_at"].isoformat() if row["expires_at"] else None


async def test_viewer_without_a_token_is_null(gql):
    assert await gql(VIEWER) == ANONYMOUS


async def test_viewer_with_an_operator_token_is_that_operator(gql):
    # given
    operator = await make_operator()
    token, token_id = await auth_rules.issue("OPERATOR", operator, days=30)

    # when
    body = await gql(VIEWER, token=token)

    # then
    assert body == {
        "data": {
            "viewer": {
                "role": "OPERATOR",
                "subjectId": encode_id("Operator", operator),
                "tokenExpiresAt": await expires_at(token_id),
            }
        }
    }
    left = (await ApiToken.select(ApiToken.expires_at).first())["expires_at"] - now()
    assert timedelta(days=29, hours=23) < left <= timedelta(days=30)


async def test_viewer_with_a_staff_token_that_never_expires(gql):
    user = await BaseUser.create_user(
        username="zhang.san", password="a-long-test-password", active=True, admin=True
    )
    token, _ = await auth_rules.issue("STAFF", user.id, days=None)

    body = await gql(VIEWER, token=token)

    assert body == {
        "data": {
            "viewer": {
                "role": "STAFF",
                "subjectId": encode_id("StaffUser", user.id),
                "tokenExpiresAt": None,
            }
        }
    }


async def test_viewer_with_an_expired_token_is_anonymous(gql):
    # given
    token, token_id = await auth_rules.issue("OPERATOR", await make_operator(), days=1)
    await ApiToken.update({ApiToken.expires_at: now() - timedelta(seconds=1)}).where(
        ApiToken.id == token_id
    )

    # when / then
    assert await gql(VIEWER, token=token) == ANONYMOUS


async def test_viewer_with_a_revoked_token_is_anonymous_at_once(gql):
    # given
    operator = await make_operator()
    token, token_id = await auth_rules.issue("OPERATOR", operator)
    other, _ = await auth_rules.issue("OPERATOR", operator)
    assert (await gql(VIEWER, token=token))["data"]["viewer"]["role"] == "OPERATOR"

    # when
    assert await auth_rules.revoke(token_id) is True

    # then
    assert await gql(VIEWER, token=token) == ANONYMOUS
    assert (await gql(VIEWER, token=other))["data"]["viewer"]["role"] == "OPERATOR"
    assert await auth_rules.revoke(token_id) is False  # already revoked


async def test_viewer_with_a_malformed_or_unknown_token_is_anonymous(client, gql):
    # given
    real, _ = await auth_rules.issue("OPERATOR", await make_operator())
    presented = [
        "garbage",
        "lg_",
        "lg_" + secrets.token_urlsafe(32),  # well-formed, never issued
        real + "x",
        real.upper(),
        "lg_" + "a" * 200,
        hashlib.sha256(real.encode()).hexdigest(),  # the stored hash is not a credential
    ]
    for token in presented:
        # when / then
        assert await gql(VIEWER, token=token) == ANONYMOUS, token

    raw_headers = ["Basic " + real, real, "Bearer", "Bearer    ", "Token " + real]
    for header in [*raw_headers, "Bearer lg_中文".encode()]:
        response = await client.post(
            "/graphql", json={"query": VIEWER}, headers={"Authorization": header}
        )
        assert response.status_code == 200
        assert response.json() == ANONYMOUS, header


async def test_viewer_tokens_are_stored_only_as_a_hash(gql):
    # given
    operator = await make_operator()
    token, token_id = await auth_rules.issue("OPERATOR", operator, label="望江市场运营")

    # when
    rows = await ApiToken.select()

    # then
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == token_id
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith("lg_") and len(token) > 40
    assert all(token not in str(value) for value in row.values())
    assert row["prefix"] == token[:10]
    assert (await gql(VIEWER, token=token))["data"]["viewer"]["role"] == "OPERATOR"
