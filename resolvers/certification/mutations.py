"""Certification mutations: a market's operator (or staff) submits an application."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.certification.loaders import to_application
from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.certification.enums import CertificationApplicationSubmitErrorCode
from schema.certification.inputs import CertificationApplicationSubmitInput
from schema.certification.payloads import (
    CertificationApplicationSubmitError,
    CertificationApplicationSubmitPayload,
)
from services.audit.rules import Actor
from services.auth.rules import Role
from services.certification import workflow
from services.problems import ServiceError
from tables.certification import CertificationApplication as A

# An undecodable criterion id becomes one that no standard has, so it is reported as unknown.
NO_CRITERION = 0


def _criterion(value: strawberry.ID) -> int:
    return decode_id(value, "CertificationCriterion") or NO_CRITERION


def _optional_criterion(value: strawberry.ID | None) -> int | None:
    return None if value is None else _criterion(value)


@strawberry.type
class CertificationMutation:
    @strawberry.mutation(
        description="Apply for provincial demonstration-market certification (（十五）): the "
        "operator of the market (OPERATOR token) or staff (STAFF token). The market must have "
        "operated for the standard's minimum months; one live application per market and year.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def certification_application_submit(
        self,
        info: strawberry.Info,
        input: Annotated[
            CertificationApplicationSubmitInput, strawberry.argument(description="The application.")
        ],
    ) -> CertificationApplicationSubmitPayload:
        viewer = current_viewer(info)
        try:
            app_id = await workflow.submit(
                decode_id(input.market_id, "Market"),
                input.year,
                [
                    workflow.SelfAssessment(
                        criterion_id=_criterion(a.criterion_id), score=a.score, note=a.note
                    )
                    for a in input.self_assessment
                ],
                [
                    workflow.EvidenceDraft(
                        title=e.title, criterion_id=_optional_criterion(e.criterion_id)
                    )
                    for e in input.evidence
                ],
                Actor(viewer.role, viewer.subject_id),
                operator_id=viewer.subject_id if viewer.role == Role.OPERATOR else None,
            )
        except ServiceError as exc:
            return CertificationApplicationSubmitPayload(
                application=None,
                user_errors=user_errors(
                    exc.problems,
                    CertificationApplicationSubmitError,
                    CertificationApplicationSubmitErrorCode,
                ),
            )
        # Read after the commit: should it be gone already, the payload says so (null).
        row = await A.select(*A.all_columns()).where(A.id == app_id).first()
        return CertificationApplicationSubmitPayload(
            application=to_application(row) if row else None, user_errors=[]
        )
