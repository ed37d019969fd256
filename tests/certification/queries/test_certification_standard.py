"""`certificationStandard(year:)`: the public standard markets self-assess against."""

from resolvers.global_ids import encode_id
from tests.fixtures.certification import default_standard

QUERY = """
query($year: Int!) {
  certificationStandard(year: $year) {
    year name maxScore passScore relaxedPassScore minMonthsOperating publicityDays
    items { title position maxScore passThreshold relaxedThreshold criteria { id maxScore position } }
  }
}"""


async def test_standard_in_force_for_a_later_year_and_none_before_the_first(gql):
    standard = await default_standard()

    body = await gql(QUERY, {"year": 2026})
    before = await gql(QUERY, {"year": 2022})

    got = body["data"]["certificationStandard"]
    assert {k: v for k, v in got.items() if k != "items"} == {
        "year": 2023,
        "name": "浙江省省级示范零工市场建设和服务标准（2023年版）",
        "maxScore": 100,
        "passScore": 80,
        "relaxedPassScore": 75,
        "minMonthsOperating": 3,
        "publicityDays": 7,
    }
    assert [
        (i["title"], i["maxScore"], i["passThreshold"], i["relaxedThreshold"]) for i in got["items"]
    ] == [
        ("总则", 10, 6, 5),
        ("服务场地", 20, 12, 10),
        ("服务设施", 20, 12, 10),
        ("服务功能", 20, 12, 10),
        ("线上服务", 15, 9, 8),
        ("服务成效", 15, 9, 8),
    ]
    assert [c["id"] for i in got["items"] for c in i["criteria"]] == [
        encode_id("CertificationCriterion", c.id) for c in standard.criteria
    ]
    assert before == {"data": {"certificationStandard": None}}


async def test_a_criterion_is_reachable_through_node(gql):
    standard = await default_standard()
    criterion = standard.criteria[0]
    gid = encode_id("CertificationCriterion", criterion.id)

    body = await gql(
        "query($id: ID!) { node(id: $id) { ... on CertificationCriterion { id maxScore text } } }",
        {"id": gid},
    )

    assert body == {"data": {"node": {"id": gid, "maxScore": 4, "text": criterion.text}}}
