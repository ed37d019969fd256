"""Subsidy forms (补贴): create and change a programme (money in yuan, dates in Asia/Shanghai),
and review an application from its row: approve, reject with a reason, record the payment.
Each calls services/subsidy, which checks the rules and audits the step."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, TEXT_AREA, RowAction, dropdown, form, run_service, staff_id
from admin.subsidy.titles import TITLES
from services.job_posting.wage import to_yuan
from services.money import yuan
from services.subsidy import programmes, review
from services.timeutil import SHANGHAI, local
from tables import subsidy as t

GROUP = "补贴"
CREATE, EDIT = "subsidy-programme-create", "subsidy-programme-edit"
APPROVE, REJECT, PAY = "subsidy-approve", "subsidy-reject", "subsidy-pay"

ROW_ACTIONS = {
    t.SubsidyProgramme: [RowAction("修改补贴项目", EDIT, {"programme_id": ROW_ID})],
    t.SubsidyApplication: [
        RowAction("批准", APPROVE, {"application_id": ROW_ID}),
        RowAction("驳回", REJECT, {"application_id": ROW_ID}),
        RowAction("登记发放", PAY, {"application_id": ROW_ID}),
    ],
}

_LABELS = TITLES[t.SubsidyProgramme].labels
KINDS = _LABELS["kind"]
RULES = _LABELS["amount_rule"]
ANY = {"": "不限"}
TRAINING = {**ANY, **_LABELS["training_category"]}
OWNERSHIP = {**ANY, **_LABELS["market_ownership"]}
CATEGORY_LABELS = _LABELS["assistance_categories"]
Kind = Literal[
    "TRAINING_SUBSIDY",
    "TRAINING_LIVING_ALLOWANCE",
    "EMPLOYMENT_SERVICE_SUBSIDY",
    "PUBLIC_WELFARE_JOB_SUBSIDY",
]
Rule = Literal["FIXED", "PER_TRAINING_HOUR", "PER_PLACEMENT"]
Training = Literal["", "URGENT_SKILL", "NEW_OCCUPATION", "ENTREPRENEURSHIP", "GENERAL"]
OwnershipChoice = Literal["", "PUBLIC_WELFARE", "MARKET_OPERATED"]
CATEGORY_FIELDS = {
    "OLDER": "only_older",
    "DISABLED": "only_disabled",
    "LOW_INCOME": "only_low_income",
    "LONG_WAITING": "only_long_waiting",
}


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=SHANGHAI)


def _after(day: date) -> datetime:
    """The period includes its last day: it ends at the next midnight (Asia/Shanghai)."""
    return _start(day + timedelta(days=1))


class ProgrammeModel(BaseModel):
    name: str = Field(title="项目名称")
    kind: Kind = Field(title="补贴类型", json_schema_extra=dropdown(KINDS))
    amount_rule: Rule = Field(title="计发方式", json_schema_extra=dropdown(RULES))
    amount: Decimal = Field(title="补贴标准（元）", description="每人、每课时或每成功就业人次")
    budget: Decimal = Field(title="预算总额（元）")
    approval_threshold: Decimal = Field(
        title="复核金额线（元）", description="申请金额超过此数须由另一位审批人复核"
    )
    starts_on: date = Field(title="申请开始日期")
    ends_on: date = Field(title="申请截止日期（含当日）")
    description: str = Field(default="", title="项目说明", json_schema_extra=TEXT_AREA)
    only_older: bool = Field(default=False, title="限大龄人员")
    only_disabled: bool = Field(default=False, title="限残疾人员")
    only_low_income: bool = Field(default=False, title="限低收入家庭人员")
    only_long_waiting: bool = Field(default=False, title="限长期待工人员")
    training_category: Training = Field(
        default="", title="限培训类别", json_schema_extra=dropdown(TRAINING)
    )
    training_within_months: int | None = Field(default=None, title="结业期限（月，留空不限）")
    region_code: str = Field(default="", title="限地区（六位区划代码，留空为全省）")
    market_ownership: OwnershipChoice = Field(
        default="", title="限零工市场性质", json_schema_extra=dropdown(OWNERSHIP)
    )
    active: bool = Field(default=True, title="受理中")


def _draft(data: ProgrammeModel) -> programmes.ProgrammeDraft:
    return programmes.ProgrammeDraft(
        name=data.name,
        kind=data.kind,
        amount_rule=data.amount_rule,
        amount=data.amount,
        budget=data.budget,
        approval_threshold=data.approval_threshold,
        starts_at=_start(data.starts_on),
        ends_at=_after(data.ends_on),
        description=data.description,
        assistance_categories=[c for c, f in CATEGORY_FIELDS.items() if getattr(data, f)],
        training_category=data.training_category or None,
        training_within_months=data.training_within_months,
        region_code=data.region_code.strip() or None,
        market_ownership=data.market_ownership or None,
        active=data.active,
    )


async def create(request: Request, data: ProgrammeModel) -> str:
    number = await run_service(programmes.create(staff_id(request), _draft(data)))
    return f"补贴项目 {number}「{data.name.strip()}」已创建"


class EditModel(BaseModel):
    programme_id: int = Field(title="补贴项目编号")
    name: str | None = Field(default=None, title="项目名称（留空不改）")
    amount: Decimal | None = Field(default=None, title="补贴标准（元，留空不改）")
    budget: Decimal | None = Field(default=None, title="预算总额（元，留空不改）")
    approval_threshold: Decimal | None = Field(default=None, title="复核金额线（元，留空不改）")
    ends_on: date | None = Field(default=None, title="申请截止日期（含当日，留空不改）")
    active: Literal["", "YES", "NO"] = Field(
        default="",
        title="受理中",
        json_schema_extra=dropdown({"": "不改", "YES": "是", "NO": "否"}),
    )
    description: str | None = Field(
        default=None, title="项目说明（留空不改）", json_schema_extra=TEXT_AREA
    )
    assistance: str = Field(
        default="",
        title="限援助对象（留空不改）",
        description="填写 大龄、残疾、低收入家庭、长期待工 中的一个或几个，以顿号分隔；填“不限”取消限制",
    )
    training_category: Literal["KEEP", *TRAINING] = Field(  # type: ignore[valid-type]
        default="KEEP",
        title="限培训类别",
        json_schema_extra=dropdown({"KEEP": "不改", **TRAINING}),
    )
    training_within_months: int | None = Field(
        default=None, title="结业期限（月，留空不改，填 0 不限）"
    )
    region_code: str = Field(default="", title="限地区（六位区划代码，留空不改，填 330000 为全省）")
    market_ownership: Literal["KEEP", *OWNERSHIP] = Field(  # type: ignore[valid-type]
        default="KEEP",
        title="限零工市场性质",
        json_schema_extra=dropdown({"KEEP": "不改", **OWNERSHIP}),
    )


def _categories(text: str, current: list[str]) -> list[str]:
    """Chinese labels separated by 、 (or commas, spaces) → codes; 不限 clears; empty keeps."""
    text = text.strip()
    if not text:
        return current
    if text == "不限":
        return []
    codes = {label: code for code, label in CATEGORY_LABELS.items()}
    parts = [p for p in re.split(r"[\s,，、;；]+", text) if p]
    unknown = [p for p in parts if p not in codes]
    if unknown:
        raise ValueError(f"援助对象只能是 {'、'.join(codes)}（无法识别：{'、'.join(unknown)}）")
    return sorted({codes[p] for p in parts})


def _kept(value: str, current: str | None) -> str | None:
    return current if value == "KEEP" else (value or None)


async def edit(request: Request, data: EditModel) -> str:
    """Change what is filled in (empty: unchanged); kind, amount rule and start stay. The whole
    programme is checked again with the change."""
    row = (
        await t.SubsidyProgramme.select(
            *t.SubsidyProgramme.all_columns(), t.SubsidyProgramme.region._.code.as_alias("code")
        )
        .where(t.SubsidyProgramme.id == data.programme_id)
        .first()
    )
    if row is None:
        raise ValueError(f"第 {data.programme_id} 号补贴项目不存在")
    draft = programmes.ProgrammeDraft(
        name=data.name if data.name not in (None, "") else row["name"],
        kind=row["kind"],
        amount_rule=row["amount_rule"],
        amount=data.amount if data.amount is not None else to_yuan(row["amount_fen"]),
        budget=data.budget if data.budget is not None else to_yuan(row["budget_fen"]),
        approval_threshold=data.approval_threshold
        if data.approval_threshold is not None
        else to_yuan(row["approval_threshold_fen"]),
        starts_at=row["starts_at"],
        ends_at=_after(data.ends_on) if data.ends_on is not None else row["ends_at"],
        description=data.description if data.description is not None else row["description"],
        assistance_categories=_categories(
            data.assistance, list(row["assistance_categories"] or [])
        ),
        training_category=_kept(data.training_category, row["training_category"]),
        training_within_months=row["training_within_months"]
        if data.training_within_months is None
        else (data.training_within_months or None),
        region_code=row["code"]
        if not data.region_code.strip()
        else (None if data.region_code.strip() == "330000" else data.region_code.strip()),
        market_ownership=_kept(data.market_ownership, row["market_ownership"]),
        active={"YES": True, "NO": False}.get(data.active, bool(row["active"])),
    )
    await run_service(programmes.update(staff_id(request), data.programme_id, draft))
    last = local(draft.ends_at - timedelta(seconds=1)) if draft.ends_at else None
    shown = f"，申请截止 {last:%Y-%m-%d}" if last else ""
    return f"补贴项目 {data.programme_id} 已修改：预算 {yuan(int(draft.budget * 100))}{shown}"


class ApplicationModel(BaseModel):
    application_id: int = Field(title="补贴申请编号")


async def approve(request: Request, data: ApplicationModel) -> str:
    status = await run_service(review.approve(data.application_id, staff_id(request)))
    if status == "FIRST_APPROVED":
        return f"补贴申请 {data.application_id} 初审通过，金额超过复核金额线，须由另一位审批人复核"
    return f"补贴申请 {data.application_id} 已批准，金额已计入项目预算"


class RejectModel(ApplicationModel):
    reason: str = Field(
        title="驳回理由", description="申请人会看到此理由", json_schema_extra=TEXT_AREA
    )


async def reject(request: Request, data: RejectModel) -> str:
    await run_service(review.reject(data.application_id, staff_id(request), data.reason))
    return f"补贴申请 {data.application_id} 已驳回"


class PayModel(ApplicationModel):
    payment_reference: str = Field(title="支付凭证号", description="银行或财政支付的凭证编号")


async def pay(request: Request, data: PayModel) -> str:
    await run_service(
        review.mark_paid(data.application_id, staff_id(request), data.payment_reference)
    )
    return f"补贴申请 {data.application_id} 已登记发放，支付凭证号 {data.payment_reference.strip()}"


def subsidy_forms() -> list[FormConfig]:
    return [
        form(CREATE, "新建补贴项目", ProgrammeModel, create, "金额以元填写，日期按北京时间", GROUP),
        form(
            EDIT, "修改补贴项目", EditModel, edit, "只改填写的项目；预算不能低于已批准金额", GROUP
        ),
        form(
            APPROVE, "批准补贴申请", ApplicationModel, approve, "超过复核金额线须两位审批人", GROUP
        ),
        form(REJECT, "驳回补贴申请", RejectModel, reject, "须填写驳回理由", GROUP),
        form(PAY, "登记补贴发放", PayModel, pay, "已批准的申请登记支付凭证号", GROUP),
    ]
