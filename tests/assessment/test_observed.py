"""The observed figures as one statement reads them (services/assessment/observed.py) equal the
figures of the statement it replaced, on generated data, for every market and month."""

from __future__ import annotations

from collections import defaultdict

from services.assessment import periods
from services.assessment.observed import FINAL_CASES, _empty, _month, observe_many
from services.db import is_postgres
from services.timeutil import local, now
from tables.market import Market
from tables.worker import Worker
from tools.province.run import generate

SCALE = 0.0005  # 3 sites, 500 workers, 1,000 postings, 2,500 applications

# The statement before 2026-12-06 (six grouped queries, the applications read once per figure),
# kept here as the reference: (figure, market, FROM … WHERE …, timestamp column).
_OLD = (
    ("registrations", "t.registered_market", "worker t WHERE t.registered_market IN ({m})", "t.created_at"),
    ("postings_published", "t.market", "job_posting t WHERE t.market IN ({m})", "t.published_at"),
    ("matches_confirmed", "p.market", "job_posting p CROSS JOIN job_application t WHERE t.posting = p.id "
     "AND p.market IN ({m}) AND t.status <> 'CANCELLED'", "t.confirmed_at"),
    ("workers_onboarded", "p.market", "job_posting p CROSS JOIN job_application t JOIN worker w "
     "ON w.id = t.worker WHERE t.posting = p.id AND p.market IN ({m})", "t.checked_in_at"),
    ("trainings_delivered", "c.market", "training_enrolment t JOIN training_course c ON c.id = t.course "
     "WHERE c.market IN ({m}) AND t.status = 'COMPLETED'", "t.completed_at"),
    ("disputes_mediated", "t.market", "rights_case t WHERE t.market IN ({m}) AND t.mediator_role = "
     f"'OPERATOR' AND t.status IN ({', '.join(repr(s) for s in FINAL_CASES)})", "t.resolved_at"),
)  # fmt: skip


async def _old_observe_many(keys: list[tuple[int, str]]) -> dict:
    markets = sorted({m for m, _ in keys})
    start = min(periods.bounds(p)[0] for _, p in keys)
    end = max(periods.bounds(p)[1] for _, p in keys)
    ids = ", ".join("{}" for _ in markets)
    parts, args = [], []
    for figure, market, source, moment in _OLD:
        assisted = (
            "SUM(CASE WHEN w.prioritised THEN 1 ELSE 0 END)"
            if figure == "workers_onboarded"
            else "CAST(NULL AS BIGINT)"
        )
        parts.append(
            f"SELECT '{figure}' AS figure, {market} AS market, {_month(moment)} AS period, "
            f"COUNT(*) AS n, {assisted} AS assisted FROM {source.format(m=ids)} "
            f"AND {moment} >= {{}} AND {moment} < {{}} GROUP BY 2, 3"
        )
        args += [*markets, start, end]
    found: dict = defaultdict(_empty)
    for row in await Worker.raw(" UNION ALL ".join(parts), *args):
        key = (row["market"], row["period"])
        if key in keys:
            found[key][row["figure"]] = int(row["n"])
            if row["figure"] == "workers_onboarded":
                found[key]["assisted_workers_placed"] = int(row["assisted"] or 0)
    return {key: found[key] for key in keys}


def _months_back(n: int) -> list[str]:
    year, month = local(now()).year, local(now()).month
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


async def test_observed_figures_equal_the_old_statements_on_generated_data():
    # given: a generated province (applications confirmed, cancelled and checked in over months)
    await generate(seed=5, scale=SCALE, today=local(now()).date(), progress=False)
    markets = [m["id"] for m in await Market.select(Market.id).order_by(Market.id)]
    keys = [(m, p) for m in markets for p in _months_back(14)]

    # when: every market's last fourteen months are observed at once, and in smaller asks
    new = await observe_many(keys)
    old = await _old_observe_many(keys)
    one_month = await observe_many([k for k in keys if k[1] == keys[1][1]])
    one_market = await observe_many([k for k in keys if k[0] == markets[-1]])

    # then: the same figures, and the data exercised every figure the generator writes
    assert new == old
    assert one_month == {k: old[k] for k in keys if k[1] == keys[1][1]}
    assert one_market == {k: old[k] for k in keys if k[0] == markets[-1]}
    totals = {f: sum(v[f] for v in old.values()) for f in _empty()}
    for figure in (
        "registrations",
        "postings_published",
        "matches_confirmed",
        "workers_onboarded",
        "assisted_workers_placed",
    ):
        assert totals[figure] > 0, (figure, totals, is_postgres())
