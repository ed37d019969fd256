"""`myCertificationApplications`: operators follow their own applications; staff see all."""

from resolvers.global_ids import encode_id
from tests.fixtures.certification import make_application, matrix_tokens
from tests.fixtures.market import make_market, make_operator

QUERY = """
query($where: CertificationApplicationWhereInput) {
  myCertificationApplications(where: $where) {
    totalCount
    nodes { id year status totalScore market { name } decisionNote certificateNo
      scores { selfScore assessorScore } }
  }
}"""


def _denied(code: str, message: str) -> dict:
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["myCertificationApplications"],
                "extensions": {"code": code},
            }
        ],
    }


def _node(app_id, year, status, total, name, number=None) -> dict:
    return {
        "id": encode_id("CertificationApplication", app_id),
        "year": year,
        "status": status,
        "totalScore": total,
        "market": {"name": name},
        "decisionNote": None,
        "certificateNo": number,
    }


async def test_authorization_matrix_and_progress(gql):
    operator_id = await make_operator()
    mine = await make_market(name="上城区望江综合零工市场", operator_id=operator_id)
    theirs = await make_market(name="上城区清波综合零工市场", operator_id=await make_operator())
    certified = await make_application(mine, year=2024, stage="CERTIFIED")
    assessed = await make_application(mine, year=2025, stage="PROVINCE_ASSESSED")
    other = await make_application(theirs, year=2025)
    tokens = await matrix_tokens(operator_id)
    full = [
        {"selfScore": s, "assessorScore": s}
        for s in (4, 3, 3, 5, 6, 6, 3, 8, 4, 8, 8, 4, 4, 4, 6, 5, 4, 5, 5, 5)
    ]
    unscored = [{**s, "assessorScore": None} for s in full]
    assessed_node = {
        **_node(assessed, 2025, "PROVINCE_ASSESSED", 100, "上城区望江综合零工市场"),
        "scores": full,
    }
    certified_node = {
        **_node(
            certified,
            2024,
            "CERTIFIED",
            100,
            "上城区望江综合零工市场",
            f"ZJSF-2024-{certified:05d}",
        ),
        "scores": full,
    }
    other_node = {
        **_node(other, 2025, "SUBMITTED", None, "上城区清波综合零工市场"),
        "scores": unscored,
    }

    def listed(*nodes):
        return {
            "data": {
                "myCertificationApplications": {"totalCount": len(nodes), "nodes": list(nodes)}
            }
        }

    expected = {
        "anonymous": _denied("UNAUTHENTICATED", "请先登录（需要有效的 Bearer 令牌）"),
        "worker": _denied("FORBIDDEN", "当前身份无权执行此操作"),
        "employer": _denied("FORBIDDEN", "当前身份无权执行此操作"),
        "other_operator": listed(),
        "operator": listed(assessed_node, certified_node),
        "staff": listed(other_node, assessed_node, certified_node),
    }
    for who, want in expected.items():
        assert await gql(QUERY, {}, token=tokens[who]) == want, who

    only_certified = await gql(
        QUERY, {"where": {"status": ["CERTIFIED"]}}, token=tokens["operator"]
    )
    assert only_certified == listed(certified_node)
    of_2024 = await gql(QUERY, {"where": {"year": 2024}}, token=tokens["staff"])
    assert of_2024 == listed(certified_node)


async def test_applications_are_not_reachable_through_node(gql):
    market_id = await make_market()
    app_id = await make_application(market_id)

    body = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": encode_id("CertificationApplication", app_id)},
    )

    assert body == {"data": {"node": None}}
