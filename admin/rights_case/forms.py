"""Rights workflow forms (权益维护): a case's steps (accept, mediate, resolve, route, refer,
close), a review item's decision and a posting's take-down. Each is started from the record
(⋮) with its id filled in and calls services/rights_case, which checks the state, writes the
step row and the audit entry in one transaction."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Literal

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, TEXT_AREA, RowAction, dropdown, form, run_service, staff_id
from services.audit.rules import Actor
from services.rights_case import moderation, rules, workflow
from services.timeutil import local
from tables import rights_case as t
from tables.job_posting import JobPosting

GROUP = "权益维护"
ACCEPT, MEDIATE, RESOLVE = "case-accept", "case-mediate", "case-resolve"
ROUTE, REFER, CLOSE = "case-route", "case-refer", "case-close"
DECIDE, TAKE_DOWN = "posting-review-decide", "posting-take-down"
FILE = "case-file-phone"

OUTCOMES = {"MEDIATED": "调解成功", "SUBSTANTIATED": "查实", "NOT_SUBSTANTIATED": "不成立"}
DEPARTMENTS = {d.value.value: d.value.display_name for d in t.Department}
KINDS = {k.value.value: k.value.display_name for k in t.RightsCaseKind}
DECISIONS = {"REMOVE": "成立，下架招工信息", "APPROVE": "不成立（放行或驳回举报）"}


def _on_case(label: str, slug: str, **fixed: str) -> RowAction:
    return RowAction(label, slug, {"case_id": ROW_ID, **fixed})


ROW_ACTIONS = {
    t.RightsCase: [
        _on_case("受理", ACCEPT),
        _on_case("开始调解", MEDIATE),
        _on_case("办结", RESOLVE),
        _on_case("转办", ROUTE),
        _on_case("移送", REFER),
        _on_case("关闭", CLOSE),
    ],
    t.PostingReview: [
        RowAction("审核成立并下架", DECIDE, {"review_id": ROW_ID, "decision": "REMOVE"}),
        RowAction("审核不成立", DECIDE, {"review_id": ROW_ID, "decision": "APPROVE"}),
        RowAction("下架招工信息", TAKE_DOWN, {"posting_id": "$row.posting"}),
    ],
    JobPosting: [RowAction("下架招工信息", TAKE_DOWN, {"posting_id": ROW_ID})],
    t.GatheringPlace: [
        RowAction("登记聚集点事件", FILE, {"gathering_place_id": ROW_ID, "kind": "GATHERING"})
    ],
}


def _actor(request: Request) -> Actor:
    return Actor("STAFF", staff_id(request))


async def _deadline(case_id: int) -> str:
    row = await t.RightsCase.select(t.RightsCase.step_due_at).where(t.RightsCase.id == case_id)
    due = row[0]["step_due_at"] if row else None
    return local(due).strftime("%Y-%m-%d %H:%M") if due else ""


class CaseModel(BaseModel):
    case_id: int = Field(title="案件编号")


class StepModel(CaseModel):
    note: str = Field(default="", title="办理说明", json_schema_extra=TEXT_AREA)


class NoteModel(CaseModel):
    note: str = Field(title="办理说明", json_schema_extra=TEXT_AREA)


async def accept(request: Request, data: StepModel) -> str:
    await run_service(workflow.accept(_actor(request), data.case_id, data.note))
    return f"案件 {data.case_id} 已受理，须在 {await _deadline(data.case_id)} 前办结"


async def mediate(request: Request, data: StepModel) -> str:
    await run_service(workflow.start_mediation(_actor(request), data.case_id, data.note))
    return f"案件 {data.case_id} 开始调解，须在 {await _deadline(data.case_id)} 前结束"


class ResolveModel(CaseModel):
    outcome: Literal["MEDIATED", "SUBSTANTIATED", "NOT_SUBSTANTIATED"] = Field(
        title="办结结果",
        json_schema_extra=dropdown(OUTCOMES),
        description="调解成功须在调解中；查实的欠薪案件将标记用工主体恶意欠薪",
    )
    amount_recovered: str = Field(
        default="", title="追回金额（元）", description="如 220.00；不成立的案件不填"
    )
    note: str = Field(title="办理说明", json_schema_extra=TEXT_AREA)


def _amount(text: str, what: str = "追回金额") -> Decimal | None:
    value = text.strip().replace("元", "").replace(",", "")
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{what}须为金额数字，如 220.00") from None
    if not amount.is_finite():
        raise ValueError(f"{what}须为金额数字，如 220.00")
    return amount


async def resolve(request: Request, data: ResolveModel) -> str:
    amount = _amount(data.amount_recovered)
    await run_service(
        workflow.resolve(_actor(request), data.case_id, data.outcome, data.note, amount)
    )
    return f"案件 {data.case_id} 已办结：{OUTCOMES[data.outcome]}"


class RouteModel(CaseModel):
    department: Literal[
        "LABOUR_INSPECTION", "PUBLIC_SECURITY", "MARKET_REGULATION", "MARKET_OPERATOR"
    ] = Field(title="转交部门", json_schema_extra=dropdown(DEPARTMENTS))
    note: str = Field(title="办理说明", json_schema_extra=TEXT_AREA)


async def route(request: Request, data: RouteModel) -> str:
    await run_service(workflow.route(_actor(request), data.case_id, data.department, data.note))
    label = DEPARTMENTS[data.department]
    return f"案件 {data.case_id} 已转交{label}，须在 {await _deadline(data.case_id)} 前受理"


class ReferModel(CaseModel):
    referred_to: str = Field(title="移送机关", description="如 西湖区劳动人事争议仲裁委员会")
    note: str = Field(title="办理说明", json_schema_extra=TEXT_AREA)


async def refer(request: Request, data: ReferModel) -> str:
    await run_service(workflow.refer(_actor(request), data.case_id, data.referred_to, data.note))
    return f"案件 {data.case_id} 已移送{data.referred_to.strip()}"


async def close(request: Request, data: NoteModel) -> str:
    await run_service(workflow.close(_actor(request), data.case_id, data.note))
    return f"案件 {data.case_id} 已关闭"


class DecideModel(BaseModel):
    review_id: int = Field(title="审核事项编号")
    decision: Literal["REMOVE", "APPROVE"] = Field(
        title="审核结论",
        json_schema_extra=dropdown(DECISIONS),
        description="成立即下架，待确认的报名取消、已确认的保留；筛查暂扣的信息不成立即发布",
    )
    note: str = Field(
        default="", title="审核意见", description="下架时必填：用工主体和报名零工都会看到"
    )


async def decide(request: Request, data: DecideModel) -> str:
    await run_service(
        moderation.decide(staff_id(request), data.review_id, data.decision, data.note)
    )
    if data.decision == "REMOVE":
        return f"审核事项 {data.review_id} 成立，招工信息已下架"
    posting = await JobPosting.select(JobPosting.status).where(
        JobPosting.id.is_in(
            t.PostingReview.select(t.PostingReview.posting).where(
                t.PostingReview.id == data.review_id
            )
        )
    )
    released = bool(posting) and posting[0]["status"] == "OPEN"
    return f"审核事项 {data.review_id} 不成立" + ("，招工信息已发布" if released else "")


class TakeDownModel(BaseModel):
    posting_id: int = Field(title="招工信息编号")
    reason: str = Field(
        title="下架原因",
        description="用工主体和报名零工都会看到；待确认的报名随之取消",
        json_schema_extra=TEXT_AREA,
    )


async def take_down(request: Request, data: TakeDownModel) -> str:
    await run_service(moderation.take_down(staff_id(request), data.posting_id, data.reason))
    return f"招工信息 {data.posting_id} 已下架"


class FileModel(BaseModel):
    kind: Literal[
        "WAGE_ARREARS", "DISCRIMINATION", "SAFETY", "CONTRACT_DISPUTE", "GATHERING", "OTHER"
    ] = Field(title="案件类型", json_schema_extra=dropdown(KINDS))
    summary: str = Field(title="事由", json_schema_extra=TEXT_AREA)
    worker_id: int = Field(title="零工编号（来电人）", description="见“零工（求职登记）”表")
    employer_id: int | None = Field(default=None, title="用工主体编号")
    posting_id: int | None = Field(default=None, title="招工信息编号")
    gathering_place_id: int | None = Field(default=None, title="零散聚集点编号")
    market_id: int | None = Field(
        default=None,
        title="零工市场编号",
        description="不填则按招工信息、聚集点或零工的登记市场确定",
    )
    place_address: str = Field(default="", title="发生地址")
    amount_claimed: str = Field(
        default="", title="主张金额（元）", description="欠薪案件填写，如 220.00"
    )


async def file_case(request: Request, data: FileModel) -> str:
    amount = _amount(data.amount_claimed, "主张金额")
    draft = rules.CaseDraft(
        kind=data.kind,
        summary=data.summary,
        worker_id=data.worker_id,
        worker_given=True,
        market_id=data.market_id,
        market_given=data.market_id is not None,
        employer_id=data.employer_id,
        employer_given=data.employer_id is not None,
        posting_id=data.posting_id,
        posting_given=data.posting_id is not None,
        gathering_place_id=data.gathering_place_id,
        gathering_place_given=data.gathering_place_id is not None,
        place_address=data.place_address,
        amount_claimed=amount,
    )
    case_id = await run_service(rules.file_case(_actor(request), draft))
    row = await case_row(case_id)
    department = DEPARTMENTS[row["department"]]
    return f"已登记案件 {case_id}，交{department}办理，须在 {await _deadline(case_id)} 前受理"


async def case_row(case_id: int) -> dict:
    rows = await t.RightsCase.select(t.RightsCase.department).where(t.RightsCase.id == case_id)
    return rows[0]


def rights_case_forms() -> list[FormConfig]:
    return [
        form(FILE, "登记电话投诉", FileModel, file_case, "工作人员接听电话后登记维权案件", GROUP),
        form(ACCEPT, "受理维权案件", StepModel, accept, "登记的案件由所在部门受理", GROUP),
        form(MEDIATE, "开始调解", StepModel, mediate, "已受理的案件开始调解（15日内结束）", GROUP),
        form(RESOLVE, "办结维权案件", ResolveModel, resolve, "作出办结结果", GROUP),
        form(ROUTE, "转办维权案件", RouteModel, route, "交由其他部门办理（重新受理）", GROUP),
        form(REFER, "移送维权案件", ReferModel, refer, "移送仲裁委、法院或公安等机关", GROUP),
        form(
            CLOSE, "关闭维权案件", NoteModel, close, "不作结论关闭（重复登记、无法联系等）", GROUP
        ),
        form(DECIDE, "审核招工信息", DecideModel, decide, "处理筛查暂扣或零工举报", GROUP),
        form(TAKE_DOWN, "下架招工信息", TakeDownModel, take_down, "以理由下架招工信息", GROUP),
    ]
