"""`myWorkerProfile`: the signed-in worker sees their whole profile."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.account import next_resident_id
from tests.fixtures.job_posting import ROLES, make_cast

PROFILE = """
{ myWorkerProfile { id name phone residentId assistanceCategories prioritised hasAccount } }
"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_workers_have_a_worker_profile(gql, role):
    # given
    resident_id = next_resident_id()
    cast = await make_cast(resident_id=resident_id, assistance=("LOW_INCOME",), phone="13900139000")

    # when
    body = await gql(PROFILE, token=cast.token[role])

    # then
    if role == "worker":
        assert body == {
            "data": {
                "myWorkerProfile": {
                    "id": encode_id("Worker", cast.worker_id),
                    "name": "张三",
                    "phone": "13900139000",
                    "residentId": resident_id,
                    "assistanceCategories": ["LOW_INCOME"],
                    "prioritised": True,
                    "hasAccount": True,
                }
            }
        }
    else:
        expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
        assert body["data"] == {"myWorkerProfile": None}
        assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
