"""Market enums; values equal the stored column values."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Kind of market (（四）): comprehensive or serving one industry.")
class MarketKind(Enum):
    COMPREHENSIVE = strawberry.enum_value("COMPREHENSIVE", description="综合零工市场.")
    INDUSTRY = strawberry.enum_value("INDUSTRY", description="行业性零工市场.")


@strawberry.enum(description="Who the market serves and how it is run.")
class MarketOwnership(Enum):
    PUBLIC_WELFARE = strawberry.enum_value(
        "PUBLIC_WELFARE", description="公益性: free public service."
    )
    MARKET_OPERATED = strawberry.enum_value(
        "MARKET_OPERATED", description="市场化: commercially run."
    )


@strawberry.enum(description="A full market or a small service point attached to one (（十三）).")
class StationType(Enum):
    MARKET = strawberry.enum_value("MARKET", description="零工市场.")
    RURAL_STATION = strawberry.enum_value("RURAL_STATION", description="零工驿站 in a village.")
    GIG_SUPERMARKET = strawberry.enum_value("GIG_SUPERMARKET", description="零工超市.")


@strawberry.enum(description="Whether the market is operating.")
class MarketStatus(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Operating (运行中).")
    SUSPENDED = strawberry.enum_value("SUSPENDED", description="Temporarily suspended (暂停).")
    CLOSED = strawberry.enum_value("CLOSED", description="Closed for good (已关闭).")


@strawberry.enum(description="Function areas of a market (（五）).")
class FunctionArea(Enum):
    GENERAL_SERVICE = strawberry.enum_value(
        "GENERAL_SERVICE", description="综合服务区: service windows."
    )
    JOB_MATCHING = strawberry.enum_value(
        "JOB_MATCHING", description="岗位对接区: negotiation and postings."
    )
    LIVING_SERVICE = strawberry.enum_value(
        "LIVING_SERVICE", description="生活服务区: canteen, shop."
    )


@strawberry.enum(description="Basic facilities of a market (（六）).")
class Facility(Enum):
    NEGOTIATION = strawberry.enum_value("NEGOTIATION", description="洽谈交易: space to negotiate.")
    SHELTER = strawberry.enum_value("SHELTER", description="遮风避雨: shelter from wind and rain.")
    HEATING_COOLING = strawberry.enum_value(
        "HEATING_COOLING", description="防暑防寒: heating and cooling."
    )
    PARKING = strawberry.enum_value("PARKING", description="规范停车: orderly parking.")
    ORDER_MAINTENANCE = strawberry.enum_value(
        "ORDER_MAINTENANCE", description="秩序维护: order on site."
    )
    SAFETY_MANAGEMENT = strawberry.enum_value(
        "SAFETY_MANAGEMENT", description="安全管理: safety management."
    )


@strawberry.enum(description="What to sort markets by.")
class MarketOrderField(Enum):
    ID = strawberry.enum_value("ID", description="Creation order.")
    NAME = strawberry.enum_value("NAME", description="Name.")
    ESTABLISHED_ON = strawberry.enum_value("ESTABLISHED_ON", description="Date established.")
    DISTANCE = strawberry.enum_value(
        "DISTANCE", description="Distance from `near` (requires `near`)."
    )
