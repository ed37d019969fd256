"""`occupations`: the curated gig occupations, searchable by name, code or colloquial alias."""

from __future__ import annotations

import csv
from pathlib import Path

from resolvers.global_ids import encode_id
from tables.occupation import Occupation

DATA = Path(__file__).resolve().parents[3] / "tables" / "data" / "gig_occupations.csv"
OCCUPATIONS = """query($first: Int, $after: String, $search: String) {
  occupations(first: $first, after: $after, search: $search) {
    edges { cursor node { id code name aliases majorGroup } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}"""
NAMES = """query($search: String) {
  occupations(first: 100, search: $search) { nodes { name code } totalCount }
}"""


def _csv() -> list[dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


async def expected_nodes() -> list[dict]:
    """Every occupation from the CSV, in id order, as the API shows it."""
    ids = {r["name"]: r["id"] for r in await Occupation.select(Occupation.id, Occupation.name)}
    rows = sorted(_csv(), key=lambda r: ids[r["name"]])
    return [
        {
            "id": encode_id("Occupation", ids[r["name"]]),
            "code": r["code"] or None,
            "name": r["name"],
            "aliases": [a for a in r["aliases"].split(";") if a],
            "majorGroup": int(r["major_group"]),
        }
        for r in rows
    ]


def connection(body: dict, nodes: list[dict], total: int, has_next: bool, has_previous: bool):
    cursors = [e["cursor"] for e in body["data"]["occupations"]["edges"]]
    assert len(cursors) == len(nodes)
    return {
        "data": {
            "occupations": {
                "edges": [{"cursor": c, "node": n} for c, n in zip(cursors, nodes, strict=True)],
                "pageInfo": {
                    "hasNextPage": has_next,
                    "hasPreviousPage": has_previous,
                    "startCursor": cursors[0] if cursors else None,
                    "endCursor": cursors[-1] if cursors else None,
                },
                "totalCount": total,
            }
        }
    }


def names(*pairs: tuple[str, str | None]) -> dict:
    return {
        "data": {
            "occupations": {
                "nodes": [{"name": n, "code": c} for n, c in pairs],
                "totalCount": len(pairs),
            }
        }
    }


async def test_occupations_search_by_alias_finds_the_official_name(gql):
    assert await gql(NAMES, {"search": "搬运工"}) == names(("装卸搬运工", "4-02-05-01"))
    assert await gql(NAMES, {"search": "货车司机"}) == names(("道路货运汽车驾驶员", "4-02-02-02"))
    assert await gql(NAMES, {"search": "小工"}) == names(("装卸搬运工", "4-02-05-01"))
    assert await gql(NAMES, {"search": "外卖骑手"}) == names(("网约配送员", None))


async def test_occupations_search_by_code_or_name(gql):
    assert await gql(NAMES, {"search": "4-02-07"}) == names(
        ("快递员", "4-02-07-08"), ("快件处理员", "4-02-07-09")
    )
    assert await gql(NAMES, {"search": "焊工"}) == names(("焊工", "6-18-02-04"))
    assert await gql(NAMES, {"search": "宇航员"}) == names()


async def test_occupations_search_wildcards_are_literal(gql):
    assert await gql(NAMES, {"search": "%"}) == names()
    assert await gql(NAMES, {"search": "_"}) == names()
    assert await gql(NAMES, {"search": "4-02-0_-01"}) == names()


async def test_occupations_without_a_confirmed_code_have_code_null(gql):
    body = await gql(OCCUPATIONS, {"first": 100})

    nodes = await expected_nodes()
    assert body == connection(body, nodes, total=26, has_next=False, has_previous=False)
    uncoded = {n["name"] for n in nodes if n["code"] is None}
    assert uncoded == {"家政服务员", "保洁员", "餐厅服务员", "电工", "网约配送员"}


async def test_occupations_page_through_all_26_once(gql):
    # given
    nodes = await expected_nodes()
    after, seen = None, []

    for number, chunk in enumerate([nodes[0:10], nodes[10:20], nodes[20:26]]):
        # when
        body = await gql(OCCUPATIONS, {"first": 10, "after": after})

        # then
        assert body == connection(
            body, chunk, total=26, has_next=number < 2, has_previous=number > 0
        ), number
        after = body["data"]["occupations"]["pageInfo"]["endCursor"]
        seen += [e["node"]["id"] for e in body["data"]["occupations"]["edges"]]

    assert seen == [n["id"] for n in nodes]


async def test_occupations_default_page_is_20(gql):
    body = await gql(OCCUPATIONS)

    nodes = await expected_nodes()
    assert body == connection(body, nodes[:20], total=26, has_next=True, has_previous=False)


async def test_occupations_reject_a_bad_page_size_or_cursor(gql):
    cases = [
        ({"first": 101}, "first：每页条数须在 0 到 100 之间", "first"),
        ({"first": -1}, "first：每页条数须在 0 到 100 之间", "first"),
        ({"after": "tampered"}, "after：游标无效，请使用本列表返回的游标", "after"),
        (
            {"after": "WzIxNDc0ODM2NDhd"},
            "after：游标无效，请使用本列表返回的游标",
            "after",
        ),
    ]
    for variables, message, field in cases:
        body = await gql(OCCUPATIONS, variables)
        assert body == {
            "data": None,
            "errors": [
                {
                    "message": message,
                    "locations": [{"line": 2, "column": 3}],
                    "path": ["occupations"],
                    "extensions": {"code": "BAD_USER_INPUT", "field": [field]},
                }
            ],
        }, variables
