"""Enums of the certification domain."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Where an application for demonstration-market certification stands.")
class CertificationApplicationStatus(Enum):
    SUBMITTED = strawberry.enum_value(
        "SUBMITTED", description="Submitted (已申报), awaiting the city."
    )
    CITY_RECOMMENDED = strawberry.enum_value(
        "CITY_RECOMMENDED", description="Recommended by the city (市级已推荐), awaiting assessment."
    )
    PROVINCE_ASSESSED = strawberry.enum_value(
        "PROVINCE_ASSESSED", description="Scored by the province (省级已评审)."
    )
    PUBLICISED = strawberry.enum_value(
        "PUBLICISED", description="In its public notice period (公示中); objections may be raised."
    )
    CERTIFIED = strawberry.enum_value("CERTIFIED", description="Certified (已认定).")
    REJECTED = strawberry.enum_value("REJECTED", description="Not certified (未通过).")
    REVOKED = strawberry.enum_value("REVOKED", description="Certified, later revoked (已撤销).")


@strawberry.enum(description="Why `certificationApplicationSubmit` refused its input.")
class CertificationApplicationSubmitErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="No such market, or not one the caller operates."
    )
    MARKET_NOT_ELIGIBLE = strawberry.enum_value(
        "MARKET_NOT_ELIGIBLE", description="Stations and closed markets cannot apply."
    )
    TOO_EARLY = strawberry.enum_value(
        "TOO_EARLY", description="The market has not operated for the standard's minimum months."
    )
    INVALID_YEAR = strawberry.enum_value("INVALID_YEAR", description="The year is out of range.")
    NO_STANDARD = strawberry.enum_value(
        "NO_STANDARD", description="No certification standard applies to that year."
    )
    DUPLICATE_APPLICATION = strawberry.enum_value(
        "DUPLICATE_APPLICATION",
        description="The market already has a live or certified application for that year.",
    )
    DUPLICATE_CRITERION = strawberry.enum_value(
        "DUPLICATE_CRITERION", description="A criterion was self-assessed twice."
    )
    UNKNOWN_CRITERION = strawberry.enum_value(
        "UNKNOWN_CRITERION", description="A criterion id is not part of the year's standard."
    )
    SCORE_MISSING = strawberry.enum_value(
        "SCORE_MISSING", description="Some criteria have no self-assessment."
    )
    SCORE_OUT_OF_RANGE = strawberry.enum_value(
        "SCORE_OUT_OF_RANGE", description="A score is below 0 or above the criterion's maximum."
    )
    TOO_LONG = strawberry.enum_value("TOO_LONG", description="A note is too long.")
    TOO_MANY = strawberry.enum_value("TOO_MANY", description="Too many evidence items.")
    INVALID_EVIDENCE = strawberry.enum_value(
        "INVALID_EVIDENCE", description="An evidence title is empty or too long."
    )
    DISQUALIFIED = strawberry.enum_value(
        "DISQUALIFIED",
        description="A substantiated wage-arrears or discrimination case, or flagged reported "
        "data, rules the market out.",
    )
