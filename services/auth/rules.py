"""API tokens: issue (shown once), authenticate by hash, revoke."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from piccolo.apps.user.tables import BaseUser

from piccolo_conf import OWN_LISTS, read_node
from services.auth.staff import Scope, scope_from_row
from services.problems import Problems
from services.timeutil import now
from tables.auth import ApiToken
from tables.employer import Employer
from tables.operator import Operator
from tables.worker import Worker


class Role(StrEnum):
    """Who an account is; a token carries one. A StrEnum, so a stored role compares equal."""

    WORKER = "WORKER"
    EMPLOYER = "EMPLOYER"
    OPERATOR = "OPERATOR"
    STAFF = "STAFF"


ROLES = tuple(Role)
TOKEN_PREFIX = "lg_"


@dataclass(frozen=True)
class Viewer:
    """Who is calling: resolved once per request from the bearer token."""

    token_id: int
    role: str
    subject_id: int
    expires_at: datetime | None
    # A staff member's scope as it was when this request's token was looked up (same
    # statement), or None: not staff, or a viewer that outlives a request (a WebSocket's,
    # resolved once for hours), whose scope is looked up on use (services/auth/staff.scope_for).
    scope: Scope | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _subject_exists(role: str, subject_id: int) -> bool:
    if role == "OPERATOR":
        return await Operator.exists().where(Operator.id == subject_id)
    if role == "STAFF":
        return await BaseUser.exists().where(
            (BaseUser.id == subject_id) & (BaseUser.active.eq(True))
        )
    tables: dict[str, type[Worker] | type[Employer]] = {"WORKER": Worker, "EMPLOYER": Employer}
    table = tables[role]
    return await table.exists().where(table.id == subject_id)


async def issue(
    role: str, subject_id: int, *, days: int | None = 90, label: str = ""
) -> tuple[str, int]:
    """Create a token and return (plain token, token id). The plain token is never stored."""
    problems = Problems()
    if role not in ROLES:
        problems.add("INVALID_ROLE", f"角色须为 {', '.join(ROLES)} 之一", "role")
    elif not await _subject_exists(role, subject_id):
        problems.add("SUBJECT_NOT_FOUND", "令牌主体不存在", "subjectId")
    if days is not None and not 1 <= days <= 3650:
        problems.add("INVALID_EXPIRY", "有效天数须在 1 到 3650 之间", "days")
    problems.raise_if_any()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        token_hash=hash_token(token),
        prefix=token[:10],
        role=role,
        subject_id=subject_id,
        label=label,
        expires_at=now() + timedelta(days=days) if days else None,
    )
    await row.save()
    return token, row.id


# Every signed-in request's first statement, as text: Piccolo builds a select anew on each
# call, a fifth of a millisecond of a signed-in list's two or three on PostgreSQL. The driver
# converts the columns by their declared types, as for a select. A staff token also says
# whether its account is still active (deactivated in the admin: refused at once) and where
# the account works (its staff_scope row, if any, and that row's region), in the same
# statement: each was a statement of its own on every staff request that needed it.
_LOOKUP = (
    "SELECT t.id, t.role, t.subject_id, t.expires_at, t.revoked_at, "
    "(t.role <> 'STAFF' OR EXISTS (SELECT 1 FROM piccolo_user u "
    "WHERE u.id = t.subject_id AND u.active)) AS subject_live, "
    's.id AS scope_id, r.code AS "region.code", r.name AS "region.name", '
    "s.read_only, s.approver "
    "FROM api_token t "
    "LEFT JOIN staff_scope s ON t.role = 'STAFF' AND s.\"user\" = t.subject_id "
    "LEFT JOIN region r ON r.id = s.region "
    "WHERE t.token_hash = {} LIMIT 1"
)


async def authenticate(token: str, *, for_one_request: bool = False) -> Viewer | None:
    """The viewer for a presented token, or None if unknown, expired or revoked.

    `for_one_request`: the viewer serves one HTTP request, so a staff viewer may carry its
    scope as this lookup read it (a scope changed in the admin applies from the next request).
    A viewer that lives longer (a WebSocket connection's) carries none."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    # On the primary always (a token revoked a moment ago is refused at once, whatever node
    # the request reads), and on PostgreSQL through the pool that keeps one generic plan per
    # statement (piccolo_conf.OWN_LISTS): a lookup by a unique hash has one best plan, and
    # planning it again for every request made it 0.21 ms instead of 0.15.
    node = read_node.set(OWN_LISTS)
    try:
        return await _viewer(token, for_one_request)
    finally:
        read_node.reset(node)


async def _viewer(token: str, for_one_request: bool) -> Viewer | None:
    found = await ApiToken.raw(_LOOKUP, hash_token(token))
    row = found[0] if found else None
    if row is None or row["revoked_at"] is not None:
        return None
    if row["expires_at"] is not None and row["expires_at"] <= now():
        return None
    if not row["subject_live"]:
        # A staff account deactivated (or deleted) in the admin loses its API tokens at once.
        return None
    scope = None
    if for_one_request and row["role"] == Role.STAFF:
        scope = scope_from_row(row if row["scope_id"] is not None else None)
    return Viewer(row["id"], row["role"], row["subject_id"], row["expires_at"], scope)


async def revoke(token_id: int) -> bool:
    """Revoke one token; True if it was live. Revocation is immediate (no caching)."""
    updated = (
        await ApiToken.update({ApiToken.revoked_at: now()})
        .where((ApiToken.id == token_id) & ApiToken.revoked_at.is_null())
        .returning(ApiToken.id)
    )
    return bool(updated)
