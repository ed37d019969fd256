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
from services.assessment.observed import observe_many
from services.assessment.rules import INDICATORS, reconcile, tolerance_subquery
from services.market.rules import MARKET_COLUMNS
from tables import assessment as t

R = t.WorkloadReport
A = t.Assessment
_REPORT_PERIOD = '"workload_report"."period"'


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _report_page_columns() -> tuple:
    return (*R.all_columns(), *rerooted(R.market, MARKET_COLUMNS))


def report_page_select():
    """Workload reports with their market's row joined and their year's tolerance (what
    tolerances() gives) as a subquery. Serves operators and staff (workloadReports)."""
    tolerance = QueryString(tolerance_subquery(_REPORT_PERIOD)).as_alias("tolerance_percent")
    return R.select(*_report_page_columns(), tolerance)


class ReportPage:
    """Primes a page of workload reports: each report and its market as its row comes
    (`report`), then every report's reconciliation at once (`prime_reconciliations`): the
    observed figures of all the page's markets and months in one statement (observe_many), as
    load_reconciliations would count them (tests/assessment/test_prefetch.py). Counting them
    per report inside the page's statement was 2–3 times slower at province scale."""

    def __init__(self, loaders) -> None:
        self.loaders = loaders
        self.pending: list[tuple[WorkloadReport, int]] = []

    def report(self, row: dict) -> WorkloadReport:
        report = to_workload_report(row)
        self.loaders.workload_report_by_id.prime(report.id, report)
        prime_joined(row, (("market.", self.loaders.market_by_id, to_market),))
        self.pending.append((report, int(row["tolerance_percent"])))
        return report

    async def prime_reconciliations(self) -> None:
        keys = [(r.market_id, r.period) for r, _ in self.pending]
        observed = await observe_many(keys) if keys else {}
        for report, percent in self.pending:
            reported = {name: getattr(report, name) for name in INDICATORS}
            lines = reconcile(reported, observed[(report.market_id, report.period)], percent)
            self.loaders.reconciliation_by_figures.prime(
                report.reconciliation_key, to_reconciliation(lines, percent)
            )
        self.pending.clear()


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
