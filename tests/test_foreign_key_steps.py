"""No request takes a foreign-key step (`T.market._.operator`) through Piccolo: each one copies
every column of the table it points to (~70 µs), so join columns are module constants
(resolvers/filters.py). Serves every reader: this is what their lists' speed rests on."""

from __future__ import annotations

import dataclasses
import json
import traceback
from collections import Counter
from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, OperationType, parse
from piccolo.columns import Column
from piccolo.columns.column_types import ForeignKey

from resolvers.trusted_documents import MANIFEST
from tests.test_frontend_queries import DOCUMENTS, execute, seed


def _is_query(text: str) -> bool:
    (operation,) = [o for o in parse(text).definitions if isinstance(o, OperationDefinitionNode)]
    return operation.operation == OperationType.QUERY


# Each query as the contract test writes it (an ad-hoc text: graphql-core's executor) and as
# clients send it (the manifest's text: its text plan or compiled plan, which answer by the
# text alone). A step in either path is a step a request pays.
_TRUSTED = {
    e["operationName"]: e["document"]
    for e in json.loads(MANIFEST.read_text(encoding="utf-8")).values()
}
QUERIES = [
    *(d for d in DOCUMENTS if _is_query(d.text)),
    *(
        dataclasses.replace(d, text=_TRUSTED[d.name])
        for d in DOCUMENTS
        if _is_query(d.text) and d.text != _TRUSTED[d.name]
    ),
]


def test_the_queries_are_many():
    # the frontend's reads, each both ways, not a filter that lost them
    assert len(QUERIES) >= 80
    assert len({d.text for d in QUERIES}) == len(QUERIES)


def _caller() -> str:
    """The project's line that took the step (for the failure message)."""
    root = str(Path(__file__).resolve().parents[1]) + "/"
    for frame in reversed(traceback.extract_stack(limit=16)[:-2]):
        if frame.filename.startswith(root) and "/tests/" not in frame.filename:
            return f"{frame.filename.removeprefix(root)}:{frame.lineno}"
    return "?"


@pytest.fixture
def steps(monkeypatch):
    """Counts the foreign-key steps taken, by the name stepped to."""
    taken: Counter[str] = Counter()
    step = ForeignKey.__getattribute__

    def counting(self, name: str):
        value = step(self, name)
        if not name.startswith("_") and isinstance(value, Column):
            taken[f"{self._meta.table.__name__}.{self._meta.name}.{name} at {_caller()}"] += 1
        return value

    monkeypatch.setattr(ForeignKey, "__getattribute__", counting)
    return taken


async def test_no_query_document_steps_through_a_foreign_key_while_it_is_answered(client, steps):
    # given: the contract's world, every query answered once (loaders, plans and kept
    # statements made on first use are not what a request pays)
    seeded = await seed()
    for d in QUERIES:
        await execute(client, d, seeded)
    steps.clear()

    # when: each query again, its steps counted
    taken = {}
    for d in QUERIES:
        body, _ = await execute(client, d, seeded)
        assert "errors" not in body, (d.name, body)
        if steps:
            taken[d.name, "trusted" if d.text == _TRUSTED[d.name] else "ad hoc"] = dict(steps)
            steps.clear()

    # then
    assert taken == {}
