"""Tiers, assistance cases and their parts to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from collections import defaultdict

from piccolo.apps.user.tables import BaseUser

from schema.assistance import enums as e
from schema.assistance.types import (
    AssistanceCase,
    AssistanceFollowUp,
    AssistanceOffer,
    AssistanceStep,
    ServiceTier,
    ServiceTierOverride,
    ServiceTierReason,
    ServiceTierReasonCode,
    WorkerServiceTier,
)
from services.assistance import eligibility
from services.assistance import tier as rules
from services.timeutil import local, now
from tables import assistance as t


def to_service_tier(result: rules.TierResult) -> WorkerServiceTier:
    override = result.override
    return WorkerServiceTier(
        tier=ServiceTier(result.tier),
        derived_tier=ServiceTier(result.derived),
        reasons=[
            ServiceTierReason(code=ServiceTierReasonCode(r.code), text=r.text)
            for r in result.reasons
        ],
        override=ServiceTierOverride(
            tier=ServiceTier(override.tier), reason=override.reason, decided_at=override.decided_at
        )
        if override
        else None,
    )


async def load_service_tiers(worker_ids: list[int]) -> list[WorkerServiceTier | None]:
    found = await rules.tiers(worker_ids)
    return [to_service_tier(found[i]) if i in found else None for i in worker_ids]


def _today():
    return local(now()).date()


def to_case(row: dict) -> AssistanceCase:
    due = row["next_due_on"]
    return AssistanceCase(
        id=row["id"],
        worker_id=row["worker"],
        case_worker_id=row["case_worker"],
        status=e.AssistanceCaseStatus(row["status"]),
        outcome=e.AssistanceOutcome(row["outcome"]) if row["outcome"] else None,
        outcome_note=row["outcome_note"] or None,
        opened_at=row["opened_at"],
        closed_at=row["closed_at"],
        next_due_on=due,
        overdue=row["status"] == "OPEN" and due is not None and due < _today(),
    )


def to_step(row: dict) -> AssistanceStep:
    return AssistanceStep(
        id=row["id"],
        title=row["title"],
        due_on=row["due_on"],
        done=bool(row["done"]),
        done_at=row["done_at"],
        overdue=not row["done"] and row["due_on"] < _today(),
    )


def to_offer(row: dict) -> AssistanceOffer:
    return AssistanceOffer(
        id=row["id"],
        posting_id=row["posting"],
        course_id=row["course"],
        application_id=row["application"],
        enrolment_id=row["enrolment"],
        kind=e.AssistanceOfferKind(row["kind"]),
        status=e.AssistanceOfferStatus(row["status"]),
        note=row["note"] or "",
        offered_at=row["offered_at"],
        answered_at=row["answered_at"],
        answer_reason=row["answer_reason"] or None,
    )


def to_follow_up(row: dict) -> AssistanceFollowUp:
    return AssistanceFollowUp(
        id=row["id"],
        happened_on=row["happened_on"],
        channel=e.AssistanceFollowUpChannel(row["channel"]),
        note=row["note"],
        recorded_at=row["recorded_at"],
    )


def _grouped(rows: list[dict], ids: list[int], convert) -> list[list]:
    grouped: dict[int, list] = defaultdict(list)
    for r in rows:
        grouped[r["case"]].append(convert(r))
    return [grouped.get(i, []) for i in ids]


async def load_steps(ids: list[int]) -> list[list[AssistanceStep]]:
    S = t.AssistanceStep
    rows = await S.select().where(S.case.is_in(list(set(ids)))).order_by(S.due_on).order_by(S.id)
    return _grouped(rows, ids, to_step)


async def load_offers(ids: list[int]) -> list[list[AssistanceOffer]]:
    O = t.AssistanceOffer  # noqa: E741
    rows = (
        await O.select()
        .where(O.case.is_in(list(set(ids))))
        .order_by(O.offered_at, ascending=False)
        .order_by(O.id, ascending=False)
    )
    return _grouped(rows, ids, to_offer)


async def load_offers_by_id(ids: list[int]) -> list[AssistanceOffer | None]:
    rows = await t.AssistanceOffer.select().where(t.AssistanceOffer.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_offer(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_follow_ups(ids: list[int]) -> list[list[AssistanceFollowUp]]:
    F = t.AssistanceFollowUp
    rows = (
        await F.select()
        .where(F.case.is_in(list(set(ids))))
        .order_by(F.happened_on, ascending=False)
        .order_by(F.id, ascending=False)
    )
    return _grouped(rows, ids, to_follow_up)


async def load_staff_names(ids: list[int]) -> list[str]:
    rows = await BaseUser.select(
        BaseUser.id, BaseUser.username, BaseUser.first_name, BaseUser.last_name
    ).where(BaseUser.id.is_in(list(set(ids))))
    names = {
        r["id"]: f"{r['last_name'] or ''}{r['first_name'] or ''}".strip() or r["username"]
        for r in rows
    }
    return [names.get(i, "（已删除的用户）") for i in ids]


async def load_public_welfare_eligible(worker_ids: list[int]) -> list[bool]:
    found = await eligibility.eligible(worker_ids)
    return [found[i] for i in worker_ids]
