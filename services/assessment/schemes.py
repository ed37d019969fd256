"""What a scheme row and an indicator row must satisfy, wherever they are written (the admin's
tables, the demo seed): each rule broken is one Chinese sentence."""

from __future__ import annotations

from services.assessment import periods
from services.assessment.rules import INDICATORS


def scheme_row_problems(data: dict) -> list[str]:
    problems: list[str] = []
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
    return problems


def indicator_row_problems(data: dict) -> list[str]:
    problems: list[str] = []
    if data.get("indicator") not in INDICATORS:
        problems.append("请选择有效的考核指标")
    if not 0 <= (data.get("weight") or 0) <= 100:
        problems.append("权重须在 0 到 100 之间（各指标合计 100，运行考核时检查）")
    if (data.get("target") or 0) < 1:
        problems.append("月度目标值须大于 0")
    return problems
