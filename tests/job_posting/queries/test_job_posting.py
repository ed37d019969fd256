"""`jobPosting(id)`, `node(id)` and who sees a posting's applications."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, make_application, make_cast, make_posting

ONE = """
query($id: ID!) {
  jobPosting(id: $id) {
    title status
    applicationCounts { applied confirmed }
    applications { status worker { name phoneMasked phone prioritised assistanceCategories residentId } }
    myApplication { status }
  }
  node(id: $id) { id }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_who_sees_a_postings_applications(gql, role):
    # given: a posting at the cast's market with one confirmed applicant
    cast = await make_cast(phone="13955556666", assistance=("DISABLED",))
    posting_id = await make_posting(cast.employer_id, market_id=cast.market_id, headcount=2)
    await make_application(cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED")
    gid = encode_id("JobPosting", posting_id)

    # when
    body = await gql(ONE, {"id": gid}, token=cast.token[role])

    # then
    applicant = {
        "name": "张三",
        "phoneMasked": "139****6666",
        "phone": "13955556666",  # confirmed: the employer may call
        "prioritised": True,
        "assistanceCategories": None,  # never for employers or other markets' operators
        "residentId": None,
    }
    managers = {
        "employer": applicant,
        "operator": applicant,  # the operator of the posting's market, working on site
        # staff: personal data masked (the full values through personalDataReveal)
        "staff": {**applicant, "phone": None},
    }
    expected = {
        "title": "仓库装卸工",
        "status": "OPEN",
        "applicationCounts": None,
        "applications": None,
        "myApplication": {"status": "CONFIRMED"} if role == "worker" else None,
    }
    if role in managers:
        expected["applicationCounts"] = {"applied": 0, "confirmed": 1}
        expected["applications"] = [{"status": "CONFIRMED", "worker": managers[role]}]
    assert body == {"data": {"jobPosting": expected, "node": {"id": gid}}}


@pytest.mark.parametrize("role", ROLES)
async def test_a_draft_is_seen_only_by_its_employer_and_staff(gql, role):
    cast = await make_cast()
    gid = encode_id("JobPosting", await make_posting(cast.employer_id, publish=False))

    body = await gql(
        "query($id: ID!) { jobPosting(id: $id) { status } node(id: $id) { id } }",
        {"id": gid},
        token=cast.token[role],
    )

    visible = {"status": "DRAFT"} if role in ("employer", "staff") else None
    assert body == {"data": {"jobPosting": visible, "node": None}}


async def test_unknown_and_foreign_ids_are_null(gql):
    cast = await make_cast()
    _, other = await make_employer()
    draft = encode_id("JobPosting", await make_posting(cast.employer_id, publish=False))

    for gid, token in (
        (draft, other),
        (encode_id("JobPosting", 999999), None),
        (encode_id("Market", cast.market_id), None),
        ("%%%", None),
    ):
        body = await gql("query($id: ID!) { jobPosting(id: $id) { id } }", {"id": gid}, token=token)
        assert body == {"data": {"jobPosting": None}}, gid
