"""Supply and demand series (动态监测, （二十）) from the platform's records, per period.

Definitions (also in the README and the schema's `definitions`):

jobSeekersRegistered  workers whose registration (求职登记) falls in the period
jobSeekersActive      distinct workers who registered or applied to a posting in the period
postingsPublished     postings first published in the period, except those taken down
headcountDemanded     the headcount of those postings
applications          applications made in the period
matchesConfirmed      applications confirmed in the period and not cancelled since
workersOnboarded      check-ins (到岗) in the period, person-times
completed             shifts completed in the period
averageHoursToConfirm mean hours from application to confirmation, over matchesConfirmed
medianDailyWage       median daily-equivalent wage of postingsPublished (piece rates left out)
supplyDemandRatio     求人倍率 = headcountDemanded / jobSeekersActive

Scope: a market (workers registered there, postings placed there), a region (workers whose
home is in it, postings whose place of work is in it) or an occupation (workers seeking it,
postings for it); given together they narrow each other. Applications and what follows them
are scoped by their posting, so a worker applying in a market is active there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from services.statistics.coverage import Coverage, during, within
from services.statistics.periods import Granularity, bucket, seconds_between
from services.statistics.rollup_series import add_postings, rolled_counts, rolled_key, rolled_scope
from tables.occupation import Occupation
from tables.region import Region
from tables.worker import Worker

# Figures that count people; an anonymous caller sees them only from this many up (or zero).
PEOPLE = (
    "job_seekers_registered",
    "job_seekers_active",
    "applications",
    "matches_confirmed",
    "workers_onboarded",
    "completed",
)
SMALL_CELL = 5
EVENTS = ("applications", "matches_confirmed", "workers_onboarded", "completed")


@dataclass(frozen=True)
class Scope:
    market_id: int | None = None
    region_ids: tuple[int, ...] | None = None
    occupation_id: int | None = None


@dataclass
class Figures:
    job_seekers_registered: int | None = 0
    job_seekers_active: int | None = 0
    postings_published: int = 0
    headcount_demanded: int = 0
    applications: int | None = 0
    matches_confirmed: int | None = 0
    workers_onboarded: int | None = 0
    completed: int | None = 0
    average_hours_to_confirm: Decimal | None = None
    median_daily_wage_fen: int | None = None
    supply_demand_ratio: Decimal | None = None
    # Raw material, not shown: the sum of seconds to confirm and each published daily wage.
    _confirm_seconds: float = 0.0
    _wages: list[tuple[int, int]] = field(default_factory=list)  # (daily wage fen, postings)

    def finish(self) -> None:
        if self.matches_confirmed:
            hours = Decimal(self._confirm_seconds) / 3600 / self.matches_confirmed
            self.average_hours_to_confirm = hours.quantize(Decimal("0.1"), ROUND_HALF_UP)
        self.median_daily_wage_fen = _median(self._wages)
        if self.job_seekers_active:
            ratio = Decimal(self.headcount_demanded) / self.job_seekers_active
            self.supply_demand_ratio = ratio.quantize(Decimal("0.01"), ROUND_HALF_UP)

    def suppress(self) -> None:
        """Small cells (1 to 4 people) become None, and so do figures derived from them."""
        for name in PEOPLE:
            value = getattr(self, name)
            if value is not None and 0 < value < SMALL_CELL:
                setattr(self, name, None)
        if self.matches_confirmed is None:
            self.average_hours_to_confirm = None
        if self.job_seekers_active is None:
            self.supply_demand_ratio = None


def _median(wages: list[tuple[int, int]]) -> int | None:
    """Median of the multiset, halves rounded up to the fen."""
    values = sorted(wages)
    total = sum(n for _, n in values)
    if not total:
        return None
    wanted = ((total - 1) // 2, total // 2)  # the two middle positions (equal when odd)
    found: list[int] = []
    seen = 0
    for value, n in values:
        for position in wanted:
            if seen <= position < seen + n:
                found.append(value)
        seen += n
    return (found[0] + found[1] + 1) // 2


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
PARENT_CODE = Region.parent._.code
GRANDPARENT_CODE = Region.parent._.parent._.code


async def region_ids(code: str) -> tuple[int, ...] | None:
    """Ids of the division `code` and everything under it; None for an unknown code."""
    rows = await Region.select(Region.id).where(
        (Region.code == code) | (PARENT_CODE == code) | (GRANDPARENT_CODE == code)
    )
    return tuple(sorted(r["id"] for r in rows)) or None


async def occupation_id(code: str) -> int | None:
    row = await Occupation.select(Occupation.id).where(Occupation.code == code).first()
    return row["id"] if row else None


def _placeholders(values) -> str:
    return ", ".join("{}" for _ in values)


def worker_scope(scope: Scope) -> tuple[str, list]:
    sql, args = ["1 = 1"], []
    if scope.market_id is not None:
        sql.append("w.registered_market = {}")
        args.append(scope.market_id)
    if scope.region_ids is not None:
        sql.append(f"w.home_region IN ({_placeholders(scope.region_ids)})")
        args.extend(scope.region_ids)
    if scope.occupation_id is not None:
        sql.append(
            "EXISTS (SELECT 1 FROM worker_occupation o WHERE o.worker = w.id AND o.occupation = {})"
        )
        args.append(scope.occupation_id)
    return " AND ".join(sql), args


def posting_scope(scope: Scope) -> tuple[str, list]:
    sql, args = ["1 = 1"], []
    if scope.market_id is not None:
        sql.append("p.market = {}")
        args.append(scope.market_id)
    if scope.region_ids is not None:
        sql.append(f"p.region IN ({_placeholders(scope.region_ids)})")
        args.extend(scope.region_ids)
    if scope.occupation_id is not None:
        sql.append("p.occupation = {}")
        args.append(scope.occupation_id)
    return " AND ".join(sql), args


def active_workers_sql(
    scope: Scope,
    cover: Coverage,
    key: Callable[[str], str] = lambda _: "NULL",
    rolled_key: str = "NULL",
) -> tuple[str, list]:
    """SQL yielding (period, worker) for every registration in scope and every application to a
    posting in scope: from the records on the raw days, from the daily activity on the rolled
    ones. The active job seekers, once DISTINCT (never summed: a worker counts once)."""
    parts, args = [], []
    if cover.raw:
        w_sql, w_args = worker_scope(scope)
        p_sql, p_args = posting_scope(scope)
        registered, r_args = during("w.created_at", cover.windows())
        applied, a_args = during("a.applied_at", cover.windows())
        parts += [
            f"SELECT {key('w.created_at')} AS period, w.id AS worker FROM worker w "
            f"WHERE {w_sql} AND {registered}",
            f"SELECT {key('a.applied_at')} AS period, a.worker AS worker FROM job_application a "
            f"JOIN job_posting p ON p.id = a.posting WHERE {p_sql} AND {applied}",
        ]
        args += [*w_args, *r_args, *p_args, *a_args]
    if cover.rolled:
        x_sql, x_args = rolled_scope(scope, "x")
        days, d_args = within("x.day", cover.rolled)
        parts.append(
            f"SELECT {rolled_key} AS period, x.worker AS worker "
            f"FROM statistics_activity x WHERE {x_sql} AND {days}"
        )
        args += [*x_args, *d_args]
    sql = " UNION ALL ".join(parts)
    return sql, args


# (figure, timestamp column, extra condition) of the application events.
_EVENTS = (
    ("applications", "a.applied_at", ""),
    ("matches_confirmed", "a.confirmed_at", " AND a.status <> 'CANCELLED'"),
    ("workers_onboarded", "a.checked_in_at", ""),
    ("completed", "a.completed_at", ""),
)


def combine(parts: list[Figures], active: int) -> Figures:
    """Several periods as one: counts and the raw material add up; active job seekers do not
    (a worker active in two periods is one), so they come from `active_count`."""
    out = Figures(job_seekers_active=active)
    for f in parts:
        for name in ("job_seekers_registered", *EVENTS):
            setattr(out, name, (getattr(out, name) or 0) + (getattr(f, name) or 0))
        out.postings_published += f.postings_published
        out.headcount_demanded += f.headcount_demanded
        out._confirm_seconds += f._confirm_seconds
        out._wages.extend(f._wages)
    out.finish()
    return out


async def active_count(scope: Scope, cover: Coverage) -> int:
    """Distinct active job seekers over the whole of a range (one statement)."""
    sql, args = active_workers_sql(scope, cover)
    rows = await Worker.raw(f"SELECT COUNT(DISTINCT worker) AS n FROM ({sql}) x", *args)
    return int(rows[0]["n"])


async def figures(scope: Scope, cover: Coverage, granularity: Granularity) -> dict[str, Figures]:
    """Figures per period key: the raw days in four grouped statements, the rolled days in two
    more (sums and distinct workers), whatever the number of periods."""

    def key(column: str) -> str:
        return bucket(column, granularity)

    found: dict[str, Figures] = defaultdict(Figures)
    if cover.raw:
        await _raw_counts(scope, cover.windows(), key, found)
    if cover.rolled:
        await rolled_counts(scope, cover.rolled, granularity, found)
    active, active_args = active_workers_sql(scope, cover, key, rolled_key(granularity, "x"))
    for row in await Worker.raw(
        f"SELECT period, COUNT(DISTINCT worker) AS n FROM ({active}) x GROUP BY period",
        *active_args,
    ):
        found[row["period"]].job_seekers_active = int(row["n"])
    for f in found.values():
        f.finish()
    return found


async def _raw_counts(
    scope: Scope, windows: list, key: Callable[[str], str], found: dict[str, Figures]
) -> None:
    w_sql, w_args = worker_scope(scope)
    p_sql, p_args = posting_scope(scope)

    registered, r_args = during("w.created_at", windows)
    for row in await Worker.raw(
        f"SELECT {key('w.created_at')} AS period, COUNT(*) AS n FROM worker w "
        f"WHERE {w_sql} AND {registered} GROUP BY 1",
        *w_args,
        *r_args,
    ):
        f = found[row["period"]]
        f.job_seekers_registered = (f.job_seekers_registered or 0) + int(row["n"])

    published, pub_args = during("p.published_at", windows)
    for row in await Worker.raw(
        f"SELECT {key('p.published_at')} AS period, p.daily_wage_fen AS wage, COUNT(*) AS n, "
        f"SUM(p.headcount) AS headcount FROM job_posting p WHERE {p_sql} "
        f"AND p.status <> 'REMOVED' AND {published} GROUP BY 1, 2",
        *p_args,
        *pub_args,
    ):
        add_postings(found[row["period"]], row)

    parts, args = [], []
    for figure, column, condition in _EVENTS:
        seconds = (
            seconds_between("a.confirmed_at", "a.applied_at")
            if figure == "matches_confirmed"
            else "0"
        )
        when, when_args = during(column, windows)
        parts.append(
            f"SELECT '{figure}' AS figure, {key(column)} AS period, {seconds} AS seconds "
            f"FROM job_application a JOIN job_posting p ON p.id = a.posting "
            f"WHERE {p_sql}{condition} AND {when}"
        )
        args.extend([*p_args, *when_args])
    for row in await Worker.raw(
        "SELECT figure, period, COUNT(*) AS n, SUM(seconds) AS seconds "
        f"FROM ({' UNION ALL '.join(parts)}) e GROUP BY figure, period",
        *args,
    ):
        f = found[row["period"]]
        setattr(f, row["figure"], (getattr(f, row["figure"]) or 0) + int(row["n"]))
        if row["figure"] == "matches_confirmed":
            f._confirm_seconds += float(row["seconds"] or 0)
