"""Pure scoring rules: per-item and total thresholds (relaxed for mountain/island counties)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from services.problems import Problems


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    item_id: int
    text: str
    max_score: int


@dataclass(frozen=True)
class ItemSpec:
    id: int
    title: str
    pass_threshold: int
    relaxed_threshold: int
    criteria: tuple[CriterionSpec, ...]

    @property
    def max_score(self) -> int:
        return sum(c.max_score for c in self.criteria)

    def threshold(self, relaxed: bool) -> int:
        return self.relaxed_threshold if relaxed else self.pass_threshold


@dataclass(frozen=True)
class StandardSpec:
    id: int
    year: int
    name: str
    pass_score: int
    relaxed_pass_score: int
    min_months_operating: int
    publicity_days: int
    items: tuple[ItemSpec, ...]

    @property
    def criteria(self) -> list[CriterionSpec]:
        return [c for item in self.items for c in item.criteria]

    @property
    def max_score(self) -> int:
        return sum(item.max_score for item in self.items)

    def total_threshold(self, relaxed: bool) -> int:
        return self.relaxed_pass_score if relaxed else self.pass_score


@dataclass(frozen=True)
class Evaluation:
    total: int
    item_totals: dict[int, int]
    passed: bool


def check_scores(
    standard: StandardSpec, scores: dict[int, int], problems: Problems, *path: str
) -> None:
    """Every criterion scored once, each between 0 and its maximum; no foreign criteria."""
    known = {c.id: c for c in standard.criteria}
    for criterion_id in scores:
        if criterion_id not in known:
            problems.add("UNKNOWN_CRITERION", "评分条目不属于该年度认定标准", *path)
    missing = [c for c in standard.criteria if c.id not in scores]
    if missing:
        problems.add("SCORE_MISSING", f"还有 {len(missing)} 条评分条目未打分", *path)
    for criterion_id, score in scores.items():
        criterion = known.get(criterion_id)
        if criterion is not None and not 0 <= score <= criterion.max_score:
            problems.add(
                "SCORE_OUT_OF_RANGE",
                f"“{criterion.text[:20]}…”的得分须在 0 到 {criterion.max_score} 之间",
                *path,
            )


def evaluate(standard: StandardSpec, scores: dict[int, int], relaxed: bool) -> Evaluation:
    """Item totals and the verdict: every item and the total must reach their thresholds."""
    totals = {item.id: sum(scores.get(c.id, 0) for c in item.criteria) for item in standard.items}
    total = sum(totals.values())
    passed = total >= standard.total_threshold(relaxed) and all(
        totals[item.id] >= item.threshold(relaxed) for item in standard.items
    )
    return Evaluation(total=total, item_totals=totals, passed=passed)


def shortfalls(standard: StandardSpec, evaluation: Evaluation, relaxed: bool, problems: Problems):
    """One BELOW_THRESHOLD problem per item (and for the total) that misses its threshold."""
    for item in standard.items:
        got, need = evaluation.item_totals[item.id], item.threshold(relaxed)
        if got < need:
            problems.add("BELOW_THRESHOLD", f"“{item.title}”得分 {got}，低于合格分 {need}")
    need = standard.total_threshold(relaxed)
    if evaluation.total < need:
        problems.add("BELOW_THRESHOLD", f"总分 {evaluation.total}，低于合格线 {need}")


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the month's last day where it has none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def eligible_from(established_on: date, min_months: int) -> date:
    """First day a market may apply: `min_months` whole months after it opened."""
    return add_months(established_on, min_months)
