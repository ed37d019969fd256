"""Programme queries: subsidyProgrammes, subsidyEligibility."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from resolvers.subsidy.loaders import programme_select, to_programme
from schema.common import Connection
from schema.subsidy.enums import SubsidyKind, SubsidyRule
from schema.subsidy.types import SubsidyEligibility, SubsidyProgramme, SubsidyRuleCheck
from services.auth.rules import Role
from services.job_posting.wage import to_yuan
from services.problems import ServiceError
from services.subsidy import eligibility
from services.timeutil import now
from tables import subsidy as t

P = t.SubsidyProgramme

ENDING_SOONEST = SortSpec(P.ends_at, "ends_at", datetime)


def open_programmes(kind: list | None) -> tuple[list, ExactCount]:
    """subsidyProgrammes' conditions and count: active programmes whose application period has
    not ended, of the kinds asked for. For the resolver and its text plan
    (resolvers/subsidy/texts.py)."""
    conds = [P.active.eq(True), P.ends_at > now()]
    if kind:
        conds.append(P.kind.is_in([k.value for k in kind]))
    return conds, ExactCount(P.count().where(*conds))


def _primed(info: strawberry.Info):
    def node(row: dict) -> SubsidyProgramme:
        programme = to_programme(row)
        info.context.loaders.subsidy_programme_by_id.prime(programme.id, programme)
        return programme

    return node


def applicant_of(
    info: strawberry.Info, enrolment: strawberry.ID | None, market: strawberry.ID | None
) -> eligibility.Applicant:
    viewer = current_viewer(info)
    return eligibility.Applicant(
        role=viewer.role,
        id=viewer.subject_id,
        market_id=decode_id(market, "Market") if market is not None else None,
        enrolment_id=decode_id(enrolment, "TrainingEnrolment") if enrolment is not None else None,
    )


EnrolmentArg = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="Workers, training kinds: the completed enrolment to check (default: the "
        "most recent qualifying one not yet claimed)."
    ),
]
MarketArg = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="Operators: the market to check (required for the employment service subsidy)."
    ),
]


@strawberry.type
class SubsidyProgrammeQuery:
    @strawberry.field(
        description="Frontend teams (workers, operators, the public): active subsidy programmes "
        "whose application period has not ended, ending soonest first."
    )
    async def subsidy_programmes(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        kind: Annotated[
            list[SubsidyKind] | None,
            strawberry.argument(description="Only these kinds (default: all)."),
        ] = None,
    ) -> Connection[SubsidyProgramme]:
        conds, count = open_programmes(kind)
        return await sql_page(
            programme_select().where(*conds),
            P.id,
            ENDING_SOONEST,
            first,
            after,
            _primed(info),
            count,
        )

    @strawberry.field(
        description="Frontend teams (workers for themselves, operators for a market they run): "
        "whether an application to the programme would be accepted now, every rule explained "
        "in Chinese, with the amount. Nothing is stored. Null if the programme, the enrolment "
        "or the market is unknown or not the caller's.",
        extensions=[allow(Role.WORKER, Role.OPERATOR)],
    )
    async def subsidy_eligibility(
        self,
        info: strawberry.Info,
        programme_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the programme.")
        ],
        training_enrolment_id: EnrolmentArg = None,
        market_id: MarketArg = None,
    ) -> SubsidyEligibility | None:
        applicant = applicant_of(info, training_enrolment_id, market_id)
        number = decode_id(programme_id, "SubsidyProgramme")
        if number is None:
            return None
        given_but_bad = (training_enrolment_id is not None and applicant.enrolment_id is None) or (
            market_id is not None and applicant.market_id is None
        )
        if given_but_bad:
            return None
        try:
            result = await eligibility.evaluate(applicant, number)
        except ServiceError:
            return None
        programme = await info.context.loaders.subsidy_programme_by_id.load(number)
        return SubsidyEligibility(
            programme=programme,
            eligible=result.eligible,
            checks=[
                SubsidyRuleCheck(rule=SubsidyRule(c.rule), met=c.met, text=c.text)
                for c in result.checks
            ],
            amount=to_yuan(result.amount_fen) if result.amount_fen is not None else None,
            enrolment_id=result.enrolment_id,
            market_id=result.market_id,
        )
