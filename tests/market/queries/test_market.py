"""`market(id:)` and `node(id:)`: lookup by global id."""

from resolvers.global_ids import encode_id
from tests.fixtures.market import make_market


async def test_market_by_id_returns_the_market(gql):
    market_id = await make_market(name="上城区望江综合零工市场", occupations=("装卸搬运工",))
    gid = encode_id("Market", market_id)

    body = await gql(
        "query($id: ID!) { market(id: $id) { id name stationType region { code name } occupations { code name } } }",
        {"id": gid},
    )

    assert body == {
        "data": {
            "market": {
                "id": gid,
                "name": "上城区望江综合零工市场",
                "stationType": "MARKET",
                "region": {"code": "330102", "name": "上城区"},
                "occupations": [{"code": "4-02-05-01", "name": "装卸搬运工"}],
            }
        }
    }


async def test_market_with_wrong_type_unknown_or_malformed_id_is_null(gql):
    market_id = await make_market()
    for bad in [encode_id("Operator", market_id), encode_id("Market", 999999), "not-base64!", ""]:
        body = await gql(
            "query($id: ID!) { market(id: $id) { id } node(id: $id) { id } }", {"id": bad}
        )
        assert body == {"data": {"market": None, "node": None}}, bad
