"""Eligibility: every rule of a programme checked for one applicant, each explained in Chinese,
with the amount it would pay. Nothing is stored here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.auth.rules import Role
from services.crypto import decrypt
from services.problems import Problem, ServiceError
from services.subsidy.amounts import amount_fen, course_minutes, day, months_before, placements
from services.subsidy.programmes import (
    CLAUSES,
    OPERATOR_KINDS,
    TRAINING_KINDS,
    region_prefix,
    yuan,
)
from services.timeutil import now
from tables import subsidy as t
from tables import training as tr
from tables.market import Market
from tables.worker import Worker

# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
PROGRAMME_REGION = (
    t.SubsidyProgramme.region._.code.as_alias("region_code"),
    t.SubsidyProgramme.region._.name.as_alias("region_name"),
)
ENROLMENT_COURSE = (
    tr.TrainingEnrolment.course._.title.as_alias("title"),
    tr.TrainingEnrolment.course._.category.as_alias("category"),
    tr.TrainingEnrolment.course._.subsidised.as_alias("subsidised"),
    tr.TrainingEnrolment.course._.id.as_alias("course"),
)
HOME_COUNTY = Worker.home_region._.code.as_alias("county")

CATEGORY_NAMES = {c.value.value: c.value.display_name for c in t.AssistanceCategory}
TRAINING_NAMES = {c.value.value: c.value.display_name for c in tr.TrainingCategory}
ENROLMENT, MARKET = "培训报名", "零工市场（或不由你运营）"
OWNERSHIP_NAMES = {"PUBLIC_WELFARE": "公益性", "MARKET_OPERATED": "市场化"}


@dataclass(frozen=True)
class Applicant:
    role: str  # WORKER / OPERATOR
    id: int  # the worker, or the operator
    market_id: int | None = None  # operators: the market applied for
    enrolment_id: int | None = None  # training kinds: the completed enrolment


@dataclass(frozen=True)
class Check:
    rule: str
    met: bool
    text: str


@dataclass
class Eligibility:
    programme: dict
    checks: list[Check] = field(default_factory=list)
    quantity: int = 0
    amount_fen: int | None = None
    worker_id: int | None = None
    market_id: int | None = None
    enrolment_id: int | None = None
    region_id: int | None = None

    @property
    def eligible(self) -> bool:
        return all(c.met for c in self.checks)

    @property
    def applicant_key(self) -> str:
        p = self.programme["id"]
        if self.market_id is not None and self.worker_id is None:
            return f"P{p}:M{self.market_id}"
        return f"P{p}:W{self.worker_id}:E{self.enrolment_id or '-'}"

    def add(self, rule: str, met: bool, yes: str, no: str) -> None:
        self.checks.append(Check(rule, met, yes if met else no))


def not_found(what: str, *path: str) -> ServiceError:
    return ServiceError([Problem("NOT_FOUND", f"{what}不存在", tuple(path))])


async def programme(programme_id: int | None) -> dict:
    row = (
        await t.SubsidyProgramme.select(
            *t.SubsidyProgramme.all_columns(),
            *PROGRAMME_REGION,
        )
        .where(t.SubsidyProgramme.id == programme_id)
        .first()
        if programme_id is not None
        else None
    )
    if row is None:
        raise not_found("补贴项目", "programme_id")
    return row


def _period(result: Eligibility, row: dict, moment: datetime) -> None:
    # The period ends before `ends_at` (exclusive): people read its last day.
    window = f"{day(row['starts_at'])}至{day(row['ends_at'] - timedelta(seconds=1))}"
    open_ = bool(row["active"]) and row["starts_at"] <= moment < row["ends_at"]
    result.add(
        "PROGRAMME_OPEN",
        open_,
        f"在申请期内（{window}）",
        "本项目已停止受理" if not row["active"] else f"不在申请期内：申请期为{window}",
    )


def _assistance(result: Eligibility, row: dict, worker: dict) -> None:
    wanted = row["assistance_categories"] or []
    if not wanted:
        return
    held = (
        set(json.loads(decrypt(worker["assistance_encrypted"])))
        if worker["assistance_encrypted"]
        else set()
    )
    names = "、".join(label for code, label in CATEGORY_NAMES.items() if code in wanted)
    result.add(
        "ASSISTANCE_CATEGORY",
        bool(held & set(wanted)),
        f"属于援助对象（{names}之一）",
        f"须属于以下援助对象之一：{names}（求职登记中未登记）",
    )


def _region(result: Eligibility, row: dict, county_code: str | None, whose: str) -> None:
    prefix = region_prefix(row["region_code"])
    if not prefix:
        return
    name = row["region_name"]
    result.add(
        "REGION",
        county_code is not None and county_code.startswith(prefix),
        f"{whose}在{name}",
        f"{whose}须在{name}" + ("（未登记常住地）" if county_code is None else ""),
    )


def enrolments_select():
    """A worker's enrolments as the training rule reads them (add the conditions)."""
    return tr.TrainingEnrolment.select(
        tr.TrainingEnrolment.id,
        tr.TrainingEnrolment.status,
        tr.TrainingEnrolment.completed_at,
        *ENROLMENT_COURSE,
    )


async def _training(
    result: Eligibility,
    row: dict,
    worker_id: int,
    wanted: int | None,
    moment,
    known: KnownTraining | None = None,
):
    """The completed enrolment the application is for: the one named, or the most recent
    qualifying one not yet claimed under this programme."""
    category, months = row["training_category"], row["training_within_months"]
    since = months_before(moment, months) if months else None
    if known is not None and wanted is None:
        # Read once for every programme (qualifying): no SELECT built per programme.
        claimed = known.claimed(row["id"])
        rows = [r for r in known.enrolments if r["id"] not in claimed] or known.enrolments
    elif wanted is not None:
        query = enrolments_select().where(tr.TrainingEnrolment.worker == worker_id)
        rows = await query.where(tr.TrainingEnrolment.id == wanted)
        if not rows:
            raise not_found(ENROLMENT, "training_enrolment_id")
    else:
        query = enrolments_select().where(tr.TrainingEnrolment.worker == worker_id)
        rows = await query.where(tr.TrainingEnrolment.status == "COMPLETED").order_by(
            tr.TrainingEnrolment.completed_at, ascending=False
        )
        claimed = {
            r["enrolment"]
            for r in await t.SubsidyApplication.select(t.SubsidyApplication.enrolment).where(
                (t.SubsidyApplication.programme == row["id"])
                & (t.SubsidyApplication.worker == worker_id)
            )
        }
        rows = [r for r in rows if r["id"] not in claimed] or rows
    need = "结业一门享受补贴的培训课程"
    if category:
        need = f"结业一门「{TRAINING_NAMES[category]}」类享受补贴的培训课程"
    if since is not None:
        need = f"近 {months} 个月内（{day(since)}以后）" + need

    def why_not(r: dict) -> str | None:
        if r["status"] != "COMPLETED":
            return f"「{r['title']}」尚未结业"
        if not r["subsidised"]:
            return f"「{r['title']}」不享受培训补贴"
        if category and r["category"] != category:
            return f"「{r['title']}」不是{TRAINING_NAMES[category]}类课程"
        if since is not None and r["completed_at"] < since:
            return f"「{r['title']}」于{day(r['completed_at'])}结业，已超过 {months} 个月"
        return None

    good = next((r for r in rows if why_not(r) is None), None)
    if good is not None:
        result.enrolment_id = good["id"]
        result.add("COMPLETED_TRAINING", True, f"已结业「{good['title']}」", "")
        return good
    # Explain the named enrolment, else the most recent one; without any: say so.
    reason = why_not(rows[0]) if rows else "没有结业记录"
    result.add("COMPLETED_TRAINING", False, "", f"须{need}：{reason}")
    return None


@dataclass(frozen=True)
class Known:
    """What services/subsidy/qualifying.py read once for every programme it checks: the worker
    row (None: no such worker) and, for the applicant key a programme's rules give before any
    enrolment is chosen, the id of the application already under it (None: none)."""

    worker: dict | None
    key: str
    applied: int | None
    training: KnownTraining | None = None  # None: read per programme, as evaluate() does


@dataclass(frozen=True)
class KnownTraining:
    """What the training rule reads for every training programme, read once for one worker
    (services/subsidy/qualifying.py): their completed enrolments newest first (as _training
    reads them), the minutes of those enrolments' courses, and their applications."""

    enrolments: list[dict]
    minutes: dict[int, int]  # course id → minutes of its sessions (amounts.course_minutes)
    applications: list[dict]  # the worker's: id, programme, enrolment, applicant_key

    def claimed(self, programme_id: int) -> set[int]:
        return {a["enrolment"] for a in self.applications if a["programme"] == programme_id}

    def applied(self, key: str) -> int | None:
        # A worker's applicant key names the worker (Eligibility.applicant_key), and
        # applications.submit stores it with that worker: the key's application is theirs.
        return next((a["id"] for a in self.applications if a["applicant_key"] == key), None)


async def _worker(
    result: Eligibility, row: dict, applicant: Applicant, moment, known: Known | None
) -> dict | None:
    worker = (
        known.worker
        if known is not None
        else await Worker.select(
            Worker.id,
            Worker.assistance_encrypted,
            Worker.home_region,
            HOME_COUNTY,
        )
        .where(Worker.id == applicant.id)
        .first()
    )
    if worker is None:
        raise not_found("求职登记")
    result.worker_id, result.region_id = worker["id"], worker["home_region"]
    _assistance(result, row, worker)
    _region(result, row, worker["county"], "常住地")
    if row["kind"] in TRAINING_KINDS:
        training = known.training if known is not None else None
        return await _training(result, row, worker["id"], applicant.enrolment_id, moment, training)
    return None


async def _market(result: Eligibility, row: dict, applicant: Applicant) -> bool:
    market = (
        await Market.select(
            Market.id,
            Market.name,
            Market.operator,
            Market.ownership,
            Market.region,
            Market.region._.code.as_alias("county"),
        )
        .where(Market.id == applicant.market_id)
        .first()
        if applicant.market_id is not None
        else None
    )
    if market is None or market["operator"] != applicant.id:
        raise not_found(MARKET, "market_id")
    result.market_id, result.region_id = market["id"], market["region"]
    if row["market_ownership"]:
        wanted = OWNERSHIP_NAMES[row["market_ownership"]]
        result.add(
            "MARKET_OWNERSHIP",
            market["ownership"] == row["market_ownership"],
            f"「{market['name']}」为{wanted}零工市场",
            f"须为{wanted}零工市场（「{market['name']}」为{OWNERSHIP_NAMES.get(market['ownership'], '其他')}）",
        )
    _region(result, row, market["county"], "零工市场")
    return True


async def evaluate(applicant: Applicant, programme_id: int | None) -> Eligibility:
    """Check every rule the programme sets; unknown programme, market or enrolment is
    NOT_FOUND (a ServiceError), an unmet rule is a Check with met=False."""
    return await evaluate_row(applicant, await programme(programme_id))


async def evaluate_row(applicant: Applicant, row: dict, known: Known | None = None) -> Eligibility:
    """evaluate() for a programme row already read (as programme() reads it), with what
    `known` holds instead of reading it again (workers only)."""
    result = Eligibility(programme=row)
    moment = now()
    _period(result, row, moment)
    by_operator = row["kind"] in OPERATOR_KINDS
    clause = CLAUSES[row["kind"]]
    course: dict | None = None
    if applicant.role == Role.OPERATOR:
        result.add(
            "APPLICANT_KIND",
            by_operator,
            "由零工市场运营机构申请",
            f"本补贴按{clause}由劳动者本人申请，运营机构不能代为申请",
        )
        if not by_operator:
            return result
        await _market(result, row, applicant)
    else:
        result.add(
            "APPLICANT_KIND",
            not by_operator,
            "由劳动者本人申请",
            f"就业创业服务补贴按{clause}由零工市场运营机构为其市场申请",
        )
        if by_operator:
            return result
        course = await _worker(result, row, applicant, moment, known)
    if row["kind"] in TRAINING_KINDS and course is None:
        return result  # no training to pay for: the training rule already says why
    quantity = 1
    if row["amount_rule"] == "PER_TRAINING_HOUR":
        assert course is not None  # PER_TRAINING_HOUR is for training kinds only
        if known is not None and known.training is not None:
            quantity = known.training.minutes[course["course"]]
        else:
            quantity = await course_minutes(course["course"])
    elif row["amount_rule"] == "PER_PLACEMENT" and result.market_id is not None:
        quantity = await placements(row, result.market_id, moment)
        result.add(
            "PLACEMENTS",
            quantity > 0,
            f"申请期内成功就业 {quantity} 人次",
            "申请期内该市场没有成功就业（已完工）记录",
        )
    result.quantity, result.amount_fen = quantity, amount_fen(row, quantity)
    await _already(result, known)
    left = row["budget_fen"] - row["committed_fen"]
    amount = result.amount_fen or 0
    result.add(
        "BUDGET",
        amount <= left,
        f"预算余额充足（剩余 {yuan(left)}）",
        f"预算余额不足：剩余 {yuan(left)}，本次 {yuan(amount)}",
    )
    return result


async def _already(result: Eligibility, known: Known | None) -> None:
    if result.worker_id is None and result.market_id is None:
        return
    if known is not None and known.key == result.applicant_key:
        found = known.applied
    elif known is not None and known.training is not None and result.worker_id is not None:
        found = known.training.applied(result.applicant_key)
    else:
        row = (
            await t.SubsidyApplication.select(t.SubsidyApplication.id)
            .where(t.SubsidyApplication.applicant_key == result.applicant_key)
            .first()
        )
        found = row["id"] if row else None
    result.add(
        "NOT_YET_APPLIED",
        found is None,
        "尚未申请过",
        f"已申请过本项目（申请编号 {found}）" if found is not None else "",
    )
