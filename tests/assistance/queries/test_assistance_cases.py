"""`myAssistancePlan` (the worker's own open case) and `assistanceCases` (operators: workers
registered at their markets; staff: their region), with their authorization matrices."""

from __future__ import annotations

import pytest

from services.assistance import cases, offers
from tests.fixtures.assistance import make_case, public_welfare_posting, register_at, scoped_staff
from tests.fixtures.certification import token
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast

PLAN = """
{ myAssistancePlan {
    status caseWorker overdue
    steps { title done overdue }
    offers { kind status note jobPosting { title publicWelfare } }
    followUps { channel note }
} }
"""
CASES = """
query ($where: AssistanceCaseWhereInput) {
  assistanceCases(first: 10, where: $where) {
    totalCount
    nodes { status overdue worker { name } steps { title } }
  }
}
"""


async def _scene():
    cast = await make_cast(assistance=("DISABLED",))
    await register_at(cast.worker_id, cast.market_id)
    case_id, staff_id = await make_case(cast.worker_id)
    posting_id = await public_welfare_posting(cast.employer_id)
    await offers.make_offer(staff_id, case_id, "POSTING", posting_id, "离家近")
    await cases.record_follow_up(staff_id, case_id, _today(), "PHONE", "本人愿意试试")
    return cast, case_id


def _today():
    from services.timeutil import local, now

    return local(now()).date()


@pytest.mark.parametrize("role", ROLES)
async def test_who_sees_my_assistance_plan(gql, role):
    cast, _ = await _scene()

    body = await gql(PLAN, token=cast.token[role])

    if role == "worker":
        plan = body["data"]["myAssistancePlan"]
        assert plan["status"] == "OPEN" and plan["overdue"] is True
        assert plan["caseWorker"].startswith("hr-staff-")
        assert plan["steps"] == [
            {"title": "推荐公益性岗位", "done": False, "overdue": True},
            {"title": "上岗后回访", "done": False, "overdue": False},
        ]
        assert plan["offers"] == [
            {
                "kind": "POSTING",
                "status": "PENDING",
                "note": "离家近",
                "jobPosting": {"title": "社区公益保洁员", "publicWelfare": True},
            }
        ]
        assert plan["followUps"] == [{"channel": "PHONE", "note": "本人愿意试试"}]
    else:
        assert_denied(body, role, "myAssistancePlan", nullable=True)


async def test_a_worker_without_an_open_case_has_no_plan(gql):
    cast, case_id = await _scene()
    await cases.close_case(await scoped_staff("330000"), case_id, "EMPLOYED", "")

    body = await gql(PLAN, token=cast.token["worker"])

    assert body == {"data": {"myAssistancePlan": None}}


@pytest.mark.parametrize("role", ROLES)
async def test_who_sees_assistance_cases(gql, role):
    cast, _ = await _scene()

    body = await gql(CASES, token=cast.token[role])

    one = {
        "totalCount": 1,
        "nodes": [
            {
                "status": "OPEN",
                "overdue": True,
                "worker": {"name": "张三"},
                "steps": [{"title": "推荐公益性岗位"}, {"title": "上岗后回访"}],
            }
        ],
    }
    if role in ("operator", "staff"):
        assert body == {"data": {"assistanceCases": one}}
    elif role == "other_operator":
        assert body == {"data": {"assistanceCases": {"totalCount": 0, "nodes": []}}}
    else:
        expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
        assert body["data"] is None
        assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]


async def test_staff_see_the_cases_of_their_region_only_and_filters_apply(gql):
    cast, _ = await _scene()  # the worker lives in 上城区 (330102), 杭州
    hangzhou = await token("STAFF", await scoped_staff("330100"))
    ningbo = await token("STAFF", await scoped_staff("330200"))

    mine = await gql(CASES, token=hangzhou)
    other = await gql(CASES, token=ningbo)
    late = await gql(CASES, {"where": {"overdue": True}}, token=hangzhou)
    on_time = await gql(CASES, {"where": {"overdue": False}}, token=hangzhou)
    closed = await gql(CASES, {"where": {"status": ["CLOSED"]}}, token=hangzhou)

    counts = [
        b["data"]["assistanceCases"]["totalCount"] for b in (mine, other, late, on_time, closed)
    ]
    assert counts == [1, 0, 1, 0, 0]
