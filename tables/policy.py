"""Policy push (政策智推, （十二）): policy items kept by staff, each with its audience."""

import csv
from enum import Enum
from pathlib import Path

from piccolo.columns import Array, Date, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.assistance import ServiceTier

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


# The audience pickers list what the reference data lists: the same CSVs that seed the region
# and occupation tables, so staff pick names and the rows hold stable keys (a GB/T 2260 code;
# an occupation's name, its natural key since some have no confirmed code).
RegionChoice = Enum(  # type: ignore[misc]
    "RegionChoice",
    {
        f"R{r['code']}": Choice(
            value=r["code"],
            display_name=f"{r['parent_name']}{r['name']}" if r["parent_name"] else r["name"],
        )
        for r in _rows("zhejiang_divisions.csv")
    },
)
OccupationChoice = Enum(  # type: ignore[misc]
    "OccupationChoice",
    {
        f"O{n}": Choice(value=r["name"], display_name=r["name"])
        for n, r in enumerate(_rows("gig_occupations.csv"))
    },
)


class AssistanceChoice(Enum):
    # The workers' assistance categories (（十）), as services/worker stores them.
    OLDER = Choice(value="OLDER", display_name="大龄")
    DISABLED = Choice(value="DISABLED", display_name="残疾")
    LOW_INCOME = Choice(value="LOW_INCOME", display_name="低收入家庭")
    LONG_WAITING = Choice(value="LONG_WAITING", display_name="待工时间长")


class AudienceRole(Enum):
    WORKER = Choice(value="WORKER", display_name="零工（灵活就业人员）")
    EMPLOYER = Choice(value="EMPLOYER", display_name="用工主体")
    OPERATOR = Choice(value="OPERATOR", display_name="运营机构")


class PolicyStatus(Enum):
    DRAFT = Choice(value="DRAFT", display_name="草稿")
    PUBLISHED = Choice(value="PUBLISHED", display_name="已发布")
    WITHDRAWN = Choice(value="WITHDRAWN", display_name="已撤回")


class PolicyItem(Table, tablename="policy_item"):
    """One policy clause told to the people it concerns; staff keep it, publish, withdraw."""

    id: Serial

    title = Varchar(length=100)
    summary = Varchar(length=300, default="")
    body = Text(default="")
    issuing_document = Varchar(length=60, help_text="发文字号，例如 浙人社发〔2023〕5号")
    clause = Varchar(length=20, default="", help_text="条款，例如 （十一）")
    effective_from = Date()
    effective_to = Date(null=True, default=None, help_text="不填表示长期有效")
    # Audience: at least one region (浙江省 for the whole province; a region covers its
    # subdivisions) and one role; empty categories or occupations restrict nothing.
    regions = Array(base_column=Varchar(length=6, choices=RegionChoice), default=list)
    assistance_categories = Array(
        base_column=Varchar(length=20, choices=AssistanceChoice), default=list
    )
    occupations = Array(base_column=Varchar(length=50, choices=OccupationChoice), default=list)
    roles = Array(base_column=Varchar(length=10, choices=AudienceRole), default=list)
    # Workers in these tiers of the tiered service (分级服务, （十）); empty: any tier.
    service_tiers = Array(base_column=Varchar(length=10, choices=ServiceTier), default=list)
    status = Varchar(length=10, choices=PolicyStatus, default="DRAFT", index=True)
    published_at = Timestamptz(null=True, default=None)
    withdrawn_at = Timestamptz(null=True, default=None)
    version = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s %s", columns=[cls.clause, cls.title])
