"""Skills training (技能培训, （九）): providers, courses, sessions, enrolments, attendance."""

from enum import Enum

from piccolo.columns import (
    BigInt,
    Boolean,
    DoublePrecision,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.market import Market
from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import Region
from tables.worker import Worker


class TrainingCategory(Enum):
    URGENT_SKILL = Choice(value="URGENT_SKILL", display_name="急需紧缺职业技能")
    NEW_OCCUPATION = Choice(value="NEW_OCCUPATION", display_name="新职业技能")
    ENTREPRENEURSHIP = Choice(value="ENTREPRENEURSHIP", display_name="创业培训")
    GENERAL = Choice(value="GENERAL", display_name="通用技能")


class TrainingMode(Enum):
    ONLINE = Choice(value="ONLINE", display_name="线上")
    OFFLINE = Choice(value="OFFLINE", display_name="线下")
    HYBRID = Choice(value="HYBRID", display_name="线上线下结合")


class TrainingStatus(Enum):
    DRAFT = Choice(value="DRAFT", display_name="草稿")
    OPEN = Choice(value="OPEN", display_name="报名中")
    FULL = Choice(value="FULL", display_name="已满（候补）")
    CLOSED = Choice(value="CLOSED", display_name="已关闭")
    FINISHED = Choice(value="FINISHED", display_name="已结束")


class EnrolmentStatus(Enum):
    ENROLLED = Choice(value="ENROLLED", display_name="已报名")
    WAITLISTED = Choice(value="WAITLISTED", display_name="候补")
    WITHDRAWN = Choice(value="WITHDRAWN", display_name="已退出")
    COMPLETED = Choice(value="COMPLETED", display_name="已结业")


class TrainingInstitution(Table, tablename="training_institution"):
    """A registered training institution (培训机构) that may provide courses at a market."""

    id: Serial

    name = Varchar(length=100, unique=True)
    uscc = Varchar(length=18, unique=True, help_text="统一社会信用代码（校验位检查）")
    contact_phone = Varchar(length=20, default="")
    created_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class TrainingCourse(Table, tablename="training_course"):
    id: Serial

    # The market that offers the course: its operator manages it and its workload counts it.
    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    # Provider: the market's operator, or a registered institution (then `institution` is set).
    operator = ForeignKey(Operator, null=True, on_delete=OnDelete.restrict)
    institution = ForeignKey(TrainingInstitution, null=True, on_delete=OnDelete.restrict)
    occupation = ForeignKey(Occupation, null=True, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=100)
    description = Text(default="")
    category = Varchar(length=20, choices=TrainingCategory)
    mode = Varchar(length=10, choices=TrainingMode)
    # Place: the market itself or one of its stations (venue), or an address with a location;
    # online courses have neither. `region` is always set (the venue's, the address's or the
    # market's), so region filters cover every course.
    venue: ForeignKey[Market] = ForeignKey(
        Market, null=True, on_delete=OnDelete.restrict, index=True
    )
    address = Varchar(length=200, default="")
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict, index=True)
    latitude = DoublePrecision(null=True, default=None)
    longitude = DoublePrecision(null=True, default=None)
    capacity = Integer()
    # Maintained by conditional updates under the course row lock: never above capacity.
    enrolled_count = Integer(default=0)
    # Hands out waitlist order: every enrolment takes the next number.
    queue_counter = Integer(default=0)
    fee_fen = BigInt(default=0)
    subsidised = Boolean(default=False)
    status = Varchar(length=8, choices=TrainingStatus, default="DRAFT", index=True)
    # First session start and last session end, copied from the sessions for filters.
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz()
    version = Integer(default=0)
    published_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.title])


class TrainingSession(Table, tablename="training_session"):
    """One class meeting of a course, in order."""

    id: Serial

    course = ForeignKey(TrainingCourse, null=False, on_delete=OnDelete.cascade, index=True)
    seq = Integer(help_text="第几次课，从 1 开始")
    starts_at = Timestamptz()
    ends_at = Timestamptz()

    @classmethod
    def get_readable(cls):
        # How the admin names a session in lists and dropdowns (attendance): course and number.
        return Readable(template="%s 第%s次课", columns=[cls.course._.title, cls.seq])


class TrainingEnrolment(Table, tablename="training_enrolment"):
    """One row per worker and course (unique index); a withdrawn worker may enrol again."""

    id: Serial

    course = ForeignKey(TrainingCourse, null=False, on_delete=OnDelete.restrict, index=True)
    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.restrict, index=True)
    status = Varchar(length=10, choices=EnrolmentStatus, index=True)
    queue_no = Integer(help_text="报名顺序：候补按此顺序递补")
    requested_at = Timestamptz(default=TimestamptzNow())
    enrolled_at = Timestamptz(null=True, default=None)
    withdrawn_at = Timestamptz(null=True, default=None)
    withdrawn_by = Varchar(length=10, default="", help_text="WORKER / SYSTEM")
    completed_at = Timestamptz(null=True, default=None)
    certificate_no = Varchar(length=40, null=True, default=None)
    version = Integer(default=0)

    @classmethod
    def get_readable(cls):
        # How the admin names an enrolment (attendance list): trainee and course.
        return Readable(template="%s · %s", columns=[cls.worker._.name, cls.course._.title])


class TrainingAttendance(Table, tablename="training_attendance"):
    """Whether an enrolled worker attended one session (unique per enrolment and session)."""

    id: Serial

    enrolment = ForeignKey(TrainingEnrolment, null=False, on_delete=OnDelete.cascade, index=True)
    session = ForeignKey(TrainingSession, null=False, on_delete=OnDelete.cascade, index=True)
    present = Boolean()
    recorded_at = Timestamptz(default=TimestamptzNow())
    recorded_by = Varchar(length=10, default="", help_text="OPERATOR / STAFF")
