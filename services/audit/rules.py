"""Append-only audit trail, hash-chained so that editing or deleting a row is detectable."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.db import is_postgres, write_transaction
from services.timeutil import now
from settings import get_settings
from tables.audit import AuditLog

GENESIS = "0" * 64
MAX_ATTEMPTS = 5
# One PostgreSQL advisory lock orders every audited write; SQLite's IMMEDIATE transactions
# already run one writer at a time.
CHAIN_LOCK = 7432001


@dataclass(frozen=True)
class Actor:
    type: str  # STAFF / OPERATOR / WORKER / EMPLOYER / SYSTEM
    id: int | None


SYSTEM = Actor("SYSTEM", None)


def _default(value: Any) -> Any:
    if isinstance(value, datetime | Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default
    )


def _key() -> bytes:
    # Keyed (HMAC) rather than a bare SHA-256: someone who can write to the database but does
    # not hold LINGONG_SECRET_KEY cannot recompute the chain after editing a row.
    secret = get_settings().secret_key
    return hashlib.sha256(f"lingong:audit-chain:{secret}".encode()).digest()


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    return hmac.new(_key(), (prev_hash + canonical(fields)).encode(), hashlib.sha256).hexdigest()


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    moment = row["occurred_at"]
    return {
        "occurred_at": moment.isoformat() if isinstance(moment, datetime) else str(moment),
        "actor_type": row["actor_type"],
        "actor_id": row["actor_id"],
        "action": row["action"],
        "entity_type": row["entity_type"],
        "entity_id": row["entity_id"],
        "before": row["before"],
        "after": row["after"],
    }


async def serialise() -> None:
    """Take the chain lock now. Call it first in a write transaction that will be audited:
    on PostgreSQL the whole transaction is then ordered against every other audited one, as
    SQLite's IMMEDIATE transactions are, and no row lock can be held while waiting for it."""
    if is_postgres():
        await AuditLog.raw("SELECT pg_advisory_xact_lock({})", CHAIN_LOCK)


async def record(
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int | None,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one audit row. Call it inside the transaction of the change it describes, so the
    change and its record commit (or roll back) together; alone it opens its own transaction,
    because the chain lock only lasts as long as one."""
    moment = now().replace(microsecond=0)
    fields = {
        "occurred_at": moment.isoformat(),
        "actor_type": actor.type,
        "actor_id": actor.id,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "before": canonical(before) if before is not None else "",
        "after": canonical(after) if after is not None else "",
    }
    async with write_transaction():
        # Serialise appenders so the chain stays linear (released at commit).
        await serialise()
        last = await AuditLog.select(AuditLog.hash).order_by(AuditLog.id, ascending=False).first()
        prev = last["hash"] if last else GENESIS
        await AuditLog.insert(
            AuditLog(
                occurred_at=moment,
                actor_type=actor.type,
                actor_id=actor.id,
                action=action,
                entity_type=entity_type,
                entity_id=entity_id,
                before=fields["before"],
                after=fields["after"],
                prev_hash=prev,
                hash=_digest(prev, fields),
            )
        )


@dataclass
class ChainReport:
    rows: int
    ok: bool
    first_bad_id: int | None = None
    problem: str = ""
    head: str = GENESIS  # hash of the last good row: compare with a copy kept elsewhere


class ChainWalk:
    """Checks audit rows fed in id order, from any source (the database, a backup copy)."""

    def __init__(self) -> None:
        self.prev, self.count = GENESIS, 0
        self.failure: ChainReport | None = None

    def step(self, row: dict[str, Any]) -> bool:
        """Check one row; False (and `failure` set) at the first bad one."""
        if row["prev_hash"] != self.prev:
            problem = "链接断开：上一条记录被删除或改动"
        elif not hmac.compare_digest(_digest(self.prev, _fields(row)), row["hash"]):
            problem = "记录内容与哈希不符：该记录被改动"
        else:
            self.prev, self.count = row["hash"], self.count + 1
            return True
        self.failure = ChainReport(self.count, False, row["id"], problem, self.prev)
        return False

    def report(self) -> ChainReport:
        return self.failure or ChainReport(rows=self.count, ok=True, head=self.prev)


async def verify_chain(batch: int = 1000) -> ChainReport:
    """Walk the chain in id order (streaming): every row must hash to its stored hash and link
    to the previous row's hash. A removed tail leaves a shorter valid chain, so `head` and
    `rows` are reported for comparison with an earlier run (PostgreSQL also forbids deletes)."""
    walk, last_id = ChainWalk(), 0
    while True:
        rows = (
            await AuditLog.select().where(AuditLog.id > last_id).order_by(AuditLog.id).limit(batch)
        )
        if not rows:
            return walk.report()
        for row in rows:
            if not walk.step(row):
                return walk.report()
            last_id = row["id"]
