"""Exact wages: yuan amounts as Decimal, stored as integer fen, with a daily equivalent."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from services.problems import Problems

CENT = Decimal("0.01")
# Plausibility caps in yuan per unit: a typo such as 18000 per hour is caught before publishing.
MAX_YUAN = {"HOUR": 1_000, "DAY": 10_000, "PIECE": 10_000, "MONTH": 200_000}
HOURS_PER_DAY = 8
# The statutory average number of working days per month (21.75) converts monthly wages.
WORKDAYS_PER_MONTH = Decimal("21.75")


def to_fen(amount: Decimal, unit: str, problems: Problems, *path: str) -> int | None:
    """Integer fen for a valid amount; otherwise a problem is recorded and None returned."""
    cap = MAX_YUAN.get(unit)
    if cap is None:
        problems.add("INVALID_WAGE", "工资单位无效", *path, "unit")
        return None
    if not amount.is_finite() or amount <= 0:
        problems.add("INVALID_WAGE", "工资须大于 0", *path, "amount")
        return None
    if amount > cap:
        problems.add("INVALID_WAGE", f"工资金额不合理：每单位不超过 {cap} 元", *path, "amount")
        return None
    if amount != amount.quantize(CENT):
        problems.add("INVALID_WAGE", "工资最多保留两位小数（精确到分）", *path, "amount")
        return None
    return int(amount * 100)


def daily_fen(fen: int, unit: str) -> int | None:
    """The per-day equivalent used for filtering and matching; piece rates have none."""
    if unit == "HOUR":
        return fen * HOURS_PER_DAY
    if unit == "DAY":
        return fen
    if unit == "MONTH":
        return int((Decimal(fen) / WORKDAYS_PER_MONTH).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return None


def to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)
