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


# (figure, FROM … WHERE …, timestamp column, extra select) — {markets} becomes the id list.
# Applications are reached through the markets' postings: `CROSS JOIN` makes SQLite keep
# job_posting as the outer loop (a few markets' postings, then each posting's applications by
# index) instead of walking the province's applications of the whole period by timestamp;
# PostgreSQL plans it as the same inner join.
_QUERIES = (
    (
        "registrations",
        "worker t WHERE t.registered_market IN ({markets})",
        "t.created_at",
        "t.registered_market",
    ),
    (
        "postings_published",
        "job_posting t WHERE t.market IN ({markets})",
        "t.published_at",
        "t.market",
    ),
    (
        "matches_confirmed",
        "job_posting p CROSS JOIN job_application t "
        "WHERE t.posting = p.id AND p.market IN ({markets}) AND t.status <> 'CANCELLED'",
        "t.confirmed_at",
        "p.market",
    ),
    (
        "workers_onboarded",
        "job_posting p CROSS JOIN job_application t JOIN worker w ON w.id = t.worker "
        "WHERE t.posting = p.id AND p.market IN ({markets})",
        "t.checked_in_at",
        "p.market",
    ),
    (
        "trainings_delivered",
        "training_enrolment t JOIN training_course c ON c.id = t.course "
        "WHERE c.market IN ({markets}) AND t.status = 'COMPLETED'",
        "t.completed_at",
        "c.market",
    ),
    (
        "disputes_mediated",
        "rights_case t WHERE t.market IN ({markets}) AND t.mediator_role = 'OPERATOR' "
        f"AND t.status IN ({', '.join(repr(s) for s in FINAL_CASES)})",
        "t.resolved_at",
        "t.market",
    ),
)


# PostgreSQL hashed the markets' postings against every application of the period in the
# province (1.3 s at 5,000,000 applications) whatever the join was written as. Here each
# posting's applications of the period come from a LATERAL subquery that OFFSET 0 keeps from
# being flattened back into that join, so they are read by index, posting by posting. {between}
# becomes the period's bounds on the timestamp.
_THROUGH_POSTINGS = {
    "matches_confirmed": (
        "job_posting p CROSS JOIN LATERAL (SELECT a.confirmed_at FROM job_application a "
        "WHERE a.posting = p.id AND a.status <> 'CANCELLED' AND {between} OFFSET 0) t "
        "WHERE p.market IN ({markets})"
    ),
    "workers_onboarded": (
        "job_posting p CROSS JOIN LATERAL (SELECT a.checked_in_at, a.worker "
        "FROM job_application a WHERE a.posting = p.id AND {between} OFFSET 0) t "
        "JOIN worker w ON w.id = t.worker WHERE p.market IN ({markets})"
    ),
}


def _statement(
    figure: str, source: str, moment: str, market: str, markets: list[int], window: tuple
) -> tuple[str, list]:
    """One figure's SQL and its arguments."""
    assisted = (
        ", SUM(CASE WHEN w.prioritised THEN 1 ELSE 0 END) AS assisted"
        if figure == "workers_onboarded"
        else ", CAST(NULL AS BIGINT) AS assisted"
    )
    placeholders = ", ".join("{}" for _ in markets)
    select = (
        f"SELECT '{figure}' AS figure, {market} AS market, {_month(moment)} AS period, "
        f"COUNT(*) AS n{assisted} "
    )
    if is_postgres() and figure in _THROUGH_POSTINGS:
        column = moment.replace("t.", "a.", 1)
        between = f"{column} >= {{}} AND {column} < {{}}"
        source = _THROUGH_POSTINGS[figure].format(between=between, markets=placeholders)
        return f"{select}FROM {source} GROUP BY 2, 3", [*window, *markets]
    sql = (
        f"{select}FROM {source.format(markets=placeholders)} "
        f"AND {moment} >= {{}} AND {moment} < {{}} GROUP BY 2, 3"
    )
    return sql, [*markets, *window]


async def observe_many(keys: list[tuple[int, str]]) -> dict[tuple[int, str], Figures]:
    """Observed figures per (market, month), in one statement (six grouped queries joined by
    UNION ALL, each planned on its own) whatever the number of markets and months asked about.

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
    parts, args = [], []
    for figure, source, moment, market in _QUERIES:
        sql, part_args = _statement(figure, source, moment, market, markets, (start, end))
        parts.append(sql)
        args += part_args
    for row in await Worker.raw(" UNION ALL ".join(parts), *args):
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
