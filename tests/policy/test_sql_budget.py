"""No N+1: the policy documents take as many SQL statements for 40 results as for 5."""

from __future__ import annotations

import pytest

from tests.fixtures.policy import make_policy
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_worker
from tests.test_frontend_queries import SQL_BUDGET, document, run

WITH_AUDIENCE = """
{ policies(first: 100) { nodes { title audience { roles regions { name } occupations { name } } } } }
"""


async def _items(count: int, offset: int = 0) -> None:
    for n in range(offset, offset + count):
        await make_policy(
            f"政策{n}",
            regions=("330102", "330100") if n % 2 else ("330000",),
            occupations=("装卸搬运工", "保洁员") if n % 3 == 0 else (),
        )


@pytest.mark.parametrize("name", ["Policies", "RecommendedPolicies"])
async def test_statements_do_not_grow_with_the_page(client, name):
    # given: a worker of 装卸搬运工 in 上城区, to whom every item applies
    _, token = await make_worker(occupations=("装卸搬运工",), region_code="330102")
    counts = {}

    for total, added in ((5, 5), (40, 35)):
        await _items(added, offset=total - added)
        # when
        body, counts[total] = await run(
            client, document(name), {"first": total}, token if name != "Policies" else None
        )

        # then
        assert "errors" not in body, body
        assert len(next(iter(body["data"].values()))["nodes"]) == total

    assert counts[5] == counts[40] <= SQL_BUDGET[name], counts


async def test_audiences_are_loaded_in_one_batch_each(gql):
    await _items(5)
    with count_sql() as few:
        small = await gql(WITH_AUDIENCE)
    await _items(35, offset=5)
    with count_sql() as many:
        large = await gql(WITH_AUDIENCE)

    assert len(small["data"]["policies"]["nodes"]) == 5
    assert len(large["data"]["policies"]["nodes"]) == 40
    assert large["data"]["policies"]["nodes"][-1]["audience"] == {
        "roles": ["WORKER"],
        "regions": [{"name": "浙江省"}],
        "occupations": [{"name": "装卸搬运工"}, {"name": "保洁员"}],
    }
    # page, regions, occupations (no count asked for)
    assert few[0] == many[0] == 3
