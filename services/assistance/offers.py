"""The worker's answer to an offer of their assistance case (就业援助, （十）): accept or decline.

Accepting a posting applies through the posting's own rule (services/job_posting/applications),
accepting a training enrols through the training's own rule (services/training/enrolment), in
the same transaction as the answer and its audit entry: if the rule refuses (full, overlapping,
already applied), its problems are the answer's and nothing is stored."""

from __future__ import annotations

from services.assistance.cases import ENTITY, fail
from services.audit import rules as audit
from services.db import write_transaction
from services.job_posting import applications
from services.problems import Problem, ServiceError
from services.timeutil import now
from services.training import enrolment
from tables import assistance as t

MAX_REASON = 200
Offer = t.AssistanceOffer


def _about_offer(exc: ServiceError) -> ServiceError:
    """The posting's or training's problems, pointed at the offer the worker answered."""
    return ServiceError([Problem(p.code, p.message, ("offer_id",)) for p in exc.problems])


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
