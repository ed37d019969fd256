"""No request takes a foreign-key step (`T.market._.operator`) through Piccolo: each one copies
every column of the table it points to (~70 µs), so join columns are module constants
(resolvers/filters.py). Serves every reader: this is what their lists' speed rests on."""

from __future__ import annotations

import traceback
from collections import Counter
from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, OperationType, parse
from piccolo.columns import Column
from piccolo.columns.column_types import ForeignKey

from tests.test_frontend_queries import DOCUMENTS, execute, seed


def _is_query(text: str) -> bool:
    (operation,) = [o for o in parse(text).definitions if isinstance(o, OperationDefinitionNode)]
    return operation.operation == OperationType.QUERY


QUERIES = [d for d in DOCUMENTS if _is_query(d.text)]


def test_the_queries_are_many():
    assert len(QUERIES) >= 40  # the frontend's reads, not a filter that lost them


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
            taken[d.name] = dict(steps)
            steps.clear()

    # then
    assert taken == {}
