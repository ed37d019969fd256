"""What the platform's own records say each market did in a month (the observed figures)."""

from __future__ import annotations

from collections import defaultdict

from services.assessment import periods
from services.db import is_postgres
from services.statistics.periods import Granularity, bucket
from tables.worker import Worker

# A mediation the market's operator ran counts once the case is final, whatever came of it
# (settled, found, referred on, withdrawn): 调处 is the handling, not its result.
FINAL_CASES = ("RESOLVED", "REFERRED", "CLOSED")

Figures = dict[str, int | None]


def _empty() -> Figures:
    return {
        "registrations": 0,
        "postings_published": 0,
        "matches_confirmed": 0,
        "workers_onboarded": 0,
        "assisted_workers_placed": 0,
        "trainings_delivered": 0,
        "disputes_mediated": 0,
    }


def _month(column: str) -> str:
    """SQL for the Asia/Shanghai month ("YYYY-MM") of a timestamptz column."""
    return bucket(column, Granularity.MONTH)


# (figure, FROM … WHERE …, timestamp column) — {markets} becomes the id list.
_QUERIES = (
    ("registrations", "worker t WHERE t.registered_market IN ({markets})", "t.created_at"),
    ("postings_published", "job_posting t WHERE t.market IN ({markets})", "t.published_at"),
    (
        "trainings_delivered",
        "training_enrolment t JOIN training_course c ON c.id = t.course "
        "WHERE c.market IN ({markets}) AND t.status = 'COMPLETED'",
        "t.completed_at",
    ),
    (
        "disputes_mediated",
        "rights_case t WHERE t.market IN ({markets}) AND t.mediator_role = 'OPERATOR' "
        f"AND t.status IN ({', '.join(repr(s) for s in FINAL_CASES)})",
        "t.resolved_at",
    ),
)
_MARKET = {"registrations": "t.registered_market", "trainings_delivered": "c.market"}

# The applications' two figures come from the markets' postings, each posting's applications
# read once (job_application_posting_moments: posting, then the two moments, the status and
# the worker, so the index alone answers) into `apps`: those confirmed or checked in during the
# period. Each figure then counts its own rows of `apps`. Reading each posting's applications
# once instead of once per figure halved the statement's time at province scale, and its
# estimated cost stays under PostgreSQL's jit_above_cost for an operator's page (JIT compiled
# for ~100 ms to save nothing). On PostgreSQL a LATERAL subquery that OFFSET 0 keeps from being
# flattened reads them posting by posting (otherwise it hashed the markets' postings against
# the province's applications of the period: 1.3 s at 5,000,000 applications); on SQLite
# `CROSS JOIN` keeps job_posting as the outer loop. {between} becomes the period's bounds on
# either moment, {markets} the id list.
_APPS = {
    True: (
        "SELECT p.market, t.confirmed_at, t.checked_in_at, t.status, t.worker "
        "FROM job_posting p CROSS JOIN LATERAL (SELECT a.confirmed_at, a.checked_in_at, "
        "a.status, a.worker FROM job_application a WHERE a.posting = p.id AND ({between}) "
        "OFFSET 0) t WHERE p.market IN ({markets})"
    ),
    False: (
        "SELECT p.market, t.confirmed_at, t.checked_in_at, t.status, t.worker "
        "FROM job_posting p CROSS JOIN job_application t "
        "WHERE t.posting = p.id AND p.market IN ({markets}) AND ({between})"
    ),
}
# Each figure's rows of `apps` (aliased x: SQLite reports the walk of a materialized CTE as a
# SCAN of its alias, which tests/test_query_plans.py must tell from a big table's).
_MOMENTS = ("confirmed_at", "checked_in_at")
_FROM_APPS = (
    ("matches_confirmed", "apps x WHERE x.status <> 'CANCELLED'", "x.confirmed_at"),
    ("workers_onboarded", "apps x WHERE TRUE", "x.checked_in_at"),
)
# A check-in's worker always exists (job_application.worker is NOT NULL, a foreign key ON DELETE
# RESTRICT), so the check-ins are counted without joining worker, and only the prioritised ones
# are looked up, in worker_prioritised_id (migration 2026-12-06T02:20: the ids of prioritised
# workers, a tenth of them) on PostgreSQL: 5-8 ms for an operator's 3,334 check-ins at province
# scale instead of 22-75 ms for the join by primary key and heap. SQLite reads the row by rowid.
_ASSISTED = (
    "SUM(CASE WHEN EXISTS (SELECT 1 FROM worker w WHERE w.id = x.worker AND w.prioritised) "
    "THEN 1 ELSE 0 END)"
)


def _part(figure: str, source: str, moment: str, market: str) -> str:
    """One figure's grouped SELECT: {} placeholders for its markets' ids (in `source`), then the
    period's start and end."""
    assisted = _ASSISTED if figure == "workers_onboarded" else "CAST(NULL AS BIGINT)"
    return (
        f"SELECT '{figure}' AS figure, {market} AS market, {_month(moment)} AS period, "
        f"COUNT(*) AS n, {assisted} AS assisted FROM {source} "
        f"AND {moment} >= {{}} AND {moment} < {{}} GROUP BY 2, 3"
    )


def observed_statement(markets: list[int], start, end) -> tuple[str, list]:
    """The observed figures' SQL for these markets over [start, end) and its arguments: rows of
    (figure, market, period, n, assisted)."""
    ids = ", ".join("{}" for _ in markets)
    postgres = is_postgres()
    a = "a" if postgres else "t"  # the applications' alias in _APPS
    between = " OR ".join(f"({a}.{m} >= {{}} AND {a}.{m} < {{}})" for m in _MOMENTS)
    apps = _APPS[postgres].format(between=between, markets=ids)
    args: list = (
        [start, end, start, end, *markets] if postgres else [*markets, start, end, start, end]
    )
    parts = []
    for figure, source, moment in _QUERIES:
        market = _MARKET.get(figure, "t.market")
        parts.append(_part(figure, source.format(markets=ids), moment, market))
        args += [*markets, start, end]
    for figure, source, moment in _FROM_APPS:
        parts.append(_part(figure, source, moment, "x.market"))
        args += [start, end]
    return f"WITH apps AS MATERIALIZED ({apps}) {' UNION ALL '.join(parts)}", args


async def observe_many(keys: list[tuple[int, str]]) -> dict[tuple[int, str], Figures]:
    """Observed figures per (market, month), in one statement (six grouped queries joined by
    UNION ALL, the two of the applications over their `apps`, read once) whatever the number of
    markets and months asked about.

    registrations            workers registered at the market in the month
    postings_published       postings at the market published in the month
    matches_confirmed        applications confirmed in the month and not cancelled since
    workers_onboarded        check-ins (到岗) in the month, person-times
    assisted_workers_placed  those check-ins whose worker is prioritised (（十）)
    trainings_delivered      course completions (结业, with a certificate number) in the month
                             of courses offered by the market, person-times (培训人次)
    disputes_mediated        cases at the market whose mediation by the operator ended in the
                             month (resolved, referred on or closed)
    """
    wanted = set(keys)
    if not wanted:
        return {}
    markets = sorted({m for m, _ in wanted})
    start = min(periods.bounds(p)[0] for _, p in wanted)
    end = max(periods.bounds(p)[1] for _, p in wanted)
    found: dict[tuple[int, str], Figures] = defaultdict(_empty)
    sql, args = observed_statement(markets, start, end)
    for row in await Worker.raw(sql, *args):
        key = (row["market"], row["period"])
        if key in wanted:
            figure = row["figure"]
            found[key][figure] = int(row["n"])
            if figure == "workers_onboarded":
                found[key]["assisted_workers_placed"] = int(row["assisted"] or 0)
    return {key: found[key] for key in keys}


async def observe(period: str, market_ids: list[int]) -> dict[int, Figures]:
    """Observed figures of several markets in one month."""
    figures = await observe_many([(m, period) for m in market_ids])
    return {m: figures[(m, period)] for m in market_ids}
