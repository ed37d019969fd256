"""Database engine chosen from the environment: PostgreSQL when DATABASE_URL is set, else SQLite."""

from __future__ import annotations

import base64
import contextvars
import functools
import json
import os
import sqlite3
from urllib.parse import quote, unquote, urlparse

import aiosqlite
from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

from settings import get_settings

# Counts SQL statements per request (or per benchmark run); None means "not counting".
sql_statement_counter: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "sql_statement_counter", default=None
)

# Records each statement's SQL and arguments as sent (query plans checked in tests, the hot
# query benchmark); None means "not recording".
sql_statement_log: contextvars.ContextVar[list[tuple[str, list]] | None] = contextvars.ContextVar(
    "sql_statement_log", default=None
)

# While a public read executes (resolvers/performance.PublicReadsOnReplica), the name of the
# DB.extra_nodes node its SELECT statements go to; None means the primary.
read_node: contextvars.ContextVar[str | None] = contextvars.ContextVar("read_node", default=None)
REPLICA = "replica"
# The pool of statements whose plan does not depend on their values (the text plans' cards by
# id, resolvers/compiled/texts.py): PostgreSQL keeps one generic plan for each, instead of
# planning every run as the main pool must (_postgres_config). On the replica when there is one.
CARDS = "cards"
# The pool of a signed-in reader's own list as the text plans read it (one statement, page and
# cards): on the primary, where what they just wrote is, with one generic plan kept per
# statement like CARDS. Planning it took two thirds of its time (MyApplications 2.0 → 0.44 ms
# at the benchmark's size); its conditions are an indexed owner (a worker, an employer, a
# market), stored statuses and a keyset, whose best plan does not depend on the values. The
# CARDS pool itself when that is the primary's.
OWN_LISTS = "own_lists"


def _count(querystring=None, engine_type: str = "") -> None:
    box = sql_statement_counter.get()
    if box is not None:
        box[0] += 1
    log = sql_statement_log.get()
    if log is not None:
        if isinstance(querystring, str):
            log.append((querystring, []))
        elif querystring is not None:
            sql, args = querystring.compile_string(engine_type=engine_type)
            log.append((sql, list(args)))


# Functions every SQLite connection gets, for the text plans (resolvers/compiled/sql_json.py)
# where SQLite has no equivalent of its own: repr() of a double as json.dumps writes it, a
# relay global id (SQLite has no base64), the non-empty parts of a joined text as a JSON list.
SQLITE_FLOAT = "lingong_json_float"
SQLITE_GLOBAL_ID = "lingong_global_id"
SQLITE_SPLIT = "lingong_json_split"


def sqlite_float(value: object) -> str | None:
    """SQLITE_FLOAT: repr() as json.dumps writes a float; NULL for NaN and infinities."""
    if value is None:
        return "null"
    number = float(value)  # type: ignore[arg-type]
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return repr(number)


# SQLite calls these once per card and field, from C: 20 occupations' page called them 42
# times, 0.15–0.25 ms of a 0.4 ms statement while json.dumps built an encoder on every call. The
# ids of a page recur from request to request (the same markets, postings, occupations): a
# bounded cache of them (about 2 MB when full) answers most calls with a dict lookup.
_JSON_LIST = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@functools.lru_cache(maxsize=16384)
def sqlite_global_id(type_name: str, number: int) -> str:
    """SQLITE_GLOBAL_ID: relay.to_base64."""
    return base64.b64encode(f"{type_name}:{number}".encode()).decode()


def sqlite_split(text: str | None, separator: str) -> str:
    """SQLITE_SPLIT: the non-empty parts as json.dumps writes a list of them."""
    if not text:
        return "[]"
    return _JSON_LIST([p for p in text.split(separator) if p])


class FunctionsConnection(sqlite3.Connection):
    """An SQLite connection with the text plans' functions above. Given to every connection
    the engine opens, in or out of a transaction."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.create_function(SQLITE_FLOAT, 1, sqlite_float, deterministic=True)
        self.create_function(SQLITE_GLOBAL_ID, 2, sqlite_global_id, deterministic=True)
        self.create_function(SQLITE_SPLIT, 2, sqlite_split, deterministic=True)


# Idle SQLite connections kept while the app serves: as many as PostgreSQL's pool holds.
KEPT_SQLITE_CONNECTIONS = 10


class KeptConnection:
    """An aiosqlite connection a transaction borrows from CountingSQLiteEngine: closing it
    gives it back to the engine, which keeps it for the next transaction or closes it."""

    __slots__ = ("connection", "engine", "inode")

    def __init__(self, connection, engine: CountingSQLiteEngine, inode: int | None) -> None:
        self.connection, self.engine, self.inode = connection, engine, inode

    def __getattr__(self, name: str):
        return getattr(self.connection, name)

    def __setattr__(self, name: str, value) -> None:
        if name in KeptConnection.__slots__:
            object.__setattr__(self, name, value)
        else:  # e.g. Piccolo's row_factory, set on the connection itself
            setattr(self.connection, name, value)

    async def close(self) -> None:
        await self.engine.give_back(self)

    def execute(self, sql: str, parameters=None):
        # Piccolo sends this before each statement of a transaction; inside a transaction
        # SQLite ignores it (the pragma is a no-op there), and this connection was opened with
        # it: one thread hop a statement saved.
        if sql == FOREIGN_KEYS_ON:
            return _nothing()
        return self.connection.execute(sql, parameters)


FOREIGN_KEYS_ON = "PRAGMA foreign_keys = 1"


async def _nothing() -> None:
    return None


class CountingSQLiteEngine(SQLiteEngine):
    """SQLite with a busy timeout and statement counting (WAL is switched on at start-up).

    While the app serves (app.lifespan: `keep_connections`), a transaction's connection is kept
    for the next one instead of closed: opening one took 4.4 ms of CPU (its thread, the file,
    the schema read by its first statement) against 0.35 ms for a transaction on a kept one,
    and every read request on SQLite is one transaction (resolvers/performance.py). At most
    `keep` idle connections are kept; one still in a transaction, or whose file is no longer
    the one at the path (moved or replaced: the engine never creates the file, and a lost one
    must fail), is closed. Commands that do not serve (migrate, seed, generate) keep none: an
    idle connection's thread would hold the process open at exit."""

    keep = 0
    idle: list[KeptConnection] = []

    def keep_connections(self, keep: int) -> None:
        self.keep, self.idle = keep, []

    async def close_kept_connections(self) -> None:
        idle, self.keep, self.idle = self.idle, 0, []
        for kept in idle:
            await kept.connection.close()

    def _inode(self) -> int | None:
        path = unquote(self.path.removeprefix("file:").split("?", 1)[0])
        try:
            return os.stat(path).st_ino
        except OSError:
            return None

    async def get_connection(self):
        """A transaction's connection (Piccolo's SQLiteTransaction calls this)."""
        if not self.keep:
            return await super().get_connection()
        inode = self._inode()
        while self.idle:
            kept = self.idle.pop()
            if kept.inode is not None and kept.inode == inode:
                return kept
            await kept.connection.close()
        return KeptConnection(await self._daemon_connection(), self, inode)

    async def _daemon_connection(self):
        """Piccolo's connection (SQLiteEngine.get_connection), its aiosqlite thread a daemon: a
        kept connection must not hold the process open when a shut-down is cut short (uvicorn
        cancels the lifespan on a second Ctrl-C, and close_kept_connections never runs). An idle
        kept connection has no transaction open, and WAL loses nothing when it just ends."""
        connection = aiosqlite.connect(**self.connection_kwargs)
        connection._thread.daemon = True  # set before the thread starts (on await)
        connection = await connection
        connection.row_factory = dict_factory
        await connection.execute(FOREIGN_KEYS_ON)
        return connection

    async def give_back(self, kept: KeptConnection) -> None:
        reusable = (
            len(self.idle) < self.keep
            and not kept.connection.in_transaction
            and kept.inode is not None
            and kept.inode == self._inode()
        )
        if reusable:
            self.idle.append(kept)
        else:
            await kept.connection.close()

    async def _run_in_existing_connection(
        self, connection, query: str, args=None, query_type: str = "generic", table=None
    ):
        """A statement of a transaction in one trip to the connection's thread: Piccolo's
        execute, fetchall and cursor close were three, each a queue hand-off and a wake-up
        (about 70 µs of CPU on this machine), for every statement of every request. SQLite
        3.35 and later (RETURNING) take this path for inserts too (Piccolo's own check)."""
        if query_type == "insert" and self.get_version_sync() < 3.35:
            return await super()._run_in_existing_connection(
                connection, query, args, query_type, table
            )
        connection.row_factory = dict_factory
        return await connection.execute_fetchall(query, args or [])

    async def run_querystring(self, querystring, in_pool: bool = False):
        _count(querystring, "sqlite")
        return await super().run_querystring(querystring, in_pool=in_pool)

    async def run_ddl(self, ddl: str, in_pool: bool = False):
        _count(ddl)
        return await super().run_ddl(ddl, in_pool=in_pool)


async def _keep_connection(connection) -> None:
    """A pooled connection goes back as it is: asyncpg has already rolled back any open
    transaction. Its default reset sends `pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL` after every statement, a round trip and four statements of the server's time
    for each of ours, undoing what nothing here leaves behind: advisory locks and SET are
    transaction-scoped (`pg_advisory_xact_lock`, `SET LOCAL`), no cursor outlives its
    transaction, and LISTEN has its own connection (services/job_posting/board.py).
    tests/test_database_engine.py holds the pooled connections to that."""


class PooledPostgresEngine(PostgresEngine):
    """PostgreSQL whose pool hands connections back without asyncpg's reset query."""

    async def start_connection_pool(self, **kwargs):
        kwargs.setdefault("reset", _keep_connection)
        return await super().start_connection_pool(**kwargs)


class CountingPostgresEngine(PooledPostgresEngine):
    """PostgreSQL with statement counting and the one place reads are routed to another node
    (the replica, the cards' pool); its pool and its nodes' pools start and stop together (the
    app's lifespan, the tests, the benchmarks)."""

    async def start_connection_pool(self, **kwargs):
        await super().start_connection_pool(**kwargs)
        for node in self._nodes():
            await node.start_connection_pool(**kwargs)

    async def close_connection_pool(self):
        for node in self._nodes():
            await node.close_connection_pool()
        await super().close_connection_pool()

    def _nodes(self) -> list[PostgresEngine]:
        # One pool per engine: a node may serve under two names (CARDS, OWN_LISTS).
        return list({id(node): node for node in self.extra_nodes.values()}.values())

    async def run_querystring(self, querystring, in_pool: bool = True):
        _count(querystring, "postgres")
        node = self._read_node(querystring)
        if node is not None:
            return await node.run_querystring(querystring, in_pool=in_pool)
        return await super().run_querystring(querystring, in_pool=in_pool)

    def _read_node(self, querystring) -> PostgresEngine | None:
        """The replica for a plain SELECT of a public read; None keeps it on the primary.

        Statements inside a transaction (every write, and the reads that decide a write) stay
        on the primary, and so does anything that is not a SELECT."""
        name = read_node.get()
        if name is None or self.current_transaction.get() is not None:
            return None
        node = self.extra_nodes.get(name)
        if node is None or querystring.template.lstrip()[:6].lower() != "select":
            return None
        return node

    async def run_ddl(self, ddl: str, in_pool: bool = True):
        _count(ddl)
        return await super().run_ddl(ddl, in_pool=in_pool)


def _postgres_config(url: str, plan_cache_mode: str = "force_custom_plan") -> dict:
    parts = urlparse(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password) if parts.password else None,
        "database": (parts.path or "/postgres").lstrip("/") or "postgres",
        # asyncpg prepares every statement; after five runs PostgreSQL may switch a prepared
        # statement to a generic plan, which cannot see the values. Measured on the hot
        # queries (tools/bench/hot.py, 200,000 postings): posting search went from ~1 ms to
        # 60-200 ms from the sixth run on. Planning each run costs about a millisecond.
        # JIT compiles a statement whose estimated cost passes jit_above_cost: 50-150 ms spent
        # on a request that reads an operator's province-wide history (WorkloadReports at full
        # scale), never won back by statements of a few milliseconds.
        "server_settings": {"plan_cache_mode": plan_cache_mode, "jit": "off"},
    }


def _make_engine() -> PostgresEngine | SQLiteEngine:
    settings = get_settings()
    if settings.is_postgres:
        # Extra nodes are plain engines: their statements are counted once, by the primary.
        nodes: dict[str, PostgresEngine] = {}
        if settings.database_replica_url:
            nodes[REPLICA] = PooledPostgresEngine(
                config=_postgres_config(settings.database_replica_url)
            )
        primary = settings.database_url
        assert primary is not None  # is_postgres
        reads = settings.database_replica_url or primary
        nodes[CARDS] = PooledPostgresEngine(config=_postgres_config(reads, "force_generic_plan"))
        nodes[OWN_LISTS] = (
            nodes[CARDS]
            if reads == primary
            else PooledPostgresEngine(config=_postgres_config(primary, "force_generic_plan"))
        )
        return CountingPostgresEngine(config=_postgres_config(primary), extra_nodes=nodes)
    # `mode=rw`: the engine opens the database file, never creates it. A lost or moved file
    # then fails every query (and /health/ready) instead of being replaced by an empty one;
    # only `migrate` creates the file (tools/database.ensure_sqlite_file).
    # `timeout` is sqlite3's busy timeout in seconds: writers wait instead of failing at once.
    return CountingSQLiteEngine(
        path=f"file:{quote(str(settings.sqlite_path))}?mode=rw",
        uri=True,
        timeout=30,
        factory=FunctionsConnection,
    )


DB = _make_engine()

APP_REGISTRY = AppRegistry(
    apps=[
        "tables.piccolo_app",
        "piccolo.apps.user.piccolo_app",
        "piccolo_admin.piccolo_app",
    ]
)
