"""Issue 11, done when: an unpaid worker files from the completed shift; staff route,
mediate and substantiate; the employer cannot publish; the market is disqualified; the
operator's mediated cases reconcile; every step is in an intact audit chain."""

from __future__ import annotations

from resolvers.global_ids import decode_id, encode_id
from services.assessment import periods
from services.assessment.observed import observe
from services.audit.rules import verify_chain
from services.certification.rules import disqualifiers
from services.problems import Problem
from tests.fixtures.job_posting import make_posting
from tests.fixtures.rights_case import audit_actions, make_scene

FILE = """
mutation($application: ID!) {
  rightsCaseFile(input: {kind: WAGE_ARREARS, summary: "完工后老板一直未付工资",
                         jobApplicationId: $application, amountClaimed: "220.00"}) {
    rightsCase { id department status market { id } employer { id } }
    userErrors { code }
  }
}"""
STEP = """
mutation($id: ID!) {
  accept: rightsCaseAccept(id: $id) { userErrors { code } }
}"""
MEDIATE = """
mutation($id: ID!) { rightsCaseStartMediation(id: $id) { userErrors { code } } }"""
ROUTE = """
mutation($id: ID!, $to: Department!) {
  rightsCaseRoute(id: $id, department: $to, note: "调解不成") { userErrors { code } }
}"""
RESOLVE = """
mutation($id: ID!, $outcome: RightsCaseFinding!, $amount: Decimal) {
  rightsCaseResolve(id: $id, input: {outcome: $outcome, note: "核实属实", amountRecovered: $amount}) {
    rightsCase { status outcome amountRecovered steps { action actor } }
    userErrors { code }
  }
}"""
PUBLISH = """
mutation($id: ID!) { jobPostingPublish(id: $id) { userErrors { code } } }"""


async def test_an_unpaid_shift_becomes_a_substantiated_case_with_every_consequence(gql):
    # given: a worker whose shift at the operator's market is completed and unpaid
    scene = await make_scene()
    cast = scene.cast
    staff, operator, worker = cast.token["staff"], cast.token["operator"], cast.token["worker"]

    # when: the worker files in one step from the shift (employer, posting, market prefilled)
    filed = await gql(
        FILE, {"application": encode_id("JobApplication", scene.application_id)}, token=worker
    )
    case = filed["data"]["rightsCaseFile"]["rightsCase"]
    gid = case["id"]
    # labour inspection passes it to the market for mediation; the operator accepts and
    # mediates; it fails and goes back; staff accept and substantiate it
    results = [
        await gql(ROUTE, {"id": gid, "to": "MARKET_OPERATOR"}, token=staff),
        await gql(STEP, {"id": gid}, token=operator),
        await gql(MEDIATE, {"id": gid}, token=operator),
        await gql(ROUTE, {"id": gid, "to": "LABOUR_INSPECTION"}, token=operator),
        await gql(STEP, {"id": gid}, token=staff),
    ]
    resolved = await gql(
        RESOLVE, {"id": gid, "outcome": "SUBSTANTIATED", "amount": "220.00"}, token=staff
    )

    # then: every step succeeded, and the case reads as it went
    assert case["department"] == "LABOUR_INSPECTION"
    assert case["market"] == {"id": encode_id("Market", cast.market_id)}
    assert case["employer"] == {"id": encode_id("Employer", cast.employer_id)}
    assert [list(r["data"].values())[0]["userErrors"] for r in results] == [[]] * 5
    assert resolved["data"]["rightsCaseResolve"] == {
        "rightsCase": {
            "status": "RESOLVED",
            "outcome": "SUBSTANTIATED",
            "amountRecovered": "220.00",
            "steps": [
                {"action": "FILE", "actor": "WORKER"},
                {"action": "ROUTE", "actor": "STAFF"},
                {"action": "ACCEPT", "actor": "OPERATOR"},
                {"action": "MEDIATE", "actor": "OPERATOR"},
                {"action": "ROUTE", "actor": "OPERATOR"},
                {"action": "ACCEPT", "actor": "STAFF"},
                {"action": "RESOLVE", "actor": "STAFF"},
            ],
        },
        "userErrors": [],
    }
    # the employer can no longer publish
    draft = await make_posting(cast.employer_id, publish=False, title="新岗位")
    publish = await gql(
        PUBLISH, {"id": encode_id("JobPosting", draft)}, token=cast.token["employer"]
    )
    assert publish["data"]["jobPostingPublish"]["userErrors"] == [{"code": "EMPLOYER_WAGE_ARREARS"}]
    # the market's certification reports the disqualifier
    assert await disqualifiers(cast.market_id) == [
        Problem("DISQUALIFIED", "该市场有 1 件查实的欠薪或就业歧视案件，不能认定", ())
    ]
    # the operator's mediation, now ended, is this month's observed 调处纠纷数
    observed = await observe(periods.current(), [cast.market_id, cast.other_market_id])
    assert {m: f["disputes_mediated"] for m, f in observed.items()} == {
        cast.market_id: 1,
        cast.other_market_id: 0,
    }
    # every step is audited, by whom, and the chain is intact
    case_id = decode_id(gid, "RightsCase")
    assert case_id is not None
    actions = await audit_actions(case_id)
    assert [(a, t) for a, t, _ in actions] == [
        ("rights_case.file", "WORKER"),
        ("rights_case.route", "STAFF"),
        ("rights_case.accept", "OPERATOR"),
        ("rights_case.mediate", "OPERATOR"),
        ("rights_case.route", "OPERATOR"),
        ("rights_case.accept", "STAFF"),
        ("rights_case.resolve", "STAFF"),
    ]
    assert {i for _, t, i in actions if t == "OPERATOR"} == {cast.operator_id}
    report = await verify_chain()
    assert report.ok
