"""Test set-up: a fresh database per run (SQLite file, or a new PostgreSQL database), migrated once."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from urllib.parse import urlparse, urlunparse

import pytest

_RUN = uuid.uuid4().hex[:8]
_TMP = tempfile.mkdtemp(prefix=f"lingong-test-{_RUN}-")
_PG_ADMIN_URL = os.environ.get("DATABASE_URL") or None
_PG_DB = f"lingong_test_{_RUN}"


async def _pg(url: str, statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def _with_database(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


# Settings are read when piccolo_conf is imported, so the environment is fixed before any import.
os.environ["LINGONG_SQLITE_PATH"] = os.path.join(_TMP, "test.sqlite3")
os.environ["LINGONG_SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ.pop("LINGONG_PRODUCTION", None)
# The suite sends many requests fast from one address: limits far above it (their defaults are
# tested on an app of their own in tests/test_rate_limits.py).
for _limit in ("TOKEN", "ANONYMOUS", "ADDRESS"):
    os.environ[f"LINGONG_RATE_LIMIT_{_limit}"] = "1000000 per 1 second"
os.environ["LINGONG_FAILED_LOOKUP_BUDGET"] = "1000000 per 1 second"
# Every page statement reused for its shape is also built by Piccolo and compared
# (services/page_statements.py).
os.environ["LINGONG_CHECK_KEPT_STATEMENTS"] = "1"
if _PG_ADMIN_URL:
    # Each run gets its own database, so parallel runs on one server never collide.
    asyncio.run(_pg(_PG_ADMIN_URL, f'CREATE DATABASE "{_PG_DB}"'))
    os.environ["DATABASE_URL"] = _with_database(_PG_ADMIN_URL, _PG_DB)

from piccolo.apps.user.tables import BaseUser  # noqa: E402
from piccolo.engine import engine_finder  # noqa: E402

BaseUser._pbkdf2_iteration_count = 1_000  # login speed in tests; production keeps 600 000

# Tables emptied after every test, children before parents (foreign keys restrict deletes).
# Reference data (region, occupation) stays loaded for the whole run.
CLEAN_ORDER = [
    "audit_log",
    "directory_publication_file",
    "directory_publication",
    "payout",
    "contract_budget_usage",
    "assessment",
    "assessment_indicator",
    "assessment_scheme",
    "workload_report",
    "operating_contract",
    "certification_objection",
    "certification_evidence",
    "certification_score",
    "demonstration_certificate",
    "certification_application",
    "certification_criterion",
    "certification_item",
    "certification_standard",
    "posting_review",
    "wage_settlement",
    "rights_case_step",
    "rights_case",
    "assistance_follow_up",
    "assistance_offer",
    "assistance_step",
    "assistance_case",
    "subsidy_application",
    "subsidy_programme",
    "training_attendance",
    "training_enrolment",
    "training_session",
    "training_course",
    "training_institution",
    "policy_item",
    "gathering_place",
    "job_application",
    "job_posting",
    "wage_arrears_flag",
    "worker_occupation",
    "worker_service_tier",
    "worker",
    "employer",
    "account",
    "market_occupation",
    "market_opening_period",
    "market WHERE parent_market IS NOT NULL",
    "market",
    "api_token",
    "operator",
    "sessions",
    "staff_scope",
    "staff_login_lock",
    "piccolo_user",
    # Last: deleting the records above appends their days to statistics_change (triggers).
    "statistics_daily",
    "statistics_activity",
    "statistics_built_day",
    "statistics_change",
    "statistics_cube",
    "statistics_cube_active",
    "statistics_cube_period",
    "statistics_region_node",
]


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_TMP, ignore_errors=True)
    if _PG_ADMIN_URL:
        try:
            asyncio.run(_pg(_PG_ADMIN_URL, f'DROP DATABASE IF EXISTS "{_PG_DB}" WITH (FORCE)'))
        except Exception as exc:  # a leftover test database is untidy, not a failure
            print(f"could not drop {_PG_DB}: {exc}")


@pytest.fixture(scope="session", autouse=True)
async def database():
    from tools.database import migrate

    engine = engine_finder()
    await migrate()
    if engine.engine_type == "postgres":
        await engine.start_connection_pool(min_size=1, max_size=20)
    else:
        # As the app serves (app.lifespan): a transaction's connection kept for the next.
        from piccolo_conf import KEPT_SQLITE_CONNECTIONS

        engine.keep_connections(KEPT_SQLITE_CONNECTIONS)
    yield engine
    if engine.engine_type == "postgres":
        await engine.close_connection_pool()
    else:
        await engine.close_kept_connections()


@pytest.fixture(autouse=True)
async def clean_tables(database):
    yield
    # One transaction: on SQLite each statement outside one opens a connection (its thread, the
    # file, the schema: ~4 ms), which made this teardown 40 % of the SQLite suite's time.
    deletes = [f"DELETE FROM {table}" for table in CLEAN_ORDER]
    async with database.transaction():
        if database.engine_type == "postgres":
            # The append-only trigger lets a transaction delete audit rows only if it says so.
            # One round trip: asyncpg sends a text without arguments as one simple query.
            purge = "SET LOCAL lingong.allow_audit_purge = 'on'"
            connection = database.current_transaction.get().connection
            await connection.execute(";\n".join([purge, *deletes]))
        else:
            for delete in deletes:
                await database.run_ddl(delete)


@pytest.fixture(scope="session")
def app():
    from app import RequestIdMiddleware, create_app

    return RequestIdMiddleware(create_app(production=False))


@pytest.fixture
async def client(app):
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        yield c


@pytest.fixture(scope="session")
def production_app():
    """The application as production serves it (LINGONG_PRODUCTION=1)."""
    from app import RequestIdMiddleware, create_app

    return RequestIdMiddleware(create_app(production=True))


@pytest.fixture
async def production_client(production_app):
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=production_app), base_url="http://testserver"
    ) as c:
        yield c


@pytest.fixture
def gql(client):
    """POST a GraphQL operation; returns the decoded JSON body (asserting HTTP 200)."""

    async def run(query: str, variables: dict | None = None, token: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    return run
