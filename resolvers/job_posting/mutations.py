"""Posting and application mutations, each with its own payload and typed userErrors."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import camel, payload_of
from schema.job_posting import enums as codes
from schema.job_posting import payloads as out
from schema.job_posting.inputs import (
    JobApplicationCreateInput,
    JobPostingCreateInput,
    JobPostingUpdateInput,
)
from services.auth.rules import Role
from services.job_posting import applications, editing, progress
from services.job_posting import rules as postings
from services.problems import Problems

PostingId = Annotated[strawberry.ID, strawberry.argument(description="Global id of your posting.")]
ApplicationId = Annotated[
    strawberry.ID, strawberry.argument(description="Global id of the application.")
]


def _draft(data: JobPostingCreateInput) -> postings.PostingDraft:
    location = data.place.location
    return postings.PostingDraft(
        occupation_id=decode_id(data.occupation_id, "Occupation"),
        market_id=decode_id(data.market_id, "Market") if data.market_id is not None else None,
        market_given=data.market_id is not None,
        title=data.title,
        description=data.description,
        headcount=data.headcount,
        wage_amount=data.wage.amount,
        wage_unit=data.wage.unit.value,  # type: ignore[arg-type]  # strawberry types enum_value() members wrongly; they are str
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        address=data.place.address,
        region_code=data.place.region_code,
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        same_day=data.same_day,
        prefer_assisted=data.prefer_assisted,
    )


def _changes(data: JobPostingUpdateInput) -> editing.PostingChanges:
    """Omitted fields are kept; null is refused where a posting must have a value (REQUIRED)
    and removes the market."""
    problems = Problems()
    changes = editing.PostingChanges()
    plain = ("title", "description", "headcount", "starts_at", "ends_at", "same_day")
    for name in (*plain, "prefer_assisted"):
        value = getattr(data, name)
        if value is None:
            problems.add("REQUIRED", "不能为空", camel(name))
        elif value is not strawberry.UNSET:
            setattr(changes, name, value)
    if data.occupation_id is None:
        problems.add("REQUIRED", "不能为空", "occupationId")
    elif data.occupation_id is not strawberry.UNSET:
        changes.occupation_id = decode_id(data.occupation_id, "Occupation")
    if data.market_id is not strawberry.UNSET:
        changes.market_id = (
            decode_id(data.market_id, "Market") if data.market_id is not None else None
        )
    if data.wage is None:
        problems.add("REQUIRED", "不能为空", "wage")
    elif data.wage is not strawberry.UNSET:
        changes.wage = (data.wage.amount, data.wage.unit.value)
    if data.place is None:
        problems.add("REQUIRED", "不能为空", "place")
    elif data.place is not strawberry.UNSET:
        location = data.place.location
        changes.place = (
            data.place.address,
            data.place.region_code,
            location.latitude if location else None,
            location.longitude if location else None,
        )
    problems.raise_if_any()
    return changes


def _posting(info: strawberry.Info, step, payload, error, code_enum):
    return payload_of(
        step, info.context.loaders.job_posting_by_id.load, payload, error, code_enum, "job_posting"
    )


def _application(info: strawberry.Info, step, payload, error, code_enum):
    loader = info.context.loaders.job_application_by_id.load
    return payload_of(step, loader, payload, error, code_enum, "job_application")


def _actor(info: strawberry.Info) -> applications.Actor:
    viewer = current_viewer(info)
    return applications.Actor(viewer.role, viewer.subject_id)


@strawberry.type
class JobPostingMutation:
    @strawberry.mutation(
        description="Employers: create a job posting as a DRAFT (快速发布).",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def job_posting_create(
        self,
        info: strawberry.Info,
        input: Annotated[JobPostingCreateInput, strawberry.argument(description="The posting.")],
    ) -> out.JobPostingCreatePayload:
        actor = _actor(info)

        async def step() -> int:
            return await postings.create(actor.id, _draft(input))

        return await _posting(
            info,
            step,
            out.JobPostingCreatePayload,
            out.JobPostingCreateError,
            codes.JobPostingCreateErrorCode,
        )

    @strawberry.mutation(
        description="Employers: edit your posting. A draft changes freely; a published (OPEN or "
        "FILLED) posting only its wage, window, headcount and description, and never against "
        "the workers already confirmed: the headcount stays at or above them, the wage only "
        "rises, nothing changes once the work has started, and each confirmed worker is told "
        "what changed (JobApplication.postingChange). Serves the employer app.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def job_posting_update(
        self,
        info: strawberry.Info,
        id: PostingId,
        input: Annotated[
            JobPostingUpdateInput, strawberry.argument(description="The fields to change.")
        ],
    ) -> out.JobPostingUpdatePayload:
        actor = _actor(info)
        number = decode_id(id, "JobPosting")

        async def step() -> int:
            return await editing.update(actor.id, number, _changes(input))

        return await _posting(
            info,
            step,
            out.JobPostingUpdatePayload,
            out.JobPostingUpdateError,
            codes.JobPostingUpdateErrorCode,
        )

    @strawberry.mutation(
        description="Employers: publish a draft (DRAFT → OPEN) and announce it on the live board. "
        "Needs a VERIFIED employer without an uncleared wage-arrears flag.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def job_posting_publish(
        self, info: strawberry.Info, id: PostingId
    ) -> out.JobPostingPublishPayload:
        actor = _actor(info)
        number = decode_id(id, "JobPosting")

        async def step() -> int:
            return await postings.publish(actor.id, number)

        return await _posting(
            info,
            step,
            out.JobPostingPublishPayload,
            out.JobPostingPublishError,
            codes.JobPostingPublishErrorCode,
        )

    @strawberry.mutation(
        description="Employers: stop hiring (→ CLOSED). Pending applications are cancelled; "
        "confirmed shifts stand.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def job_posting_close(
        self, info: strawberry.Info, id: PostingId
    ) -> out.JobPostingClosePayload:
        actor = _actor(info)
        number = decode_id(id, "JobPosting")

        async def step() -> int:
            return await postings.close(actor.id, number)

        return await _posting(
            info,
            step,
            out.JobPostingClosePayload,
            out.JobPostingCloseError,
            codes.JobPostingCloseErrorCode,
        )


@strawberry.type
class JobApplicationMutation:
    @strawberry.mutation(
        description="Apply to an open posting (线上点单): workers for themselves; operators for a "
        "walk-in worker registered at their market (现场对接).",
        extensions=[allow(Role.WORKER, Role.OPERATOR)],
    )
    async def job_application_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            JobApplicationCreateInput, strawberry.argument(description="Posting (and worker).")
        ],
    ) -> out.JobApplicationCreatePayload:
        actor = _actor(info)
        posting_id = decode_id(input.job_posting_id, "JobPosting")
        worker_id = decode_id(input.worker_id, "Worker") if input.worker_id is not None else None
        if input.worker_id is not None and worker_id is None:
            worker_id = 0  # malformed: no such worker

        async def step() -> int:
            return await applications.apply(actor, posting_id, worker_id)

        return await _application(
            info,
            step,
            out.JobApplicationCreatePayload,
            out.JobApplicationCreateError,
            codes.JobApplicationCreateErrorCode,
        )

    @strawberry.mutation(
        description="Employers: confirm an applicant (线下确认, 即时确认). Never more than the "
        "headcount, never two overlapping shifts for one worker; the posting is FILLED when full.",
        extensions=[allow(Role.EMPLOYER)],
    )
    async def job_application_confirm(
        self, info: strawberry.Info, id: ApplicationId
    ) -> out.JobApplicationConfirmPayload:
        return await _transition(
            info,
            id,
            applications.confirm,
            out.JobApplicationConfirmPayload,
            out.JobApplicationConfirmError,
            codes.JobApplicationConfirmErrorCode,
        )

    @strawberry.mutation(
        description="Record that a confirmed worker arrived (到岗): the employer, or the operator "
        "of the posting's market. Opens 3 hours before the start.",
        extensions=[allow(*progress.ON_SITE)],
    )
    async def job_application_check_in(
        self, info: strawberry.Info, id: ApplicationId
    ) -> out.JobApplicationCheckInPayload:
        return await _transition(
            info,
            id,
            progress.check_in,
            out.JobApplicationCheckInPayload,
            out.JobApplicationCheckInError,
            codes.JobApplicationCheckInErrorCode,
        )

    @strawberry.mutation(
        description="Record that the work is done: the employer or the operator of the market.",
        extensions=[allow(*progress.ON_SITE)],
    )
    async def job_application_complete(
        self, info: strawberry.Info, id: ApplicationId
    ) -> out.JobApplicationCompletePayload:
        return await _transition(
            info,
            id,
            progress.complete,
            out.JobApplicationCompletePayload,
            out.JobApplicationCompleteError,
            codes.JobApplicationCompleteErrorCode,
        )

    @strawberry.mutation(
        description="Cancel an application with a reason: the worker or the employer. A confirmed "
        "place is given back (a FILLED posting reopens) if the work has not started.",
        extensions=[allow(Role.WORKER, Role.EMPLOYER)],
    )
    async def job_application_cancel(
        self,
        info: strawberry.Info,
        id: ApplicationId,
        reason: Annotated[str, strawberry.argument(description="Why (at most 200 characters).")],
    ) -> out.JobApplicationCancelPayload:
        async def cancel(actor, number):
            await progress.cancel(actor, number, reason)

        return await _transition(
            info,
            id,
            cancel,
            out.JobApplicationCancelPayload,
            out.JobApplicationCancelError,
            codes.JobApplicationCancelErrorCode,
        )

    @strawberry.mutation(
        description="Mark a confirmed worker who did not come (未到岗), once the work has started: "
        "the employer or the operator of the market.",
        extensions=[allow(*progress.ON_SITE)],
    )
    async def job_application_mark_no_show(
        self, info: strawberry.Info, id: ApplicationId
    ) -> out.JobApplicationMarkNoShowPayload:
        return await _transition(
            info,
            id,
            progress.mark_no_show,
            out.JobApplicationMarkNoShowPayload,
            out.JobApplicationMarkNoShowError,
            codes.JobApplicationMarkNoShowErrorCode,
        )


async def _transition(info, id, service, payload, error, code_enum):
    actor = _actor(info)
    number = decode_id(id, "JobApplication")

    async def step() -> int:
        await service(actor, number)
        assert number is not None  # every transition answers NOT_FOUND for a malformed id
        return number

    return await _application(info, step, payload, error, code_enum)
