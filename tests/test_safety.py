"""Request limits, production hardening, error masking, body cap, UTF-8 JSON, the Decimal scalar."""

from __future__ import annotations

import decimal
import json
import logging

import httpx
import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig

from resolvers.global_ids import encode_id
from resolvers.market import queries as market_queries
from schema.root import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from schema.scalars import DecimalScalar, parse_decimal, serialize_decimal
from settings import get_settings
from tables import market as t
from tests.fixtures.market import make_market

MASKED = "服务器内部错误，请稍后重试"


@pytest.fixture
def executed(monkeypatch):
    """Records every market the `market(id:)` resolver reads: proof that a resolver ran."""
    calls: list[list[int]] = []
    real = market_queries.market_with_page

    async def spy(loaders, number):
        calls.append([number])
        return await real(loaders, number)

    monkeypatch.setattr(market_queries, "market_with_page", spy)
    return calls


MARKET_QUERY = "query($id: ID!) { market(id: $id) { name } }"


async def post(client, query: str, variables: dict | None = None) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables or {}})


# --- limits -------------------------------------------------------------------------------


def nested_stations(levels: int) -> str:
    # Nested objects, not lists: nested lists would meet the cost limit first
    # (tests/test_execution_limits.py).
    return "parentMarket { " * levels + "id" + " }" * levels


async def test_depth_limit(gql):
    assert MAX_DEPTH == 10
    ok = "query Deep { markets { nodes { " + nested_stations(MAX_DEPTH - 2) + " } } }"
    assert await gql(ok) == {"data": {"markets": {"nodes": []}}}

    too_deep = "query Deep { markets { nodes { " + nested_stations(MAX_DEPTH - 1) + " } } }"
    assert await gql(too_deep) == {
        "data": None,
        "errors": [
            {
                "message": "'Deep' exceeds maximum operation depth of 10",
                "locations": [{"line": 1, "column": 167}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ],
    }


async def test_alias_limit(gql):
    assert MAX_ALIASES == 30
    ok = "{ " + " ".join(f"a{i}: viewer {{ role }}" for i in range(MAX_ALIASES)) + " }"
    assert await gql(ok) == {"data": {f"a{i}": None for i in range(MAX_ALIASES)}}

    too_many = "{ " + " ".join(f"a{i}: viewer {{ role }}" for i in range(MAX_ALIASES + 1)) + " }"
    assert await gql(too_many) == {
        "data": None,
        "errors": [
            {
                "message": "31 aliases found. Allowed: 30",
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ],
    }


def operations(count: int) -> str:
    # Five tokens each (query Qn { __typename }); one small selection set per operation keeps
    # validation cheap, so only the token count matters.
    return " ".join(f"query Q{i} {{ __typename }}" for i in range(count))


async def test_token_limit(client):
    assert MAX_TOKENS == 4000
    ok = await client.post("/graphql", json={"query": operations(800), "operationName": "Q799"})
    assert ok.json() == {"data": {"__typename": "Query"}}

    too_many = operations(801)
    response = await client.post("/graphql", json={"query": too_many, "operationName": "Q0"})
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Syntax Error: Document contains more than 4000 tokens. Parsing aborted.",
                "locations": [{"line": 1, "column": too_many.rindex("query") + 1}],
                "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
            }
        ],
    }


async def test_syntax_errors_carry_a_code(gql):
    assert await gql("{ viewer ") == {
        "data": None,
        "errors": [
            {
                "message": "Syntax Error: Expected Name, found <EOF>.",
                "locations": [{"line": 1, "column": 10}],
                "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
            }
        ],
    }


@pytest.mark.parametrize("first", [101, -1, 1000])
async def test_page_size_over_100_or_negative_is_rejected(gql, first):
    await make_market()
    assert await gql("query($n: Int) { markets(first: $n) { totalCount } }", {"n": first}) == {
        "data": None,
        "errors": [
            {
                "message": "first：每页条数须在 0 到 100 之间",
                "locations": [{"line": 1, "column": 18}],
                "path": ["markets"],
                "extensions": {"code": "BAD_USER_INPUT", "field": ["first"]},
            }
        ],
    }


async def test_page_size_of_100_is_allowed(gql):
    await make_market()
    assert await gql("{ markets(first: 100) { totalCount } }") == {
        "data": {"markets": {"totalCount": 1}}
    }


# --- production mode ------------------------------------------------------------------------


async def test_production_has_no_introspection(production_client):
    response = await post(production_client, "{ __schema { queryType { name } } }")
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "GraphQL introspection has been disabled, but the requested query "
                "contained the field '__schema'.",
                "locations": [{"line": 1, "column": 3}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            },
            {
                "message": "GraphQL introspection has been disabled, but the requested query "
                "contained the field 'queryType'.",
                "locations": [{"line": 1, "column": 14}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            },
        ],
    }
    response = await post(production_client, '{ __type(name: "Market") { name } }')
    assert response.json()["data"] is None
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == [
        "GRAPHQL_VALIDATION_FAILED"
    ]


async def test_development_allows_introspection(gql):
    assert await gql("{ __schema { queryType { name } } }") == {
        "data": {"__schema": {"queryType": {"name": "Query"}}}
    }


async def test_production_gives_no_field_suggestions(production_client, gql):
    response = await post(production_client, "{ markts { totalCount } }")
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Cannot query field 'markts' on type 'Query'.",
                "locations": [{"line": 1, "column": 3}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ],
    }
    assert "Did you mean" not in response.text
    # Development keeps the suggestion, so the difference is the production switch.
    development = await gql("{ markts { totalCount } }")
    assert development["errors"][0]["message"] == (
        "Cannot query field 'markts' on type 'Query'. Did you mean 'markets' or 'market'?"
    )


async def test_production_serves_no_graphiql(production_client):
    response = await production_client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert not response.headers["content-type"].startswith("text/html")
    assert b"<html" not in response.content.lower()


async def test_development_serves_graphiql(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert b"graphiql" in response.content.lower()


async def test_production_still_answers_queries(production_client):
    await make_market(name="上城区望江综合零工市场")
    response = await post(production_client, "{ markets { nodes { name } } }")
    assert response.json() == {"data": {"markets": {"nodes": [{"name": "上城区望江综合零工市场"}]}}}


# --- error masking --------------------------------------------------------------------------


def explode(*args, **kwargs):
    raise RuntimeError("connection to 10.0.0.5 refused; password=hunter2")


async def test_unexpected_error_in_a_loader_is_masked_with_the_request_id(
    client, monkeypatch, caplog
):
    market_id = await make_market()
    monkeypatch.setattr("resolvers.market.queries.market_with_page", explode)

    with caplog.at_level(logging.ERROR, logger="lingong.graphql"):
        response = await post(
            client,
            "query($id: ID!) { market(id: $id) { name } }",
            {"id": encode_id("Market", market_id)},
        )

    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32
    assert response.status_code == 200
    assert response.json() == {
        "data": {"market": None},
        "errors": [
            {
                "message": MASKED,
                "locations": [{"line": 1, "column": 19}],
                "path": ["market"],
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
            }
        ],
    }
    assert "hunter2" not in response.text
    logged = [r for r in caplog.records if r.name == "lingong.graphql"]
    assert len(logged) == 1
    assert request_id in logged[0].getMessage()
    assert "hunter2" in str(logged[0].exc_info[1])


async def test_unexpected_error_in_a_nested_field_is_masked(client, monkeypatch):
    # (a market's occupations come with its page: its stations still load through a loader)
    await make_market()
    monkeypatch.setattr("resolvers.market.loaders.rows_of", explode)

    response = await post(client, "{ markets { nodes { name stations { name } } } }")

    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": MASKED,
                "locations": [{"line": 1, "column": 26}],
                "path": ["markets", "nodes", 0, "stations"],
                "extensions": {
                    "code": "INTERNAL_SERVER_ERROR",
                    "requestId": response.headers["x-request-id"],
                },
            }
        ],
    }


async def test_every_request_gets_its_own_request_id(client):
    first = await post(client, "{ viewer { role } }")
    second = await post(client, "{ viewer { role } }")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_intended_errors_keep_their_message_and_code(gql):
    assert await gql('{ markets(after: "bm90IGEgY3Vyc29y") { totalCount } }') == {
        "data": None,
        "errors": [
            {
                "message": "after：游标无效，请使用本列表返回的游标",
                "locations": [{"line": 1, "column": 3}],
                "path": ["markets"],
                "extensions": {"code": "BAD_USER_INPUT", "field": ["after"]},
            }
        ],
    }


# --- HTTP layer -------------------------------------------------------------------------------


def body_of_size(size: int, market_id: int = 1) -> bytes:
    """A `market(id:)` request padded with an unused variable to exactly `size` bytes."""
    head = json.dumps(
        {"query": MARKET_QUERY, "variables": {"id": encode_id("Market", market_id), "pad": ""}}
    ).encode()[:-3]
    tail = b'"}}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


async def test_body_over_the_limit_is_413_and_nothing_executes(client, executed):
    market_id = await make_market(name="上城区望江综合零工市场")
    limit = get_settings().max_body_bytes
    assert limit == 256 * 1024

    too_big = await client.post(
        "/graphql",
        content=body_of_size(limit + 1, market_id),
        headers={"content-type": "application/json"},
    )
    assert too_big.status_code == 413
    assert executed == []

    at_limit = await client.post(
        "/graphql",
        content=body_of_size(limit, market_id),
        headers={"content-type": "application/json"},
    )
    assert at_limit.status_code == 200
    assert at_limit.json() == {"data": {"market": {"name": "上城区望江综合零工市场"}}}
    assert executed == [[market_id]]


async def test_chunked_body_over_the_limit_is_413(client, executed):
    market_id = await make_market()
    body = body_of_size(get_settings().max_body_bytes + 1, market_id)

    async def chunks():
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    response = await client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert executed == []


async def test_json_is_utf8_with_chinese_unescaped(client):
    await make_market(name="上城区望江综合零工市场")

    response = await post(client, "{ markets { nodes { name region { name } } } }")

    assert response.headers["content-type"].startswith("application/json")
    assert "零工市场".encode() in response.content
    assert "上城区".encode() in response.content
    assert b"\\u" not in response.content
    assert json.loads(response.content.decode("utf-8")) == {
        "data": {
            "markets": {"nodes": [{"name": "上城区望江综合零工市场", "region": {"name": "上城区"}}]}
        }
    }


async def test_mutations_over_get_are_rejected(client, executed):
    market_id = await make_market()
    response = await client.get(
        "/graphql",
        params={
            "query": "mutation($id: ID!) { market(id: $id) { name } }",
            "variables": json.dumps({"id": encode_id("Market", market_id)}),
        },
    )
    assert response.status_code == 400
    assert response.text == "mutations are not allowed when using GET"
    assert executed == []


async def test_queries_over_get_work(client):
    response = await client.get("/graphql", params={"query": "{ viewer { role } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": None}}


async def test_batching_is_rejected(client, executed):
    market_id = await make_market()
    one = {"query": MARKET_QUERY, "variables": {"id": encode_id("Market", market_id)}}
    response = await client.post("/graphql", json=[one, one])
    assert response.status_code == 400
    assert response.text == "Batching is not enabled"
    assert executed == []


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
async def test_simple_cross_site_content_types_are_rejected(client, executed, content_type):
    market_id = await make_market()
    response = await client.post(
        "/graphql",
        content=json.dumps(
            {"query": MARKET_QUERY, "variables": {"id": encode_id("Market", market_id)}}
        ).encode(),
        headers={"content-type": content_type},
    )
    assert response.status_code == 400
    assert executed == []


async def test_rejected_requests_change_nothing(client):
    await make_market()
    before = await t.Market.count()
    await client.post(
        "/graphql", content=body_of_size(300_000), headers={"content-type": "application/json"}
    )
    await client.get("/graphql", params={"query": "mutation { viewer { role } }"})
    assert await t.Market.count() == before


# --- Decimal scalar ---------------------------------------------------------------------------


def test_decimal_keeps_the_exact_string():
    value = parse_decimal("180.50")
    assert value == decimal.Decimal("180.50")
    assert serialize_decimal(value) == "180.50"
    assert serialize_decimal(parse_decimal("0.10")) == "0.10"
    assert serialize_decimal(parse_decimal("-3")) == "-3"
    assert serialize_decimal(parse_decimal(" 12345678901234567890.123456789 ")) == (
        "12345678901234567890.123456789"
    )
    assert serialize_decimal(decimal.Decimal("1E+3")) == "1000"
    assert serialize_decimal(7) == "7"


@pytest.mark.parametrize(
    "value",
    ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "+Infinity", "inf", "-inf"],
)
def test_decimal_rejects_nan_and_infinity(value):
    with pytest.raises(ValueError, match="不接受 NaN 或 Infinity"):
        parse_decimal(value)


@pytest.mark.parametrize("value", [180.5, 180, True, None, [1], {"v": "1"}])
def test_decimal_rejects_non_strings(value):
    with pytest.raises(ValueError, match="须以字符串发送"):
        parse_decimal(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        " ",
        "abc",
        "1e3",
        "1E-2",
        "1_000",
        "1,000",
        "0x10",
        ".5",
        "5.",
        "１８０",
        "1.2.3",
        "--1",
        "1" * 29,
    ],
)
def test_decimal_rejects_junk(value):
    with pytest.raises(ValueError, match="须为普通小数写法"):
        parse_decimal(value)


@pytest.mark.parametrize(
    "value", [180.5, decimal.Decimal("NaN"), decimal.Decimal("Infinity"), "180.50", None]
)
def test_decimal_refuses_to_serialise_floats_and_non_finite_values(value):
    with pytest.raises((TypeError, ValueError)):
        serialize_decimal(value)


@strawberry.type
class _EchoQuery:
    @strawberry.field
    def echo(self, value: decimal.Decimal) -> decimal.Decimal:
        return value


_echo_schema = strawberry.Schema(
    query=_EchoQuery, config=StrawberryConfig(scalar_map={decimal.Decimal: DecimalScalar})
)


async def test_decimal_scalar_through_graphql_variables():
    ok = await _echo_schema.execute("query($v: Decimal!) { echo(value: $v) }", {"v": "180.50"})
    assert ok.errors is None
    assert ok.data == {"echo": "180.50"}

    expected = {
        180.5: '金额等小数须以字符串发送，例如 "180.50"',
        "NaN": "不接受 NaN 或 Infinity",
        "-Infinity": "不接受 NaN 或 Infinity",
        "abc": "须为普通小数写法，例如 \"180.50\"：'abc'",
    }
    for bad, reason in expected.items():
        result = await _echo_schema.execute("query($v: Decimal!) { echo(value: $v) }", {"v": bad})
        assert result.data is None, bad
        assert [e.message for e in result.errors] == [
            "Variable '$v' has invalid value: Expected value of type 'Decimal', "
            f"but encountered error '{reason}'; found: {bad!r}.".replace("'abc'.", "'abc'.")
        ], bad


async def test_decimal_literal_floats_are_rejected_too():
    result = await _echo_schema.execute("{ echo(value: 180.5) }")
    assert result.data is None
    assert len(result.errors) == 1


async def test_admin_body_over_its_limit_is_413_and_nobody_logs_in(client):
    # given: an admin whose credentials are valid, padded past the admin's (larger) cap
    from piccolo.apps.user.tables import BaseUser
    from piccolo_api.session_auth.tables import SessionsBase

    await BaseUser.create_user(
        username="padded",
        password="padded-pass-1",
        email="padded@example.invalid",
        admin=True,
        active=True,
    )
    await client.get("/admin/")
    csrf = client.cookies.get("csrftoken")
    limit = get_settings().admin_max_body_bytes
    assert limit == 20 * 1024 * 1024
    body = json.dumps({"username": "padded", "password": "padded-pass-1", "pad": ""}).encode()
    body = body[:-2] + b"x" * (limit + 1 - len(body)) + b'"}'

    # when
    response = await client.post(
        "/admin/public/login/",
        content=body,
        headers={"content-type": "application/json", "X-CSRFToken": csrf},
    )

    # then
    assert response.status_code == 413
    assert await SessionsBase.count() == 0


@pytest.mark.parametrize(
    ("query", "variables", "message", "field"),
    [
        (
            "query($f: Int) { markets(first: $f) { totalCount } }",
            {"f": "x"},
            "变量 $f 的取值无效：须为整数（f）",
            ["f"],
        ),
        (
            "query($id: ID!) { market(id: $id) { name } }",
            {},
            "变量 $id 的取值无效：必须提供（id）",
            ["id"],
        ),
        (
            "query($w: MarketWhereInput) { markets(where: $w) { totalCount } }",
            {"w": {"kind": "NOPE"}},
            "变量 $w 的取值无效：NOPE 不是 MarketKind 的可选值（w.kind）",
            ["w", "kind"],
        ),
    ],
)
async def test_variable_errors_are_chinese_with_a_field_path(
    client, query, variables, message, field
):
    # when a client sends a variable of the wrong shape
    response = await client.post("/graphql", json={"query": query, "variables": variables})

    # then the message is Chinese, `field` is the path as a list, graphql-core's text is kept
    [error] = response.json()["errors"]
    assert error["message"] == message
    assert error["extensions"]["field"] == field
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["extensions"]["detail"].startswith(f"Variable '${field[0]}' has invalid value")


# --- operation choice, directives, error count --------------------------------------------------


async def test_several_operations_without_operation_name_run_none(client):
    # given: a token, and a document whose second operation would revoke it
    from tests.fixtures.worker import make_worker

    _, token = await make_worker()
    headers = {"Authorization": f"Bearer {token}"}
    document = "query A { viewer { role } } mutation B { tokenRevoke { revoked } }"

    # when
    response = await client.post("/graphql", json={"query": document}, headers=headers)

    # then: refused by name, and the token still works (nothing ran)
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "operationName：文档包含多个操作时须用 operationName 指明执行哪一个",
                "extensions": {"code": "BAD_USER_INPUT", "field": ["operationName"]},
            }
        ],
    }
    named = await client.post(
        "/graphql", json={"query": document, "operationName": "A"}, headers=headers
    )
    assert named.json() == {"data": {"viewer": {"role": "WORKER"}}}


async def test_piled_up_directives_are_one_error(gql):
    body = await gql("{ __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }")

    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["同一位置最多使用 3 个指令"]


async def test_include_and_skip_together_still_work(gql):
    body = await gql(
        "query($a: Boolean!) { __typename @include(if: $a) @skip(if: false) }", {"a": True}
    )

    assert body == {"data": {"__typename": "Query"}}


async def test_no_more_than_ten_errors_come_back(gql):
    fields = " ".join(f"f{i}: nope{i}" for i in range(25))

    body = await gql("{ " + fields + " }")

    assert len(body["errors"]) == 11
    assert body["errors"][-1] == {
        "message": "另有 15 个错误未列出",
        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }


# --- response headers -------------------------------------------------------------------------


async def test_staff_pages_are_never_framed_and_nothing_is_sniffed(client):
    admin = await client.get("/admin/")
    dashboard = await client.get("/admin-dashboard/targets")
    api = await client.post("/graphql", json={"query": "{ __typename }"})

    for response in (admin, dashboard, api):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
    assert admin.headers["x-frame-options"] == "DENY"
    assert admin.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert dashboard.headers["x-frame-options"] == "DENY"
    assert dashboard.headers["content-security-policy"] == (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "script-src 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    assert "x-frame-options" not in api.headers  # GraphiQL and clients may embed nothing here


def test_the_server_does_not_name_itself():
    import argparse

    from tools.cli import uvicorn_options

    options = uvicorn_options(argparse.Namespace(host="127.0.0.1", port=8000, workers=1))

    assert options["server_header"] is False
