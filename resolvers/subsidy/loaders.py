"""Programme and application rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from resolvers.worker.loaders import joined_region
from schema.market.enums import MarketOwnership
from schema.subsidy import enums as e
from schema.subsidy.types import SubsidyApplication, SubsidyProgramme
from schema.training.enums import TrainingCategory
from schema.worker.enums import AssistanceCategory
from services.job_posting.wage import to_yuan
from services.subsidy.programmes import CLAUSES
from tables import subsidy as t

P = t.SubsidyProgramme
PROGRAMME_COLUMNS = (
    *P.all_columns(),
    P.region.code,
    P.region.name,
    P.region.level,
    P.region.is_mountain_or_island,
    P.region._.parent._.code,
)


def programme_select():
    return P.select(*PROGRAMME_COLUMNS)


def to_programme(row: dict) -> SubsidyProgramme:
    return SubsidyProgramme(
        id=row["id"],
        name=row["name"],
        kind=e.SubsidyKind(row["kind"]),
        policy_clause=CLAUSES[row["kind"]],
        description=row["description"] or "",
        amount_rule=e.SubsidyAmountRule(row["amount_rule"]),
        amount=to_yuan(row["amount_fen"]),
        assistance_categories=[AssistanceCategory(c) for c in row["assistance_categories"] or []],
        training_category=TrainingCategory(row["training_category"])
        if row["training_category"]
        else None,
        training_within_months=row["training_within_months"],
        region=joined_region(row, "region"),
        market_ownership=MarketOwnership(row["market_ownership"])
        if row["market_ownership"]
        else None,
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        budget=to_yuan(row["budget_fen"]),
        budget_remaining=to_yuan(row["budget_fen"] - row["committed_fen"]),
        approval_threshold=to_yuan(row["approval_threshold_fen"]),
        active=bool(row["active"]),
    )


def to_application(row: dict) -> SubsidyApplication:
    return SubsidyApplication(
        id=row["id"],
        programme_id=row["programme"],
        enrolment_id=row["enrolment"],
        market_id=row["market"],
        status=e.SubsidyApplicationStatus(row["status"]),
        quantity=row["quantity"],
        amount=to_yuan(row["amount_fen"]),
        submitted_at=row["submitted_at"],
        decided_at=row["decided_at"],
        reject_reason=row["reject_reason"] or None,
        payment_reference=row["payment_reference"] or None,
        paid_at=row["paid_at"],
    )


async def load_programmes(ids: list[int]) -> list[SubsidyProgramme | None]:
    rows = await programme_select().where(P.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_programme(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_applications(ids: list[int]) -> list[SubsidyApplication | None]:
    A = t.SubsidyApplication
    rows = await A.select().where(A.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_application(r) for r in rows}
    return [by_id.get(i) for i in ids]
