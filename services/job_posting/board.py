"""Live board broker: published posting ids to every subscriber in every server process."""

# PostgreSQL: the publishing transaction runs NOTIFY (delivered only if it commits); each server
# process keeps one dedicated asyncpg connection that LISTENs, opened when the first subscriber
# arrives and closed when the last one leaves. SQLite (one process): an in-process broadcast
# after the commit.

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from piccolo.engine.postgres import PostgresEngine

from services.db import current_engine, is_postgres

log = logging.getLogger("lingong.board")

CHANNEL = "job_posting_published"
QUEUE_SIZE = 1000
RECONNECT_SECONDS = 1.0


class Broker:
    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[int]] = set()
        # Subscribers whose LISTEN is in place: a publish after this point reaches them. A queue
        # is in _queues from the start (so nothing is dropped while LISTEN is being set up) but
        # a NOTIFY sent before the LISTEN statement ran is never delivered by PostgreSQL.
        self._ready: set[asyncio.Queue[int]] = set()
        self._connection = None
        self._lock: asyncio.Lock | None = None
        self._reconnecting: asyncio.Task | None = None

    @property
    def subscriber_count(self) -> int:
        return len(self._queues)

    @property
    def ready_count(self) -> int:
        """Subscribers that will receive anything committed from now on."""
        return len(self._ready)

    def deliver(self, posting_id: int) -> None:
        for queue in list(self._queues):
            try:
                queue.put_nowait(posting_id)
            except asyncio.QueueFull:  # a stalled screen loses events rather than memory
                log.warning("board subscriber queue full; dropping posting %s", posting_id)

    def _on_notify(self, connection, pid, channel, payload: str) -> None:
        try:
            posting_id = int(payload)
        except ValueError:
            return
        self.deliver(posting_id)

    def _guard(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    async def _start_listener(self) -> None:
        async with self._guard():
            if self._connection is not None and not self._connection.is_closed():
                return
            import asyncpg

            engine = current_engine()
            # Only ever started when is_postgres() (see listen); SQLite has nothing to LISTEN to.
            assert isinstance(engine, PostgresEngine)
            connection = await asyncpg.connect(**engine.config)
            await connection.add_listener(CHANNEL, self._on_notify)
            connection.add_termination_listener(self._on_terminated)
            self._connection = connection

    def _on_terminated(self, connection) -> None:
        if connection is not self._connection:
            return
        self._connection = None
        if self._queues and self._reconnecting is None:
            self._reconnecting = asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        try:
            while self._queues and self._connection is None:
                try:
                    await self._start_listener()
                except Exception:  # database away: keep trying while screens are subscribed
                    log.warning("board listener reconnect failed", exc_info=True)
                    await asyncio.sleep(RECONNECT_SECONDS)
        finally:
            self._reconnecting = None

    async def _stop_listener(self) -> None:
        async with self._guard():
            if self._queues:  # a subscriber arrived while this one was leaving: keep listening
                return
            connection, self._connection = self._connection, None
            if connection is not None and not connection.is_closed():
                with contextlib.suppress(Exception):
                    await connection.remove_listener(CHANNEL, self._on_notify)
                await connection.close()

    @contextlib.asynccontextmanager
    async def listen(self) -> AsyncIterator[asyncio.Queue[int]]:
        """A queue of published posting ids for as long as the block runs."""
        queue: asyncio.Queue[int] = asyncio.Queue(maxsize=QUEUE_SIZE)
        # Registered before LISTEN completes, so nothing delivered while it is set up is dropped.
        self._queues.add(queue)
        try:
            if is_postgres():
                await self._start_listener()
            self._ready.add(queue)
            yield queue
        finally:
            self._ready.discard(queue)
            self._queues.discard(queue)
            if not self._queues and is_postgres():
                await self._stop_listener()


broker = Broker()


async def announce(posting_id: int) -> None:
    """Call inside the publishing transaction: PostgreSQL holds the NOTIFY until COMMIT."""
    if is_postgres():
        from tables.job_posting import JobPosting

        await JobPosting.raw("SELECT pg_notify({}, {})", CHANNEL, str(posting_id))


def after_commit(posting_id: int) -> None:
    """Call after the publishing transaction committed: the SQLite in-process broadcast."""
    if not is_postgres():
        broker.deliver(posting_id)
