"""A page of subsidy applications brings what its cards load (resolvers/prefetch.py): every
loader it primes holds exactly what that loader would load, and reading it costs no statement."""

from __future__ import annotations

from resolvers.loaders import Loaders
from resolvers.pagination import rows_by_id
from resolvers.subsidy.loaders import application_page_select, primed_application
from services.subsidy.applications import submit
from services.subsidy.eligibility import Applicant
from tables import subsidy as t
from tables import training as tr
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import region_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.subsidy import (
    apply,
    make_completed_training,
    make_placements,
    make_programme,
)
from tests.fixtures.training import make_institution

A = t.SubsidyApplication


async def _page(primed: Loaders, ids: list[int]) -> list:
    # the page's own path: the wide rows of these ids through the kept page text
    with count_sql() as statements:
        rows = await rows_by_id(application_page_select, A.id, ids)
    assert statements[0] == 1
    return [primed_application(primed, row) for row in rows]


async def test_a_page_of_applications_primes_programmes_enrolments_courses_and_markets():
    # given: a worker's two training applications (one course by an institution in the
    # province's own region, which has no parent; one by the market, with an operator), and an
    # operator's application for its market (no enrolment); programmes with and without a
    # region and assistance categories
    cast = await make_cast()
    subsidy = await make_programme("培训补贴", amount_rule="PER_TRAINING_HOUR", amount="10.5")
    allowance = await make_programme("生活费补贴", kind="TRAINING_LIVING_ALLOWANCE")
    service = await make_programme("服务补贴", kind="EMPLOYMENT_SERVICE_SUBSIDY", amount="3000")
    first = await make_completed_training(cast.market_id, cast.worker_id, title="叉车操作实训")
    second = await make_completed_training(
        cast.market_id, cast.worker_id, category="NEW_OCCUPATION"
    )
    courses = {
        r["id"]: r["course"]
        for r in await tr.TrainingEnrolment.select().where(
            tr.TrainingEnrolment.id.is_in([first, second])
        )
    }
    await tr.TrainingCourse.update(
        {
            tr.TrainingCourse.institution: await make_institution(),
            tr.TrainingCourse.region: await region_id("330000"),
        }
    ).where(tr.TrainingCourse.id == courses[first])
    await tr.TrainingCourse.update({tr.TrainingCourse.operator: cast.operator_id}).where(
        tr.TrainingCourse.id == courses[second]
    )
    by_hours = await apply(cast.worker_id, subsidy, first)
    living = await apply(cast.worker_id, allowance, second)
    await make_placements(cast.market_id, cast.employer_id, [cast.worker_id])
    for_market = await submit(
        Applicant("OPERATOR", cast.operator_id, market_id=cast.market_id), service
    )
    ids = [by_hours, living, for_market]
    # rules written after the applications: the cards show them as they are now
    await t.SubsidyProgramme.update(
        {
            t.SubsidyProgramme.region: await region_id("330100"),
            t.SubsidyProgramme.assistance_categories: ["OLDER", "DISABLED"],
        }
    ).where(t.SubsidyProgramme.id == allowance)
    await t.SubsidyProgramme.update({t.SubsidyProgramme.market_ownership: "PUBLIC_WELFARE"}).where(
        t.SubsidyProgramme.id == service
    )

    # when
    primed = Loaders()
    found = await _page(primed, ids)

    # then
    assert [(a.id, a.enrolment_id, a.market_id) for a in found] == [
        (by_hours, first, None),
        (living, second, None),
        (for_market, None, cast.market_id),
    ]
    await same_through_both(
        primed,
        {
            "subsidy_programme_by_id": [subsidy, allowance, service],
            "training_enrolment_by_id": [first, second],
            "training_by_id": [courses[first], courses[second]],
            "market_by_id": [cast.market_id],
        },
    )


async def test_an_application_without_enrolment_or_market_primes_its_programme_only():
    # given: an application whose enrolment and market are both empty (a row the rules no
    # longer write, kept by older data)
    cast = await make_cast()
    allowance = await make_programme("生活费补贴", kind="TRAINING_LIVING_ALLOWANCE")
    enrolment = await make_completed_training(cast.market_id, cast.worker_id)
    number = await apply(cast.worker_id, allowance, enrolment)
    await A.update({A.enrolment: None}).where(A.id == number)

    # when
    primed = Loaders()
    (found,) = await _page(primed, [number])

    # then
    assert (found.enrolment_id, found.market_id) == (None, None)
    await same_through_both(primed, {"subsidy_programme_by_id": [allowance]})
    assert primed.training_enrolment_by_id.cache_map.cache_map == {}  # nothing primed
    assert primed.market_by_id.cache_map.cache_map == {}
