"""`rightsCaseRoute`: hand an open case to another department; it waits to be accepted."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import advance, file_case, make_scene, snapshot

ROUTE = """
mutation($id: ID!, $department: Department!, $note: String!) {
  rightsCaseRoute(id: $id, department: $department, note: $note) {
    rightsCase { status department steps { action status department actor note } }
    userErrors { code field message }
  }
}"""


def refused(*errors: tuple[str, list[str], str]) -> dict:
    return {
        "data": {
            "rightsCaseRoute": {
                "rightsCase": None,
                "userErrors": [{"code": c, "field": f, "message": m} for c, f, m in errors],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_a_failed_mediation_goes_on_to_labour_inspection(gql, role):
    # given: a mediation at the operator's market that did not settle
    scene = await make_scene()
    case_id = await file_case(
        scene.cast.worker_id, kind="CONTRACT_DISPUTE", application_id=scene.application_id
    )
    await advance(case_id, "MEDIATING")
    before = await snapshot()

    # when
    body = await gql(
        ROUTE,
        {
            "id": encode_id("RightsCase", case_id),
            "department": "LABOUR_INSPECTION",
            "note": "调解未达成一致，转劳动保障监察",
        },
        token=scene.cast.token[role],
    )

    # then
    if role in ("operator", "staff"):
        case = body["data"]["rightsCaseRoute"]["rightsCase"]
        assert (case["status"], case["department"]) == ("FILED", "LABOUR_INSPECTION")
        assert case["steps"][-1] == {
            "action": "ROUTE",
            "status": "FILED",
            "department": "LABOUR_INSPECTION",
            "actor": role.upper(),
            "note": "调解未达成一致，转劳动保障监察",
        }
        # Who ran the mediation stays on record (advance() mediated as staff).
        row = await t.RightsCase.select(t.RightsCase.mediator_role).first()
        assert row == {"mediator_role": "STAFF"}
        return
    if role == "other_operator":
        assert body == refused(("NOT_FOUND", ["id"], "案件不存在"))
    else:
        assert_denied(body, role, "rightsCaseRoute")
    assert await snapshot() == before


async def test_routing_needs_a_note_and_another_department(gql):
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    gid = encode_id("RightsCase", case_id)
    token = scene.cast.token["staff"]
    before = await snapshot()

    empty = await gql(ROUTE, {"id": gid, "department": "PUBLIC_SECURITY", "note": " "}, token=token)
    same = await gql(
        ROUTE, {"id": gid, "department": "LABOUR_INSPECTION", "note": "重复"}, token=token
    )
    operator = await gql(
        ROUTE,
        {"id": gid, "department": "MARKET_OPERATOR", "note": "请市场调解"},
        token=scene.cast.token["operator"],
    )

    assert empty == refused(("REQUIRED", ["note"], "请填写说明"))
    assert same == refused(("SAME_DEPARTMENT", ["department"], "案件已在该部门"))
    assert operator == refused(("NOT_HANDLER", ["id"], "该案件由劳动保障监察办理"))
    assert await snapshot() == before
