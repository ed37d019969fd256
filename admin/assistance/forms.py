"""Tiered service forms (分级服务, （十）): staff set or remove a worker's tier override from the
worker's record, with a reason; services/assistance checks it and audits it."""

from __future__ import annotations

from typing import Literal

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, RowAction, dropdown, form, run_service, staff_id
from services.assistance import tier as rules
from tables.worker import Worker

GROUP = "就业援助"
OVERRIDE = "assistance-tier"
RULES = "RULES"
TIER_NAMES = {"GENERAL": "普通服务", "KEY": "重点服务", "ASSISTED": "援助服务"}
CHOICES = {**TIER_NAMES, RULES: "按规则认定（取消人工调整）"}

ROW_ACTIONS = {Worker: [RowAction("调整服务等级", OVERRIDE, {"worker_id": ROW_ID})]}


class TierModel(BaseModel):
    worker_id: int = Field(title="零工编号")
    tier: Literal["GENERAL", "KEY", "ASSISTED", "RULES"] = Field(
        title="服务等级", json_schema_extra=dropdown(CHOICES)
    )
    reason: str = Field(title="理由", description="2 到 200 个字，记入审计日志")


async def set_tier(request: Request, data: TierModel) -> str:
    chosen = None if data.tier == RULES else data.tier
    await run_service(rules.set_override(staff_id(request), data.worker_id, chosen, data.reason))
    result = await rules.tier_of(data.worker_id)
    assert result is not None
    derived = TIER_NAMES[result.derived]
    if chosen is None:
        return f"零工 {data.worker_id} 的服务等级已恢复按规则认定：{derived}"
    return f"零工 {data.worker_id} 的服务等级已设为{TIER_NAMES[chosen]}（按规则认定为{derived}）"


def assistance_forms() -> list[FormConfig]:
    return [
        form(
            OVERRIDE,
            "调整服务等级",
            TierModel,
            set_tier,
            "人工调整零工的分级服务等级（普通、重点、援助），须写明理由",
            GROUP,
        )
    ]
