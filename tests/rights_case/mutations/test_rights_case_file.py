"""`rightsCaseFile`: workers for themselves, operators on site, staff by phone (（十六））."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import Scene, audit_actions, make_scene, snapshot

FILE = """
mutation($input: RightsCaseFileInput!) {
  rightsCaseFile(input: $input) {
    rightsCase {
      kind status department channel summary amountClaimed amountRecovered outcome overdue
      market { id } employer { id } jobPosting { id } jobApplication { id }
      worker { name phoneMasked phone }
      steps { action status department actor note }
    }
    userErrors { code field message }
  }
}"""
CHANNEL = {"worker": "ONLINE", "operator": "ON_SITE", "staff": "PHONE"}
ACTOR = {"worker": "WORKER", "operator": "OPERATOR", "staff": "STAFF"}


def refused(*errors: tuple[str, list[str] | None, str]) -> dict:
    return {
        "data": {
            "rightsCaseFile": {
                "rightsCase": None,
                "userErrors": [{"code": c, "field": f, "message": m} for c, f, m in errors],
            }
        }
    }


def filed(scene: Scene, role: str) -> dict:
    return {
        "kind": "WAGE_ARREARS",
        "status": "FILED",
        "department": "LABOUR_INSPECTION",
        "channel": CHANNEL[role],
        "summary": "完工三天未结工资",
        "amountClaimed": "220.00",
        "amountRecovered": None,
        "outcome": None,
        "overdue": False,
        "market": {"id": encode_id("Market", scene.cast.market_id)},
        "employer": {"id": encode_id("Employer", scene.cast.employer_id)},
        "jobPosting": {"id": encode_id("JobPosting", scene.posting_id)},
        "jobApplication": {"id": encode_id("JobApplication", scene.application_id)},
        # Everyone who sees a case sees whose it is; the full phone here because the worker
        # is theirs or confirmed on a shift at the operator's market (worker rules); staff see
        # it masked and reveal it with a reason (personalDataReveal).
        "worker": {
            "name": "张三",
            "phoneMasked": scene.phone_masked,
            "phone": None if role == "staff" else scene.phone,
        },
        "steps": [
            {
                "action": "FILE",
                "status": "FILED",
                "department": "LABOUR_INSPECTION",
                "actor": ACTOR[role],
                "note": "完工三天未结工资",
            }
        ],
    }


def case_input(scene: Scene, **extra) -> dict:
    return {
        "kind": "WAGE_ARREARS",
        "summary": "完工三天未结工资",
        "jobApplicationId": encode_id("JobApplication", scene.application_id),
        "amountClaimed": "220.00",
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
async def test_workers_operators_of_the_market_and_staff_file(gql, role):
    # given: the worker's completed shift at the operator's market
    scene = await make_scene()
    extra = {}
    if role in ("operator", "other_operator", "staff"):
        extra["workerId"] = encode_id("Worker", scene.cast.worker_id)
    if role in ("operator", "other_operator"):
        extra["marketId"] = encode_id("Market", scene.cast.market_id)
    before = await snapshot()

    # when
    body = await gql(FILE, {"input": case_input(scene, **extra)}, token=scene.cast.token[role])

    # then
    if role in CHANNEL:
        assert body == {
            "data": {"rightsCaseFile": {"rightsCase": filed(scene, role), "userErrors": []}}
        }
        case = await t.RightsCase.select().first()
        subject = {
            "worker": scene.cast.worker_id,
            "operator": scene.cast.operator_id,
            "staff": case["recorded_by"],
        }[role]
        assert case["filed_by"] == f"{ACTOR[role]}:{subject}"
        assert await audit_actions(case["id"]) == [("rights_case.file", ACTOR[role], subject)]
        return
    if role == "other_operator":
        assert body == refused(("NOT_FOUND", ["marketId"], "零工市场不存在"))
    else:
        assert_denied(body, role, "rightsCaseFile")
    assert await snapshot() == before


async def test_every_problem_is_reported_at_once_and_nothing_is_written(gql):
    # given: another worker's shift, an empty summary, a sub-fen claim, a place off Zhejiang
    scene = await make_scene()
    other = await make_scene()
    before = await snapshot()

    # when
    body = await gql(
        FILE,
        {
            "input": {
                "kind": "WAGE_ARREARS",
                "summary": "  ",
                "jobApplicationId": encode_id("JobApplication", other.application_id),
                "amountClaimed": "100.005",
                "place": {"address": "路口", "location": {"latitude": 39.9, "longitude": 116.4}},
            }
        },
        token=scene.cast.token["worker"],
    )

    # then
    assert body == refused(
        ("REQUIRED", ["summary"], "请说明事由"),
        ("INVALID_LOCATION", ["place", "location"], "位置不在浙江省范围内"),
        ("INVALID_AMOUNT", ["amountClaimed"], "金额最多保留两位小数（精确到分）"),
        ("NOT_FOUND", ["jobApplicationId"], "报名记录不存在"),
        ("MARKET_REQUIRED", ["marketId"], "无法确定案件所属的零工市场，请选择"),
    )
    assert await snapshot() == before


async def test_subjects_must_agree_and_ids_of_other_types_are_unknown(gql):
    scene = await make_scene()
    other = await make_scene()
    token = scene.cast.token["worker"]
    before = await snapshot()

    mismatch = await gql(
        FILE,
        {"input": case_input(scene, employerId=encode_id("Employer", other.cast.employer_id))},
        token=token,
    )
    malformed = await gql(
        FILE,
        {
            "input": {
                "kind": "DISCRIMINATION",
                "summary": "招聘写明只要男性",
                "jobPostingId": encode_id("Market", scene.cast.market_id),
                "marketId": "???",
            }
        },
        token=token,
    )
    nothing = await gql(
        FILE,
        {
            "input": {
                "kind": "DISCRIMINATION",
                "summary": "招聘写明只要男性",
                "marketId": encode_id("Market", scene.cast.market_id),
            }
        },
        token=token,
    )

    assert mismatch == refused(("MISMATCH", ["employerId"], "用工主体与招工信息不一致"))
    assert malformed == refused(
        ("NOT_FOUND", ["jobPostingId"], "招工信息不存在"),
        ("NOT_FOUND", ["marketId"], "零工市场不存在"),
    )
    assert nothing == refused(
        (
            "SUBJECT_REQUIRED",
            ["employerId"],
            "请指明针对的用工主体、招工信息、报名记录或地点",
        )
    )
    assert await snapshot() == before


async def test_a_roadside_gathering_needs_a_place_and_goes_to_public_security(gql):
    scene = await make_scene()
    market = encode_id("Market", scene.cast.market_id)
    token = scene.cast.token["staff"]
    worker = encode_id("Worker", scene.cast.worker_id)
    query = FILE.replace("kind status", "kind status place { address location { latitude } }")

    missing = await gql(
        query,
        {
            "input": {
                "kind": "GATHERING",
                "summary": "桥下每天早上聚集",
                "marketId": market,
                "workerId": worker,
            }
        },
        token=token,
    )
    filed = await gql(
        query,
        {
            "input": {
                "kind": "GATHERING",
                "summary": "桥下每天早上聚集",
                "marketId": market,
                "workerId": worker,
                "place": {
                    "address": "望江路立交桥下",
                    "location": {"latitude": 30.24, "longitude": 120.18},
                },
            }
        },
        token=token,
    )

    assert missing == refused(("LOCATION_REQUIRED", ["place", "address"], "占道零散聚集须填写地点"))
    case = filed["data"]["rightsCaseFile"]["rightsCase"]
    assert (case["department"], case["place"], case["employer"]) == (
        "PUBLIC_SECURITY",
        {"address": "望江路立交桥下", "location": {"latitude": 30.24}},
        None,
    )


async def test_a_second_open_case_of_the_same_kind_on_one_shift_is_refused(gql):
    scene = await make_scene()
    token = scene.cast.token["worker"]
    first = await gql(FILE, {"input": case_input(scene)}, token=token)
    before = await snapshot()

    again = await gql(FILE, {"input": case_input(scene)}, token=token)

    assert first["data"]["rightsCaseFile"]["userErrors"] == []
    assert again == refused(("ALREADY_FILED", ["jobApplicationId"], "该报名已有同类案件在办理中"))
    assert await snapshot() == before


async def test_operators_must_name_a_worker_and_one_of_their_markets(gql):
    scene = await make_scene()
    before = await snapshot()

    body = await gql(FILE, {"input": case_input(scene)}, token=scene.cast.token["operator"])

    assert body == refused(
        ("REQUIRED", ["workerId"], "请选择为哪位零工登记"),
        ("REQUIRED", ["marketId"], "请选择本机构运营的零工市场"),
    )
    assert await snapshot() == before
