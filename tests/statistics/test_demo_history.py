"""The demo's monitoring history: a past year at the demo markets, rolled up, seeded once."""

from __future__ import annotations

from datetime import timedelta

from services.statistics.coverage import coverage
from services.statistics.periods import Granularity
from services.statistics.report import report
from services.statistics.series import Scope
from services.timeutil import local, now
from tables import job_posting as jp
from tables.statistics import StatisticsChange
from tables.worker import Worker
from tools.demo import seed_demo

HISTORY = {"history_workers": 240, "history_postings": 120, "history_applications": 360}


async def test_the_demo_history_fills_a_year_of_monitoring_once():
    first = await seed_demo(markets=30, history=True)
    second = await seed_demo(markets=30, history=True)

    assert {k: first["created"][k] for k in HISTORY} == HISTORY
    assert {k: second["created"][k] for k in HISTORY} == dict.fromkeys(HISTORY, 0)
    today = local(now()).date()
    start = today - timedelta(days=366)
    assert (await coverage(start, today)).raw == ()  # built, and nothing changed since
    assert await StatisticsChange.count() == 0
    r = await report(Scope(), start, today, Granularity.MONTH, suppress=False)
    assert r.total.job_seekers_registered == await Worker.count()
    assert r.total.applications == await jp.JobApplication.count()
    assert sum(1 for f in r.series if f.applications) >= 10  # spread over the year
    assert r.total.median_daily_wage_fen is not None
