"""Subsidy cards written by the database (resolvers/compiled/texts.py): the public list of open
programmes (`subsidyProgrammes`, anonymous), and the caller's own applications
(`mySubsidyApplications`, signed in as a worker or an operator), each with its programme's
card. Serves frontend teams: the public app's subsidy page (补贴) and the workers' and
operators' 我的补贴申请.

Each writer says in SQL what the field's resolver returns (resolvers/subsidy/loaders.py
to_programme and to_application, and the loaders primed_application primes: the enrolment's
to_enrolment, its course's to_training, the market's to_market);
tests/test_compiled_texts_subsidy.py holds them equal on both engines. Money is integer fen
in storage and yuan (to_yuan, the Decimal scalar's text) in GraphQL."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

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
    object_text,
    register,
    text_page,
)
from resolvers.subsidy.queries.applications import NEWEST_SUBMITTED, own_applications
from resolvers.subsidy.queries.programmes import ENDING_SOONEST, open_programmes
from schema.market.enums import MarketOwnership
from schema.reference.types import RegionLevel
from schema.subsidy import enums as e
from schema.training.enums import TrainingCategory
from schema.worker.enums import AssistanceCategory
from services.auth.rules import Role
from services.subsidy.programmes import CLAUSES
from tables import subsidy as t


def _yuan(fen: str) -> Writer:
    """The writer of a non-null Decimal field of integer fen (to_yuan): NULL (the generic
    executor, which fails on it) for a NULL, and on SQLite for a difference that overflowed
    into a double (PostgreSQL raises on it: the generic executor again)."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        sql = fen.format(a=alias)
        money = j.yuan(ctx.engine, f"({sql})")
        kind = f"typeof({sql}) <> 'integer'" if ctx.engine == "sqlite" else f"({sql}) IS NULL"
        return j.Expr(f"CASE WHEN {kind} THEN NULL ELSE {money.sql} END", money.slots)

    return write


def _optional_enum(name: str, enum: type[Enum]) -> Writer:
    """to_programme's `Enum(v) if v else None`: null for NULL and for ""."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        sql = f"{alias}.{name}"
        return j.nullable(f"{sql} IS NULL OR {sql} = ''", enum_text(sql, enum))

    return write


def _assistance_categories(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # [AssistanceCategory(c) for c in … or []]: stored values are the GraphQL names.
    allowed = tuple(m.name for m in AssistanceCategory if m.name == m.value)
    if len(allowed) != len(AssistanceCategory):
        raise NoText("AssistanceCategory: stored values are not the GraphQL names")
    return j.names(ctx.engine, f"{alias}.assistance_categories", allowed)


def _policy_clause(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # CLAUSES[kind]; another kind fails to_programme (SubsidyKind), so NULL: the generic path.
    cases = " ".join(
        f"WHEN '{kind}' THEN {j.literal(json.dumps(clause, ensure_ascii=False)).sql}"
        for kind, clause in CLAUSES.items()
    )
    return j.Expr(f"CASE {alias}.kind {cases} END")


def _region(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    """joined_region: null when the programme has no region, or its region has no code; a
    level RegionLevel does not know fails required_region (NULL: the generic executor)."""
    if alias not in ctx.joinable:
        raise NoText("SubsidyProgramme.region outside the plan's FROM")
    other = ctx.alias()
    ctx.joins.append(f"LEFT JOIN region {other} ON {other}.id = {alias}.region")
    ctx.joinable.add(other)
    card = object_text(ctx, "Region", other, sel.children)
    levels = ", ".join(f"'{m.value}'" for m in RegionLevel)
    return j.Expr(
        f"CASE WHEN {other}.id IS NULL OR {other}.code IS NULL OR {other}.code = '' THEN 'null' "
        f"WHEN {other}.level IS NULL OR {other}.level NOT IN ({levels}) THEN NULL "
        f"ELSE {card.sql} END",
        card.slots,
    )


def _required(type_name: str, table: str, key: str) -> Writer:
    """A non-null to-one field (an application's programme, an enrolment's course): the row
    of `table` whose id is this row's `key`, joined into the plan's FROM (as texts.joined);
    NULL (the generic executor, which fails on it) when the row is missing."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        if alias not in ctx.joinable:
            raise NoText(f"{type_name} outside the plan's FROM")
        other = ctx.alias()
        ctx.joins.append(f"LEFT JOIN {table} {other} ON {other}.id = {alias}.{key}")
        ctx.joinable.add(other)  # its own to-one fields join the same FROM, after it
        card = object_text(ctx, type_name, other, sel.children)
        return j.Expr(f"CASE WHEN {other}.id IS NULL THEN NULL ELSE {card.sql} END", card.slots)

    return write


register(
    "SubsidyProgramme",
    {
        "id": node_id("SubsidyProgramme"),
        "name": column("name"),
        "kind": column("kind", enum=e.SubsidyKind),
        "policyClause": _policy_clause,
        "amountRule": column("amount_rule", enum=e.SubsidyAmountRule),
        "amount": _yuan("{a}.amount_fen"),
        "assistanceCategories": _assistance_categories,
        "trainingCategory": _optional_enum("training_category", TrainingCategory),
        "trainingWithinMonths": column("training_within_months", "integer"),
        "region": _region,
        "marketOwnership": _optional_enum("market_ownership", MarketOwnership),
        "startsAt": instant("starts_at"),
        "endsAt": instant("ends_at"),
        "budgetRemaining": _yuan("{a}.budget_fen - {a}.committed_fen"),
    },
)


async def _open_programmes(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `subsidyProgrammes` resolver's page, its cards as text."""
    conds, count = open_programmes(kwargs.get("kind"))
    return await text_page(t.SubsidyProgramme.id, conds, ENDING_SOONEST, kwargs, count, rows)


# A few dozen programmes per city, kept by staff: a small table.
ROOTS["subsidyProgrammes"] = connection_root(
    "SubsidyProgramme",
    "SubsidyProgrammeConnection",
    "subsidy_programme",
    ("id", "ends_at"),
    _open_programmes,
    small_table=True,
)


def _or_none(name: str) -> Writer:
    """to_application's `or None`: an empty text (the column's default) is null."""

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.string(ctx.engine, f"NULLIF({alias}.{name}, '')")

    return write


# An application as its worker, or its market's operator, sees it (to_application): the same
# for both. Its enrolment (to_enrolment) only as MySubsidyApplications asks for it; any other
# field keeps the generic executor. Writers of this root alone.
AS_ITS_APPLICANT_SEES: dict[str, Writer] = {
    "id": node_id("SubsidyApplication"),
    "status": column("status", enum=e.SubsidyApplicationStatus),
    "quantity": column("quantity", "integer"),
    "amount": _yuan("{a}.amount_fen"),
    "submittedAt": instant("submitted_at"),
    "decidedAt": instant("decided_at"),
    "rejectReason": _or_none("reject_reason"),
    "paymentReference": _or_none("payment_reference"),
    "paidAt": instant("paid_at"),
    "programme": _required("SubsidyProgramme", "subsidy_programme", "programme"),
    "trainingEnrolment": joined("TrainingEnrolment", "training_enrolment", "enrolment"),
    "market": joined("Market", "market", "market"),
}
ITS_ENROLMENT: dict[str, Writer] = {
    "id": node_id("TrainingEnrolment"),
    "certificateNo": column("certificate_no"),
    "training": _required("Training", "training_course", "course"),
}


async def _own_applications(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `mySubsidyApplications` resolver's page for the signed-in worker or operator."""
    conds, count = own_applications(rows.viewer, kwargs.get("status"))
    return await text_page(t.SubsidyApplication.id, conds, NEWEST_SUBMITTED, kwargs, count, rows)


ROOTS["mySubsidyApplications"] = connection_root(
    "SubsidyApplication",
    "SubsidyApplicationConnection",
    "subsidy_application",
    ("id", "submitted_at"),
    _own_applications,
    roles=frozenset({Role.WORKER, Role.OPERATOR}),
    writers={"SubsidyApplication": AS_ITS_APPLICANT_SEES, "TrainingEnrolment": ITS_ENROLMENT},
)
