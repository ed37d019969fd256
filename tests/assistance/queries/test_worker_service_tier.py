"""`Worker.serviceTier`: the operator of the worker's market and staff see the tier, its reasons
and any override; nobody else does (not even the worker)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.assistance import tier
from services.worker import rules as worker_rules
from tests.fixtures.account import make_staff_user
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.worker import make_walk_in

QUERY = """
query ($id: ID!) {
  worker(id: $id) {
    name
    serviceTier {
      tier
      derivedTier
      reasons { code text }
      override { tier reason }
    }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_who_sees_the_tier(gql, role):
    # given: a worker with a disability walked in at the operator's market, overridden by staff
    cast = await make_cast()
    walk_in = await make_walk_in(cast.operator_id, cast.market_id, name="赵大勇")
    await worker_rules.update_profile(walk_in, worker_rules.ProfileChanges(assistance=["DISABLED"]))
    await tier.set_override(await make_staff_user(), walk_in, "KEY", "已稳定就业，改为重点服务")

    # when
    body = await gql(QUERY, {"id": encode_id("Worker", walk_in)}, token=cast.token[role])

    # then
    if role == "anonymous":
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    elif role in ("operator", "staff"):
        assert body == {
            "data": {
                "worker": {
                    "name": "赵大勇",
                    "serviceTier": {
                        "tier": "KEY",
                        "derivedTier": "ASSISTED",
                        "reasons": [{"code": "CATEGORY", "text": "援助类别：残疾"}],
                        "override": {"tier": "KEY", "reason": "已稳定就业，改为重点服务"},
                    },
                }
            }
        }
    else:  # the worker is invisible to them
        assert body == {"data": {"worker": None}}


async def test_the_worker_does_not_see_their_own_tier(gql):
    cast = await make_cast()

    body = await gql(QUERY, {"id": encode_id("Worker", cast.worker_id)}, token=cast.token["worker"])

    assert body == {"data": {"worker": {"name": "张三", "serviceTier": None}}}
