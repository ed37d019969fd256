"""Employer queries: the signed-in employer's own profile."""

from __future__ import annotations

import strawberry

from resolvers.permissions import allow, current_viewer
from schema.employer.types import Employer
from services.auth.rules import Role


@strawberry.type
class EmployerQuery:
    @strawberry.field(
        description="The signed-in employer's own profile and verification status.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def my_employer_profile(self, info: strawberry.Info) -> Employer | None:
        viewer = current_viewer(info)
        return await info.context.loaders.employer_by_id.load(viewer.subject_id)
