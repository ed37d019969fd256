"""Demo data for `lingong seed-demo` and `serve --demo`: plausible, deterministic, idempotent."""

# Everything goes through the services the API and the admin use (market rules, registration,
# staff verification, posting and application rules, report submission, assessment runs), so
# demo data obeys the same rules as real data. Each row is looked up by its natural key before it
# is created, so a second run creates nothing. Postings are placed relative to now (Asia/
# Shanghai); once a run's postings have ended, the next run adds fresh ones.

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from piccolo.apps.user.tables import BaseUser
from tqdm import tqdm

from admin.assessment import _check_indicator, _check_scheme
from resolvers.account import services as accounts
from resolvers.assessment.services import periods, reports, runs
from resolvers.assessment.services.scoring import check_scheme, load_scheme
from resolvers.audit.services import Actor as AuditActor
from resolvers.auth.services import issue
from resolvers.certification.standard import ensure_default_standard
from resolvers.db import write_transaction
from resolvers.employer import services as employers
from resolvers.identifiers import USCC_ALPHABET, resident_id_check_char, uscc_check_char
from resolvers.job_posting.services import application as applications
from resolvers.job_posting.services import posting as postings
from resolvers.job_posting.services import progress
from resolvers.market import services
from resolvers.operator import services as contracts
from resolvers.problems import Problems, ServiceError
from resolvers.timeutil import SHANGHAI, local, now
from resolvers.worker import personal
from resolvers.worker import services as workers
from tables import job_posting as jp
from tables import market as t
from tables.account import Account
from tables.assessment import Assessment, AssessmentIndicator, AssessmentScheme, WorkloadReport
from tables.certification import DemonstrationCertificate
from tables.employer import Employer
from tables.occupation import Occupation
from tables.operator import OperatingContract, Operator
from tables.region import COUNTY_LEVELS, Region
from tables.settings import get_settings
from tables.worker import Worker

# Approximate centres of the 11 prefecture cities (demo positions are scattered around them).
CITY_CENTRES = {
    "330100": (30.27, 120.15),
    "330200": (29.87, 121.55),
    "330300": (28.00, 120.67),
    "330400": (30.75, 120.76),
    "330500": (30.89, 120.09),
    "330600": (30.00, 120.58),
    "330700": (29.08, 119.65),
    "330800": (28.94, 118.87),
    "330900": (30.00, 122.20),
    "331000": (28.66, 121.42),
    "331100": (28.45, 119.92),
}
PLACES = ["人民路", "城东", "城西", "火车站", "汽车站", "工业园区", "新城", "开发区"]
OPERATORS = [
    "浙江众联人力资源服务有限公司",
    "杭州快聘人力资源有限公司",
    "宁波甬才人力资源服务有限公司",
    "温州瓯江劳务服务有限公司",
    "金华八婺人力资源有限公司",
    "台州和合人力资源服务有限公司",
]
EARLY_HOURS = [(d, "05:30", "11:30") for d in range(1, 8)] + [
    (d, "14:00", "18:00") for d in range(1, 6)
]
ROUND_THE_CLOCK = [(d, "00:00", "00:00") for d in range(1, 8)]

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
    "assessments",
)
# fmt: on


def demo_uscc(rng: random.Random) -> str:
    body = "913301" + "".join(rng.choice(USCC_ALPHABET[:10]) for _ in range(11))
    return body + uscc_check_char(body)


async def _operators(rng: random.Random) -> list[int]:
    ids = []
    for name in OPERATORS:
        uscc = demo_uscc(rng)  # drawn every run: later random values do not depend on the DB
        row = await Operator.select(Operator.id).where(Operator.name == name).first()
        if row is None:
            op = Operator(
                name=name, uscc=uscc, contact_name="联系人", contact_phone="0571-88886666"
            )
            await op.save()
            ids.append(op.id)
        else:
            ids.append(row["id"])
    return ids


async def _markets(
    rng: random.Random, operator_ids: list[int], markets: int, progress: bool
) -> tuple[int, dict[str, int]]:
    """Up to `markets` markets, one per county first, then stations: (new ones, county code →
    its comprehensive market)."""
    counties = (
        await Region.select(
            Region.id, Region.code, Region.name, Region.parent.code, Region.parent.name
        )
        .where(Region.level.is_in(list(COUNTY_LEVELS)))
        .order_by(Region.code)
    )
    occupation_ids = [
        r["id"] for r in await Occupation.select(Occupation.id).order_by(Occupation.id)
    ]
    existing = {r["name"]: r["id"] for r in await t.Market.select(t.Market.id, t.Market.name)}
    created, parents, by_county = 0, [], {}
    bar = tqdm(total=markets, desc="零工市场", disable=not progress, unit="个")
    for index in range(markets):
        county = counties[index % len(counties)]
        station = index >= len(counties)
        lat0, lon0 = CITY_CENTRES[county["parent.code"]]
        lat, lon = lat0 + rng.uniform(-0.25, 0.25), lon0 + rng.uniform(-0.25, 0.25)
        # Drawn before the existence check, in the original order: the same markets result
        # whether they are created in one run or over several.
        occupations = rng.sample(occupation_ids, k=min(5, len(occupation_ids)))
        established_on = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        number = rng.randint(1, 300)
        place = PLACES[index % len(PLACES)]
        station_type = ("RURAL_STATION", "GIG_SUPERMARKET")[index % 2] if station else "MARKET"
        suffix = services.SUFFIX_BY_STATION_TYPE[station_type]
        # Naming rule （四）: county + location + (kind) + 零工市场 / 零工驿站 / 零工超市.
        name = (
            f"{county['name']}{place}{index}号{suffix}"
            if station
            else f"{county['name']}{place}综合{suffix}"
        )
        if name in existing:
            if not station:
                parents.append(existing[name])
                by_county[county["code"]] = existing[name]
            bar.update(1)
            continue
        draft = services.MarketDraft(
            name=name,
            station_type=station_type,
            region_id=county["id"],
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            parent_market_id=parents[index % len(parents)] if station else None,
            contact_phone=f"0571-8{index:07d}",
            operator_id=operator_ids[index % len(operator_ids)],
            opening_hours=ROUND_THE_CLOCK if index % 15 == 0 else EARLY_HOURS,
            occupation_ids=occupations,
            established_on=established_on,
        )
        market_id = await services.create(
            draft,
            address=f"{county['parent.name']}{county['name']}{place}{number}号",
            ownership="PUBLIC_WELFARE" if index % 4 else "MARKET_OPERATED",
            kind="COMPREHENSIVE" if index % 5 else "INDUSTRY",
            function_areas=["GENERAL_SERVICE", "JOB_MATCHING"]
            + (["LIVING_SERVICE"] if index % 3 == 0 else []),
            facilities=["NEGOTIATION", "SHELTER", "HEATING_COOLING", "ORDER_MAINTENANCE"],
            construction_unit=f"{county['name']}人力资源和社会保障局",
            maintenance_unit=f"{county['name']}就业服务中心",
            service_unit=f"{county['name']}就业服务中心",
            labour_brand="" if index % 7 else f"{county['name']}巧匠",
        )
        existing[name] = market_id
        if not station:
            parents.append(market_id)
            by_county[county["code"]] = market_id
            if index % 9 == 0:
                await DemonstrationCertificate(
                    market=market_id,
                    year=2023 + index % 3,
                    certificate_no=f"ZJSF-{2023 + index % 3}-{index:03d}",
                ).save()
        created += 1
        bar.update(1)
    bar.close()
    return created, by_county


async def seed_demo(
    markets: int = 120, progress: bool = False, seed: int = 2023, issue_token: bool = False
) -> dict:
    """Seed the demo and describe it: {"markets": new markets, "created": new rows per kind,
    "worker"/"employer": sign-in phone and password, "operator": id, name and (with
    `issue_token`, a new one each call) an OPERATOR token}."""
    if get_settings().production:
        raise RuntimeError("演示数据（含公开的演示密码）不能写入生产环境")
    rng = random.Random(seed)
    await ensure_default_standard()  # the certification standard staff start from
    operator_ids = await _operators(rng)
    new_markets, by_county = await _markets(rng, operator_ids, markets, progress)
    demo = _Demo(by_county, operator_ids[0])
    await demo.seed()
    token = None
    if issue_token:
        token, _ = await issue("OPERATOR", operator_ids[0], days=30, label="演示")
    return {
        "markets": new_markets,
        "created": demo.created,
        "worker": {"name": WORKERS[0].name, "phone": WORKERS[0].phone, "password": DEMO_PASSWORD},
        "employer": {
            "name": EMPLOYERS[0].name,
            "phone": EMPLOYERS[0].phone,
            "password": DEMO_PASSWORD,
        },
        "operator": {"id": operator_ids[0], "name": OPERATORS[0], "token": token},
    }


def describe(summary: dict) -> list[str]:
    """Lines for the console: who to sign in as, and the operator's token if one was issued."""
    worker, employer, operator = summary["worker"], summary["employer"], summary["operator"]
    lines = [
        f"演示零工：{worker['name']}  手机号 {worker['phone']}  密码 {worker['password']}",
        f"演示用工主体：{employer['name']}  手机号 {employer['phone']}  密码 {employer['password']}",
    ]
    if operator["token"]:
        lines.append(f"演示运营机构（{operator['name']}）令牌：{operator['token']}")
    return lines


class _Demo:
    """The people, postings, applications and the operator's paperwork of the demo."""

    def __init__(self, by_county: dict[str, int], operator_id: int) -> None:
        self.by_county = by_county
        self.operator_id = operator_id
        self.created = dict.fromkeys(CREATED, 0)
        self.moment = now()
        self.reviewer = 0
        self.markets: dict[int, dict] = {}
        self.occupations: dict[str, int] = {}

    async def seed(self) -> None:
        rows = await t.Market.select(
            t.Market.id,
            t.Market.operator,
            t.Market.ownership,
            t.Market.latitude,
            t.Market.longitude,
            t.Market.address,
        ).where(t.Market.id.is_in(list(self.by_county.values()) or [0]))
        self.markets = {r["id"]: r for r in rows}
        self.occupations = {
            r["name"]: r["id"] for r in await Occupation.select(Occupation.id, Occupation.name)
        }
        self.reviewer = await self._reviewer()
        contract_market = await self._contract()
        employer_ids = [await self._employer(e) for e in EMPLOYERS]
        worker_ids = [await self._worker(w) for w in WORKERS]
        walk_in = await self._walk_in(contract_market)
        posting_ids = {p.title: await self._posting(p, employer_ids[p.employer]) for p in POSTINGS}
        employer_of = {p.title: employer_ids[p.employer] for p in POSTINGS}
        for worker, title, status in APPLICATIONS:
            worker_id = walk_in if worker < 0 else worker_ids[worker]
            if worker_id is not None:
                await self._application(
                    worker_id, worker < 0, posting_ids[title], employer_of[title], status
                )
        if contract_market is not None:
            await self._report(contract_market)

    def _market(self, county: str) -> int | None:
        """The county's demo market, else one in the same city, else any (few markets seeded)."""
        if county in self.by_county:
            return self.by_county[county]
        same_city = [m for c, m in self.by_county.items() if c[:4] == county[:4]]
        found = same_city or sorted(self.by_county.values())
        return found[0] if found else None

    async def _reviewer(self) -> int:
        row = await BaseUser.select(BaseUser.id).where(BaseUser.username == REVIEWER).first()
        if row is not None:
            return row["id"]
        user = await BaseUser.create_user(
            username=REVIEWER,
            password=secrets.token_urlsafe(24),
            email=f"{REVIEWER}@example.invalid",
            active=False,
        )
        return user.id

    async def _employer(self, e: DemoEmployer) -> int:
        account = await Account.select(Account.id).where(
            Account.phone_hash == personal.phone_hash(e.phone)
        )
        if account:
            return (await _profile(Employer, account[0]["id"]))["id"]
        uscc = None
        if e.kind == "COMPANY":
            body = f"91{e.region}{int(e.phone[-9:]):09d}"
            uscc = body + uscc_check_char(body)
        signed = await accounts.register(
            accounts.Registration(
                phone=e.phone,
                password=DEMO_PASSWORD,
                role="EMPLOYER",
                employer=employers.EmployerDraft(e.kind, e.name, uscc, e.contact, e.region),
            )
        )
        if e.verified:
            await employers.set_verification(signed.subject_id, "VERIFIED", self.reviewer, "演示")
        self.created["employers"] += 1
        return signed.subject_id

    def _location(self, county: str) -> tuple[float, float]:
        market = self.markets.get(self._market(county) or 0)
        if market is None:
            return CITY_CENTRES[county[:4] + "00"]
        return round(market["latitude"] + 0.01, 5), round(market["longitude"] + 0.01, 5)

    async def _worker(self, w: DemoWorker) -> int:
        account = await Account.select(Account.id).where(
            Account.phone_hash == personal.phone_hash(w.phone)
        )
        if account:
            return (await _profile(Worker, account[0]["id"]))["id"]
        signed = await accounts.register(
            accounts.Registration(
                phone=w.phone,
                password=DEMO_PASSWORD,
                role="WORKER",
                has_worker_profile=True,
                worker_name=w.name,
                worker_occupation_ids=[self.occupations.get(o) for o in w.occupations],
                worker_region_code=w.region,
            )
        )
        changes = workers.ProfileChanges(
            location=self._location(w.region),
            availability=w.availability,
            assistance=list(w.assistance),
        )
        if w.born:
            body = f"{w.region}{w.born}{int(w.phone[-3:]) + 100:03d}"
            changes.resident_id = body + resident_id_check_char(body)
        await workers.update_profile(signed.subject_id, changes)
        self.created["workers"] += 1
        return signed.subject_id

    async def _walk_in(self, market_id: int | None) -> int | None:
        row = await Worker.select(Worker.id).where(
            Worker.phone_hash == personal.phone_hash(WALK_IN.phone)
        )
        if row or market_id is None:
            return row[0]["id"] if row else None
        worker_id = await workers.register_walk_in(
            self.operator_id,
            market_id,
            WALK_IN.name,
            WALK_IN.phone,
            [self.occupations.get(o) for o in WALK_IN.occupations],
        )
        self.created["workers"] += 1
        return worker_id

    def _window(self, p: DemoPosting) -> tuple[datetime, datetime]:
        here = local(self.moment)
        if p.day is None:  # the next full or half hour after an hour from now
            soon = here.replace(second=0, microsecond=0) + timedelta(hours=1)
            starts = soon + timedelta(minutes=(30 - soon.minute % 30) % 30)
        else:
            hour, minute = map(int, p.start.split(":"))
            day = here.date() + timedelta(days=p.day)
            starts = datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)
        return starts, starts + timedelta(hours=p.hours)

    async def _posting(self, p: DemoPosting, employer_id: int) -> int:
        """A live posting with this title, or a new one through the posting rules."""
        live = (
            await jp.JobPosting.select(jp.JobPosting.id)
            .where(
                (jp.JobPosting.employer == employer_id)
                & (jp.JobPosting.title == p.title)
                & (jp.JobPosting.ends_at > self.moment)
            )
            .first()
        )
        if live is not None:
            return live["id"]
        starts, ends = self._window(p)
        market_id = self._market(p.region)
        market = self.markets.get(market_id or 0)
        posting_id = await postings.create(
            employer_id,
            postings.PostingDraft(
                occupation_id=self.occupations.get(p.occupation),
                market_id=market_id,
                market_given=market_id is not None,
                title=p.title,
                description=p.description,
                headcount=p.headcount,
                wage_amount=Decimal(p.wage[0]),
                wage_unit=p.wage[1],
                starts_at=starts,
                ends_at=ends,
                address=market["address"] if market else "杭州市上城区望江路 1 号",
                region_code=p.region,
                latitude=market["latitude"] if market else None,
                longitude=market["longitude"] if market else None,
                same_day=local(starts).date() == local(self.moment).date(),
                prefer_assisted=p.prefer_assisted,
            ),
        )
        if p.publish:
            await postings.publish(employer_id, posting_id)
        self.created["postings"] += 1
        return posting_id

    async def _application(
        self, worker_id: int, on_site: bool, posting_id: int, employer_id: int, status: str
    ) -> None:
        if await jp.JobApplication.exists().where(
            (jp.JobApplication.posting == posting_id) & (jp.JobApplication.worker == worker_id)
        ):
            return
        worker = applications.Actor("WORKER", worker_id)
        employer = applications.Actor("EMPLOYER", employer_id)
        try:
            if on_site:
                actor = applications.Actor("OPERATOR", self.operator_id)
                application_id = await applications.apply(actor, posting_id, worker_id)
            else:
                application_id = await applications.apply(worker, posting_id, None)
            if status in ("CONFIRMED", "CHECKED_IN"):
                await applications.confirm(employer, application_id)
            if status == "CHECKED_IN":
                await progress.check_in(employer, application_id)
            if status == "CANCELLED":
                await progress.cancel(worker, application_id, "临时有事，去不了了")
        except ServiceError:
            # A posting kept from an earlier run may have started or filled meanwhile: the
            # rules refuse the step, and the demo simply goes without it.
            return
        self.created["applications"] += 1

    async def _contract(self) -> int | None:
        """The assessment schemes the demo needs, then the demo operator's contract (start of
        last year to end of next) for one of its markets, public-welfare if it has one."""
        mine = sorted(m["id"] for m in self.markets.values() if m["operator"] == self.operator_id)
        welfare = [m for m in mine if self.markets[m]["ownership"] == "PUBLIC_WELFARE"]
        market_id = (welfare or mine or [None])[0]
        year = local(self.moment).year
        for y in sorted({year, periods.year(_last_month(self.moment))}):
            await self._scheme(y)
        if market_id is None:
            return None
        known = await OperatingContract.exists().where(
            (OperatingContract.operator == self.operator_id)
            & (OperatingContract.market == market_id)
        )
        if known:
            return market_id
        draft = contracts.ContractDraft(
            self.operator_id,
            market_id,
            date(max(periods.FIRST_YEAR, year - 1), 1, 1),
            date(year + 1, 12, 31),
            10_000_000,
        )
        if await contracts.validate(draft):
            return None  # staff already contracted someone else for this market
        await OperatingContract(
            operator=self.operator_id,
            market=market_id,
            starts_on=draft.starts_on,
            ends_on=draft.ends_on,
            public_welfare=self.markets[market_id]["ownership"] == "PUBLIC_WELFARE",
            yearly_budget_fen=draft.yearly_budget_fen,
        ).save()
        self.created["contracts"] += 1
        return market_id

    async def _scheme(self, year: int) -> None:
        if await AssessmentScheme.exists().where(AssessmentScheme.year == year):
            return
        values: dict[str, Any] = {
            "year": year,
            "name": f"{year} 年公益性零工市场运营考核办法",
            "tolerance_percent": 10,
            "pass_score": 60,
            "monthly_reward_cap_fen": 1_000_000,
            "budget_fen": 100_000_000,
        }
        _check_scheme(values)  # the admin's checks on a scheme and on each indicator
        async with write_transaction():
            scheme = AssessmentScheme(**values)
            await scheme.save()
            for name, (weight, target) in INDICATORS.items():
                _check_indicator({"indicator": name, "weight": weight, "target": target})
                await AssessmentIndicator(
                    scheme=scheme.id, indicator=name, weight=weight, target=target
                ).save()
        problems, scheme_spec = Problems(), await load_scheme(year)
        assert scheme_spec is not None
        check_scheme(scheme_spec, problems)  # what an assessment run will demand
        problems.raise_if_any()
        self.created["schemes"] += 1

    async def _report(self, market_id: int) -> None:
        """Last month's workload report, and its DRAFT assessment for staff to decide."""
        period = _last_month(self.moment)
        filed = await WorkloadReport.exists().where(
            (WorkloadReport.market == market_id) & (WorkloadReport.period == period)
        )
        if not filed:
            draft = reports.ReportDraft(
                market_id, period, f"demo-{period}-{market_id}", dict(REPORTED), "演示数据"
            )
            await reports.submit(self.operator_id, draft)
            self.created["reports"] += 1
        assessed = await Assessment.exists().where(
            (Assessment.market == market_id) & (Assessment.period == period)
        )
        if not assessed:
            result = await runs.run(period, AuditActor("STAFF", self.reviewer), [market_id])
            self.created["assessments"] += result.created


def _last_month(moment: datetime) -> str:
    here = local(moment)
    first = here.date().replace(day=1) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


async def _profile(table, account_id: int) -> dict:
    return await table.select(table.id).where(table.account == account_id).first()
