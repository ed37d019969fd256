"""Expiry: ended windows read as EXPIRED at once; an idempotent sweep stores it on writes."""

from __future__ import annotations

from datetime import timedelta

from resolvers.global_ids import encode_id
from services.job_posting import rules as postings
from services.timeutil import now
from tables import job_posting as t
from tests.fixtures.job_posting import (
    insert_application,
    insert_posting,
    make_cast,
    make_posting,
    snapshot,
)

PUBLISH = "mutation($id: ID!) { jobPostingPublish(id: $id) { userErrors { code } } }"


async def _ended_scene():
    cast = await make_cast()
    ended = now() - timedelta(hours=9), now() - timedelta(minutes=1)
    ids = {
        status: await insert_posting(cast.employer_id, *ended, status=status, title=status)
        for status in ("DRAFT", "OPEN", "FILLED", "CLOSED")
    }
    pending = await insert_application(cast.worker_id, ids["OPEN"], "APPLIED")
    return cast, ids, pending


async def test_an_ended_window_reads_as_expired_before_any_sweep(gql):
    # given
    cast, ids, _ = await _ended_scene()

    # when
    one = await gql(
        "query($id: ID!) { jobPosting(id: $id) { status } }",
        {"id": encode_id("JobPosting", ids["OPEN"])},
    )
    listed = await gql("{ jobPostings { totalCount } }")
    mine = await gql("{ myJobPostings { nodes { title status } } }", token=cast.token["employer"])

    # then: drafts and open postings expire; filled and closed ones keep their status
    assert one == {"data": {"jobPosting": {"status": "EXPIRED"}}}
    assert listed == {"data": {"jobPostings": {"totalCount": 0}}}
    assert sorted((n["title"], n["status"]) for n in mine["data"]["myJobPostings"]["nodes"]) == [
        ("CLOSED", "CLOSED"),
        ("DRAFT", "EXPIRED"),
        ("FILLED", "FILLED"),
        ("OPEN", "EXPIRED"),
    ]
    stored = {
        r["title"]: r["status"]
        for r in await t.JobPosting.select(t.JobPosting.title, t.JobPosting.status)
    }
    assert stored == {"DRAFT": "DRAFT", "OPEN": "OPEN", "FILLED": "FILLED", "CLOSED": "CLOSED"}


async def test_the_sweep_stores_expiry_once_and_cancels_pending_applications():
    # given
    _, ids, pending = await _ended_scene()
    live = await make_posting(
        (await t.JobPosting.select(t.JobPosting.employer).first())["employer"]
    )

    # when
    first = await postings.sweep_expired()
    after_first = await snapshot()
    second = await postings.sweep_expired()

    # then
    assert (first, second) == (2, 0)
    assert await snapshot() == after_first  # idempotent
    stored = {
        r["id"]: r["status"]
        for r in await t.JobPosting.select(t.JobPosting.id, t.JobPosting.status)
    }
    assert stored == {
        ids["DRAFT"]: "EXPIRED",
        ids["OPEN"]: "EXPIRED",
        ids["FILLED"]: "FILLED",
        ids["CLOSED"]: "CLOSED",
        live: "OPEN",
    }
    application = (
        await t.JobApplication.select(
            t.JobApplication.status, t.JobApplication.cancelled_by, t.JobApplication.cancel_reason
        )
        .where(t.JobApplication.id == pending)
        .first()
    )
    assert application == {
        "status": "CANCELLED",
        "cancelled_by": "SYSTEM",
        "cancel_reason": "招工信息已过期",
    }


async def test_writes_run_the_sweep_at_most_once_per_interval(gql, monkeypatch):
    # given: the interval elapsed
    cast, ids, _ = await _ended_scene()
    draft = await make_posting(cast.employer_id, publish=False)
    monkeypatch.setattr(postings, "SWEEP_INTERVAL_SECONDS", 60.0)
    monkeypatch.setattr(postings, "_last_sweep", -1e9)

    # when: a write happens
    body = await gql(PUBLISH, {"id": encode_id("JobPosting", draft)}, token=cast.token["employer"])

    # then
    assert body == {"data": {"jobPostingPublish": {"userErrors": []}}}
    expired = await t.JobPosting.count().where(t.JobPosting.status == "EXPIRED")
    assert expired == 2
    assert postings._last_sweep > 0


async def test_a_failing_sweep_never_fails_the_write(gql, monkeypatch):
    cast = await make_cast()
    draft = await make_posting(cast.employer_id, publish=False)

    async def broken() -> int:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(postings, "sweep_expired", broken)
    monkeypatch.setattr(postings, "SWEEP_INTERVAL_SECONDS", 0.0)

    body = await gql(PUBLISH, {"id": encode_id("JobPosting", draft)}, token=cast.token["employer"])

    assert body == {"data": {"jobPostingPublish": {"userErrors": []}}}
