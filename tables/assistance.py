"""Employment assistance (就业援助, （十）): tiered service, assistance cases and their plans."""

from enum import Enum

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.job_posting import JobApplication, JobPosting
from tables.region import Region
from tables.training import TrainingCourse, TrainingEnrolment
from tables.worker import Worker


class ServiceTier(Enum):
    GENERAL = Choice(value="GENERAL", display_name="普通服务")
    KEY = Choice(value="KEY", display_name="重点服务")
    ASSISTED = Choice(value="ASSISTED", display_name="援助服务")


class WorkerServiceTier(Table, tablename="worker_service_tier"):
    """A staff decision that overrides the tier the rules derive (one per worker; changes and
    removals are in the audit chain)."""

    id: Serial

    worker = ForeignKey(Worker, null=False, unique=True, on_delete=OnDelete.cascade)
    tier = Varchar(length=10, choices=ServiceTier)
    reason = Varchar(length=200)
    decided_by = Integer(help_text="作出决定的工作人员")
    decided_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s %s", columns=[cls.worker._.name, cls.tier])


class CaseStatus(Enum):
    OPEN = Choice(value="OPEN", display_name="援助中")
    CLOSED = Choice(value="CLOSED", display_name="已结案")


class CaseOutcome(Enum):
    EMPLOYED = Choice(value="EMPLOYED", display_name="已就业")
    TRAINING = Choice(value="TRAINING", display_name="参加培训")
    DECLINED = Choice(value="DECLINED", display_name="本人放弃援助")
    OTHER = Choice(value="OTHER", display_name="其他")


class OfferKind(Enum):
    POSTING = Choice(value="POSTING", display_name="岗位")
    TRAINING = Choice(value="TRAINING", display_name="培训")


class OfferStatus(Enum):
    PENDING = Choice(value="PENDING", display_name="待答复")
    ACCEPTED = Choice(value="ACCEPTED", display_name="已接受")
    DECLINED = Choice(value="DECLINED", display_name="已谢绝")


class FollowUpChannel(Enum):
    PHONE = Choice(value="PHONE", display_name="电话")
    VISIT = Choice(value="VISIT", display_name="上门走访")
    IN_PERSON = Choice(value="IN_PERSON", display_name="来访面谈")
    MESSAGE = Choice(value="MESSAGE", display_name="短信或微信")


class AssistanceCase(Table, tablename="assistance_case"):
    """One worker's one-to-one assistance (就业援助): a case worker, a plan, offers, follow-ups
    and, when closed, the outcome."""

    id: Serial

    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.restrict, index=True)
    # The worker's county when the case was opened: staff scopes use it.
    region = ForeignKey(Region, null=True, on_delete=OnDelete.restrict, index=True)
    case_worker = Integer(help_text="负责的工作人员")
    status = Varchar(length=8, choices=CaseStatus, default="OPEN", index=True)
    # The worker's id while the case is open, null once closed: one open case per worker.
    open_key = Varchar(length=20, null=True, default=None, unique=True)
    # Earliest due date of a step not yet done (kept by the services): the queue's order.
    next_due_on = Date(null=True, default=None, index=True)
    outcome = Varchar(length=10, choices=CaseOutcome, null=True, default=None)
    outcome_note = Text(default="")
    opened_by = Integer()
    opened_at = Timestamptz(default=TimestamptzNow())
    closed_by = Integer(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    version = Integer(default=0)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s · %s", columns=[cls.worker._.name, cls.id])


class AssistanceStep(Table, tablename="assistance_step"):
    """One step of a case's plan, with its due date."""

    id: Serial

    case = ForeignKey(AssistanceCase, null=False, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=200)
    due_on = Date()
    done = Boolean(default=False)
    done_at = Timestamptz(null=True, default=None)
    done_by = Integer(null=True, default=None)
    created_by = Integer()
    created_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.title])


class AssistanceOffer(Table, tablename="assistance_offer"):
    """A posting or a training offered to the worker one to one, and the worker's answer."""

    id: Serial

    case = ForeignKey(AssistanceCase, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=8, choices=OfferKind)
    posting = ForeignKey(JobPosting, null=True, on_delete=OnDelete.restrict)
    course = ForeignKey(TrainingCourse, null=True, on_delete=OnDelete.restrict)
    note = Text(default="")
    status = Varchar(length=8, choices=OfferStatus, default="PENDING", index=True)
    answer_reason = Text(default="")
    answered_at = Timestamptz(null=True, default=None)
    # What accepting created through the posting's or the training's own rule.
    application = ForeignKey(JobApplication, null=True, on_delete=OnDelete.restrict)
    enrolment = ForeignKey(TrainingEnrolment, null=True, on_delete=OnDelete.restrict)
    offered_by = Integer()
    offered_at = Timestamptz(default=TimestamptzNow())
    version = Integer(default=0)


class AssistanceFollowUp(Table, tablename="assistance_follow_up"):
    """A contact with the worker recorded by staff (回访)."""

    id: Serial

    case = ForeignKey(AssistanceCase, null=False, on_delete=OnDelete.restrict, index=True)
    happened_on = Date()
    channel = Varchar(length=10, choices=FollowUpChannel)
    note = Text()
    recorded_by = Integer()
    recorded_at = Timestamptz(default=TimestamptzNow())
