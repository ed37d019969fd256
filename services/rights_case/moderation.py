"""Posting moderation (（十六））: postings held at publishing for discriminatory terms, worker
reports, staff decisions and take-downs. Every step is audited; confirmed shifts stand."""

from __future__ import annotations

from typing import Any

from services.assistance import eligibility
from services.audit.rules import SYSTEM, Actor, record, serialise
from services.db import write_transaction
from services.job_posting import board
from services.job_posting.expiry import EXPIRED_REASON, EXPIRING
from services.problems import Problems
from services.rights_case.rules import fail
from services.timeutil import now
from tables import job_posting as jp
from tables import rights_case as t

REPORT_REASONS = ("FALSE_INFO", "UNPAID", "DISCRIMINATORY", "OTHER")
DECISIONS = ("APPROVE", "REMOVE")
# A posting in these statuses can be taken down; closed, expired and removed ones are over.
REMOVABLE = ("DRAFT", "HELD", "OPEN", "FILLED")
MAX_TEXT = 500
ENTITY = "job_posting"


def _text(value: str | None, problems: Problems, field: str, what: str, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", f"请填写{what}", field)
    elif len(text) > MAX_TEXT:
        problems.add("TOO_LONG", f"{what}不超过 {MAX_TEXT} 个字", field)
    return text


async def hold(posting_id: int, terms: list[str]) -> None:
    """Inside the publish transaction: the posting is HELD, and a review item shows why."""
    await t.PostingReview.insert(
        t.PostingReview(
            posting=posting_id,
            source="SCREENING",
            reason="DISCRIMINATORY",
            matched_terms="、".join(terms),
        )
    )
    await record(SYSTEM, f"{ENTITY}.hold", ENTITY, posting_id, after={"terms": terms})


async def _posting(posting_id: int | None, field: str = "id") -> dict[str, Any]:
    row = None
    if posting_id is not None:
        row = (
            await jp.JobPosting.select(
                jp.JobPosting.id,
                jp.JobPosting.status,
                jp.JobPosting.version,
                jp.JobPosting.published_at,
                jp.JobPosting.starts_at,
                jp.JobPosting.ends_at,
                jp.JobPosting.public_welfare,
            )
            .where(jp.JobPosting.id == posting_id)
            .first()
        )
    if row is None:
        raise fail("NOT_FOUND", "招工信息不存在", field)
    if row["status"] in EXPIRING and row["ends_at"] <= now():
        # Ended: EXPIRED whether the expiry sweep has stored it yet or not.
        row = {**row, "status": "EXPIRED"}
    return row


async def _remove(staff: Actor, posting: dict[str, Any], reason: str) -> None:
    """→ REMOVED; pending applications are cancelled with the reason, confirmed ones stand;
    open review items of the posting are upheld."""
    if posting["status"] not in REMOVABLE:
        raise fail("INVALID_STATE", "招工信息已关闭、过期或已下架", "id")
    moment = now()
    # A FILLED posting taken down after its window: its pending applications are the expiry
    # sweep's, cancelled with its reason whether it has run yet or not.
    ended = posting["ends_at"] <= moment
    cancel_reason = EXPIRED_REASON if ended else f"招工信息已被下架：{reason}"
    removed = (
        await jp.JobPosting.update(
            {
                jp.JobPosting.status: "REMOVED",
                jp.JobPosting.closed_at: moment,
                jp.JobPosting.version: posting["version"] + 1,
            }
        )
        .where(
            (jp.JobPosting.id == posting["id"])
            & (jp.JobPosting.version == posting["version"])
            & jp.JobPosting.status.is_in(list(REMOVABLE))
        )
        .returning(jp.JobPosting.id)
    )
    if not removed:
        raise fail("INVALID_STATE", "招工信息已关闭、过期或已下架", "id")
    await jp.JobApplication.update(
        {
            jp.JobApplication.status: "CANCELLED",
            jp.JobApplication.cancelled_at: moment,
            jp.JobApplication.cancelled_by: "SYSTEM",
            jp.JobApplication.cancel_reason: cancel_reason,
            jp.JobApplication.version: jp.JobApplication.version + 1,
        }
    ).where((jp.JobApplication.posting == posting["id"]) & (jp.JobApplication.status == "APPLIED"))
    await t.PostingReview.update(
        {
            t.PostingReview.status: "UPHELD",
            t.PostingReview.decided_by: staff.id,
            t.PostingReview.decided_at: moment,
            t.PostingReview.decision_note: reason,
            t.PostingReview.version: t.PostingReview.version + 1,
        }
    ).where((t.PostingReview.posting == posting["id"]) & (t.PostingReview.status == "OPEN"))
    await t.PostingReview.insert(
        t.PostingReview(
            posting=posting["id"],
            source="STAFF",
            status="UPHELD",
            note=reason,
            decided_by=staff.id,
            decided_at=moment,
            decision_note=reason,
        )
    )
    await record(
        staff,
        f"{ENTITY}.take_down",
        ENTITY,
        posting["id"],
        before={"status": posting["status"]},
        after={"status": "REMOVED", "reason": reason},
    )


async def take_down(staff_user_id: int, posting_id: int | None, reason: str) -> int:
    """Staff take a posting down with a reason that the employer and applicants see."""
    problems = Problems()
    text = _text(reason, problems, "reason", "下架原因", required=True)
    problems.raise_if_any()
    staff = Actor("STAFF", staff_user_id)
    async with write_transaction():
        await serialise()
        posting = await _posting(posting_id)
        await _remove(staff, posting, text)
    return posting["id"]


async def report(worker_id: int, posting_id: int | None, reason: str, note: str) -> int:
    """A worker reports a published posting (false, unpaid, discriminatory, other): a review
    item for staff. Returns the review id."""
    problems = Problems()
    if reason not in REPORT_REASONS:
        problems.add("INVALID_CHOICE", "举报类型无效", "reason")
    text = _text(note, problems, "note", "举报说明", required=reason == "OTHER")
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        posting = await _posting(posting_id, "jobPostingId")
        hidden = posting["public_welfare"] and not await eligibility.is_eligible(worker_id)
        if posting["published_at"] is None or hidden:
            # A public-welfare job does not exist for a worker who may not see it.
            raise fail("NOT_FOUND", "招工信息不存在", "jobPostingId")
        if await t.PostingReview.exists().where(
            (t.PostingReview.posting == posting["id"])
            & (t.PostingReview.reported_by == worker_id)
            & (t.PostingReview.status == "OPEN")
        ):
            raise fail("ALREADY_REPORTED", "你已举报过该招工信息，正在审核", "jobPostingId")
        rows = await t.PostingReview.insert(
            t.PostingReview(
                posting=posting["id"],
                source="REPORT",
                reason=reason,
                note=text,
                reported_by=worker_id,
            )
        ).returning(t.PostingReview.id)
        await record(
            Actor("WORKER", worker_id),
            f"{ENTITY}.report",
            ENTITY,
            posting["id"],
            after={"review": rows[0]["id"], "reason": reason, "note": text},
        )
    return rows[0]["id"]


async def decide(staff_user_id: int, review_id: int | None, decision: str, note: str) -> int:
    """Staff decide an open review item: REMOVE takes the posting down; APPROVE dismisses a
    report, or publishes a posting held at screening. Returns the review id."""
    problems = Problems()
    if decision not in DECISIONS:
        problems.add("INVALID_CHOICE", "审核结论无效", "decision")
    text = _text(note, problems, "note", "审核意见", required=decision == "REMOVE")
    problems.raise_if_any()
    staff = Actor("STAFF", staff_user_id)
    async with write_transaction():
        await serialise()
        review = None
        if review_id is not None:
            review = await t.PostingReview.select().where(t.PostingReview.id == review_id).first()
        if review is None:
            raise fail("NOT_FOUND", "审核事项不存在", "id")
        if review["status"] != "OPEN":
            raise fail("INVALID_STATE", "该审核事项已处理", "id")
        posting = await _posting(review["posting"])
        if decision == "REMOVE":
            await _remove(staff, posting, text)  # upholds this review with the others
            return review["id"]
        claimed = (
            await t.PostingReview.update(
                {
                    t.PostingReview.status: "DISMISSED",
                    t.PostingReview.decided_by: staff_user_id,
                    t.PostingReview.decided_at: now(),
                    t.PostingReview.decision_note: text,
                    t.PostingReview.version: review["version"] + 1,
                }
            )
            .where(
                (t.PostingReview.id == review["id"])
                & (t.PostingReview.version == review["version"])
            )
            .returning(t.PostingReview.id)
        )
        if not claimed:
            raise fail("INVALID_STATE", "该审核事项已处理", "id")
        released = posting["status"] == "HELD" and review["source"] == "SCREENING"
        if released:
            await _release(posting)
        await record(
            staff,
            f"{ENTITY}.review_dismiss",
            ENTITY,
            posting["id"],
            after={"review": review["id"], "note": text, "published": released},
        )
    if released:
        board.after_commit(posting["id"])
    return review["id"]


async def _release(posting: dict[str, Any]) -> None:
    """A held posting cleared by staff is published now, as the employer asked."""
    moment = now()
    if posting["starts_at"] <= moment:
        raise fail("WINDOW_IN_PAST", "工作已经开始，不能再发布；请下架或由用工主体关闭", "id")
    await jp.JobPosting.update(
        {
            jp.JobPosting.status: "OPEN",
            jp.JobPosting.published_at: moment,
            jp.JobPosting.version: posting["version"] + 1,
        }
    ).where((jp.JobPosting.id == posting["id"]) & (jp.JobPosting.status == "HELD"))
    await board.announce(posting["id"])
