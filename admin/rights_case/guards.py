"""Rights guards: cases, steps, settlements and review items move only through the workflow
forms; the gathering-place register is kept by staff under the service's rules."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from admin.common import column_names, column_values, refuse, reject, replace_value, staff_id
from services.problems import ServiceError
from services.rights_case import gathering
from services.timeutil import now
from tables import rights_case as t
from tables.region import Region

CASES = "案件只能通过案件行的受理、开始调解、办结、转办、移送、关闭办理（会留下办理环节）"
STEPS = "办理环节由案件办理自动记录，不能修改"
SETTLEMENTS = "工资结算由用工主体登记、零工确认或提出异议，后台只能查看"
REVIEWS = "审核请使用审核事项行的“审核成立并下架”或“审核不成立”"

# Kept by the register itself: who recorded a place and its edit count.
PLACE_MACHINE = {"recorded_by", "version", "created_at"}


async def _draft(data: dict[str, Any]) -> gathering.PlaceDraft:
    region = data.get("region")
    code = None
    if region is not None:
        row = await Region.select(Region.code).where(Region.id == region).first()
        code = row["code"] if row else None
    return gathering.PlaceDraft(
        name=data.get("name") or "",
        address=data.get("address") or "",
        region_code=code or "",
        market_id=data.get("market"),
        market_given=data.get("market") is not None,
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        typical_hours=data.get("typical_hours") or "",
        typical_size=data.get("typical_size") or 0,
        measures=data.get("measures") or "",
        status=data.get("status") or "ACTIVE",
    )


async def _validated(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return await gathering.validated_columns(await _draft(data))
    except ServiceError as exc:
        reject(exc.problems)


async def place_pre_save(row: t.GatheringPlace, request: Request) -> t.GatheringPlace:
    data = {c._meta.name: getattr(row, c._meta.name) for c in t.GatheringPlace._meta.columns}
    for name, value in (await _validated(data)).items():
        setattr(row, name, value)
    row.recorded_by = staff_id(request)
    row.version = 0
    row.created_at = row.updated_at = now()  # kept by the system, whatever the form sent
    return row


async def place_pre_patch(row_id: int, values: dict) -> dict:
    current = await t.GatheringPlace.select().where(t.GatheringPlace.id == int(row_id)).first()
    if current is None:
        refuse("聚集点不存在", 404)
    plain = column_values(values)
    # The edit form sends every field back: refuse only a change of what the system keeps.
    if any(plain[name] != current[name] for name in column_names(values) & PLACE_MACHINE):
        refuse("登记人、登记时间和版本由系统记录，不能修改")
    for name in PLACE_MACHINE & plain.keys():
        plain.pop(name)
    cleaned = await _validated({**current, **plain})
    for name in plain:
        if name in cleaned:
            replace_value(values, name, cleaned[name])
    values[t.GatheringPlace.updated_at] = now()
    values[t.GatheringPlace.version] = current["version"] + 1
    return values


async def place_pre_delete(row_id: int) -> None:
    if await t.RightsCase.exists().where(t.RightsCase.gathering_place == int(row_id)):
        refuse("该聚集点已有事件（维权案件）记录，不能删除；疏导后请将状态改为“已疏导”")
