"""The matching lists come with their cards (resolvers/job_posting/pages.py): candidates'
occupations and the employer's access, and the recommending worker's own row; every loader they
prime holds exactly what that loader would load."""

from __future__ import annotations

from datetime import timedelta

from resolvers.job_posting import pages as prefetched
from resolvers.loaders import Loaders
from resolvers.worker.loaders import worker_select
from schema.worker.types import WorkerAccess
from services.auth.rules import Role, Viewer
from services.timeutil import now
from tables import job_posting as jp
from tables.assistance import WorkerServiceTier
from tables.worker import Worker as WorkerRow
from tests.fixtures.account import make_staff_user
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import insert_application, make_application, make_posting
from tests.fixtures.market import occupation_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.worker import make_worker

DAY = timedelta(days=1)


async def test_candidate_rows_bring_their_occupations():
    # given: workers without occupations, with three, with one
    bare, _ = await make_worker(occupations=())
    many, _ = await make_worker(occupations=("快件处理员", "装卸搬运工", "中式烹调师"))
    one, _ = await make_worker()
    workers = [bare, many, one]

    # when
    rows = (
        await worker_select()
        .columns(prefetched.occupations_column(prefetched.WORKER))
        .where(WorkerRow.id.is_in(workers))
        .order_by(WorkerRow.id)
    )
    primed = Loaders()
    for row in rows:
        primed.occupations_by_worker.prime(row["id"], prefetched.occupations_of(row))

    # then: the occupations shown, and those scored on
    got = await same_through_both(primed, {"occupations_by_worker": workers})
    assert [len(o) for o in got["occupations_by_worker"]] == [0, 3, 1]
    assert [o.id for o in got["occupations_by_worker"][1]] == sorted(
        [await occupation_id(n) for n in ("快件处理员", "装卸搬运工", "中式烹调师")]
    )
    assert [prefetched.occupation_ids(r) for r in rows] == [
        {o.id for o in occupations} for occupations in got["occupations_by_worker"]
    ]


async def test_a_candidate_list_s_posting_brings_the_employer_s_access_to_every_worker():
    # given: workers who never applied to the employer, applied (cancelled) to the posting,
    # confirmed on another of its postings, and confirmed by another employer only
    employer, _ = await make_employer()
    other, _ = await make_employer()
    posting = await make_posting(employer, headcount=2)
    later = await make_posting(employer, starts_in=2 * DAY)
    elsewhere = await make_posting(other, starts_in=3 * DAY)
    never, _ = await make_worker()
    cancelled, _ = await make_worker()
    confirmed, _ = await make_worker()
    stranger, _ = await make_worker()
    await make_application(cancelled, posting, employer, status="CANCELLED")
    await make_application(confirmed, posting, employer)
    await make_application(confirmed, later, employer, status="CONFIRMED")
    await make_application(stranger, elsewhere, other, status="CONFIRMED")
    workers = [never, cancelled, confirmed, stranger]

    # when
    row = (
        await jp.JobPosting.select(
            jp.JobPosting.id, prefetched.levels_column('"job_posting"."employer"')
        )
        .where(jp.JobPosting.id == posting)
        .first()
    )
    assert row is not None
    primed = Loaders()
    prefetched.prime_levels(primed, Viewer(0, Role.EMPLOYER, employer, None), workers, row)

    # then
    got = await same_through_both(
        primed, {"worker_access": [(Role.EMPLOYER, employer, w) for w in workers]}
    )
    assert got["worker_access"] == [
        WorkerAccess.NONE,
        WorkerAccess.APPLICANT,
        WorkerAccess.CONFIRMED,
        WorkerAccess.NONE,
    ]


async def _override(worker: int, tier: str) -> None:
    await WorkerServiceTier.insert(
        WorkerServiceTier(
            worker=worker, tier=tier, reason="社区走访核实", decided_by=await make_staff_user()
        )
    )


async def test_the_recommending_worker_s_row_decides_public_welfare_as_the_loader_does():
    # given: workers with no need, disabled, older but overridden to GENERAL, overridden to
    # KEY, registered long ago without a shift, registered long ago with a recent shift
    employer, _ = await make_employer()
    plain, _ = await make_worker()
    disabled, _ = await make_worker(assistance=("DISABLED",))
    withdrawn, _ = await make_worker(assistance=("OLDER",))
    await _override(withdrawn, "GENERAL")
    granted, _ = await make_worker()
    await _override(granted, "KEY")
    waiting, _ = await make_worker()
    worked, _ = await make_worker()
    long_ago = now() - timedelta(days=200)
    await WorkerRow.update({WorkerRow.created_at: long_ago}).where(
        WorkerRow.id.is_in([waiting, worked])
    )
    past = await make_posting(employer, starts_in=timedelta(hours=3))
    shift = await insert_application(worked, past, "COMPLETED")
    await jp.JobApplication.update({jp.JobApplication.completed_at: now() - 10 * DAY}).where(
        jp.JobApplication.id == shift
    )
    workers = [plain, disabled, withdrawn, granted, waiting, worked]

    # when
    rows = await prefetched.recommending_worker_select().where(WorkerRow.id.is_in(workers))
    primed = Loaders()
    decided = {row["id"]: prefetched.prime_public_welfare(primed, row) for row in rows}

    # then
    got = await same_through_both(primed, {"public_welfare_eligible": workers})
    assert got["public_welfare_eligible"] == [False, True, False, True, True, False]
    assert [decided[w] for w in workers] == got["public_welfare_eligible"]


async def test_the_recommending_worker_s_row_brings_their_applications_and_occupations():
    # given: a worker with a confirmed and a cancelled application, and one without any
    employer, _ = await make_employer()
    worker, _ = await make_worker(occupations=("快件处理员", "装卸搬运工"))
    idle, _ = await make_worker(occupations=())
    first = await make_posting(employer, starts_in=timedelta(hours=5))
    second = await make_posting(employer, starts_in=2 * DAY, hours=3.5)
    await make_application(worker, first, employer, status="CONFIRMED")
    await make_application(worker, second, employer, status="CANCELLED")

    # when
    rows = {
        r["id"]: r
        for r in await prefetched.recommending_worker_select().where(
            WorkerRow.id.is_in([worker, idle])
        )
    }

    # then: the same values (aware, in UTC) as the applications' own select
    expected = await jp.JobApplication.select(
        jp.JobApplication.posting,
        jp.JobApplication.status,
        jp.JobApplication.starts_at,
        jp.JobApplication.ends_at,
    ).where(jp.JobApplication.worker == worker)
    mine = prefetched.applications_of(rows[worker])
    assert sorted(mine) == sorted(tuple(r.values()) for r in expected)
    assert repr(sorted(mine)) == repr(sorted(tuple(r.values()) for r in expected))
    assert prefetched.applications_of(rows[idle]) == []
    assert prefetched.occupation_ids(rows[worker]) == {
        await occupation_id("快件处理员"),
        await occupation_id("装卸搬运工"),
    }
    assert prefetched.occupation_ids(rows[idle]) == set()
