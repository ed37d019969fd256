"""The text lane (app.GraphQLView._text_lane) and the kept arguments of text plans
(resolvers/compiled/texts._prepared): a planned document's POST is answered before Strawberry's
request handling with the very response the view gives, and anything else reaches the view as
it always did; a plan works a variable set's arguments out once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from strawberry.asgi import GraphQL

import app as app_module
from resolvers.compiled import texts as text_plans
from resolvers.compiled.texts import TextPlans
from resolvers.trusted_documents import sha256
from tests.test_compiled_documents import graphql_view
from tests.test_compiled_texts import DOCUMENTS, _edge_policies

POLICIES = DOCUMENTS["Policies"]
JSON = {"content-type": "application/json"}


def _request(**overrides: Any) -> dict:
    return {"query": POLICIES, "operationName": "Policies", "variables": {"first": 2}, **overrides}


# (headers, body) of requests around the lane's edges: planned ones it answers, and ones that
# are not plain JSON requests of a planned document, or that the plan declines.
REQUESTS: list[tuple[str, dict, bytes]] = [
    ("planned", JSON, json.dumps(_request()).encode()),
    ("planned, no variables", JSON, json.dumps(_request(variables=None)).encode()),
    (
        "planned, GraphQL over HTTP media type",
        {**JSON, "accept": "application/graphql-response+json"},
        json.dumps(_request()).encode(),
    ),
    (
        "planned, charset",
        {"content-type": "application/json; charset=utf-8"},
        json.dumps(_request()).encode(),
    ),
    (
        "by hash only",
        JSON,
        json.dumps(
            {
                "operationName": "Policies",
                "variables": {"first": 1},
                "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(POLICIES)}},
            }
        ).encode(),
    ),
    (
        "hash mismatch",
        JSON,
        json.dumps(
            _request(extensions={"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}})
        ).encode(),
    ),
    (
        "unknown hash",
        JSON,
        json.dumps(
            {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "1" * 64}}}
        ).encode(),
    ),
    (
        "first over 100 (the plan declines)",
        JSON,
        json.dumps(_request(variables={"first": 101})).encode(),
    ),
    ("variables that do not coerce", JSON, json.dumps(_request(variables={"first": "x"})).encode()),
    ("another operation name", JSON, json.dumps(_request(operationName="Other")).encode()),
    ("variables not an object", JSON, json.dumps(_request(variables=[1])).encode()),
    ("extensions not an object", JSON, json.dumps(_request(extensions="x")).encode()),
    ("query not a string", JSON, json.dumps(_request(query=1)).encode()),
    ("a batch", JSON, json.dumps([_request(), _request()]).encode()),
    ("not JSON", JSON, b'{"query": '),
    ("not UTF-8", JSON, b'{"query": "\xff"}'),
    ("JSON, not an object", JSON, b"17"),
    ("plain text", {"content-type": "text/plain"}, json.dumps(_request()).encode()),
    ("no content type", {}, json.dumps(_request()).encode()),
    ("an ad-hoc document", JSON, b'{"query": "{ __typename }"}'),
    ("over the body limit", JSON, json.dumps(_request(pad="x" * 300_000)).encode()),
]


async def _send(client, headers: dict, body: bytes) -> tuple[int, list, bytes]:
    response = await client.post("/graphql", content=body, headers=headers)
    request_id = response.headers["x-request-id"]
    kept = [(k, v) for k, v in response.headers.multi_items() if k != "x-request-id"]
    return response.status_code, kept, response.content.replace(request_id.encode(), b"<id>")


@pytest.mark.parametrize(("case", "headers", "body"), REQUESTS, ids=[r[0] for r in REQUESTS])
async def test_the_lane_answers_as_the_view_does_and_leaves_the_rest_to_it(
    client, app, monkeypatch, case, headers, body
):
    # given policy items, and a record of each time a text plan is asked
    await _edge_policies()
    asked: list[dict] = []
    answer = TextPlans.answer

    async def recording(self, query, operation_name, variables, context):
        asked.append(variables)
        return await answer(self, query, operation_name, variables, context)

    monkeypatch.setattr(TextPlans, "answer", recording)

    # when the request is sent through the lane, then with the lane closed (the view alone)
    through_lane = await _send(client, headers, body)
    lane_asked = list(asked)
    asked.clear()
    with monkeypatch.context() as closed:
        closed.setattr(app_module.GraphQLView, "__call__", GraphQL.__call__)
        through_view = await _send(client, headers, body)

    # then status, headers and bytes are the same, never a 500; the lane asked a text plan at
    # most once, and answered itself exactly the planned requests
    assert through_lane == through_view
    status, kept, sent = through_lane
    assert status < 500
    assert len(lane_asked) <= 1
    if case.startswith(("planned", "by hash")):
        assert status == 200 and len(lane_asked) == len(asked) == 1
        assert json.loads(sent)["data"]["policies"]["nodes"]
    if case in ("not JSON", "not UTF-8", "JSON, not an object", "plain text"):
        assert status == 400
    if case == "over the body limit":
        assert status == 413


async def test_a_request_the_plan_declines_is_answered_by_the_view_without_asking_again(
    client, app, monkeypatch
):
    # given a record of the plans asked and of the requests the generic executor ran
    await _edge_policies()
    asked: list[dict] = []
    answer = TextPlans.answer

    async def recording(self, query, operation_name, variables, context):
        asked.append(variables)
        return await answer(self, query, operation_name, variables, context)

    monkeypatch.setattr(TextPlans, "answer", recording)

    # when a planned document is sent with a page size its plan declines
    response = await client.post("/graphql", json=_request(variables={"first": 101}))

    # then the plan was asked once, and the view's generic executor gave the error
    assert asked == [{"first": 101}]
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def _plan(app) -> Any:
    texts: TextPlans = graphql_view(app).schema.texts
    return texts.schema, texts.by_text[POLICIES]


async def test_a_variable_set_s_arguments_are_worked_out_once(app, monkeypatch):
    # given the Policies plan with nothing kept, and a count of the coercions
    schema, plan = _plan(app)
    plan.prepared.clear()
    coerced: list[dict] = []
    coerce = text_plans.get_variable_values

    def counting(schema, definitions, variables, max_errors=None):
        coerced.append(variables)
        return coerce(schema, definitions, variables, max_errors=max_errors)

    monkeypatch.setattr(text_plans, "get_variable_values", counting)
    monkeypatch.setattr(text_plans, "CHECK", False)  # the tests' recomputation coerces again

    # when the same variables come three times, then values equal in Python but not in JSON
    first = text_plans._prepared(schema, plan, {"first": 1})
    again = [text_plans._prepared(schema, plan, {"first": 1}) for _ in range(2)]
    as_float = text_plans._prepared(schema, plan, {"first": 1.0})
    as_bool = text_plans._prepared(schema, plan, {"first": True})
    as_text = text_plans._prepared(schema, plan, {"first": "1"})

    # then the first set was coerced once and its arguments handed out again; 1.0 is its own
    # entry (GraphQL takes it as 1), true and "1" do not coerce
    assert coerced == [{"first": 1}, {"first": 1.0}, {"first": True}, {"first": "1"}]
    assert first is not None and all(a is first for a in again)
    assert first[0]["first"] == 1
    assert as_float is not None and as_float[0]["first"] == 1 and as_float is not first
    assert as_bool is None and as_text is None
    assert len(plan.prepared) == 4


async def test_kept_arguments_a_request_changed_are_caught_by_the_tests_check(app):
    # given kept arguments that something changed after using them
    schema, plan = _plan(app)
    plan.prepared.clear()
    kwargs, _ = text_plans._prepared(schema, plan, {"first": 3})
    kwargs["first"] = 4

    # when the same variables come again, then the check (on in the tests) refuses the reuse
    assert text_plans.CHECK
    with pytest.raises(AssertionError, match="kept arguments differ"):
        text_plans._prepared(schema, plan, {"first": 3})
    plan.prepared.clear()


async def test_the_kept_arguments_are_bounded_and_non_json_values_are_not_kept(app, monkeypatch):
    # given the Policies plan with nothing kept and a small bound
    schema, plan = _plan(app)
    plan.prepared.clear()
    monkeypatch.setattr(text_plans, "MAX_PREPARED", 3)

    # when four variable sets come, and one holding a value JSON cannot carry
    for n in range(4):
        text_plans._prepared(schema, plan, {"first": n})
    odd = text_plans._prepared(schema, plan, {"first": 2, "x": object()})

    # then the store was emptied when full and holds the last set only; the odd one is
    # answered and not kept
    assert list(plan.prepared) == [text_plans._frozen({"first": 3})]
    assert odd is not None and odd[0]["first"] == 2
    plan.prepared.clear()
