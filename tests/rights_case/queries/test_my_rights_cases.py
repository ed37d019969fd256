"""`myRightsCases`: the signed-in worker's own cases, newest first."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import advance, file_case, make_scene

MINE = """
query($status: [RightsCaseStatus!], $after: String) {
  myRightsCases(first: 1, status: $status, after: $after) {
    totalCount nodes { id kind status } pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_workers_list_their_cases(gql, role):
    scene = await make_scene()
    await file_case(scene.cast.worker_id, application_id=scene.application_id)

    body = await gql(MINE, {}, token=scene.cast.token[role])

    if role == "worker":
        assert body["data"]["myRightsCases"]["totalCount"] == 1
    else:
        assert_denied(body, role, "myRightsCases")


async def test_newest_first_paged_and_filtered_never_anyone_elses(gql):
    # given: two cases of the worker, one of another worker
    scene = await make_scene()
    other = await make_scene()
    older = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    newer = await file_case(
        scene.cast.worker_id,
        kind="DISCRIMINATION",
        posting_id=scene.posting_id,
        summary="面试时说只要男的",
        amount=None,
    )
    await file_case(other.cast.worker_id, application_id=other.application_id)
    await advance(older, "ACCEPTED")
    token = scene.cast.token["worker"]

    # when
    first = await gql(MINE, {}, token=token)
    cursor = first["data"]["myRightsCases"]["pageInfo"]["endCursor"]
    second = await gql(MINE, {"after": cursor}, token=token)
    accepted = await gql(MINE, {"status": ["ACCEPTED"]}, token=token)

    # then
    assert first["data"]["myRightsCases"] == {
        "totalCount": 2,
        "nodes": [
            {"id": encode_id("RightsCase", newer), "kind": "DISCRIMINATION", "status": "FILED"}
        ],
        "pageInfo": {"hasNextPage": True, "endCursor": cursor},
    }
    assert second["data"]["myRightsCases"]["nodes"] == [
        {"id": encode_id("RightsCase", older), "kind": "WAGE_ARREARS", "status": "ACCEPTED"}
    ]
    assert second["data"]["myRightsCases"]["pageInfo"]["hasNextPage"] is False
    assert [n["id"] for n in accepted["data"]["myRightsCases"]["nodes"]] == [
        encode_id("RightsCase", older)
    ]
