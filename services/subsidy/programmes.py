"""Programme rules: what a programme may say (kind, amount rule, money, period, eligibility),
checked the same way for the admin forms and the demo data; staff edits are audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from piccolo.columns import Column

from services.audit import rules as audit
from services.auth.staff import scope_of
from services.db import is_unique_violation, write_transaction
from services.job_posting.wage import CENT
from services.money import yuan
from services.problems import Problem, Problems, ServiceError
from tables import subsidy as t
from tables.region import COUNTY_LEVELS, Region

ENTITY = "subsidy_programme"
KINDS = tuple(k.value.value for k in t.SubsidyKind)
AMOUNT_RULES = tuple(r.value.value for r in t.AmountRule)
CATEGORIES = tuple(c.value.value for c in t.AssistanceCategory)
TRAINING_CATEGORIES = ("URGENT_SKILL", "NEW_OCCUPATION", "ENTREPRENEURSHIP", "GENERAL")
OWNERSHIPS = ("PUBLIC_WELFARE", "MARKET_OPERATED")
TRAINING_KINDS = ("TRAINING_SUBSIDY", "TRAINING_LIVING_ALLOWANCE")
# Who applies: a market's operator for the employment service subsidy (（十一）), else a worker.
OPERATOR_KINDS = ("EMPLOYMENT_SERVICE_SUBSIDY",)
CLAUSES = {
    "TRAINING_SUBSIDY": "（九）",
    "TRAINING_LIVING_ALLOWANCE": "（九）",
    "PUBLIC_WELFARE_JOB_SUBSIDY": "（十）",
    "EMPLOYMENT_SERVICE_SUBSIDY": "（十一）",
}
# Which amount rules fit which kind.
RULES_BY_KIND = {
    "TRAINING_SUBSIDY": ("FIXED", "PER_TRAINING_HOUR"),
    "TRAINING_LIVING_ALLOWANCE": ("FIXED", "PER_TRAINING_HOUR"),
    "PUBLIC_WELFARE_JOB_SUBSIDY": ("FIXED",),
    "EMPLOYMENT_SERVICE_SUBSIDY": ("FIXED", "PER_PLACEMENT"),
}
MAX_NAME, MAX_DESCRIPTION = 100, 2000
MAX_RATE_YUAN = Decimal(100_000)
MAX_BUDGET_YUAN = Decimal(1_000_000_000)
MAX_MONTHS = 60


def fen_of(
    amount: Decimal | None, limit: Decimal, problems: Problems, field_name: str, what: str
) -> int | None:
    """Integer fen of an amount in yuan: 0 < amount ≤ limit (0 allowed for a threshold)."""
    if amount is None or not amount.is_finite() or amount < 0 or amount > limit:
        problems.add("INVALID_AMOUNT", f"{what}须在 0 到 {limit:,} 元之间", field_name)
        return None
    if amount != amount.quantize(CENT):
        problems.add("INVALID_AMOUNT", f"{what}最多保留两位小数（精确到分）", field_name)
        return None
    return int(amount * 100)


def region_prefix(code: str | None) -> str:
    """What every covered county code starts with: a county itself, a city's four digits,
    nothing for the province or no region."""
    if not code or code == "330000":
        return ""
    return code[:4] if code.endswith("00") else code


@dataclass
class ProgrammeDraft:
    name: str
    kind: str
    amount_rule: str
    amount: Decimal
    budget: Decimal
    approval_threshold: Decimal
    starts_at: datetime | None
    ends_at: datetime | None
    description: str = ""
    assistance_categories: list[str] = field(default_factory=list)
    training_category: str | None = None
    training_within_months: int | None = None
    region_code: str | None = None
    market_ownership: str | None = None
    active: bool = True


async def _region(code: str | None, problems: Problems) -> int | None:
    code = (code or "").strip()
    if not code:
        return None
    row = await Region.select(Region.id, Region.level).where(Region.code == code).first()
    if row is None or row["level"] not in (*COUNTY_LEVELS, "prefecture", "province"):
        problems.add(
            "INVALID_REGION", "地区须为浙江省、设区市或县（市、区）的六位区划代码", "region"
        )
        return None
    return row["id"]


async def validate(draft: ProgrammeDraft, committed_fen: int = 0) -> dict[str, Any]:
    """Every problem at once, or the column values to store."""
    problems = Problems()
    name = (draft.name or "").strip()
    if not name:
        problems.add("REQUIRED", "请填写项目名称", "name")
    elif len(name) > MAX_NAME:
        problems.add("TOO_LONG", f"项目名称不超过 {MAX_NAME} 个字", "name")
    description = (draft.description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        problems.add("TOO_LONG", f"项目说明不超过 {MAX_DESCRIPTION} 个字", "description")
    if draft.kind not in KINDS:
        problems.add("REQUIRED", "请选择补贴类型", "kind")
    elif draft.amount_rule not in RULES_BY_KIND[draft.kind]:
        problems.add("INVALID_AMOUNT_RULE", "该补贴类型不能使用此计发方式", "amount_rule")
    amount = fen_of(draft.amount, MAX_RATE_YUAN, problems, "amount", "补贴标准")
    if amount == 0:
        problems.add("INVALID_AMOUNT", "补贴标准须大于 0 元", "amount")
    budget = fen_of(draft.budget, MAX_BUDGET_YUAN, problems, "budget", "预算")
    if budget is not None and budget < committed_fen:
        problems.add(
            "BUDGET_BELOW_COMMITTED", f"预算不能低于已批准金额 {yuan(committed_fen)}", "budget"
        )
    threshold = fen_of(
        draft.approval_threshold, MAX_BUDGET_YUAN, problems, "approval_threshold", "复核金额线"
    )
    starts, ends = draft.starts_at, draft.ends_at
    if starts is None or ends is None or starts.tzinfo is None or ends.tzinfo is None:
        problems.add("INVALID_PERIOD", "请填写带时区的申请开始和截止时间", "starts_at")
    elif ends <= starts:
        problems.add("INVALID_PERIOD", "申请截止时间须晚于开始时间", "ends_at")
    categories = sorted(set(draft.assistance_categories or []))
    if any(c not in CATEGORIES for c in categories):
        problems.add("INVALID_CHOICE", "援助对象类别无效", "assistance_categories")
    training_category = draft.training_category or None
    months = draft.training_within_months
    training_kind = draft.kind in TRAINING_KINDS
    if training_category is not None and training_category not in TRAINING_CATEGORIES:
        problems.add("INVALID_CHOICE", "培训类别无效", "training_category")
    if months is not None and not 1 <= months <= MAX_MONTHS:
        problems.add(
            "INVALID_MONTHS", f"结业期限须为 1 到 {MAX_MONTHS} 个月", "training_within_months"
        )
    if not training_kind and (training_category is not None or months is not None):
        problems.add(
            "TRAINING_RULE_NOT_APPLICABLE", "只有培训类补贴可以设置培训条件", "training_category"
        )
    ownership = draft.market_ownership or None
    if ownership is not None and ownership not in OWNERSHIPS:
        problems.add("INVALID_CHOICE", "零工市场性质无效", "market_ownership")
    if ownership is not None and draft.kind not in OPERATOR_KINDS:
        problems.add(
            "OWNERSHIP_RULE_NOT_APPLICABLE",
            "只有就业创业服务补贴可以限定零工市场性质",
            "market_ownership",
        )
    if draft.kind in OPERATOR_KINDS and categories:
        problems.add(
            "ASSISTANCE_RULE_NOT_APPLICABLE",
            "就业创业服务补贴由零工市场申请，不能限定援助对象",
            "assistance_categories",
        )
    region = await _region(draft.region_code, problems)
    problems.raise_if_any()
    return {
        "name": name,
        "kind": draft.kind,
        "description": description,
        "amount_rule": draft.amount_rule,
        "amount_fen": amount,
        "assistance_categories": categories,
        "training_category": training_category,
        "training_within_months": months,
        "region": region,
        "market_ownership": ownership,
        "starts_at": starts,
        "ends_at": ends,
        "budget_fen": budget,
        "approval_threshold_fen": threshold,
        "active": bool(draft.active),
    }


async def _editor(staff_id: int) -> None:
    if (await scope_of(staff_id)).read_only:
        raise ServiceError([Problem("READ_ONLY", "只读账号不能维护补贴项目", ())])


def _taken() -> ServiceError:
    return ServiceError([Problem("NAME_TAKEN", "已有同名的补贴项目", ("name",))])


def summary(values: dict[str, Any]) -> dict[str, Any]:
    keep = {k: v for k, v in values.items() if k not in ("id", "created_at", "updated_at")}
    return {k: (str(v) if isinstance(v, datetime) else v) for k, v in keep.items()}


async def create(staff_id: int | None, draft: ProgrammeDraft) -> int:
    """A new programme (staff in the admin; the demo data with no staff id)."""
    if staff_id is not None:
        await _editor(staff_id)
    values = await validate(draft)
    actor = audit.Actor("STAFF", staff_id) if staff_id is not None else audit.SYSTEM
    try:
        async with write_transaction():
            await audit.serialise()
            rows = await t.SubsidyProgramme.insert(
                t.SubsidyProgramme(**values, committed_fen=0, last_edited_by=staff_id)
            ).returning(t.SubsidyProgramme.id)
            programme_id = rows[0]["id"]
            await audit.record(
                actor, f"{ENTITY}.create", ENTITY, programme_id, after=summary(values)
            )
    except Exception as exc:
        if is_unique_violation(exc):
            raise _taken() from None
        raise
    return programme_id


async def update(staff_id: int, programme_id: int, draft: ProgrammeDraft) -> int:
    """Change a programme; its budget never drops below what approvals already committed."""
    await _editor(staff_id)
    try:
        async with write_transaction():
            await audit.serialise()
            current = (
                await t.SubsidyProgramme.select()
                .where(t.SubsidyProgramme.id == programme_id)
                .first()
            )
            if current is None:
                raise ServiceError([Problem("NOT_FOUND", "补贴项目不存在", ("programme_id",))])
            values = await validate(draft, current["committed_fen"])
            if current["kind"] != values["kind"] and await t.SubsidyApplication.exists().where(
                t.SubsidyApplication.programme == programme_id
            ):
                raise ServiceError(
                    [Problem("KIND_LOCKED", "该项目已有申请，不能更改补贴类型", ("kind",))]
                )
            changes: dict[Column | str, Any] = {}
            for key, value in values.items():
                changes[key] = value
            await t.SubsidyProgramme.update(
                {
                    **changes,
                    t.SubsidyProgramme.last_edited_by: staff_id,
                    t.SubsidyProgramme.version: t.SubsidyProgramme.version + 1,
                }
            ).where(t.SubsidyProgramme.id == programme_id)
            before = summary({k: current[k] for k in values})
            await audit.record(
                audit.Actor("STAFF", staff_id),
                f"{ENTITY}.update",
                ENTITY,
                programme_id,
                before=before,
                after=summary(values),
            )
    except Exception as exc:
        if is_unique_violation(exc):
            raise _taken() from None
        raise
    return programme_id
