"""Pages of workload reports and assessments bring their nested fields in their own statement
(resolvers/assessment/pages.py), the reports' observed figures in one more: every primed loader
holds what its batch function loads."""

from __future__ import annotations

from resolvers.assessment.pages import (
    ReportPage,
    assessment_page_select,
    primed_assessment,
    report_page_select,
)
from resolvers.loaders import Loaders
from services.assessment import decisions, runs
from services.audit.rules import Actor
from tables import assessment as t
from tests.assessment.queries.test_workload_reports import _records_for_march_2025
from tests.fixtures.assessment import LAST, assessed, make_scheme, make_staff, submit
from tests.fixtures.operator import contracted_market
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql


def _observed(reconciliation) -> list[int | None]:
    return [line.observed for line in reconciliation.lines]


async def test_a_page_of_reports_primes_markets_and_the_reconciliation_of_each_month():
    # given: records in February, March and April 2025 (Asia/Shanghai) at one market and in
    # March at another; reports for each of those months, a corrected March (two versions), a
    # month of 2024 (no scheme: the default tolerance) and 2025's scheme allowing 50 %
    operator_id, market_id, _ = await contracted_market()
    other_operator, elsewhere, _ = await contracted_market()
    await _records_for_march_2025(market_id, elsewhere)
    await make_scheme(2025, tolerance_percent=50)
    reports = [
        await submit(operator_id, market_id, "2025-03", postings_published=3),
        await submit(operator_id, market_id, "2025-03", registrations=3),
        await submit(operator_id, market_id, "2025-02", registrations=1),
        await submit(operator_id, market_id, "2025-04"),
        await submit(operator_id, market_id, "2024-12", registrations=0),
        await submit(other_operator, elsewhere, "2025-03"),
    ]
    ids = [r["id"] for r in reports]

    # when: one statement for the page, one for every report's observed figures
    primed = Loaders()
    page = ReportPage(primed)
    with count_sql() as statements:
        rows = await report_page_select().where(t.WorkloadReport.id.is_in(ids))
        by_id = {r.id: r for r in (page.report(row) for row in rows)}
        await page.prime_reconciliations()

    # then
    assert statements[0] == 2
    got = await same_through_both(
        primed,
        {
            "workload_report_by_id": ids,
            "market_by_id": [market_id, elsewhere],
            "reconciliation_by_figures": [by_id[i].reconciliation_key for i in ids],
        },
    )
    march, corrected, february, april, december, other = got["reconciliation_by_figures"]
    assert _observed(march) == _observed(corrected) == [3, 2, 1, 2, 1, 3, 2]
    assert (march.tolerance_percent, december.tolerance_percent) == (50, 10)
    assert _observed(february) == [1, 0, 1, 0, 0, 1, 0]
    assert _observed(april) == [1, 0, 0, 0, 0, 1, 1]
    assert _observed(december) == [0, 0, 0, 0, 0, 0, 0]
    assert _observed(other) == [1, 1, 0, 0, 0, 1, 1]


async def test_a_page_of_assessments_primes_markets_reports_and_payouts():
    # given: an approved assessment (with its payout), a draft one, and one of a market that
    # reported nothing (no report, no payout)
    paid = await assessed()
    row = paid["assessment"]
    await decisions.approve(row["id"], row["version"], await make_staff(), "线下登记已核实")
    unpaid = await assessed()
    _, silent, _ = await contracted_market()
    await runs.run(LAST, Actor("STAFF", await make_staff()), [silent])
    ids = [
        r["id"]
        for r in await t.Assessment.select(t.Assessment.id)
        .where(t.Assessment.market.is_in([paid["market"], unpaid["market"], silent]))
        .order_by(t.Assessment.id)
    ]

    # when: one statement for the page
    primed = Loaders()
    with count_sql() as statements:
        rows = await assessment_page_select().where(t.Assessment.id.is_in(ids))
    assessments = {a.id: a for a in (primed_assessment(primed, row) for row in rows)}

    # then
    assert statements[0] == 1
    assert len(ids) == 3
    reports = [a.report_id for a in assessments.values() if a.report_id is not None]
    assert sorted(reports) == sorted([paid["report"], unpaid["report"]])
    got = await same_through_both(
        primed,
        {
            "market_by_id": [paid["market"], unpaid["market"], silent],
            "workload_report_by_id": reports,
            "payout_by_assessment": ids,
        },
    )
    payouts = got["payout_by_assessment"]
    assert payouts[0] is not None and str(payouts[0].amount) == "10000.00"
    assert payouts[1:] == [None, None]
