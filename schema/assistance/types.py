"""Tiered service (分级服务, （十）) as GraphQL shows it to operators and staff."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

_ = strawberry.enum_value


@strawberry.enum(description="Tier of the tiered service for workers (分级服务, （十）).")
class ServiceTier(Enum):
    GENERAL = _("GENERAL", description="General service (普通服务).")
    KEY = _("KEY", description="Priority service (重点服务): one need.")
    ASSISTED = _(
        "ASSISTED",
        description="One-to-one assistance (援助服务): a disability, or two needs or more.",
    )


@strawberry.enum(description="Why the rules give a worker their tier.")
class ServiceTierReasonCode(Enum):
    CATEGORY = _("CATEGORY", description="An assistance category the worker declared.")
    AGE = _("AGE", description="50 or older this year (大龄).")
    LONG_WAIT = _(
        "LONG_WAIT",
        description="Registered 180 days or more ago without a shift completed in 180 days.",
    )


@strawberry.type(description="One reason for the derived tier.")
class ServiceTierReason:
    code: ServiceTierReasonCode = strawberry.field(description="Machine-readable reason.")
    text: str = strawberry.field(description="Human-readable explanation, in Chinese.")


@strawberry.type(description="A staff decision overriding the derived tier.")
class ServiceTierOverride:
    tier: ServiceTier = strawberry.field(description="The tier staff set.")
    reason: str = strawberry.field(description="Why, in the words of staff.")
    decided_at: datetime = strawberry.field(description="When it was decided.")


@strawberry.type(description="A worker's tier: what the rules derive and any staff override.")
class WorkerServiceTier:
    tier: ServiceTier = strawberry.field(description="The tier in force (the override, if any).")
    derived_tier: ServiceTier = strawberry.field(description="The tier the rules give.")
    reasons: list[ServiceTierReason] = strawberry.field(
        description="Why the rules give it; empty for GENERAL."
    )
    override: ServiceTierOverride | None = strawberry.field(
        description="The staff override, if any."
    )
