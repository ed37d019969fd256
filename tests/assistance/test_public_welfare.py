"""Public-welfare jobs (公益性岗位, （十）): invisible to ineligible workers and anonymous callers in
every list, search, distance search, recommendation and by id (exactly as an unknown id); seen
by eligible workers (tier KEY or ASSISTED), their employer, the operator of their market and
staff. Applying as an ineligible worker is refused and stores nothing."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.assistance import eligibility, tier
from services.job_posting import applications
from services.problems import ServiceError
from tables import job_posting as jp
from tests.fixtures.account import make_staff_user
from tests.fixtures.assistance import public_welfare_posting, snapshot
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, make_cast, make_posting
from tests.fixtures.worker import make_walk_in, make_worker

LISTS = """
query ($id: ID!, $unknown: ID!) {
  all: jobPostings(first: 50) { totalCount nodes { title publicWelfare } }
  search: jobPostings(search: "公益") { totalCount }
  near: jobPostings(near: { latitude: 30.25, longitude: 120.17, radiusKm: 50 }) { totalCount }
  byId: jobPosting(id: $id) { title }
  node(id: $id) { id }
  unknown: jobPosting(id: $unknown) { title }
}
"""
APPLY = """
mutation ($input: JobApplicationCreateInput!) {
  jobApplicationCreate(input: $input) { jobApplication { status } userErrors { code field message } }
}
"""
RECOMMENDED = "{ recommendedJobPostings(first: 20) { nodes { jobPosting { title } } } }"


async def _scene(**worker):
    cast = await make_cast(**worker)
    location = (30.25, 120.17)
    posting_id = await public_welfare_posting(
        cast.employer_id, market_id=cast.market_id, location=location
    )
    await make_posting(cast.employer_id, title="仓库装卸工", location=location)
    return cast, posting_id


def _variables(posting_id: int) -> dict:
    return {"id": encode_id("JobPosting", posting_id), "unknown": encode_id("JobPosting", 999999)}


@pytest.mark.parametrize("role", [*ROLES, "other_employer", "eligible_worker"])
async def test_who_sees_a_public_welfare_job(gql, role):
    # given: the cast's worker has no difficulty (GENERAL)
    cast, posting_id = await _scene()
    if role == "other_employer":
        _, cast.token[role] = await make_employer(name="别家公司")
    if role == "eligible_worker":
        _, cast.token[role] = await make_worker(name="李秀英", assistance=("LOW_INCOME",))

    # when
    body = await gql(LISTS, _variables(posting_id), token=cast.token[role])

    # then
    data = body["data"]
    assert data["unknown"] is None
    if role in ("employer", "operator", "staff", "eligible_worker"):
        assert data["all"]["totalCount"] == 2
        assert {n["title"]: n["publicWelfare"] for n in data["all"]["nodes"]} == {
            "社区公益保洁员": True,
            "仓库装卸工": False,
        }
        assert (data["search"]["totalCount"], data["near"]["totalCount"]) == (1, 2)
        assert data["byId"] == {"title": "社区公益保洁员"}
        assert data["node"] == {"id": encode_id("JobPosting", posting_id)}
    else:  # exactly as for an unknown id
        assert data == {
            "all": {"totalCount": 1, "nodes": [{"title": "仓库装卸工", "publicWelfare": False}]},
            "search": {"totalCount": 0},
            "near": {"totalCount": 1},
            "byId": None,
            "node": None,
            "unknown": None,
        }


async def test_an_ineligible_worker_is_refused_as_for_an_unknown_posting(gql):
    cast, posting_id = await _scene()
    before = await snapshot()

    body = await gql(
        APPLY,
        {"input": {"jobPostingId": encode_id("JobPosting", posting_id)}},
        token=cast.token["worker"],
    )

    assert body == {
        "data": {
            "jobApplicationCreate": {
                "jobApplication": None,
                "userErrors": [
                    {"code": "NOT_FOUND", "field": ["jobPostingId"], "message": "招工信息不存在"}
                ],
            }
        }
    }
    assert await snapshot() == before


async def test_eligible_workers_apply_and_operators_are_told_why_not(gql):
    cast, posting_id = await _scene(assistance=("OLDER",))
    walk_in = await make_walk_in(cast.operator_id, cast.market_id, name="赵大勇")
    before = await snapshot()

    # an operator applying on site for an ineligible walk-in is told why
    with pytest.raises(ServiceError) as refused:
        await applications.apply(
            applications.Actor("OPERATOR", cast.operator_id), posting_id, walk_in
        )
    assert [(p.code, p.field) for p in refused.value.problems] == [("NOT_ELIGIBLE", ("workerId",))]
    assert await snapshot() == before

    # the eligible worker (大龄: KEY) applies
    body = await gql(
        APPLY,
        {"input": {"jobPostingId": encode_id("JobPosting", posting_id)}},
        token=cast.token["worker"],
    )
    assert body["data"]["jobApplicationCreate"] == {
        "jobApplication": {"status": "APPLIED"},
        "userErrors": [],
    }

    # a staff override to KEY (with a reason) makes the walk-in eligible
    await tier.set_override(await make_staff_user(), walk_in, "KEY", "独居老人，需重点帮扶")
    await applications.apply(applications.Actor("OPERATOR", cast.operator_id), posting_id, walk_in)
    assert await jp.JobApplication.count() == 2


async def test_recommendations_leave_it_out_for_ineligible_workers(gql):
    cast, _ = await _scene()
    _, eligible = await make_worker(name="陈静", assistance=("LOW_INCOME",))

    general = await gql(RECOMMENDED, token=cast.token["worker"])
    assisted = await gql(RECOMMENDED, token=eligible)

    titles = [
        sorted(n["jobPosting"]["title"] for n in b["data"]["recommendedJobPostings"]["nodes"])
        for b in (general, assisted)
    ]
    assert titles == [["仓库装卸工"], ["仓库装卸工", "社区公益保洁员"]]


async def test_eligibility_follows_the_tier_in_force():
    # given: no need, a declared category, a disability, and a category overridden to GENERAL
    general, _ = await make_worker(name="甲")
    low_income, _ = await make_worker(name="乙", assistance=("LOW_INCOME",))
    disabled, _ = await make_worker(name="丙", assistance=("DISABLED",))
    overridden, _ = await make_worker(name="丁", assistance=("LONG_WAITING",))
    await tier.set_override(await make_staff_user(), overridden, "GENERAL", "已稳定就业")

    # when
    found = await eligibility.eligible([general, low_income, disabled, overridden])

    # then
    assert found == {general: False, low_income: True, disabled: True, overridden: False}


async def test_an_ineligible_worker_cannot_report_it_either(gql):
    cast, posting_id = await _scene()
    before = await snapshot()
    report = """
    mutation ($input: JobPostingReportInput!) {
      jobPostingReport(input: $input) { postingReview { status } userErrors { code field } }
    }"""
    variables = {
        "input": {
            "jobPostingId": encode_id("JobPosting", posting_id),
            "reason": "UNPAID",
            "note": "欠薪",
        }
    }

    body = await gql(report, variables, token=cast.token["worker"])

    assert body == {
        "data": {
            "jobPostingReport": {
                "postingReview": None,
                "userErrors": [{"code": "NOT_FOUND", "field": ["jobPostingId"]}],
            }
        }
    }
    assert await snapshot() == before
