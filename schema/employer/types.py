"""The Employer type: public business facts; contact data for the employer, staff and the
workers it has confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from schema.employer.enums import EmployerKind, EmployerVerificationStatus
from schema.reference.types import Region
from services.auth.rules import Role

if TYPE_CHECKING:
    from schema.rights_case.types import SettlementRecord

SettlementRecordRef = Annotated["SettlementRecord", strawberry.lazy("schema.rights_case.types")]


@dataclass(frozen=True)
class EmployerRecord:
    """Non-secret columns of an employer row."""

    kind: str
    name: str
    masked_name: str
    uscc: str | None
    contact_name: str
    phone_masked: str
    region: Region | None
    verification_status: str
    verified_at: datetime | None
    created_at: datetime


def _is_self_or_staff(info: strawberry.Info, employer_id: int) -> bool:
    viewer = info.context.viewer
    if viewer is None:
        return False
    return viewer.role == Role.STAFF or (
        viewer.role == Role.EMPLOYER and viewer.subject_id == employer_id
    )


@strawberry.type(description="How to reach an employer about a shift.")
class EmployerContact:
    name: str = strawberry.field(
        description="Contact person (an organisation's) or the employer's own name (a person's)."
    )
    phone: str = strawberry.field(description="Full phone number.")


@strawberry.type(
    description="An employer (用工主体). A private person's name is shown masked to everyone "
    "but the employer and staff; contact data is for the employer and staff only, the full "
    "phone for the employer and the workers it confirmed."
)
class Employer(relay.Node):
    id: relay.NodeID[int]
    record: strawberry.Private[EmployerRecord]

    @strawberry.field(description="Organisation or private person.")
    def kind(self) -> EmployerKind:
        return EmployerKind(self.record.kind)

    @strawberry.field(
        description="Organisation name; for a private person the masked name (王*) unless you "
        "are that employer or staff."
    )
    def name(self, info: strawberry.Info) -> str:
        if self.record.kind == "INDIVIDUAL" and not _is_self_or_staff(info, self.id):
            return self.record.masked_name
        return self.record.name

    @strawberry.field(description="Unified social credit code of an organisation; null for people.")
    def uscc(self) -> str | None:
        return self.record.uscc

    @strawberry.field(description="Staff verification status; only VERIFIED employers may publish.")
    def verification_status(self) -> EmployerVerificationStatus:
        return EmployerVerificationStatus(self.record.verification_status)

    @strawberry.field(description="When staff verified the employer; null if not verified.")
    def verified_at(self) -> datetime | None:
        return self.record.verified_at

    @strawberry.field(description="County where the employer is based, if given.")
    def region(self) -> Region | None:
        return self.record.region

    @strawberry.field(description="Contact person: for the employer and staff only, else null.")
    def contact_name(self, info: strawberry.Info) -> str | None:
        return self.record.contact_name if _is_self_or_staff(info, self.id) else None

    @strawberry.field(description="Masked phone: for the employer and staff only, else null.")
    def phone_masked(self, info: strawberry.Info) -> str | None:
        return self.record.phone_masked if _is_self_or_staff(info, self.id) else None

    @strawberry.field(
        description="Contact person and full phone number: for workers the employer has "
        "confirmed for a shift (confirmed, checked in, completed or no-show) and the employer; "
        "null for everyone else (staff see contactName and phoneMasked, or use "
        "`personalDataReveal`)."
    )
    async def contact(self, info: strawberry.Info) -> EmployerContact | None:
        viewer = info.context.viewer
        if viewer is None or viewer.role == Role.STAFF:
            return None
        if not _is_self_or_staff(info, self.id):
            if viewer.role != Role.WORKER:
                return None
            key = (viewer.subject_id, self.id)
            if not await info.context.loaders.employer_confirmed_worker.load(key):
                return None
        phone = await info.context.loaders.employer_phone_by_id.load(self.id)
        if phone is None:
            return None
        return EmployerContact(name=self.record.contact_name or self.record.name, phone=phone)

    @strawberry.field(
        description="Whether an uncleared wage-arrears flag (（十六）) blocks publishing: for the "
        "employer and staff only, else null."
    )
    async def wage_arrears_flagged(self, info: strawberry.Info) -> bool | None:
        if not _is_self_or_staff(info, self.id):
            return None
        return await info.context.loaders.wage_arrears_by_employer.load(self.id)

    @strawberry.field(
        description="How the employer has paid completed shifts (即时结算), for everyone."
    )
    async def settlement_record(self, info: strawberry.Info) -> SettlementRecordRef:
        return await info.context.loaders.settlement_record_by_employer.load(self.id)

    @strawberry.field(description="When the employer registered.")
    def registered_at(self) -> datetime:
        return self.record.created_at

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.employer_by_id.load_many([int(i) for i in node_ids])
