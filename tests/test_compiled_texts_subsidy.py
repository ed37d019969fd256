"""Text plans of the subsidy lists (resolvers/subsidy/texts.py): SubsidyProgrammes (anonymous)
and MySubsidyApplications (a worker's own, an operator's markets'), byte-identical to the
generic executor's answers for every reader and variant, on rows at every writer's edge."""

# Each request is sent twice over HTTP, once with the text plans and once with neither text
# plans nor compiled plans (graphql-core's executor); tests/test_compiled_texts.py's helpers
# compare status, content type and bytes, and record which requests a text plan answered.

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from resolvers.compiled.texts import TextPlans
from resolvers.global_ids import encode_id
from tables import subsidy as t
from tables import training as tr
from tables.market import Market
from tables.region import Region
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator, region_id
from tests.fixtures.subsidy import make_completed_training
from tests.fixtures.worker import make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

P, A = t.SubsidyProgramme, t.SubsidyApplication
# Late in the UTC day (the next day in Shanghai), with microseconds.
LATE = datetime(2026, 11, 30, 23, 30, 0, 123456, tzinfo=UTC)
FAR = datetime(2090, 6, 30, 23, 59, 59, 999999, tzinfo=UTC)


class _Paths(_SignedInPaths):
    """_SignedInPaths for any reader: `answered` holds (role or None, variables)."""

    def __init__(self, client, app, name: str, monkeypatch) -> None:
        original = TextPlans.answer
        super().__init__(client, app, name, monkeypatch)
        answered = self.answered

        async def recording(self, query, operation_name, variables, context):
            body = await original(self, query, operation_name, variables, context)
            if body is not None:
                viewer = context.viewer
                answered.append((viewer.role if viewer else None, variables))
            return body

        monkeypatch.setattr(TextPlans, "answer", recording)


async def _programme(name: str, **values: Any) -> int:
    row = {
        P.name: name,
        P.kind: "TRAINING_SUBSIDY",
        P.amount_rule: "FIXED",
        P.amount_fen: 80_000,
        P.starts_at: datetime(2026, 1, 1, tzinfo=UTC),
        P.ends_at: FAR,
        P.budget_fen: 10_000_000,
        P.approval_threshold_fen: 50_000,
    }
    row.update({getattr(P, k): v for k, v in values.items()})
    made = await P.insert(P(**{c._meta.name: v for c, v in row.items()})).returning(P.id)
    return made[0]["id"]


async def _edge_programmes() -> dict[str, int]:
    """Open programmes at every programme writer's edge (quotes, backslashes, U+2028, emoji,
    control characters, an empty name; zero, cent and large amounts, a budget overspent; every
    kind and rule; categories, an empty training category and ownership; a region, the
    province without a parent, a region without a code; ends with microseconds late in the UTC
    day, and a tie), and one ended and one stopped, which no list shows."""
    ids = {
        "quotes": await _programme(
            '引号"与\\反斜杠😀', amount_fen=0, budget_fen=0, ends_at=LATE + timedelta(days=400)
        ),
        "u2028": await _programme(
            "换行\u2028符",
            kind="TRAINING_LIVING_ALLOWANCE",
            amount_rule="PER_TRAINING_HOUR",
            amount_fen=1050,
            assistance_categories=["OLDER", "DISABLED"],
            training_category="GENERAL",
            training_within_months=0,
            region=await region_id("330100"),
            ends_at=LATE + timedelta(days=400),  # a tie, broken by id
        ),
        "control": await _programme(
            "控制\u0007字符",
            kind="EMPLOYMENT_SERVICE_SUBSIDY",
            amount_rule="PER_PLACEMENT",
            amount_fen=5,
            market_ownership="MARKET_OPERATED",
            training_category="",
            region=await region_id("330000"),
            starts_at=LATE,
        ),
        "empty": await _programme(
            "",
            kind="PUBLIC_WELFARE_JOB_SUBSIDY",
            amount_fen=100_000_000_000,
            budget_fen=99_999_999_999_999,
            committed_fen=1,
            market_ownership="",
            training_within_months=36,
            assistance_categories=["LONG_WAITING", "LOW_INCOME", "OLDER"],
            ends_at=LATE + timedelta(days=30, microseconds=1),
        ),
        "overspent": await _programme(
            "超支", budget_fen=0, committed_fen=5, training_category="URGENT_SKILL"
        ),
        "whole": await _programme(
            "整点", ends_at=LATE.replace(microsecond=0) + timedelta(days=50), amount_fen=100
        ),
    }
    for n in range(3):
        ids[f"plain{n}"] = await _programme(f"项目{n}", amount_fen=n * 12_345)
    await _programme("已结束", ends_at=datetime(2025, 1, 1, tzinfo=UTC))
    await _programme("已停用", active=False)
    return ids


async def test_open_programmes_are_written_as_graphql_core_writes_them(client, app, monkeypatch):
    """SubsidyProgrammes: every programme field's edge, every kind filter and page size, all
    pages walked; the text plan answers anonymous readers alone (a signed-in one, or a bad
    token, takes the generic executor, which answers the same bytes)."""
    # given programmes at every edge, one of them in a region without a code
    ids = await _edge_programmes()
    nowhere = await Region.insert(
        Region(code="", name="无代码", level="county", is_mountain_or_island=False)
    ).returning(Region.id)
    try:
        await P.update({P.region: nowhere[0]["id"]}).where(P.id == ids["plain2"])
        paths = _Paths(client, app, "SubsidyProgrammes", monkeypatch)
        both = paths.both
        answering = [
            *PAGE_SIZES,
            {"kind": ["TRAINING_SUBSIDY"]},
            {"kind": ["EMPLOYMENT_SERVICE_SUBSIDY", "PUBLIC_WELFARE_JOB_SUBSIDY"]},
            {"kind": ["TRAINING_LIVING_ALLOWANCE"], "first": 1},
            {"kind": []},
        ]
        refusing = [*BAD_PAGES, {"kind": ["NOPE"]}]

        # when everybody sends every variant, and the anonymous reader walks the pages
        for variables in [*answering, *refusing]:
            await both(variables, None)
        walked = await paths.walk("subsidyProgrammes", {}, None, 2)
        walked += await paths.walk("subsidyProgrammes", {"kind": ["TRAINING_SUBSIDY"]}, None, 1)
        worker = (await make_worker())[1]
        signed_in = [worker, await operator_token(await make_operator()), await staff_token()]
        for bearer in (*signed_in, "not-a-token"):
            await both({}, bearer)
        first = json.loads(await both({"first": 100}, None))["data"]["subsidyProgrammes"]
    finally:
        await P.update({P.region: None}).where(P.id == ids["plain2"])
        await Region.delete().where(Region.id == nowhere[0]["id"])

    # then the same bytes everywhere; the text plan answered the anonymous requests alone
    assert len(walked) == 5 + 6  # 9 open programmes 2 a page; 6 training subsidies 1 a page
    paths.answered_only(None, *answering, *walked, {"first": 100})  # type: ignore[arg-type]
    assert first["totalCount"] == 9
    nodes = {n["name"]: n for n in first["nodes"]}
    assert [n["name"] for n in first["nodes"]][:4] == [
        "",
        "整点",
        '引号"与\\反斜杠😀',
        "换行\u2028符",
    ]
    assert [nodes[k]["amount"] for k in ("", "控制\u0007字符", '引号"与\\反斜杠😀')] == [
        "1000000000.00",
        "0.05",
        "0.00",
    ]
    assert nodes[""]["budgetRemaining"] == "999999999999.98"
    assert nodes["超支"]["budgetRemaining"] == "-0.05"
    assert nodes["换行\u2028符"]["region"] == {"code": "330100", "name": "杭州市"}
    assert nodes["项目2"]["region"] is None  # a region without a code reads as none
    assert nodes["控制\u0007字符"]["trainingCategory"] is None
    assert nodes[""]["marketOwnership"] is None
    assert nodes["换行\u2028符"]["trainingWithinMonths"] == 0
    assert nodes["控制\u0007字符"]["policyClause"] == "（十一）"
    assert nodes["控制\u0007字符"]["startsAt"] == "2026-11-30T23:30:00.123456+00:00"


async def test_a_programme_the_generic_executor_fails_on_is_left_to_it(client, app, monkeypatch):
    """A stored value no TrainingCategory has (only SQL could write it): the generic executor
    fails on every page that holds it, masked; the text plan leaves those pages to it."""
    # given
    ids = await _edge_programmes()
    await P.update({P.training_category: "NOPE"}).where(P.id == ids["overspent"])
    paths = _Paths(client, app, "SubsidyProgrammes", monkeypatch)

    # when
    failed = json.loads(await paths.both({}, None))
    without = await paths.both({"kind": ["EMPLOYMENT_SERVICE_SUBSIDY"]}, None)

    # then
    assert failed["data"] is None and len(failed["errors"]) == 1
    paths.answered_only(None, {"kind": ["EMPLOYMENT_SERVICE_SUBSIDY"]})  # type: ignore[arg-type]
    assert json.loads(without)["data"]["subsidyProgrammes"]["totalCount"] == 1


async def _application(programme: int, key: str, **values: Any) -> int:
    row = {A.programme: programme, A.applicant_key: key, A.amount_fen: 80_000}
    row.update({getattr(A, k): v for k, v in values.items()})
    made = await A.insert(A(**{c._meta.name: v for c, v in row.items()})).returning(A.id)
    return made[0]["id"]


async def _edge_applications() -> dict[str, Any]:
    """A worker's applications in every status (a reason and a payment reference given, or left
    empty), for completed courses with awkward titles and certificates (none, empty), one
    without an enrolment or market (older data); an operator's for two markets it runs, and
    one for another operator's market; times with microseconds late in the UTC day, and ties;
    zero, cent and large amounts."""
    mine, theirs = await make_operator(), await make_operator()
    market = await make_market(operator_id=mine)
    await Market.update({Market.name: '甲市场"\\😀'}).where(Market.id == market)
    second = await make_market(operator_id=mine)
    other = await make_market(operator_id=theirs)
    worker, token = await make_worker(name="甲")
    other_worker, other_token = await make_worker(name="乙")
    programmes = await _edge_programmes()
    training, service = programmes["u2028"], programmes["control"]
    titles = ['引号"与\\反斜杠😀', "换行\u2028符", "控制\u0007字符", "无证书"]
    enrolments = [
        await make_completed_training(market, worker, title=title, completed_days_ago=5 + i)
        for i, title in enumerate(titles)
    ]
    E = tr.TrainingEnrolment
    await E.update({E.certificate_no: '证书"\\\u2028😀'}).where(E.id == enrolments[0])
    await E.update({E.certificate_no: ""}).where(E.id == enrolments[1])
    await E.update({E.certificate_no: "证书-003"}).where(E.id == enrolments[2])
    await E.update({E.certificate_no: None}).where(E.id == enrolments[3])
    ids = {
        "submitted": await _application(
            training, "w1", worker=worker, enrolment=enrolments[0], amount_fen=0
        ),
        "rejected": await _application(
            programmes["quotes"],
            "w2",
            worker=worker,
            enrolment=enrolments[1],
            status="REJECTED",
            reject_reason='材料不全"\\\u2028😀',
            decided_at=LATE + timedelta(microseconds=1),
            amount_fen=5,
        ),
        "paid": await _application(
            programmes["empty"],
            "w3",
            worker=worker,
            enrolment=enrolments[2],
            status="PAID",
            quantity=450,
            amount_fen=1_234_567_890_123,
            decided_at=LATE,
            payment_reference="PAY-2026-001",
            paid_at=LATE.replace(microsecond=0),
        ),
        "approved": await _application(
            programmes["overspent"], "w4", worker=worker, enrolment=enrolments[3], status="APPROVED"
        ),
        "first": await _application(
            programmes["whole"], "w5", worker=worker, status="FIRST_APPROVED"
        ),
        "for_market": await _application(
            service, "m1", market=market, operator=mine, quantity=12, amount_fen=360_000
        ),
        "for_second": await _application(
            service, "m2", market=second, operator=mine, status="REJECTED", reject_reason=""
        ),
        "theirs": await _application(service, "m3", market=other, operator=theirs),
        "other_worker": await _application(training, "w6", worker=other_worker),
    }
    for i, key in enumerate(("submitted", "rejected", "paid", "approved", "first")):
        moment = datetime(2026, 11, 30, 23, 0, 0, 1000 * i + 7, tzinfo=UTC)
        await A.update({A.submitted_at: moment}).where(A.id == ids[key])
    await A.update({A.submitted_at: LATE}).where(A.id.is_in([ids["rejected"], ids["approved"]]))
    await A.update({A.submitted_at: LATE}).where(A.id.is_in([ids["for_market"], ids["for_second"]]))
    return {
        "ids": ids,
        "worker": token,
        "other_worker": other_token,
        "operator": await operator_token(mine),
        "other_operator": await operator_token(theirs),
        "staff": await staff_token(),
        "employer": (await make_employer())[1],
    }


async def test_own_subsidy_applications_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """MySubsidyApplications, signed in as the worker and as the operator: every status, reason
    and payment reference (empty reads null), each programme's card, the enrolment's
    certificate and course, the market; the same bytes as the generic executor, answered by
    the text plan for workers and operators only."""
    # given
    scene = await _edge_applications()
    paths = _Paths(client, app, "MySubsidyApplications", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"status": ["REJECTED"]},
        {"status": ["SUBMITTED", "PAID", "FIRST_APPROVED"]},
        {"status": []},
    ]
    refusing = [*BAD_PAGES, {"status": ["NOPE"]}]

    # when the worker and the operator send every variant and walk the pages; the others send
    # the first
    for bearer in (scene["worker"], scene["operator"]):
        for variables in [*answering, *refusing]:
            await both(variables, bearer)
    walked = await paths.walk("mySubsidyApplications", {}, scene["worker"], 2)
    walked_by_operator = await paths.walk("mySubsidyApplications", {}, scene["operator"], 1)
    for bearer in (scene["other_worker"], scene["other_operator"]):
        await both({}, bearer)
    for bearer in (scene["staff"], scene["employer"], "not-a-token", None):
        await both({}, bearer)
    worker_page = json.loads(await both({"first": 100}, scene["worker"]))
    operator_page = json.loads(await both({"first": 100}, scene["operator"]))

    # then the same bytes everywhere; the text plan answered the workers' and operators' own
    # lists alone
    assert paths.differences == {}
    assert len(walked) == 3 and len(walked_by_operator) == 2  # 5 applications; 2
    assert paths.answered == [
        *(("WORKER", v) for v in answering),
        *(("OPERATOR", v) for v in answering),
        *(("WORKER", v) for v in walked),
        *(("OPERATOR", v) for v in walked_by_operator),
        ("WORKER", {}),
        ("OPERATOR", {}),
        ("WORKER", {"first": 100}),
        ("OPERATOR", {"first": 100}),
    ]
    nodes = worker_page["data"]["mySubsidyApplications"]["nodes"]
    ids = scene["ids"]
    assert [n["id"] for n in nodes] == [
        encode_id("SubsidyApplication", ids[k])
        for k in ("approved", "rejected", "first", "paid", "submitted")  # the tie: newer first
    ]
    assert [n["amount"] for n in nodes] == ["800.00", "0.05", "800.00", "12345678901.23", "0.00"]
    assert nodes[1]["rejectReason"] == '材料不全"\\\u2028😀' and nodes[0]["rejectReason"] is None
    assert nodes[3]["paymentReference"] == "PAY-2026-001" and nodes[0]["paymentReference"] is None
    assert nodes[3]["paidAt"] == "2026-11-30T23:30:00+00:00"
    assert nodes[1]["decidedAt"] == "2026-11-30T23:30:00.123457+00:00"
    assert [n["trainingEnrolment"] and n["trainingEnrolment"]["certificateNo"] for n in nodes] == [
        None,
        "",
        None,
        "证书-003",
        '证书"\\\u2028😀',
    ]
    assert nodes[0]["trainingEnrolment"]["training"]["title"] == "无证书"
    assert nodes[2]["trainingEnrolment"] is None and nodes[2]["market"] is None
    assert nodes[3]["programme"]["budgetRemaining"] == "999999999999.98"
    mine = operator_page["data"]["mySubsidyApplications"]
    assert mine["totalCount"] == 2
    assert {n["market"]["name"] for n in mine["nodes"]} >= {'甲市场"\\😀'}
    assert [n["rejectReason"] for n in mine["nodes"]] == [None, None]
