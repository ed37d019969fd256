"""Course rules: create a draft with its sessions, publish, close; who manages a course."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from piccolo.query import Select
from piccolo.table import Table

from services.audit import rules as audit
from services.auth.rules import Role
from services.db import write_transaction
from services.job_posting.wage import CENT
from services.problems import Problem, Problems, ServiceError
from services.timeutil import now
from services.worker import personal as p
from tables import training as t
from tables.market import Market
from tables.occupation import Occupation

MAX_TITLE, MAX_DESCRIPTION, MAX_ADDRESS = 100, 2000, 200
MAX_CAPACITY = 500
MAX_SESSIONS = 60
MAX_SESSION = timedelta(hours=12)
MAX_SPAN = timedelta(days=366)
MAX_FEE_YUAN = Decimal(100_000)
CATEGORIES = tuple(c.value.value for c in t.TrainingCategory)
MODES = tuple(m.value.value for m in t.TrainingMode)
# A course takes enrolments while OPEN (a place is free) or FULL (the waitlist).
PUBLISHED = ("OPEN", "FULL")
CLOSABLE = ("DRAFT", "OPEN", "FULL")


@dataclass(frozen=True)
class Actor:
    role: str  # OPERATOR / STAFF (course management), WORKER (enrolment)
    id: int


@dataclass
class CourseDraft:
    market_id: int | None
    institution_id: int | None
    institution_given: bool
    occupation_id: int | None
    occupation_given: bool
    title: str
    description: str
    category: str
    mode: str
    capacity: int
    fee: Decimal
    subsidised: bool
    sessions: list[tuple[datetime, datetime]] = field(default_factory=list)
    venue_id: int | None = None
    venue_given: bool = False
    address: str = ""
    region_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def locked(query: Select, table: type[Table]) -> Select:
    """SELECT … FOR UPDATE OF `table` on PostgreSQL (a joined, nullable side cannot be
    locked); SQLite's IMMEDIATE transaction already serialises."""
    if query.engine_type == "postgres":
        return query.lock_rows(of=(table,))
    return query


def effective_status(status: str, ends_at: datetime, moment: datetime | None = None) -> str:
    """A published course whose last session has ended reads FINISHED at once."""
    if status in PUBLISHED and ends_at <= (moment or now()):
        return "FINISHED"
    return status


def fee_fen(amount: Decimal, problems: Problems, *path: str) -> int | None:
    """Integer fen for a fee of 0 (free) up to 100 000 yuan, exact to the fen."""
    if not amount.is_finite() or amount < 0 or amount > MAX_FEE_YUAN:
        problems.add("INVALID_FEE", "培训费须在 0 到 100000 元之间", *path)
        return None
    if amount != amount.quantize(CENT):
        problems.add("INVALID_FEE", "培训费最多保留两位小数（精确到分）", *path)
        return None
    return int(amount * 100)


def _text(value: str, limit: int, problems: Problems, *path: str, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", "请填写此项", *path)
    elif len(text) > limit:
        problems.add("TOO_LONG", f"不超过 {limit} 个字", *path)
    return text


def check_sessions(sessions: list[tuple[datetime, datetime]], problems: Problems) -> bool:
    """1 to 60 sessions, each with a timezone, at most 12 hours, in order and not overlapping,
    the first one in the future and the whole course within a year."""
    if not 1 <= len(sessions) <= MAX_SESSIONS:
        problems.add("INVALID_SESSIONS", f"课程须有 1 到 {MAX_SESSIONS} 次课", "sessions")
        return False
    ok = True
    moment = now()
    for n, (starts, ends) in enumerate(sessions):
        if starts.tzinfo is None or ends.tzinfo is None:
            problems.add(
                "INVALID_TIME", "时间须带时区，例如 2026-12-01T08:00:00+08:00", "sessions", str(n)
            )
            ok = False
        elif ends <= starts or ends - starts > MAX_SESSION:
            problems.add(
                "INVALID_SESSIONS",
                "每次课须在开始后结束，且不超过 12 小时",
                "sessions",
                str(n),
                "endsAt",
            )
            ok = False
        elif n > 0 and sessions[n - 1][1].tzinfo is not None and starts < sessions[n - 1][1]:
            problems.add(
                "INVALID_SESSIONS", "课次须按时间先后排列且互不重叠", "sessions", str(n), "startsAt"
            )
            ok = False
    if not ok:
        return False
    if sessions[0][0] <= moment:
        problems.add("SESSION_IN_PAST", "第一次课须在将来", "sessions", "0", "startsAt")
        return False
    if sessions[-1][1] - sessions[0][0] > MAX_SPAN:
        problems.add("INVALID_SESSIONS", "整个课程不能超过一年", "sessions")
        return False
    return True


async def _market(actor: Actor, market_id: int | None, problems: Problems) -> dict | None:
    """The course's market, if the actor may run courses there (operators: their markets)."""
    row = (
        await Market.select(Market.id, Market.operator, Market.status, Market.region)
        .where(Market.id == market_id)
        .first()
        if market_id is not None
        else None
    )
    if row is None or (actor.role == Role.OPERATOR and row["operator"] != actor.id):
        problems.add("NOT_FOUND", "零工市场不存在或不由你运营", "marketId")
        return None
    if row["status"] != "ACTIVE":
        problems.add("MARKET_NOT_ACTIVE", "该零工市场未在运行", "marketId")
    return row


async def _place(draft: CourseDraft, market: dict | None, problems: Problems) -> dict:
    """Where it is held: a venue (the market or one of its stations), an address with a
    location, or nowhere for online courses; always a region."""
    place: dict = {"venue": None, "address": "", "latitude": None, "longitude": None}
    if draft.venue_given:
        venue = (
            await Market.select(
                Market.id,
                Market.parent_market,
                Market.address,
                Market.latitude,
                Market.longitude,
                Market.region,
            )
            .where(Market.id == draft.venue_id)
            .first()
            if draft.venue_id is not None
            else None
        )
        if market is None:  # the market itself was refused: nothing to compare with
            return {**place, "region": None}
        if venue is None or market["id"] not in (venue["id"], venue["parent_market"]):
            problems.add("NOT_FOUND", "上课地点须是本零工市场或其驿站", "place", "venueId")
            return {**place, "region": None}
        return {
            "venue": venue["id"],
            "address": venue["address"],
            "latitude": venue["latitude"],
            "longitude": venue["longitude"],
            "region": venue["region"],
        }
    if draft.address.strip() or draft.region_code is not None:
        address = _text(draft.address, MAX_ADDRESS, problems, "place", "address")
        region = await p.county_id(draft.region_code, problems, "place", "regionCode")
        if draft.latitude is None or draft.longitude is None:
            problems.add("INVALID_LOCATION", "请填写上课地点的位置", "place", "location")
        else:
            p.check_location(draft.latitude, draft.longitude, problems, "place", "location")
        return {
            "venue": None,
            "address": address,
            "latitude": draft.latitude,
            "longitude": draft.longitude,
            "region": region,
        }
    if draft.mode != "ONLINE":
        problems.add("PLACE_REQUIRED", "线下或线上线下结合的课程须填写上课地点", "place")
    return {**place, "region": market["region"] if market else None}


async def create(actor: Actor, draft: CourseDraft) -> int:
    """Validate everything at once and save a DRAFT with its sessions."""
    problems = Problems()
    title = _text(draft.title, MAX_TITLE, problems, "title")
    description = _text(draft.description, MAX_DESCRIPTION, problems, "description", required=False)
    if draft.category not in CATEGORIES:
        problems.add("REQUIRED", "请选择培训类别", "category")
    if draft.mode not in MODES:
        problems.add("REQUIRED", "请选择培训方式", "mode")
    if not 1 <= draft.capacity <= MAX_CAPACITY:
        problems.add("INVALID_CAPACITY", f"名额须为 1 到 {MAX_CAPACITY}", "capacity")
    fen = fee_fen(draft.fee, problems, "fee")
    check_sessions(draft.sessions, problems)
    market = await _market(actor, draft.market_id, problems)
    if draft.occupation_given and (
        draft.occupation_id is None
        or not await Occupation.exists().where(Occupation.id == draft.occupation_id)
    ):
        problems.add("NOT_FOUND", "工种不存在", "occupationId")
    if draft.institution_given:
        if draft.institution_id is None or not await t.TrainingInstitution.exists().where(
            t.TrainingInstitution.id == draft.institution_id
        ):
            problems.add("NOT_FOUND", "培训机构不存在", "institutionId")
    elif market is not None and market["operator"] is None:
        problems.add("PROVIDER_REQUIRED", "该零工市场没有运营机构，请选择培训机构", "institutionId")
    place = await _place(draft, market, problems)
    problems.raise_if_any()
    assert market is not None and fen is not None
    row = t.TrainingCourse(
        market=market["id"],
        operator=None if draft.institution_given else market["operator"],
        institution=draft.institution_id if draft.institution_given else None,
        occupation=draft.occupation_id if draft.occupation_given else None,
        title=title,
        description=description,
        category=draft.category,
        mode=draft.mode,
        venue=place["venue"],
        address=place["address"],
        region=place["region"],
        latitude=place["latitude"],
        longitude=place["longitude"],
        capacity=draft.capacity,
        fee_fen=fen,
        subsidised=draft.subsidised,
        status="DRAFT",
        starts_at=draft.sessions[0][0],
        ends_at=draft.sessions[-1][1],
    )
    async with write_transaction():
        rows = await t.TrainingCourse.insert(row).returning(t.TrainingCourse.id)
        course_id = rows[0]["id"]
        await t.TrainingSession.insert(
            *[
                t.TrainingSession(course=course_id, seq=n + 1, starts_at=s, ends_at=e)
                for n, (s, e) in enumerate(draft.sessions)
            ]
        )
    return course_id


async def managed(actor: Actor, course_id: int | None, field: str = "id") -> dict:
    """The course if `actor` manages it (staff: any; operators: their markets' courses);
    otherwise NOT_FOUND, like a missing one. Locks the row on PostgreSQL."""
    row = None
    if course_id is not None and actor.role in (Role.OPERATOR, Role.STAFF):
        row = await locked(
            t.TrainingCourse.select(
                *t.TrainingCourse.all_columns(),
                t.TrainingCourse.market.operator.as_alias("manager"),
            ).where(t.TrainingCourse.id == course_id),
            t.TrainingCourse,
        ).first()
    if row is None or (actor.role == Role.OPERATOR and row["manager"] != actor.id):
        raise ServiceError([Problem("NOT_FOUND", "培训课程不存在", (field,))])
    return row


def _audit_actor(actor: Actor) -> audit.Actor:
    return audit.Actor(str(actor.role), actor.id)


async def publish(actor: Actor, course_id: int | None) -> int:
    """DRAFT → OPEN before the first session starts. Returns its id."""
    async with write_transaction():
        await audit.serialise()
        row = await managed(actor, course_id)
        if row["status"] != "DRAFT":
            raise ServiceError([Problem("INVALID_STATE", "只有草稿可以发布", ("id",))])
        moment = now()
        if row["starts_at"] <= moment:
            raise ServiceError([Problem("ALREADY_STARTED", "课程已经开始，不能再发布", ("id",))])
        await t.TrainingCourse.update(
            {
                t.TrainingCourse.status: "OPEN",
                t.TrainingCourse.published_at: moment,
                t.TrainingCourse.version: t.TrainingCourse.version + 1,
            }
        ).where((t.TrainingCourse.id == row["id"]) & (t.TrainingCourse.status == "DRAFT"))
        await audit.record(_audit_actor(actor), "training.publish", "training_course", row["id"])
    return row["id"]


async def close(actor: Actor, course_id: int | None) -> int:
    """Call a course off before it starts (→ CLOSED): every live enrolment is withdrawn by
    the system. Returns its id."""
    async with write_transaction():
        await audit.serialise()
        row = await managed(actor, course_id)
        moment = now()
        if effective_status(row["status"], row["ends_at"], moment) not in CLOSABLE:
            raise ServiceError([Problem("INVALID_STATE", "该课程已关闭或已结束", ("id",))])
        if row["status"] != "DRAFT" and row["starts_at"] <= moment:
            raise ServiceError([Problem("ALREADY_STARTED", "课程已经开始，不能关闭", ("id",))])
        await t.TrainingCourse.update(
            {
                t.TrainingCourse.status: "CLOSED",
                t.TrainingCourse.closed_at: moment,
                t.TrainingCourse.enrolled_count: 0,
                t.TrainingCourse.version: t.TrainingCourse.version + 1,
            }
        ).where((t.TrainingCourse.id == row["id"]) & t.TrainingCourse.status.is_in(list(CLOSABLE)))
        await t.TrainingEnrolment.update(
            {
                t.TrainingEnrolment.status: "WITHDRAWN",
                t.TrainingEnrolment.withdrawn_at: moment,
                t.TrainingEnrolment.withdrawn_by: "SYSTEM",
                t.TrainingEnrolment.version: t.TrainingEnrolment.version + 1,
            }
        ).where(
            (t.TrainingEnrolment.course == row["id"])
            & t.TrainingEnrolment.status.is_in(["ENROLLED", "WAITLISTED"])
        )
        await audit.record(_audit_actor(actor), "training.close", "training_course", row["id"])
    return row["id"]
