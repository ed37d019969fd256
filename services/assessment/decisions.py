"""Staff decisions: four-eyes approval within both budgets and exactly one payout; rejection."""

from __future__ import annotations

from typing import Any

from piccolo.columns.combination import WhereRaw

from services.assessment import periods
from services.assessment.runs import ENTITY, evaluations, scheme_for, summary
from services.audit import rules as audit
from services.auth.staff import require_approver
from services.db import write_transaction
from services.money import yuan
from services.problems import Problem, Problems, ServiceError
from services.retry import retrying
from services.timeutil import now
from tables.assessment import (
    Assessment,
    AssessmentScheme,
    ContractBudgetUsage,
    Payout,
    WorkloadReport,
)
from tables.operator import OperatingContract

MAX_TEXT = 2_000


def _fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


def _text(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise _fail("TEXT_TOO_LONG", f"说明最长 {MAX_TEXT} 个字", field)
    return text


async def _open(assessment_id: int, version: int, staff_id: int, problems: Problems) -> dict:
    """The DRAFT the staff member looked at (same version), which someone else last edited."""
    row = await Assessment.select().where(Assessment.id == assessment_id).first()
    if row is None:
        raise _fail("NOT_FOUND", f"第 {assessment_id} 号考核不存在", "assessment_id")
    if row["status"] != "DRAFT":
        raise _fail("ALREADY_DECIDED", "该考核已审定（批准或驳回），不能重复处理", "assessment_id")
    if row["version"] != version:
        raise _fail(
            "STALE_VERSION",
            f"考核已更新为第 {row['version']} 版，请核对最新内容后再处理",
            "version",
        )
    if row["last_edited_by"] == staff_id:
        # Four-eyes: whoever ran or last changed the assessment cannot also decide on it.
        problems.add("FOUR_EYES", "审批人不能是运行或最后修改该考核的工作人员", "assessment_id")
    return row


async def _claim(row: dict, status: str, changes: dict) -> dict:
    """Conditional UPDATE: of two simultaneous decisions exactly one moves the row on."""
    claimed = (
        await Assessment.update(
            {Assessment.status: status, Assessment.version: row["version"] + 1, **changes}
        )
        .where(
            (Assessment.id == row["id"])
            & (Assessment.status == "DRAFT")
            & (Assessment.version == row["version"])
        )
        .returning(Assessment.id)
    )
    if not claimed:
        raise _fail("ALREADY_DECIDED", "该考核刚被他人审定，不能重复处理", "assessment_id")
    after = await Assessment.select().where(Assessment.id == row["id"]).first()
    assert after is not None  # this transaction has just updated it
    return after


async def _lock_reports(row: dict, moment: Any) -> None:
    await WorkloadReport.update({WorkloadReport.locked_at: moment}).where(
        (WorkloadReport.market == row["market"])
        & (WorkloadReport.period == row["period"])
        & WorkloadReport.locked_at.is_null()
    )


async def _still_valid(row: dict, problems: Problems) -> None:
    """Approve what the numbers say now: same scheme, contract, report version, score, flag."""
    scheme = await scheme_for(row["period"], problems)
    if scheme is None or problems:
        return
    fresh = (await evaluations(row["period"], scheme, [row["market"]])).get(row["market"])
    if fresh is None or scheme.id != row["scheme"] or not fresh.same_as(row):
        problems.add(
            "ASSESSMENT_STALE",
            "报告、观测数据或考核办法在运行后已变化，请重新运行考核后再审批",
            "assessment_id",
        )


async def _commit_scheme_budget(scheme_id: int, amount: int) -> None:
    raised = (
        await AssessmentScheme.update(
            {AssessmentScheme.committed_fen: AssessmentScheme.committed_fen + amount}
        )
        .where(
            (AssessmentScheme.id == scheme_id)
            & WhereRaw("committed_fen + {} <= budget_fen", amount)
        )
        .returning(AssessmentScheme.id)
    )
    if not raised:
        row = await AssessmentScheme.select().where(AssessmentScheme.id == scheme_id).first()
        # The assessment read in this transaction references it (NOT NULL, ON DELETE RESTRICT).
        assert row is not None
        left = row["budget_fen"] - row["committed_fen"]
        raise _fail(
            "SCHEME_BUDGET_EXCEEDED",
            f"超出 {row['year']} 年考核奖励总预算：剩余 {yuan(left)}，本次 {yuan(amount)}",
            "assessment_id",
        )


async def _commit_contract_budget(contract_id: int, year: int, amount: int) -> None:
    contract = await OperatingContract.select().where(OperatingContract.id == contract_id).first()
    # The assessment read in this transaction references it (NOT NULL, ON DELETE RESTRICT).
    assert contract is not None
    budget = contract["yearly_budget_fen"]
    usage = ContractBudgetUsage
    where = (usage.contract == contract_id) & (usage.year == year)
    if not await usage.exists().where(where):
        await usage.insert(usage(contract=contract_id, year=year, committed_fen=0))
    raised = (
        await usage.update({usage.committed_fen: usage.committed_fen + amount})
        .where(where & WhereRaw("committed_fen + {} <= {}", amount, budget))
        .returning(usage.id)
    )
    if not raised:
        usage_row = await usage.select(usage.committed_fen).where(where).first()
        assert usage_row is not None  # inserted above in this transaction if it was missing
        used = usage_row["committed_fen"]
        raise _fail(
            "CONTRACT_BUDGET_EXCEEDED",
            f"超出运营合同 {year} 年奖励预算：剩余 {yuan(budget - used)}，本次 {yuan(amount)}",
            "assessment_id",
        )


async def approve(
    assessment_id: int, version: int, staff_id: int, justification: str | None = ""
) -> dict:
    """Approve a DRAFT and return its payout. Everything or nothing: status, both budgets,
    report locks, the payout and the audit record commit in one transaction."""
    text = _text(justification, "justification")
    await require_approver(staff_id, "批准考核")
    return await retrying(lambda: _approve(assessment_id, version, staff_id, text))


async def _approve(assessment_id: int, version: int, staff_id: int, justification: str) -> dict:
    actor = audit.Actor("STAFF", staff_id)
    async with write_transaction():
        await audit.serialise()
        problems = Problems()
        row = await _open(assessment_id, version, staff_id, problems)
        if row["report"] is None:
            problems.add("NO_REPORT", "该月没有工作量报告，只能驳回", "assessment_id")
        else:
            await _still_valid(row, problems)
        if row["flagged"] and not justification:
            problems.add(
                "JUSTIFICATION_REQUIRED",
                "报告与平台观测数据差异超出容忍度，批准须填写说明",
                "justification",
            )
        problems.raise_if_any()
        moment = now()
        after = await _claim(
            row,
            "APPROVED",
            {
                Assessment.decided_by: staff_id,
                Assessment.decided_at: moment,
                Assessment.justification: justification,
            },
        )
        amount = row["proposed_reward_fen"]
        await _commit_scheme_budget(row["scheme"], amount)
        await _commit_contract_budget(row["contract"], periods.year(row["period"]), amount)
        await _lock_reports(row, moment)
        inserted = await Payout.insert(
            Payout(
                assessment=row["id"],
                operator=row["operator"],
                market=row["market"],
                period=row["period"],
                amount_fen=amount,
                approved_by=staff_id,
                created_at=moment,
            )
        ).returning(Payout.id)
        payout = await Payout.select().where(Payout.id == inserted[0]["id"]).first()
        assert payout is not None  # inserted just above in this transaction
        await audit.record(
            actor,
            f"{ENTITY}.approve",
            ENTITY,
            row["id"],
            before=summary(row),
            after={
                **summary(after),
                "justification": justification,
                "payout": payout["id"],
                "amount_fen": amount,
            },
        )
        return payout


async def reject(assessment_id: int, version: int, staff_id: int, reason: str | None) -> None:
    """Reject a DRAFT with a reason; the month's reports are locked, nothing is paid."""
    text = _text(reason, "reason")
    if not text:
        raise _fail("REASON_REQUIRED", "驳回须填写理由", "reason")
    await require_approver(staff_id, "驳回考核")
    await retrying(lambda: _reject(assessment_id, version, staff_id, text))


async def _reject(assessment_id: int, version: int, staff_id: int, reason: str) -> None:
    actor = audit.Actor("STAFF", staff_id)
    async with write_transaction():
        await audit.serialise()
        problems = Problems()
        row = await _open(assessment_id, version, staff_id, problems)
        problems.raise_if_any()
        moment = now()
        after = await _claim(
            row,
            "REJECTED",
            {
                Assessment.decided_by: staff_id,
                Assessment.decided_at: moment,
                Assessment.reject_reason: reason,
            },
        )
        await _lock_reports(row, moment)
        await audit.record(
            actor,
            f"{ENTITY}.reject",
            ENTITY,
            row["id"],
            before=summary(row),
            after={**summary(after), "reason": reason},
        )
