"""Policy push in three statements (token, candidates, programmes): the candidates bring the
worker's profile as services/policy/audience.py reads it, the open programmes bring what every
programme's checks share, and the programme cards' loader is primed with exactly what it would
load (resolvers/prefetch.py)."""

from __future__ import annotations

import re
from datetime import timedelta

from piccolo_conf import sql_statement_log
from resolvers.loaders import Loaders
from resolvers.policy import filters
from resolvers.policy.loaders import candidate_select, split_worker_profile
from resolvers.subsidy.loaders import prime_programmes
from services import page_statements
from services.assistance import tier
from services.db import current_engine
from services.policy import audience
from services.policy.rules import today
from services.subsidy import programmes as rules
from services.subsidy.eligibility import Applicant, evaluate
from services.subsidy.qualifying import KEY, qualifying
from services.timeutil import local, now
from tables import job_posting as jp
from tables import policy as t
from tables import subsidy as s
from tables import training as tr
from tables.worker import Worker
from tests.fixtures.account import make_staff_user
from tests.fixtures.job_posting import insert_application, insert_posting, make_cast
from tests.fixtures.policy import make_policy
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.subsidy import apply, make_completed_training, make_programme
from tests.fixtures.worker import make_worker
from tools.bench.hot import plan


async def _candidates(worker_id: int | None) -> list[dict]:
    return (
        await candidate_select(worker_id)
        .where(*filters.in_effect(today()), t.PolicyItem.roles.any("WORKER"))
        .order_by(t.PolicyItem.id)
    )


async def test_the_candidates_bring_the_workers_profile_as_the_audience_reads_it():
    # given: a worker with a county, two categories and two occupations; one with none of
    # them; and an id no worker has
    await make_policy("全省零工政策")
    await make_policy("上城区政策", regions=("330102",), occupations=("保洁员",))
    full, _ = await make_worker(
        occupations=("装卸搬运工", "保洁员"), region_code="330102", assistance=("OLDER", "DISABLED")
    )
    bare, _ = await make_worker(occupations=(), region_code=None)
    await Worker.update({Worker.home_region: None}).where(Worker.id == bare)
    plain = await _candidates(None)

    for worker_id in (full, bare, 999_999):
        # when
        with count_sql() as statements:
            rows = await _candidates(worker_id)
        profile, items = split_worker_profile(rows)

        # then: one statement; the profile and the items as read apart
        assert statements[0] == 1
        assert profile == await audience.worker_profile(worker_id)
        assert items == plain
    assert (await audience.worker_profile(full)).occupations == {"装卸搬运工", "保洁员"}


async def test_no_candidate_means_a_profile_of_no_use():
    # given: nothing in effect
    worker_id, _ = await make_worker()

    # when
    profile, items = split_worker_profile(await _candidates(worker_id))

    # then: nothing is scored with it
    assert (profile, items) == (audience.Profile("WORKER"), [])


async def _old_qualifying(worker_id: int) -> list:
    """What qualifying() answered when it read each programme, the worker and the earlier
    application once per programme: evaluate() for every open programme it checks."""
    moment = now()
    rows = (
        await s.SubsidyProgramme.select(s.SubsidyProgramme.id, s.SubsidyProgramme.kind)
        .where(
            s.SubsidyProgramme.active.eq(True)
            & (s.SubsidyProgramme.starts_at <= moment)
            & (s.SubsidyProgramme.ends_at > moment)
            & s.SubsidyProgramme.kind.not_in(list(rules.OPERATOR_KINDS))
        )
        .order_by(s.SubsidyProgramme.id)
    )
    trained = await tr.TrainingEnrolment.exists().where(
        (tr.TrainingEnrolment.worker == worker_id) & (tr.TrainingEnrolment.status == "COMPLETED")
    )
    out = []
    for row in rows:
        if row["kind"] in rules.TRAINING_KINDS and not trained:
            continue
        result = await evaluate(Applicant(role="WORKER", id=worker_id), row["id"])
        if result.eligible:
            out.append(result)
    return out


def _seen(results: list) -> list:
    return [
        (
            r.programme["id"],
            r.checks,
            r.quantity,
            r.amount_fen,
            r.worker_id,
            r.enrolment_id,
            r.region_id,
            r.applicant_key,
        )
        for r in results
    ]


async def test_qualifying_checks_every_programme_as_evaluate_does():
    # given: a trainee (disabled, in 上城区) and a worker without a course; training programmes
    # (one already applied for), public-welfare job programmes (one for the disabled in 杭州,
    # one already applied for, one for low-income workers only), a service subsidy (operators')
    cast = await make_cast(assistance=("DISABLED",))
    enrolment = await make_completed_training(cast.market_id, cast.worker_id, hours=(3, 4.5))
    # an older course, not yet claimed: the allowance already paid for the newer one pays it
    older = await make_completed_training(
        cast.market_id, cast.worker_id, completed_days_ago=40, hours=(2,), title="电工实训"
    )
    by_hours = await make_programme("培训补贴", amount_rule="PER_TRAINING_HOUR", amount="15")
    allowance = await make_programme("生活费补贴", kind="TRAINING_LIVING_ALLOWANCE")
    await apply(cast.worker_id, allowance, enrolment)
    # and one whose rules the newer course meets, already applied for with it
    claimed = await make_programme("急需紧缺培训补贴", kind="TRAINING_SUBSIDY", amount="500")
    await apply(cast.worker_id, claimed, enrolment)
    # and one applied for with both courses: nothing left to claim under it
    spent = await make_programme("技能提升补贴", kind="TRAINING_SUBSIDY", amount="800")
    await apply(cast.worker_id, spent, enrolment)
    await apply(cast.worker_id, spent, older)
    disabled = await make_programme(
        "残疾人公益性岗位补贴",
        kind="PUBLIC_WELFARE_JOB_SUBSIDY",
        amount="1500",
        assistance_categories=["DISABLED"],
        region_code="330100",
    )
    applied = await make_programme("公益性岗位补贴", kind="PUBLIC_WELFARE_JOB_SUBSIDY")
    await apply(cast.worker_id, applied)
    await make_programme(
        "低收入公益性岗位补贴",
        kind="PUBLIC_WELFARE_JOB_SUBSIDY",
        assistance_categories=["LOW_INCOME"],
    )
    await make_programme("服务补贴", kind="EMPLOYMENT_SERVICE_SUBSIDY", amount="3000")
    untrained, _ = await make_worker(region_code="330102")

    # when
    with count_sql() as trained:
        found = await qualifying(cast.worker_id)
    with count_sql() as statements:
        others = await qualifying(untrained)

    # then: the same checks, in the same order, as one evaluation per programme
    assert [(r.programme["id"], r.enrolment_id) for r in found] == [
        (by_hours, enrolment),
        (allowance, older),
        (claimed, older),
        (disabled, None),
    ]
    assert _seen(found) == _seen(await _old_qualifying(cast.worker_id))
    assert _seen(others) == _seen(await _old_qualifying(untrained))
    assert [r.programme["id"] for r in others] == [applied]
    assert statements[0] == 1  # no training to check: the programmes' statement alone
    # the training rule's facts once for the four training programmes: enrolments, their
    # courses' minutes, the worker's applications
    assert trained[0] == 4
    # and: that statement is written once and reused with each worker's values
    kept = [v for k, v in page_statements._KEPT.items() if k[1] == ("kept", KEY)]
    assert len(kept) == 1 and kept[0] is not None

    # and: the programme cards' loader holds what it would load (a region with a parent, none)
    primed = Loaders()
    prime_programmes(primed, [r.programme for r in found + others])
    await same_through_both(primed, {"subsidy_programme_by_id": [by_hours, disabled, applied]})


async def test_qualifying_finds_a_workers_enrolments_by_the_worker():
    # given: a trainee and a training programme, on a database without planner statistics
    # (SQLite before any ANALYZE: a new or small installation)
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    await make_programme("培训补贴", amount_rule="PER_TRAINING_HOUR", amount="15")

    # when: the statements qualifying() sends are explained by the database
    log: list[tuple[str, list]] = []
    token = sql_statement_log.set(log)
    try:
        await qualifying(cast.worker_id)
    finally:
        sql_statement_log.reset(token)
    plans = [await plan(sql, args) for sql, args in log]

    # then: training_enrolment is never walked by status (every completed enrolment of the
    # province); on SQLite it is searched by the worker (PostgreSQL, with statistics, may read
    # a table this small whole)
    assert len(log) == 4
    assert not any("training_enrolment_status" in p for p in plans), plans
    if current_engine().engine_type == "sqlite":
        reads = [
            line
            for p in plans
            for line in p.splitlines()
            if re.match(r"(SEARCH|SCAN) (e|training_enrolment) ", line)
        ]
        assert len(reads) == 2, plans  # "completed a course?" and the completed enrolments
        for line in reads:
            assert re.match(r"SEARCH \S+ USING (COVERING )?INDEX training_enrolment_worker", line)


async def test_the_candidates_bring_the_workers_tier_as_the_tiered_service_derives_it():
    # given: an item for a tier, and workers of every kind the tier's rules tell apart: one
    # with nothing, one disabled (ASSISTED), one of 55 (KEY), one registered 200 days ago who
    # never completed a shift (KEY), the same with a shift completed 10 days ago (GENERAL),
    # one whose tier staff set by hand, and an id no worker has
    await make_policy("重点服务对象", service_tiers=("KEY",))
    plain, _ = await make_worker()
    disabled, _ = await make_worker(assistance=("DISABLED",))
    older, _ = await make_worker()
    await Worker.update({Worker.birth_year: local(now()).year - 55}).where(Worker.id == older)
    waiting, _ = await make_worker()
    working, _ = await make_worker()
    for worker_id in (waiting, working):
        await Worker.update({Worker.created_at: now() - timedelta(days=200)}).where(
            Worker.id == worker_id
        )
    cast = await make_cast()
    posting = await insert_posting(
        cast.employer_id, now() - timedelta(days=10, hours=8), now() - timedelta(days=10)
    )
    done = await insert_application(working, posting, status="COMPLETED")
    await jp.JobApplication.update(
        {jp.JobApplication.completed_at: now() - timedelta(days=10)}
    ).where(jp.JobApplication.id == done)
    overridden, _ = await make_worker(assistance=("DISABLED",))
    await tier.set_override(await make_staff_user(), overridden, "GENERAL", "已稳定就业")
    workers = (plain, disabled, older, waiting, working, overridden, 999_999)

    # when
    read = [split_worker_profile(await _candidates(w))[0].tier for w in workers]

    # then: the service's own tier for each (none for the unknown id)
    expected = [(await tier.tier_of(w)) for w in workers]
    assert read == [found.tier if found else None for found in expected]
    assert read == ["GENERAL", "ASSISTED", "KEY", "KEY", "GENERAL", "GENERAL", None]
