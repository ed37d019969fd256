"""The assessment formula: exact score in basis points, reward in fen, ROUND_HALF_UP, tolerance."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest

from services.assessment.rules import (
    Scheme,
    Target,
    exceeds_tolerance,
    reconcile,
    reward_fen,
    round_half_up,
    score_basis_points,
)
from tests.fixtures.assessment import TARGETS

TARGET_LIST = tuple(Target(name, weight, target) for name, (weight, target) in TARGETS.items())


def scheme(cap: int = 1_000_000, pass_score: int = 60) -> Scheme:
    return Scheme(1, 2025, 10, pass_score, cap, 0, 0, TARGET_LIST)


def test_round_half_up_matches_decimal_round_half_up_on_exact_values():
    # given
    rng = random.Random(20231)
    values = [Fraction(n, d) for n, d in [(1, 2), (3, 2), (5, 2), (2499, 1000), (1, 3), (2, 3)]]
    values += [Fraction(rng.randrange(10**12), rng.randrange(1, 10**6)) for _ in range(500)]

    for value in values:
        # when
        with localcontext() as ctx:
            ctx.prec = 60  # enough digits that the quotient itself is not rounded across .5
            expected = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP
            )

        # then
        assert round_half_up(value) == int(expected), value


def test_round_half_up_refuses_negative_amounts():
    with pytest.raises(ValueError):
        round_half_up(Fraction(-1, 2))


def test_score_is_the_weighted_achievement_capped_per_indicator():
    # given: 55/100, 25/50, 80/80, 70/60 (capped), 3/10, 7/20, 1/5
    reported = {
        "registrations": 55,
        "postings_published": 25,
        "matches_confirmed": 80,
        "workers_onboarded": 70,
        "assisted_workers_placed": 3,
        "trainings_delivered": 7,
        "disputes_mediated": 1,
    }

    # when
    score = score_basis_points(reported, TARGET_LIST)

    # then: 1100 + 1000 + 2000 + 2000 + 300 + 175 + 100
    assert score == 6675


def test_the_score_is_rounded_once_after_summing():
    # given: two thirds of 10 points, twice: 666.66… + 666.66… = 1333.33… basis points
    targets = (Target("registrations", 10, 3), Target("postings_published", 10, 3))
    reported = {"registrations": 2, "postings_published": 2}

    # when / then: rounding each term first would give 667 + 667 = 1334
    assert score_basis_points(reported, targets) == 1333


def test_no_report_scores_nothing():
    assert score_basis_points(None, TARGET_LIST) == 0


def test_the_reward_is_the_cap_times_the_score_rounded_half_up_to_the_fen():
    assert reward_fen(6675, scheme(cap=1_000_001)) == 667_501  # 667 500.6675 fen
    assert reward_fen(5000, scheme(cap=3, pass_score=50)) == 2  # 1.5 fen rounds up
    assert reward_fen(10_000, scheme()) == 1_000_000


def test_below_the_pass_score_nothing_is_paid_and_at_the_pass_score_it_is():
    assert reward_fen(5999, scheme(pass_score=60)) == 0
    assert reward_fen(6000, scheme(pass_score=60)) == 600_000


def test_tolerance_is_a_percentage_of_the_observed_figure():
    assert not exceeds_tolerance(11, 10, 10)  # exactly 10%
    assert exceeds_tolerance(12, 10, 10)
    assert exceeds_tolerance(8, 10, 10)  # under-reporting is a discrepancy too
    assert exceeds_tolerance(1, 0, 100)  # a claim with no record at all
    assert not exceeds_tolerance(0, 0, 0)


def test_reconcile_never_flags_what_the_platform_cannot_observe():
    # given
    reported = {name: 5 for name in TARGETS}
    observed = {name: 5 for name in TARGETS} | {"trainings_delivered": None}

    # when
    lines = reconcile(reported, observed, 10)

    # then
    assert [(x.indicator, x.difference, x.flagged) for x in lines] == [
        ("registrations", 0, False),
        ("postings_published", 0, False),
        ("matches_confirmed", 0, False),
        ("workers_onboarded", 0, False),
        ("assisted_workers_placed", 0, False),
        ("trainings_delivered", None, False),
        ("disputes_mediated", 0, False),
    ]
