"""Demonstration market certificate as shown publicly."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(
    description="A current provincial demonstration market certificate (省级示范零工市场)."
)
class Demonstration:
    year: int = strawberry.field(description="Certification year.")
    certified_at: datetime = strawberry.field(description="When the certificate was granted.")
    certificate_no: str = strawberry.field(description="Certificate number.")
