"""Demo courses at the demo operator's contracted market, and enrolments, through the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from services.problems import ServiceError
from services.timeutil import SHANGHAI, local, now
from services.training import enrolment
from services.training import rules as courses
from services.worker import personal
from tables import training as t
from tables.occupation import Occupation
from tables.operator import OperatingContract
from tables.worker import Worker
from tools.demo.data import WORKERS


@dataclass(frozen=True)
class DemoCourse:
    title: str
    occupation: str | None
    category: str
    mode: str
    day: int  # first session, days from today (Asia/Shanghai), after every demo posting
    start: str
    hours: int
    count: int  # sessions on consecutive days
    capacity: int
    fee: str
    subsidised: bool
    description: str = ""


# fmt: off
COURSES = (
    DemoCourse("叉车操作实训（急需紧缺）", "装卸搬运工", "URGENT_SKILL", "OFFLINE", 8, "09:00", 3, 2, 2, "0", True, "场内叉车实操，结业发证"),
    DemoCourse("电商直播带货创业培训", None, "ENTREPRENEURSHIP", "ONLINE", 9, "19:00", 2, 3, 50, "199", False),
    DemoCourse("家政服务员（育婴方向）培训", "家政服务员", "NEW_OCCUPATION", "HYBRID", 12, "14:00", 3, 2, 20, "0", True),
)
# (index into WORKERS, course title): in this order, so the full forklift course waitlists 刘洋.
ENROLMENTS = (
    (0, "叉车操作实训（急需紧缺）"),
    (5, "叉车操作实训（急需紧缺）"),
    (3, "叉车操作实训（急需紧缺）"),
    (1, "家政服务员（育婴方向）培训"),
)
# fmt: on


async def seed_trainings(operator_id: int, created: dict[str, int]) -> None:
    """Courses at the demo operator's contracted market, each kept while it has not started;
    enrolments of the demo workers. Counts what it creates in `created`."""
    contract = await OperatingContract.select(OperatingContract.market).where(
        OperatingContract.operator == operator_id
    )
    if not contract:
        return
    market_id = contract[0]["market"]
    actor = courses.Actor("OPERATOR", operator_id)
    ids = {c.title: await _course(actor, market_id, c, created) for c in COURSES}
    workers = {
        r["phone_hash"]: r["id"]
        for r in await Worker.select(Worker.id, Worker.phone_hash).where(
            Worker.phone_hash.is_in([personal.phone_hash(w.phone) for w in WORKERS])
        )
    }
    for index, title in ENROLMENTS:
        worker_id = workers.get(personal.phone_hash(WORKERS[index].phone))
        course_id = ids.get(title)
        if worker_id is None or course_id is None:
            continue
        if await t.TrainingEnrolment.exists().where(
            (t.TrainingEnrolment.course == course_id) & (t.TrainingEnrolment.worker == worker_id)
        ):
            continue
        try:
            await enrolment.enrol(worker_id, course_id)
        except ServiceError:
            continue  # a shift or course of an earlier run overlaps: the demo goes without it
        created["enrolments"] += 1


async def _course(
    actor: courses.Actor, market_id: int, c: DemoCourse, created: dict[str, int]
) -> int | None:
    """A course with this title that has not started yet, or a new published one."""
    moment = now()
    live = (
        await t.TrainingCourse.select(t.TrainingCourse.id)
        .where(
            (t.TrainingCourse.market == market_id)
            & (t.TrainingCourse.title == c.title)
            & (t.TrainingCourse.starts_at > moment)
        )
        .first()
    )
    if live is not None:
        return live["id"]
    hour, minute = map(int, c.start.split(":"))
    first = datetime.combine(
        local(moment).date() + timedelta(days=c.day), time(hour, minute), tzinfo=SHANGHAI
    )
    occupation = (
        await Occupation.select(Occupation.id).where(Occupation.name == c.occupation).first()
        if c.occupation
        else None
    )
    draft = courses.CourseDraft(
        market_id=market_id,
        institution_id=None,
        institution_given=False,
        occupation_id=occupation["id"] if occupation else None,
        occupation_given=occupation is not None,
        title=c.title,
        description=c.description,
        category=c.category,
        mode=c.mode,
        capacity=c.capacity,
        fee=Decimal(c.fee),
        subsidised=c.subsidised,
        sessions=[
            (first + timedelta(days=n), first + timedelta(days=n, hours=c.hours))
            for n in range(c.count)
        ],
        venue_id=None if c.mode == "ONLINE" else market_id,
        venue_given=c.mode != "ONLINE",
    )
    try:
        course_id = await courses.create(actor, draft)
        await courses.publish(actor, course_id)
    except ServiceError:
        return None  # e.g. the market stopped operating: no course there
    created["courses"] += 1
    return course_id
