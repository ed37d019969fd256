"""`demonstrationMarkets(year:)`: public list of markets holding a valid certificate."""

from resolvers.global_ids import encode_id
from services.certification import workflow
from tests.fixtures.certification import STAFF, make_application, matrix_tokens
from tests.fixtures.market import make_market, make_operator

QUERY = """
query($year: Int, $after: String) {
  demonstrationMarkets(year: $year, first: 1, after: $after) {
    totalCount
    nodes { id name demonstration { year certificateNo } }
    pageInfo { hasNextPage }
  }
}"""


async def test_lists_certified_markets_by_year_and_pages_without_revoked_ones(gql):
    a = await make_market(name="上城区望江综合零工市场")
    b = await make_market(name="上城区清波综合零工市场")
    c = await make_market(name="上城区湖滨综合零工市场")
    await make_market(name="上城区南星综合零工市场")  # never certified
    app_a = await make_application(a, year=2024, stage="CERTIFIED")
    app_b = await make_application(b, year=2025, stage="CERTIFIED")
    app_c = await make_application(c, year=2025, stage="CERTIFIED")
    await workflow.revoke(f"ZJSF-2025-{app_c:05d}", "服务质量下降", STAFF)

    every = await gql(QUERY, {"year": None})
    page2 = await gql(QUERY, {"year": None, "after": _cursor(a)})
    of_2025 = await gql(QUERY, {"year": 2025})

    assert every == _page(2, [(a, "上城区望江综合零工市场", 2024, app_a)], True)
    assert page2 == _page(2, [(b, "上城区清波综合零工市场", 2025, app_b)], False)
    assert of_2025 == _page(1, [(b, "上城区清波综合零工市场", 2025, app_b)], False)


def _cursor(market_id: int) -> str:
    from resolvers.pagination import encode_cursor

    return encode_cursor([market_id])


def _page(total: int, rows: list, more: bool) -> dict:
    return {
        "data": {
            "demonstrationMarkets": {
                "totalCount": total,
                "nodes": [
                    {
                        "id": encode_id("Market", m),
                        "name": name,
                        "demonstration": {"year": year, "certificateNo": f"ZJSF-{year}-{app:05d}"},
                    }
                    for m, name, year, app in rows
                ],
                "pageInfo": {"hasNextPage": more},
            }
        }
    }


async def test_the_market_filter_agrees(gql):
    a = await make_market()
    await make_market()
    await make_application(a, year=2025, stage="CERTIFIED")

    body = await gql("{ markets(where: {isDemonstration: true}) { nodes { id } } }")

    assert body == {"data": {"markets": {"nodes": [{"id": encode_id("Market", a)}]}}}


async def test_public_for_every_role(gql):
    operator_id = await make_operator()
    market_id = await make_market(operator_id=operator_id)
    await make_application(market_id, year=2025, stage="CERTIFIED")
    tokens = await matrix_tokens(operator_id)
    query = '{ demonstrationMarkets { totalCount } targetProgress(asOf: "2030-01-01") { overall { demonstrationMarkets } } }'

    bodies = {who: await gql(query, token=t) for who, t in tokens.items()}

    expected = {
        "data": {
            "demonstrationMarkets": {"totalCount": 1},
            "targetProgress": {"overall": {"demonstrationMarkets": 1}},
        }
    }
    assert bodies == {who: expected for who in tokens}
