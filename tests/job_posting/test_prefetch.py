"""A posting's applicant list comes with its applicants' cards (resolvers/job_posting/pages.py):
every loader it primes holds exactly what that loader would load."""

from __future__ import annotations

from datetime import timedelta

from resolvers.job_posting.loaders import employer_posting_page_select, primed_employer_posting
from resolvers.job_posting.pages import (
    applicant_page_select,
    posting_with_count,
    primed_applicant,
)
from resolvers.loaders import Loaders
from resolvers.pagination import rows_by_id
from schema.worker.types import WorkerAccess
from services.auth.rules import Role, Viewer
from tables import job_posting as jp
from tests.fixtures.account import make_staff_user
from tests.fixtures.assistance import register_at
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import insert_application, make_application, make_cast, make_posting
from tests.fixtures.market import make_market, occupation_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_walk_in, make_worker

DAY = timedelta(days=1)


def _viewer(role: str, subject: int) -> Viewer:
    return Viewer(0, role, subject, None)


async def _applicant_page(role: str, subject: int, applications: list[int]):
    primed = Loaders()
    with count_sql() as statements:
        rows = await rows_by_id(applicant_page_select(role), jp.JobApplication.id, applications)
    assert statements[0] == 1
    viewer = _viewer(role, subject)
    found = [primed_applicant(primed, viewer, row) for row in rows]
    assert [a.id for a in found] == sorted(applications)
    return primed, found


async def test_an_employer_s_applicant_page_primes_workers_occupations_access_and_phones():
    # given: a posting with four applicants: one confirmed on it (ID number, assistance, two
    # occupations), one without occupations or home county, one confirmed on another of the
    # employer's postings, one confirmed by another employer only
    employer, _ = await make_employer()
    other, _ = await make_employer()
    posting = await make_posting(employer, headcount=3, market_id=await make_market())
    later = await make_posting(employer, starts_in=2 * DAY)
    elsewhere = await make_posting(other, starts_in=3 * DAY)
    confirmed, _ = await make_worker(
        name="张伟",
        occupations=("装卸搬运工", "快件处理员"),
        resident_id="330102199001011234",
        assistance=("OLDER", "LOW_INCOME"),
    )
    bare, _ = await make_worker(name="李娜", occupations=(), region_code=None)
    known, _ = await make_worker(name="王强")
    stranger, _ = await make_worker(name="赵敏")
    await make_application(known, later, employer, status="CONFIRMED")
    await make_application(stranger, elsewhere, other, status="CONFIRMED")
    applications = [
        await make_application(confirmed, posting, employer, status="CONFIRMED"),
        await make_application(bare, posting, employer),
        await make_application(known, posting, employer),
        await make_application(stranger, posting, employer, status="CANCELLED"),
    ]
    workers = [confirmed, bare, known, stranger]

    # when
    primed, found = await _applicant_page(Role.EMPLOYER, employer, applications)

    # then: each value as its loader gives it; phones only for the workers it may show
    assert [a.worker_id for a in found] == workers
    got = await same_through_both(
        primed,
        {
            "worker_by_id": workers,
            "occupations_by_worker": workers,
            "worker_access": [(Role.EMPLOYER, employer, w) for w in workers],
            "worker_secrets": [confirmed, known],
        },
    )
    assert got["worker_access"] == [
        WorkerAccess.CONFIRMED,
        WorkerAccess.APPLICANT,
        WorkerAccess.CONFIRMED,
        WorkerAccess.APPLICANT,
    ]
    by_id = sorted([(await occupation_id(n), n) for n in ("装卸搬运工", "快件处理员")])
    assert [[o.name for o in os] for os in got["occupations_by_worker"]] == [
        [n for _, n in by_id],
        [],
        ["装卸搬运工"],
        ["装卸搬运工"],
    ]
    assert got["worker_by_id"][1].record.home_region is None
    assert got["worker_secrets"][0].resident_id == "330102199001011234"
    assert got["worker_secrets"][0].assistance == ["LOW_INCOME", "OLDER"]
    assert got["worker_secrets"][1].resident_id is None
    with count_sql() as statements:  # applicants' phones are not decrypted
        await primed.worker_secrets.load_many([bare, stranger])
    assert statements[0] == 1


async def test_an_operator_s_applicant_page_rates_workers_as_the_loader_does():
    # given: a posting at the operator's market; applicants registered at that market (walked
    # in), at another market, confirmed, and only applied
    cast = await make_cast()
    posting = await make_posting(cast.employer_id, headcount=2, market_id=cast.market_id)
    walk_in = await make_walk_in(cast.operator_id, cast.market_id, name="孙丽")
    registered_elsewhere, _ = await make_worker(name="周杰")
    await register_at(registered_elsewhere, cast.other_market_id)
    confirmed, _ = await make_worker(name="吴刚", occupations=("快件处理员",))
    applications = [
        await insert_application(walk_in, posting, "APPLIED"),
        await make_application(registered_elsewhere, posting, cast.employer_id),
        await make_application(confirmed, posting, cast.employer_id, status="CONFIRMED"),
        await make_application(cast.worker_id, posting, cast.employer_id, status="CANCELLED"),
    ]
    workers = [walk_in, registered_elsewhere, confirmed, cast.worker_id]

    # when
    primed, _ = await _applicant_page(Role.OPERATOR, cast.operator_id, applications)

    # then
    got = await same_through_both(
        primed,
        {
            "worker_by_id": workers,
            "occupations_by_worker": workers,
            "worker_access": [(Role.OPERATOR, cast.operator_id, w) for w in workers],
            "worker_secrets": [walk_in, confirmed],
        },
    )
    assert got["worker_access"] == [
        WorkerAccess.OPERATOR,
        WorkerAccess.APPLICANT,
        WorkerAccess.CONFIRMED,
        WorkerAccess.APPLICANT,
    ]
    assert got["worker_by_id"][0].record.has_account is False


async def test_a_staff_applicant_page_primes_no_phone():
    # given
    employer, _ = await make_employer()
    posting = await make_posting(employer)
    worker, _ = await make_worker()
    application = await make_application(worker, posting, employer, status="CONFIRMED")
    staff = await make_staff_user()

    # when
    primed, _ = await _applicant_page(Role.STAFF, staff, [application])

    # then: staff see personal data masked, so nothing is decrypted for them
    await same_through_both(
        primed,
        {
            "worker_by_id": [worker],
            "occupations_by_worker": [worker],
            "worker_access": [(Role.STAFF, staff, worker)],
        },
    )
    with count_sql() as statements:
        await primed.worker_secrets.load(worker)
    assert statements[0] == 1


async def test_the_applicant_list_s_posting_comes_with_its_market_and_count():
    # given: a posting at a market with three applications, one cancelled; one without any
    cast = await make_cast()
    posting = await make_posting(cast.employer_id, headcount=2, market_id=cast.market_id)
    empty = await make_posting(cast.employer_id, starts_in=2 * DAY)
    for status in ("APPLIED", "CONFIRMED", "CANCELLED"):
        worker, _ = await make_worker()
        await make_application(worker, posting, cast.employer_id, status=status)

    # when
    primed = Loaders()
    with count_sql() as statements:
        everything = await posting_with_count(primed, posting, [])
    waiting = await posting_with_count(Loaders(), posting, ["APPLIED", "CANCELLED"])
    none = await posting_with_count(Loaders(), empty, ["APPLIED"])
    unknown = await posting_with_count(Loaders(), empty + 1000, [])

    # then
    assert statements[0] == 1
    assert everything is not None and everything[1] == 3
    assert waiting is not None and waiting[1] == 2
    assert none is not None and none[1] == 0
    assert unknown is None
    got = await same_through_both(
        primed, {"job_posting_by_id": [posting], "market_by_id": [cast.market_id]}
    )
    assert got["job_posting_by_id"][0] == everything[0]


async def test_an_employer_s_posting_page_primes_the_application_counts():
    # given: a posting with applications in several statuses, one with none, one with a
    # single completed shift (rows written directly: their windows are already running)
    employer, _ = await make_employer()
    busy = await make_posting(employer, headcount=9)
    quiet = await make_posting(employer, title="无人报名")
    done = await make_posting(employer, title="已完工", headcount=1)
    for status in ("APPLIED", "APPLIED", "CONFIRMED", "CHECKED_IN", "CANCELLED", "NO_SHOW"):
        await insert_application((await make_worker())[0], busy, status)
    await insert_application((await make_worker())[0], done, "COMPLETED")
    ids = [busy, quiet, done]

    # when
    primed = Loaders()
    with count_sql() as statements:
        rows = await rows_by_id(employer_posting_page_select, jp.JobPosting.id, ids)
    postings = [primed_employer_posting(primed, row) for row in rows]

    # then
    assert statements[0] == 1
    assert [p.id for p in postings] == ids
    got = await same_through_both(
        primed,
        {
            "application_counts_by_posting": ids,
            "job_posting_by_id": ids,
            "occupation_by_id": [p.record.occupation_id for p in postings],
            "employer_by_id": [employer],
        },
    )
    counts = got["application_counts_by_posting"]
    assert [
        (c.applied, c.confirmed, c.checked_in, c.completed, c.cancelled, c.no_show) for c in counts
    ] == [(2, 1, 1, 0, 1, 1), (0, 0, 0, 0, 0, 0), (0, 0, 0, 1, 0, 0)]
