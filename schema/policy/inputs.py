"""Inputs for policy queries."""

from __future__ import annotations

import strawberry

from schema.policy.enums import PolicyAudienceRole


@strawberry.input(description="Filters for `policies`; all given filters must hold.")
class PolicyWhereInput:
    region_code: str | None = strawberry.field(
        default=None,
        description="Only items that apply in this division (six-digit GB/T 2260 code): items "
        "naming it or a division containing it (its city, the province).",
    )
    clause: str | None = strawberry.field(
        default=None, description="Only items citing this clause, e.g. （十一） (or (十一))."
    )
    role: PolicyAudienceRole | None = strawberry.field(
        default=None, description="Only items meant for this role."
    )
