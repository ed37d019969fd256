"""Unit tests of the scoring rules, thresholds, eligibility dates and the default standard."""

from datetime import date

from services.certification.scoring import (
    CriterionSpec,
    ItemSpec,
    StandardSpec,
    add_months,
    check_scores,
    eligible_from,
    evaluate,
    shortfalls,
)
from services.certification.standard import ensure_default_standard, standard_id_for_year
from services.problems import Problem, Problems
from tables.certification import CertificationCriterion, CertificationItem, CertificationStandard
from tests.fixtures.certification import default_standard, full_marks

# Two items of 10 points: pass 6 (relaxed 5) each, total pass 14 (relaxed 12).
SMALL = StandardSpec(
    id=1,
    year=2023,
    name="小标准",
    pass_score=14,
    relaxed_pass_score=12,
    min_months_operating=3,
    publicity_days=7,
    items=(
        ItemSpec(
            1, "服务场地", 6, 5, (CriterionSpec(11, 1, "场地", 6), CriterionSpec(12, 1, "窗口", 4))
        ),
        ItemSpec(2, "线上服务", 6, 5, (CriterionSpec(21, 2, "平台", 10),)),
    ),
)


def test_evaluate_passes_when_every_item_and_the_total_reach_their_thresholds():
    evaluation = evaluate(SMALL, {11: 4, 12: 2, 21: 8}, relaxed=False)

    assert (evaluation.total, evaluation.item_totals, evaluation.passed) == (14, {1: 6, 2: 8}, True)


def test_evaluate_fails_on_one_weak_item_even_with_a_high_total():
    evaluation = evaluate(SMALL, {11: 3, 12: 2, 21: 10}, relaxed=False)

    assert (evaluation.total, evaluation.passed) == (15, False)


def test_relaxed_thresholds_pass_what_the_normal_ones_fail():
    scores = {11: 3, 12: 2, 21: 7}

    assert evaluate(SMALL, scores, relaxed=False).passed is False
    assert evaluate(SMALL, scores, relaxed=True).passed is True


def test_shortfalls_name_each_failing_item_and_the_total():
    scores = {11: 2, 12: 2, 21: 9}
    problems = Problems()

    shortfalls(SMALL, evaluate(SMALL, scores, relaxed=False), False, problems)

    assert problems.items == [
        Problem("BELOW_THRESHOLD", "“服务场地”得分 4，低于合格分 6"),
        Problem("BELOW_THRESHOLD", "总分 13，低于合格线 14"),
    ]


def test_check_scores_reports_missing_foreign_and_out_of_range_scores_together():
    problems = Problems()

    check_scores(SMALL, {11: 7, 99: 1}, problems, "scores")

    assert problems.items == [
        Problem("UNKNOWN_CRITERION", "评分条目不属于该年度认定标准", ("scores",)),
        Problem("SCORE_MISSING", "还有 2 条评分条目未打分", ("scores",)),
        Problem("SCORE_OUT_OF_RANGE", "“场地…”的得分须在 0 到 6 之间", ("scores",)),
    ]


def test_eligibility_is_whole_months_after_opening_and_clamps_month_ends():
    assert eligible_from(date(2024, 3, 1), 3) == date(2024, 6, 1)
    assert eligible_from(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)


async def test_default_standard_has_six_items_of_100_points_and_loads_idempotently():
    first = await ensure_default_standard(2023)
    second = await ensure_default_standard(2023)

    standard = await default_standard()
    assert first == second
    assert [
        (i.title, i.max_score, i.pass_threshold, i.relaxed_threshold) for i in standard.items
    ] == [
        ("总则", 10, 6, 5),
        ("服务场地", 20, 12, 10),
        ("服务设施", 20, 12, 10),
        ("服务功能", 20, 12, 10),
        ("线上服务", 15, 9, 8),
        ("服务成效", 15, 9, 8),
    ]
    assert (standard.max_score, standard.pass_score, standard.relaxed_pass_score) == (100, 80, 75)
    assert (standard.min_months_operating, standard.publicity_days) == (3, 7)
    assert await CertificationStandard.count() == 1
    assert await CertificationItem.count() == 6
    assert await CertificationCriterion.count() == 20


async def test_default_standard_never_overwrites_staff_edits():
    standard_id = await ensure_default_standard(2023)
    await CertificationStandard.update({CertificationStandard.pass_score: 85}).where(
        CertificationStandard.id == standard_id
    )

    await ensure_default_standard(2023)

    assert (await default_standard()).pass_score == 85


async def test_a_year_without_its_own_standard_uses_the_latest_earlier_one():
    standard_2023 = await ensure_default_standard(2023)
    standard_2025 = await ensure_default_standard(2025)

    assert await standard_id_for_year(2022) is None
    assert await standard_id_for_year(2024) == standard_2023
    assert await standard_id_for_year(2026) == standard_2025
    assert (
        full_marks(await default_standard(2025), c1=1)[
            (await default_standard(2025)).criteria[0].id
        ]
        == 3
    )
