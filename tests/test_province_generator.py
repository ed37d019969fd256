"""`lingong generate-province` at a tiny scale: counts, the app's invariants, determinism,
refusals, and the main documents running on what it wrote."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

import pytest

from resolvers.global_ids import encode_id
from resolvers.trusted_documents import canonical_documents
from services.auth.rules import issue
from services.crypto import decrypt
from services.job_posting import rules as postings
from services.job_posting.expiry import EXPIRED_REASON
from services.timeutil import SHANGHAI, local, now
from services.worker import personal
from tables import job_posting as jp
from tables import training as tr
from tables.assessment import WorkloadReport
from tables.worker import Worker
from tests.conftest import CLEAN_ORDER
from tools.province.run import TABLES, Refused, generate

SCALE = 0.0005  # 3 sites, 500 workers, 1,000 postings, 2,500 applications
TODAY = local(now()).date()
# Ciphertexts carry a random IV (Fernet): compared through their plaintext instead.
CIPHERTEXTS = {"phone_encrypted", "resident_id_encrypted", "assistance_encrypted"}


async def _rows(table: str) -> list[dict]:
    rows = await Worker.raw(f"SELECT * FROM {table} ORDER BY id")
    return [{k: (decrypt(v) if k in CIPHERTEXTS and v else v) for k, v in r.items()} for r in rows]


async def _snapshot() -> dict[str, list[dict]]:
    return {t: await _rows(t) for t in TABLES}


async def _empty(database) -> None:
    for table in CLEAN_ORDER:  # children first (stations before their markets)
        if table.split()[0] in TABLES:
            await database.run_ddl(f"DELETE FROM {table}")


async def _counts() -> dict[str, int]:
    out = {}
    for t in TABLES:
        out[t] = (await Worker.raw(f"SELECT COUNT(*) AS n FROM {t}"))[0]["n"]
    return out


async def test_counts_match_the_scale_and_what_it_reports():
    done = await generate(seed=7, scale=SCALE, today=TODAY, progress=False)

    assert await _counts() == done.rows
    assert (done.rows["market"], done.rows["worker"], done.rows["job_posting"]) == (3, 500, 1000)
    assert done.rows["operator"] == 1 and done.rows["employer"] == 50
    # Drafts take no applications: all but a few of the 2,500 are written.
    assert 2400 <= done.rows["job_application"] <= 2500
    assert done.rows["workload_report"] == 3 * 12  # every site is run by the one operator
    # One course for every 80 postings, two sessions each; 12 to 78 requests a course.
    assert done.rows["training_course"] == 12 and done.rows["training_session"] == 24
    assert 12 * 6 <= done.rows["training_enrolment"] <= 12 * 78


async def test_rows_keep_the_invariants_the_app_relies_on():
    await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    postings = {r["id"]: r for r in await jp.JobPosting.select()}
    applications = await jp.JobApplication.select()

    taking = {"CONFIRMED", "CHECKED_IN", "COMPLETED", "NO_SHOW"}
    for posting in postings.values():
        mine = [a for a in applications if a["posting"] == posting["id"]]
        confirmed = sum(a["status"] in taking for a in mine)
        assert posting["confirmed_count"] == confirmed <= posting["headcount"]
        assert (posting["status"] == "FILLED") == (confirmed == posting["headcount"])
        assert (posting["published_at"] is None) == (posting["status"] == "DRAFT")
        assert posting["starts_at"] < posting["ends_at"]
    expected_times = {
        "APPLIED": set(),
        "CONFIRMED": {"confirmed_at"},
        "CHECKED_IN": {"confirmed_at", "checked_in_at"},
        "COMPLETED": {"confirmed_at", "checked_in_at", "completed_at"},
        "NO_SHOW": {"confirmed_at", "no_show_at"},
        "CANCELLED": {"cancelled_at"},
    }
    booked: dict[int, list[tuple]] = {}
    for a in applications:
        posting = postings[a["posting"]]
        assert (a["starts_at"], a["ends_at"]) == (posting["starts_at"], posting["ends_at"])
        assert posting["published_at"] <= a["applied_at"] <= a["starts_at"]
        stamped = {
            c
            for c in ("confirmed_at", "checked_in_at", "completed_at", "no_show_at", "cancelled_at")
            if a[c] is not None
        }
        assert stamped - {"confirmed_at"} == expected_times[a["status"]] - {"confirmed_at"}
        assert expected_times[a["status"]] <= stamped
        if a["confirmed_at"] is not None:
            assert a["applied_at"] <= a["confirmed_at"]
        if a["status"] in ("CONFIRMED", "CHECKED_IN"):
            booked.setdefault(a["worker"], []).append((a["starts_at"], a["ends_at"]))
    for shifts in booked.values():  # never two booked shifts at once
        shifts.sort()
        assert all(a[1] <= b[0] for a, b in zip(shifts, shifts[1:], strict=False))
    for w in await Worker.select().limit(50):
        phone = decrypt(w["phone_encrypted"])
        assert w["phone_hash"] == personal.phone_hash(phone)
        assert w["phone_masked"] == phone[:3] + "****" + phone[-4:]
        assert w["prioritised"] == bool(w["assistance_encrypted"])


async def test_courses_keep_the_invariants_the_training_rules_rely_on():
    await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    anchor = datetime.combine(TODAY, time(0), SHANGHAI)
    sessions = await tr.TrainingSession.select().order_by(tr.TrainingSession.id)
    enrolments = await tr.TrainingEnrolment.select().order_by(tr.TrainingEnrolment.id)
    attendance = await tr.TrainingAttendance.select()
    registered = {
        w["id"]: w["created_at"] for w in await Worker.select(Worker.id, Worker.created_at)
    }
    placed_statuses = {"ENROLLED", "COMPLETED"}
    ended = 0
    for course in await tr.TrainingCourse.select():
        mine = [e for e in enrolments if e["course"] == course["id"]]
        own = [s for s in sessions if s["course"] == course["id"]]
        placed = [e for e in mine if e["status"] in placed_statuses]
        # The counters as enrolment leaves them; FULL exactly when every place is taken.
        assert course["enrolled_count"] == len(placed) <= course["capacity"]
        assert (course["status"] == "FULL") == (len(placed) == course["capacity"])
        assert course["status"] in ("OPEN", "FULL")  # an ended course reads FINISHED unwritten
        assert course["queue_counter"] == len(mine)
        assert [e["queue_no"] for e in mine] == list(range(1, len(mine) + 1))
        # Places go in queue order: nobody waits behind a later request that got one.
        waiting = [e["queue_no"] for e in mine if e["status"] == "WAITLISTED"]
        assert all(w > e["queue_no"] for w in waiting for e in placed)
        assert not waiting or len(placed) == course["capacity"]
        assert [s["seq"] for s in own] == [1, 2]
        assert (course["starts_at"], course["ends_at"]) == (own[0]["starts_at"], own[-1]["ends_at"])
        assert course["published_at"] < course["starts_at"]
        ended += course["ends_at"] <= anchor
        held = {s["id"] for s in own if s["starts_at"] <= anchor}
        for e in mine:
            assert registered[e["worker"]] <= e["requested_at"] <= course["starts_at"]
            marks = {a["session"]: a["present"] for a in attendance if a["enrolment"] == e["id"]}
            # Attendance only for a place, only for sessions held, each at most once.
            assert set(marks) == (held if e["status"] in placed_statuses else set())
            if e["status"] == "COMPLETED":  # services/training/attendance.complete's rule
                assert course["ends_at"] <= anchor and all(marks.values())
                assert e["certificate_no"] and e["completed_at"] >= course["ends_at"]
            else:
                assert e["certificate_no"] is None and e["completed_at"] is None
            assert (e["withdrawn_at"] is not None) == (e["status"] == "WITHDRAWN")
            assert (e["enrolled_at"] is not None) == (e["status"] in placed_statuses)
    assert 0 < ended < len(await tr.TrainingCourse.select())  # past and upcoming courses
    assert any(e["status"] == "COMPLETED" for e in enrolments)
    assert any(e["status"] == "WAITLISTED" for e in enrolments)


async def test_ended_windows_hold_what_the_expiry_sweep_stores():
    # given: a run anchored at midnight today (Asia/Shanghai), which is its "now"
    await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    anchor = datetime.combine(TODAY, time(0), SHANGHAI)
    before = await _snapshot()

    # when: the app's sweep runs at that moment
    expired = await postings.sweep_expired(anchor)

    # then: it finds nothing to do: no ended posting still open or a draft, no pending
    # application of an ended shift; those it would have cancelled carry its reason and time
    assert expired == 0
    assert await _snapshot() == before
    applications = before["job_application"]
    swept = [a for a in applications if a["cancelled_by"] == "SYSTEM"]
    assert len(swept) > 100
    for a in swept:
        assert (a["status"], a["cancel_reason"], a["version"]) == ("CANCELLED", EXPIRED_REASON, 1)
        assert a["confirmed_at"] is None
        assert a["cancelled_at"] == a["ends_at"] + timedelta(minutes=1)
    assert all(a["ends_at"] > anchor for a in applications if a["status"] == "APPLIED")
    for p in before["job_posting"]:
        if p["status"] == "EXPIRED":
            assert p["closed_at"] == p["ends_at"] + timedelta(minutes=1)


async def test_same_seed_same_rows_and_another_seed_other_rows(database):
    await generate(seed=11, scale=SCALE, today=TODAY, progress=False)
    first = await _snapshot()
    await _empty(database)
    await generate(seed=11, scale=SCALE, today=TODAY, progress=False)
    assert await _snapshot() == first

    await _empty(database)
    await generate(seed=12, scale=SCALE, today=TODAY, progress=False)
    other = await _snapshot()
    assert [r["name"] for r in other["worker"]] != [r["name"] for r in first["worker"]]


async def test_refuses_a_database_with_workers_unless_appending():
    await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    before = await _counts()

    with pytest.raises(Refused, match="已有零工登记"):
        await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    assert await _counts() == before

    done = await generate(seed=8, scale=SCALE, today=TODAY, append=True, progress=False)
    assert await _counts() == {t: before[t] + done.rows[t] for t in TABLES}


async def test_refuses_in_production(monkeypatch):
    from settings import get_settings

    monkeypatch.setenv("LINGONG_PRODUCTION", "1")
    get_settings.cache_clear()
    try:
        with pytest.raises(Refused, match="LINGONG_PRODUCTION"):
            await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    finally:
        monkeypatch.delenv("LINGONG_PRODUCTION")
        get_settings.cache_clear()
    assert (await _counts())["worker"] == 0
    assert os.environ.get("LINGONG_PRODUCTION") is None


async def test_main_documents_run_on_generated_data(gql):
    await generate(seed=7, scale=SCALE, today=TODAY, progress=False)
    documents = canonical_documents()
    posting = (
        await jp.JobPosting.select(jp.JobPosting.id, jp.JobPosting.employer)
        .where(jp.JobPosting.status == "OPEN")
        .order_by(jp.JobPosting.id)
        .first()
    )
    assert posting is not None
    worker = await jp.JobApplication.select(jp.JobApplication.worker).first()
    report = await WorkloadReport.select(WorkloadReport.operator).first()
    assert worker is not None and report is not None
    worker_token, _ = await issue("WORKER", worker["worker"])
    employer_token, _ = await issue("EMPLOYER", posting["employer"])
    operator_token, _ = await issue("OPERATOR", report["operator"])
    trainee = await tr.TrainingEnrolment.select(tr.TrainingEnrolment.worker).first()
    assert trainee is not None
    trainee_token, _ = await issue("WORKER", trainee["worker"])
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    calls = [
        ("MarketDirectory", {}, None, "markets"),
        ("PostingSearch", {}, None, "jobPostings"),
        ("PostingSearch", {"where": {"workDate": tomorrow, "minDailyWage": "100"}}, None, "jobPostings"),
        ("PostingSearch", {"where": {"regionCode": "330000"}, "search": "急招"}, None, "jobPostings"),
        ("RecommendedPostings", {}, worker_token, "recommendedJobPostings"),
        ("Candidates", {"jobPostingId": encode_id("JobPosting", posting["id"])}, employer_token, "candidateWorkers"),
        ("WorkloadReports", {}, operator_token, "workloadReports"),
        ("TrainingSearch", {}, None, "trainings"),
        ("MyTrainingEnrolments", {}, trainee_token, "myTrainingEnrolments"),
        ("ManagedTrainings", {}, operator_token, "managedTrainings"),
    ]  # fmt: skip
    for name, variables, token, field in calls:
        body = await gql(documents[name], variables, token)
        assert "errors" not in body, (name, body)
        assert body["data"][field]["totalCount"] > 0, (name, variables)
        assert body["data"][field]["nodes"], (name, variables)
    assert date.fromisoformat(tomorrow) > TODAY
