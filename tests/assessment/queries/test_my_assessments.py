"""`myAssessments`: operators see their own scores, rewards, status and reconciliation."""

from __future__ import annotations

from resolvers.global_ids import encode_id
from services.assessment import decisions
from tests.fixtures.assessment import LAST, assessed, make_staff, matrix_tokens, token

ASSESSMENTS = """
query($where: AssessmentWhereInput) {
  myAssessments(where: $where) {
    totalCount
    nodes {
      period status score scoreBasisPoints proposedReward flagged rejectReason
      market { id } report { version registrations } payout { amount }
      reconciliation { tolerancePercent flagged lines { indicator reported observed flagged } }
    }
  }
}"""


def denied(code: str, message: str) -> dict:
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["myAssessments"],
                "extensions": {"code": code},
            }
        ],
    }


def listing(*nodes: dict) -> dict:
    return {"data": {"myAssessments": {"totalCount": len(nodes), "nodes": list(nodes)}}}


def full_marks(market_id: int, status: str = "DRAFT", payout: dict | None = None) -> dict:
    """An assessment of a report meeting every target, with nothing observed (all flagged)."""
    reported = [100, 50, 80, 60, 10, 20, 5]
    names = [
        "REGISTRATIONS",
        "POSTINGS_PUBLISHED",
        "MATCHES_CONFIRMED",
        "WORKERS_ONBOARDED",
        "ASSISTED_WORKERS_PLACED",
        "TRAININGS_DELIVERED",
        "DISPUTES_MEDIATED",
    ]
    return {
        "period": LAST,
        "status": status,
        "score": "100.00",
        "scoreBasisPoints": 10000,
        "proposedReward": "10000.00",
        "flagged": True,
        "rejectReason": None,
        "market": {"id": encode_id("Market", market_id)},
        "report": {"version": 1, "registrations": 100},
        "payout": payout,
        "reconciliation": {
            "tolerancePercent": 10,
            "flagged": True,
            "lines": [
                {
                    "indicator": name,
                    "reported": value,
                    "observed": 0,
                    "flagged": True,
                }
                for name, value in zip(names, reported, strict=True)
            ],
        },
    }


async def test_authorization_matrix(gql):
    # given
    case = await assessed()
    tokens = await matrix_tokens(case["operator"])
    expected = {
        "anonymous": denied("UNAUTHENTICATED", "请先登录（需要有效的 Bearer 令牌）"),
        "worker": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "employer": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "staff": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "other_operator": listing(),
        "operator": listing(full_marks(case["market"])),
    }

    # when
    bodies = {role: await gql(ASSESSMENTS, token=t) for role, t in tokens.items()}

    # then
    assert bodies == expected


async def test_an_approved_assessment_shows_its_payout(gql):
    # given
    case = await assessed()
    row = case["assessment"]
    await decisions.approve(row["id"], row["version"], await make_staff(), "线下登记已核实")

    # when
    body = await gql(ASSESSMENTS, token=await token("OPERATOR", case["operator"]))

    # then
    assert body == listing(
        full_marks(case["market"], status="APPROVED", payout={"amount": "10000.00"})
    )


async def test_a_rejected_assessment_shows_the_reason(gql):
    # given
    case = await assessed(registrations=0)
    row = case["assessment"]
    await decisions.reject(row["id"], row["version"], await make_staff(), "数据无法核实")

    # when
    body = await gql(
        ASSESSMENTS,
        {"where": {"status": "REJECTED"}},
        token=await token("OPERATOR", case["operator"]),
    )

    # then
    node = body["data"]["myAssessments"]["nodes"][0]
    assert (node["status"], node["rejectReason"], node["scoreBasisPoints"]) == (
        "REJECTED",
        "数据无法核实",
        8000,
    )
    assert (node["proposedReward"], node["payout"]) == ("8000.00", None)


async def test_filters_and_isolation(gql):
    # given
    mine = await assessed()
    theirs = await assessed()
    operator = await token("OPERATOR", mine["operator"])

    # when
    by_market = await gql(
        ASSESSMENTS, {"where": {"marketId": encode_id("Market", mine["market"])}}, token=operator
    )
    foreign = await gql(
        ASSESSMENTS, {"where": {"marketId": encode_id("Market", theirs["market"])}}, token=operator
    )
    unknown = await gql(
        ASSESSMENTS, {"where": {"marketId": encode_id("Market", 10**6)}}, token=operator
    )
    approved = await gql(ASSESSMENTS, {"where": {"status": "APPROVED"}}, token=operator)
    other_month = await gql(ASSESSMENTS, {"where": {"period": "2025-01"}}, token=operator)

    # then
    assert by_market == listing(full_marks(mine["market"]))
    assert foreign == unknown == approved == other_month == listing()
