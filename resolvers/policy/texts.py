"""Policy cards written by the database (resolvers/compiled/texts.py): the public list of
policy items in effect (`policies`), as anyone sees it, and policy push (`recommendedPolicies`)
for the signed-in worker, employer or operator. Serves frontend teams (the public app's policy
page, 政策; the worker, employer and operator apps' 政策智推).

Each writer says in SQL what the field's resolver returns (resolvers/policy/loaders.py
to_policy); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

import json
from typing import Any

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    REASONS,
    ROOTS,
    SCORE,
    Cards,
    Ctx,
    Sel,
    cards_by_id,
    column,
    connection_root,
    day,
    node_id,
    own_row,
    python_value,
    reasons_text,
    reasons_value,
    register,
    scored_text_page,
    splice,
    text_page,
)
from resolvers.pagination import Ranked
from resolvers.policy.queries import NEWEST_IN_EFFECT, PROGRAMME_SCORE, policy_list, ranking
from services.job_posting.matching import Reason
from services.subsidy.eligibility import Eligibility
from tables import policy as t


def _clause(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.clause, '')")  # to_policy: `or None`


register(
    "Policy",
    {
        "id": node_id("Policy"),
        "title": column("title"),
        "summary": column("summary"),
        "issuingDocument": column("issuing_document"),
        "clause": _clause,
        "effectiveFrom": day("effective_from"),
        "effectiveTo": day("effective_to"),
    },
)


async def _policies(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `policies` resolver's page, its cards as text."""
    conds, count = policy_list(kwargs.get("where"), kwargs.get("search"))
    return await text_page(t.PolicyItem.id, conds, NEWEST_IN_EFFECT, kwargs, count, rows)


ROOTS["policies"] = connection_root(
    "Policy",
    "PolicyConnection",
    "policy_item",
    ("id", "effective_from"),
    _policies,
    small_table=True,
)


# recommendedPolicies, signed in as a worker, employer or operator: the items scored in Python
# by the resolver's own ranking (queries.ranking), the page's policy cards by the database with
# each match's score and reasons put in (as texts.match_page). A worker's qualifying subsidy
# programmes are nodes without a row (kind SUBSIDY_PROGRAMME, policy null): Python writes them
# for the document's selection; a document that selects `programme` has no text plan.
REASON_TYPE = "PolicyMatchReason"


def _programme_text(selected: tuple[Sel, ...], found: Eligibility) -> str:
    """A programme's node as graphql-core writes the selection of it."""
    reasons = [Reason("QUALIFIES", c.text) for c in found.checks if c.met]
    values = {
        "__typename": lambda s: '"PolicyRecommendation"',
        "kind": lambda s: '"SUBSIDY_PROGRAMME"',
        "score": lambda s: json.dumps(PROGRAMME_SCORE),
        "reasons": lambda s: reasons_text(s.children, REASON_TYPE, reasons),
        "policy": lambda s: "null",
    }
    return "{" + ",".join(f'"{s.key}":' + values[s.name](s) for s in selected) + "}"


async def _recommended(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `recommendedPolicies` resolver's page, its nodes as text."""
    found = await ranking(rows.viewer, cards=False)
    reasons = next((s.children for s in rows.nodes if s.name == "reasons"), ())

    async def load(page: list[Ranked]) -> dict[int, str | None]:
        ids = [i for _, i in page if i in found.matched]
        cards = await cards_by_id(t.PolicyItem.id, rows.select, ids, rows.viewer) if ids else {}
        written: dict[int, str | None] = {}
        for _, i in page:
            if i in found.programmes:
                written[i] = _programme_text(rows.nodes, found.programmes[i])
            elif i in cards:
                match = found.matched[i][1]
                values = {
                    SCORE: json.dumps(float(match.score)),
                    REASONS: reasons_text(reasons, REASON_TYPE, match.reasons),
                }
                written[i] = splice(cards[i], values)
        return written

    return await scored_text_page(found.ranked(), kwargs, rows, load)


ROOTS["recommendedPolicies"] = connection_root(
    "PolicyRecommendation",
    "PolicyRecommendationConnection",
    "policy_item",
    ("id",),
    _recommended,
    roles=frozenset({"WORKER", "EMPLOYER", "OPERATOR"}),
    writers={
        "PolicyRecommendation": {
            "kind": lambda ctx, alias, sel: j.literal('"POLICY_ITEM"'),
            "score": python_value("policy_item", SCORE),
            "reasons": reasons_value("policy_item", REASON_TYPE),
            "policy": own_row("Policy"),
        }
    },
)
