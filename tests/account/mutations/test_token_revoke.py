"""`tokenRevoke`: sign out by revoking the token the request carries."""

from __future__ import annotations

import pytest

from services.auth.rules import authenticate
from tests.fixtures.job_posting import ROLES, make_cast

REVOKE = "mutation { tokenRevoke { revoked userErrors { code field } } }"


@pytest.mark.parametrize("role", ROLES)
async def test_every_signed_in_role_can_revoke_its_own_token(gql, role):
    # given
    cast = await make_cast()
    token = cast.token[role]

    # when
    body = await gql(REVOKE, token=token)

    # then
    if role == "anonymous":
        assert body["data"] is None
        assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
        return
    assert body == {"data": {"tokenRevoke": {"revoked": True, "userErrors": []}}}
    assert await authenticate(token) is None
    # the other roles' tokens still work
    others = [t for r, t in cast.token.items() if t and r != role]
    assert all([await authenticate(t) for t in others])


async def test_a_revoked_token_no_longer_signs_anything(gql):
    # given
    cast = await make_cast()
    await gql(REVOKE, token=cast.token["worker"])

    # when
    body = await gql(REVOKE, token=cast.token["worker"])

    # then
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
