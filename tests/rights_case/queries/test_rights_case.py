"""`rightsCase(id)`: its worker, the operator of its market and staff; null for others."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import file_case, make_scene
from tests.fixtures.worker import make_worker

CASE = """
query($id: ID!) { rightsCase(id: $id) { kind status summary } }"""


@pytest.mark.parametrize("role", ROLES)
async def test_who_sees_a_case(gql, role):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)

    body = await gql(CASE, {"id": encode_id("RightsCase", case_id)}, token=scene.cast.token[role])

    if role in ("worker", "operator", "staff"):
        assert body == {
            "data": {
                "rightsCase": {
                    "kind": "WAGE_ARREARS",
                    "status": "FILED",
                    "summary": "完工三天未结工资",
                }
            }
        }
    elif role == "other_operator":
        assert body == {"data": {"rightsCase": None}}
    else:
        assert_denied(body, role, "rightsCase", nullable=True)


async def test_another_worker_unknown_and_malformed_ids_read_null(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    _, stranger = await make_worker(name="李四")

    bodies = [
        await gql(CASE, {"id": encode_id("RightsCase", case_id)}, token=stranger),
        await gql(CASE, {"id": encode_id("RightsCase", 999999)}, token=scene.cast.token["staff"]),
        await gql(CASE, {"id": "not-an-id"}, token=scene.cast.token["staff"]),
    ]

    assert bodies == [{"data": {"rightsCase": None}}] * 3
