"""Scope and filters for workload reports and assessments: operators see only their own."""

from __future__ import annotations

from resolvers.errors import RequestError
from resolvers.global_ids import decode_id
from schema.assessment.inputs import AssessmentWhereInput, WorkloadReportWhereInput
from services.assessment import periods
from services.auth.rules import Role, Viewer
from tables import assessment as t

# An id that does not decode matches nothing, exactly like an id that exists nowhere.
NO_MARKET = 0


def _period(value: str) -> str:
    if periods.parse(value) is None:
        raise RequestError("period：须为年月，格式 YYYY-MM，例如 2026-11", field="where.period")
    return value


def _market(value: str) -> int:
    return decode_id(value, "Market") or NO_MARKET


def report_conditions(viewer: Viewer, where: WorkloadReportWhereInput | None) -> list:
    where = where or WorkloadReportWhereInput()
    r = t.WorkloadReport
    out: list = []
    if viewer.role == Role.OPERATOR:
        out.append(r.operator == viewer.subject_id)
    if where.market_id is not None:
        out.append(r.market == _market(where.market_id))
    if where.period is not None:
        out.append(r.period == _period(where.period))
    if not where.include_superseded:
        out.append(r.is_current == 1)
    return out


def assessment_conditions(viewer: Viewer, where: AssessmentWhereInput | None) -> list:
    where = where or AssessmentWhereInput()
    a = t.Assessment
    out: list = [a.operator == viewer.subject_id]
    if where.market_id is not None:
        out.append(a.market == _market(where.market_id))
    if where.period is not None:
        out.append(a.period == _period(where.period))
    if where.status is not None:
        out.append(a.status == where.status.value)
    return out
