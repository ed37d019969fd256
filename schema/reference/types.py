"""Reference data types: administrative regions and occupations."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import relay


@strawberry.enum(description="Level of an administrative division (GB/T 2260).")
class RegionLevel(Enum):
    PROVINCE = strawberry.enum_value("province", description="Province (省).")
    PREFECTURE = strawberry.enum_value("prefecture", description="Prefecture-level city (地级市).")
    DISTRICT = strawberry.enum_value("district", description="City district (市辖区).")
    COUNTY_CITY = strawberry.enum_value("county_city", description="County-level city (县级市).")
    COUNTY = strawberry.enum_value("county", description="County (县).")


@strawberry.type(description="An administrative division of Zhejiang with its GB/T 2260 code.")
class Region:
    code: str = strawberry.field(description="Six-digit GB/T 2260 code, e.g. 330102.")
    name: str = strawberry.field(description="Official name, e.g. 上城区.")
    level: RegionLevel = strawberry.field(description="Province, prefecture city or county level.")
    parent_code: str | None = strawberry.field(description="Code of the enclosing division.")
    is_mountain_or_island: bool = strawberry.field(
        description="A mountain or island county (山区海岛县), which has relaxed certification thresholds."
    )


@strawberry.type(
    description="A gig occupation from the national occupational classification (2022)."
)
class Occupation(relay.Node):
    id: relay.NodeID[int]
    code: str | None = strawberry.field(
        description="National classification code, or null where no source confirms one."
    )
    name: str = strawberry.field(description="Official occupation name, e.g. 装卸搬运工.")
    aliases: list[str] = strawberry.field(
        description="Colloquial names people search with, e.g. 搬运工."
    )
    major_group: int = strawberry.field(description="Major group (大类) of the classification.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.occupation_by_id.load_many([int(i) for i in node_ids])


@strawberry.type(description="One enum value with its Chinese label.")
class EnumValueLabel:
    value: str = strawberry.field(description="The enum value as the API sends it, e.g. OPEN.")
    label: str = strawberry.field(description="What to show, e.g. 招聘中.")


@strawberry.type(description="The Chinese labels of one enum's values, in the schema's order.")
class EnumLabels:
    name: str = strawberry.field(
        description="The enum's name in the schema, e.g. JobPostingStatus."
    )
    values: list[EnumValueLabel] = strawberry.field(description="Every value with its label.")
