"""The compiled executor on test-only schemas: cancellation, abstract types, conditions, errors."""

from __future__ import annotations

import asyncio
import enum
import json

import strawberry
from piccolo.engine.sqlite import TransactionType

from resolvers.compiled import CompiledDocuments, CompiledExecutor
from resolvers.compiled.plan import CompiledDocument, compile_document
from schema.root import Schema
from tables.market import Market


@strawberry.type
class SlowItem:
    n: int

    @strawberry.field(description="Sleeps in the database (test only).")
    async def slow(self) -> int:
        engine = Market._meta.db
        if engine.engine_type == "postgres":
            await Market.raw("SELECT pg_sleep(30)")
        elif self.n == 1:  # SQLite cannot sleep in SQL: the first item holds the write lock
            async with engine.transaction(transaction_type=TransactionType.immediate):
                await Market.raw("SELECT 1")
                await asyncio.sleep(30)
        else:  # (a second writer would wait for the lock in its driver thread, uncancellable)
            await asyncio.sleep(30)
        return self.n


@strawberry.type
class SlowQuery:
    @strawberry.field(description="Two items (test only).")
    def items(self) -> list[SlowItem]:
        return [SlowItem(n=1), SlowItem(n=2)]


def slow_list_schema(seconds: float) -> tuple[Schema, str]:
    """A test-only schema whose list items each hold a database connection for 30 s, with
    its one document compiled: the items are awaited together (gather_inline)."""
    built = Schema(query=SlowQuery, execution_context_class=CompiledExecutor)
    built.timeout_seconds = seconds
    text = "query Slow { items { n slow } }"
    built.compiled = CompiledDocuments({text: compile_document(built._schema, text)}, {})
    return built, text


async def test_a_compiled_operation_past_the_timeout_is_cancelled_like_any_other(monkeypatch):
    # given a compiled document whose fields would run for 30 s
    built, text = slow_list_schema(0.5)
    planned: list[str] = []
    plan_for = CompiledDocument.plan_for
    monkeypatch.setattr(
        CompiledDocument, "plan_for", lambda self, v: planned.append(self.name) or plan_for(self, v)
    )

    # when it runs
    result = await built.execute(text)

    # then it ran on its plan, was cancelled with the timeout's error, and left nothing behind
    assert planned == ["Slow"]
    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors or []] == [
        (
            "操作执行超过 0.5 秒，已取消，请缩小查询范围后重试",
            {"code": "OPERATION_TIMEOUT", "timeoutSeconds": 0.5},
        )
    ]
    engine = Market._meta.db
    if engine.engine_type == "postgres":
        pool = engine.pool
        assert pool.get_idle_size() == pool.get_size()
        # The driver's cancel request reaches the server asynchronously. Only a running
        # statement counts: an idle pooled connection still shows its last one.
        for _ in range(50):
            rows = await Market.raw(
                "SELECT count(*) AS n FROM pg_stat_activity "
                "WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(30)%'"
            )
            if rows[0]["n"] == 0:
                break
            await asyncio.sleep(0.1)
        assert rows[0]["n"] == 0
    else:  # the write lock is free at once (else this waits out the busy timeout)
        async with engine.transaction(transaction_type=TransactionType.immediate):
            await Market.raw("SELECT 1")


# --- what the contract does not use yet: abstract types, conditions, errors in lists ---------


@strawberry.interface(description="Something with a name (test only).")
class Named:
    name: str


@strawberry.type(description="A named thing (test only).")
class Person(Named):
    age: int | None

    @strawberry.field(description="Fails for odd ages (test only).")
    async def checked(self) -> int:
        if self.age is not None and self.age % 2:
            raise ValueError(f"odd age {self.age}")
        return self.age or 0


@strawberry.type(description="Another named thing (test only).")
class Place(Named):
    code: str

    @strawberry.field(description="Null for some places (test only).")
    def required(self) -> str:
        return None if self.code == "B" else self.code  # type: ignore[return-value]


@strawberry.type
class MixedQuery:
    @strawberry.field(description="People and places (test only).")
    async def named(self) -> list[Named | None]:
        return [Person(name="甲", age=30), Place(name="乙", code="A"), Person(name="丙", age=31)]

    @strawberry.field(description="People and places through a union (test only).")
    def either(self, code: str) -> list[Person | Place] | None:
        return [Place(name="丁", code=code), Person(name="戊", age=None)]


MIXED = """query Mixed($withAge: Boolean!, $skipPlaces: Boolean = false, $code: String!) {
  named {
    __typename
    label: name
    ... on Person {
      age @include(if: $withAge)
      checked
    }
    ... on Place @skip(if: $skipPlaces) {
      code
    }
  }
  either(code: $code) {
    ... on Place {
      name
      required
    }
    ... on Person {
      name
      age
    }
  }
}"""


async def test_abstract_types_conditions_and_errors_answer_as_graphql_core_does(monkeypatch):
    # given the same schema with and without the document's plan
    built = Schema(query=MixedQuery, execution_context_class=CompiledExecutor)
    with_plan = CompiledDocuments({MIXED: compile_document(built._schema, MIXED)}, {})
    planned: list[str] = []
    plan_for = CompiledDocument.plan_for
    monkeypatch.setattr(
        CompiledDocument, "plan_for", lambda self, v: planned.append(self.name) or plan_for(self, v)
    )
    answers = {}

    # when it runs with each combination of its conditions, and a place whose `required` is null
    for variables in (
        {"withAge": True, "code": "A"},
        {"withAge": False, "skipPlaces": True, "code": "A"},
        {"withAge": True, "code": "B"},
        {"withAge": True, "skipPlaces": None, "code": "A"},  # graphql-core's own: see below
        {"withAge": "yes", "code": "A"},  # refused before execution
    ):
        for label, compiled in (("generic", CompiledDocuments({}, {})), ("compiled", with_plan)):
            built.compiled = compiled
            result = await built.execute(MIXED, variable_values=variables)
            errors = [(e.message, e.path, e.locations) for e in result.errors or []]
            answers[label, json.dumps(variables)] = (result.data, errors)

    # then the answers are the same, errors and nulls included; four were handed the plan (a
    # null condition, which graphql-core reports as a field error, then runs without it)
    for variables in {v for _, v in answers}:
        assert answers["compiled", variables] == answers["generic", variables], variables
    assert planned == ["Mixed"] * 4
    data, errors = answers["compiled", json.dumps({"withAge": True, "code": "B"})]
    assert data == {
        "named": [
            {"__typename": "Person", "label": "甲", "age": 30, "checked": 30},
            {"__typename": "Place", "label": "乙", "code": "A"},
            None,
        ],
        "either": None,
    }
    assert [(m, p) for m, p, _ in errors] == [
        ("Cannot return null for non-nullable field Place.required.", ["either", 0, "required"]),
        ("odd age 31", ["named", 2, "checked"]),
    ]


# --- relay ids: the compiled path encodes Node's own `id` itself ------------------------------


@strawberry.type(description="A node with Node's own id resolution (test only).")
class Plain(strawberry.relay.Node):
    id: strawberry.relay.NodeID[int | None]  # type: ignore[type-var]
    label: str


@strawberry.type(description="A node that resolves its id itself (test only).")
class Custom(strawberry.relay.Node):
    id: strawberry.relay.NodeID[int]

    @classmethod
    def resolve_id(cls, root, *, info):  # type: ignore[override]
        return f"x{root.id}"


class PlainChild(Plain):
    """A Python subclass of a node type: Node._id reads the subclass's own methods."""

    @classmethod
    def resolve_typename(cls, root, info):  # type: ignore[override]
        return "Renamed"


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Nodes (test only).")
    def plain(self) -> list[Plain | None]:
        return [Plain(id=7, label="a"), Plain(id=None, label="b"), PlainChild(id=8, label="c")]

    @strawberry.field(description="Nodes with their own ids (test only).")
    def custom(self) -> list[Custom]:
        return [Custom(id=1)]


NODES = "query Nodes { plain { id label } custom { id } }"


def _object_fields(plan):
    completion = plan.completion
    while completion.fields is None:  # through NON_NULL and LIST
        completion = completion.inner
    return completion.fields


async def test_node_ids_answer_as_graphql_core_does():
    built = Schema(query=NodeQuery, execution_context_class=CompiledExecutor)
    compiled = compile_document(built._schema, NODES)
    plans = {p.key: p for p in compiled.plans[()]}
    answers = {}

    for label, documents in (
        ("generic", CompiledDocuments({}, {})),
        ("compiled", CompiledDocuments({NODES: compiled}, {})),
    ):
        built.compiled = documents
        result = await built.execute(NODES)
        answers[label] = (result.data, [(e.message, e.path) for e in result.errors or []])

    # Node's own id is encoded by the plan (Plain), a type's own resolve_id is not (Custom)
    (plain_id,) = [f for f in _object_fields(plans["plain"]) if f.key == "id"]
    (custom_id,) = [f for f in _object_fields(plans["custom"]) if f.key == "id"]
    assert (plain_id.node_class, plain_id.node_id_attr) == (Plain, "id")
    assert custom_id.node_id_attr is None
    assert answers["compiled"] == answers["generic"]
    data, errors = answers["compiled"]
    assert data == {
        "plain": [
            {"id": "UGxhaW46Nw==", "label": "a"},  # Plain:7
            None,  # a null id fails as Node._id does
            {"id": "UmVuYW1lZDo4", "label": "c"},  # the subclass's own typename: Renamed:8
        ],
        "custom": [{"id": "Q3VzdG9tOngx"}],  # Custom:x1
    }
    assert errors == [(errors[0][0], ["plain", 1, "id"])]


# --- lists of leaves: serialized at once unless an item is unusual ---------------------------


@strawberry.enum(description="A colour (test only).")
class Colour(enum.Enum):
    RED = "RED"


@strawberry.type
class LeafListQuery:
    @strawberry.field(description="Plain floats and an int (test only).")
    def points(self) -> list[float]:
        return [120.5, 30, 0.1]

    @strawberry.field(description="A float the schema cannot represent (test only).")
    def not_a_number(self) -> list[float] | None:
        return [1.0, float("nan")]

    @strawberry.field(description="A null where the items are non-null (test only).")
    def holes(self) -> list[int] | None:
        return [1, None]  # type: ignore[list-item]

    @strawberry.field(description="Nullable items, an int too big and booleans (test only).")
    def loose(self) -> list[int | None]:
        return [None, True, 2**40, 3]

    @strawberry.field(description="Values a String takes as text (test only).")
    def texts(self) -> list[str]:
        return ["甲", 1, False]  # type: ignore[list-item]

    @strawberry.field(description="Enum values (test only).")
    def colours(self) -> list[Colour]:
        return [Colour.RED]


LEAVES = "query Leaves { points notANumber holes loose texts colours }"


async def test_lists_of_leaves_answer_as_graphql_core_does():
    built = Schema(query=LeafListQuery, execution_context_class=CompiledExecutor)
    compiled = compile_document(built._schema, LEAVES)
    answers = {}

    for label, documents in (
        ("generic", CompiledDocuments({}, {})),
        ("compiled", CompiledDocuments({LEAVES: compiled}, {})),
    ):
        built.compiled = documents
        result = await built.execute(LEAVES)
        answers[label] = (result.data, [(e.message, e.path) for e in result.errors or []])

    # the lists of scalars take the serialize-at-once path, the list of enums too
    items = {p.key: p.completion.inner.inner for p in compiled.plans[()]}  # through [ ]!
    assert {key: c.leaf is not None for key, c in items.items()} == dict.fromkeys(items, True)
    assert answers["compiled"] == answers["generic"]
    data, errors = answers["compiled"]
    assert data == {
        "points": [120.5, 30.0, 0.1],
        "notANumber": None,
        "holes": None,
        "loose": [None, 1, None, 3],
        "texts": ["甲", "1", "false"],
        "colours": ["RED"],
    }
    assert sorted(p for _, p in errors) == [["holes", 1], ["loose", 2], ["notANumber", 1]]
