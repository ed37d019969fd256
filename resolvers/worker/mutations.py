"""Worker mutations: workerProfileUpdate, workerRegisterWalkIn, personalDataReveal."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.worker.enums import (
    AssistanceCategory,
    PersonalDataRevealErrorCode,
    WorkerProfileUpdateErrorCode,
    WorkerRegisterWalkInErrorCode,
)
from schema.worker.inputs import (
    PersonalDataRevealInput,
    WorkerProfileUpdateInput,
    WorkerRegisterWalkInInput,
)
from schema.worker.payloads import (
    PersonalDataRevealError,
    PersonalDataRevealPayload,
    RevealedPersonalData,
    WorkerProfileUpdateError,
    WorkerProfileUpdatePayload,
    WorkerRegisterWalkInError,
    WorkerRegisterWalkInPayload,
)
from schema.worker.types import Worker, WorkerAccess
from services.auth.rules import Role
from services.problems import ServiceError
from services.worker import reveal as reveal_rules
from services.worker import rules as worker_rules

# The node types whose personal data can be revealed, by the table name the audit row uses.
REVEALABLE = {"Worker": "worker", "Employer": "employer"}


def _given(value):
    return worker_rules.KEEP if value is strawberry.UNSET else value


def _changes(data: WorkerProfileUpdateInput) -> worker_rules.ProfileChanges:
    occupation_ids = _given(data.occupation_ids)
    if occupation_ids is not worker_rules.KEEP:
        occupation_ids = [decode_id(i, "Occupation") for i in occupation_ids or []]
    location = _given(data.location)
    if location is not worker_rules.KEEP and location is not None:
        location = (location.latitude, location.longitude)
    assistance = _given(data.assistance_categories)
    if assistance is not worker_rules.KEEP:
        assistance = [c.value for c in assistance or []]
    return worker_rules.ProfileChanges(
        name=_given(data.name),
        resident_id=_given(data.resident_id),
        occupation_ids=occupation_ids,
        home_region_code=_given(data.home_region_code),
        location=location,
        availability=_given(data.availability),
        assistance=assistance,
    )


@strawberry.type
class WorkerMutation:
    @strawberry.mutation(
        description="Update the signed-in worker's profile (求职登记); omitted fields are kept.",
        extensions=[allow(Role.WORKER)],
    )
    async def worker_profile_update(
        self,
        info: strawberry.Info,
        input: Annotated[
            WorkerProfileUpdateInput, strawberry.argument(description="Fields to change.")
        ],
    ) -> WorkerProfileUpdatePayload:
        viewer = current_viewer(info)
        try:
            await worker_rules.update_profile(viewer.subject_id, _changes(input))
        except ServiceError as exc:
            return WorkerProfileUpdatePayload(
                worker=None,
                user_errors=user_errors(
                    exc.problems, WorkerProfileUpdateError, WorkerProfileUpdateErrorCode
                ),
            )
        worker = await info.context.loaders.worker_by_id.load(viewer.subject_id)
        return WorkerProfileUpdatePayload(worker=worker, user_errors=[])

    @strawberry.mutation(
        description="Operators: register a walk-in worker at your market with a minimal form "
        "(name, phone, occupations). The worker can later claim it by registering an account "
        "with the same phone and name.",
        extensions=[allow(Role.OPERATOR)],
    )
    async def worker_register_walk_in(
        self,
        info: strawberry.Info,
        input: Annotated[
            WorkerRegisterWalkInInput, strawberry.argument(description="The walk-in worker.")
        ],
    ) -> WorkerRegisterWalkInPayload:
        viewer = current_viewer(info)
        try:
            worker_id = await worker_rules.register_walk_in(
                viewer.subject_id,
                decode_id(input.market_id, "Market"),
                input.name,
                input.phone,
                [decode_id(i, "Occupation") for i in input.occupation_ids],
            )
        except ServiceError as exc:
            return WorkerRegisterWalkInPayload(
                worker=None,
                user_errors=user_errors(
                    exc.problems, WorkerRegisterWalkInError, WorkerRegisterWalkInErrorCode
                ),
            )
        loaded = await info.context.loaders.worker_by_id.load(worker_id)
        worker = Worker(id=loaded.id, record=loaded.record, grant=WorkerAccess.OPERATOR)
        return WorkerRegisterWalkInPayload(worker=worker, user_errors=[])

    @strawberry.mutation(
        description="Staff: show the full phone (and for a worker the resident ID and assistance "
        "categories) of one worker or employer in your scope, once. Everything else shows "
        "personal data masked, staff included; each reveal is recorded in the audit trail with "
        "who, whom, when and the reason, and is limited to 20 an hour per staff member.",
        extensions=[allow(Role.STAFF)],
    )
    async def personal_data_reveal(
        self,
        info: strawberry.Info,
        input: Annotated[
            PersonalDataRevealInput, strawberry.argument(description="Whom, and why.")
        ],
    ) -> PersonalDataRevealPayload:
        viewer = current_viewer(info)
        target = next(
            (
                (table, number)
                for name, table in REVEALABLE.items()
                if (number := decode_id(input.subject_id, name)) is not None
            ),
            None,
        )
        try:
            if target is None:
                raise ServiceError([reveal_rules.NOT_FOUND])
            shown = await reveal_rules.reveal(viewer.subject_id, *target, input.reason)
        except ServiceError as exc:
            return PersonalDataRevealPayload(
                personal_data=None,
                user_errors=user_errors(
                    exc.problems, PersonalDataRevealError, PersonalDataRevealErrorCode
                ),
            )
        assistance = shown.assistance
        return PersonalDataRevealPayload(
            personal_data=RevealedPersonalData(
                subject_id=strawberry.ID(str(input.subject_id)),
                name=shown.name,
                phone=shown.phone,
                resident_id=shown.resident_id,
                assistance_categories=None
                if assistance is None
                else [AssistanceCategory(c) for c in assistance],
                revealed_at=shown.revealed_at,
            ),
            user_errors=[],
        )
