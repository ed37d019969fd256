"""`jobApplication(id)` (the shift detail), `jobApplications` (a posting's applicants, paged)
and `Employer.contact` (the employer's contact for the workers it has confirmed)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.job_posting import applications, progress
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_worker

ONE = "query($id: ID!) { jobApplication(id: $id) { id status worker { name } } }"
LIST = """
query($posting: ID!, $status: [JobApplicationStatus!], $first: Int, $after: String) {
  jobApplications(jobPostingId: $posting, status: $status, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { status worker { name } }
  }
}"""
CONTACT = "query($id: ID!) { jobPosting(id: $id) { employer { contact { name phone } } } }"
EMPLOYER_PHONE = "13612340099"


async def _scene():
    """The cast employer's posting at the cast market; the cast worker applied; a second
    employer and a second worker who have nothing to do with it."""
    cast = await make_cast()
    posting = await make_posting(cast.employer_id, market_id=cast.market_id, headcount=5)
    application = await make_application(cast.worker_id, posting, cast.employer_id)
    _, cast.token["other_employer"] = await make_employer()
    _, cast.token["other_worker"] = await make_worker(name="王五")
    return cast, posting, application


@pytest.mark.parametrize("role", [*ROLES, "other_employer", "other_worker"])
async def test_an_application_is_seen_by_its_worker_employer_market_operator_and_staff(gql, role):
    # given
    cast, _, application = await _scene()
    application_id = encode_id("JobApplication", application)

    # when
    body = await gql(ONE, {"id": application_id}, token=cast.token[role])

    # then
    if role == "anonymous":
        assert_denied(body, role, "jobApplication", nullable=True)
    elif role in ("worker", "employer", "operator", "staff"):
        assert body == {
            "data": {
                "jobApplication": {
                    "id": application_id,
                    "status": "APPLIED",
                    "worker": {"name": "张三"},
                }
            }
        }
    else:  # exactly as for an unknown id
        assert body == {"data": {"jobApplication": None}}


@pytest.mark.parametrize("given", ["Sm9iQXBwbGljYXRpb246OTk5OQ==", "not-an-id", "TWFya2V0OjE="])
async def test_an_unknown_malformed_or_foreign_id_reads_as_null(gql, given):
    cast, _, _ = await _scene()

    body = await gql(ONE, {"id": given}, token=cast.token["staff"])

    assert body == {"data": {"jobApplication": None}}


@pytest.mark.parametrize("role", [*ROLES, "other_employer"])
async def test_a_postings_applicants_are_for_its_employer_market_operator_and_staff(gql, role):
    # given
    cast, posting, _ = await _scene()

    # when
    body = await gql(LIST, {"posting": encode_id("JobPosting", posting)}, token=cast.token[role])

    # then
    if role in ("anonymous", "worker"):
        assert_denied(body, role, "jobApplications", nullable=True)
    elif role in ("employer", "operator", "staff"):
        page = body["data"]["jobApplications"]
        assert (page["totalCount"], page["nodes"]) == (
            1,
            [{"status": "APPLIED", "worker": {"name": "张三"}}],
        )
    else:  # someone else's posting reads as unknown
        assert body == {"data": {"jobApplications": None}}


async def test_applicants_page_oldest_first_filter_by_status_in_the_same_statements(gql):
    # given: four more applicants; one of them also applied to another of the employer's
    # postings, which never shows here
    cast, posting, _ = await _scene()
    names = ["甲一", "乙二", "丙三", "丁四"]
    ids = [(await make_worker(name=n))[0] for n in names]
    applied = [
        await applications.apply(applications.Actor("WORKER", worker_id), posting, None)
        for worker_id in ids
    ]
    elsewhere = await make_posting(cast.employer_id, starts_in=timedelta(days=2))
    await make_application(ids[0], elsewhere, cast.employer_id)
    variables = {"posting": encode_id("JobPosting", posting), "first": 2}
    token = cast.token["employer"]

    # when: page by page
    seen, after, statements = [], None, []
    while True:
        with count_sql() as counted:
            body = await gql(LIST, {**variables, "after": after}, token=token)
        statements.append(counted[0])
        page = body["data"]["jobApplications"]
        seen += [n["worker"]["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    # then
    assert seen == ["张三", *names]
    assert page["totalCount"] == 5
    assert len(statements) == 3 and statements[0] == statements[1]  # full pages cost the same

    # and: only the applications still waiting, once 甲一 is confirmed
    await applications.confirm(applications.Actor("EMPLOYER", cast.employer_id), applied[0])
    waiting = await gql(LIST, {**variables, "first": 10, "status": ["APPLIED"]}, token=token)
    assert [n["worker"]["name"] for n in waiting["data"]["jobApplications"]["nodes"]] == [
        "张三",
        "乙二",
        "丙三",
        "丁四",
    ]


@pytest.mark.parametrize(
    "role", [*ROLES, "confirmed_worker", "applied_worker", "cancelled_worker", "other_employer"]
)
async def test_the_employers_contact_is_for_workers_it_confirmed_and_itself(gql, role):
    # given: the employer with a contact person; three workers applied, one confirmed and one
    # confirmed then cancelled by the employer
    cast = await make_cast()
    employer_id, employer_token = await make_employer(
        name="杭州望江仓储有限公司", phone=EMPLOYER_PHONE
    )
    cast.token["employer"] = employer_token
    _, cast.token["other_employer"] = await make_employer()
    posting = await make_posting(employer_id, headcount=3, starts_in=timedelta(days=1))
    employer = applications.Actor("EMPLOYER", employer_id)
    for who, status in (
        ("confirmed_worker", "CONFIRMED"),
        ("applied_worker", "APPLIED"),
        ("cancelled_worker", "CONFIRMED"),
    ):
        worker_id, cast.token[who] = await make_worker(name=who[:2])
        application = await make_application(worker_id, posting, employer_id, status=status)
        if who == "cancelled_worker":
            await progress.cancel(employer, application, "临时取消")

    # when
    body = await gql(CONTACT, {"id": encode_id("JobPosting", posting)}, token=cast.token[role])

    # then
    contact = {"name": "赵经理", "phone": EMPLOYER_PHONE}
    # staff see contactName and phoneMasked; the full phone through personalDataReveal
    sees = role in ("confirmed_worker", "employer")
    assert body == {"data": {"jobPosting": {"employer": {"contact": contact if sees else None}}}}
