"""Employment assistance forms (就业援助, （十）): the tier override from a worker's record, and the
case workflow from the records themselves: open a case (worker), add a plan step, make an offer,
record a follow-up, close with an outcome (case), mark a step done (step). Each calls
services/assistance, which checks the staff member's region and audits the change."""

from __future__ import annotations

from datetime import date
from typing import Literal

from piccolo.apps.user.tables import BaseUser
from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, TEXT_AREA, RowAction, dropdown, form, run_service, staff_id
from services.assistance import cases, offers
from services.assistance import tier as rules
from tables import assistance as t
from tables.worker import Worker

GROUP = "就业援助"
OVERRIDE = "assistance-tier"
OPEN, STEP, STEP_DONE = "assistance-case-open", "assistance-step-add", "assistance-step-done"
OFFER, FOLLOW_UP, CLOSE = "assistance-offer", "assistance-follow-up", "assistance-case-close"
RULES = "RULES"
TIER_NAMES = {"GENERAL": "普通服务", "KEY": "重点服务", "ASSISTED": "援助服务"}
CHOICES = {**TIER_NAMES, RULES: "按规则认定（取消人工调整）"}
KINDS = {c.value.value: c.value.display_name for c in t.OfferKind}
CHANNELS = {c.value.value: c.value.display_name for c in t.FollowUpChannel}
OUTCOMES = {c.value.value: c.value.display_name for c in t.CaseOutcome}
CASE = {"case_id": ROW_ID}

ROW_ACTIONS = {
    Worker: [
        RowAction("调整服务等级", OVERRIDE, {"worker_id": ROW_ID}),
        RowAction("建立援助档案", OPEN, {"worker_id": ROW_ID}),
    ],
    t.AssistanceCase: [
        RowAction("添加援助步骤", STEP, CASE),
        RowAction("推荐岗位或培训", OFFER, CASE),
        RowAction("记录回访", FOLLOW_UP, CASE),
        RowAction("结案", CLOSE, CASE),
    ],
    t.AssistanceStep: [RowAction("标记步骤完成", STEP_DONE, {"step_id": ROW_ID})],
}


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


class OpenModel(BaseModel):
    worker_id: int = Field(title="零工编号")
    case_worker: str = Field(default="", title="经办人用户名", description="留空由您本人负责")


async def open_case(request: Request, data: OpenModel) -> str:
    me = staff_id(request)
    chosen = me
    if data.case_worker.strip():
        user = await BaseUser.select(BaseUser.id).where(
            (BaseUser.username == data.case_worker.strip()) & BaseUser.active.eq(True)
        )
        if not user:
            raise ValueError(f"找不到工作人员“{data.case_worker.strip()}”")
        chosen = user[0]["id"]
    number = await run_service(cases.open_case(me, data.worker_id, chosen))
    return f"已为零工 {data.worker_id} 建立第 {number} 号援助档案，请添加援助步骤"


class StepModel(BaseModel):
    case_id: int = Field(title="援助档案编号")
    title: str = Field(title="援助步骤", description="如：推荐公益性岗位、组织参加技能培训")
    due_on: date = Field(title="完成期限")


async def add_step(request: Request, data: StepModel) -> str:
    await run_service(cases.add_step(staff_id(request), data.case_id, data.title, data.due_on))
    return f"已为第 {data.case_id} 号援助档案添加步骤“{data.title.strip()}”，期限 {data.due_on}"


class StepDoneModel(BaseModel):
    step_id: int = Field(title="援助步骤编号")


async def step_done(request: Request, data: StepDoneModel) -> str:
    case_id = await run_service(cases.mark_step_done(staff_id(request), data.step_id))
    return f"第 {case_id} 号援助档案的步骤 {data.step_id} 已标记完成"


class OfferModel(BaseModel):
    case_id: int = Field(title="援助档案编号")
    kind: Literal["POSTING", "TRAINING"] = Field(
        title="推荐类型", json_schema_extra=dropdown(KINDS)
    )
    target_id: int = Field(title="招工信息或培训课程编号")
    note: str = Field(default="", title="推荐说明", json_schema_extra=TEXT_AREA)


async def offer(request: Request, data: OfferModel) -> str:
    await run_service(
        offers.make_offer(staff_id(request), data.case_id, data.kind, data.target_id, data.note)
    )
    return (
        f"已向第 {data.case_id} 号援助档案的零工推荐{KINDS[data.kind]} {data.target_id}，待本人答复"
    )


class FollowUpModel(BaseModel):
    case_id: int = Field(title="援助档案编号")
    happened_on: date = Field(title="回访日期")
    channel: Literal["PHONE", "VISIT", "IN_PERSON", "MESSAGE"] = Field(
        title="回访方式", json_schema_extra=dropdown(CHANNELS)
    )
    note: str = Field(title="回访情况", json_schema_extra=TEXT_AREA)


async def follow_up(request: Request, data: FollowUpModel) -> str:
    await run_service(
        cases.record_follow_up(
            staff_id(request), data.case_id, data.happened_on, data.channel, data.note
        )
    )
    return f"已记录第 {data.case_id} 号援助档案 {data.happened_on} 的{CHANNELS[data.channel]}回访"


class CloseModel(BaseModel):
    case_id: int = Field(title="援助档案编号")
    outcome: Literal["EMPLOYED", "TRAINING", "DECLINED", "OTHER"] = Field(
        title="结案结果", json_schema_extra=dropdown(OUTCOMES)
    )
    note: str = Field(
        default="", title="结案说明", description="结果为“其他”时必填", json_schema_extra=TEXT_AREA
    )


async def close(request: Request, data: CloseModel) -> str:
    await run_service(cases.close_case(staff_id(request), data.case_id, data.outcome, data.note))
    return f"第 {data.case_id} 号援助档案已结案：{OUTCOMES[data.outcome]}"


def assistance_forms() -> list[FormConfig]:
    return [
        form(
            OVERRIDE,
            "调整服务等级",
            TierModel,
            set_tier,
            "人工调整零工的分级服务等级（普通、重点、援助），须写明理由",
            GROUP,
        ),
        form(OPEN, "建立援助档案", OpenModel, open_case, "为零工建立一对一就业援助档案", GROUP),
        form(STEP, "添加援助步骤", StepModel, add_step, "援助计划的步骤和完成期限", GROUP),
        form(STEP_DONE, "标记步骤完成", StepDoneModel, step_done, "援助步骤完成后标记", GROUP),
        form(OFFER, "推荐岗位或培训", OfferModel, offer, "一对一推荐，零工在手机上答复", GROUP),
        form(FOLLOW_UP, "记录回访", FollowUpModel, follow_up, "记录与零工的联系情况", GROUP),
        form(CLOSE, "援助档案结案", CloseModel, close, "结案后不能再办理", GROUP),
    ]
