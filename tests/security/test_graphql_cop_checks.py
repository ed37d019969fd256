"""graphql-cop's checks, each sending its own probe to the production app and asserting the safe
answer (no HIGH or MEDIUM finding; the LOW and INFO ones too)."""

# graphql-cop is a script, not a package: these are its probes, written as our tests. Each test
# names the check and graphql-cop's severity; a regression turns that finding back on.

from __future__ import annotations

import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.job_posting.subscriptions.live import serve_in_process

VALIDATION = "GRAPHQL_VALIDATION_FAILED"


async def cop(client, query: str):
    return await client.post("/graphql", json={"query": query})


def codes(response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


# --- HIGH -----------------------------------------------------------------------------------


async def test_introspection_is_off(production_client):
    # Introspection Query Enabled (HIGH)
    response = await cop(
        production_client, "query cop { __schema { types { name fields { name } } } }"
    )

    assert response.json()["data"] is None
    assert set(codes(response)) == {VALIDATION}
    assert "introspection has been disabled" in response.json()["errors"][0]["message"]


async def test_circular_introspection_query_is_refused(production_client):
    # Introspection-based Circular Query (HIGH)
    query = (
        "query cop { __schema { types { fields { type { fields { type { fields { type "
        "{ fields { type { name } } } } } } } } } } }"
    )

    response = await cop(production_client, query)

    assert response.json()["data"] is None
    assert set(codes(response)) == {VALIDATION}


async def test_circular_fragments_are_refused(production_client):
    # Circular Fragment (HIGH)
    query = """
        query { __schema { ...A } }
        fragment A on __Schema { __typename ...B }
        fragment B on __Schema { ...A }
    """

    response = await cop(production_client, query)

    assert response.json()["data"] is None
    assert VALIDATION in codes(response)
    assert any(
        "Cannot spread fragment 'A' within itself" in e["message"]
        for e in response.json()["errors"]
    )


async def test_alias_overloading_is_refused(production_client):
    # Alias Overloading (HIGH): 101 aliases of __typename
    aliases = " ".join(f"alias{i}: __typename" for i in range(101))

    response = await cop(production_client, "query cop { " + aliases + " }")

    assert response.json()["data"] is None
    assert codes(response) == [VALIDATION]
    assert "alias100" not in response.text


async def test_array_batching_is_refused(production_client):
    # Array-based Query Batching (HIGH): ten operations in one request
    response = await production_client.post(
        "/graphql", json=[{"query": "query cop { __typename }"}] * 10
    )

    assert response.status_code == 400
    assert response.text == "Batching is not enabled"


async def test_directive_overloading_answers_one_error(production_client):
    # Directive Overloading (HIGH): found when ten errors come back for ten directives
    response = await cop(
        production_client, "query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }"
    )

    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "同一位置最多使用 3 个指令",
                "locations": [{"line": 1, "column": 13}],
                "extensions": {"code": VALIDATION},
            }
        ],
    }


async def test_field_duplication_is_refused(production_client):
    # Field Duplication (HIGH): 500 copies of __typename
    response = await cop(production_client, "query cop { " + "__typename \n" * 500 + "} ")

    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "字段 __typename 在同一选择集中最多出现 5 次",
                "locations": [{"line": 6, "column": 1}],
                "extensions": {"code": VALIDATION},
            }
        ],
    }


async def test_a_field_repeated_a_few_times_still_works(production_client):
    # the limit refuses floods, not the harmless repeat that merged fragments produce
    response = await cop(production_client, "{ " + "__typename " * 5 + "}")

    assert response.json() == {"data": {"__typename": "Query"}}


# --- MEDIUM (cross-site request forgery) -----------------------------------------------------


async def test_queries_over_get_are_refused(production_client):
    # GET Method Query Support (MEDIUM)
    response = await production_client.get("/graphql", params={"query": "{__typename}"})

    assert response.status_code == 400
    assert response.text == "queries are not allowed when using GET"


async def test_mutations_over_get_are_refused(production_client):
    # Mutation is allowed over GET (MEDIUM)
    response = await production_client.get("/graphql", params={"query": "mutation {__typename}"})

    assert response.status_code == 400
    assert response.text == "mutations are not allowed when using GET"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"params": {"query": "query {__typename}"}},  # graphql-cop's probe: query string, no body
        {"data": {"query": "query {__typename}"}},  # an HTML form's url-encoded body
        {
            "content": json.dumps({"query": "{__typename}"}),
            "headers": {"content-type": "text/plain"},
        },
    ],
    ids=["query-string", "form", "text-plain-json"],
)
async def test_posts_a_page_can_send_cross_site_are_refused(production_client, request_kwargs):
    # POST based url-encoded query (MEDIUM)
    response = await production_client.post("/graphql", **request_kwargs)

    assert response.status_code == 400
    assert response.text == "Unsupported content type"


async def test_websockets_from_another_site_are_refused(production_app):
    # Cross-site WebSocket hijacking: a page elsewhere opening our subscriptions
    async with serve_in_process(production_app) as port:
        url = f"ws://127.0.0.1:{port}/graphql"
        with pytest.raises(InvalidStatus) as refused:
            async with connect(
                url, subprotocols=["graphql-transport-ws"], origin="https://evil.example"
            ):
                pass
        assert refused.value.response.status_code == 403
        # a non-browser client (no Origin) and a same-origin page still connect
        async with connect(url, subprotocols=["graphql-transport-ws"]) as ws:
            assert ws.subprotocol == "graphql-transport-ws"
        async with connect(
            url, subprotocols=["graphql-transport-ws"], origin=f"http://127.0.0.1:{port}"
        ) as ws:
            assert ws.subprotocol == "graphql-transport-ws"


# --- LOW and INFO -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/graphiql", "/playground", "/console", "/graphql"])
async def test_no_graphql_ide_anywhere(production_client, path):
    # GraphQL IDE (LOW)
    response = await production_client.get(path, headers={"Accept": "text/html"})

    assert response.status_code in (400, 404)
    for word in ("graphiql", "GraphQL Playground", "graphql-playground"):
        assert word.lower() not in response.text.lower()


async def test_no_field_suggestions(production_client):
    # Field Suggestions (LOW)
    response = await cop(production_client, "query cop { markts { totalCount } }")

    assert codes(response) == [VALIDATION]
    assert "Did you mean" not in response.text


async def test_no_tracing_or_stack_traces(production_client):
    # Trace Mode (INFO)
    response = await cop(production_client, "query cop { __typename }")

    assert response.json() == {"data": {"__typename": "Query"}}
    assert "tracing" not in response.text and "stacktrace" not in response.text.lower()


async def test_unhandled_errors_show_no_exception(production_client):
    # Unhandled Errors Detection (INFO): a malformed document
    response = await cop(production_client, "qwerty cop { abc }")

    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    assert "exception" not in response.text.lower()
    assert "traceback" not in response.text.lower()
