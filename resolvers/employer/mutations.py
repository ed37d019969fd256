"""Employer mutations: employerProfileUpdate."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import payload_of
from schema.employer.enums import EmployerProfileUpdateErrorCode
from schema.employer.inputs import EmployerProfileUpdateInput
from schema.employer.payloads import EmployerProfileUpdateError, EmployerProfileUpdatePayload
from services.auth.rules import Role
from services.employer import profile
from services.keep import KEEP


def _given(value):
    return KEEP if value is strawberry.UNSET else value


@strawberry.type
class EmployerMutation:
    @strawberry.mutation(
        description="Update the signed-in employer's profile (the employer app's settings): "
        "contact person and county at any time; name and USCC only until staff verify the "
        "employer. Omitted fields are kept.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def employer_profile_update(
        self,
        info: strawberry.Info,
        input: Annotated[
            EmployerProfileUpdateInput, strawberry.argument(description="Fields to change.")
        ],
    ) -> EmployerProfileUpdatePayload:
        viewer = current_viewer(info)
        changes = profile.ProfileChanges(
            name=_given(input.name),
            uscc=_given(input.uscc),
            contact_name=_given(input.contact_name),
            region_code=_given(input.region_code),
        )

        async def step() -> int:
            await profile.update_profile(viewer.subject_id, changes)
            return viewer.subject_id

        return await payload_of(
            step,
            info.context.loaders.employer_by_id.load,
            EmployerProfileUpdatePayload,
            EmployerProfileUpdateError,
            EmployerProfileUpdateErrorCode,
            "employer",
        )
