"""Gig markets (零工市场), their stations, weekly opening hours and occupations served."""

from enum import Enum

from piccolo.columns import (
    Array,
    Date,
    DoublePrecision,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import Region


class MarketKind(Enum):
    COMPREHENSIVE = Choice(value="COMPREHENSIVE", display_name="综合")
    INDUSTRY = Choice(value="INDUSTRY", display_name="行业性")


class Ownership(Enum):
    PUBLIC_WELFARE = Choice(value="PUBLIC_WELFARE", display_name="公益性")
    MARKET_OPERATED = Choice(value="MARKET_OPERATED", display_name="市场化")


class StationType(Enum):
    MARKET = Choice(value="MARKET", display_name="零工市场")
    RURAL_STATION = Choice(value="RURAL_STATION", display_name="零工驿站")
    GIG_SUPERMARKET = Choice(value="GIG_SUPERMARKET", display_name="零工超市")


class MarketStatus(Enum):
    ACTIVE = Choice(value="ACTIVE", display_name="运行中")
    SUSPENDED = Choice(value="SUSPENDED", display_name="暂停")
    CLOSED = Choice(value="CLOSED", display_name="已关闭")


class FunctionArea(Enum):
    GENERAL_SERVICE = Choice(value="GENERAL_SERVICE", display_name="综合服务区")
    JOB_MATCHING = Choice(value="JOB_MATCHING", display_name="岗位对接区")
    LIVING_SERVICE = Choice(value="LIVING_SERVICE", display_name="生活服务区")


class Facility(Enum):
    NEGOTIATION = Choice(value="NEGOTIATION", display_name="洽谈交易")
    SHELTER = Choice(value="SHELTER", display_name="遮风避雨")
    HEATING_COOLING = Choice(value="HEATING_COOLING", display_name="防暑防寒")
    PARKING = Choice(value="PARKING", display_name="规范停车")
    ORDER_MAINTENANCE = Choice(value="ORDER_MAINTENANCE", display_name="秩序维护")
    SAFETY_MANAGEMENT = Choice(value="SAFETY_MANAGEMENT", display_name="安全管理")


class Market(Table, tablename="market"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    name = Varchar(
        length=100, unique=True, help_text="市或县（市、区）+位置+（综合/行业性）零工市场"
    )
    kind = Varchar(length=20, choices=MarketKind, default="COMPREHENSIVE")
    ownership = Varchar(length=20, choices=Ownership, default="PUBLIC_WELFARE")
    station_type = Varchar(length=20, choices=StationType, default="MARKET")
    parent_market: ForeignKey["Market"] = ForeignKey(
        "self", null=True, on_delete=OnDelete.restrict, help_text="驿站/超市所属零工市场"
    )
    region = ForeignKey(
        Region, null=False, on_delete=OnDelete.restrict, index=True, help_text="所在县（市、区）"
    )
    address = Varchar(length=200)
    latitude = DoublePrecision()
    longitude = DoublePrecision()
    contact_phone = Varchar(length=20, default="", help_text="对外服务电话")
    function_areas = Array(base_column=Varchar(length=20, choices=FunctionArea), default=list)
    facilities = Array(base_column=Varchar(length=20, choices=Facility), default=list)
    construction_unit = Varchar(length=100, default="", help_text="建设责任单位")
    maintenance_unit = Varchar(length=100, default="", help_text="管护责任单位")
    service_unit = Varchar(length=100, default="", help_text="服务保障责任单位")
    operator = ForeignKey(Operator, null=True, on_delete=OnDelete.restrict, help_text="运营机构")
    labour_brand = Varchar(length=100, default="", help_text="劳务品牌")
    established_on = Date(help_text="开业日期")
    status = Varchar(length=20, choices=MarketStatus, default="ACTIVE", index=True)
    description = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class MarketOpeningPeriod(Table, tablename="market_opening_period"):
    """One opening period on one weekday; closes <= opens means it runs past midnight."""

    id: Serial

    market = ForeignKey(Market, null=False, on_delete=OnDelete.cascade, index=True)
    weekday = Integer(help_text="1=周一 … 7=周日")
    opens_at = Time()
    closes_at = Time(help_text="早于或等于开门时间表示跨过午夜")


class MarketOccupation(Table, tablename="market_occupation"):
    """Occupations a market serves (M2M); unique per pair through an index in the migration."""

    id: Serial

    market = ForeignKey(Market, null=False, on_delete=OnDelete.cascade, index=True)
    occupation = ForeignKey(Occupation, null=False, on_delete=OnDelete.restrict, index=True)


class DirectoryPublication(Table, tablename="directory_publication"):
    """One publication of the public market list (清单, （二十）): its date, counts and digest;
    the file itself is kept beside it (DirectoryPublicationFile), so the list's history exists.
    A publication is recorded only when the list changed since the last one."""

    id: Serial

    published_at = Timestamptz(default=TimestamptzNow(), index=True)
    published_on = Date(help_text="发布日期（北京时间）")
    market_count = Integer(help_text="零工市场数")
    station_count = Integer(help_text="零工驿站、零工超市数")
    sha256 = Varchar(length=64, help_text="文件摘要")
    byte_size = Integer(help_text="文件大小（字节）")
    published_by = Integer(null=True, default=None, help_text="发布人（后台用户 id；定时发布为空）")


class DirectoryPublicationFile(Table, tablename="directory_publication_file"):
    """The file of a publication as published (CSV, UTF-8 without BOM). Apart from its
    metadata so lists and the admin never carry the files."""

    id: Serial

    publication = ForeignKey(
        DirectoryPublication, null=False, on_delete=OnDelete.restrict, unique=True
    )
    csv = Text()
