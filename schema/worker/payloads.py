"""Payloads and error types of worker mutations."""

from __future__ import annotations

import strawberry

from schema.common import UserError
from schema.worker.enums import WorkerProfileUpdateErrorCode, WorkerRegisterWalkInErrorCode
from schema.worker.types import Worker


@strawberry.type(description="A problem with a `workerProfileUpdate` input.")
class WorkerProfileUpdateError(UserError):
    code: WorkerProfileUpdateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `workerProfileUpdate`.")
class WorkerProfileUpdatePayload:
    worker: Worker | None = strawberry.field(
        description="The updated profile; null when there are userErrors."
    )
    user_errors: list[WorkerProfileUpdateError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with a `workerRegisterWalkIn` input.")
class WorkerRegisterWalkInError(UserError):
    code: WorkerRegisterWalkInErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `workerRegisterWalkIn`.")
class WorkerRegisterWalkInPayload:
    worker: Worker | None = strawberry.field(
        description="The registered worker; null when there are userErrors."
    )
    user_errors: list[WorkerRegisterWalkInError] = strawberry.field(
        description="Every problem found; empty on success."
    )
