"""Policy item rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from piccolo.querystring import QueryString

from resolvers.prefetch import json_instant, json_rows, parse_rows
from schema.assistance.types import ServiceTier
from schema.policy.enums import PolicyAudienceRole, PolicyStatus
from schema.policy.types import AudienceRecord, Policy, PolicyAudience
from schema.worker.enums import AssistanceCategory
from services.assistance import tier
from services.policy import audience
from services.timeutil import now
from tables import policy as t


def to_policy(row: dict) -> Policy:
    return Policy(
        id=row["id"],
        title=row["title"],
        summary=row["summary"],
        body=row["body"],
        issuing_document=row["issuing_document"],
        clause=row["clause"] or None,
        effective_from=row["effective_from"],
        effective_to=row["effective_to"],
        status=PolicyStatus(row["status"]),
        published_at=row["published_at"] if row["status"] == "PUBLISHED" else None,
        audience=PolicyAudience(
            record=AudienceRecord(tuple(row["regions"]), tuple(row["occupations"])),
            assistance_categories=[AssistanceCategory(c) for c in row["assistance_categories"]],
            roles=[PolicyAudienceRole(r) for r in row["roles"]],
            service_tiers=[ServiceTier(x) for x in row["service_tiers"]],
        ),
    )


async def load_policies(ids: list[int]) -> list[Policy | None]:
    rows = await t.PolicyItem.select().where(t.PolicyItem.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_policy(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_public_policies(ids: list[int]) -> list[Policy | None]:
    """Published items only (expired ones too: a link to one keeps working)."""
    rows = await t.PolicyItem.select().where(
        t.PolicyItem.id.is_in(list(set(ids))) & (t.PolicyItem.status == "PUBLISHED")
    )
    by_id = {r["id"]: to_policy(r) for r in rows}
    return [by_id.get(i) for i in ids]


# What to_policy reads, and what policy push scores (services/policy/matching.score_policy):
# a candidate read for scoring alone leaves out its text (the body is the longest column) and
# on SQLite every column left out is a value not converted, for hundreds of rows a request.
P = t.PolicyItem
AUDIENCE_COLUMNS = (P.regions, P.assistance_categories, P.occupations, P.roles, P.service_tiers)
POLICY_COLUMNS = (
    *(P.id, P.title, P.summary, P.body, P.issuing_document, P.clause),
    *(P.effective_from, P.effective_to, P.status, P.published_at, *AUDIENCE_COLUMNS),
)
SCORED_COLUMNS = (P.id, P.effective_to, *AUDIENCE_COLUMNS)


def candidate_select(worker_id: int | None = None, columns: tuple = POLICY_COLUMNS):
    """Policy items' `columns`; for a worker (policy push, frontend teams' worker app), with
    what their profile is made of as columns (services/policy/audience.worker_profile): the
    same on every row, uncorrelated subqueries each database runs once, so the candidates bring
    the profile in their own statement."""
    if worker_id is None:
        return t.PolicyItem.select(*columns)
    worker = int(worker_id)  # written into the JSON list's text: an integer, never client text
    return t.PolicyItem.select(
        *columns,
        QueryString(
            "(SELECT r.code FROM worker w JOIN region r ON r.id = w.home_region WHERE w.id = {})",
            worker,
        ).as_alias("viewer_county"),
        QueryString(
            "(SELECT w.assistance_encrypted FROM worker w WHERE w.id = {})", worker
        ).as_alias("viewer_assistance"),
        json_rows(
            "viewer_occupations",
            "o.name",
            "worker_occupation wo JOIN occupation o ON o.id = wo.occupation "
            f"WHERE wo.worker = {worker}",
        ),
        *(QueryString(sql, worker).as_alias(name) for name, sql in TIER_FACTS.items()),
    )


# What the worker's tier (services/assistance/tier) is derived from, read with the candidates
# as the profile is: three statements of its own (tier.tiers) were a third of the list's.
TIER_FACTS = {
    "viewer_birth_year": "(SELECT w.birth_year FROM worker w WHERE w.id = {})",
    "viewer_registered_at": "(SELECT w.created_at FROM worker w WHERE w.id = {})",
    "viewer_last_completed": (
        "(SELECT MAX(a.completed_at) FROM job_application a"
        " WHERE a.worker = {} AND a.status = 'COMPLETED')"
    ),
    "viewer_tier_override": "(SELECT s.tier FROM worker_service_tier s WHERE s.worker = {})",
}
VIEWER_COLUMNS = ("viewer_county", "viewer_assistance", "viewer_occupations", *TIER_FACTS)


def _instant(value: datetime | str) -> datetime:
    # A subquery's value has no declared type: SQLite gives the stored text.
    return json_instant(value) if isinstance(value, str) else value


def _tier(first: dict) -> str | None:
    """The tier of the worker the candidates were read for (tier.tier_of's, override first);
    None for a worker unknown."""
    if first["viewer_registered_at"] is None:
        return None
    if first["viewer_tier_override"] is not None:
        return first["viewer_tier_override"]
    row = {
        "birth_year": first["viewer_birth_year"],
        "assistance_encrypted": first["viewer_assistance"],
        "created_at": _instant(first["viewer_registered_at"]),
    }
    return tier.tier_from_row(row, first["viewer_last_completed"], now()).derived


def split_worker_profile(rows: list[dict]) -> tuple[audience.Profile, list[dict]]:
    """The worker's profile from candidate_select(worker) rows (with their tier when an item
    names one), and the rows without it. No candidate: a profile of no use (nothing to score),
    the one of a worker unknown."""
    if not rows:
        return audience.Profile("WORKER"), rows
    first = rows[0]
    profile = audience.worker_profile_of(
        first["viewer_county"],
        first["viewer_assistance"],
        [name for (name,) in parse_rows(first["viewer_occupations"])],
    )
    if any(r["service_tiers"] for r in rows):
        # Worked out only when an item names a tier (it decrypts the categories again).
        profile = replace(profile, tier=_tier(first))
    for r in rows:  # in place: a worker's candidates are hundreds
        for name in VIEWER_COLUMNS:
            del r[name]
    return profile, rows
