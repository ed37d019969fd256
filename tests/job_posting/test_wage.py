"""Exact wage arithmetic: yuan ↔ fen and the daily equivalent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.job_posting.wage import daily_fen, to_fen, to_yuan
from services.problems import Problems


@pytest.mark.parametrize(
    ("amount", "unit", "fen", "daily"),
    [
        ("0.01", "HOUR", 1, 8),
        ("25.5", "HOUR", 2550, 20400),
        ("180.50", "DAY", 18050, 18050),
        ("6000", "MONTH", 600000, 27586),  # 27586.2 fen rounds down
        ("4350.01", "MONTH", 435001, 20000),  # 20000.05 fen
        ("1.5", "PIECE", 150, None),
        ("180.500", "DAY", 18050, 18050),  # trailing zeros are still exact to the fen
    ],
)
def test_amounts_convert_exactly(amount, unit, fen, daily):
    problems = Problems()

    assert to_fen(Decimal(amount), unit, problems, "wage") == fen
    assert not problems
    assert daily_fen(fen, unit) == daily
    assert to_yuan(fen) == Decimal(amount).quantize(Decimal("0.01"))


def test_monthly_equivalents_round_to_the_nearest_fen():
    assert daily_fen(87, "MONTH") == 4  # 87 / 21.75 = 4 exactly
    assert daily_fen(65, "MONTH") == 3  # 2.988… → 3
    assert daily_fen(76, "MONTH") == 3  # 3.494… → 3


def test_unknown_units_are_a_problem():
    problems = Problems()

    assert to_fen(Decimal("10"), "WEEK", problems, "wage") is None
    assert [(p.code, p.field) for p in problems.items] == [("INVALID_WAGE", ("wage", "unit"))]
