"""Subsidy enums, eligibility rules and the error codes of subsidy mutations (values equal
stored values)."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value


@strawberry.enum(description="What a subsidy programme pays for, with the policy clause.")
class SubsidyKind(Enum):
    TRAINING_SUBSIDY = _(
        "TRAINING_SUBSIDY", description="Vocational training subsidy (职业培训补贴, （九）)."
    )
    TRAINING_LIVING_ALLOWANCE = _(
        "TRAINING_LIVING_ALLOWANCE",
        description="Living allowance during training (培训期间生活费补贴, （九）).",
    )
    EMPLOYMENT_SERVICE_SUBSIDY = _(
        "EMPLOYMENT_SERVICE_SUBSIDY",
        description="Employment service subsidy for market-run markets doing public service "
        "(就业创业服务补贴, （十一）); applied for by the market's operator.",
    )
    PUBLIC_WELFARE_JOB_SUBSIDY = _(
        "PUBLIC_WELFARE_JOB_SUBSIDY",
        description="Public-welfare job subsidy (公益性岗位补贴, （十）).",
    )


@strawberry.enum(description="How a programme's amount is computed.")
class SubsidyAmountRule(Enum):
    FIXED = _("FIXED", description="A fixed amount per person (每人定额).")
    PER_TRAINING_HOUR = _(
        "PER_TRAINING_HOUR",
        description="Per hour of the completed course's sessions, rounded half up to the fen.",
    )
    PER_PLACEMENT = _(
        "PER_PLACEMENT",
        description="Per completed shift at the market's postings within the programme period.",
    )


@strawberry.enum(
    description="Life cycle of an application: SUBMITTED → APPROVED (or → FIRST_APPROVED → "
    "APPROVED by a second, different approver above the programme's threshold) → PAID; "
    "SUBMITTED or FIRST_APPROVED → REJECTED."
)
class SubsidyApplicationStatus(Enum):
    SUBMITTED = _("SUBMITTED", description="Waiting for review (待审核).")
    FIRST_APPROVED = _(
        "FIRST_APPROVED", description="Approved once; waits for a second approver (待复核)."
    )
    APPROVED = _("APPROVED", description="Approved; waits for payment (待发放).")
    REJECTED = _("REJECTED", description="Rejected, with a reason (已驳回).")
    PAID = _("PAID", description="Paid, with a payment reference (已发放).")


RULES = {
    "PROGRAMME_OPEN": "The programme is active and the application period is running.",
    "APPLICANT_KIND": "The right kind of applicant: a worker for themselves, or the operator "
    "of a market for the employment service subsidy.",
    "ASSISTANCE_CATEGORY": "The worker is in one of the programme's assistance categories.",
    "COMPLETED_TRAINING": "The worker completed a subsidised course (of the category, within "
    "the months) the programme asks for.",
    "REGION": "The worker lives, or the market lies, in the programme's region.",
    "MARKET_OWNERSHIP": "The market has the ownership the programme asks for.",
    "PLACEMENTS": "The market placed workers (completed shifts) within the programme period.",
    "NOT_YET_APPLIED": "No earlier application by this person (or market) for this programme "
    "and training.",
    "BUDGET": "The programme's remaining budget covers the amount.",
}


@strawberry.enum(description="One eligibility rule of a programme.")
class SubsidyRule(Enum):
    PROGRAMME_OPEN = _("PROGRAMME_OPEN", description=RULES["PROGRAMME_OPEN"])
    APPLICANT_KIND = _("APPLICANT_KIND", description=RULES["APPLICANT_KIND"])
    ASSISTANCE_CATEGORY = _("ASSISTANCE_CATEGORY", description=RULES["ASSISTANCE_CATEGORY"])
    COMPLETED_TRAINING = _("COMPLETED_TRAINING", description=RULES["COMPLETED_TRAINING"])
    REGION = _("REGION", description=RULES["REGION"])
    MARKET_OWNERSHIP = _("MARKET_OWNERSHIP", description=RULES["MARKET_OWNERSHIP"])
    PLACEMENTS = _("PLACEMENTS", description=RULES["PLACEMENTS"])
    NOT_YET_APPLIED = _("NOT_YET_APPLIED", description=RULES["NOT_YET_APPLIED"])
    BUDGET = _("BUDGET", description=RULES["BUDGET"])


def _unmet(rule: str) -> str:
    return f"Not eligible: {RULES[rule][0].lower()}{RULES[rule][1:]} does not hold."


@strawberry.enum(
    description="Why `subsidyApplicationSubmit` refused: an unknown record, or one code per "
    "unmet eligibility rule (the message explains it in Chinese)."
)
class SubsidyApplicationSubmitErrorCode(Enum):
    NOT_FOUND = _(
        "NOT_FOUND",
        description="No such programme, completed enrolment of yours, or market you run.",
    )
    PROGRAMME_OPEN = _("PROGRAMME_OPEN", description=_unmet("PROGRAMME_OPEN"))
    APPLICANT_KIND = _("APPLICANT_KIND", description=_unmet("APPLICANT_KIND"))
    ASSISTANCE_CATEGORY = _("ASSISTANCE_CATEGORY", description=_unmet("ASSISTANCE_CATEGORY"))
    COMPLETED_TRAINING = _("COMPLETED_TRAINING", description=_unmet("COMPLETED_TRAINING"))
    REGION = _("REGION", description=_unmet("REGION"))
    MARKET_OWNERSHIP = _("MARKET_OWNERSHIP", description=_unmet("MARKET_OWNERSHIP"))
    PLACEMENTS = _("PLACEMENTS", description=_unmet("PLACEMENTS"))
    NOT_YET_APPLIED = _(
        "NOT_YET_APPLIED",
        description="Already applied: one application per person (or market) per programme "
        "and training.",
    )
    BUDGET = _("BUDGET", description=_unmet("BUDGET"))
