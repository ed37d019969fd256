"""Database engine chosen from the environment: PostgreSQL when DATABASE_URL is set, else SQLite."""

from __future__ import annotations

import contextvars
import sqlite3
from urllib.parse import quote, unquote, urlparse

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

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


class FunctionsConnection(sqlite3.Connection):
    """An SQLite connection with the functions the text plans need where SQLite has no
    equivalent of its own (resolvers/compiled/sql_json.py: repr() of a double, a relay global
    id, a split list). Given to every connection the engine opens, in or out of a
    transaction."""

    def __init__(self, *args, **kwargs) -> None:
        from resolvers.compiled import sql_json

        super().__init__(*args, **kwargs)
        self.create_function(sql_json.SQLITE_FLOAT, 1, sql_json.sqlite_float, deterministic=True)
        self.create_function(
            sql_json.SQLITE_GLOBAL_ID, 2, sql_json.sqlite_global_id, deterministic=True
        )
        self.create_function(sql_json.SQLITE_SPLIT, 2, sql_json.sqlite_split, deterministic=True)


class CountingSQLiteEngine(SQLiteEngine):
    """SQLite with a busy timeout and statement counting (WAL is switched on at start-up)."""

    async def run_querystring(self, querystring, in_pool: bool = False):
        _count(querystring, "sqlite")
        return await super().run_querystring(querystring, in_pool=in_pool)

    async def run_ddl(self, ddl: str, in_pool: bool = False):
        _count(ddl)
        return await super().run_ddl(ddl, in_pool=in_pool)


class CountingPostgresEngine(PostgresEngine):
    """PostgreSQL with statement counting and the one place reads are routed to a replica;
    the pools are started in the app's lifespan."""

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


def _postgres_config(url: str) -> dict:
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
        "server_settings": {"plan_cache_mode": "force_custom_plan"},
    }


def _make_engine():
    settings = get_settings()
    if settings.is_postgres:
        # A replica is a plain engine: its statements are counted once, by the primary.
        replicas = (
            {REPLICA: PostgresEngine(config=_postgres_config(settings.database_replica_url))}
            if settings.database_replica_url
            else None
        )
        return CountingPostgresEngine(
            config=_postgres_config(settings.database_url), extra_nodes=replicas
        )
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
