"""Policy push enums (values equal stored values)."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value


@strawberry.enum(description="Who a policy item is meant for.")
class PolicyAudienceRole(Enum):
    WORKER = _("WORKER", description="Gig workers (灵活就业人员).")
    EMPLOYER = _("EMPLOYER", description="Employers hiring gig workers (用工主体).")
    OPERATOR = _("OPERATOR", description="Organisations running markets (运营机构).")


@strawberry.enum(description="Where a policy item stands; the public sees PUBLISHED ones only.")
class PolicyStatus(Enum):
    DRAFT = _("DRAFT", description="Being written by staff; not shown.")
    PUBLISHED = _("PUBLISHED", description="Listed and pushed while in effect.")
    WITHDRAWN = _("WITHDRAWN", description="Taken back by staff; not shown.")


@strawberry.enum(
    description="What a recommendation is. Today every recommendation is a policy item; "
    "subsidy programmes the viewer qualifies for will be a second kind."
)
class PolicyRecommendationKind(Enum):
    POLICY_ITEM = _("POLICY_ITEM", description="A policy item (`policy` is set).")
    SUBSIDY_PROGRAMME = _(
        "SUBSIDY_PROGRAMME",
        description="A subsidy programme the worker qualifies for now (`programme` is set).",
    )


@strawberry.enum(description="Why a policy item applies to the signed-in viewer.")
class PolicyMatchReasonCode(Enum):
    ROLE = _("ROLE", description="It is meant for the viewer's role.")
    QUALIFIES = _(
        "QUALIFIES",
        description="A rule of the subsidy programme the worker meets (one reason per rule).",
    )
    SAME_COUNTY = _("SAME_COUNTY", description="It names the viewer's county.")
    SAME_CITY = _("SAME_CITY", description="It names the viewer's prefecture city.")
    PROVINCE_WIDE = _("PROVINCE_WIDE", description="It applies across Zhejiang.")
    ASSISTANCE = _(
        "ASSISTANCE",
        description="It is for the worker's employment-assistance categories (（十）).",
    )
    SERVICE_TIER = _(
        "SERVICE_TIER",
        description="It is for the worker's tier of the tiered service (分级服务, （十）).",
    )
    OCCUPATION = _(
        "OCCUPATION",
        description="It names one of the viewer's occupations (a worker's registered ones, "
        "an employer's posted ones).",
    )
    ENDING_SOON = _("ENDING_SOON", description="It stops being in effect within 30 days.")
