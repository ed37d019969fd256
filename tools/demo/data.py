"""The demo cast: employers, workers, postings, applications and reported figures."""

from __future__ import annotations

from dataclasses import dataclass

# Every demo account signs in with this password: demo data never goes into production.
DEMO_PASSWORD = "lingong-demo-2023"
# Recorded as the staff member behind the demo's verifications and assessment run; inactive.
REVIEWER = "demo-reviewer"


@dataclass(frozen=True)
class DemoEmployer:
    phone: str
    kind: str
    name: str
    region: str
    contact: str = ""
    verified: bool = True


@dataclass(frozen=True)
class DemoWorker:
    phone: str
    name: str
    occupations: tuple[str, ...]
    region: str
    born: str = ""
    assistance: tuple[str, ...] = ()
    availability: str = ""


@dataclass(frozen=True)
class DemoPosting:
    employer: int  # index into EMPLOYERS
    title: str
    occupation: str
    region: str  # the county whose demo market shows it
    day: int | None  # days from today (Asia/Shanghai); None: today, starting within 2 hours
    start: str
    hours: int
    headcount: int
    wage: tuple[str, str]
    description: str = ""
    prefer_assisted: bool = False
    publish: bool = True
    public_welfare: bool = False  # 公益性岗位 (（十）): only eligible workers see it


# fmt: off
EMPLOYERS = (
    DemoEmployer("13605710001", "COMPANY", "杭州钱江通达物流有限公司", "330102", "周经理"),
    DemoEmployer("13605740002", "COMPANY", "宁波甬港仓储服务有限公司", "330203", "陈主管"),
    DemoEmployer("13605710003", "INDIVIDUAL", "陈建国", "330106"),
    # Awaiting review, for trying the verification form in the admin.
    DemoEmployer("13605770004", "COMPANY", "温州瓯越家政服务有限公司", "330302", "林女士", False),
)
WORKERS = (
    DemoWorker("13705710001", "张伟", ("装卸搬运工", "快件处理员"), "330102", "19880312", (), "工作日白天"),
    DemoWorker("13705710002", "李秀英", ("家政服务员", "保洁员"), "330105", "19680705", ("OLDER",), "上午"),
    DemoWorker("13705710003", "王强", ("砌筑工", "装饰装修工"), "330106", "19790921", (), "随时"),
    DemoWorker("13705740004", "刘洋", ("仓储管理员", "理货员"), "330203", "19950203", (), "周末"),
    DemoWorker("13705710005", "陈静", ("餐厅服务员", "保洁员"), "330102", "", ("LOW_INCOME",), "晚班"),
    DemoWorker("13705710006", "杨军", ("装卸搬运工", "道路货运汽车驾驶员"), "330109", "19761108", ("LONG_WAITING",)),
)
# Registered on site by the demo operator (no account): the walk-in flow.
WALK_IN = DemoWorker("13705710007", "赵大勇", ("装卸搬运工",), "330102")
POSTINGS = (
    DemoPosting(0, "仓库装卸工（今日到岗）", "装卸搬运工", "330102", None, "", 8, 4, ("220", "DAY"), "电商仓库卸货，管午饭"),
    DemoPosting(0, "快递分拣员（白班）", "快件处理员", "330102", 1, "08:00", 9, 3, ("25", "HOUR")),
    DemoPosting(0, "物流园装卸工", "装卸搬运工", "330109", 2, "07:30", 9, 5, ("230", "DAY")),
    DemoPosting(0, "冷链理货员（上午班）", "理货员", "330102", 3, "06:00", 5, 2, ("30", "HOUR")),
    DemoPosting(0, "周末搬家助理", "装卸搬运工", "330102", 6, "09:00", 6, 2, ("260", "DAY"), publish=False),
    DemoPosting(1, "港区仓储理货员", "理货员", "330203", 1, "08:00", 10, 3, ("240", "DAY")),
    DemoPosting(1, "短途货车司机", "道路货运汽车驾驶员", "330203", 2, "07:00", 10, 1, ("380", "DAY")),
    DemoPosting(1, "仓库盘点员", "仓储管理员", "330203", 5, "09:00", 8, 4, ("200", "DAY")),
    DemoPosting(2, "卫生间翻新小工", "装饰装修工", "330106", 1, "08:00", 9, 2, ("300", "DAY")),
    DemoPosting(2, "老房砌墙", "砌筑工", "330106", 4, "08:00", 9, 2, ("320", "DAY")),
    DemoPosting(2, "家庭保洁（三居室）", "保洁员", "330105", 1, "09:00", 4, 1, ("40", "HOUR"), prefer_assisted=True),
    DemoPosting(1, "社区公益保洁员（公益性岗位）", "保洁员", "330109", 2, "08:00", 6, 2, ("150", "DAY"),
                "街道开发的公益性岗位，面向就业困难人员", public_welfare=True),
)
# (index into WORKERS, -1 for WALK_IN; posting title; the status reached through the rules)
APPLICATIONS = (
    (5, "仓库装卸工（今日到岗）", "CHECKED_IN"),
    (-1, "仓库装卸工（今日到岗）", "CONFIRMED"),  # applied on site by the operator
    (0, "快递分拣员（白班）", "CONFIRMED"),
    (0, "物流园装卸工", "APPLIED"),
    (5, "物流园装卸工", "APPLIED"),
    (3, "港区仓储理货员", "CONFIRMED"),
    (3, "短途货车司机", "APPLIED"),
    (2, "卫生间翻新小工", "CONFIRMED"),
    (2, "老房砌墙", "APPLIED"),
    (1, "家庭保洁（三居室）", "APPLIED"),
    (4, "家庭保洁（三居室）", "CANCELLED"),
)
# indicator: (weight, monthly target) as staff would enter the year's 考核办法, and the figures
# the demo operator reports for last month.
INDICATORS = {
    "registrations": (20, 100), "postings_published": (20, 50), "matches_confirmed": (20, 80),
    "workers_onboarded": (20, 60), "assisted_workers_placed": (10, 10),
    "trainings_delivered": (5, 20), "disputes_mediated": (5, 5),
}
REPORTED = {
    "registrations": 86, "postings_published": 41, "matches_confirmed": 65,
    "workers_onboarded": 58, "assisted_workers_placed": 9, "trainings_delivered": 12,
    "disputes_mediated": 2,
}
CREATED = (
    "employers", "workers", "postings", "applications", "contracts", "schemes", "reports",
    "assessments", "courses", "enrolments",
)
# fmt: on
