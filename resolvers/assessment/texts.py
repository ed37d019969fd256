"""An operator's own assessments and workload reports written by the database
(resolvers/compiled/texts.py): `myAssessments`, signed in as the operator, and
`workloadReports`, signed in as the operator or staff. Serves operators (their monthly
assessments: score, proposed reward, payout and the reconciliation it was based on; their
reports checked now against the platform's records) and staff (every operator's reports).

Each writer says in SQL what the field's resolver returns on that root's page
(resolvers/assessment/pages.py primed_assessment: to_assessment, the joined market and
report, the payout read as JSON); tests/test_compiled_texts_assessment.py holds them equal.

The reconciliation is JSON text the assessment run stored (services/assessment/runs.py,
audit.canonical), which to_assessment parses with json.loads. The database writes it only
where it reads that text exactly as Python does, and leaves every other text to the generic
executor (NULL). Which texts those are, the database decides when the row is written:
`assessment.reconciliation_read_alike` (migration 2026-12-06T18:00: a generated column on
PostgreSQL, triggers on SQLite) says whether it reads the text as json.loads does, with every
value to_assessment takes of the type it needs and within a GraphQL Int. Tested in the query
instead, that cost every read: PostgreSQL 15 has no test of JSON text that cannot fail (the
one that cannot, a regular expression, took 0.6 ms a row), and SQLite's was a quarter of the
page's time."""

from __future__ import annotations

import json
from typing import Any

from resolvers.assessment import filters
from resolvers.assessment.queries import BY_ASSESSED_PERIOD, BY_PERIOD, operator_assessments
from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    Ctx,
    NoText,
    Sel,
    Writer,
    column,
    connection_root,
    enum_text,
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


def _sqlite_lines(r: str, e: str) -> dict[str, str]:
    """The SQL of the values to_assessment takes from the JSON text `r` (SQLite; `e`: the
    alias of a line of json_each), for a row whose text passed the migration's test."""
    v = f"{e}.value"
    return {
        "indicator": f"json_extract({v}, '$.indicator')",
        "reported": f"json_extract({v}, '$.reported')",
        "observed": f"json_extract({v}, '$.observed')",
        "flagged": f"json_type({v}, '$.flagged') = 'true'",
        "lines": f"FROM json_each({r}, '$.lines') {e}",
        "order": f"{e}.key",
        "tolerance": f"COALESCE(json_extract({r}, '$.tolerance_percent'), 0)",
    }


def _postgres_lines(r: str, e: str) -> dict[str, str]:
    """As _sqlite_lines, for `r` the text cast to jsonb."""
    v = f"{e}.value"
    return {
        "indicator": f"({v} ->> 'indicator')",
        "reported": f"({v} ->> 'reported')::bigint",
        "observed": f"({v} ->> 'observed')::bigint",
        "flagged": f"({v} -> 'flagged') = to_jsonb(true)",
        "lines": f"FROM jsonb_array_elements({r} -> 'lines') WITH ORDINALITY {e}(value, n)",
        "order": f"{e}.n",
        "tolerance": f"COALESCE(({r} ->> 'tolerance_percent')::bigint, 0)",
    }


def _reconciliation(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_assessment: json.loads(reconciliation or "{}"), its lines in their order, the
    # tolerance (0 if none), flagged if any line is; each line's difference is computed.
    z, e, f = ctx.alias(), ctx.alias(), ctx.alias()
    r = f"{z}.r"
    read = _sqlite_lines if ctx.engine == "sqlite" else _postgres_lines
    line = read(r, e)
    line_values = {
        "indicator": enum_text(line["indicator"], Indicator),
        "reported": j.integer(line["reported"]),
        "observed": j.integer(line["observed"]),
        "difference": j.integer(f"({line['reported']} - {line['observed']})"),
        "flagged": j.boolean(line["flagged"]),
    }
    any_line = read(r, f)
    pairs: list[tuple[str, j.Expr]] = []
    for child in sel.children:
        if child.node.arguments:
            raise NoText(f"Reconciliation.{child.name}")
        if child.name == "__typename":
            pairs.append((child.key, j.literal('"Reconciliation"')))
        elif child.name == "tolerancePercent":
            pairs.append((child.key, j.integer(line["tolerance"])))
        elif child.name == "flagged":
            flagged = f"EXISTS (SELECT 1 {any_line['lines']} WHERE {any_line['flagged']})"
            pairs.append((child.key, j.boolean(flagged)))
        elif child.name == "lines":
            item = values_text("ReconciliationLine", child.children, line_values)
            pairs.append((child.key, j.array(ctx.engine, item, line["lines"], line["order"])))
        else:
            raise NoText(f"Reconciliation.{child.name}")
    card = j.obj(pairs)
    stored = f"{alias}.reconciliation"
    empty = j.literal("{}").sql
    text = f"CASE WHEN {stored} IS NULL OR {stored} = '' THEN ({empty}) ELSE {stored} END"
    if ctx.engine != "sqlite":
        text = f"CAST({text} AS jsonb)"
    # Only where the row's own test said the text reads alike (the migration's column); the
    # subquery under THEN runs for those rows alone, so no other text reaches the cast (on
    # PostgreSQL it would fail the statement).
    return j.Expr(
        f"CASE WHEN {alias}.reconciliation_read_alike THEN "
        f"{j.scalar(card, f'FROM (SELECT {text} AS r) {z}').sql} END",
        card.slots,
    )


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
        "reconciliation": _reconciliation,
    },
    # to_workload_report of the joined row.
    "WorkloadReport": {
        "id": node_id("WorkloadReport"),
        "version": column("version", "integer"),
    },
}


async def _operator_assessments(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myAssessments` resolver's page for the signed-in operator, its cards as text."""
    conds, count = operator_assessments(rows.viewer, kwargs.get("where"))
    return await text_page(t.Assessment.id, conds, BY_ASSESSED_PERIOD, kwargs, count, rows)


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
# workloadReports: the reports' cards by the database; each reconciliation, computed now, by
# Python with the rules the resolver uses (resolvers/assessment/pages.ReportPage: observe_many,
# then reconcile with the year's tolerance). The database writes, in the reconciliation's place,
# what that needs between two RECONCILE marks (market, period, tolerance and the seven reported
# figures); `reconciled` reads them back, counts the page's observed figures in the service's
# one statement and puts each reconciliation's JSON there: 3 statements with the token, as the
# compiled executor.
RECONCILE = "\x1d"
LINE_FIELDS = ("indicator", "reported", "observed", "difference", "flagged", "__typename")
RECONCILIATION_FIELDS = ("tolerancePercent", "flagged", "lines", "__typename")
INT_RANGE = range(-(2**31), 2**31)
# What the database writes between the marks: market, period, tolerance, reported figures.
Marked = tuple[int, str, int, dict[str, int]]


def _report_reconciliation(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    for child in sel.children:
        if child.name not in RECONCILIATION_FIELDS or child.node.arguments:
            raise NoText(f"Reconciliation.{child.name}")
        for line in child.children:
            if line.name not in LINE_FIELDS or line.node.arguments:
                raise NoText(f"ReconciliationLine.{line.name}")
    mark = f"{'char' if ctx.engine == 'sqlite' else 'chr'}({ord(RECONCILE)})"
    values = [
        f"{alias}.market",
        f"{alias}.period",
        tolerance_subquery(f"{alias}.period"),
        *(f"{alias}.{name}" for name in INDICATORS),
    ]
    joined_values = " || ',' || ".join(f"CAST({v} AS TEXT)" for v in values)
    return j.Expr(f"({mark} || {joined_values} || {mark})")


def _int(value: int | None) -> str:
    if value is None:
        return "null"
    if value not in INT_RANGE:
        raise ValueError("past a GraphQL Int")  # the generic executor reports the field
    return str(value)


def _line_text(selected: tuple[Sel, ...], line: Line) -> str:
    values = {
        "indicator": json.dumps(Indicator(line.indicator).name),
        "reported": _int(line.reported),
        "observed": _int(line.observed),
        "difference": _int(line.difference),
        "flagged": "true" if line.flagged else "false",
        "__typename": '"ReconciliationLine"',
    }
    return "{" + ",".join(f"{json.dumps(s.key)}:{values[s.name]}" for s in selected) + "}"


def _reconciliation_text(selected: tuple[Sel, ...], lines: list[Line], percent: int) -> str:
    """{…} of a Reconciliation (to_reconciliation) as graphql-core writes the selection."""
    pairs = []
    for s in selected:
        if s.name == "tolerancePercent":
            value = _int(percent)
        elif s.name == "flagged":
            value = "true" if any(line.flagged for line in lines) else "false"
        elif s.name == "lines":
            value = "[" + ",".join(_line_text(s.children, line) for line in lines) + "]"
        else:
            value = '"Reconciliation"'
        pairs.append(f"{json.dumps(s.key)}:{value}")
    return "{" + ",".join(pairs) + "}"


def _marked(card: str) -> tuple[str, str, Marked] | None:
    """The card's text before and after its one marked reconciliation, and what the database
    wrote between the marks; None for a card that holds none (the document did not select it).
    ValueError for anything else."""
    if RECONCILE not in card:
        return None
    before, inside, after = card.split(RECONCILE)  # ValueError unless exactly two marks
    market, period, percent, *figures = inside.split(",")
    if len(figures) != len(INDICATORS):
        raise ValueError("not a report's figures")
    reported = {name: int(v) for name, v in zip(INDICATORS, figures, strict=True)}
    return before, after, (int(market), period, int(percent), reported)


async def reconciled(page: Any, selected: tuple[Sel, ...]) -> Any:
    """A page of report cards with each reconciliation put in (`selected`: its selection); a
    card whose marks or values Python cannot read as the resolver would goes to the generic
    executor (None), which answers as it would."""
    found: dict[int, tuple[str, str, Marked]] = {}
    for i, edge in enumerate(page.edges):
        try:
            marked = _marked(edge.node) if edge.node is not None else None
        except ValueError:
            edge.node = None
            continue
        if marked is not None:
            found[i] = marked
    if any(edge.node is None for edge in page.edges):
        page.nodes = [edge.node for edge in page.edges]
        return page  # the generic executor answers: no need to count
    keys = list(dict.fromkeys((market, period) for _, _, (market, period, _, _) in found.values()))
    observed = await observe_many(keys) if keys else {}
    for i, (before, after, (market, period, percent, reported)) in found.items():
        lines = reconcile(reported, observed[(market, period)], percent)
        try:
            page.edges[i].node = before + _reconciliation_text(selected, lines, percent) + after
        except ValueError:
            page.edges[i].node = None
    page.nodes = [edge.node for edge in page.edges]
    return page


async def _workload_reports(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `workloadReports` resolver's page (an operator's own reports, every report for
    staff), its cards as text with their reconciliations computed now."""
    conds = filters.report_conditions(rows.viewer, kwargs.get("where"))
    r = t.WorkloadReport
    page = await text_page(
        r.id, conds, BY_PERIOD, kwargs, ExactCount(r.count().where(*conds)), rows
    )
    selected = next((s.children for s in rows.nodes if s.name == "reconciliation"), ())
    return await reconciled(page, selected)


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
