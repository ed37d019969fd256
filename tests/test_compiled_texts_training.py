"""ManagedTrainings written by the database (resolvers/training/texts.py): byte-identical to the
generic executor for every reader, answered by the text plan for operators and staff only."""

# Each request goes over both paths (tests/test_compiled_texts.py _SignedInPaths): the text
# plan's, and graphql-core's with neither text plans nor compiled plans.

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from resolvers.global_ids import encode_id
from tables import training as t
from tables.worker import Worker as WorkerRow
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.training import make_course, make_institution, session_ids
from tests.fixtures.worker import make_walk_in, make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

C, S, E, A = t.TrainingCourse, t.TrainingSession, t.TrainingEnrolment, t.TrainingAttendance
LATE = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC)  # 07:59:59 next day in Shanghai
CROWD = 501  # one more than Training.enrolments shows (MAX_ENROLMENTS_SHOWN)


async def _move(course: int, first: datetime, hours: int = 3) -> None:
    """The course's sessions on consecutive days from `first`, its span copied (written as
    Python values: Piccolo stores them in UTC, as the rules do)."""
    ids = await session_ids(course)
    for n, session in enumerate(ids):
        start = first + timedelta(days=n)
        await S.update({S.starts_at: start, S.ends_at: start + timedelta(hours=hours)}).where(
            S.id == session
        )
    last = first + timedelta(days=len(ids) - 1, hours=hours)
    await C.update({C.starts_at: first, C.ends_at: last}).where(C.id == course)


async def _crowd(course: int) -> list[int]:
    """CROWD workers enrolled in `course`, queue numbers from 1 (all but the first 3 waiting);
    their ids in queue order."""
    workers = [
        WorkerRow(
            name=f"学员{n}",
            phone_hash=f"crowd-{course}-{n}",
            phone_encrypted="-",
            phone_masked=f"139****{n:04d}",
        )
        for n in range(CROWD)
    ]
    rows = await WorkerRow.insert(*workers).returning(WorkerRow.id)
    await E.insert(
        *(
            E(
                course=course,
                worker=row["id"],
                status="ENROLLED" if n < 3 else "WAITLISTED",
                queue_no=n + 1,
            )
            for n, row in enumerate(rows)
        )
    )
    return [row["id"] for row in rows]


async def _edge_managed() -> dict[str, Any]:
    """Two markets of one operator, a market of another, an operator with none. At the first
    operator's markets: courses in every status (a draft, closed, finished by now, full, open),
    an institution's and the operator's own, online without sessions, with fees of 0, -0.05,
    1280.50 and the largest BIGINT of fen; sessions late in the UTC day with microseconds;
    creation times with microseconds and a tie. One course's enrolments in every status, with
    awkward trainees and certificate numbers, attendance recorded out of session order."""
    mine, theirs, idle = await make_operator(), await make_operator(), await make_operator()
    market = await make_market(operator_id=mine)
    second = await make_market(operator_id=mine)
    other = await make_market(operator_id=theirs)
    school = await make_institution(name='上城"职业"学校\\')
    ids = {
        "school": await make_course(
            market, institution_id=school, fee="1280.50", title='引号"与\\反斜杠😀'
        ),
        "draft": await make_course(market, publish=False, title="控制\u0007字符"),
        "online": await make_course(
            second, mode="ONLINE", occupation=None, subsidised=False, title="换行\u2028符"
        ),
        "own": await make_course(market, staff=False, operator_id=mine, fee="0.05", title="自办"),
        "finished": await make_course(market, title="已结束"),
        "closed": await make_course(market, title="已关闭"),
        "crowded": await make_course(second, capacity=3, title="满员"),
    }
    ids["theirs"] = await make_course(other, title="别家的课")
    await _move(ids["school"], datetime(2026, 12, 20, 23, 59, 59, 123456, tzinfo=UTC))
    await _move(ids["finished"], LATE - timedelta(days=40))
    await C.update({C.status: "CLOSED", C.closed_at: LATE}).where(C.id == ids["closed"])
    await C.update({C.fee_fen: -5, C.title: ""}).where(C.id == ids["own"])
    await C.update(
        {C.status: "FULL", C.enrolled_count: 4, C.fee_fen: 9_223_372_036_854_775_807}
    ).where(C.id == ids["crowded"])
    await C.update({C.address: "", C.latitude: None}).where(C.id == ids["online"])
    await S.delete().where(S.course == ids["online"])
    for i, key in enumerate(ids):
        moment = datetime(2026, 11, 30, 23, 0, 0, 1000 * i + 7, tzinfo=UTC)
        await C.update({C.created_at: moment}).where(C.id == ids[key])
    tie = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    await C.update({C.created_at: tie}).where(C.id.is_in([ids["draft"], ids["closed"]]))

    names = ["王", '引号"\\反斜杠', "换行\u2028符😀", "控制\u0007字符", "Ann O'Neil"]
    trainees = [await make_walk_in(mine, market, name=name) for name in names]
    await WorkerRow.update({WorkerRow.phone_masked: '1"3\\8****0000'}).where(
        WorkerRow.id == trainees[1]
    )
    # (status, queue number, certificate): queue order is not id order
    rows = [
        ("ENROLLED", 4, None),
        ("WITHDRAWN", 1, None),
        ("WAITLISTED", 7, None),
        ("COMPLETED", 2, '证书"\\\u2028😀\u0001'),
        ("WAITLISTED", 5, ""),
    ]
    enrolments = []
    for worker, (status, queue_no, certificate) in zip(trainees, rows, strict=True):
        inserted = await E.insert(
            E(
                course=ids["school"],
                worker=worker,
                status=status,
                queue_no=queue_no,
                certificate_no=certificate,
            )
        ).returning(E.id)
        enrolments.append(inserted[0]["id"])
    first, second_session = await session_ids(ids["school"])
    for enrolment, session, present in (
        (enrolments[0], second_session, False),
        (enrolments[0], first, True),
        (enrolments[3], first, True),
    ):
        await A.insert(A(enrolment=enrolment, session=session, present=present, recorded_at=LATE))
    return {
        "ids": ids,
        "mine": await operator_token(mine),
        "theirs": await operator_token(theirs),
        "idle": await operator_token(idle),
        "staff": await staff_token(),
        "worker": (await make_worker(name="旁人"))[1],
        "employer": (await make_employer())[1],
    }


async def test_managed_courses_are_written_as_graphql_core_writes_them_for_each_reader(
    client, app, monkeypatch
):
    """ManagedTrainings, signed in: operators (their markets' courses, or none) and staff
    (every course) get the text plan's bytes, equal to the generic executor's, in every
    status filter and on every page; a worker, an employer, a bad or missing token, a bad
    page or status: the generic executor, as before."""
    # given
    scene = await _edge_managed()
    paths = _SignedInPaths(client, app, "ManagedTrainings", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"status": ["DRAFT"]},
        {"status": ["FINISHED"]},
        {"status": ["OPEN", "FULL"]},
        {"status": ["CLOSED", "DRAFT"], "first": 1},
        {"status": []},
    ]
    refusing = [*BAD_PAGES, {"status": ["NOPE"]}]

    # when the operators and staff send every variant, and the first operator and staff walk
    # the pages; the others send the first
    walked: list[tuple[str, dict]] = []
    for reader in ("mine", "theirs", "staff"):
        for variables in [*answering, *refusing]:
            await both(variables, scene[reader])
    for role, reader in (("OPERATOR", "mine"), ("STAFF", "staff")):
        walked += [(role, v) for v in await paths.walk("managedTrainings", {}, scene[reader], 3)]
    await both({}, scene["idle"])
    for bearer in (scene["worker"], scene["employer"], "not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered operators and staff alone, every
    # variant but the bad ones, every page of the walks
    assert paths.differences == {}
    assert len(walked) == 3 + 3  # 7 courses and 8, 3 a page
    expected = [(role, v) for role in ("OPERATOR", "OPERATOR", "STAFF") for v in answering]
    assert paths.answered == [*expected, *walked, ("OPERATOR", {})]

    mine = json.loads(await both({"first": 100}, scene["mine"]))["data"]["managedTrainings"]
    ids = scene["ids"]
    assert mine["totalCount"] == 7
    assert [n["id"] for n in mine["nodes"]] == [
        encode_id("Training", ids[key])
        # newest first; the tie at 23:30, newer id first
        for key in ("closed", "draft", "crowded", "finished", "own", "online", "school")
    ]
    by_key = {
        key: n for key in ids for n in mine["nodes"] if n["id"] == encode_id("Training", ids[key])
    }
    assert [by_key[k]["status"] for k in ("closed", "draft", "crowded", "finished")] == [
        "CLOSED",
        "DRAFT",
        "FULL",
        "FINISHED",
    ]
    assert [by_key[k]["fee"] for k in ("school", "own", "online", "crowded")] == [
        "1280.50",
        "-0.05",
        "0.00",
        "92233720368547758.07",
    ]
    school = by_key["school"]
    assert school["provider"] == {"kind": "INSTITUTION", "name": '上城"职业"学校\\'}
    assert [s["startsAt"] for s in school["sessions"]] == [
        "2026-12-20T23:59:59.123456+00:00",
        "2026-12-21T23:59:59.123456+00:00",
    ]
    assert school["waitlistCount"] == 2
    assert [(n["status"], n["waitlistPosition"]) for n in school["enrolments"]] == [
        ("WITHDRAWN", None),
        ("COMPLETED", None),
        ("ENROLLED", None),
        ("WAITLISTED", 1),
        ("WAITLISTED", 2),
    ]
    assert school["enrolments"][1]["certificateNo"] == '证书"\\\u2028😀\u0001'
    assert school["enrolments"][1]["worker"]["name"] == "控制\u0007字符"
    assert school["enrolments"][0]["worker"]["phoneMasked"] == '1"3\\8****0000'
    assert school["enrolments"][4]["worker"]["name"] == "换行\u2028符😀"
    assert school["enrolments"][2]["attendance"] == [
        {"seq": 1, "present": True},
        {"seq": 2, "present": False},
    ]
    assert by_key["online"]["sessions"] == [] and by_key["online"]["place"]["address"] is None
    crowded = by_key["crowded"]
    assert (crowded["seatsLeft"], crowded["waitlistCount"], crowded["enrolments"]) == (0, 0, [])
    staff = json.loads(await both({"first": 100}, scene["staff"]))["data"]["managedTrainings"]
    assert staff["totalCount"] == 8
    assert paths.differences == {}


async def test_a_crowded_course_shows_its_first_500_enrolments_as_the_loader_does(
    client, app, monkeypatch
):
    """More enrolments than Training.enrolments shows: the text plan writes the first 500 in
    queue order, with every waiting one counted and placed, as the generic executor does."""
    # given a full course with 501 enrolments, the last 498 waiting, and an empty one
    operator = await make_operator()
    market = await make_market(operator_id=operator)
    crowded = await make_course(market, capacity=3, title="满员")
    await make_course(market, title="空")
    await C.update({C.status: "FULL", C.enrolled_count: 3}).where(C.id == crowded)
    trainees = await _crowd(crowded)
    paths = _SignedInPaths(client, app, "ManagedTrainings", monkeypatch)
    token, staff = await operator_token(operator), await staff_token()
    # 500 enrolments through graphql-core took over the 15 s operation limit once on a
    # machine running four suites: this compares bytes, not the limit (test_execution_limits)
    monkeypatch.setattr(paths.schema, "timeout_seconds", 120)

    # when the operator and staff read the list
    bodies = [await paths.both({}, token), await paths.both({"status": ["FULL"]}, staff)]

    # then both are the generic executor's bytes, written by the text plan
    assert paths.differences == {}
    assert paths.answered == [("OPERATOR", {}), ("STAFF", {"status": ["FULL"]})]
    nodes = [json.loads(b)["data"]["managedTrainings"]["nodes"] for b in bodies]
    assert [len(page) for page in nodes] == [2, 1]
    card = nodes[0][1]
    assert card["title"] == "满员" and nodes[1][0]["id"] == card["id"]
    assert (card["seatsLeft"], card["waitlistCount"]) == (0, CROWD - 3)
    assert len(card["enrolments"]) == 500
    assert [e["waitlistPosition"] for e in card["enrolments"][2:4]] == [None, 1]
    assert card["enrolments"][-1]["waitlistPosition"] == 497
    assert card["enrolments"][-1]["worker"] == {
        "id": encode_id("Worker", trainees[499]),
        "name": "学员499",
        "phoneMasked": "139****0499",
    }
