"""Sign-in lockout shared by phone accounts and staff: failures counted per account, then a lock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from piccolo.columns import Column
from piccolo.table import Table

from services.db import write_transaction
from services.timeutil import now

# Five wrong passwords within 15 minutes lock the account for 15 minutes, whatever address
# they came from: slow enough to stop guessing (20 guesses an hour), short enough that a
# person who mistyped can try again after a coffee.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)


def is_locked(locked_until: datetime | None) -> bool:
    return locked_until is not None and locked_until > now()


async def record_failure(table: type[Table], row_id: int) -> None:
    """Count failures inside a window that starts at the first one; the fifth locks. `table`
    has failed_logins, failures_since and locked_until columns (Account, StaffLoginLock)."""
    failed, since_column, until = _columns(table)
    async with write_transaction():
        query = table.select(failed, since_column).where(table._meta.primary_key == row_id)
        if query.engine_type == "postgres":
            query = query.lock_rows()
        row = await query.first()
        if row is None:  # the account was removed since the password check: nothing to count
            return
        moment = now()
        since = row["failures_since"]
        if since is None or since <= moment - FAILURE_WINDOW:
            count, since = 1, moment
        else:
            count = row["failed_logins"] + 1
        values: dict[Column | str, Any]
        if count >= MAX_FAILURES:
            values = {failed: 0, since_column: None, until: moment + LOCK_DURATION}
        else:
            values = {failed: count, since_column: since}
        await table.update(values).where(table._meta.primary_key == row_id)


async def clear(table: type[Table], row_id: int) -> None:
    """A successful sign-in forgets earlier failures."""
    failed, since, until = _columns(table)
    await table.update({failed: 0, since: None, until: None}).where(
        table._meta.primary_key == row_id
    )


def _columns(table: type[Table]) -> tuple[Column, Column, Column]:
    return (
        table._meta.get_column_by_name("failed_logins"),
        table._meta.get_column_by_name("failures_since"),
        table._meta.get_column_by_name("locked_until"),
    )
