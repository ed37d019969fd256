"""Case rows to GraphQL objects, and their batch loaders (access is checked by the queries)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from resolvers.employer.loaders import EMPLOYER_COLUMNS, to_employer
from resolvers.market.loaders import to_market
from resolvers.prefetch import prime_joined, rerooted
from resolvers.worker.loaders import required_region
from schema.common import GeoPoint
from schema.rights_case import enums as e
from schema.rights_case.types import (
    CaseRecord,
    GatheringPlace,
    PostingModeration,
    PostingRemoval,
    PostingReview,
    RightsCase,
    RightsCasePlace,
    RightsCaseStep,
    SettlementRecord,
    WageSettlement,
)
from services.job_posting.wage import to_yuan as exact_yuan
from services.market.rules import MARKET_COLUMNS
from services.rights_case import settlement
from services.rights_case.money import to_yuan
from services.rights_case.routing import is_overdue
from tables import rights_case as t

CASE_COLUMNS = (*t.RightsCase.all_columns(), t.RightsCase.market.operator)


def case_select():
    return t.RightsCase.select(*CASE_COLUMNS)


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _case_page_columns() -> tuple:
    return (
        *CASE_COLUMNS,
        *rerooted(t.RightsCase.employer, EMPLOYER_COLUMNS),
        *rerooted(t.RightsCase.market, MARKET_COLUMNS),
    )


def case_page_select():
    """case_select() plus the rows a case's employer and market load, joined
    (resolvers/prefetch.py): a page of cases in one statement."""
    return t.RightsCase.select(*_case_page_columns())


def primed_case(loaders, row: dict) -> RightsCase:
    """The case of a case_page_select() row; the request's case, employer and market loaders
    primed with what they would load (tests/test_prefetch.py)."""
    case = to_case(row)
    loaders.rights_case_by_id.prime(case.id, case)
    prime_joined(
        row,
        (
            ("employer.", loaders.employer_by_id, to_employer),
            ("market.", loaders.market_by_id, to_market),
        ),
    )
    return case


def to_case(row: dict) -> RightsCase:
    located = row["place_latitude"] is not None and row["place_longitude"] is not None
    return RightsCase(
        id=row["id"],
        record=CaseRecord(
            market_id=row["market"],
            market_operator_id=row["market.operator"],
            employer_id=row["employer"],
            worker_id=row["worker"],
            posting_id=row["posting"],
            application_id=row["application"],
            gathering_place_id=row["gathering_place"],
        ),
        kind=e.RightsCaseKind(row["kind"]),
        status=e.RightsCaseStatus(row["status"]),
        outcome=e.RightsCaseOutcome(row["outcome"]) if row["outcome"] else None,
        department=e.Department(row["department"]),
        channel=e.RightsCaseChannel(row["channel"]),
        summary=row["summary"],
        place=RightsCasePlace(
            address=row["place_address"],
            location=GeoPoint(latitude=row["place_latitude"], longitude=row["place_longitude"])
            if located
            else None,
        )
        if row["place_address"]
        else None,
        amount_claimed=to_yuan(row["amount_claimed_fen"]),
        amount_recovered=to_yuan(row["amount_recovered_fen"]),
        outcome_note=row["outcome_note"] or None,
        referred_to=row["referred_to"] or None,
        filed_at=row["opened_at"],
        step_due_at=row["step_due_at"],
        overdue=is_overdue(row["status"], row["step_due_at"]),
        finished_at=row["resolved_at"],
    )


async def load_cases(ids: list[int]) -> list[RightsCase | None]:
    rows = await case_select().where(t.RightsCase.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_case(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_steps(ids: list[int]) -> list[list[RightsCaseStep]]:
    rows = (
        await t.RightsCaseStep.select()
        .where(t.RightsCaseStep.rights_case.is_in(list(set(ids))))
        .order_by(t.RightsCaseStep.id)
    )
    grouped: dict[int, list[RightsCaseStep]] = defaultdict(list)
    for r in rows:
        grouped[r["rights_case"]].append(
            RightsCaseStep(
                action=e.RightsCaseAction(r["action"]),
                status=e.RightsCaseStatus(r["status"]),
                department=e.Department(r["department"]),
                actor=e.RightsCaseActor(r["actor_role"]),
                occurred_at=r["occurred_at"],
                note=r["note"],
            )
        )
    return [grouped.get(i, []) for i in ids]


def to_settlement(row: dict) -> WageSettlement:
    return WageSettlement(
        application_id=row["application"],
        case_id=row["rights_case"],
        amount=exact_yuan(row["amount_fen"]),
        method=e.PaymentMethod(row["method"]),
        paid_at=row["paid_at"],
        recorded_at=row["recorded_at"],
        status=e.WageSettlementStatus(row["status"]),
        answered_at=row["answered_at"],
        dispute_reason=row["dispute_reason"] or None,
    )


async def load_settlements(application_ids: list[int]) -> list[WageSettlement | None]:
    rows = await t.WageSettlement.select().where(
        t.WageSettlement.application.is_in(list(set(application_ids)))
    )
    by_application = {r["application"]: to_settlement(r) for r in rows}
    return [by_application.get(i) for i in application_ids]


async def load_settlement_records(employer_ids: list[int]) -> list[SettlementRecord]:
    found = await settlement.figures(list(set(employer_ids)))
    return [
        SettlementRecord(
            completed_shifts=found[e]["completed"],
            settled_on_time=found[e]["on_time"],
            settled_late=found[e]["late"],
            unsettled=found[e]["unrecorded"],
            disputed=found[e]["disputed"],
        )
        for e in employer_ids
    ]


def to_review(row: dict) -> PostingReview:
    return PostingReview(
        id=row["id"],
        posting_id=row["posting"],
        source=e.PostingReviewSource(row["source"]),
        reason=e.PostingReportReason(row["reason"]) if row["source"] == "REPORT" else None,
        matched_terms=[term for term in row["matched_terms"].split("、") if term],
        note=row["note"],
        status=e.PostingReviewStatus(row["status"]),
        created_at=row["created_at"],
        decided_at=row["decided_at"],
        decision_note=row["decision_note"] or None,
    )


async def load_reviews(ids: list[int]) -> list[PostingReview | None]:
    rows = await t.PostingReview.select().where(t.PostingReview.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_review(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_moderation(posting_ids: list[int]) -> list[PostingModeration]:
    """Per posting: the terms it is held for (open screening item), and its removal."""
    rows = (
        await t.PostingReview.select()
        .where(
            t.PostingReview.posting.is_in(list(set(posting_ids)))
            & t.PostingReview.source.is_in(["SCREENING", "STAFF"])
        )
        .order_by(t.PostingReview.id)
    )
    held: dict[int, list[str]] = {}
    removed: dict[int, PostingRemoval] = {}
    for r in rows:
        if r["source"] == "SCREENING" and r["status"] == "OPEN":
            held[r["posting"]] = to_review(r).matched_terms
        elif r["source"] == "STAFF":
            removed[r["posting"]] = PostingRemoval(reason=r["note"], removed_at=r["decided_at"])
    return [PostingModeration(held.get(i), removed.get(i)) for i in posting_ids]


def to_place(row: dict) -> GatheringPlace:
    located = row["latitude"] is not None and row["longitude"] is not None
    return GatheringPlace(
        id=row["id"],
        market_id=row["market"],
        name=row["name"],
        address=row["address"],
        region=required_region(row, "region"),
        location=GeoPoint(latitude=row["latitude"], longitude=row["longitude"])
        if located
        else None,
        typical_hours=row["typical_hours"],
        typical_size=row["typical_size"],
        measures=row["measures"],
        status=e.GatheringStatus(row["status"]),
        recorded_at=row["created_at"],
        updated_at=row["updated_at"],
    )


PLACE_COLUMNS = (
    *t.GatheringPlace.all_columns(),
    t.GatheringPlace.region.code,
    t.GatheringPlace.region.name,
    t.GatheringPlace.region.level,
    t.GatheringPlace.region.is_mountain_or_island,
    t.GatheringPlace.region._.parent._.code,
)


def place_select():
    return t.GatheringPlace.select(*PLACE_COLUMNS)


async def load_places(ids: list[int]) -> list[GatheringPlace | None]:
    rows = await place_select().where(t.GatheringPlace.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_place(r) for r in rows}
    return [by_id.get(i) for i in ids]


MAX_INCIDENTS_SHOWN = 100


async def load_cases_by_place(ids: list[int]) -> list[list[RightsCase]]:
    rows = (
        await case_select()
        .where(t.RightsCase.gathering_place.is_in(list(set(ids))))
        .order_by(t.RightsCase.opened_at, ascending=False)
        .order_by(t.RightsCase.id, ascending=False)
    )
    grouped: dict[int, list[RightsCase]] = defaultdict(list)
    for r in rows:
        if len(grouped[r["gathering_place"]]) < MAX_INCIDENTS_SHOWN:
            grouped[r["gathering_place"]].append(to_case(r))
    return [grouped.get(i, []) for i in ids]
