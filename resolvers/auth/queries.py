"""The `viewer` query."""

from __future__ import annotations

import strawberry

from resolvers.global_ids import encode_id
from schema.auth.types import Role, Viewer

SUBJECT_TYPE = {
    "WORKER": "Worker",
    "EMPLOYER": "Employer",
    "OPERATOR": "Operator",
    "STAFF": "StaffUser",
}


@strawberry.type
class AuthQuery:
    @strawberry.field(description="Who the bearer token belongs to; null when anonymous.")
    async def viewer(self, info: strawberry.Info) -> Viewer | None:
        v = info.context.viewer
        if v is None:
            return None
        return Viewer(
            role=Role(v.role),
            subject_id=strawberry.ID(encode_id(SUBJECT_TYPE[v.role], v.subject_id)),
            token_expires_at=v.expires_at,
        )
