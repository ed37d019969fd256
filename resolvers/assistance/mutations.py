"""Assistance case mutations of workers; staff act in the admin (admin/assistance/forms.py)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import payload_of
from schema.assistance.enums import AssistanceOfferAnswerErrorCode
from schema.assistance.inputs import AssistanceOfferAnswerInput
from schema.assistance.payloads import AssistanceOfferAnswerError, AssistanceOfferAnswerPayload
from services.assistance import offers
from services.auth.rules import Role


@strawberry.type
class AssistanceMutation:
    @strawberry.mutation(
        description="Frontend teams (worker app): answer an offer of your assistance case. "
        "Accepting a posting applies to it, accepting a training enrols in it, through the same "
        "rules as jobApplicationCreate and trainingEnrol; their refusals are userErrors here "
        "and nothing is stored.",
        extensions=[allow(Role.WORKER)],
    )
    async def assistance_offer_answer(
        self,
        info: strawberry.Info,
        input: Annotated[
            AssistanceOfferAnswerInput, strawberry.argument(description="The answer.")
        ],
    ) -> AssistanceOfferAnswerPayload:
        viewer = current_viewer(info)

        async def step() -> int:
            number = decode_id(input.offer_id, "AssistanceOffer")
            return await offers.answer(viewer.subject_id, number, input.accept, input.reason)

        return await payload_of(
            step,
            info.context.loaders.assistance_offer_by_id.load,
            AssistanceOfferAnswerPayload,
            AssistanceOfferAnswerError,
            AssistanceOfferAnswerErrorCode,
            "offer",
        )
