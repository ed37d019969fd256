"""Public reads go to the read replica; signed-in reads, mutations and transactions stay primary."""

from __future__ import annotations

import pytest
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

from piccolo_conf import REPLICA, read_node
from services.db import write_transaction
from settings import get_settings
from tables.region import Region
from tests.fixtures.account import staff_token

PROVINCE = "{ regions { code name } }"
ON_PRIMARY = {"data": {"regions": [{"code": "330000", "name": "浙江省"}]}}
# The replica here is a second database on the same server, holding only a region table whose
# province has another name: a response with that name can only have been read there.
ON_REPLICA = {"data": {"regions": [{"code": "330000", "name": "浙江省（只读副本）"}]}}

postgres_only = pytest.mark.skipif(
    engine_finder().engine_type != "postgres", reason="read replicas are a PostgreSQL set-up"
)


async def _admin(engine: PostgresEngine, statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(**{**engine.config, "database": "postgres"})
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture
async def replica(database, monkeypatch):
    name = f"{database.config['database']}_replica"
    await _admin(database, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(database, f'CREATE DATABASE "{name}"')
    engine = PostgresEngine(config={**database.config, "database": name})
    monkeypatch.setitem(database.extra_nodes, REPLICA, engine)
    try:
        for ddl in Region.create_table().ddl:
            await engine.run_ddl(ddl)
        await Region.insert(Region(code="330000", name="浙江省（只读副本）", level="province")).run(
            node=REPLICA
        )
        yield engine
    finally:
        await _admin(database, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@postgres_only
async def test_anonymous_query_reads_the_replica(replica, gql):
    assert await gql(PROVINCE) == ON_REPLICA


@postgres_only
async def test_signed_in_query_reads_the_primary(replica, gql):
    assert await gql(PROVINCE, token=await staff_token()) == ON_PRIMARY


@postgres_only
async def test_anonymous_mutation_stays_on_the_primary(replica, gql):
    # The replica has no account table: routed there, sign-in would fail with an error.
    signed_in = await gql(
        'mutation { tokenCreate(input: {phone: "13900000000", password: "wrong-pass"}) '
        "{ token userErrors { code field } } }"
    )
    assert signed_in == {
        "data": {
            "tokenCreate": {
                "token": None,
                "userErrors": [{"code": "INVALID_CREDENTIALS", "field": None}],
            }
        }
    }


@postgres_only
async def test_reads_inside_a_transaction_stay_on_the_primary(replica):
    province = Region.select(Region.name).where(Region.parent.is_null())
    token = read_node.set(REPLICA)
    try:
        assert await province == [{"name": "浙江省（只读副本）"}]
        async with write_transaction():
            assert await province == [{"name": "浙江省"}]
    finally:
        read_node.reset(token)
    assert await province == [{"name": "浙江省"}]


@postgres_only
async def test_without_a_replica_every_read_is_on_the_primary(gql):
    assert REPLICA not in engine_finder().extra_nodes
    assert await gql(PROVINCE) == ON_PRIMARY


def test_replica_needs_a_postgresql_primary(monkeypatch):
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgresql://postgres@127.0.0.1:5432/replica")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        with pytest.raises(RuntimeError) as refused:
            get_settings()
        assert str(refused.value) == (
            "DATABASE_REPLICA_URL needs a PostgreSQL primary in DATABASE_URL"
        )
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert get_settings().database_replica_url is None


@postgres_only
async def test_a_signed_in_list_written_by_the_database_reads_the_primary(replica, app):
    """The text plans read a signed-in list (MarketWorkers) on the primary, page and cards:
    the replica here has no worker table, so a read there would fail the text plan."""
    from resolvers.context import build_context
    from resolvers.global_ids import encode_id
    from resolvers.trusted_documents import canonical_documents
    from tests.fixtures.account import operator_token
    from tests.fixtures.market import make_market, make_operator
    from tests.fixtures.worker import make_walk_in
    from tests.test_compiled_documents import graphql_view

    operator = await make_operator()
    market = await make_market(operator_id=operator)
    await make_walk_in(operator, market, name="主库里的人")
    texts = graphql_view(app).schema.texts
    context = await build_context(None, token=await operator_token(operator))

    body = await texts.answer(
        canonical_documents()["MarketWorkers"],
        "MarketWorkers",
        {"marketId": encode_id("Market", market)},
        context,
    )

    assert body is not None and '"name":"主库里的人"' in body


@postgres_only
def test_with_a_replica_a_reader_s_own_list_keeps_its_plan_on_the_primary(database, monkeypatch):
    """piccolo_conf.OWN_LISTS: the signed-in text plans' pool is the primary's, with generic
    plans, while the cards' pool (public lists) reads the replica; without a replica the two
    are one pool, started once."""
    from piccolo_conf import CARDS, OWN_LISTS, _make_engine

    # two databases of the test server (engines look their server's version up when made)
    server = f"postgresql://{database.config['user']}@{database.config['host']}:{database.config['port']}"
    primary = database.config["database"]
    monkeypatch.setenv("DATABASE_URL", f"{server}/{primary}")
    monkeypatch.setenv("DATABASE_REPLICA_URL", f"{server}/postgres")
    get_settings.cache_clear()
    try:
        nodes = _make_engine().extra_nodes
        assert nodes[OWN_LISTS].config["database"] == primary
        assert nodes[CARDS].config["database"] == nodes[REPLICA].config["database"] == "postgres"
        for name in (OWN_LISTS, CARDS):
            settings = nodes[name].config["server_settings"]
            assert settings["plan_cache_mode"] == "force_generic_plan"
        assert nodes[REPLICA].config["server_settings"]["plan_cache_mode"] == "force_custom_plan"
        monkeypatch.delenv("DATABASE_REPLICA_URL")
        get_settings.cache_clear()
        engine = _make_engine()
        assert engine.extra_nodes[OWN_LISTS] is engine.extra_nodes[CARDS]
        assert set(engine.extra_nodes) == {OWN_LISTS, CARDS}
        assert len(engine._nodes()) == 1
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


@postgres_only
async def test_a_token_is_looked_up_on_the_primary_even_during_a_public_read(replica):
    """A token revoked a moment ago must be refused at once: its lookup never reads the
    replica (which here has no token table: a read there would fail)."""
    from services.auth.rules import authenticate, revoke

    token = await staff_token()
    public_read = read_node.set(REPLICA)
    try:
        viewer = await authenticate(token)
        assert viewer is not None and viewer.role == "STAFF"
        assert await revoke(viewer.token_id)
        assert await authenticate(token) is None
    finally:
        read_node.reset(public_read)
