"""Employer queries: the signed-in employer's own profile."""

from __future__ import annotations

import strawberry

from resolvers.permissions import require_viewer
from schema.employer.types import Employer


@strawberry.type
class EmployerQuery:
    @strawberry.field(description="The signed-in employer's own profile and verification status.")
    async def my_employer_profile(self, info: strawberry.Info) -> Employer | None:
        viewer = require_viewer(info, "EMPLOYER")
        return await info.context.loaders.employer_by_id.load(viewer.subject_id)
