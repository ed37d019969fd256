"""Admin tables of the operator, assessment and audit domains, guarded by the service rules."""

# Contracts and schemes are edited under the same rules as everywhere else; reports,
# assessments, payouts, budgets and the audit log are read-only: the workflow moves only through
# the forms in admin/forms/assessment.py.

from __future__ import annotations

from typing import Any

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.crud.validators import Validators
from starlette.exceptions import HTTPException

from services.assessment import periods
from services.assessment.rules import INDICATORS
from services.operator import rules as contracts
from tables import assessment as t
from tables.audit import AuditLog
from tables.operator import OperatingContract

GROUP = "考核与绩效奖励"
AUDIT = "审计"
USE_FORMS = "该表由考核流程自动维护，只读；请使用“考核与绩效奖励”中的表单办理"
# Columns only the workflow moves: approvals raise committed_fen, editors are recorded.
SCHEME_WORKFLOW = ("committed_fen", "last_edited_by")


def _name(key: Any) -> str:
    return key._meta.name if hasattr(key, "_meta") else str(key)


def _names(values: dict) -> dict[str, Any]:
    return {_name(k): v for k, v in values.items()}


def _reject(problems, status: int = 422) -> None:
    raise HTTPException(status_code=status, detail="；".join(p.message for p in problems))


def read_only(piccolo_crud: Any, request: Any) -> None:
    raise HTTPException(status_code=403, detail=USE_FORMS)


def _read_only() -> Validators:
    return Validators(
        post_single=[read_only],
        patch_single=[read_only],
        put_single=[read_only],
        delete_single=[read_only],
        delete_all=[read_only],
    )


# --- operating contracts -------------------------------------------------------------------


def _contract_draft(data: dict, contract_id: int | None) -> contracts.ContractDraft:
    return contracts.ContractDraft(
        operator_id=data.get("operator"),
        market_id=data.get("market"),
        starts_on=data.get("starts_on"),
        ends_on=data.get("ends_on"),
        yearly_budget_fen=data.get("yearly_budget_fen"),
        contract_id=contract_id,
    )


async def contract_pre_save(row):
    data = {c._meta.name: getattr(row, c._meta.name) for c in OperatingContract._meta.columns}
    problems = await contracts.validate(_contract_draft(data, None))
    if problems:
        _reject(problems.items)
    return row


async def contract_pre_patch(row_id, values: dict) -> dict:
    current = await OperatingContract.select().where(OperatingContract.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="运营合同不存在")
    draft = _contract_draft({**current, **_names(values)}, int(row_id))
    problems = await contracts.validate(draft)
    if problems:
        _reject(problems.items)
    return values


async def contract_pre_delete(row_id):
    problems = await contracts.deletable(int(row_id))
    if problems:
        _reject(problems.items)


# --- assessment schemes and their indicators ---------------------------------------------


def _check_scheme(data: dict) -> None:
    problems = []
    if (data.get("year") or 0) < periods.FIRST_YEAR:
        problems.append(f"年度须不早于 {periods.FIRST_YEAR} 年")
    for column, label in (("tolerance_percent", "容忍度"), ("pass_score", "合格分")):
        if not 0 <= (data.get(column) or 0) <= 100:
            problems.append(f"{label}须在 0 到 100 之间")
    for column, label in (("monthly_reward_cap_fen", "月度奖励上限"), ("budget_fen", "年度预算")):
        if (data.get(column) or 0) < 0:
            problems.append(f"{label}不能为负数")
    if (data.get("budget_fen") or 0) < (data.get("committed_fen") or 0):
        problems.append("年度预算不能低于已批准的奖励总额")
    if problems:
        raise HTTPException(status_code=422, detail="；".join(problems))


async def scheme_pre_save(row, request):
    if row.committed_fen:
        raise HTTPException(status_code=403, detail="已批准奖励由审批自动累计，不能手工填写")
    row.committed_fen = 0
    row.last_edited_by = request.user.user.id
    _check_scheme(
        {c._meta.name: getattr(row, c._meta.name) for c in t.AssessmentScheme._meta.columns}
    )
    return row


async def scheme_pre_patch(row_id, values: dict, request) -> dict:
    scheme = t.AssessmentScheme
    current = await scheme.select().where(scheme.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="考核办法不存在")
    plain = _names(values)
    for column in SCHEME_WORKFLOW:
        # The edit form sends unchanged columns back; only a changed value is an edit.
        if column in plain and plain[column] != current[column]:
            raise HTTPException(status_code=403, detail=f"{column} 由审批流程维护，不能直接修改")
    assessed = await t.Assessment.exists().where(t.Assessment.scheme == int(row_id))
    if assessed and "year" in plain and plain["year"] != current["year"]:
        raise HTTPException(status_code=422, detail="该办法已用于考核，不能修改年度")
    _check_scheme({**current, **plain})
    kept = {k: v for k, v in values.items() if _name(k) not in SCHEME_WORKFLOW}
    kept[scheme.last_edited_by] = request.user.user.id
    return kept


async def scheme_pre_delete(row_id):
    if await t.Assessment.exists().where(t.Assessment.scheme == int(row_id)):
        raise HTTPException(status_code=422, detail="该办法已用于考核，不能删除")


def _check_indicator(data: dict) -> None:
    problems = []
    if data.get("indicator") not in INDICATORS:
        problems.append("请选择有效的考核指标")
    if not 0 <= (data.get("weight") or 0) <= 100:
        problems.append("权重须在 0 到 100 之间（各指标合计 100，运行考核时检查）")
    if (data.get("target") or 0) < 1:
        problems.append("月度目标值须大于 0")
    if problems:
        raise HTTPException(status_code=422, detail="；".join(problems))


async def indicator_pre_save(row):
    _check_indicator({"indicator": row.indicator, "weight": row.weight, "target": row.target})
    return row


async def indicator_pre_patch(row_id, values: dict) -> dict:
    indicator = t.AssessmentIndicator
    current = await indicator.select().where(indicator.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="考核指标不存在")
    _check_indicator({**current, **_names(values)})
    return values


def assessment_tables() -> list[TableConfig]:
    a, r = t.Assessment, t.WorkloadReport
    return [
        TableConfig(
            OperatingContract,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, contract_pre_save),
                Hook(HookType.pre_patch, contract_pre_patch),
                Hook(HookType.pre_delete, contract_pre_delete),
            ],
        ),
        TableConfig(
            t.AssessmentScheme,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, scheme_pre_save),
                Hook(HookType.pre_patch, scheme_pre_patch),
                Hook(HookType.pre_delete, scheme_pre_delete),
            ],
        ),
        TableConfig(
            t.AssessmentIndicator,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, indicator_pre_save),
                Hook(HookType.pre_patch, indicator_pre_patch),
            ],
        ),
        TableConfig(
            r,
            menu_group=GROUP,
            visible_columns=[
                r.id,
                r.operator,
                r.market,
                r.period,
                r.version,
                r.is_current,
                r.locked_at,
            ],
            visible_filters=[r.operator, r.market, r.period, r.is_current],
            validators=_read_only(),
        ),
        TableConfig(
            a,
            menu_group=GROUP,
            visible_columns=[
                a.id,
                a.market,
                a.period,
                a.status,
                a.score_basis_points,
                a.proposed_reward_fen,
                a.flagged,
                a.version,
                a.last_edited_by,
            ],
            visible_filters=[a.market, a.operator, a.period, a.status, a.flagged],
            validators=_read_only(),
        ),
        TableConfig(t.Payout, menu_group=GROUP, validators=_read_only()),
        TableConfig(t.ContractBudgetUsage, menu_group=GROUP, validators=_read_only()),
        TableConfig(AuditLog, menu_group=AUDIT, validators=_read_only()),
    ]
