"""GraphQL over HTTP: clients that accept application/graphql-response+json get the spec's
status codes for request errors; application/json clients keep 200 with `data: null`."""

from __future__ import annotations

import pytest

from tests.fixtures.market import make_market

RESPONSE_TYPE = "application/graphql-response+json"


async def post(client, query: str, accept: str, variables: dict | None = None):
    return await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers={"Accept": accept}
    )


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ("{", None, "GRAPHQL_PARSE_FAILED"),
        ("{ nope }", None, "GRAPHQL_VALIDATION_FAILED"),
        ("query($id: ID!) { market(id: $id) { name } }", {"id": True}, "GRAPHQL_VALIDATION_FAILED"),
    ],
    ids=["parse", "validation", "variables"],
)
async def test_request_errors_are_400_without_data(client, query, variables, code):
    response = await post(client, query, RESPONSE_TYPE, variables)

    assert response.status_code == 400
    assert response.headers["content-type"] == f"{RESPONSE_TYPE}; charset=utf-8"
    body = response.json()
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]


async def test_the_same_request_errors_stay_200_for_application_json(client):
    response = await post(client, "{ nope }", "application/json")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["data"] is None


async def test_a_successful_query_has_the_requested_media_type(client):
    await make_market(name="上城区望江综合零工市场")

    response = await post(
        client, "{ markets { nodes { name } } }", f"{RESPONSE_TYPE}, application/json"
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{RESPONSE_TYPE}; charset=utf-8"
    assert response.json() == {"data": {"markets": {"nodes": [{"name": "上城区望江综合零工市场"}]}}}


async def test_field_errors_keep_200_and_data(client):
    # an error while executing (here: not signed in) is not a request error
    response = await post(client, "{ __typename workloadReports { totalCount } }", RESPONSE_TYPE)

    assert response.status_code == 200
    body = response.json()
    assert "data" in body
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def test_a_masked_crash_before_execution_is_a_500(client, monkeypatch):
    import resolvers.safety as safety

    def crash(document):
        raise RuntimeError("boom")

    monkeypatch.setattr(safety, "_piled_directives", crash)

    response = await post(client, "{ __typename }", RESPONSE_TYPE)

    assert response.status_code == 500
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "boom" not in response.text
