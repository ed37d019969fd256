"""`rightsCaseRefer`: staff refer an open case outside the platform (→ REFERRED)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import advance, file_case, make_scene, snapshot

REFER = """
mutation($id: ID!) {
  rightsCaseRefer(id: $id, referredTo: "上城区劳动人事争议仲裁委员会", note: "调解不成，建议申请仲裁") {
    rightsCase { status outcome referredTo outcomeNote stepDueAt }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_staff_refer(gql, role):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    await advance(case_id, "MEDIATING")
    before = await snapshot()

    body = await gql(REFER, {"id": encode_id("RightsCase", case_id)}, token=scene.cast.token[role])

    if role == "staff":
        assert body == {
            "data": {
                "rightsCaseRefer": {
                    "rightsCase": {
                        "status": "REFERRED",
                        "outcome": None,
                        "referredTo": "上城区劳动人事争议仲裁委员会",
                        "outcomeNote": "调解不成，建议申请仲裁",
                        "stepDueAt": None,
                    },
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "rightsCaseRefer")
    assert await snapshot() == before


async def test_a_final_case_cannot_be_referred(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    token = scene.cast.token["staff"]
    await gql(REFER, {"id": encode_id("RightsCase", case_id)}, token=token)
    before = await snapshot()

    again = await gql(REFER, {"id": encode_id("RightsCase", case_id)}, token=token)

    assert again == {
        "data": {
            "rightsCaseRefer": {
                "rightsCase": None,
                "userErrors": [
                    {
                        "code": "INVALID_STATE",
                        "field": ["id"],
                        "message": "案件当前为“已移送”，不能移送",
                    }
                ],
            }
        }
    }
    assert await snapshot() == before
