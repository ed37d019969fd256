"""`worker(id)` and the Worker type's field-level privacy rules (（十）, personal data)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.account import rules as accounts
from services.worker import rules as worker_rules
from tests.fixtures.account import PASSWORD, next_phone, next_resident_id
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, make_application, make_cast, make_posting
from tests.fixtures.market import occupation_id
from tests.fixtures.worker import make_walk_in, make_worker

FIELDS = """
  name phoneMasked phone residentIdMasked residentId birthYear occupations { name }
  homeRegion { code } location { latitude } availability prioritised assistanceCategories
  registeredMarket { name } hasAccount
"""
WORKER = "query($id: ID!) { worker(id: $id) { " + FIELDS + " } }"

PHONE = "13912345678"
MASKED = "139****5678"
RESIDENT_ID = "330102196803050012"


async def walked_in_worker(cast) -> tuple[int, str]:
    """张三 registered on site at the cast's market, then claimed with an account and a full
    profile; returns (worker id, the worker's token)."""
    worker_id = await make_walk_in(cast.operator_id, cast.market_id, name="张三", phone=PHONE)
    signed = await accounts.register(
        accounts.Registration(
            phone=PHONE,
            password=PASSWORD,
            role="WORKER",
            has_worker_profile=True,
            worker_name="张三",
            worker_occupation_ids=[await occupation_id("装卸搬运工")],
            worker_region_code="330102",
        )
    )
    await worker_rules.update_profile(
        worker_id,
        worker_rules.ProfileChanges(
            resident_id=RESIDENT_ID,
            location=(30.25, 120.17),
            availability="白天",
            assistance=["OLDER"],
        ),
    )
    return worker_id, signed.token


FULL = {
    "name": "张三",
    "phoneMasked": MASKED,
    "phone": PHONE,
    "residentIdMasked": "330***********0012",
    "residentId": RESIDENT_ID,
    "birthYear": 1968,
    "occupations": [{"name": "装卸搬运工"}],
    "homeRegion": {"code": "330102"},
    "location": {"latitude": 30.25},
    "availability": "白天",
    "prioritised": True,
    "assistanceCategories": ["OLDER"],
    "registeredMarket": {"name": None},
    "hasAccount": True,
}
APPLICANT = {
    **{k: None for k in FULL},
    "name": "张三",
    "phoneMasked": MASKED,
    "occupations": [{"name": "装卸搬运工"}],
    "homeRegion": {"code": "330102"},
    "availability": "白天",
    "prioritised": True,
}


@pytest.mark.parametrize("role", ROLES)
async def test_what_each_role_sees_of_a_worker(gql, role):
    # given: 张三, registered at the cast's market, applied to the cast employer's posting
    cast = await make_cast()
    worker_id, worker_token = await walked_in_worker(cast)
    cast.token["worker"] = worker_token
    posting_id = await make_posting(cast.employer_id)
    await make_application(worker_id, posting_id, cast.employer_id)
    full = {**FULL, "registeredMarket": {"name": (await _market_name(cast.market_id))}}

    # when
    body = await gql(WORKER, {"id": encode_id("Worker", worker_id)}, token=cast.token[role])

    # then
    expected = {
        "worker": full,
        # staff see personal data masked; the full values only through personalDataReveal
        "staff": {**full, "phone": None, "residentId": None, "assistanceCategories": None},
        "operator": {**full, "residentId": None},
        "employer": APPLICANT,
        "other_operator": None,
    }
    if role == "anonymous":
        assert body["data"] == {"worker": None}
        assert [e["extensions"] for e in body["errors"]] == [{"code": "UNAUTHENTICATED"}]
    else:
        assert body == {"data": {"worker": expected[role]}}, __import__("json").dumps(
            body, ensure_ascii=False
        )


async def _market_name(market_id: int) -> str:
    from tables.market import Market

    return (await Market.select(Market.name).where(Market.id == market_id).first())["name"]


async def test_an_employer_sees_the_full_phone_only_after_confirming(gql):
    # given
    cast = await make_cast(phone=PHONE, resident_id=next_resident_id(), assistance=("DISABLED",))
    posting_id = await make_posting(cast.employer_id)
    await make_application(cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED")

    # when
    body = await gql(
        WORKER, {"id": encode_id("Worker", cast.worker_id)}, token=cast.token["employer"]
    )

    # then: still never the ID number, the categories or the location
    assert body == {"data": {"worker": {**APPLICANT, "phone": PHONE, "availability": ""}}}


async def test_other_workers_and_unrelated_employers_see_nobody(gql):
    # given
    cast = await make_cast()
    _, stranger = await make_worker(phone=next_phone())
    _, other_employer = await make_employer()
    gid = encode_id("Worker", cast.worker_id)

    # when
    as_worker = await gql(WORKER, {"id": gid}, token=stranger)
    as_employer = await gql(WORKER, {"id": gid}, token=other_employer)
    unknown = await gql(WORKER, {"id": encode_id("Worker", 999999)}, token=cast.token["staff"])
    wrong_type = await gql(
        WORKER, {"id": encode_id("Market", cast.worker_id)}, token=cast.token["staff"]
    )

    # then: all exactly like an unknown id
    assert as_worker == as_employer == unknown == wrong_type == {"data": {"worker": None}}


async def test_workers_are_not_reachable_through_node(gql):
    cast = await make_cast()

    body = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": encode_id("Worker", cast.worker_id)},
        token=cast.token["staff"],
    )

    assert body == {"data": {"node": None}}
