"""Headcount and overlap rules hold under concurrent requests (on SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from resolvers.global_ids import encode_id
from services.job_posting import applications
from tables import job_posting as t
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_application, make_cast, make_posting
from tests.fixtures.worker import make_worker

CONFIRM = """
mutation($id: ID!) {
  jobApplicationConfirm(id: $id) {
    jobApplication { status }
    userErrors { code field }
  }
}"""
APPLY = """
mutation($id: ID!) {
  jobApplicationCreate(input: {jobPostingId: $id}) { userErrors { code } }
}"""
CANCEL = """
mutation($id: ID!) {
  jobApplicationCancel(id: $id, reason: "临时有事") { userErrors { code } }
}"""


def outcomes(bodies: list[dict], root: str) -> Counter:
    assert all("errors" not in b for b in bodies), [b for b in bodies if "errors" in b]
    return Counter((b["data"][root]["userErrors"] or [{"code": "OK"}])[0]["code"] for b in bodies)


async def test_ten_simultaneous_confirms_on_one_place_confirm_exactly_one(gql):
    # given: ten workers applied for a single place
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=1)
    pending = []
    for _ in range(10):
        worker_id, _ = await make_worker()
        pending.append(await make_application(worker_id, posting_id, cast.employer_id))

    # when: the employer confirms all ten at once
    bodies = await asyncio.gather(
        *[
            gql(CONFIRM, {"id": encode_id("JobApplication", a)}, token=cast.token["employer"])
            for a in pending
        ]
    )

    # then: one success, nine clean userErrors, no 500s
    assert outcomes(bodies, "jobApplicationConfirm") == Counter({"OK": 1, "HEADCOUNT_FULL": 9})
    posting = await t.JobPosting.select(t.JobPosting.status, t.JobPosting.confirmed_count).first()
    assert posting == {"status": "FILLED", "confirmed_count": 1}
    statuses = Counter(r["status"] for r in await t.JobApplication.select(t.JobApplication.status))
    assert statuses == Counter({"CONFIRMED": 1, "APPLIED": 9})


async def test_simultaneous_confirms_never_exceed_a_larger_headcount(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=3)
    pending = []
    for _ in range(8):
        worker_id, _ = await make_worker()
        pending.append(await make_application(worker_id, posting_id, cast.employer_id))

    bodies = await asyncio.gather(
        *[
            gql(CONFIRM, {"id": encode_id("JobApplication", a)}, token=cast.token["employer"])
            for a in pending
        ]
    )

    assert outcomes(bodies, "jobApplicationConfirm") == Counter({"OK": 3, "HEADCOUNT_FULL": 5})
    posting = await t.JobPosting.select(t.JobPosting.status, t.JobPosting.confirmed_count).first()
    assert posting == {"status": "FILLED", "confirmed_count": 3}


async def test_simultaneous_confirms_of_one_worker_for_overlapping_shifts_confirm_one(gql):
    # given: one worker applied to five overlapping postings of five employers
    cast = await make_cast()
    confirms = []
    for hour in range(5):
        employer_id, token = await make_employer()
        posting_id = await make_posting(employer_id, starts_in=timedelta(days=1, hours=hour))
        application_id = await make_application(cast.worker_id, posting_id, employer_id)
        confirms.append((application_id, token))

    # when: every employer confirms at the same moment
    bodies = await asyncio.gather(
        *[gql(CONFIRM, {"id": encode_id("JobApplication", a)}, token=tok) for a, tok in confirms]
    )

    # then: exactly one shift is booked
    assert outcomes(bodies, "jobApplicationConfirm") == Counter({"OK": 1, "SHIFT_OVERLAP": 4})
    booked = await t.JobApplication.count().where(t.JobApplication.status == "CONFIRMED")
    assert booked == 1
    assert (
        sum(r["confirmed_count"] for r in await t.JobPosting.select(t.JobPosting.confirmed_count))
        == 1
    )


async def test_simultaneous_applications_of_one_worker_create_one(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)

    bodies = await asyncio.gather(
        *[
            gql(APPLY, {"id": encode_id("JobPosting", posting_id)}, token=cast.token["worker"])
            for _ in range(6)
        ]
    )

    assert outcomes(bodies, "jobApplicationCreate") == Counter({"OK": 1, "ALREADY_APPLIED": 5})
    assert await t.JobApplication.count() == 1


async def test_cancels_racing_confirms_keep_the_count_true(gql):
    # given: two places, two confirmed, three waiting
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=2)
    applied = []
    for _ in range(5):
        worker_id, token = await make_worker()
        applied.append((await make_application(worker_id, posting_id, cast.employer_id), token))
    confirmed, waiting = applied[:2], applied[2:]
    for application_id, _ in confirmed:
        await applications.confirm(applications.Actor("EMPLOYER", cast.employer_id), application_id)

    # when: both confirmed workers cancel while the employer confirms the three others
    bodies = await asyncio.gather(
        *[gql(CANCEL, {"id": encode_id("JobApplication", a)}, token=tok) for a, tok in confirmed],
        *[
            gql(CONFIRM, {"id": encode_id("JobApplication", a)}, token=cast.token["employer"])
            for a, _ in waiting
        ],
    )

    # then: the stored count equals the confirmed applications and never exceeds headcount
    assert all("errors" not in b for b in bodies)
    count = await t.JobApplication.count().where(t.JobApplication.status == "CONFIRMED")
    posting = await t.JobPosting.select(t.JobPosting.confirmed_count, t.JobPosting.status).first()
    assert posting["confirmed_count"] == count <= 2
    assert posting["status"] == ("FILLED" if count == 2 else "OPEN")
