"""Enums of assistance cases (就业援助, （十）), their error codes included."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value


@strawberry.enum(description="Where an assistance case stands.")
class AssistanceCaseStatus(Enum):
    OPEN = _("OPEN", description="Staff are following the worker (援助中).")
    CLOSED = _("CLOSED", description="Closed with an outcome (已结案).")


@strawberry.enum(description="How an assistance case ended.")
class AssistanceOutcome(Enum):
    EMPLOYED = _("EMPLOYED", description="The worker found work (已就业).")
    TRAINING = _("TRAINING", description="The worker went into training (参加培训).")
    DECLINED = _("DECLINED", description="The worker no longer wanted assistance (本人放弃援助).")
    OTHER = _("OTHER", description="Another outcome, explained in the note (其他).")


@strawberry.enum(description="What an offer proposes.")
class AssistanceOfferKind(Enum):
    POSTING = _("POSTING", description="A job posting (岗位).")
    TRAINING = _("TRAINING", description="A training course (培训).")


@strawberry.enum(description="The worker's answer to an offer.")
class AssistanceOfferStatus(Enum):
    PENDING = _("PENDING", description="Not answered yet (待答复).")
    ACCEPTED = _("ACCEPTED", description="Accepted: applied or enrolled (已接受).")
    DECLINED = _("DECLINED", description="Declined (已谢绝).")


@strawberry.enum(description="How staff reached the worker for a follow-up.")
class AssistanceFollowUpChannel(Enum):
    PHONE = _("PHONE", description="By phone (电话).")
    VISIT = _("VISIT", description="A home visit (上门走访).")
    IN_PERSON = _("IN_PERSON", description="The worker came in (来访面谈).")
    MESSAGE = _("MESSAGE", description="By text or WeChat message (短信或微信).")


@strawberry.enum(description="Why `assistanceOfferAnswer` refused.")
class AssistanceOfferAnswerErrorCode(Enum):
    NOT_FOUND = _(
        "NOT_FOUND", description="No such offer of yours, or its posting or course is gone."
    )
    CASE_CLOSED = _("CASE_CLOSED", description="The case is closed: its offers lapsed.")
    ALREADY_ANSWERED = _("ALREADY_ANSWERED", description="The offer was already answered.")
    TOO_LONG = _("TOO_LONG", description="The reason is longer than 200 characters.")
    INVALID_STATE = _(
        "INVALID_STATE", description="The posting or course is closed, expired or finished."
    )
    HEADCOUNT_FULL = _("HEADCOUNT_FULL", description="Every place of the posting is confirmed.")
    ALREADY_APPLIED = _("ALREADY_APPLIED", description="You already applied to the posting.")
    SHIFT_OVERLAP = _(
        "SHIFT_OVERLAP", description="You have a confirmed shift in an overlapping window."
    )
    TRAINING_OVERLAP = _(
        "TRAINING_OVERLAP", description="You are enrolled in a course at an overlapping time."
    )
    ALREADY_ENROLLED = _("ALREADY_ENROLLED", description="You already enrolled in the course.")
    ENROLMENT_CLOSED = _("ENROLMENT_CLOSED", description="The course has already started.")
    NOT_ELIGIBLE = _(
        "NOT_ELIGIBLE", description="The public-welfare job is for eligible workers only."
    )
