"""Policy item rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from schema.assistance.types import ServiceTier
from schema.policy.enums import PolicyAudienceRole, PolicyStatus
from schema.policy.types import AudienceRecord, Policy, PolicyAudience
from schema.worker.enums import AssistanceCategory
from tables import policy as t


def to_policy(row: dict) -> Policy:
    return Policy(
        id=row["id"],
        title=row["title"],
        summary=row["summary"],
        body=row["body"],
        issuing_document=row["issuing_document"],
        clause=row["clause"] or None,
        effective_from=row["effective_from"],
        effective_to=row["effective_to"],
        status=PolicyStatus(row["status"]),
        published_at=row["published_at"] if row["status"] == "PUBLISHED" else None,
        audience=PolicyAudience(
            record=AudienceRecord(tuple(row["regions"]), tuple(row["occupations"])),
            assistance_categories=[AssistanceCategory(c) for c in row["assistance_categories"]],
            roles=[PolicyAudienceRole(r) for r in row["roles"]],
            service_tiers=[ServiceTier(x) for x in row["service_tiers"]],
        ),
    )


async def load_policies(ids: list[int]) -> list[Policy | None]:
    rows = await t.PolicyItem.select().where(t.PolicyItem.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_policy(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_public_policies(ids: list[int]) -> list[Policy | None]:
    """Published items only (expired ones too: a link to one keeps working)."""
    rows = await t.PolicyItem.select().where(
        t.PolicyItem.id.is_in(list(set(ids))) & (t.PolicyItem.status == "PUBLISHED")
    )
    by_id = {r["id"]: to_policy(r) for r in rows}
    return [by_id.get(i) for i in ids]
