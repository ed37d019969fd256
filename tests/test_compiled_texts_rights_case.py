"""Text plans of rights cases (resolvers/rights_case/texts.py): a worker's own cases and an
operator's case queue, byte-identical to the generic executor for every reader and variant."""

# Cases are written straight into the table to reach every writer's edge: quotes, backslashes,
# U+2028, emoji and control characters; empty summaries, outcomes and missing employers or
# workers; amounts of none, zero, cents and a billion yuan; filing times with microseconds late
# in the UTC day, tied and broken by id; deadlines at, a microsecond before and after, and a
# whole second before the request's moment (the overdue rule), which the tests hold fixed.

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tables.employer import Employer as EmployerRow
from tables.worker import Worker as WorkerRow
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.worker import make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

FILED = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC)


def _fix_the_moment(monkeypatch, at: datetime) -> None:
    """The request's moment, for both paths: is_overdue (generic), the text plans' slot "now",
    and the queue's overdue filter (shared by both)."""
    for where in (
        "services.rights_case.routing.now",
        "resolvers.compiled.texts.now",
        "resolvers.rights_case.filters.now",
    ):
        monkeypatch.setattr(where, lambda: at)


async def _case(market: int, worker: int | None, **values: Any) -> int:
    row = t.RightsCase(
        market=market,
        worker=worker,
        kind=values.pop("kind", "WAGE_ARREARS"),
        summary=values.pop("summary", "完工三天未结工资"),
        opened_at=values.pop("opened_at", FILED),
    )
    for name, value in values.items():
        setattr(row, name, value)
    await row.save()
    return row.id


async def _edge_cases(at: datetime) -> dict[str, Any]:
    """Two operators (mine with two markets, theirs with one), a private and a company
    employer, two workers with awkward names, and ten cases over every status, kind,
    department, channel and outcome; `at` is the request's moment the deadlines straddle."""
    mine, theirs = await make_operator(), await make_operator()
    m1, m2 = await make_market(operator_id=mine), await make_market(operator_id=mine)
    m3 = await make_market(operator_id=theirs)
    private, employer_token = await make_employer(kind="INDIVIDUAL")
    company, _ = await make_employer()
    for employer, name in ((private, "王😀小二"), (company, '杭州"某某\\物流\u2028有限公司')):
        await EmployerRow.update({EmployerRow.name: name}).where(EmployerRow.id == employer)
    worker, worker_token = await make_worker()
    other, other_token = await make_worker()
    for person, name in ((worker, "Ann O'Neil\u2028😀"), (other, '控制\u0007"\\字符')):
        await WorkerRow.update({WorkerRow.name: name}).where(WorkerRow.id == person)
    micro = timedelta(microseconds=1)
    whole_second = at.replace(microsecond=0)
    ids = [
        await _case(  # due at the moment itself: overdue
            m1, worker, employer=private, summary='引号"与\\反斜杠😀', amount_claimed_fen=0,
            step_due_at=at,
        ),
        await _case(  # the same filing time: the later id first
            m1, worker, employer=company, kind="DISCRIMINATION", status="ACCEPTED",
            summary="换行\u2028符", amount_claimed_fen=5, step_due_at=at + micro,
            channel="ON_SITE",
        ),
        await _case(
            m2, worker, kind="CONTRACT_DISPUTE", status="MEDIATING", department="LABOUR_INSPECTION",
            summary="控制\u0007\u001f字符", amount_claimed_fen=123_456_789, step_due_at=at - micro,
            channel="PHONE", opened_at=FILED - timedelta(hours=1, microseconds=1),
        ),
        await _case(
            m1, worker, employer=company, status="RESOLVED", outcome="MEDIATED", summary="",
            amount_claimed_fen=100_000_000_000, amount_recovered_fen=99_999_999_999,
            resolved_at=FILED, opened_at=FILED - timedelta(days=1),
        ),
        await _case(  # closed past its deadline: not overdue
            m2, worker, status="CLOSED", outcome="WITHDRAWN", amount_claimed_fen=None,
            step_due_at=at - timedelta(days=3), opened_at=FILED - timedelta(days=2),
        ),
        await _case(
            m1, worker, kind="OTHER", status="REFERRED", department="MARKET_REGULATION",
            referred_to="劳动争议仲裁委员会", opened_at=FILED - timedelta(days=3, seconds=1),
        ),
        await _case(  # at another operator's market; due a whole second before the moment
            m3, worker, employer=private, kind="SAFETY", department="PUBLIC_SECURITY",
            step_due_at=whole_second, opened_at=FILED - timedelta(days=4),
        ),
        await _case(  # nobody's: a gathering reported on site
            m1, None, kind="GATHERING", department="PUBLIC_SECURITY", channel="ON_SITE",
            place_address="路口\\东侧", step_due_at=at + timedelta(days=1),
            opened_at=FILED - timedelta(days=5),
        ),
        await _case(
            m1, other, employer=private, step_due_at=at - timedelta(days=30),
            opened_at=FILED - timedelta(days=6),
        ),
        await _case(
            m3, other, status="ACCEPTED", step_due_at=at + timedelta(hours=1),
            opened_at=FILED - timedelta(days=7),
        ),
    ]  # fmt: skip
    return {
        "ids": ids,
        "markets": [encode_id("Market", m) for m in (m1, m2, m3)],
        "worker": worker_token,
        "other": other_token,
        "mine": await operator_token(mine),
        "theirs": await operator_token(theirs),
        "staff": await staff_token(),
        "employer": employer_token,
    }


MOMENTS = [
    datetime(2026, 12, 1, 15, 59, 59, 500000, tzinfo=UTC),
    datetime(2026, 12, 1, 15, 59, 59, tzinfo=UTC),  # a whole second: no fraction in the text
]


@pytest.mark.parametrize("at", MOMENTS)
async def test_a_worker_s_own_cases_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch, at
):
    """MyRightsCases, signed in as the worker: every status, kind, department and outcome (an
    empty one reads null), amounts of none to a billion yuan, deadlines around the request's
    moment read overdue as is_overdue reads them, a private employer's name masked, a missing
    employer; the same bytes as the generic executor, answered by the text plan for workers
    only."""
    # given
    _fix_the_moment(monkeypatch, at)
    scene = await _edge_cases(at)
    paths = _SignedInPaths(client, app, "MyRightsCases", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"status": ["FILED"]},
        {"status": ["RESOLVED", "CLOSED", "REFERRED"]},
        {"status": []},
    ]
    refusing = [*BAD_PAGES, {"status": ["NOPE"]}]

    # when the worker sends every variant and walks the pages; the others send the first
    for variables in [*answering, *refusing]:
        await both(variables, scene["worker"])
    walked = await paths.walk("myRightsCases", {}, scene["worker"], 3)
    await both({}, scene["other"])
    for bearer in (scene["mine"], scene["staff"], scene["employer"], "not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the workers' own lists alone
    assert len(walked) == 3  # 7 cases, 3 a page
    paths.answered_only("WORKER", *answering, *walked, {})  # {}: another worker's own list
    page = json.loads(await both({"first": 100}, scene["worker"]))["data"]["myRightsCases"]
    assert page["totalCount"] == 7
    nodes = page["nodes"]
    ids = scene["ids"]
    assert [n["id"] for n in nodes] == [
        encode_id("RightsCase", i) for i in (ids[1], ids[0], *ids[2:7])
    ]
    assert [n["overdue"] for n in nodes] == [False, True, True, False, False, False, True]
    assert [n["amountClaimed"] for n in nodes] == [
        "0.05", "0.00", "1234567.89", "1000000000.00", None, None, None
    ]  # fmt: skip
    assert nodes[3]["amountRecovered"] == "999999999.99"
    assert [n["outcome"] for n in nodes] == [None, None, None, "MEDIATED", "WITHDRAWN", None, None]
    assert nodes[1]["filedAt"] == "2026-11-30T23:59:59.999999+00:00"
    assert [n["employer"] and n["employer"]["name"] for n in nodes] == [
        '杭州"某某\\物流\u2028有限公司', "王***", None, '杭州"某某\\物流\u2028有限公司', None, None,
        "王***",
    ]  # fmt: skip
    assert (
        json.loads(await both({"status": []}, scene["other"]))["data"]["myRightsCases"][
            "totalCount"
        ]
        == 2
    )


@pytest.mark.parametrize("at", MOMENTS)
async def test_an_operator_s_case_queue_is_written_as_graphql_core_writes_it(
    client, app, monkeypatch, at
):
    """RightsCaseQueue, signed in as an operator: its markets' cases with every filter, both
    orders (DUE_AT: open cases by deadline), searches, a case without a worker, workers' names
    and masked phones; the same bytes as the generic executor, answered by the text plan for
    operators and for staff (who see a private employer's name unmasked)."""
    # given
    _fix_the_moment(monkeypatch, at)
    scene = await _edge_cases(at)
    paths = _SignedInPaths(client, app, "RightsCaseQueue", monkeypatch)
    both = paths.both
    m1, m2, m3 = scene["markets"]
    due = {"orderBy": {"field": "DUE_AT"}}
    answering = [
        *PAGE_SIZES,
        due,
        {**due, "first": 2},
        {"orderBy": {"field": "FILED_AT"}},
        {"where": {"status": ["FILED", "ACCEPTED"]}},
        {"where": {"kind": ["GATHERING", "OTHER"], "department": ["PUBLIC_SECURITY"]}},
        {"where": {"department": ["MARKET_REGULATION", "LABOUR_INSPECTION"]}},
        {"where": {"marketId": m2}},
        {"where": {"marketId": m3}},  # another operator's market: an empty page
        {"where": {"marketId": "bm90IGFuIGlk"}},
        {"where": {"overdue": True}},
        {"where": {"overdue": False}, **due},
        {"search": "引号"},
        {"search": "\\"},
        {"search": "没有这样的案件"},
        {"where": {}, "search": ""},
    ]
    refusing = [
        *BAD_PAGES,
        {**due, "after": "bm90IGEgY3Vyc29y"},
        {"where": {"status": ["NOPE"]}},
        {"orderBy": {"field": "NOPE"}},
    ]

    # when the operator sends every variant and walks the pages in both orders; others send
    # the first
    for variables in [*answering, *refusing]:
        await both(variables, scene["mine"])
    walked = await paths.walk("rightsCases", {}, scene["mine"], 3)
    walked += await paths.walk("rightsCases", due, scene["mine"], 2)
    await both({}, scene["theirs"])
    for bearer in (scene["staff"], scene["worker"], scene["employer"], "not-a-token", None):
        await both({}, bearer)
        await both(due, bearer)

    # then the same bytes everywhere; the text plan answered the operators' and staff's
    # queues alone ({} of OPERATOR: another operator's queue)
    assert len(walked) == 3 + 3  # 8 cases, 3 a page; 5 open with a deadline, 2 a page
    assert paths.differences == {}
    operators = [("OPERATOR", v) for v in (*answering, *walked, {})]
    assert paths.answered == [*operators, ("STAFF", {}), ("STAFF", due)]
    # the private employer's name: masked for the operator, as registered for staff
    names = {}
    for bearer in ("mine", "staff"):
        page = json.loads(await both({"first": 100}, scene[bearer]))["data"]["rightsCases"]
        names[bearer] = {n["employer"]["name"] for n in page["nodes"] if n["employer"]}
    assert len(names["mine"]) == len(names["staff"]) == 2
    assert len([n for n in names["mine"] if n.endswith("*")]) == 1
    assert not any("*" in n for n in names["staff"])
    ids = scene["ids"]
    queue = json.loads(await both({"first": 100}, scene["mine"]))["data"]["rightsCases"]
    assert queue["totalCount"] == 8
    expected = (ids[1], ids[0], ids[2], ids[3], ids[4], ids[5], ids[7], ids[8])
    assert [n["id"] for n in queue["nodes"]] == [encode_id("RightsCase", i) for i in expected]
    workers = [n["worker"] and n["worker"]["name"] for n in queue["nodes"]]
    assert workers == [*["Ann O'Neil\u2028😀"] * 6, None, '控制\u0007"\\字符']
    assert all(n["worker"]["phoneMasked"].count("*") == 4 for n in queue["nodes"] if n["worker"])
    assert [n["channel"] for n in queue["nodes"]][:3] == ["ON_SITE", "ONLINE", "PHONE"]
    by_due = json.loads(await both(due, scene["mine"]))["data"]["rightsCases"]["nodes"]
    order = (ids[8], ids[2], ids[0], ids[1], ids[7])
    assert [n["id"] for n in by_due] == [encode_id("RightsCase", i) for i in order]
    assert [n["overdue"] for n in by_due] == [True, True, True, False, False]
    overdue = json.loads(await both({"where": {"overdue": True}}, scene["mine"]))
    assert overdue["data"]["rightsCases"]["totalCount"] == 3
