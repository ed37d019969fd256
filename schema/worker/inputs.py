"""Inputs for worker registration and profile updates."""

from __future__ import annotations

import strawberry

from schema.worker.enums import AssistanceCategory


@strawberry.input(description="A WGS-84 point without a search radius.")
class LocationInput:
    latitude: float = strawberry.field(description="Latitude in degrees (WGS-84).")
    longitude: float = strawberry.field(description="Longitude in degrees (WGS-84).")


@strawberry.input(description="The minimal worker profile created with a WORKER account.")
class WorkerRegistrationInput:
    name: str = strawberry.field(description="Full name (at most 50 characters).")
    occupation_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Global ids of occupations the worker does."
    )
    home_region_code: str | None = strawberry.field(
        default=None, description="Six-digit code of the county the worker lives in."
    )


@strawberry.input(
    description="Changes to the signed-in worker's profile (求职登记). Omitted fields stay "
    "as they are; null clears an optional field."
)
class WorkerProfileUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Full name.")
    resident_id: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Resident ID number (公民身份号码, 18 characters); stored encrypted.",
    )
    occupation_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the worker's occupations."
    )
    home_region_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Six-digit code of the home county."
    )
    location: LocationInput | None = strawberry.field(
        default=strawberry.UNSET, description="Where the worker usually starts from."
    )
    availability: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="When the worker can work, in their own words (at most 200 characters).",
    )
    assistance_categories: list[AssistanceCategory] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Assistance categories (（十）); any category makes the worker prioritised.",
    )


@strawberry.input(
    description="Simplified registration of a walk-in worker by the operator of a market."
)
class WorkerRegisterWalkInInput:
    market_id: strawberry.ID = strawberry.field(
        description="Global id of a market run by the signed-in operator."
    )
    name: str = strawberry.field(description="Full name.")
    phone: str = strawberry.field(description="Mainland mobile number.")
    occupation_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Global ids of occupations the worker does."
    )


@strawberry.input(description="Whose full personal data to show, and why (recorded).")
class PersonalDataRevealInput:
    subject_id: strawberry.ID = strawberry.field(
        description="Global id of a Worker or an Employer."
    )
    reason: str = strawberry.field(
        description="Why the full values are needed (6–200 characters, e.g. 核实补贴申请人身份); "
        "kept in the audit trail with who and when."
    )
