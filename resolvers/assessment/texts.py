"""An operator's own assessments and workload reports written by the database
(resolvers/compiled/texts.py): `myAssessments`, signed in as the operator, and
`workloadReports`, signed in as the operator or staff. Serves operators (their monthly
assessments: score, proposed reward, payout and the reconciliation it was based on; their
reports checked now against the platform's records) and staff (every operator's reports).

Each writer says in SQL what the field's resolver returns on that root's page
(resolvers/assessment/pages.py: primed_assessment, ReportPage);
tests/test_compiled_texts_assessment.py holds them equal.

A reconciliation is written by Python on both roots (below): the one an assessment's run
stored (JSON text, services/assessment/runs.py), read as to_assessment reads it, and a report's,
computed now by the resolver's rules. The databases read JSON text slower than Python, and
only Python reads it exactly as json.loads does: the text plan used to read stored texts in
SQL where a column the database kept said it read them alike (migration 2026-12-06T18:00,
dropped by 2026-12-07T03:30)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, cast

from resolvers.assessment import filters
from resolvers.assessment.queries import BY_ASSESSED_PERIOD, BY_PERIOD, operator_assessments
from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    BETWEEN_MARKS,
    ROOTS,
    Cards,
    Ctx,
    NoText,
    Sel,
    Writer,
    column,
    connection_root,
    instant,
    joined,
    node_id,
    text_page,
    values_text,
)
from resolvers.pagination import ExactCount
from schema.assessment.enums import AssessmentStatus, Indicator
from services.assessment.observed import observe_many
from services.assessment.rules import INDICATORS, Line, reconcile, tolerance_subquery
from services.auth.rules import Role
from tables import assessment as t


def _yuan(name: str) -> Writer:
    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.yuan(ctx.engine, f"{alias}.{name}")  # to_assessment: Decimal(...).scaleb(-2)

    return write


def _flagged(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.boolean(f"{alias}.flagged <> 0")  # bool() of an integer column (never NULL)


def _reject_reason(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.reject_reason, '')")  # `or None`


def _payout_created_at(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # The payout's time travels as JSON (prefetch.json_instant reads it with its offset);
    # SQLite's reader ignores the offset, so only a text in UTC reads the same both ways.
    written = j.instant(ctx.engine, f"{alias}.created_at")
    if ctx.engine != "sqlite":
        return written
    return j.Expr(
        f"CASE WHEN {alias}.created_at IS NOT NULL AND ({alias}.created_at NOT LIKE '%+00:00' "
        f"OR length({alias}.created_at) NOT IN (25, 32)) THEN NULL ELSE {written.sql} END"
    )


def _payout(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # primed_assessment: the payout of the assessment (unique per assessment), null before.
    y = ctx.alias()
    values = {
        "amount": j.yuan(ctx.engine, f"{y}.amount_fen"),
        "createdAt": _payout_created_at(ctx, y, sel),
    }
    card = values_text("Payout", sel.children, values)
    return j.scalar(card, f"FROM payout {y} WHERE {y}.assessment = {alias}.id")


# --------------------------------------------------------------------------------------------
# Reconciliations are written by Python for both roots, as to_reconciliation gives them: in the
# field's place the database writes what Python needs between two marks (BETWEEN_MARKS;
# myAssessments: the text the run stored; workloadReports: market, period, tolerance and the
# reported figures),
# and the root's page puts the JSON there. Python reads those texts faster than the databases:
# a stored reconciliation read by PostgreSQL's jsonb took 1.6 of a page's 2.3 ms. Anything
# Python cannot write as graphql-core would (a value not of its field's type, a number past a
# GraphQL Int, a text json.loads or to_assessment would fail on) sends the request to the
# generic executor, which answers (or fails) as it always did.
LINE_FIELDS = ("indicator", "reported", "observed", "difference", "flagged", "__typename")
RECONCILIATION_FIELDS = ("tolerancePercent", "flagged", "lines", "__typename")
INT_RANGE = range(-(2**31), 2**31)
INDICATOR_NAMES = {cast(str, m.value): json.dumps(m.name) for m in Indicator}


def _between_marks(ctx: Ctx, sel: Sel, text: str) -> j.Expr:
    """The writer's SQL: `text` (SQL of a text) between two marks, for a selection Python
    writes."""
    for child in sel.children:
        if child.name not in RECONCILIATION_FIELDS or child.node.arguments:
            raise NoText(f"Reconciliation.{child.name}")
        for line in child.children:
            if line.name not in LINE_FIELDS or line.node.arguments:
                raise NoText(f"ReconciliationLine.{line.name}")
    mark = j.character(ctx.engine, BETWEEN_MARKS)
    return j.Expr(f"({mark} || {text} || {mark})")


def _int(value: int | None) -> str:
    if value is None:
        return "null"
    if type(value) is not int or value not in INT_RANGE:
        raise ValueError("not a GraphQL Int")  # the generic executor reports the field
    return str(value)


def _boolean(value: bool) -> str:
    if type(value) is not bool:
        raise ValueError("not a Boolean")
    return "true" if value else "false"


def _line_values(line: Line) -> dict[str, str]:
    return {
        "indicator": INDICATOR_NAMES[line.indicator],  # KeyError: not an Indicator
        "reported": _int(line.reported),
        "observed": _int(line.observed),
        "difference": "null"
        if line.reported is None or line.observed is None
        else _int(line.reported - line.observed),
        "flagged": _boolean(line.flagged),
        "__typename": '"ReconciliationLine"',
    }


def _keys(selected: tuple[Sel, ...]) -> list[tuple[str, str]]:
    """Each selected field's `"key":` (quoted once a request, not once a line) and name."""
    return [(json.dumps(s.key) + ":", s.name) for s in selected]


def reconciliation_writer(selected: tuple[Sel, ...]) -> Callable[[list[Line], int], str]:
    """{…} of a Reconciliation (to_reconciliation) as graphql-core writes `selected`."""
    keys = _keys(selected)
    line_keys = _keys(next((s.children for s in selected if s.name == "lines"), ()))

    def line_text(line: Line) -> str:
        values = _line_values(line)
        return "{" + ",".join(key + values[name] for key, name in line_keys) + "}"

    def write(lines: list[Line], percent: int) -> str:
        if percent is None:
            raise ValueError("tolerancePercent is non-null")
        values = {
            "tolerancePercent": _int(percent),
            "flagged": "true" if any(line.flagged for line in lines) else "false",
            "lines": "",
            "__typename": '"Reconciliation"',
        }
        if line_keys:
            values["lines"] = "[" + ",".join(line_text(line) for line in lines) + "]"
        return "{" + ",".join(key + values[name] for key, name in keys) + "}"

    return write


def _selected(rows: Cards) -> tuple[Sel, ...]:
    return next((s.children for s in rows.nodes if s.name == "reconciliation"), ())


def _marked(page: Any) -> dict[int, tuple[str, str, str]] | None:
    """Each marked card's text before, between and after its marks, by position (a card
    without marks: the document did not select the reconciliation); None for a page the
    generic executor must answer (a card the database did not write, a mark not twice)."""
    found = {}
    for i, edge in enumerate(page.edges):
        if edge.node is None:
            return None
        if BETWEEN_MARKS in edge.node:
            before, inside, *after = edge.node.split(BETWEEN_MARKS)
            if len(after) != 1:
                return None
            found[i] = (before, inside, after[0])
    return found


def _put_in(
    page: Any,
    found: dict[int, tuple[str, str, str]],
    selected: tuple[Sel, ...],
    reconciliations: dict[int, tuple[list[Line], int]],
) -> Any:
    """The page with each marked card's reconciliation (its lines and tolerance) written in;
    None (the generic executor) if any cannot be written as graphql-core would."""
    write = reconciliation_writer(selected)
    for i, (before, _, after) in found.items():
        lines, percent = reconciliations[i]
        try:
            text = write(lines, percent)
        except (ValueError, TypeError, KeyError):
            return None
        page.edges[i].node = before + text + after
    page.nodes = [edge.node for edge in page.edges]
    return page


# --------------------------------------------------------------------------------------------
# myAssessments: the reconciliation the run stored, read by Python as to_assessment reads it.


def _stored_reconciliation(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    stored, empty = f"{alias}.reconciliation", j.literal("{}").sql
    text = f"CASE WHEN {stored} IS NULL OR {stored} = '' THEN {empty} ELSE {stored} END"
    return _between_marks(ctx, sel, text)


def _stored(text: str) -> tuple[list[Line], int]:
    """to_assessment's lines and tolerance of a stored text (json.loads(… or "{}")), each value
    of exactly its field's type; ValueError, TypeError or KeyError otherwise."""
    details = json.loads(text)
    if type(details) is not dict:
        raise ValueError("not an object")
    items, percent = details.get("lines", []), details.get("tolerance_percent", 0)
    if type(items) is not list:
        raise ValueError("lines: not a list")
    lines = [Line(i["indicator"], i["reported"], i["observed"], i["flagged"]) for i in items]
    return lines, percent


# An assessment as its operator sees it (to_assessment and what primed_assessment primes),
# its market's card as anyone sees it: only the fields MyAssessments asks for; any other (a
# report's figures or its reconciliation computed now) keeps the generic executor.
AS_ITS_OPERATOR_SEES: dict[str, dict[str, Writer]] = {
    "Assessment": {
        "id": node_id("Assessment"),
        "period": column("period"),
        "status": column("status", enum=AssessmentStatus),
        "score": _yuan("score_basis_points"),
        "scoreBasisPoints": column("score_basis_points", "integer"),
        "proposedReward": _yuan("proposed_reward_fen"),
        "flagged": _flagged,
        "computedAt": instant("computed_at"),
        "decidedAt": instant("decided_at"),
        "rejectReason": _reject_reason,
        "market": joined("Market", "market", "market"),
        "report": joined("WorkloadReport", "workload_report", "report"),
        "payout": _payout,
        "reconciliation": _stored_reconciliation,
    },
    # to_workload_report of the joined row.
    "WorkloadReport": {
        "id": node_id("WorkloadReport"),
        "version": column("version", "integer"),
    },
}


async def _operator_assessments(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myAssessments` resolver's page for the signed-in operator, its cards as text with
    the reconciliations their runs stored."""
    conds, count = operator_assessments(rows.viewer, kwargs.get("where"))
    page = await text_page(t.Assessment.id, conds, BY_ASSESSED_PERIOD, kwargs, count, rows)
    found = _marked(page)
    if found is None:
        return None
    try:
        stored = {i: _stored(inside) for i, (_, inside, _) in found.items()}
    except (ValueError, TypeError, KeyError, RecursionError):
        return None  # the generic executor answers (or fails) as it would
    return _put_in(page, found, _selected(rows), stored)


ROOTS["myAssessments"] = connection_root(
    "Assessment",
    "AssessmentConnection",
    "assessment",
    ("id", "period"),
    _operator_assessments,
    roles=frozenset({Role.OPERATOR}),
    writers=AS_ITS_OPERATOR_SEES,
)


# --------------------------------------------------------------------------------------------
# workloadReports: each reconciliation computed now with the rules the resolver uses
# (resolvers/assessment/pages.ReportPage): the page's observed figures in the service's one
# statement (observe_many), then reconcile with the year's tolerance: 3 statements with the
# token, as the compiled executor.


def _report_reconciliation(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    values = [
        f"{alias}.market",
        f"{alias}.period",
        tolerance_subquery(f"{alias}.period"),
        *(f"{alias}.{name}" for name in INDICATORS),
    ]
    return _between_marks(ctx, sel, " || ',' || ".join(f"CAST({v} AS TEXT)" for v in values))


def _figures(text: str) -> tuple[int, str, int, dict[str, int]]:
    """Market, period, tolerance and the reported figures the database wrote between the
    marks; ValueError for anything else."""
    market, period, percent, *figures = text.split(",")
    if len(figures) != len(INDICATORS):
        raise ValueError("not a report's figures")
    reported = {name: int(v) for name, v in zip(INDICATORS, figures, strict=True)}
    return int(market), period, int(percent), reported


async def _workload_reports(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `workloadReports` resolver's page (an operator's own reports, every report for
    staff), its cards as text with their reconciliations computed now."""
    conds = filters.report_conditions(rows.viewer, kwargs.get("where"))
    r = t.WorkloadReport
    page = await text_page(
        r.id, conds, BY_PERIOD, kwargs, ExactCount(r.count().where(*conds)), rows
    )
    found = _marked(page)
    if found is None:
        return None
    try:
        figures = {i: _figures(inside) for i, (_, inside, _) in found.items()}
    except ValueError:
        return None
    observed = await observe_many(list(dict.fromkeys((m, p) for m, p, _, _ in figures.values())))
    reconciliations = {
        i: (reconcile(reported, observed[(m, p)], percent), percent)
        for i, (m, p, percent, reported) in figures.items()
    }
    return _put_in(page, found, _selected(rows), reconciliations)


# A report as its operator (and staff) see it on workloadReports: to_workload_report of the
# page's row, its market's card as anyone sees it, its reconciliation put in by Python. Only
# the fields WorkloadReports asks for; any other keeps the generic executor.
AS_ITS_REPORTER_SEES: dict[str, dict[str, Writer]] = {
    "WorkloadReport": {
        "id": node_id("WorkloadReport"),
        "period": column("period"),
        "version": column("version", "integer"),
        "isCurrent": lambda ctx, alias, sel: j.boolean(f"{alias}.is_current <> 0"),
        "submittedAt": instant("submitted_at"),
        "lockedAt": instant("locked_at"),
        "notes": column("notes"),
        "market": joined("Market", "market", "market"),
        "reconciliation": _report_reconciliation,
    },
}
ROOTS["workloadReports"] = connection_root(
    "WorkloadReport",
    "WorkloadReportConnection",
    "workload_report",
    ("id", "period"),
    _workload_reports,
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers=AS_ITS_REPORTER_SEES,
)
