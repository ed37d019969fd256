"""Inputs of the certification domain."""

from __future__ import annotations

import strawberry

from schema.certification.enums import CertificationApplicationStatus


@strawberry.input(description="The market's own score for one criterion of the standard.")
class CertificationSelfAssessmentInput:
    criterion_id: strawberry.ID = strawberry.field(
        description="Global id of a criterion of the year's standard (see `certificationStandard`)."
    )
    score: int = strawberry.field(description="Self-assessed points, 0 to the criterion's maximum.")
    note: str = strawberry.field(default="", description="How the market meets it (≤ 1000 chars).")


@strawberry.input(
    description="A piece of evidence by title; files are attached by staff in the admin."
)
class CertificationEvidenceInput:
    title: str = strawberry.field(
        description="What the document is, e.g. 场地平面图 (≤ 100 chars)."
    )
    criterion_id: strawberry.ID | None = strawberry.field(
        default=None, description="The criterion it supports, if one."
    )


@strawberry.input(description="An application for provincial demonstration-market certification.")
class CertificationApplicationSubmitInput:
    market_id: strawberry.ID = strawberry.field(description="Global id of the applying market.")
    year: int = strawberry.field(description="Certification year applied for.")
    self_assessment: list[CertificationSelfAssessmentInput] = strawberry.field(
        description="One entry per criterion of the year's standard."
    )
    evidence: list[CertificationEvidenceInput] = strawberry.field(
        default_factory=list, description="Supporting documents by title (at most 50)."
    )


@strawberry.input(description="Filters for the caller's certification applications.")
class CertificationApplicationWhereInput:
    year: int | None = strawberry.field(default=None, description="Only this year.")
    status: list[CertificationApplicationStatus] | None = strawberry.field(
        default=None, description="Only these statuses."
    )
