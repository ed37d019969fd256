"""Exact money for cases and settlements: yuan as Decimal in, integer fen stored."""

from __future__ import annotations

from decimal import Decimal

from services.problems import Problems

CENT = Decimal("0.01")
# A plausibility cap: one worker's claim or payment above a million yuan is a typo.
MAX_YUAN = Decimal(1_000_000)


def to_fen(amount: Decimal, problems: Problems, *path: str, allow_zero: bool = False) -> int | None:
    """Integer fen for a valid amount; otherwise a problem is recorded and None returned."""
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        problems.add("INVALID_AMOUNT", "金额须大于 0" if not allow_zero else "金额不能为负", *path)
        return None
    if amount > MAX_YUAN:
        problems.add("INVALID_AMOUNT", "金额不合理：不超过 1000000 元", *path)
        return None
    if amount != amount.quantize(CENT):
        problems.add("INVALID_AMOUNT", "金额最多保留两位小数（精确到分）", *path)
        return None
    return int(amount * 100)


def to_yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(CENT)
