"""Payloads and error types of job posting and application mutations."""

from __future__ import annotations

import strawberry

from schema.common import UserError
from schema.job_posting.enums import (
    JobApplicationCancelErrorCode,
    JobApplicationCheckInErrorCode,
    JobApplicationCompleteErrorCode,
    JobApplicationConfirmErrorCode,
    JobApplicationCreateErrorCode,
    JobApplicationMarkNoShowErrorCode,
    JobPostingCloseErrorCode,
    JobPostingCreateErrorCode,
    JobPostingPublishErrorCode,
    JobPostingUpdateErrorCode,
)
from schema.job_posting.types import JobApplication, JobPosting


@strawberry.type(description="A problem with `jobPostingCreate`.")
class JobPostingCreateError(UserError):
    code: JobPostingCreateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobPostingCreate`.")
class JobPostingCreatePayload:
    job_posting: JobPosting | None = strawberry.field(
        description="The new draft posting; null when there are userErrors."
    )
    user_errors: list[JobPostingCreateError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobPostingUpdate`.")
class JobPostingUpdateError(UserError):
    code: JobPostingUpdateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobPostingUpdate`.")
class JobPostingUpdatePayload:
    job_posting: JobPosting | None = strawberry.field(
        description="The posting as changed; null when there are userErrors."
    )
    user_errors: list[JobPostingUpdateError] = strawberry.field(
        description="Every problem found; empty on success (nothing is changed otherwise)."
    )


@strawberry.type(description="A problem with `jobPostingPublish`.")
class JobPostingPublishError(UserError):
    code: JobPostingPublishErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobPostingPublish`.")
class JobPostingPublishPayload:
    job_posting: JobPosting | None = strawberry.field(
        description="The published posting; null when there are userErrors."
    )
    user_errors: list[JobPostingPublishError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobPostingClose`.")
class JobPostingCloseError(UserError):
    code: JobPostingCloseErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobPostingClose`.")
class JobPostingClosePayload:
    job_posting: JobPosting | None = strawberry.field(
        description="The closed posting; null when there are userErrors."
    )
    user_errors: list[JobPostingCloseError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobApplicationCreate`.")
class JobApplicationCreateError(UserError):
    code: JobApplicationCreateErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobApplicationCreate`.")
class JobApplicationCreatePayload:
    job_application: JobApplication | None = strawberry.field(
        description="The new application; null when there are userErrors."
    )
    user_errors: list[JobApplicationCreateError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobApplicationConfirm`.")
class JobApplicationConfirmError(UserError):
    code: JobApplicationConfirmErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobApplicationConfirm`.")
class JobApplicationConfirmPayload:
    job_application: JobApplication | None = strawberry.field(
        description="The confirmed application; null when there are userErrors."
    )
    user_errors: list[JobApplicationConfirmError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobApplicationCheckIn`.")
class JobApplicationCheckInError(UserError):
    code: JobApplicationCheckInErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobApplicationCheckIn`.")
class JobApplicationCheckInPayload:
    job_application: JobApplication | None = strawberry.field(
        description="The checked-in application; null when there are userErrors."
    )
    user_errors: list[JobApplicationCheckInError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobApplicationComplete`.")
class JobApplicationCompleteError(UserError):
    code: JobApplicationCompleteErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobApplicationComplete`.")
class JobApplicationCompletePayload:
    job_application: JobApplication | None = strawberry.field(
        description="The completed application; null when there are userErrors."
    )
    user_errors: list[JobApplicationCompleteError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobApplicationCancel`.")
class JobApplicationCancelError(UserError):
    code: JobApplicationCancelErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobApplicationCancel`.")
class JobApplicationCancelPayload:
    job_application: JobApplication | None = strawberry.field(
        description="The cancelled application; null when there are userErrors."
    )
    user_errors: list[JobApplicationCancelError] = strawberry.field(
        description="Every problem found; empty on success."
    )


@strawberry.type(description="A problem with `jobApplicationMarkNoShow`.")
class JobApplicationMarkNoShowError(UserError):
    code: JobApplicationMarkNoShowErrorCode = strawberry.field(description="What went wrong.")


@strawberry.type(description="Result of `jobApplicationMarkNoShow`.")
class JobApplicationMarkNoShowPayload:
    job_application: JobApplication | None = strawberry.field(
        description="The application marked as a no-show; null when there are userErrors."
    )
    user_errors: list[JobApplicationMarkNoShowError] = strawberry.field(
        description="Every problem found; empty on success."
    )
