"""`candidateWorkers`: workers who could fill a posting; prioritised first when preferred."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import decode_id, encode_id
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    insert_application,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.worker import make_worker

CANDIDATES = """
query($id: ID!) {
  candidateWorkers(jobPostingId: $id) {
    totalCount
    nodes {
      worker { name phone phoneMasked prioritised assistanceCategories homeRegion { code } }
      score
      matchReasons { code text }
    }
  }
}"""


async def _scene(prefer_assisted: bool) -> tuple:
    """A 上城区 loading job and five workers around it."""
    cast = await make_cast(name="张三", location=(30.25, 120.17))
    posting_id = await make_posting(
        cast.employer_id, location=(30.25, 120.17), prefer_assisted=prefer_assisted
    )
    await make_worker(
        name="李四", occupations=("中式烹调师",), region_code="330106", assistance=("OLDER",)
    )
    busy, _ = await make_worker(name="王五")
    other_employer, _ = await make_employer()
    elsewhere = await make_posting(other_employer, starts_in=timedelta(hours=3))
    await make_application(busy, elsewhere, other_employer, status="CONFIRMED")
    applicant, _ = await make_worker(name="赵六")
    await make_application(applicant, posting_id, cast.employer_id)
    await make_worker(name="钱七", occupations=("中式烹调师",), region_code="330302")
    return cast, encode_id("JobPosting", posting_id)


ZHANG = {
    "worker": {
        "name": "张*",
        "phone": None,
        "phoneMasked": None,
        "prioritised": False,
        "assistanceCategories": None,
        "homeRegion": {"code": "330102"},
    },
    "score": 115.0,
    "matchReasons": [
        {"code": "OCCUPATION", "text": "工种匹配：装卸搬运工"},
        {"code": "NEARBY", "text": "距离约 0.0 公里"},
        {"code": "SAME_COUNTY", "text": "同在上城区"},
        {"code": "AVAILABLE", "text": "该时段没有其他已确认的工作"},
    ],
}
LI = {
    "worker": {
        "name": "李*",
        "phone": None,
        "phoneMasked": None,
        "prioritised": True,
        "assistanceCategories": None,
        "homeRegion": {"code": "330106"},
    },
    "score": 15.0,
    "matchReasons": [
        {"code": "SAME_CITY", "text": "同一设区市"},
        {"code": "AVAILABLE", "text": "该时段没有其他已确认的工作"},
    ],
}


async def test_matching_workers_by_score_without_the_busy_the_applied_or_the_far(gql):
    cast, gid = await _scene(prefer_assisted=False)

    body = await gql(CANDIDATES, {"id": gid}, token=cast.token["employer"])

    assert body == {"data": {"candidateWorkers": {"totalCount": 2, "nodes": [ZHANG, LI]}}}


async def test_prioritised_workers_come_first_when_the_posting_prefers_them(gql):
    cast, gid = await _scene(prefer_assisted=True)

    body = await gql(CANDIDATES, {"id": gid}, token=cast.token["employer"])

    prioritised = {
        **LI,
        "score": 1015.0,
        "matchReasons": [
            *LI["matchReasons"],
            {"code": "PRIORITISED", "text": "就业援助优先对象，岗位优先安置"},
        ],
    }
    assert body == {"data": {"candidateWorkers": {"totalCount": 2, "nodes": [prioritised, ZHANG]}}}


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_postings_employer_and_staff_see_candidates(gql, role):
    cast = await make_cast()
    gid = encode_id("JobPosting", await make_posting(cast.employer_id))

    body = await gql(
        "query($id: ID!) { candidateWorkers(jobPostingId: $id) { totalCount } }",
        {"id": gid},
        token=cast.token[role],
    )

    if role in ("employer", "staff"):
        assert body == {"data": {"candidateWorkers": {"totalCount": 1}}}
    else:
        assert_denied(body, role, "candidateWorkers", nullable=True)


async def test_another_employers_posting_has_no_candidates_for_you(gql):
    cast = await make_cast()
    gid = encode_id("JobPosting", await make_posting(cast.employer_id))
    _, other = await make_employer()

    body = await gql(
        "query($id: ID!) { candidateWorkers(jobPostingId: $id) { totalCount } }",
        {"id": gid},
        token=other,
    )

    assert body == {"data": {"candidateWorkers": None}}


PAGE = """
query($id: ID!, $first: Int, $after: String) {
  candidateWorkers(jobPostingId: $id, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { worker { id name } score matchReasons { code text } } }
  }
}"""


async def test_pages_past_the_first_walk_the_same_ranking_as_one_page(gql):
    # given: a 上城区 loading job; workers near it by occupation, county or city (some located,
    # some at equal scores) and far ones (a location alone does not make a worker near); workers
    # booked in the posting's window, booked later, cancelled, and applied to the posting
    cast = await make_cast(name="甲0", location=(30.25, 120.17))
    posting_id = await make_posting(cast.employer_id, location=(30.25, 120.17))
    gid = encode_id("JobPosting", posting_id)
    regions = ("330102", "330106", "330302", None)
    near = {"甲0"}
    for k in range(1, 25):
        region = regions[k % 4]
        occupations = ("装卸搬运工",) if k % 3 else ("中式烹调师",)
        located = (30.25 + 0.01 * (k % 5), 120.17) if k % 2 else None
        await make_worker(
            name=f"甲{k}", region_code=region, occupations=occupations, location=located
        )
        if occupations == ("装卸搬运工",) or region in ("330102", "330106"):
            near.add(f"甲{k}")
    other, _ = await make_employer()
    clash = await make_posting(other, starts_in=timedelta(hours=4))
    later = await make_posting(other, starts_in=timedelta(days=2))
    taken = {}
    for name, posting, status in (
        ("乙确认", clash, "CONFIRMED"),
        ("乙签到", clash, "CHECKED_IN"),
        ("乙后天", later, "CONFIRMED"),
        ("乙取消", clash, "CANCELLED"),
        ("乙报名", posting_id, "APPLIED"),
    ):
        taken[name], _ = await make_worker(name=name)
        await insert_application(taken[name], posting, status)
    near |= {"乙后天", "乙取消"}

    # when: one page of everyone, and pages of five after each other's cursors
    whole = await gql(PAGE, {"id": gid, "first": 100}, token=cast.token["staff"])
    pages, after = [], None
    while True:
        body = await gql(PAGE, {"id": gid, "first": 5, "after": after}, token=cast.token["staff"])
        pages.append(body["data"]["candidateWorkers"])
        if not pages[-1]["pageInfo"]["hasNextPage"]:
            break
        after = pages[-1]["pageInfo"]["endCursor"]

    # then: the same candidates, order, scores, reasons and cursors
    everyone = whole["data"]["candidateWorkers"]
    assert {e["node"]["worker"]["name"] for e in everyone["edges"]} == near
    assert everyone["totalCount"] == len(near)
    assert [e for page in pages for e in page["edges"]] == everyone["edges"]
    assert [len(page["edges"]) for page in pages] == [5] * (len(near) // 5) + (
        [len(near) % 5] if len(near) % 5 else []
    )
    assert {page["totalCount"] for page in pages} == {len(near)}
    ranked = [
        (-e["node"]["score"], decode_id(e["node"]["worker"]["id"], "Worker"))
        for e in everyone["edges"]
    ]
    assert ranked == sorted(ranked)
    assert len({score for score, _ in ranked}) < len(ranked)  # ties, broken by id
