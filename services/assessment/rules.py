"""The assessment formula: reconciliation, score in basis points, reward in fen (exact)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction

from services.problems import Problems
from tables.assessment import AssessmentIndicator, AssessmentScheme

# Column names of WorkloadReport, in the order they are shown.
INDICATORS = (
    "registrations",
    "postings_published",
    "matches_confirmed",
    "workers_onboarded",
    "assisted_workers_placed",
    "trainings_delivered",
    "disputes_mediated",
)
# Used for reconciliation until staff enter the year's scheme (the column's own default).
DEFAULT_TOLERANCE_PERCENT = 10
FULL_SCORE_BP = 10_000  # 100.00 points


def round_half_up(value: Fraction) -> int:
    """Nearest integer, halves up: Decimal's ROUND_HALF_UP on the exact (non-negative) value,
    computed on integers so no intermediate rounding can creep in."""
    if value < 0:
        raise ValueError("only non-negative amounts are rounded here")
    whole, rest = divmod(value.numerator, value.denominator)
    return whole + (1 if 2 * rest >= value.denominator else 0)


@dataclass(frozen=True)
class Line:
    indicator: str
    reported: int | None
    observed: int | None  # None: the platform keeps no records of this indicator
    flagged: bool

    @property
    def difference(self) -> int | None:
        if self.reported is None or self.observed is None:
            return None
        return self.reported - self.observed


def exceeds_tolerance(reported: int, observed: int, tolerance_percent: int) -> bool:
    """|reported − observed| above tolerance% of observed; with nothing observed any claim is."""
    return 100 * abs(reported - observed) > tolerance_percent * observed


def reconcile(
    reported: dict[str, int] | None, observed: dict[str, int | None], tolerance_percent: int
) -> list[Line]:
    lines = []
    for name in INDICATORS:
        r = reported[name] if reported is not None else None
        o = observed.get(name)
        flagged = r is not None and o is not None and exceeds_tolerance(r, o, tolerance_percent)
        lines.append(Line(name, r, o, flagged))
    return lines


def lines_to_json(lines: list[Line]) -> list[dict]:
    return [{**asdict(line), "difference": line.difference} for line in lines]


def lines_from_json(items: list[dict]) -> list[Line]:
    return [Line(i["indicator"], i["reported"], i["observed"], i["flagged"]) for i in items]


@dataclass(frozen=True)
class Target:
    indicator: str
    weight: int
    target: int


@dataclass(frozen=True)
class Scheme:
    id: int
    year: int
    tolerance_percent: int
    pass_score: int
    monthly_reward_cap_fen: int
    budget_fen: int
    committed_fen: int
    targets: tuple[Target, ...]


def score_basis_points(reported: dict[str, int] | None, targets: tuple[Target, ...]) -> int:
    """Σ weight × min(reported, target) / target, in basis points (100 = 1 point), rounded
    half up once at the end. No report scores 0."""
    if reported is None:
        return 0
    total = sum(
        (
            Fraction(t.weight * 100 * min(reported[t.indicator], t.target), t.target)
            for t in targets
        ),
        Fraction(0),
    )
    return round_half_up(total)


def reward_fen(score_bp: int, scheme: Scheme) -> int:
    """Below the pass score nothing; otherwise the monthly cap × score / 100, rounded half up."""
    if score_bp < scheme.pass_score * 100:
        return 0
    return round_half_up(Fraction(scheme.monthly_reward_cap_fen * score_bp, FULL_SCORE_BP))


async def load_scheme(year: int) -> Scheme | None:
    row = await AssessmentScheme.select().where(AssessmentScheme.year == year).first()
    if row is None:
        return None
    indicators = (
        await AssessmentIndicator.select()
        .where(AssessmentIndicator.scheme == row["id"])
        .order_by(AssessmentIndicator.id)
    )
    return Scheme(
        id=row["id"],
        year=row["year"],
        tolerance_percent=row["tolerance_percent"],
        pass_score=row["pass_score"],
        monthly_reward_cap_fen=row["monthly_reward_cap_fen"],
        budget_fen=row["budget_fen"],
        committed_fen=row["committed_fen"],
        targets=tuple(Target(i["indicator"], i["weight"], i["target"]) for i in indicators),
    )


def check_scheme(scheme: Scheme, problems: Problems) -> None:
    """A scheme can score only when its indicators are known, targets positive and weights
    add up to exactly 100; staff may pass through invalid states while editing rows."""
    names = [t.indicator for t in scheme.targets]
    if not names:
        problems.add("SCHEME_INVALID", f"{scheme.year} 年考核办法没有考核指标", "scheme")
    if any(n not in INDICATORS for n in names) or len(set(names)) != len(names):
        problems.add("SCHEME_INVALID", "考核指标无效或重复", "scheme")
    if any(t.target <= 0 for t in scheme.targets):
        problems.add("SCHEME_INVALID", "每项指标的月度目标值须大于 0", "scheme")
    if any(t.weight < 0 for t in scheme.targets) or sum(t.weight for t in scheme.targets) != 100:
        problems.add("SCHEME_INVALID", "各指标权重须为非负整数且合计为 100", "scheme")
    if not 0 <= scheme.pass_score <= 100 or not 0 <= scheme.tolerance_percent <= 100:
        problems.add("SCHEME_INVALID", "合格分与容忍度须在 0 到 100 之间", "scheme")
    if scheme.monthly_reward_cap_fen < 0 or scheme.budget_fen < 0:
        problems.add("SCHEME_INVALID", "奖励上限与预算不能为负数", "scheme")


async def tolerances(years: list[int]) -> dict[int, int]:
    """Tolerance per year: the scheme's, or the default while no scheme exists."""
    found = {}
    if years:
        rows = await AssessmentScheme.select(
            AssessmentScheme.year, AssessmentScheme.tolerance_percent
        ).where(AssessmentScheme.year.is_in(list(set(years))))
        found = {r["year"]: r["tolerance_percent"] for r in rows}
    return {y: found.get(y, DEFAULT_TOLERANCE_PERCENT) for y in years}


def tolerance_subquery(period: str) -> str:
    """SQL for what tolerances() gives the year of the text column `period` ("YYYY-MM"): the
    scheme's tolerance, or the default while no scheme exists (a page's own statement)."""
    year = f"CAST(substr({period}, 1, 4) AS INTEGER)"
    scheme = f"(SELECT s.tolerance_percent FROM assessment_scheme s WHERE s.year = {year})"
    return f"COALESCE({scheme}, {DEFAULT_TOLERANCE_PERCENT})"
