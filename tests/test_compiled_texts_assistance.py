"""The assistance queue's text plan (resolvers/assistance/texts.py): AssistanceCases, signed in
as an operator or staff, byte-identical to the generic executor for every reader, its personal
data shown exactly as the generic executor shows it; odd values left to the generic executor."""

# Each request is sent twice over HTTP (tests/test_compiled_texts._SignedInPaths): once with
# neither text plans nor compiled plans (graphql-core's executor), once as served.

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from piccolo.apps.user.tables import BaseUser

from resolvers.assistance.texts import WHITESPACE
from resolvers.global_ids import encode_id
from services.auth.rules import issue
from services.db import current_engine
from services.timeutil import local, now
from tables import assistance as a
from tables.auth import StaffScope
from tables.worker import Worker as WorkerRow
from tests.fixtures.account import make_staff_user, operator_token, staff_token
from tests.fixtures.assistance import scoped_staff
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator, region_id
from tests.fixtures.worker import make_walk_in, make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

C = a.AssistanceCase
LATE = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC)  # 07:59 the next day in Shanghai


def test_the_case_worker_s_whitespace_is_what_str_strip_removes():
    assert WHITESPACE == tuple(c for c in range(0x110000) if chr(c).isspace())


async def _staff(last: str | None, first: str | None) -> int:
    user = await make_staff_user()
    await BaseUser.update({BaseUser.last_name: last, BaseUser.first_name: first}).where(
        BaseUser.id == user
    )
    return user


async def _case(worker: int, region: str, case_worker: int, opened_at: datetime, **values) -> int:
    rows = await C.insert(
        C(
            worker=worker,
            region=await region_id(region),
            case_worker=case_worker,
            opened_by=case_worker,
            opened_at=opened_at,
            **values,
        )
    ).returning(C.id)
    return rows[0]["id"]


async def _step(case: int, title: str, due_on, done: bool = False) -> int:
    S = a.AssistanceStep
    rows = await S.insert(
        S(case=case, title=title, due_on=due_on, done=done, created_by=1)
    ).returning(S.id)
    return rows[0]["id"]


async def _offer(case: int, kind: str, status: str, offered_at: datetime) -> int:
    O = a.AssistanceOffer  # noqa: E741
    rows = await O.insert(
        O(case=case, kind=kind, status=status, offered_at=offered_at, offered_by=1)
    ).returning(O.id)
    return rows[0]["id"]


async def _edge_cases() -> dict[str, Any]:
    """Seven cases of workers registered at one operator's market in 上城区 (330102), one of a
    worker at another operator's market in 西湖区 (330106): every status, outcome (empty and
    missing included), next due day (yesterday, today, tomorrow, none), case workers named in
    every way load_staff_names names them (a deleted user too), names, phones, step titles
    with every writer's edge, ties in opening, due and offer times broken by id, times with
    microseconds late in the UTC day."""
    mine, theirs = await make_operator(), await make_operator()
    market = await make_market(operator_id=mine)
    other = await make_market(
        name="西湖区文三综合零工市场", operator_id=theirs, region_code="330106"
    )
    names = [
        "王",
        '引号"\\反斜杠',
        "换行\u2028符😀",
        "控制\u0007字符",
        "张三丰",
        "李四",
        "Ann O'Neil",
    ]
    workers = [await make_walk_in(mine, market, name=n) for n in names]
    await WorkerRow.update({WorkerRow.phone_masked: ""}).where(WorkerRow.id == workers[1])
    await WorkerRow.update({WorkerRow.phone_masked: '1"\\*\u2028'}).where(
        WorkerRow.id == workers[2]
    )
    elsewhere = await make_walk_in(theirs, other, name="别家的")
    case_workers = [
        await _staff("张", "三"),
        await _staff('换行\u2028"', "符\\😀"),
        await _staff(None, None),  # named by username
        await _staff("欧阳", " 娜娜"),  # whitespace inside is kept
        await _staff("", ""),
        987_654_321,  # a user since deleted
        await _staff(None, "单名"),
    ]
    today = local(now()).date()
    day = timedelta(days=1)
    shapes = [
        ("OPEN", None, today - day, LATE),
        ("OPEN", None, today, LATE),  # a tie with the first: broken by id
        ("OPEN", None, None, LATE - timedelta(hours=1)),
        ("CLOSED", "EMPLOYED", today - day, LATE - timedelta(days=1)),
        ("CLOSED", "", None, datetime(2026, 11, 1, 0, 0, 0, 1, tzinfo=UTC)),
        ("OPEN", None, today + day, datetime(2026, 10, 1, 16, 0, tzinfo=UTC)),
        ("CLOSED", "OTHER", None, datetime(2026, 9, 1, 12, 30, tzinfo=UTC)),
    ]
    cases = []
    for worker, case_worker, (status, outcome, due, opened) in zip(
        workers, case_workers, shapes, strict=True
    ):
        cases.append(
            await _case(
                worker, "330102", case_worker, opened, status=status, outcome=outcome,
                next_due_on=due,
            )
        )  # fmt: skip
    await _case(elsewhere, "330106", case_workers[0], LATE, status="OPEN", next_due_on=today - day)
    # A plan whose due order is not its id order, with a tie; offers with a tie and microseconds.
    await _step(cases[0], '控制\u0007字符"\\😀', today + day)
    await _step(cases[0], "换行\u2028符", today - day, done=True)
    await _step(cases[0], "", today - day)
    await _step(cases[1], "推荐公益性岗位", today)
    await _offer(cases[0], "POSTING", "PENDING", LATE)
    await _offer(cases[0], "TRAINING", "DECLINED", LATE)
    await _offer(cases[0], "POSTING", "ACCEPTED", LATE - timedelta(microseconds=1))
    await _offer(cases[0], "TRAINING", "PENDING", LATE + timedelta(microseconds=1))
    await _offer(cases[3], "TRAINING", "ACCEPTED", datetime(2026, 1, 1, tzinfo=UTC))
    _, worker_token = await make_worker(name="旁人")
    _, employer_token = await make_employer()
    return {
        "cases": cases,
        "mine": await operator_token(mine),
        "theirs": await operator_token(theirs),
        "staff": await staff_token(),
        "county": (await issue("STAFF", await scoped_staff("330102")))[0],
        "worker": worker_token,
        "employer": employer_token,
    }


FILTERS: list[dict] = [
    {"where": {"status": ["OPEN"]}},
    {"where": {"status": ["CLOSED"]}, "first": 2},
    {"where": {"status": []}},
    {"where": {"overdue": True}},
    {"where": {"overdue": False}},
    {"where": {"status": ["CLOSED"], "overdue": False}},
]
REFUSED: list[dict] = [*BAD_PAGES, {"where": {"status": ["NOPE"]}}]


async def test_the_assistance_queue_is_written_as_graphql_core_writes_it_for_each_reader(
    client, app, monkeypatch
):
    """AssistanceCases: the operator of the workers' market, another operator, staff of the
    province and of the county get the text plan's bytes, equal to the generic executor's, for
    every page size, filter and page of a walk; a worker, an employer, a bad or missing token,
    a bad cursor, first over 100 or below 0, a status nobody has: the generic executor."""
    # given
    scene = await _edge_cases()
    paths = _SignedInPaths(client, app, "AssistanceCases", monkeypatch)
    answering = [*PAGE_SIZES, *FILTERS]
    readers = {"OPERATOR": ("mine", "theirs"), "STAFF": ("staff", "county")}

    # when every reader sends every variant, and the market's operator and staff walk the pages
    walked: dict[str, list[dict]] = {}
    for reader in ("mine", "theirs", "staff", "county"):
        for variables in [*answering, *REFUSED]:
            await paths.both(variables, scene[reader])
        walked[reader] = await paths.walk("assistanceCases", {}, scene[reader], 3)
    for reader in ("worker", "employer"):
        for variables in answering:
            await paths.both(variables, scene[reader])
    for bearer in ("not-a-token", None):
        await paths.both({}, bearer)

    # then the same status, type and bytes everywhere; the text plan answered the operators and
    # staff for every variant but the refused ones, and nobody else
    assert paths.differences == {}
    assert [len(walked[r]) for r in ("mine", "theirs", "staff", "county")] == [3, 1, 3, 3]
    expected = [
        (role, v)
        for role, names in readers.items()
        for reader in names
        for v in [*answering, *walked[reader]]
    ]
    assert sorted(map(json.dumps, paths.answered)) == sorted(map(json.dumps, expected))
    assert len(paths.answered) == len(expected) == 4 * len(answering) + 3 + 1 + 3 + 3


async def test_the_queue_shows_each_reader_what_the_generic_executor_shows(
    client, app, monkeypatch
):
    """What the text plan wrote, read back: each reader's cases and counts, the workers' names
    and stored masked phones, case workers' names, outcomes, overdue, steps by due day and
    offers newest first, ties broken by id."""
    # given
    scene = await _edge_cases()
    paths = _SignedInPaths(client, app, "AssistanceCases", monkeypatch)
    cases = [encode_id("AssistanceCase", c) for c in scene["cases"]]

    # when
    pages = {
        reader: json.loads(await paths.both({"first": 100}, scene[reader]))["data"][
            "assistanceCases"
        ]
        for reader in ("mine", "theirs", "staff", "county")
    }
    overdue = json.loads(await paths.both({"where": {"overdue": True}}, scene["mine"]))

    # then
    assert paths.differences == {}
    assert [role for role, _ in paths.answered] == [*["OPERATOR"] * 2, *["STAFF"] * 2, "OPERATOR"]
    assert [pages[r]["totalCount"] for r in pages] == [7, 1, 8, 7]
    mine = pages["mine"]["nodes"]
    assert [n["id"] for n in mine] == [cases[1], cases[0], *cases[2:]]  # the tie: newer id first
    assert [n["worker"]["name"] for n in mine][:3] == ['引号"\\反斜杠', "王", "换行\u2028符😀"]
    assert [n["worker"]["phoneMasked"] for n in mine][:3] == [
        "",
        mine[1]["worker"]["phoneMasked"],
        '1"\\*\u2028',
    ]
    assert (
        mine[1]["worker"]["phoneMasked"].startswith("139")
        and "*" in mine[1]["worker"]["phoneMasked"]
    )
    assert [n["caseWorker"] for n in mine][:2] == ['换行\u2028"符\\😀', "张三"]
    assert [n["caseWorker"] for n in mine][3:] == [
        "欧阳 娜娜",
        mine[4]["caseWorker"],
        "（已删除的用户）",
        "单名",
    ]
    assert mine[2]["caseWorker"].startswith("hr-staff-") and mine[4]["caseWorker"].startswith(
        "hr-staff-"
    )
    assert [n["outcome"] for n in mine] == [None, None, None, "EMPLOYED", None, None, "OTHER"]
    assert [n["overdue"] for n in mine] == [False, True, False, False, False, False, False]
    assert mine[1]["openedAt"] == "2026-11-30T23:59:59.999999+00:00"
    assert mine[1]["openedAt"] == mine[0]["openedAt"]
    assert [s["title"] for s in mine[1]["steps"]] == ["换行\u2028符", "", '控制\u0007字符"\\😀']
    assert [s["done"] for s in mine[1]["steps"]] == [True, False, False]
    assert [(o["kind"], o["status"]) for o in mine[1]["offers"]] == [
        ("TRAINING", "PENDING"),
        ("TRAINING", "DECLINED"),
        ("POSTING", "PENDING"),
        ("POSTING", "ACCEPTED"),
    ]
    assert [n["worker"]["name"] for n in pages["theirs"]["nodes"]] == ["别家的"]
    assert overdue["data"]["assistanceCases"]["totalCount"] == 1


async def test_odd_values_are_left_to_the_generic_executor(client, app, monkeypatch):
    """A case worker's name with whitespace at either end (str.strip() knows more of it than
    SQL), and on SQLite an offer time stored with another offset: the text plan declines
    every page holding such a case, and answers the others; the bytes are the same."""
    # given an operator's three cases: one plain, two odd
    operator = await make_operator()
    market = await make_market(operator_id=operator)
    workers = [await make_walk_in(operator, market, name=n) for n in ("甲", "乙", "丙")]
    await _case(workers[0], "330102", await _staff("张", "三"), LATE, status="CLOSED")
    padded = await _staff("\u3000王", "五\t")
    await _case(workers[1], "330102", padded, LATE - timedelta(days=1), status="OPEN")
    odd_time = await _case(workers[2], "330102", await _staff("李", "四"), LATE - timedelta(days=2))
    offer = await _offer(odd_time, "POSTING", "PENDING", LATE)
    sqlite = current_engine().engine_type == "sqlite"
    if sqlite:  # 2026-12-01 07:59:59.999999 in Shanghai: the same moment, written otherwise
        await a.AssistanceOffer.raw(
            "UPDATE assistance_offer SET offered_at = '2026-12-01 07:59:59.999999+08:00' "
            "WHERE id = {}",
            offer,
        )
    token = await operator_token(operator)
    paths = _SignedInPaths(client, app, "AssistanceCases", monkeypatch)

    # when
    sent = [{}, {"first": 1}, {"where": {"status": ["CLOSED"]}}, {"first": 1, "after": None}]
    bodies = [json.loads(await paths.both(v, token)) for v in sent]
    walked = await paths.walk("assistanceCases", {}, token, 1)

    # then
    assert paths.differences == {}
    assert bodies[0]["data"]["assistanceCases"]["totalCount"] == 3
    names = [n["caseWorker"] for n in bodies[0]["data"]["assistanceCases"]["nodes"]]
    assert names == ["张三", "王五", "李四"]
    answered = [v for _, v in paths.answered]
    expected = [{"first": 1}, {"where": {"status": ["CLOSED"]}}, {"first": 1, "after": None}]
    expected += [walked[0]] + ([] if sqlite else [walked[2]])
    assert answered == expected


async def test_a_staff_scope_changed_in_the_admin_applies_from_the_next_request(
    client, app, monkeypatch
):
    """The staff scope comes with the token's own lookup (services/auth/rules._LOOKUP), read
    afresh for every request: moved to another city, given the province (scope row deleted),
    the next request's page follows, on the text plan as on the generic executor."""
    # given a county's staff member, who sees that county's 7 cases
    await _edge_cases()
    paths = _SignedInPaths(client, app, "AssistanceCases", monkeypatch)
    user = await scoped_staff("330102")
    bearer = (await issue("STAFF", user))[0]

    async def total() -> int:
        body = json.loads(await paths.both({"first": 1}, bearer))
        return body["data"]["assistanceCases"]["totalCount"]

    before = await total()

    # when the admin moves them to 宁波, then gives them the whole province
    ningbo = await region_id("330200")
    await StaffScope.update({StaffScope.region: ningbo}).where(StaffScope.user == user)
    moved = await total()
    await StaffScope.delete().where(StaffScope.user == user)
    province = await total()

    # then each request saw the scope as it was, and the text plan answered all three
    assert (before, moved, province) == (7, 0, 8)
    assert paths.differences == {}
    assert [role for role, _ in paths.answered] == ["STAFF"] * 3
