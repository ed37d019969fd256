"""Payloads and error types of training mutations."""

from __future__ import annotations

import strawberry

from schema.common import UserError
from schema.training.enums import (
    TrainingAttendanceRecordErrorCode,
    TrainingCloseErrorCode,
    TrainingCreateErrorCode,
    TrainingEnrolErrorCode,
    TrainingEnrolmentCompleteErrorCode,
    TrainingPublishErrorCode,
    TrainingWithdrawErrorCode,
)
from schema.training.types import Training, TrainingEnrolment


@strawberry.type(description="A problem with `trainingCreate`.")
class TrainingCreateError(UserError):
    code: TrainingCreateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingCreate`.")
class TrainingCreatePayload:
    training: Training | None = strawberry.field(
        description="The new draft course; null when there are userErrors."
    )
    user_errors: list[TrainingCreateError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `trainingPublish`.")
class TrainingPublishError(UserError):
    code: TrainingPublishErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingPublish`.")
class TrainingPublishPayload:
    training: Training | None = strawberry.field(
        description="The published course; null when there are userErrors."
    )
    user_errors: list[TrainingPublishError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `trainingClose`.")
class TrainingCloseError(UserError):
    code: TrainingCloseErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingClose`.")
class TrainingClosePayload:
    training: Training | None = strawberry.field(
        description="The closed course; null when there are userErrors."
    )
    user_errors: list[TrainingCloseError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `trainingEnrol`.")
class TrainingEnrolError(UserError):
    code: TrainingEnrolErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingEnrol`.")
class TrainingEnrolPayload:
    enrolment: TrainingEnrolment | None = strawberry.field(
        description="The enrolment (ENROLLED, or WAITLISTED when the course is full); null when there are userErrors."
    )
    user_errors: list[TrainingEnrolError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `trainingWithdraw`.")
class TrainingWithdrawError(UserError):
    code: TrainingWithdrawErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingWithdraw`.")
class TrainingWithdrawPayload:
    enrolment: TrainingEnrolment | None = strawberry.field(
        description="The withdrawn enrolment; null when there are userErrors."
    )
    user_errors: list[TrainingWithdrawError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `trainingAttendanceRecord`.")
class TrainingAttendanceRecordError(UserError):
    code: TrainingAttendanceRecordErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingAttendanceRecord`.")
class TrainingAttendanceRecordPayload:
    enrolment: TrainingEnrolment | None = strawberry.field(
        description="The enrolment with its attendance; null when there are userErrors."
    )
    user_errors: list[TrainingAttendanceRecordError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `trainingEnrolmentComplete`.")
class TrainingEnrolmentCompleteError(UserError):
    code: TrainingEnrolmentCompleteErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `trainingEnrolmentComplete`.")
class TrainingEnrolmentCompletePayload:
    enrolment: TrainingEnrolment | None = strawberry.field(
        description="The completed enrolment with its certificate number; null when there are userErrors."
    )
    user_errors: list[TrainingEnrolmentCompleteError] = strawberry.field(
        description="Every problem found; empty on success."
    )
