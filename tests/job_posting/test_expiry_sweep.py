"""The expiry sweep off the request path: batches, the app's background sweeper, failures, and
writes on ended postings that answer alike before and after a sweep."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.job_posting import rules as postings
from services.job_posting.expiry import EXPIRED_REASON
from services.timeutil import now
from tables import job_posting as t
from tables.rights_case import PostingReview
from tests.fixtures.job_posting import (
    insert_application,
    insert_posting,
    make_cast,
    make_posting,
    snapshot,
)
from tests.fixtures.worker import make_worker

PUBLISH = "mutation($id: ID!) { jobPostingPublish(id: $id) { userErrors { code field message } } }"
CLOSE = "mutation($id: ID!) { jobPostingClose(id: $id) { userErrors { code field message } } }"
UPDATE = """
mutation($id: ID!, $input: JobPostingUpdateInput!) {
  jobPostingUpdate(id: $id, input: $input) { userErrors { code field message } }
}"""
APPLY = """
mutation($input: JobApplicationCreateInput!) {
  jobApplicationCreate(input: $input) { userErrors { code field message } }
}"""
CONFIRM = """
mutation($id: ID!) { jobApplicationConfirm(id: $id) { userErrors { code field message } } }"""
CANCEL = """
mutation($id: ID!) {
  jobApplicationCancel(id: $id, reason: "临时有事") { userErrors { code field message } }
}"""
TAKE_DOWN = """
mutation($id: ID!) {
  jobPostingTakeDown(id: $id, reason: "虚假信息") { userErrors { code field message } }
}"""
DECIDE = """
mutation($id: ID!) {
  postingReviewDecide(id: $id, decision: APPROVE, note: "") { userErrors { code field message } }
}"""


def _ended():
    return now() - timedelta(hours=9), now() - timedelta(minutes=1)


async def _statuses(table) -> dict[int, str]:
    return {r["id"]: r["status"] for r in await table.select(table.id, table.status)}


async def _backlog(count: int):
    """`count` ended OPEN postings with a pending application each, two ended drafts, and
    `count` ended FILLED postings each with a pending application beyond its headcount."""
    cast = await make_cast()
    opened = [await insert_posting(cast.employer_id, *_ended()) for _ in range(count)]
    drafts = [await insert_posting(cast.employer_id, *_ended(), status="DRAFT") for _ in range(2)]
    filled = [
        await insert_posting(cast.employer_id, *_ended(), status="FILLED") for _ in range(count)
    ]
    pending = [await insert_application(cast.worker_id, p, "APPLIED") for p in opened + filled]
    live = await make_posting(cast.employer_id)
    return opened, drafts, filled, pending, live


async def test_the_sweep_works_in_batches_and_a_bounded_one_leaves_the_rest():
    # given: more rows of each kind than one batch holds
    opened, drafts, filled, pending, live = await _backlog(7)

    # when: one batch of each kind (what a write runs where no background sweeper does)
    first = await postings.sweep_expired(batch=3, batches=1)

    # then: the three postings that ended first expired, and three more pending applications
    # were cancelled besides theirs
    assert first == 3
    stored = await _statuses(t.JobPosting)
    assert [stored[p] for p in opened + drafts] == ["EXPIRED"] * 3 + ["OPEN"] * 4 + ["DRAFT"] * 2
    applications = await _statuses(t.JobApplication)
    assert sorted(applications[a] for a in pending) == ["APPLIED"] * 8 + ["CANCELLED"] * 6

    # when: the whole sweep, still three rows per transaction
    rest = await postings.sweep_expired(batch=3)
    after = await snapshot()
    again = await postings.sweep_expired(batch=3)

    # then: everything ended is stored as the unbatched sweep stored it, once
    assert (rest, again) == (6, 0)
    assert await snapshot() == after
    stored = await _statuses(t.JobPosting)
    assert stored == {
        **{p: "EXPIRED" for p in drafts + opened},
        **{p: "FILLED" for p in filled},
        live: "OPEN",
    }
    cancelled = await t.JobApplication.select(
        t.JobApplication.status,
        t.JobApplication.cancelled_by,
        t.JobApplication.cancel_reason,
        t.JobApplication.version,
    ).where(t.JobApplication.id.is_in(pending))
    assert cancelled == [
        {
            "status": "CANCELLED",
            "cancelled_by": "SYSTEM",
            "cancel_reason": EXPIRED_REASON,
            "version": 1,
        }
    ] * len(pending)


async def test_a_stopped_sweep_writes_nothing_more():
    # given
    await _backlog(2)
    before = await snapshot()
    stop = asyncio.Event()
    stop.set()

    # when
    expired = await postings.sweep_expired(stop=stop)

    # then
    assert expired == 0
    assert await snapshot() == before


@pytest.mark.parametrize("swept", [False, True], ids=["not-yet-swept", "swept"])
async def test_writes_on_ended_postings_answer_alike_before_and_after_the_sweep(gql, swept):
    # given: ended postings (a draft, an open one with a pending application, a filled one
    # with a pending application beyond its headcount), swept or not yet
    cast = await make_cast()
    _, other_token = await make_worker()
    draft = await insert_posting(cast.employer_id, *_ended(), status="DRAFT")
    opened = await insert_posting(cast.employer_id, *_ended())
    filled = await insert_posting(cast.employer_id, *_ended(), status="FILLED")
    held = await insert_posting(cast.employer_id, *_ended(), status="HELD")
    pending = await insert_application(cast.worker_id, opened, "APPLIED")
    extra = await insert_application(cast.worker_id, filled, "APPLIED")
    screened = await PostingReview.insert(
        PostingReview(
            posting=held, source="SCREENING", reason="DISCRIMINATORY", matched_terms="限男性"
        )
    ).returning(PostingReview.id)
    if swept:
        await postings.sweep_expired()
    before = await snapshot()
    employer, worker = cast.token["employer"], cast.token["worker"]
    posting, application = (
        lambda i: encode_id("JobPosting", i),
        lambda i: encode_id("JobApplication", i),
    )

    # when
    answers = {
        "publish": await gql(PUBLISH, {"id": posting(draft)}, token=employer),
        "update": await gql(
            UPDATE, {"id": posting(opened), "input": {"headcount": 3}}, token=employer
        ),
        "close": await gql(CLOSE, {"id": posting(opened)}, token=employer),
        "apply": await gql(APPLY, {"input": {"jobPostingId": posting(opened)}}, token=other_token),
        "confirm": await gql(CONFIRM, {"id": application(pending)}, token=employer),
        "cancel": await gql(CANCEL, {"id": application(pending)}, token=worker),
        "take down": await gql(TAKE_DOWN, {"id": posting(opened)}, token=cast.token["staff"]),
    }

    # then: the same refusals either way, and nothing written
    def refused(root: str, message: str, field: str = "id") -> dict:
        error = {"code": "INVALID_STATE", "field": [field], "message": message}
        return {"data": {root: {"userErrors": [error]}}}

    assert answers == {
        "publish": refused("jobPostingPublish", "只有草稿可以发布"),
        "update": refused("jobPostingUpdate", "只有草稿或招聘中、已招满的招工信息可以修改"),
        "close": refused("jobPostingClose", "该招工信息已关闭或已过期"),
        "apply": refused("jobApplicationCreate", "招工信息已关闭或已过期", "jobPostingId"),
        "confirm": refused("jobApplicationConfirm", "只能确认待确认的报名"),
        "cancel": refused("jobApplicationCancel", "只有待确认或已确认的报名可以取消"),
        "take down": refused("jobPostingTakeDown", "招工信息已关闭、过期或已下架"),
    }
    assert await snapshot() == before

    # when: staff clear the ended posting held at screening
    columns = (t.JobPosting.status, t.JobPosting.published_at, t.JobPosting.version)
    unchanged = await t.JobPosting.select(*columns).where(t.JobPosting.id == held)
    cleared = await gql(
        DECIDE, {"id": encode_id("PostingReview", screened[0]["id"])}, token=cast.token["staff"]
    )

    # then: the review is dismissed and the posting stays as it was (ended), not published
    assert cleared == {"data": {"postingReviewDecide": {"userErrors": []}}}
    assert (await _statuses(PostingReview)) == {screened[0]["id"]: "DISMISSED"}
    assert await t.JobPosting.select(*columns).where(t.JobPosting.id == held) == unchanged
    assert unchanged[0]["status"] == ("EXPIRED" if swept else "HELD")

    # when: the ended FILLED posting is closed (allowed either way)
    closed = await gql(CLOSE, {"id": posting(filled)}, token=employer)

    # then: its pending application is cancelled as the sweep cancels it
    assert closed == {"data": {"jobPostingClose": {"userErrors": []}}}
    row = (
        await t.JobApplication.select(
            t.JobApplication.status, t.JobApplication.cancelled_by, t.JobApplication.cancel_reason
        )
        .where(t.JobApplication.id == extra)
        .first()
    )
    assert row == {"status": "CANCELLED", "cancelled_by": "SYSTEM", "cancel_reason": EXPIRED_REASON}


async def test_the_app_sweeps_in_the_background_and_stops_the_sweeper_on_shutdown(
    app, gql, monkeypatch, caplog
):
    # given: ended postings; the app's lifespan with the test session's database set-up
    import app as app_module

    async def configured() -> None:
        return None

    cast = await make_cast()
    ended = [await insert_posting(cast.employer_id, *_ended()) for _ in range(3)]
    monkeypatch.setattr(app_module, "_configure_database", configured)
    monkeypatch.setattr(app_module, "current_engine", lambda: None)  # the session owns the pool
    monkeypatch.setattr(app_module, "freeze_long_lived", lambda: None)  # not the test process
    starlette = app.app
    caplog.set_level(logging.INFO)

    # when: the app starts
    async with starlette.router.lifespan_context(starlette):
        sweepers = [s for s in asyncio.all_tasks() if s.get_name() == "expiry sweep"]
        for _ in range(200):
            if set((await _statuses(t.JobPosting)).values()) == {"EXPIRED"}:
                break
            await asyncio.sleep(0.05)
        stored = await _statuses(t.JobPosting)
        # a write while it runs leaves the sweep to it (even with the interval elapsed)
        monkeypatch.setattr(postings, "SWEEP_INTERVAL_SECONDS", 0.0)
        late = await insert_posting(cast.employer_id, *_ended())
        draft = await make_posting(cast.employer_id, publish=False)
        body = await gql(
            PUBLISH, {"id": encode_id("JobPosting", draft)}, token=cast.token["employer"]
        )
        running = postings._sweepers

    # then: it swept at once, and stopped with the app
    assert len(sweepers) == 1
    assert stored == {p: "EXPIRED" for p in ended}
    assert body == {"data": {"jobPostingPublish": {"userErrors": []}}}
    assert (await _statuses(t.JobPosting))[late] == "OPEN"
    assert running == 1
    assert sweepers[0].done() and not sweepers[0].cancelled()
    assert sweepers[0].exception() is None
    assert not [s for s in asyncio.all_tasks() if s.get_name() == "expiry sweep"]
    assert postings._sweepers == 0
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_no_sweeper_when_the_interval_setting_is_zero(app, monkeypatch):
    import app as app_module
    from settings import get_settings

    async def configured() -> None:
        return None

    monkeypatch.setattr(app_module, "_configure_database", configured)
    monkeypatch.setattr(app_module, "current_engine", lambda: None)
    monkeypatch.setattr(app_module, "freeze_long_lived", lambda: None)
    monkeypatch.setenv("LINGONG_EXPIRY_SWEEP_SECONDS", "0")
    get_settings.cache_clear()
    try:
        async with app.app.router.lifespan_context(app.app):
            sweepers = [s for s in asyncio.all_tasks() if s.get_name() == "expiry sweep"]
    finally:
        monkeypatch.delenv("LINGONG_EXPIRY_SWEEP_SECONDS")
        get_settings.cache_clear()
    assert sweepers == []


async def test_a_failing_background_sweep_is_logged_and_the_next_one_runs(monkeypatch, caplog):
    # given: a sweep that fails once, then succeeds
    stop = asyncio.Event()
    calls: list[dict] = []

    async def flaky(**kwargs) -> int:
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError("database hiccup")
        stop.set()
        return 0

    monkeypatch.setattr(postings, "sweep_expired", flaky)

    # when
    await asyncio.wait_for(postings.sweep_periodically(stop, interval=0.01), 10)

    # then
    assert calls == [{"stop": stop}, {"stop": stop}]
    failures = [r for r in caplog.records if r.name == "lingong.job_posting"]
    assert [(r.levelname, r.getMessage()) for r in failures] == [("WARNING", "expiry sweep failed")]
    assert failures[0].exc_info[1].args == ("database hiccup",)
    assert postings._sweepers == 0


async def test_a_failing_sweep_on_a_write_is_logged_and_the_write_succeeds(
    gql, monkeypatch, caplog
):
    # given: no background sweeper, the interval elapsed, and a sweep that fails
    cast = await make_cast()
    draft = await make_posting(cast.employer_id, publish=False)

    async def broken(**kwargs) -> int:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(postings, "sweep_expired", broken)
    monkeypatch.setattr(postings, "SWEEP_INTERVAL_SECONDS", 0.0)

    # when
    body = await gql(PUBLISH, {"id": encode_id("JobPosting", draft)}, token=cast.token["employer"])

    # then
    assert body == {"data": {"jobPostingPublish": {"userErrors": []}}}
    assert await t.JobPosting.select(t.JobPosting.status).first() == {"status": "OPEN"}
    failures = [r for r in caplog.records if r.name == "lingong.job_posting"]
    assert [r.getMessage() for r in failures] == ["expiry sweep failed"]


async def test_the_sweep_benchmark_refuses_without_write_and_reports_what_it_swept(
    monkeypatch, capsys
):
    from services.job_posting import expiry
    from tools.bench import sweep as bench

    # given: a backlog; the benchmark wraps the batch functions to time them (restored after)
    await _backlog(2)
    monkeypatch.setattr(expiry, "_expire_batch", expiry._expire_batch)
    monkeypatch.setattr(expiry, "_cancel_batch", expiry._cancel_batch)

    # when
    with pytest.raises(SystemExit) as refused:
        bench.main([])
    await bench.measure(now(), unbatched=False, batch=500, restore=False)

    # then
    assert refused.value.code == 2
    out = capsys.readouterr().out
    assert "4 ended postings to expire, 4 ended pending applications to cancel" in out
    assert "4 postings expired; left: (0, 0)" in out
    assert await t.JobApplication.count().where(t.JobApplication.status == "APPLIED") == 0
