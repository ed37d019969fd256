"""marketWorkers' page brings its workers' occupations and the operator's access decision
(resolvers/prefetch.py): what it primes is exactly what the loaders would load."""

from __future__ import annotations

from datetime import timedelta

from resolvers.global_ids import encode_id
from resolvers.loaders import Loaders
from resolvers.worker.loaders import primed_market_worker, worker_page_select
from schema.worker.types import WorkerAccess
from services.auth.rules import Role, Viewer
from tables.worker import Worker as WorkerRow
from tests.fixtures.job_posting import make_application, make_cast, make_posting
from tests.fixtures.market import make_market, occupation_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_walk_in


def _viewer(role: str, subject_id: int) -> Viewer:
    return Viewer(token_id=0, role=role, subject_id=subject_id, expires_at=None)


async def test_a_page_of_market_workers_primes_workers_occupations_and_operator_access():
    # given: walk-ins with several occupations (one without a national code), a single one,
    # and one who also took (confirmed) a shift at the operator's market
    cast = await make_cast()
    several = await make_walk_in(
        cast.operator_id,
        cast.market_id,
        name="甲一",
        occupations=("装卸搬运工", "餐厅服务员", "快件处理员"),
    )
    single = await make_walk_in(cast.operator_id, cast.market_id, name="乙二")
    shifted = await make_walk_in(cast.operator_id, cast.market_id, name="丙三")
    posting = await make_posting(
        cast.employer_id, market_id=cast.market_id, starts_in=timedelta(days=1)
    )
    await make_application(shifted, posting, cast.employer_id, status="CONFIRMED")
    ids = [shifted, single, several]

    # when: one statement for the page, shown to the market's operator
    primed = Loaders()
    viewer = _viewer(Role.OPERATOR, cast.operator_id)
    with count_sql() as statements:
        rows = await (
            worker_page_select()
            .where(WorkerRow.registered_market == cast.market_id)
            .order_by(WorkerRow.id, ascending=False)
        )
    workers = [primed_market_worker(primed, viewer, row) for row in rows]

    # then
    assert statements[0] == 1
    assert [w.id for w in workers] == ids
    assert {w.grant for w in workers} == {WorkerAccess.OPERATOR}
    access_keys = [(Role.OPERATOR, cast.operator_id, i) for i in ids]
    got = await same_through_both(
        primed,
        {"worker_by_id": ids, "occupations_by_worker": ids, "worker_access": access_keys},
    )
    assert got["worker_access"] == [WorkerAccess.OPERATOR] * 3
    occupations = got["occupations_by_worker"]
    assert [o.id for o in occupations[2]] == sorted(
        [await occupation_id(n) for n in ("装卸搬运工", "餐厅服务员", "快件处理员")]
    )
    assert {o.name: o.code for o in occupations[2]}["餐厅服务员"] is None
    assert [o.name for o in occupations[1]] == ["装卸搬运工"]


async def test_a_staff_page_primes_no_access_decision():
    # given
    cast = await make_cast()
    worker = await make_walk_in(cast.operator_id, cast.market_id)

    # when
    primed = Loaders()
    rows = await worker_page_select().where(WorkerRow.id == worker)
    primed_market_worker(primed, _viewer(Role.STAFF, 1), rows[0])

    # then: staff's access is decided without SQL, by load_access itself
    assert primed.worker_access.cache_map.get((Role.STAFF, 1, worker)) is None
    assert await same_through_both(primed, {"worker_by_id": [worker]})


LIST = """
query($market: ID!, $first: Int, $after: String) {
  marketWorkers(marketId: $market, first: $first, after: $after) {
    totalCount
    nodes { name phoneMasked birthYear occupations { name } }
  }
}"""


async def test_market_workers_cost_token_page_and_count(gql):
    # given: three workers with occupations
    cast = await make_cast()
    for name in ("甲一", "乙二", "丙三"):
        await make_walk_in(cast.operator_id, cast.market_id, name=name)
    market = encode_id("Market", cast.market_id)

    # token (a staff token's account checked in the same statement), page, count
    for role, cost in (("operator", 3), ("staff", 3)):
        # when
        with count_sql() as statements:
            body = await gql(LIST, {"market": market}, token=cast.token[role])

        # then
        assert [n["name"] for n in body["data"]["marketWorkers"]["nodes"]] == [
            "丙三",
            "乙二",
            "甲一",
        ]
        assert body["data"]["marketWorkers"]["totalCount"] == 3
        assert statements[0] == cost, role


async def test_someone_elses_or_an_unknown_market_is_null_even_with_a_bad_cursor(gql):
    # given
    cast = await make_cast()
    await make_walk_in(cast.operator_id, cast.market_id)
    market = encode_id("Market", cast.market_id)
    unknown = encode_id("Market", cast.market_id + 1000)
    other, staff = cast.token["other_operator"], cast.token["staff"]

    # when
    cases = {
        "other": await gql(LIST, {"market": market}, token=other),
        "other, bad cursor": await gql(LIST, {"market": market, "after": "x"}, token=other),
        "other, bad size": await gql(LIST, {"market": market, "first": 101}, token=other),
        "unknown": await gql(LIST, {"market": unknown}, token=staff),
        "unknown, bad cursor": await gql(LIST, {"market": unknown, "after": "x"}, token=staff),
    }
    own = await gql(LIST, {"market": market, "after": "x"}, token=cast.token["operator"])

    # then
    assert cases == dict.fromkeys(cases, {"data": {"marketWorkers": None}})
    assert own["data"] == {"marketWorkers": None}
    assert [e["extensions"]["code"] for e in own["errors"]] == ["BAD_USER_INPUT"]


async def test_an_empty_market_is_an_empty_list_for_its_operator_and_staff(gql):
    # given: the operator's market has no workers; a bare market has no operator
    cast = await make_cast()
    bare = await make_market(operator_id=None)

    # when
    own = await gql(
        LIST, {"market": encode_id("Market", cast.market_id)}, token=cast.token["operator"]
    )
    by_staff = await gql(LIST, {"market": encode_id("Market", bare)}, token=cast.token["staff"])
    by_operator = await gql(
        LIST, {"market": encode_id("Market", bare)}, token=cast.token["operator"]
    )

    # then
    empty = {"data": {"marketWorkers": {"totalCount": 0, "nodes": []}}}
    assert own == empty and by_staff == empty
    assert by_operator == {"data": {"marketWorkers": None}}
