"""Operator portal queries: workloadReports (with reconciliation) and myAssessments."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.assessment import filters
from resolvers.assessment.pages import (
    ReportPage,
    assessment_page_select,
    primed_assessment,
    report_page_select,
)
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from schema.assessment.inputs import AssessmentWhereInput, WorkloadReportWhereInput
from schema.assessment.types import Assessment, WorkloadReport
from schema.common import Connection
from services.auth.rules import Role, Viewer
from tables import assessment as t

# Newest month first, then newest version: what an operator wants to check first.
BY_PERIOD = SortSpec(t.WorkloadReport.period, "period", str, descending=True)
BY_ASSESSED_PERIOD = SortSpec(t.Assessment.period, "period", str, descending=True)


def operator_assessments(
    viewer: Viewer, where: AssessmentWhereInput | None
) -> tuple[list, ExactCount]:
    """myAssessments' conditions and count: the viewer's own assessments, filtered by `where`
    (a malformed period is a RequestError). For the resolver and its text plan
    (resolvers/assessment/texts.py)."""
    conds = filters.assessment_conditions(viewer, where)
    return conds, ExactCount(t.Assessment.count().where(*conds))


@strawberry.type
class AssessmentQuery:
    @strawberry.field(
        description="Workload reports, newest month first, each with its reconciliation against "
        "the platform's records: an OPERATOR sees its own reports, STAFF see all.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def workload_reports(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            WorkloadReportWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> Connection[WorkloadReport]:
        viewer = current_viewer(info)
        conds = filters.report_conditions(viewer, where)
        r = t.WorkloadReport
        page = ReportPage(info.context.loaders)
        # Counted in the page's own statement whether or not totalCount is asked for (the
        # operators' document asks): an operator's reports are markets × months, a count
        # through the operator's index, and the list keeps to three statements with the token.
        found = await sql_page(
            r.select(r.id).where(*conds),
            r.id,
            BY_PERIOD,
            first,
            after,
            page.report,
            ExactCount(r.count().where(*conds)),
            rows=report_page_select,
            fold_count=True,
        )
        await page.prime_reconciliations()
        return found

    @strawberry.field(
        description="Your organisation's assessments (OPERATOR only), newest month first, with "
        "score, proposed reward, status and the reconciliation they were based on.",
        extensions=[allow(Role.OPERATOR)],
    )
    async def my_assessments(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            AssessmentWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> Connection[Assessment]:
        conds, count = operator_assessments(current_viewer(info), where)
        a = t.Assessment
        loaders = info.context.loaders
        return await sql_page(
            a.select(a.id).where(*conds),
            a.id,
            BY_ASSESSED_PERIOD,
            first,
            after,
            lambda row: primed_assessment(loaders, row),
            count,
            rows=assessment_page_select,
        )
