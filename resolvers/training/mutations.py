"""Training mutations, each with its own payload and typed userErrors."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import payload_of
from schema.training import enums as codes
from schema.training import payloads as out
from schema.training.inputs import TrainingAttendanceRecordInput, TrainingCreateInput
from services.auth.rules import Role
from services.training import attendance, enrolment
from services.training import rules as courses

CourseId = Annotated[strawberry.ID, strawberry.argument(description="Global id of the course.")]
EnrolmentId = Annotated[
    strawberry.ID, strawberry.argument(description="Global id of the enrolment.")
]
MANAGERS = (Role.OPERATOR, Role.STAFF)


def _optional_id(value: strawberry.ID | None, type_name: str) -> tuple[int | None, bool]:
    """(decoded id, given): a malformed id that was given decodes to None (NOT_FOUND)."""
    if value is None:
        return None, False
    return decode_id(value, type_name), True


def _draft(data: TrainingCreateInput) -> courses.CourseDraft:
    institution_id, institution_given = _optional_id(data.institution_id, "TrainingInstitution")
    occupation_id, occupation_given = _optional_id(data.occupation_id, "Occupation")
    place = data.place
    venue_id, venue_given = _optional_id(place.venue_id if place else None, "Market")
    location = place.location if place else None
    return courses.CourseDraft(
        market_id=decode_id(data.market_id, "Market"),
        institution_id=institution_id,
        institution_given=institution_given,
        occupation_id=occupation_id,
        occupation_given=occupation_given,
        title=data.title,
        description=data.description,
        category=data.category.value,  # type: ignore[arg-type]  # strawberry types enum_value() members wrongly; they are str
        mode=data.mode.value,  # type: ignore[arg-type]  # as above
        capacity=data.capacity,
        fee=data.fee,
        subsidised=data.subsidised,
        sessions=[(s.starts_at, s.ends_at) for s in data.sessions],
        venue_id=venue_id,
        venue_given=venue_given,
        address=place.address if place else "",
        region_code=place.region_code if place else None,
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
    )


def _actor(info: strawberry.Info) -> courses.Actor:
    viewer = current_viewer(info)
    return courses.Actor(viewer.role, viewer.subject_id)


def _course(info: strawberry.Info, step, payload, error, code_enum):
    loader = info.context.loaders.training_by_id.load
    return payload_of(step, loader, payload, error, code_enum, "training")


def _enrolment(info: strawberry.Info, step, payload, error, code_enum):
    loader = info.context.loaders.training_enrolment_by_id.load
    return payload_of(step, loader, payload, error, code_enum, "enrolment")


@strawberry.type
class TrainingMutation:
    @strawberry.mutation(
        description="Operators (at the markets they run) and staff (at any market): create a "
        "course as a DRAFT with its sessions.",
        extensions=[allow(*MANAGERS)],
    )
    async def training_create(
        self,
        info: strawberry.Info,
        input: Annotated[TrainingCreateInput, strawberry.argument(description="The course.")],
    ) -> out.TrainingCreatePayload:
        actor = _actor(info)

        async def step() -> int:
            return await courses.create(actor, _draft(input))

        return await _course(
            info,
            step,
            out.TrainingCreatePayload,
            out.TrainingCreateError,
            codes.TrainingCreateErrorCode,
        )

    @strawberry.mutation(
        description="Operators of the course's market and staff: publish a draft (DRAFT → OPEN) "
        "before its first session.",
        extensions=[allow(*MANAGERS)],
    )
    async def training_publish(
        self, info: strawberry.Info, id: CourseId
    ) -> out.TrainingPublishPayload:
        actor = _actor(info)
        number = decode_id(id, "Training")

        async def step() -> int:
            return await courses.publish(actor, number)

        return await _course(
            info,
            step,
            out.TrainingPublishPayload,
            out.TrainingPublishError,
            codes.TrainingPublishErrorCode,
        )

    @strawberry.mutation(
        description="Operators of the course's market and staff: call a course off before it "
        "starts (→ CLOSED); every enrolment and waitlist place is withdrawn.",
        extensions=[allow(*MANAGERS)],
    )
    async def training_close(self, info: strawberry.Info, id: CourseId) -> out.TrainingClosePayload:
        actor = _actor(info)
        number = decode_id(id, "Training")

        async def step() -> int:
            return await courses.close(actor, number)

        return await _course(
            info,
            step,
            out.TrainingClosePayload,
            out.TrainingCloseError,
            codes.TrainingCloseErrorCode,
        )

    @strawberry.mutation(
        description="Workers: enrol in a published course before it starts. A free place makes "
        "the enrolment ENROLLED; a full course puts the worker on its waitlist (WAITLISTED). "
        "Refused when a session overlaps another course the worker holds or a confirmed shift.",
        extensions=[allow(Role.WORKER)],
    )
    async def training_enrol(
        self,
        info: strawberry.Info,
        training_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the course.")
        ],
    ) -> out.TrainingEnrolPayload:
        actor = _actor(info)
        number = decode_id(training_id, "Training")

        async def step() -> int:
            return await enrolment.enrol(actor.id, number)

        return await _enrolment(
            info,
            step,
            out.TrainingEnrolPayload,
            out.TrainingEnrolError,
            codes.TrainingEnrolErrorCode,
        )

    @strawberry.mutation(
        description="Workers: leave a course (or its waitlist) before it starts; a freed place "
        "goes to the first worker in line.",
        extensions=[allow(Role.WORKER)],
    )
    async def training_withdraw(
        self, info: strawberry.Info, id: EnrolmentId
    ) -> out.TrainingWithdrawPayload:
        actor = _actor(info)
        number = decode_id(id, "TrainingEnrolment")

        async def step() -> int:
            return await enrolment.withdraw(actor.id, number)

        return await _enrolment(
            info,
            step,
            out.TrainingWithdrawPayload,
            out.TrainingWithdrawError,
            codes.TrainingWithdrawErrorCode,
        )

    @strawberry.mutation(
        description="Operators of the course's market and staff: record whether an enrolled "
        "worker attended a session that has started (a new mark replaces the old one).",
        extensions=[allow(*MANAGERS)],
    )
    async def training_attendance_record(
        self,
        info: strawberry.Info,
        input: Annotated[
            TrainingAttendanceRecordInput, strawberry.argument(description="The mark.")
        ],
    ) -> out.TrainingAttendanceRecordPayload:
        actor = _actor(info)
        enrolment_id = decode_id(input.enrolment_id, "TrainingEnrolment")
        session_id = decode_id(input.session_id, "TrainingSession")

        async def step() -> int:
            return await attendance.record_attendance(
                actor, enrolment_id, session_id, input.present
            )

        return await _enrolment(
            info,
            step,
            out.TrainingAttendanceRecordPayload,
            out.TrainingAttendanceRecordError,
            codes.TrainingAttendanceRecordErrorCode,
        )

    @strawberry.mutation(
        description="Operators of the course's market and staff: the worker completed the "
        "course (结业) with this certificate number, once every session has started and the "
        "worker was present at each. Completions are the observed trainingsDelivered.",
        extensions=[allow(*MANAGERS)],
    )
    async def training_enrolment_complete(
        self,
        info: strawberry.Info,
        enrolment_id: EnrolmentId,
        certificate_no: Annotated[
            str, strawberry.argument(description="Certificate number (结业证书编号).")
        ],
    ) -> out.TrainingEnrolmentCompletePayload:
        actor = _actor(info)
        number = decode_id(enrolment_id, "TrainingEnrolment")

        async def step() -> int:
            return await attendance.complete(actor, number, certificate_no)

        return await _enrolment(
            info,
            step,
            out.TrainingEnrolmentCompletePayload,
            out.TrainingEnrolmentCompleteError,
            codes.TrainingEnrolmentCompleteErrorCode,
        )
