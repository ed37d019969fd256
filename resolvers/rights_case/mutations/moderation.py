"""Posting moderation: staff take postings down and decide review items; workers report."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.rights_case import enums as codes
from schema.rights_case import payloads as out
from schema.rights_case.enums import PostingReviewDecision
from schema.rights_case.inputs import JobPostingReportInput
from services.auth.rules import Role
from services.problems import ServiceError
from services.rights_case import moderation


@strawberry.type
class PostingModerationMutation:
    @strawberry.mutation(
        description="Staff: take a posting down (→ REMOVED) with a reason the employer and "
        "applicants see; pending applications are cancelled, confirmed shifts stand.",
        extensions=[allow(Role.STAFF)],
    )
    async def job_posting_take_down(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the posting.")],
        reason: Annotated[str, strawberry.argument(description="Why (at most 500 characters).")],
    ) -> out.JobPostingTakeDownPayload:
        viewer = current_viewer(info)
        number = decode_id(id, "JobPosting")
        try:
            await moderation.take_down(viewer.subject_id, number, reason)
        except ServiceError as exc:
            return out.JobPostingTakeDownPayload(
                job_posting=None,
                user_errors=user_errors(
                    exc.problems, out.JobPostingTakeDownError, codes.JobPostingTakeDownErrorCode
                ),
            )
        assert number is not None  # take_down answers NOT_FOUND for a malformed id
        posting = await info.context.loaders.job_posting_by_id.load(number)
        return out.JobPostingTakeDownPayload(job_posting=posting, user_errors=[])

    @strawberry.mutation(
        description="Workers: report a published posting (false, unpaid, discriminatory, "
        "other); staff review it.",
        extensions=[allow(Role.WORKER)],
    )
    async def job_posting_report(
        self,
        info: strawberry.Info,
        input: Annotated[JobPostingReportInput, strawberry.argument(description="The report.")],
    ) -> out.JobPostingReportPayload:
        viewer = current_viewer(info)
        number = decode_id(input.job_posting_id, "JobPosting")
        reason: str = input.reason.value  # type: ignore[assignment]  # strawberry types enum_value() members wrongly; they are str
        try:
            review_id = await moderation.report(viewer.subject_id, number, reason, input.note)
        except ServiceError as exc:
            return out.JobPostingReportPayload(
                posting_review=None,
                user_errors=user_errors(
                    exc.problems, out.JobPostingReportError, codes.JobPostingReportErrorCode
                ),
            )
        review = await info.context.loaders.posting_review_by_id.load(review_id)
        return out.JobPostingReportPayload(posting_review=review, user_errors=[])

    @strawberry.mutation(
        description="Staff: decide a review item. REMOVE takes the posting down; APPROVE "
        "dismisses a report, or publishes a posting held at screening.",
        extensions=[allow(Role.STAFF)],
    )
    async def posting_review_decide(
        self,
        info: strawberry.Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the review item.")
        ],
        decision: Annotated[PostingReviewDecision, strawberry.argument(description="The call.")],
        note: Annotated[
            str, strawberry.argument(description="Why (at most 500; required for REMOVE).")
        ] = "",
    ) -> out.PostingReviewDecidePayload:
        viewer = current_viewer(info)
        number = decode_id(id, "PostingReview")
        choice: str = decision.value  # type: ignore[assignment]  # strawberry types enum_value() members wrongly; they are str
        try:
            review_id = await moderation.decide(viewer.subject_id, number, choice, note)
        except ServiceError as exc:
            return out.PostingReviewDecidePayload(
                posting_review=None,
                user_errors=user_errors(
                    exc.problems, out.PostingReviewDecideError, codes.PostingReviewDecideErrorCode
                ),
            )
        review = await info.context.loaders.posting_review_by_id.load(review_id)
        return out.PostingReviewDecidePayload(posting_review=review, user_errors=[])
