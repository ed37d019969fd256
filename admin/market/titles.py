"""Chinese titles and labels of the market domain in the admin (名录库)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from services.market.export import LABELS
from tables import market as t


def _from_export(codes: tuple[str, ...]) -> dict[str, str]:
    """The export's wording, so the back office and the published directory read alike."""
    return {code: LABELS[code] for code in codes}


TITLES: dict[type[Table], Titles] = {
    t.Market: Titles(
        table="零工市场（站点）",
        columns={
            "id": "编号",
            "name": "名称",
            "kind": "市场类型",
            "ownership": "运营性质",
            "station_type": "站点类型",
            "parent_market": "所属零工市场",
            "region": "所在县（市、区）",
            "address": "地址",
            "latitude": "纬度",
            "longitude": "经度",
            "contact_phone": "服务电话",
            "function_areas": "功能分区",
            "facilities": "基础设施",
            "construction_unit": "建设责任单位",
            "maintenance_unit": "管护责任单位",
            "service_unit": "服务保障责任单位",
            "operator": "运营机构",
            "labour_brand": "劳务品牌",
            "established_on": "开业日期",
            "status": "运行状态",
            "description": "简介",
            "created_at": "创建时间",
            "updated_at": "更新时间",
        },
        labels={
            "kind": _from_export(("COMPREHENSIVE", "INDUSTRY")),
            "ownership": _from_export(("PUBLIC_WELFARE", "MARKET_OPERATED")),
            "station_type": _from_export(("MARKET", "RURAL_STATION", "GIG_SUPERMARKET")),
            "status": _from_export(("ACTIVE", "SUSPENDED", "CLOSED")),
            "function_areas": {
                "GENERAL_SERVICE": "综合服务区",
                "JOB_MATCHING": "岗位对接区",
                "LIVING_SERVICE": "生活服务区",
            },
            "facilities": {
                "NEGOTIATION": "洽谈交易",
                "SHELTER": "遮风避雨",
                "HEATING_COOLING": "防暑防寒",
                "PARKING": "规范停车",
                "ORDER_MAINTENANCE": "秩序维护",
                "SAFETY_MANAGEMENT": "安全管理",
            },
        },
    ),
    t.MarketOpeningPeriod: Titles(
        table="开放时间",
        columns={
            "id": "编号",
            "market": "零工市场",
            "weekday": "星期",
            "opens_at": "开门时间",
            "closes_at": "关门时间（早于开门表示跨午夜）",
        },
    ),
    t.MarketOccupation: Titles(
        table="服务工种",
        columns={"id": "编号", "market": "零工市场", "occupation": "工种"},
    ),
    t.DirectoryPublication: Titles(
        table="名录清单发布记录",
        columns={
            "id": "期号",
            "published_at": "发布时间",
            "published_on": "发布日期",
            "market_count": "零工市场数",
            "station_count": "驿站和超市数",
            "sha256": "文件摘要（SHA-256）",
            "byte_size": "文件大小（字节）",
            "published_by": "发布人（空为定时发布）",
        },
    ),
}
