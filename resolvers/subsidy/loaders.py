"""Programme and application rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from functools import cache

from piccolo.columns.column_types import ForeignKey
from piccolo.querystring import QueryString

from resolvers.market.loaders import to_market
from resolvers.prefetch import prime_joined, rerooted
from resolvers.training.loaders import to_enrolment, to_training
from resolvers.worker.loaders import joined_region
from schema.market.enums import MarketOwnership
from schema.subsidy import enums as e
from schema.subsidy.types import SubsidyApplication, SubsidyProgramme
from schema.training.enums import TrainingCategory
from schema.worker.enums import AssistanceCategory
from services.job_posting.wage import to_yuan
from services.market.rules import MARKET_COLUMNS
from services.subsidy.programmes import CLAUSES
from tables import subsidy as t
from tables.training import TrainingCourse, TrainingEnrolment

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


# The course's own joins (region, market, operator, institution) as scalar subqueries: joined,
# their Piccolo aliases ("subsidy_application$enrolment$training_enrolment$course$…") pass
# PostgreSQL's 63 characters and collide once truncated.
_COURSE = '"subsidy_application$enrolment$training_enrolment$course"'
_COURSE_EXTRAS = {
    "region.code": f"SELECT r.code FROM region r WHERE r.id = {_COURSE}.region",
    "region.name": f"SELECT r.name FROM region r WHERE r.id = {_COURSE}.region",
    "region.level": f"SELECT r.level FROM region r WHERE r.id = {_COURSE}.region",
    "region.is_mountain_or_island": (
        f"SELECT r.is_mountain_or_island FROM region r WHERE r.id = {_COURSE}.region"
    ),
    "region.parent.code": (
        f"SELECT p.code FROM region r JOIN region p ON p.id = r.parent WHERE r.id = {_COURSE}.region"
    ),
    "manager": f"SELECT m.operator FROM market m WHERE m.id = {_COURSE}.market",
    "operator_name": f"SELECT o.name FROM operator o WHERE o.id = {_COURSE}.operator",
    "institution_name": (
        f"SELECT i.name FROM training_institution i WHERE i.id = {_COURSE}.institution"
    ),
}


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _application_page_columns() -> tuple:
    A = t.SubsidyApplication
    course = A.enrolment.course
    assert isinstance(course, ForeignKey)  # the enrolment's course, joined through it
    return (
        *A.all_columns(),
        *rerooted(A.programme, PROGRAMME_COLUMNS),
        *rerooted(A.enrolment, TrainingEnrolment.all_columns()),
        *rerooted(course, TrainingCourse.all_columns()),
        *(
            QueryString(f"({sql})").as_alias(f"enrolment.course.{key}")
            for key, sql in _COURSE_EXTRAS.items()
        ),
        *rerooted(A.market, MARKET_COLUMNS),
    )


def application_page_select():
    """Applications with the rows their cards load joined (resolvers/prefetch.py): programme,
    completed enrolment and its course, market. Serves frontend teams (a worker's or an
    operator's list of subsidy applications) in one statement per page."""
    return t.SubsidyApplication.select(*_application_page_columns())


def primed_application(loaders, row: dict) -> SubsidyApplication:
    """The application of an application_page_select() row; the request's programme,
    enrolment, course and market loaders primed with what they would load."""
    prime_joined(
        row,
        (
            ("programme.", loaders.subsidy_programme_by_id, to_programme),
            ("enrolment.", loaders.training_enrolment_by_id, to_enrolment),
            ("enrolment.course.", loaders.training_by_id, to_training),
            ("market.", loaders.market_by_id, to_market),
        ),
    )
    return to_application(row)


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


def prime_programmes(loaders, rows: list[dict]) -> None:
    """Prime the programme loader with rows read with the region as programme_select() reads it
    (services/subsidy/qualifying.programme_columns(): policy push's programme cards)."""
    for row in rows:
        loaders.subsidy_programme_by_id.prime(row["id"], to_programme(row))


async def load_programmes(ids: list[int]) -> list[SubsidyProgramme | None]:
    rows = await programme_select().where(P.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_programme(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_applications(ids: list[int]) -> list[SubsidyApplication | None]:
    A = t.SubsidyApplication
    rows = await A.select().where(A.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_application(r) for r in rows}
    return [by_id.get(i) for i in ids]
