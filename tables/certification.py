"""Demonstration market certification (省级示范零工市场, （十五））: standard, applications, certificates."""

from enum import Enum

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.market import Market


class ApplicationStatus(Enum):
    SUBMITTED = Choice(value="SUBMITTED", display_name="已申报")
    CITY_RECOMMENDED = Choice(value="CITY_RECOMMENDED", display_name="市级已推荐")
    PROVINCE_ASSESSED = Choice(value="PROVINCE_ASSESSED", display_name="省级已评审")
    PUBLICISED = Choice(value="PUBLICISED", display_name="公示中")
    CERTIFIED = Choice(value="CERTIFIED", display_name="已认定")
    REJECTED = Choice(value="REJECTED", display_name="未通过")
    REVOKED = Choice(value="REVOKED", display_name="已撤销")


class CertificationStandard(Table, tablename="certification_standard"):
    """建设和服务标准 for a year; items and criteria hang off it."""

    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    year = Integer(unique=True)
    name = Varchar(length=100)
    pass_score = Integer(help_text="总分合格线")
    relaxed_pass_score = Integer(help_text="山区海岛县总分合格线")
    min_months_operating = Integer(default=3, help_text="申报前须运营满的月数")
    publicity_days = Integer(default=7, help_text="公示天数")

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class CertificationItem(Table, tablename="certification_item"):
    """总则 / 服务场地 / 服务设施 / 服务功能 / 线上服务 / 服务成效."""

    id: Serial

    standard = ForeignKey(CertificationStandard, null=False, on_delete=OnDelete.cascade, index=True)
    position = Integer(default=0)
    title = Varchar(length=20)
    pass_threshold = Integer(help_text="本项合格分")
    relaxed_threshold = Integer(help_text="山区海岛县本项合格分")

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.title])


class CertificationCriterion(Table, tablename="certification_criterion"):
    id: Serial

    item = ForeignKey(CertificationItem, null=False, on_delete=OnDelete.cascade, index=True)
    position = Integer(default=0)
    text = Text()
    max_score = Integer()

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.text])


class CertificationApplication(Table, tablename="certification_application"):
    id: Serial

    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    standard = ForeignKey(CertificationStandard, null=False, on_delete=OnDelete.restrict)
    year = Integer()
    status = Varchar(length=18, choices=ApplicationStatus, default="SUBMITTED", index=True)
    submitted_by = Varchar(length=30, help_text="OPERATOR:<id> 或 STAFF:<id>")
    submitted_at = Timestamptz(default=TimestamptzNow())
    city_recommended_at = Timestamptz(null=True, default=None)
    city_recommended_by = Integer(null=True, default=None)
    assessed_at = Timestamptz(null=True, default=None)
    assessed_by = Integer(null=True, default=None)
    total_score = Integer(null=True, default=None)
    publicity_starts_on = Date(null=True, default=None)
    publicity_ends_on = Date(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    decided_by = Integer(null=True, default=None)
    decision_note = Text(default="")
    version = Integer(default=0)


class CertificationScore(Table, tablename="certification_score"):
    """Per criterion: the market's self-assessment and the province assessor's score."""

    id: Serial

    application = ForeignKey(
        CertificationApplication, null=False, on_delete=OnDelete.cascade, index=True
    )
    criterion = ForeignKey(CertificationCriterion, null=False, on_delete=OnDelete.restrict)
    self_score = Integer()
    self_note = Text(default="")
    assessor_score = Integer(null=True, default=None)
    assessor_id = Integer(null=True, default=None)


class CertificationEvidence(Table, tablename="certification_evidence"):
    id: Serial

    application = ForeignKey(
        CertificationApplication, null=False, on_delete=OnDelete.cascade, index=True
    )
    criterion = ForeignKey(CertificationCriterion, null=True, on_delete=OnDelete.restrict)
    title = Varchar(length=100)
    file = Varchar(length=300, help_text="证明材料文件")
    uploaded_at = Timestamptz(default=TimestamptzNow())


class CertificationObjection(Table, tablename="certification_objection"):
    """异议 received during the publicity period."""

    id: Serial

    application = ForeignKey(
        CertificationApplication, null=False, on_delete=OnDelete.cascade, index=True
    )
    received_on = Date()
    summary = Text()
    upheld = Boolean(default=False, help_text="异议成立则不予认定")
    resolution = Text(default="")
    recorded_by = Integer(null=True, default=None)


class DemonstrationCertificate(Table, tablename="demonstration_certificate"):
    """A certificate granted for a year; revocation keeps the row and records why."""

    id: Serial

    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    application = ForeignKey(CertificationApplication, null=True, on_delete=OnDelete.restrict)
    year = Integer()
    certificate_no = Varchar(length=40, unique=True)
    certified_at = Timestamptz(default=TimestamptzNow())
    revoked_on = Date(null=True, default=None)
    revoked_reason = Text(default="")
