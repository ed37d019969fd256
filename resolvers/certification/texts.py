"""The demonstration markets' list written by the database (resolvers/compiled/texts.py):
its page, whose Market cards resolvers/market/texts.py writes. Serves frontend teams (the
public list of provincial demonstration markets, 省级示范零工市场). Also the certification
applications an operator or staff member follows (`myCertificationApplications`, signed in),
serving operators (their markets' applications) and staff (all of them).

Each writer of an application says in SQL what the field's resolver returns on that root's
page (resolvers/certification/pages.py primed_application: to_application, _standard, _scores,
_evidence, the certificate's number); tests/test_compiled_texts_certification.py holds them
equal, for the operator and for staff."""

from __future__ import annotations

from typing import Any

from resolvers.certification.queries import (
    BY_ID,
    NEWEST_APPLICATIONS,
    caller_applications,
    demonstration_markets,
)
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
    day,
    instant,
    joined,
    node_id,
    object_text,
    text_page,
)
from schema.certification.enums import CertificationApplicationStatus
from services.auth.rules import Role
from tables import certification as c
from tables import market as t


async def _demonstration_markets(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `demonstrationMarkets` resolver's page, its cards as text."""
    conds, count = demonstration_markets(kwargs.get("year"))
    return await text_page(t.Market.id, conds, BY_ID, kwargs, count, rows)


ROOTS["demonstrationMarkets"] = connection_root(
    "Market", "MarketConnection", "market", ("id",), _demonstration_markets, small_table=True
)


def _decision_note(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.decision_note, '')")  # to_application: `or None`


def _certificate_no(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_certificate_numbers: the certificate granted on it, revoked or not (a unique index
    # on demonstration_certificate.application: one at most).
    d = ctx.alias()
    return j.scalar(
        j.string(ctx.engine, f"{d}.certificate_no"),
        f"FROM demonstration_certificate {d} WHERE {d}.application = {alias}.id",
    )


def _items(
    ctx: Ctx,
    type_name: str,
    children: tuple[Sel, ...],
    values: dict[str, j.Expr],
    criterion: str | None = None,
) -> j.Expr:
    """An object of `values` (expressions of its row) whose `criterion` field, if it has one,
    is the criterion row of alias `criterion`."""
    pairs: list[tuple[str, j.Expr]] = []
    for sel in children:
        if sel.node.arguments:
            raise NoText(f"{type_name}.{sel.name}")
        if sel.name == "__typename":
            pairs.append((sel.key, j.literal(f'"{type_name}"')))
        elif sel.name == "criterion" and criterion is not None:
            card = object_text(ctx, "CertificationCriterion", criterion, sel.children)
            pairs.append((sel.key, card))
        elif sel.name in values:
            pairs.append((sel.key, values[sel.name]))
        else:
            raise NoText(f"{type_name}.{sel.name}")
    return j.obj(pairs)


def _scores(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # _scores: by the item's position, then the criterion's position and id (one score per
    # criterion: a unique index on certification_score (application, criterion)).
    s, cr, i = ctx.alias(), ctx.alias(), ctx.alias()
    values = {
        "selfScore": j.integer(f"{s}.self_score"),
        "assessorScore": j.integer(f"{s}.assessor_score"),
    }
    item = _items(ctx, "CertificationScore", sel.children, values, cr)
    source = (
        f"FROM certification_score {s} "
        f"JOIN certification_criterion {cr} ON {cr}.id = {s}.criterion "
        f"JOIN certification_item {i} ON {i}.id = {cr}.item WHERE {s}.application = {alias}.id"
    )
    return j.array(ctx.engine, item, source, (f"{i}.position", f"{cr}.position", f"{cr}.id"))


def _evidence(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # _evidence: by id; has_file is bool(file).
    e = ctx.alias()
    values = {
        "title": j.string(ctx.engine, f"{e}.title"),
        "hasFile": j.boolean(f"{e}.file IS NOT NULL AND {e}.file <> ''"),
    }
    item = _items(ctx, "CertificationEvidence", sel.children, values)
    source = f"FROM certification_evidence {e} WHERE {e}.application = {alias}.id"
    return j.array(ctx.engine, item, source, f"{e}.id")


# An application as an operator running its market, or staff, sees it (to_application and
# the loaders primed_application primes), its market's card as anyone sees it: only the
# fields MyCertificationApplications asks for; any other (a standard's items, a note, evidence's
# criterion or upload time) keeps the generic executor.
AS_ITS_FOLLOWERS_SEE: dict[str, dict[str, Writer]] = {
    "CertificationApplication": {
        "id": node_id("CertificationApplication"),
        "year": column("year", "integer"),
        "status": column("status", enum=CertificationApplicationStatus),
        "submittedAt": instant("submitted_at"),
        "cityRecommendedAt": instant("city_recommended_at"),
        "assessedAt": instant("assessed_at"),
        "totalScore": column("total_score", "integer"),
        "publicityStartsOn": day("publicity_starts_on"),
        "publicityEndsOn": day("publicity_ends_on"),
        "decidedAt": instant("decided_at"),
        "decisionNote": _decision_note,
        "certificateNo": _certificate_no,
        "market": joined("Market", "market", "market"),
        "standard": joined("CertificationStandard", "certification_standard", "standard"),
        "scores": _scores,
        "evidence": _evidence,
    },
    # to_standard of the standard's own row (StandardSpec's name and pass scores).
    "CertificationStandard": {
        "name": column("name"),
        "passScore": column("pass_score", "integer"),
        "relaxedPassScore": column("relaxed_pass_score", "integer"),
    },
    # pages._criterion: the criterion's own columns.
    "CertificationCriterion": {
        "id": node_id("CertificationCriterion"),
        "text": column("text"),
        "maxScore": column("max_score", "integer"),
    },
}


async def _caller_applications(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myCertificationApplications` resolver's page for the signed-in operator or staff
    member, its cards as text."""
    conds, count = caller_applications(rows.viewer, kwargs.get("where"))
    A = c.CertificationApplication
    return await text_page(A.id, conds, NEWEST_APPLICATIONS, kwargs, count, rows)


ROOTS["myCertificationApplications"] = connection_root(
    "CertificationApplication",
    "CertificationApplicationConnection",
    "certification_application",
    ("id",),
    _caller_applications,
    roles=frozenset({Role.OPERATOR, Role.STAFF}),
    writers=AS_ITS_FOLLOWERS_SEE,
)
