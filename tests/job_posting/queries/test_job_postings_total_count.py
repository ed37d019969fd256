"""`totalCount` of long lists stops past a cap and says so (`totalCountIsExact`); other
lists count exactly. The cap is lowered to 3 here so a handful of rows crosses it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from piccolo_conf import sql_statement_log
from services.timeutil import now
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import insert_posting

PUBLIC = """
query { jobPostings(first: 2) { totalCount totalCountIsExact nodes { title } } }"""
MINE = """
query { myJobPostings(first: 2) { totalCount totalCountIsExact nodes { title } } }"""


@pytest.fixture(autouse=True)
def cap_of_three(monkeypatch):
    monkeypatch.setattr("resolvers.pagination.COUNT_CAP", 3)


async def _open_postings(n: int) -> str:
    employer, token = await make_employer()
    for k in range(n):
        start = now() + timedelta(days=1, hours=k)
        await insert_posting(employer, start, start + timedelta(hours=4), title=f"岗位{k}")
    return token


async def test_past_the_cap_the_count_is_a_lower_bound(gql):
    await _open_postings(5)

    log: list = []
    token = sql_statement_log.set(log)
    try:
        body = await gql(PUBLIC)
    finally:
        sql_statement_log.reset(token)

    assert body == {
        "data": {
            "jobPostings": {
                "totalCount": 3,
                "totalCountIsExact": False,
                "nodes": [{"title": "岗位0"}, {"title": "岗位1"}],
            }
        }
    }
    counts = [sql for sql, _ in log if sql.startswith("SELECT COUNT(*)")]
    assert len(counts) == 1 and counts[0].endswith("LIMIT 4) AS capped")


async def test_up_to_the_cap_the_count_is_exact(gql):
    await _open_postings(3)

    body = await gql(PUBLIC)

    assert body["data"]["jobPostings"]["totalCount"] == 3
    assert body["data"]["jobPostings"]["totalCountIsExact"] is True


async def test_lists_without_a_cap_count_exactly(gql):
    token = await _open_postings(5)

    body = await gql(MINE, token=token)

    assert body == {
        "data": {
            "myJobPostings": {
                "totalCount": 5,
                "totalCountIsExact": True,
                "nodes": [{"title": "岗位4"}, {"title": "岗位3"}],
            }
        }
    }
