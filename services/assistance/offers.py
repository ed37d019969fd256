"""Offers of an assistance case (就业援助, （十）): staff offer one posting or one training, and the
worker answers: accept or decline.

Accepting a posting applies through the posting's own rule (services/job_posting/applications),
accepting a training enrols through the training's own rule (services/training/enrolment), in
the same transaction as the answer and its audit entry: if the rule refuses (full, overlapping,
already applied), its problems are the answer's and nothing is stored."""

from __future__ import annotations

from services.assistance import eligibility
from services.assistance.cases import ENTITY, MAX_NOTE, checked_text, fail, load_case, still_open
from services.audit import rules as audit
from services.db import write_transaction
from services.job_posting import applications
from services.problems import Problem, Problems, ServiceError
from services.timeutil import now
from services.training import enrolment
from services.training.rules import PUBLISHED
from tables import assistance as t
from tables import job_posting as jp
from tables import training as tr

MAX_REASON = 200
Offer = t.AssistanceOffer


def _about_offer(exc: ServiceError) -> ServiceError:
    """The posting's or training's problems, pointed at the offer the worker answered."""
    return ServiceError([Problem(p.code, p.message, ("offer_id",)) for p in exc.problems])


async def _offer_target(
    kind: str, target_id: int | None, worker_id: int, problems: Problems
) -> None:
    moment = now()
    if kind == "POSTING":
        posting = (
            await jp.JobPosting.select(
                jp.JobPosting.status, jp.JobPosting.ends_at, jp.JobPosting.public_welfare
            )
            .where((jp.JobPosting.id == target_id) & jp.JobPosting.published_at.is_not_null())
            .first()
            if target_id is not None
            else None
        )
        if posting is None:
            problems.add("NOT_FOUND", "招工信息不存在", "posting_id")
        elif posting["status"] != "OPEN" or posting["ends_at"] <= moment:
            problems.add("INVALID_STATE", "招工信息已关闭或已过期", "posting_id")
        elif posting["public_welfare"] and not await eligibility.is_eligible(worker_id):
            problems.add("NOT_ELIGIBLE", eligibility.NOT_ELIGIBLE, "posting_id")
    elif kind == "TRAINING":
        course = (
            await tr.TrainingCourse.select(tr.TrainingCourse.status, tr.TrainingCourse.starts_at)
            .where(
                (tr.TrainingCourse.id == target_id) & tr.TrainingCourse.published_at.is_not_null()
            )
            .first()
            if target_id is not None
            else None
        )
        if course is None:
            problems.add("NOT_FOUND", "培训课程不存在", "course_id")
        elif course["status"] not in PUBLISHED or course["starts_at"] <= moment:
            problems.add("INVALID_STATE", "课程已开始、已关闭或已结束", "course_id")
    else:
        problems.add("INVALID_KIND", "请选择推荐岗位或培训", "kind")


async def make_offer(
    staff_id: int, case_id: int | None, kind: str, target_id: int | None, note: str = ""
) -> int:
    """Offer the worker one posting (open, published) or one training (published, not yet
    started); a public-welfare posting only to an eligible worker."""
    row = await load_case(staff_id, case_id)
    problems = Problems()
    text = checked_text(note, MAX_NOTE, problems, "note", required=False)
    await _offer_target(kind, target_id, row["worker"], problems)
    problems.raise_if_any()
    async with write_transaction():
        await audit.serialise()
        await still_open(row["id"])
        rows = await t.AssistanceOffer.insert(
            t.AssistanceOffer(
                case=row["id"],
                kind=kind,
                posting=target_id if kind == "POSTING" else None,
                course=target_id if kind == "TRAINING" else None,
                note=text,
                offered_by=staff_id,
                offered_at=now(),
            )
        ).returning(t.AssistanceOffer.id)
        await audit.record(
            audit.Actor("STAFF", staff_id),
            "assistance.offer",
            ENTITY,
            row["id"],
            None,
            {"offer": rows[0]["id"], "kind": kind, "target": target_id},
        )
    return rows[0]["id"]


async def answer(worker_id: int, offer_id: int | None, accept: bool, reason: str | None) -> int:
    """Returns the offer id. Only the worker of the case answers, once, while the case is open;
    anyone else's offer answers like a missing one."""
    text = (reason or "").strip()
    if len(text) > MAX_REASON:
        raise fail("TOO_LONG", f"不超过 {MAX_REASON} 个字", "reason")
    offer = None
    if offer_id is not None:
        offer = (
            await Offer.select(
                *Offer.all_columns(),
                Offer.case._.worker.as_alias("worker"),
                Offer.case._.status.as_alias("case_status"),
            )
            .where(Offer.id == offer_id)
            .first()
        )
    if offer is None or offer["worker"] != worker_id:
        raise fail("NOT_FOUND", "推荐不存在", "offer_id")
    if offer["case_status"] != "OPEN":
        raise fail("CASE_CLOSED", "援助档案已结案，推荐已失效", "offer_id")
    if offer["status"] != "PENDING":
        raise fail("ALREADY_ANSWERED", "已经答复过该推荐", "offer_id")
    changes: dict = {
        Offer.status: "ACCEPTED" if accept else "DECLINED",
        Offer.answer_reason: "" if accept else text,
        Offer.answered_at: now(),
        Offer.version: offer["version"] + 1,
    }
    async with write_transaction():
        await audit.serialise()
        try:
            await still_open(offer["case"])
        except ServiceError:
            raise fail("CASE_CLOSED", "援助档案已结案，推荐已失效", "offer_id") from None
        if accept:
            try:
                if offer["kind"] == "POSTING":
                    actor = applications.Actor("WORKER", worker_id)
                    changes[Offer.application] = await applications.apply(
                        actor, offer["posting"], None
                    )
                else:
                    changes[Offer.enrolment] = await enrolment.enrol(worker_id, offer["course"])
            except ServiceError as exc:
                raise _about_offer(exc) from None
        answered = (
            await Offer.update(changes)
            .where(
                (Offer.id == offer["id"])
                & (Offer.status == "PENDING")
                & (Offer.version == offer["version"])
            )
            .returning(Offer.id)
        )
        if not answered:
            raise fail("ALREADY_ANSWERED", "已经答复过该推荐", "offer_id")
        await audit.record(
            audit.Actor("WORKER", worker_id),
            "assistance.offer_accept" if accept else "assistance.offer_decline",
            ENTITY,
            offer["case"],
            {"offer": offer["id"], "status": "PENDING"},
            {"offer": offer["id"], "status": changes[Offer.status], "reason": text or None},
        )
    return offer["id"]
