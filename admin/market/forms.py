"""Directory work forms (名录库): a market's whole week of opening hours in one step, and
publishing the market list (（二十）).

Serves staff: the hours from the market's row or page (⋮ → 设置开放时间); the publication from
the forms menu (发布名录清单)."""

from __future__ import annotations

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, TEXT_AREA, RowAction, form, run_service, staff_id
from services.audit.rules import Actor
from services.market import publication, week
from tables.market import DirectoryPublication, Market

GROUP = "名录库"
HOURS = "market-hours"
PUBLISH = "directory-publish"
ROW_ACTIONS = {Market: [RowAction("设置开放时间", HOURS, {"market_id": ROW_ID})]}


class HoursModel(BaseModel):
    market_id: int = Field(title="零工市场编号")
    hours: str = Field(
        title="每周开放时间",
        description="一行写一天或连续几天，例如：周一至周五 08:00-12:00 14:00-18:00；"
        "周六 09:00-12:00；周日 休息。“每天”表示一周七天；未写到的日子不开放。跨夜写作 22:00-06:00。",
        json_schema_extra=TEXT_AREA,
    )


async def set_hours(request: Request, data: HoursModel) -> str:
    stored = await run_service(
        week.replace_week(data.market_id, data.hours, Actor("STAFF", staff_id(request)))
    )
    return f"零工市场 {data.market_id} 的开放时间已更新：{stored}"


class PublishModel(BaseModel):
    force: bool = Field(
        default=False,
        title="清单未变化也发布新一期",
        description="选“否”时，清单与上一期相同则不重复发布",
    )


async def publish_list(request: Request, data: PublishModel) -> str:
    done = await run_service(publication.publish(staff_id(request), force=data.force))
    row = await DirectoryPublication.select().where(DirectoryPublication.id == done.id).first()
    assert row is not None  # just recorded, or the last one
    head = (
        f"已发布第 {row['id']} 期"
        if done.changed
        else f"清单未变化，未重复发布（仍为第 {row['id']} 期）"
    )
    return (
        f"{head}：零工市场 {row['market_count']} 家，驿站和超市 {row['station_count']} 个；"
        f"下载地址 /exports/markets/publications/{row['id']}.csv"
    )


def market_forms() -> list[FormConfig]:
    return [
        form(
            HOURS,
            "设置开放时间",
            HoursModel,
            set_hours,
            "整周替换一个零工市场的开放时间（原有时段一并替换，留下变更记录）",
            GROUP,
        ),
        form(
            PUBLISH,
            "发布名录清单",
            PublishModel,
            publish_list,
            "按当前名录生成零工市场清单（（二十））并留存，公众可下载每一期",
            GROUP,
        ),
    ]
