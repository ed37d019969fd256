"""Rights case mutations: file, then the steps of the department that handles the case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.rights_case import enums as codes
from schema.rights_case import payloads as out
from schema.rights_case.enums import Department
from schema.rights_case.inputs import RightsCaseFileInput, RightsCaseResolveInput
from services.audit.rules import Actor
from services.auth.rules import Role
from services.problems import ServiceError
from services.rights_case import rules, workflow

CaseId = Annotated[strawberry.ID, strawberry.argument(description="Global id of the case.")]
Note = Annotated[str, strawberry.argument(description="What to say with it (at most 2000).")]
OptionalNote = Annotated[
    str, strawberry.argument(description="What to say with it (optional, at most 2000).")
]


def _actor(info: strawberry.Info) -> Actor:
    viewer = current_viewer(info)
    return Actor(viewer.role, viewer.subject_id)


def _id(value: strawberry.ID | None, type_name: str) -> tuple[int | None, bool]:
    """(number, given): a malformed id is given but unknown, which the rules call NOT_FOUND."""
    if value is None:
        return None, False
    return decode_id(value, type_name), True


def _draft(data: RightsCaseFileInput) -> rules.CaseDraft:
    worker_id, worker_given = _id(data.worker_id, "Worker")
    market_id, market_given = _id(data.market_id, "Market")
    employer_id, employer_given = _id(data.employer_id, "Employer")
    posting_id, posting_given = _id(data.job_posting_id, "JobPosting")
    application_id, application_given = _id(data.job_application_id, "JobApplication")
    place_id, place_given = _id(data.gathering_place_id, "GatheringPlace")
    location = data.place.location if data.place else None
    return rules.CaseDraft(
        kind=data.kind.value,  # type: ignore[arg-type]  # strawberry types enum_value() members wrongly; they are str
        summary=data.summary,
        worker_id=worker_id,
        worker_given=worker_given,
        market_id=market_id,
        market_given=market_given,
        employer_id=employer_id,
        employer_given=employer_given,
        posting_id=posting_id,
        posting_given=posting_given,
        application_id=application_id,
        application_given=application_given,
        place_address=data.place.address if data.place else "",
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        amount_claimed=data.amount_claimed,
        gathering_place_id=place_id,
        gathering_place_given=place_given,
    )


async def _result(
    info: strawberry.Info,
    step: Callable[[], Awaitable[int]],
    payload: type,
    error: type,
    code_enum: type[Enum],
):
    """Run a rule; its problems become userErrors, the case is loaded fresh on success."""
    try:
        number = await step()
    except ServiceError as exc:
        return payload(rights_case=None, user_errors=user_errors(exc.problems, error, code_enum))
    case = await info.context.loaders.rights_case_by_id.load(number)
    return payload(rights_case=case, user_errors=[])


@strawberry.type
class RightsCaseMutation:
    @strawberry.mutation(
        description="File a rights case (维权): workers for themselves; operators for a worker "
        "on site at one of their markets; staff from a phone call. Routed by kind to the "
        "responsible department, which must accept it within 3 days.",
        extensions=[allow(Role.WORKER, Role.OPERATOR, Role.STAFF)],
    )
    async def rights_case_file(
        self,
        info: strawberry.Info,
        input: Annotated[RightsCaseFileInput, strawberry.argument(description="The case.")],
    ) -> out.RightsCaseFilePayload:
        actor = _actor(info)
        draft = _draft(input)
        return await _result(
            info,
            lambda: rules.file_case(actor, draft),
            out.RightsCaseFilePayload,
            out.RightsCaseFileError,
            codes.RightsCaseFileErrorCode,
        )

    @strawberry.mutation(
        description="Department handlers: accept a FILED case (→ ACCEPTED); staff for every "
        "department, operators for mediation cases of their markets.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def rights_case_accept(
        self, info: strawberry.Info, id: CaseId, note: OptionalNote = ""
    ) -> out.RightsCaseAcceptPayload:
        actor, number = _actor(info), decode_id(id, "RightsCase")
        return await _result(
            info,
            lambda: workflow.accept(actor, number, note),
            out.RightsCaseAcceptPayload,
            out.RightsCaseAcceptError,
            codes.RightsCaseAcceptErrorCode,
        )

    @strawberry.mutation(
        description="Department handlers: start mediation of an ACCEPTED case (→ MEDIATING, "
        "用工矛盾调处); it should end within 15 days.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def rights_case_start_mediation(
        self, info: strawberry.Info, id: CaseId, note: OptionalNote = ""
    ) -> out.RightsCaseStartMediationPayload:
        actor, number = _actor(info), decode_id(id, "RightsCase")
        return await _result(
            info,
            lambda: workflow.start_mediation(actor, number, note),
            out.RightsCaseStartMediationPayload,
            out.RightsCaseStartMediationError,
            codes.RightsCaseStartMediationErrorCode,
        )

    @strawberry.mutation(
        description="Department handlers: resolve a case with a finding (→ RESOLVED). Operators "
        "record mediation results; staff also substantiate or dismiss. Substantiated wage "
        "arrears flag the employer, who can no longer publish (（十六））.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def rights_case_resolve(
        self,
        info: strawberry.Info,
        id: CaseId,
        input: Annotated[RightsCaseResolveInput, strawberry.argument(description="The finding.")],
    ) -> out.RightsCaseResolvePayload:
        actor, number = _actor(info), decode_id(id, "RightsCase")
        outcome: str = input.outcome.value  # type: ignore[assignment]  # strawberry types enum_value() members wrongly; they are str
        return await _result(
            info,
            lambda: workflow.resolve(actor, number, outcome, input.note, input.amount_recovered),
            out.RightsCaseResolvePayload,
            out.RightsCaseResolveError,
            codes.RightsCaseResolveErrorCode,
        )

    @strawberry.mutation(
        description="Staff: hand an open case to another department (it waits to be accepted "
        "there); operators: pass a mediation case of their market on.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def rights_case_route(
        self,
        info: strawberry.Info,
        id: CaseId,
        department: Annotated[Department, strawberry.argument(description="Where it goes.")],
        note: Note,
    ) -> out.RightsCaseRoutePayload:
        actor, number = _actor(info), decode_id(id, "RightsCase")
        target: str = department.value  # type: ignore[assignment]  # strawberry types enum_value() members wrongly; they are str
        return await _result(
            info,
            lambda: workflow.route(actor, number, target, note),
            out.RightsCaseRoutePayload,
            out.RightsCaseRouteError,
            codes.RightsCaseRouteErrorCode,
        )

    @strawberry.mutation(
        description="Staff: refer an open case to a body outside the platform (→ REFERRED), "
        "e.g. labour dispute arbitration or a police investigation.",
        extensions=[allow(Role.STAFF)],
    )
    async def rights_case_refer(
        self,
        info: strawberry.Info,
        id: CaseId,
        referred_to: Annotated[
            str, strawberry.argument(description="The body (at most 100 characters).")
        ],
        note: Note,
    ) -> out.RightsCaseReferPayload:
        actor, number = _actor(info), decode_id(id, "RightsCase")
        return await _result(
            info,
            lambda: workflow.refer(actor, number, referred_to, note),
            out.RightsCaseReferPayload,
            out.RightsCaseReferError,
            codes.RightsCaseReferErrorCode,
        )

    @strawberry.mutation(
        description="Workers: withdraw your open case (→ CLOSED, WITHDRAWN). Staff: close an "
        "open case without a finding (a duplicate, a caller who cannot be reached).",
        extensions=[allow(Role.WORKER, Role.STAFF)],
    )
    async def rights_case_close(
        self, info: strawberry.Info, id: CaseId, note: Note
    ) -> out.RightsCaseClosePayload:
        actor, number = _actor(info), decode_id(id, "RightsCase")
        return await _result(
            info,
            lambda: workflow.close(actor, number, note),
            out.RightsCaseClosePayload,
            out.RightsCaseCloseError,
            codes.RightsCaseCloseErrorCode,
        )
