"""Demo people, postings, applications and the operator's paperwork, through the services."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from piccolo.apps.user.tables import BaseUser

from services.account import rules as accounts
from services.assessment import periods, reports, runs, schemes
from services.assessment.rules import check_scheme, load_scheme
from services.audit.rules import Actor as AuditActor
from services.db import write_transaction
from services.employer import rules as employers
from services.identifiers import resident_id_check_char, uscc_check_char
from services.job_posting import applications, progress
from services.job_posting import rules as postings
from services.operator import rules as contracts
from services.problems import Problems, ServiceError
from services.timeutil import SHANGHAI, local, now
from services.worker import personal
from services.worker import rules as workers
from tables import job_posting as jp
from tables import market as t
from tables.account import Account
from tables.assessment import Assessment, AssessmentIndicator, AssessmentScheme, WorkloadReport
from tables.employer import Employer
from tables.occupation import Occupation
from tables.operator import OperatingContract
from tables.worker import Worker
from tools.demo.data import (
    APPLICATIONS,
    CREATED,
    DEMO_PASSWORD,
    EMPLOYERS,
    INDICATORS,
    POSTINGS,
    REPORTED,
    REVIEWER,
    WALK_IN,
    WORKERS,
    DemoEmployer,
    DemoPosting,
    DemoWorker,
)
from tools.demo.markets import CITY_CENTRES


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
                public_welfare=p.public_welfare,
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
        # The same checks as the admin applies to a scheme and to each indicator.
        if broken := schemes.scheme_row_problems(values):
            raise RuntimeError(f"demo scheme: {broken}")
        async with write_transaction():
            scheme = AssessmentScheme(**values)
            await scheme.save()
            for name, (weight, target) in INDICATORS.items():
                row = {"indicator": name, "weight": weight, "target": target}
                if broken := schemes.indicator_row_problems(row):
                    raise RuntimeError(f"demo indicator: {broken}")
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
