"""`rightsCases`: the queue — operators see their markets' cases, staff all; overdue first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import advance, file_case, make_scene

QUEUE = """
query($where: RightsCaseWhereInput, $orderBy: RightsCaseOrder, $search: String) {
  rightsCases(first: 20, where: $where, orderBy: $orderBy, search: $search) {
    totalCount nodes { id overdue }
  }
}"""


async def _two_markets():
    """A case at the operator's market, one at another market, one overdue and resolved."""
    scene = await make_scene()
    other = await make_scene()
    mine = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    theirs = await file_case(
        other.cast.worker_id,
        kind="SAFETY",
        application_id=other.application_id,
        summary="现场被人强行收取介绍费",
    )
    return scene, mine, theirs


def ids(body: dict) -> list[str]:
    return [n["id"] for n in body["data"]["rightsCases"]["nodes"]]


@pytest.mark.parametrize("role", ROLES)
async def test_operators_see_their_markets_cases_and_staff_all(gql, role):
    scene, mine, theirs = await _two_markets()

    body = await gql(QUEUE, {}, token=scene.cast.token[role])

    if role == "operator":
        assert ids(body) == [encode_id("RightsCase", mine)]
    elif role == "other_operator":
        assert ids(body) == []
    elif role == "staff":
        assert ids(body) == [encode_id("RightsCase", theirs), encode_id("RightsCase", mine)]
    else:
        assert_denied(body, role, "rightsCases")


async def test_filters_search_and_the_overdue_queue(gql):
    # given: three open cases with different deadlines (one past), one resolved
    scene, mine, theirs = await _two_markets()
    late = await file_case(
        scene.cast.worker_id,
        kind="CONTRACT_DISPUTE",
        employer_id=scene.cast.employer_id,
        market_id=scene.cast.market_id,
        summary="约定日结，实际拖到月底",
    )
    await advance(theirs, "ACCEPTED")
    row = await t.RightsCase.select(t.RightsCase.step_due_at).where(t.RightsCase.id == late).first()
    await t.RightsCase.update(
        {t.RightsCase.step_due_at: row["step_due_at"] - timedelta(days=4)}
    ).where(t.RightsCase.id == late)
    token = scene.cast.token["staff"]

    # when
    overdue = await gql(QUEUE, {"where": {"overdue": True}}, token=token)
    by_due = await gql(QUEUE, {"orderBy": {"field": "DUE_AT"}}, token=token)
    security = await gql(QUEUE, {"where": {"department": ["PUBLIC_SECURITY"]}}, token=token)
    market = await gql(
        QUEUE, {"where": {"marketId": encode_id("Market", scene.cast.market_id)}}, token=token
    )
    searched = await gql(QUEUE, {"search": "介绍费"}, token=token)

    # then
    gid = {c: encode_id("RightsCase", c) for c in (mine, theirs, late)}
    assert overdue["data"]["rightsCases"] == {
        "totalCount": 1,
        "nodes": [{"id": gid[late], "overdue": True}],
    }
    # the accepted case has 30 days (public security), the filed one 3 days to acceptance
    assert ids(by_due) == [gid[late], gid[mine], gid[theirs]]
    assert ids(security) == [gid[theirs]]
    assert ids(market) == [gid[late], gid[mine]]
    assert ids(searched) == [gid[theirs]]
