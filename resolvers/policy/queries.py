"""Policy queries: recommendedPolicies for the signed-in viewer, the public `policies` list and
one `policy` by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.pagination import (
    After,
    ExactCount,
    First,
    Ranked,
    SortSpec,
    best_first,
    sql_page,
)
from resolvers.permissions import allow, current_viewer
from resolvers.policy import filters
from resolvers.policy.loaders import (
    POLICY_COLUMNS,
    SCORED_COLUMNS,
    candidate_select,
    split_worker_profile,
    to_policy,
)
from resolvers.subsidy.loaders import prime_programmes
from schema.common import Connection
from schema.policy.enums import PolicyMatchReasonCode, PolicyRecommendationKind
from schema.policy.inputs import PolicyWhereInput
from schema.policy.types import Policy, PolicyMatchReason, PolicyRecommendation
from services.auth.rules import Role, Viewer
from services.page_statements import run_kept
from services.policy import audience, matching
from services.policy.rules import today
from services.subsidy import qualifying as programmes_for
from services.subsidy.eligibility import Eligibility
from tables import policy as t

# Scoring runs in Python: this cap keeps each request bounded.
MAX_POLICY_CANDIDATES = 500

NEWEST_IN_EFFECT = SortSpec(t.PolicyItem.effective_from, "effective_from", date, descending=True)


def policy_list(where: PolicyWhereInput | None, search: str | None) -> tuple[list, ExactCount]:
    """`policies`' conditions and count: published items in effect today that match. For the
    resolver and its text plan (resolvers/policy/texts.py)."""
    conds = filters.conditions(where, search, today())
    return conds, ExactCount(t.PolicyItem.count().where(*conds))


def _primed(info: strawberry.Info):
    def node(row: dict) -> Policy:
        policy = to_policy(row)
        info.context.loaders.public_policy_by_id.prime(policy.id, policy)
        return policy

    return node


# Money the worker can claim now comes before information: above any policy item's score.
PROGRAMME_SCORE = 1000.0
# Programme and policy ids share the cursor's tie-break: programmes take negative ones (so
# among programmes the newest comes first).


@dataclass(frozen=True)
class PolicyRanking:
    """A viewer's policy push, scored in Python: the policy items whose audience holds them
    ({id: (row, match)}) and, for a worker, the subsidy programmes they qualify for ({rank id:
    eligibility}; a programme's rank id is minus its id). For the resolver and its text plan
    (resolvers/policy/texts.py)."""

    matched: dict[int, tuple[dict, matching.PolicyMatch]]
    programmes: dict[int, Eligibility]

    def ranked(self) -> list[Ranked]:
        return [(match.score, i) for i, (_, match) in self.matched.items()] + [
            (PROGRAMME_SCORE, i) for i in self.programmes
        ]


async def ranking(viewer: Viewer, cards: bool = True) -> PolicyRanking:
    """The policy items in effect for the viewer's role (MAX_POLICY_CANDIDATES, by id) scored
    against their profile, and a worker's qualifying programmes. With `cards`, each matched
    row is what to_policy makes a Policy of; else only what is scored (the text plan's
    database writes the page's cards)."""
    worker = viewer.subject_id if viewer.role == Role.WORKER else None
    day = today()
    # A statement written once per shape (Piccolo built it anew: ~1 ms a request).
    rows = await run_kept(
        ("recommendedPolicies candidates", worker is not None, cards),
        candidate_select(worker, POLICY_COLUMNS if cards else SCORED_COLUMNS).where(
            *filters.in_effect(day), t.PolicyItem.roles.any(str(viewer.role))
        ),
        lambda query: query.order_by(t.PolicyItem.id).limit(MAX_POLICY_CANDIDATES),
    )
    if worker is not None:
        profile, rows = split_worker_profile(rows)  # with the tier, when an item names one
    else:
        profile = await audience.profile(str(viewer.role), viewer.subject_id)
    matched = {}
    for row in rows:
        match = matching.score_policy(profile, row, day)
        if match is not None:
            matched[row["id"]] = (row, match)
    programmes = {}
    if profile.role == Role.WORKER:
        programmes = {
            -e.programme["id"]: e for e in await programmes_for.qualifying(viewer.subject_id)
        }
    return PolicyRanking(matched, programmes)


async def _programme_nodes(
    info: strawberry.Info, page: list[Eligibility]
) -> list[PolicyRecommendation]:
    """Programmes the worker qualifies for as recommendations whose reasons are the rules met."""
    prime_programmes(info.context.loaders, [found.programme for found in page])
    programmes = await info.context.loaders.subsidy_programme_by_id.load_many(
        [found.programme["id"] for found in page]
    )
    return [
        PolicyRecommendation(
            kind=PolicyRecommendationKind.SUBSIDY_PROGRAMME,
            policy=None,
            programme=programme,
            score=PROGRAMME_SCORE,
            reasons=[
                PolicyMatchReason(code=PolicyMatchReasonCode.QUALIFIES, message=c.text)
                for c in found.checks
                if c.met
            ],
        )
        for found, programme in zip(page, programmes, strict=True)
    ]


def _recommended(row: dict, match: matching.PolicyMatch) -> PolicyRecommendation:
    return PolicyRecommendation(
        kind=PolicyRecommendationKind.POLICY_ITEM,
        policy=to_policy(row),
        score=match.score,
        reasons=[
            PolicyMatchReason(code=PolicyMatchReasonCode(r.code), message=r.text)
            for r in match.reasons
        ],
    )


@strawberry.type
class PolicyQuery:
    @strawberry.field(
        description="Frontend teams (worker, employer and operator apps): policy push (政策智推, "
        "（十二））. Policy items in effect today (Asia/Shanghai) whose audience includes the "
        "signed-in viewer, each with the reasons it applies; narrowest audience first "
        "(assistance categories, occupations, county, city, province).",
        extensions=[allow(Role.WORKER, Role.EMPLOYER, Role.OPERATOR)],
    )
    async def recommended_policies(
        self, info: strawberry.Info, first: First = None, after: After = None
    ) -> Connection[PolicyRecommendation]:
        found = await ranking(current_viewer(info))

        async def nodes(page: list[Ranked]) -> dict[int, PolicyRecommendation]:
            # Only the page's items become objects (a worker's candidates are hundreds).
            out = {i: _recommended(*found.matched[i]) for _, i in page if i in found.matched}
            ids = [i for _, i in page if i in found.programmes]
            programmes = await _programme_nodes(info, [found.programmes[i] for i in ids])
            return {**out, **dict(zip(ids, programmes, strict=True))}

        return await best_first(found.ranked(), first, after, nodes)

    @strawberry.field(
        description="Frontend teams and the public: published policy items in effect today "
        "(Asia/Shanghai), newest in effect first: filter by region, clause or role, search text."
    )
    async def policies(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            PolicyWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(description="Text in title, summary, body or document number."),
        ] = None,
    ) -> Connection[Policy]:
        conds, count = policy_list(where, search)
        return await sql_page(
            t.PolicyItem.select().where(*conds),
            t.PolicyItem.id,
            NEWEST_IN_EFFECT,
            first,
            after,
            _primed(info),
            count,
        )

    @strawberry.field(
        description="Frontend teams and the public: one policy item by global id, any published "
        "one (also once expired, so links keep working); drafts and withdrawn items only for "
        "staff. Null if unknown."
    )
    async def policy(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the item.")],
    ) -> Policy | None:
        number = decode_id(id, "Policy")
        if number is None:
            return None
        viewer = info.context.viewer
        if viewer is not None and viewer.role == Role.STAFF:
            return await info.context.loaders.policy_by_id.load(number)
        return await info.context.loaders.public_policy_by_id.load(number)
