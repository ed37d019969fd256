"""Page statements kept per shape (services/page_statements.py): a reuse sends the request's
own values and is not built again; shapes differ where the text differs; what the walk does not
understand is built by Piccolo every time; the conditions get their values back; and under the
tests' check a kept text that differs from Piccolo's fails."""

from __future__ import annotations

import pytest

from resolvers import pagination
from resolvers.pagination import ExactCount, SortSpec, sql_page
from services import page_statements as ps
from tables import policy as t
from tests.fixtures.policy import make_policy

P = t.PolicyItem
BY_TITLE = SortSpec(P.title, "title", str)


@pytest.fixture(autouse=True)
def kept(monkeypatch):
    """An empty store for each test, and a count of the statements Piccolo builds."""
    monkeypatch.setattr(ps, "_KEPT", {})
    built = []
    real = pagination.page_statement

    def counted(*args, **kwargs):
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pagination, "page_statement", counted)
    return built


@pytest.fixture
async def policies():
    """Titles by issuing document: five of 甲, three of 乙, one of 丙."""
    made: dict[str, list[str]] = {}
    for document, n in (("甲〔2026〕1号", 5), ("乙〔2026〕2号", 3), ("丙〔2026〕3号", 1)):
        for k in range(n):
            title = f"{document[0]}政策{k}"
            await make_policy(title, document=document)
            made.setdefault(document, []).append(title)
    return made


async def walk(conds_of, first: int = 2, fold: bool = True) -> tuple[list[str], list[int]]:
    """Every page of the list, its titles and the totalCount each page reports."""
    titles: list[str] = []
    totals: list[int] = []
    after = None
    while True:
        conds = conds_of()
        count = ExactCount(P.count().where(*conds))
        page = await sql_page(
            P.select(P.id, P.title).where(*conds),
            P.id,
            BY_TITLE,
            first,
            after,
            lambda row: row["title"],
            count,
            fold_count=fold,
        )
        titles += page.nodes
        totals.append(await count())
        if not page.page_info.has_next_page:
            return titles, totals
        after = page.page_info.end_cursor


async def test_a_kept_statement_answers_with_each_requests_values(policies, kept, monkeypatch):
    monkeypatch.setattr(ps, "CHECK", False)  # so that a reuse builds nothing
    first, second = "甲〔2026〕1号", "乙〔2026〕2号"

    assert await walk(lambda: [P.issuing_document == first]) == (policies[first], [5, 5, 5])
    # Two shapes: the first page, and the pages after a cursor.
    assert len(ps._KEPT) == 2 and all(v is not None for v in ps._KEPT.values())
    assert len(kept) == 2

    assert await walk(lambda: [P.issuing_document == second]) == (policies[second], [3, 3])
    assert len(ps._KEPT) == 2 and len(kept) == 2  # the same shapes, nothing built again


async def test_in_lists_of_other_lengths_and_other_sizes_are_other_shapes(policies, kept):
    one, two = ["丙〔2026〕3号"], ["乙〔2026〕2号", "丙〔2026〕3号"]

    assert await walk(lambda: [P.issuing_document.is_in(one)], first=5) == (
        policies[one[0]],
        [1],
    )
    assert await walk(lambda: [P.issuing_document.is_in(two)], first=5) == (
        sorted(policies[two[0]] + policies[two[1]]),
        [4],
    )
    assert await walk(lambda: [P.issuing_document.is_in(two)], first=3) == (
        sorted(policies[two[0]] + policies[two[1]]),
        [4, 4],
    )
    # IN of one, IN of two (first: 5), IN of two (first: 3) and its page after a cursor.
    assert len(ps._KEPT) == 4


async def test_what_the_walk_does_not_know_is_built_every_time(policies, kept):
    def conds() -> list:
        return [P.issuing_document == "甲〔2026〕1号", P.title != P.summary]  # a column's value

    titles, totals = await walk(conds, first=5)

    assert (titles, totals) == (policies["甲〔2026〕1号"], [5])
    assert ps._KEPT == {} and len(kept) == 1
    await walk(conds, first=5)
    assert ps._KEPT == {} and len(kept) == 2


async def test_the_conditions_get_their_values_back(policies):
    cond = P.issuing_document.is_in(["乙〔2026〕2号"])
    count = ExactCount(P.count().where(cond))

    page = await sql_page(
        P.select(P.id, P.title).where(cond), P.id, BY_TITLE, 2, None, str, count, fold_count=False
    )

    assert cond.values == ["乙〔2026〕2号"]
    assert page.page_info.has_next_page is True
    assert await count() == 3  # the count, run after the page, reads the real value


async def test_a_kept_text_unlike_piccolos_fails_under_the_check(policies):
    assert ps.CHECK  # tests/conftest.py sets LINGONG_CHECK_KEPT_STATEMENTS
    await walk(lambda: [P.issuing_document == "丙〔2026〕3号"])
    ((shape, (sql, order)),) = ps._KEPT.items()
    ps._KEPT[shape] = (sql.replace("DESC", "ASC").replace("ASC", "DESC"), order)

    with pytest.raises(AssertionError, match="kept statement differs"):
        await walk(lambda: [P.issuing_document == "丙〔2026〕3号"])


async def test_a_subquerys_values_are_taken_too(policies, kept, monkeypatch):
    monkeypatch.setattr(ps, "CHECK", False)

    def of(document: str):
        return lambda: [P.id.is_in(P.select(P.id).where(P.issuing_document == document))]

    assert await walk(of("甲〔2026〕1号"), first=5) == (policies["甲〔2026〕1号"], [5])
    assert await walk(of("乙〔2026〕2号"), first=5) == (policies["乙〔2026〕2号"], [3])
    assert len(ps._KEPT) == 1 and len(kept) == 1


async def test_a_shared_condition_gets_its_value_back_even_when_keeping_fails(
    policies, monkeypatch
):
    shared = P.issuing_document == "乙〔2026〕2号"  # as a module's constant would be

    assert await walk(lambda: [shared], first=5) == (policies["乙〔2026〕2号"], [3])
    assert await walk(lambda: [shared], first=5) == (policies["乙〔2026〕2号"], [3])
    assert shared.value == "乙〔2026〕2号"

    def refuse(statement, engine_type):
        raise RuntimeError("Piccolo refused a slot")

    monkeypatch.setattr(ps, "_KEPT", {})
    monkeypatch.setattr(ps, "_compiled", refuse)
    assert await walk(lambda: [shared], first=5) == (policies["乙〔2026〕2号"], [3])
    assert shared.value == "乙〔2026〕2号"
    assert list(ps._KEPT.values()) == [None]  # that shape is built by Piccolo from now on


async def test_run_kept_orders_and_limits_each_request_on_one_kept_text(policies, monkeypatch):
    """run_kept: a ranking's candidates (an ordered, limited SELECT) through one kept text,
    each request with its own values; Piccolo builds it once, and `finish` adds the order and
    limit to it, not to the caller's query."""
    # given Piccolo's builds counted, and no check (a reuse then builds nothing)
    monkeypatch.setattr(ps, "CHECK", False)
    builds = []

    def finish(query):
        builds.append(query)
        return query.order_by(P.title, ascending=False).limit(2)

    # when two requests with other values ask for their candidates
    rows = {}
    for document in ("甲〔2026〕1号", "乙〔2026〕2号"):
        query = P.select(P.title).where(P.issuing_document == document)
        rows[document] = [r["title"] for r in await ps.run_kept("test", query, finish)]

    # then each got its own rows, ordered and limited, from the text built once
    assert rows == {
        "甲〔2026〕1号": ["甲政策4", "甲政策3"],
        "乙〔2026〕2号": ["乙政策2", "乙政策1"],
    }
    assert len(builds) == 1
    assert [v is not None for k, v in ps._KEPT.items() if k[1] == ("kept", "test")] == [True]
    assert query.limit_delegate._limit is None  # the caller's query was not changed
