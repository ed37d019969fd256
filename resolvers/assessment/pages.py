"""Pages of workload reports and assessments that bring their nested fields (resolvers/prefetch.py)."""

from __future__ import annotations

from functools import cache

from piccolo.querystring import QueryString

from resolvers.assessment.loaders import (
    fen_to_yuan,
    to_assessment,
    to_reconciliation,
    to_workload_report,
)
from resolvers.market.loaders import to_market
from resolvers.prefetch import json_instant, json_rows, parse_rows, prime_joined, rerooted
from schema.assessment.types import Assessment, Payout, WorkloadReport
from services.assessment.observed import observed_subqueries
from services.assessment.rules import INDICATORS, reconcile, tolerance_subquery
from services.market.rules import MARKET_COLUMNS
from tables import assessment as t

R = t.WorkloadReport
A = t.Assessment
_REPORT_MARKET = '"workload_report"."market"'
_REPORT_PERIOD = '"workload_report"."period"'
_OBSERVED = "observed_"


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _report_page_columns() -> tuple:
    return (*R.all_columns(), *rerooted(R.market, MARKET_COLUMNS))


def report_page_select():
    """Workload reports with what their cards load: the market's row joined, the month's
    observed figures and the year's tolerance as correlated subqueries (the reconciliation,
    services/assessment/observed.py). Serves operators and staff (workloadReports)."""
    observed = [
        QueryString(sql).as_alias(f"{_OBSERVED}{figure}")
        for figure, sql in observed_subqueries(_REPORT_MARKET, _REPORT_PERIOD)
    ]
    tolerance = QueryString(tolerance_subquery(_REPORT_PERIOD)).as_alias("tolerance_percent")
    return R.select(*_report_page_columns(), *observed, tolerance)


def primed_report(loaders, row: dict) -> WorkloadReport:
    """The report of a report_page_select() row; the request's report, market and
    reconciliation loaders primed with what load_reports, load_markets and
    load_reconciliations would give (tests/assessment/test_prefetch.py)."""
    report = to_workload_report(row)
    loaders.workload_report_by_id.prime(report.id, report)
    prime_joined(row, (("market.", loaders.market_by_id, to_market),))
    observed: dict[str, int | None] = {name: int(row[f"{_OBSERVED}{name}"]) for name in INDICATORS}
    percent = int(row["tolerance_percent"])
    reported = {name: getattr(report, name) for name in INDICATORS}
    lines = reconcile(reported, observed, percent)
    loaders.reconciliation_by_figures.prime(
        report.reconciliation_key, to_reconciliation(lines, percent)
    )
    return report


@cache
def _assessment_page_columns() -> tuple:
    return (
        *A.all_columns(),
        *rerooted(A.market, MARKET_COLUMNS),
        *rerooted(A.report, R.all_columns()),
    )


def assessment_page_select():
    """Assessments with their market's and report's rows joined and their payout (one at
    most: unique per assessment) as JSON. Serves operators (myAssessments)."""
    payout = json_rows(
        "prefetch_payout",
        "y.id, y.amount_fen, y.created_at",
        'payout y WHERE y.assessment = "assessment"."id"',
    )
    return A.select(*_assessment_page_columns(), payout)


def primed_assessment(loaders, row: dict) -> Assessment:
    """The assessment of an assessment_page_select() row; the request's market, report and
    payout loaders primed with what load_markets, load_reports and load_payouts would give."""
    assessment = to_assessment(row)
    prime_joined(
        row,
        (
            ("market.", loaders.market_by_id, to_market),
            ("report.", loaders.workload_report_by_id, to_workload_report),
        ),
    )
    payouts = parse_rows(row["prefetch_payout"])
    loaders.payout_by_assessment.prime(
        assessment.id,
        Payout(
            id=payouts[-1][0],
            amount=fen_to_yuan(payouts[-1][1]),
            created_at=json_instant(payouts[-1][2]),
        )
        if payouts
        else None,
    )
    return assessment
