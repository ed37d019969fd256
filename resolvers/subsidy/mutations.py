"""Subsidy mutations, each with its own payload and typed userErrors."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import payload_of
from schema.subsidy.enums import SubsidyApplicationSubmitErrorCode
from schema.subsidy.inputs import SubsidyApplicationSubmitInput
from schema.subsidy.payloads import SubsidyApplicationSubmitError, SubsidyApplicationSubmitPayload
from services.auth.rules import Role
from services.problems import Problem, ServiceError
from services.subsidy import applications
from services.subsidy.eligibility import ENROLMENT, MARKET, Applicant


def _optional(value: strawberry.ID | None, type_name: str, field: str, what: str) -> int | None:
    """A given id must decode; a malformed one is NOT_FOUND on its field, like an unknown one."""
    if value is None:
        return None
    number = decode_id(value, type_name)
    if number is None:
        raise ServiceError([Problem("NOT_FOUND", f"{what}不存在", (field,))])
    return number


@strawberry.type
class SubsidyMutation:
    @strawberry.mutation(
        description="Frontend teams (workers for themselves, operators for a market they run): "
        "apply for a subsidy programme. Every eligibility rule is checked again; each unmet "
        "one is a userError named by its rule, and nothing is stored. One application per "
        "person (or market) per programme and training.",
        extensions=[allow(Role.WORKER, Role.OPERATOR)],
    )
    async def subsidy_application_submit(
        self,
        info: strawberry.Info,
        input: Annotated[
            SubsidyApplicationSubmitInput, strawberry.argument(description="The application.")
        ],
    ) -> SubsidyApplicationSubmitPayload:
        viewer = current_viewer(info)

        async def step() -> int:
            applicant = Applicant(
                role=viewer.role,
                id=viewer.subject_id,
                market_id=_optional(input.market_id, "Market", "market_id", MARKET),
                enrolment_id=_optional(
                    input.training_enrolment_id,
                    "TrainingEnrolment",
                    "training_enrolment_id",
                    ENROLMENT,
                ),
            )
            return await applications.submit(
                applicant, decode_id(input.programme_id, "SubsidyProgramme")
            )

        return await payload_of(
            step,
            info.context.loaders.subsidy_application_by_id.load,
            SubsidyApplicationSubmitPayload,
            SubsidyApplicationSubmitError,
            SubsidyApplicationSubmitErrorCode,
            "application",
        )
