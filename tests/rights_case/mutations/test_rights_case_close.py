"""`rightsCaseClose`: the worker withdraws, or staff close without a finding."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import file_case, make_scene, snapshot
from tests.fixtures.worker import make_worker

CLOSE = """
mutation($id: ID!, $note: String!) {
  rightsCaseClose(id: $id, note: $note) {
    rightsCase { status outcome outcomeNote }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_the_worker_withdraws_or_staff_close(gql, role):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    before = await snapshot()

    body = await gql(
        CLOSE,
        {"id": encode_id("RightsCase", case_id), "note": "老板已补发"},
        token=scene.cast.token[role],
    )

    if role in ("worker", "staff"):
        outcome = "WITHDRAWN" if role == "worker" else None
        assert body == {
            "data": {
                "rightsCaseClose": {
                    "rightsCase": {
                        "status": "CLOSED",
                        "outcome": outcome,
                        "outcomeNote": "老板已补发",
                    },
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "rightsCaseClose")
    assert await snapshot() == before


async def test_another_workers_case_looks_missing(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    _, stranger = await make_worker(name="李四")
    before = await snapshot()

    body = await gql(
        CLOSE, {"id": encode_id("RightsCase", case_id), "note": "撤回"}, token=stranger
    )

    assert body == {
        "data": {
            "rightsCaseClose": {
                "rightsCase": None,
                "userErrors": [{"code": "NOT_FOUND", "field": ["id"], "message": "案件不存在"}],
            }
        }
    }
    assert await snapshot() == before
