"""MyCertificationApplications written by the database (resolvers/certification/texts.py):
the same bytes as the generic executor for every reader and variant, answered for operators
and staff only."""

# Each request goes over both paths (tests/test_compiled_texts._SignedInPaths), on
# applications made to hit every writer's edge: quotes, backslashes, U+2028, emoji and control
# characters in notes, titles, criteria and the standard's name; empty notes (null), no scores,
# no evidence, evidence without a file or a criterion; times with microseconds late in the UTC
# day; a certificate revoked (its number still shown).

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from resolvers.global_ids import encode_id
from tables import certification as c
from tables.market import Market
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.certification import make_application
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.worker import make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

AWKWARD = '引号"与\\反斜杠😀\u2028\u0007'
LATE = datetime(2026, 11, 30, 23, 30, 0, 123456, tzinfo=UTC)


async def _edge_applications() -> dict[str, Any]:
    """An operator's two markets with five applications (every status, edge text and times),
    another operator's market with one; tokens of every reader."""
    A, S, E = c.CertificationApplication, c.CertificationScore, c.CertificationEvidence
    mine, theirs = await make_operator(), await make_operator()
    first = await make_market(operator_id=mine)
    second = await make_market(name="上城区望江综合零工市场", operator_id=mine)
    other = await make_market(name="上城区清波综合零工市场", operator_id=theirs)
    await Market.update({Market.name: AWKWARD}).where(Market.id == first)  # past its rules
    apps = {
        "certified": await make_application(first, year=2024, stage="CERTIFIED"),
        "assessed": await make_application(first, year=2025, stage="PROVINCE_ASSESSED"),
        "submitted": await make_application(second, year=2025),
        "rejected": await make_application(second, year=2024, stage="CITY_RECOMMENDED"),
        "revoked": await make_application(first, year=2026, stage="CERTIFIED"),
        "other": await make_application(other, year=2025),
    }
    await A.update(
        {A.status: "REJECTED", A.decision_note: AWKWARD, A.decided_at: LATE, A.total_score: 0}
    ).where(A.id == apps["rejected"])
    await A.update({A.status: "REVOKED", A.decision_note: ""}).where(A.id == apps["revoked"])
    await c.DemonstrationCertificate.update(
        {c.DemonstrationCertificate.revoked_on: date(2026, 12, 1)}
    ).where(c.DemonstrationCertificate.application == apps["revoked"])
    for i, key in enumerate(("certified", "assessed", "submitted")):
        moment = datetime(2026, 11, 30, 23, 59, 59, i * 1000 + 7, tzinfo=UTC)
        await A.update({A.submitted_at: moment}).where(A.id == apps[key])
    await A.update({A.submitted_at: LATE, A.city_recommended_at: LATE}).where(
        A.id == apps["rejected"]
    )
    await S.delete().where(S.application == apps["submitted"])  # no scores: []
    await S.update({S.assessor_score: 0, S.self_note: AWKWARD}).where(
        (S.application == apps["assessed"]) & (S.self_score == 6)
    )
    # The standard's name, a criterion's text and points: every application's standard.
    C = c.CertificationCriterion
    criteria = await C.select(C.id).order_by(C.id)
    await C.update({C.text: AWKWARD, C.max_score: 0}).where(C.id == criteria[1]["id"])
    # Scores follow the items' and criteria's positions, not their ids: the first item last,
    # its first criterion after its third.
    first_item = await c.CertificationItem.select().order_by(c.CertificationItem.id).first()
    await c.CertificationItem.update({c.CertificationItem.position: 99}).where(
        c.CertificationItem.id == first_item["id"]
    )
    await C.update({C.position: 9}).where(C.id == criteria[0]["id"])
    await c.CertificationStandard.update(
        {c.CertificationStandard.name: '标准\u2028"\\😀'}, force=True
    )
    await E.insert(
        E(application=apps["assessed"], criterion=None, title=AWKWARD, file=""),
        E(application=apps["assessed"], criterion=criteria[3]["id"], title="场地", file="a.pdf"),
        E(application=apps["rejected"], criterion=criteria[0]["id"], title="", file=""),
    )
    return {
        **apps,
        "criteria": criteria,
        "mine": await operator_token(mine),
        "theirs": await operator_token(theirs),
        "staff": await staff_token(),
        "worker": (await make_worker())[1],
        "employer": (await make_employer())[1],
    }


async def test_applications_followed_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """MyCertificationApplications, signed in: the operator running the markets, another
    operator (their own list) and staff (everyone's) get the text plan's bytes, equal to the
    generic executor's, for every page size, filter and walked page; a bad page or status,
    and readers of other roles or none: the generic executor, as before."""
    # given
    scene = await _edge_applications()
    paths = _SignedInPaths(client, app, "MyCertificationApplications", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"where": {"year": 2025}},
        {"where": {"status": ["REJECTED", "REVOKED"]}},
        {"where": {"year": 2024, "status": ["CERTIFIED"]}},
        {"where": {"status": []}},
        {"where": {"year": 1999}},  # an empty page
        {"where": {}},
    ]
    refusing = [*BAD_PAGES, {"where": {"status": ["NOPE"]}}, {"where": {"year": "2024"}}]

    # when the operator and staff send every variant and walk the pages; the others send one
    walked: dict[str, list[dict]] = {}
    for reader in ("mine", "staff"):
        for variables in [*answering, *refusing]:
            await both(variables, scene[reader])
        walked[reader] = await paths.walk("myCertificationApplications", {}, scene[reader], 2)
    for reader in ("theirs", "worker", "employer"):
        await both({}, scene[reader])
    for bearer in ("not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the operators and staff alone
    assert paths.differences == {}
    assert [len(walked["mine"]), len(walked["staff"])] == [3, 3]  # 5 and 6 applications
    assert paths.answered == [
        *[("OPERATOR", v) for v in [*answering, *walked["mine"]]],
        *[("STAFF", v) for v in [*answering, *walked["staff"]]],
        ("OPERATOR", {}),  # another operator's own list
    ]
    body = await both({"first": 100}, scene["mine"])
    page = json.loads(body)["data"]["myCertificationApplications"]
    nodes = {n["id"]: n for n in page["nodes"]}
    assert page["totalCount"] == 5
    assert [n["id"] for n in page["nodes"]] == [
        encode_id("CertificationApplication", scene[k])
        for k in ("revoked", "rejected", "submitted", "assessed", "certified")
    ]
    rejected = nodes[encode_id("CertificationApplication", scene["rejected"])]
    assert rejected["decisionNote"] == AWKWARD and rejected["totalScore"] == 0
    assert rejected["decidedAt"] == "2026-11-30T23:30:00.123456+00:00"
    assert rejected["evidence"] == [{"title": "", "hasFile": False}]
    revoked = nodes[encode_id("CertificationApplication", scene["revoked"])]
    assert (
        revoked["decisionNote"] is None
        and revoked["certificateNo"] == f"ZJSF-2026-{scene['revoked']:05d}"
    )
    assessed = nodes[encode_id("CertificationApplication", scene["assessed"])]
    assert assessed["evidence"] == [
        {"title": AWKWARD, "hasFile": False},
        {"title": "场地", "hasFile": True},
    ]
    ids = [s["criterion"]["id"] for s in assessed["scores"]]
    ids_in_order = [encode_id("CertificationCriterion", r["id"]) for r in scene["criteria"]]
    assert ids == ids_in_order[3:] + [ids_in_order[k] for k in (1, 2, 0)]
    assert assessed["scores"][-3]["criterion"] == {
        "id": ids_in_order[1],
        "text": AWKWARD,
        "maxScore": 0,
    }
    assert nodes[encode_id("CertificationApplication", scene["submitted"])]["scores"] == []
    assert assessed["standard"]["name"] == '标准\u2028"\\😀'
