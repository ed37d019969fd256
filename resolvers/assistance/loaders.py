"""Tier results to GraphQL objects, and their batch loader."""

from __future__ import annotations

from schema.assistance.types import (
    ServiceTier,
    ServiceTierOverride,
    ServiceTierReason,
    ServiceTierReasonCode,
    WorkerServiceTier,
)
from services.assistance import tier as rules


def to_service_tier(result: rules.TierResult) -> WorkerServiceTier:
    override = result.override
    return WorkerServiceTier(
        tier=ServiceTier(result.tier),
        derived_tier=ServiceTier(result.derived),
        reasons=[
            ServiceTierReason(code=ServiceTierReasonCode(r.code), text=r.text)
            for r in result.reasons
        ],
        override=ServiceTierOverride(
            tier=ServiceTier(override.tier), reason=override.reason, decided_at=override.decided_at
        )
        if override
        else None,
    )


async def load_service_tiers(worker_ids: list[int]) -> list[WorkerServiceTier | None]:
    found = await rules.tiers(worker_ids)
    return [to_service_tier(found[i]) if i in found else None for i in worker_ids]
