"""The token lookup (services/auth/rules.authenticate): one statement that also reads a staff
member's scope, carried by a viewer that serves one request only."""

from __future__ import annotations

import pytest

from services.auth.rules import authenticate, issue
from services.auth.staff import PROVINCE_WIDE, Scope, scope_for, scope_of
from tables.auth import StaffScope
from tests.fixtures.account import make_staff_user
from tests.fixtures.assistance import scoped_staff
from tests.fixtures.market import make_operator
from tests.fixtures.sql import count_sql


@pytest.mark.parametrize("scoped", ["city", "county", "read_only", "no_region", "province"])
async def test_a_staff_viewer_of_one_request_carries_the_scope_scope_of_reads(scoped):
    # given a staff member of each kind of scope
    if scoped == "province":
        user = await make_staff_user()  # no scope row: the whole province
    elif scoped == "no_region":
        user = await make_staff_user()
        await StaffScope.insert(StaffScope(user=user, region=None, approver=True))
    else:
        code = {"city": "330100", "county": "330102", "read_only": "330200"}[scoped]
        user = await scoped_staff(code, read_only=scoped == "read_only")
    bearer, _ = await issue("STAFF", user)

    # when the token is looked up for one request, and for a connection that lives longer
    with count_sql() as statements:
        viewer = await authenticate(bearer, for_one_request=True)
    lasting = await authenticate(bearer)

    # then one statement brought the scope, the same as scope_of's
    assert statements[0] == 1
    assert viewer is not None and lasting is not None
    expected = await scope_of(user)
    assert viewer.scope == expected
    assert lasting.scope is None and await scope_for(lasting) == expected
    assert await scope_for(viewer) == expected
    if scoped == "province":
        assert expected == PROVINCE_WIDE
    if scoped == "no_region":
        assert expected == Scope(None, "浙江省", False, True)
    if scoped == "county":
        assert (expected.prefix, expected.region_name) == ("330102", "上城区")
    if scoped == "read_only":
        assert (expected.prefix, expected.read_only, expected.approver) == ("3302", True, False)


async def test_other_roles_carry_no_scope():
    operator_id = await make_operator()
    bearer, _ = await issue("OPERATOR", operator_id)

    viewer = await authenticate(bearer, for_one_request=True)

    assert viewer is not None and viewer.role == "OPERATOR" and viewer.scope is None
