"""The query cost limit and the execution timeout (issue 16, Build)."""

from __future__ import annotations

import asyncio

import pytest
import strawberry
from graphql import OperationDefinitionNode, VariableNode, Visitor, parse, visit
from piccolo.engine.sqlite import TransactionType

from piccolo_conf import sql_statement_counter
from resolvers.execution_limits import DEFAULT_PAGE_SIZE, LIST_SIZE, query_cost
from schema.root import Schema, schema
from settings import get_settings
from tables.market import Market
from tests.test_frontend_queries import DOCUMENTS

MAX_PAGE = 100  # the largest `first` any connection accepts


def cost(text: str, variables: dict | None = None) -> int:
    return query_cost(schema._schema, parse(text), None, variables)


def test_the_cost_multiplies_page_sizes_through_nested_lists():
    assert (DEFAULT_PAGE_SIZE, LIST_SIZE) == (20, 10)
    # markets (1) + 100 nodes × (1 + 10 stations × (1 + 10 stations))
    nested = "query Q { markets(first: 100) { nodes { stations { stations { id } } } } }"
    assert cost(nested) == 1 + 100 * (1 + 10 * (1 + 10))
    # without `first` a connection counts its default page; scalars and pageInfo's fields
    # count nothing, pageInfo itself 1
    assert cost("query Q { markets { totalCount pageInfo { hasNextPage } nodes { id } } }") == (
        1 + 1 + 20
    )
    # a variable `first` counts at the value sent
    by_variable = "query Q($n: Int) { markets(first: $n) { nodes { region { name } } } }"
    assert cost(by_variable, {"n": 5}) == 1 + 5 * 2
    assert cost(by_variable, {"n": 100}) == 1 + 100 * 2
    # fragments count where they are spread
    fragment = (
        "query Q { markets(first: 2) { ...F } } fragment F on MarketConnection { nodes { id } }"
    )
    assert cost(fragment) == 1 + 2


async def statements_run(gql, query: str) -> tuple[dict, int]:
    box = [0]
    reset = sql_statement_counter.set(box)
    try:
        return await gql(query), box[0]
    finally:
        sql_statement_counter.reset(reset)


async def test_a_document_over_the_limit_is_refused_before_execution_with_its_cost(gql):
    # given: a document that asks for 100 markets × 10 stations × 10 × 10
    query = "query Costly { markets(first: 100) { nodes { stations { stations { stations { id } } } } } }"
    limit = get_settings().max_query_cost
    assert limit == 20000

    # when
    result, statements = await statements_run(gql, query)

    # then: refused with the computed cost and the limit, and nothing was read
    expected_cost = 1 + 100 * (1 + 10 * (1 + 10 * (1 + 10)))
    assert result == {
        "data": None,
        "errors": [
            {
                "message": f"查询成本 {expected_cost} 超过上限 20000：请减小每页条数（first）或嵌套层数",
                "extensions": {"code": "QUERY_TOO_COSTLY", "cost": expected_cost, "maxCost": 20000},
            }
        ],
    }
    assert statements == 0


async def test_aliases_add_up_against_the_limit(gql):
    one = "ALIAS: markets(first: 100) { nodes { stations { stations { id } } } }"
    two = "query Twice { " + " ".join(one.replace("ALIAS", f"m{i}") for i in range(2)) + " }"
    result = await gql(two)
    assert result["errors"][0]["extensions"]["cost"] == 2 * (1 + 100 * (1 + 10 * (1 + 10)))
    # while one of them alone passes (and runs)
    result, statements = await statements_run(
        gql, "query Once { " + one.replace("ALIAS", "m0") + " }"
    )
    assert result == {"data": {"m0": {"nodes": []}}}
    assert statements > 0


def _first_variables(text: str) -> dict[str, int]:
    names: set[str] = set()

    class Firsts(Visitor):
        def enter_argument(self, node, *_):
            if node.name.value == "first" and isinstance(node.value, VariableNode):
                names.add(node.value.name.value)

    visit(parse(text), Firsts())
    return {name: MAX_PAGE for name in names}


def test_every_frontend_document_passes_the_limit_even_at_the_largest_page_size():
    limit = get_settings().max_query_cost
    costs = {}
    for d in DOCUMENTS:
        document = parse(d.text)
        assert len([o for o in document.definitions if isinstance(o, OperationDefinitionNode)]) == 1
        costs[d.name] = query_cost(schema._schema, document, None, _first_variables(d.text))
    assert {name: c for name, c in costs.items() if c > limit} == {}
    # the costliest document (an operator's courses with enrolments and attendance) leaves
    # headroom; a new document near the limit should make someone look again
    assert max(costs.values()) == costs["ManagedTrainings"] < limit * 0.75


# --- execution timeout -------------------------------------------------------------------


def slow_schema(seconds: float) -> Schema:
    """A test-only schema with one field that holds a database connection for 30 s."""

    @strawberry.type
    class Query:
        @strawberry.field(description="Sleeps in the database (test only).")
        async def slow(self) -> int:
            engine = Market._meta.db
            if engine.engine_type == "postgres":
                await Market.raw("SELECT pg_sleep(30)")
            else:
                # SQLite cannot sleep in SQL: hold the database's write lock instead
                async with engine.transaction(transaction_type=TransactionType.immediate):
                    await Market.raw("SELECT 1")
                    await asyncio.sleep(30)
            return 1

    built = Schema(query=Query)
    built.timeout_seconds = seconds
    return built


async def _sleeping_statements() -> int:
    # Running ones only: an idle pooled connection still shows its last statement.
    rows = await Market.raw(
        "SELECT count(*) AS n FROM pg_stat_activity "
        "WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(30)%'"
    )
    return rows[0]["n"]


async def test_an_operation_past_the_timeout_is_cancelled_and_its_connection_freed():
    engine = Market._meta.db
    result = await slow_schema(0.5).execute("query Slow { slow }")

    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors] == [
        (
            "操作执行超过 0.5 秒，已取消，请缩小查询范围后重试",
            {"code": "OPERATION_TIMEOUT", "timeoutSeconds": 0.5},
        )
    ]
    if engine.engine_type == "postgres":
        pool = engine.pool
        # the pool has its connection back, and the server is not running the statement
        assert pool.get_idle_size() == pool.get_size()
        for _ in range(50):  # the driver's cancel request reaches the server asynchronously
            if await _sleeping_statements() == 0:
                break
            await asyncio.sleep(0.1)
        assert await _sleeping_statements() == 0
    else:
        # the transaction was rolled back and its connection closed: the write lock it held
        # is free at once (otherwise this waits out the 30 s busy timeout and fails)
        async with engine.transaction(transaction_type=TransactionType.immediate):
            await Market.raw("SELECT 1")


async def test_the_app_schema_has_the_configured_timeout():
    assert get_settings().operation_timeout_seconds == 15.0
    assert schema.timeout_seconds == 15.0


@pytest.mark.parametrize("seconds", [0.5])
async def test_a_fast_operation_is_not_affected(seconds):
    result = await slow_schema(seconds).execute("query T { __typename }")
    assert result.errors is None
    assert result.data == {"__typename": "Query"}


def test_a_request_s_cost_is_cached_by_its_text_and_firsts_and_equals_the_walk():
    from resolvers.execution_limits import _cost_by_sizes, request_cost

    variants = [None, {}, {"first": 7}, {"first": "7"}, {"first": None}, {"first": True},
                {"first": 3, "other": [1, {"a": 2}]}, {"first": 100, "after": "x"}]  # fmt: skip
    for d in DOCUMENTS:
        document = parse(d.text)
        names = _first_variables(d.text)
        for variables in [*variants, names]:
            walked = query_cost(schema._schema, document, None, variables)
            assert request_cost(schema._schema, document, None, variables) == walked, d.name
    # the same text parsed again, with other variables outside `first`, is a cache hit
    before = _cost_by_sizes.cache_info().hits
    again = parse(DOCUMENTS[0].text)
    request_cost(schema._schema, again, None, {"first": 7, "search": "零工"})
    assert _cost_by_sizes.cache_info().hits == before + 1
