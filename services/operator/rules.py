"""Operating contracts (（十一）): who runs which market when, and the rules staff edits obey."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from services.assessment import periods
from services.problems import Problems
from tables import market as m
from tables.assessment import Assessment, ContractBudgetUsage
from tables.operator import OperatingContract as C
from tables.operator import Operator

# Ten years of reward budget in fen (100 million yuan a year) keeps sums far inside BIGINT.
MAX_YEARLY_BUDGET_FEN = 10_000_000_000


class Coverage(Enum):
    RESPONSIBLE = "RESPONSIBLE"
    NOT_FOUND = "NOT_FOUND"  # no contract ever: the market looks exactly like a missing one
    NOT_UNDER_CONTRACT = "NOT_UNDER_CONTRACT"  # the operator's market, but not for that month


async def responsible_contracts(period: str, market_ids: list[int] | None = None) -> dict:
    """The contract answering for each market in the month: of the contracts overlapping it,
    the one that started last (in a hand-over month the incoming operator reports)."""
    first, last = periods.days(period)
    query = C.select().where((C.starts_on <= last) & (C.ends_on >= first))
    if market_ids is not None:
        if not market_ids:
            return {}
        query = query.where(C.market.is_in(market_ids))
    rows = await query.order_by(C.starts_on).order_by(C.id)
    return {r["market"]: r for r in rows}  # ordered: the latest start wins


async def coverage(operator_id: int, market_id: int | None, period: str) -> tuple[Coverage, dict]:
    """Whether `operator_id` answers for the market in `period`, with that contract."""
    if market_id is None:
        return Coverage.NOT_FOUND, {}
    known = await C.exists().where((C.operator == operator_id) & (C.market == market_id))
    if not known:
        return Coverage.NOT_FOUND, {}
    contract = (await responsible_contracts(period, [market_id])).get(market_id)
    if contract is None or contract["operator"] != operator_id:
        return Coverage.NOT_UNDER_CONTRACT, {}
    return Coverage.RESPONSIBLE, contract


@dataclass
class ContractDraft:
    operator_id: int | None
    market_id: int | None
    starts_on: date | None
    ends_on: date | None
    yearly_budget_fen: int | None
    contract_id: int | None = None  # set when editing


async def validate(draft: ContractDraft) -> Problems:
    """Every problem with a contract as staff enter it in the admin."""
    problems = Problems()
    if draft.operator_id is None or not await Operator.exists().where(
        Operator.id == draft.operator_id
    ):
        problems.add("REQUIRED", "请选择运营机构", "operator")
    if draft.market_id is None or not await m.Market.exists().where(m.Market.id == draft.market_id):
        problems.add("REQUIRED", "请选择零工市场", "market")
    if draft.starts_on is None or draft.ends_on is None:
        problems.add("REQUIRED", "请填写合同起止日期", "starts_on")
    elif draft.ends_on < draft.starts_on:
        problems.add("INVALID_DATES", "合同结束日期不能早于开始日期", "ends_on")
    elif draft.starts_on.year < periods.FIRST_YEAR:
        problems.add("INVALID_DATES", f"合同不能早于 {periods.FIRST_YEAR} 年", "starts_on")
    budget = draft.yearly_budget_fen
    if budget is None or not 0 <= budget <= MAX_YEARLY_BUDGET_FEN:
        problems.add(
            "INVALID_BUDGET",
            f"年度预算（分）须在 0 到 {MAX_YEARLY_BUDGET_FEN} 之间",
            "yearly_budget_fen",
        )
    if problems:
        return problems
    await _check_overlap(draft, problems)
    if draft.contract_id is not None:
        await _check_history(draft, problems)
    return problems


async def _check_overlap(draft: ContractDraft, problems: Problems) -> None:
    # Overlapping contracts for one market would make "who answers for this month" ambiguous.
    query = C.select(C.id).where(
        (C.market == draft.market_id)
        & (C.starts_on <= draft.ends_on)
        & (C.ends_on >= draft.starts_on)
    )
    if draft.contract_id is not None:
        query = query.where(C.id != draft.contract_id)
    clash = await query.first()
    if clash is not None:
        problems.add("OVERLAP", f"与该市场的第 {clash['id']} 号合同日期重叠", "starts_on")


async def _check_history(draft: ContractDraft, problems: Problems) -> None:
    """Assessed contracts keep their parties, and budgets never fall below what was paid."""
    current = await C.select().where(C.id == draft.contract_id).first()
    if current is None:
        return
    assessed = await Assessment.exists().where(Assessment.contract == draft.contract_id)
    if assessed and (
        current["operator"] != draft.operator_id or current["market"] != draft.market_id
    ):
        problems.add("ASSESSED", "该合同已有考核记录，不能更换运营机构或市场", "operator")
    usage = await ContractBudgetUsage.select(ContractBudgetUsage.committed_fen).where(
        ContractBudgetUsage.contract == draft.contract_id
    )
    used = max((u["committed_fen"] for u in usage), default=0)
    if (draft.yearly_budget_fen or 0) < used:
        problems.add(
            "BELOW_COMMITTED",
            f"年度预算不能低于已批准的奖励 {used} 分",
            "yearly_budget_fen",
        )


async def deletable(contract_id: int) -> Problems:
    problems = Problems()
    if await Assessment.exists().where(Assessment.contract == contract_id):
        problems.add("ASSESSED", "该合同已有考核记录，不能删除", "id")
    return problems
