"""Enums of the statistics domain."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="The province's targets for gig markets (policy 二 主要目标).")
class TargetKind(Enum):
    MARKETS_BUILT = strawberry.enum_value("MARKETS_BUILT", description="200 markets built in 2023.")
    PUBLIC_WELFARE_COUNTIES = strawberry.enum_value(
        "PUBLIC_WELFARE_COUNTIES",
        description="Every county with a public-welfare market by the end of 2023.",
    )
    DEMONSTRATION_MARKETS_2023 = strawberry.enum_value(
        "DEMONSTRATION_MARKETS_2023", description="30 demonstration markets by the end of 2023."
    )
    DEMONSTRATION_MARKETS_2025 = strawberry.enum_value(
        "DEMONSTRATION_MARKETS_2025", description="100 demonstration markets by the end of 2025."
    )
    DEMONSTRATION_COUNTIES = strawberry.enum_value(
        "DEMONSTRATION_COUNTIES", description="A demonstration market in every county (aim)."
    )
