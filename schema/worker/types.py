"""The Worker type: every personal field checks what the viewer may see (privacy, （十）)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.common import GeoPoint
from schema.reference.types import Occupation, Region
from schema.worker.enums import AssistanceCategory

if TYPE_CHECKING:
    from schema.assistance.types import WorkerServiceTier
    from schema.market.types import Market


class WorkerAccess(IntEnum):
    """How much of a worker the viewer may see; higher levels include the lower ones."""

    NONE = 0
    CANDIDATE = 1  # an employer looking at matching candidates: masked name, no phone
    APPLICANT = 2  # an employer the worker applied to: name and masked phone
    CONFIRMED = 3  # an employer that confirmed the worker: also the full phone
    OPERATOR = 4  # the operator of the worker's market: the profile, ID masked
    FULL = 5  # the worker themself, or staff (who still see personal data masked)


@dataclass(frozen=True)
class WorkerRecord:
    """Non-secret columns of a worker row; secrets are loaded (and decrypted) only on demand."""

    name: str
    masked_name: str
    phone_masked: str
    resident_id_masked: str
    birth_year: int | None
    home_region: Region | None
    location: GeoPoint | None
    availability: str
    prioritised: bool
    registered_market_id: int | None
    has_account: bool
    created_at: datetime


@strawberry.type(
    description="A registered worker (零工, 求职登记). Fields the viewer may not see are null: "
    "employers see applicants' names and masked phones, the full phone once they confirmed the "
    "worker, and never the ID number or assistance categories; operators see workers registered "
    "at their markets; workers see their whole profile; staff see the profile with personal "
    "data masked (full values through `personalDataReveal`)."
)
class Worker(relay.Node):
    id: relay.NodeID[int]
    record: strawberry.Private[WorkerRecord]
    # The least access granted by the field that produced this object (e.g. candidate lists).
    grant: strawberry.Private[int] = WorkerAccess.NONE

    async def _level(self, info: strawberry.Info) -> int:
        viewer = info.context.viewer
        if viewer is None:
            return self.grant
        level = await info.context.loaders.worker_access.load(
            (viewer.role, viewer.subject_id, self.id)
        )
        return max(level, self.grant)

    async def _at_least(self, info: strawberry.Info, level: WorkerAccess) -> bool:
        return await self._level(info) >= level

    async def _shows_personal(self, info: strawberry.Info, level: WorkerAccess) -> bool:
        """Full personal values (phone, ID, assistance): staff see them masked, whatever their
        level, and use `personalDataReveal` (reasoned, audited) when a case needs them."""
        viewer = info.context.viewer
        if viewer is not None and viewer.role == "STAFF":
            return False
        return await self._at_least(info, level)

    @strawberry.field(
        description="Full name; masked (张*) for candidate lists; null if not visible."
    )
    async def name(self, info: strawberry.Info) -> str | None:
        level = await self._level(info)
        if level >= WorkerAccess.APPLICANT:
            return self.record.name
        return self.record.masked_name if level >= WorkerAccess.CANDIDATE else None

    @strawberry.field(description="Masked mobile number, e.g. 138****0000; null if not visible.")
    async def phone_masked(self, info: strawberry.Info) -> str | None:
        return (
            self.record.phone_masked if await self._at_least(info, WorkerAccess.APPLICANT) else None
        )

    @strawberry.field(
        description="Full mobile number: for the worker, the operator of the worker's market and "
        "employers that confirmed the worker; null otherwise (staff too: see phoneMasked, or "
        "`personalDataReveal`)."
    )
    async def phone(self, info: strawberry.Info) -> str | None:
        if not await self._shows_personal(info, WorkerAccess.CONFIRMED):
            return None
        return (await info.context.loaders.worker_secrets.load(self.id)).phone

    @strawberry.field(description="Masked resident ID number; null if not visible or not given.")
    async def resident_id_masked(self, info: strawberry.Info) -> str | None:
        if not await self._at_least(info, WorkerAccess.OPERATOR):
            return None
        return self.record.resident_id_masked or None

    @strawberry.field(
        description="Full resident ID number: only for the worker themself (staff see "
        "residentIdMasked, or use `personalDataReveal`)."
    )
    async def resident_id(self, info: strawberry.Info) -> str | None:
        if not await self._shows_personal(info, WorkerAccess.FULL):
            return None
        return (await info.context.loaders.worker_secrets.load(self.id)).resident_id

    @strawberry.field(description="Birth year (from the resident ID); null if not visible.")
    async def birth_year(self, info: strawberry.Info) -> int | None:
        return self.record.birth_year if await self._at_least(info, WorkerAccess.OPERATOR) else None

    @strawberry.field(description="Occupations the worker does; empty if not visible.")
    async def occupations(self, info: strawberry.Info) -> list[Occupation]:
        if not await self._at_least(info, WorkerAccess.CANDIDATE):
            return []
        return await info.context.loaders.occupations_by_worker.load(self.id)

    @strawberry.field(description="Home county; null if not given or not visible.")
    async def home_region(self, info: strawberry.Info) -> Region | None:
        visible = await self._at_least(info, WorkerAccess.CANDIDATE)
        return self.record.home_region if visible else None

    @strawberry.field(description="Usual starting point; null if not given or not visible.")
    async def location(self, info: strawberry.Info) -> GeoPoint | None:
        return self.record.location if await self._at_least(info, WorkerAccess.OPERATOR) else None

    @strawberry.field(description="When the worker can work, in their words; null if not visible.")
    async def availability(self, info: strawberry.Info) -> str | None:
        visible = await self._at_least(info, WorkerAccess.CANDIDATE)
        return self.record.availability if visible else None

    @strawberry.field(
        description="Whether the worker gets priority service (any assistance category, （十）); "
        "null if not visible."
    )
    async def prioritised(self, info: strawberry.Info) -> bool | None:
        visible = await self._at_least(info, WorkerAccess.CANDIDATE)
        return self.record.prioritised if visible else None

    @strawberry.field(
        description="Assistance categories: only for the worker and the operator of the worker's "
        "market (never for employers); null otherwise (staff see `prioritised` and "
        "`serviceTier`, or use `personalDataReveal`)."
    )
    async def assistance_categories(self, info: strawberry.Info) -> list[AssistanceCategory] | None:
        if not await self._shows_personal(info, WorkerAccess.OPERATOR):
            return None
        categories = (await info.context.loaders.worker_secrets.load(self.id)).assistance
        return [AssistanceCategory(c) for c in categories]

    @strawberry.field(
        description="Operators (of the worker's market) and staff: the tier of the tiered service "
        "(分级服务, （十）) with the rules' reasons and any staff override; null for anyone else."
    )
    async def service_tier(
        self, info: strawberry.Info
    ) -> Annotated[WorkerServiceTier, strawberry.lazy("schema.assistance.types")] | None:
        viewer = info.context.viewer
        if viewer is None or viewer.role not in ("OPERATOR", "STAFF"):
            return None
        if not await self._at_least(info, WorkerAccess.OPERATOR):
            return None
        return await info.context.loaders.service_tier_by_worker.load(self.id)

    @strawberry.field(
        description="The market where an operator registered the worker; null if not visible."
    )
    async def registered_market(
        self, info: strawberry.Info
    ) -> Annotated[Market, strawberry.lazy("schema.market.types")] | None:
        if self.record.registered_market_id is None:
            return None
        if not await self._at_least(info, WorkerAccess.OPERATOR):
            return None
        return await info.context.loaders.market_by_id.load(self.record.registered_market_id)

    @strawberry.field(
        description="Whether the worker has their own account (false for walk-in registrations); "
        "null if not visible."
    )
    async def has_account(self, info: strawberry.Info) -> bool | None:
        visible = await self._at_least(info, WorkerAccess.OPERATOR)
        return self.record.has_account if visible else None

    @strawberry.field(description="When the worker registered; null if not visible.")
    async def registered_at(self, info: strawberry.Info) -> datetime | None:
        visible = await self._at_least(info, WorkerAccess.OPERATOR)
        return self.record.created_at if visible else None
