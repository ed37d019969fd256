"""Tiered service rules (分级服务, （十）): needs from categories, age and long waiting; staff
overrides with a reason, audited; refusals change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.assistance import tier
from services.problems import Problem, ServiceError
from services.worker import rules as worker_rules
from tables import job_posting as jp
from tables.assistance import WorkerServiceTier
from tables.audit import AuditLog
from tables.worker import Worker
from tests.fixtures.account import make_staff_user, next_resident_id
from tests.fixtures.job_posting import make_application, make_cast, make_posting
from tests.fixtures.worker import make_worker

NOW = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
RECENT = NOW - timedelta(days=30)
LONG_AGO = NOW - timedelta(days=200)


@pytest.mark.parametrize(
    ("categories", "born", "registered", "last", "expected", "codes"),
    [
        (set(), 1990, RECENT, None, "GENERAL", []),
        ({"LOW_INCOME"}, 1990, RECENT, None, "KEY", ["CATEGORY"]),
        ({"DISABLED"}, 1990, RECENT, None, "ASSISTED", ["CATEGORY"]),
        (set(), 1976, RECENT, None, "KEY", ["AGE"]),
        (set(), 1977, RECENT, None, "GENERAL", []),
        ({"OLDER"}, 1960, RECENT, None, "KEY", ["CATEGORY"]),
        (set(), 1990, LONG_AGO, None, "KEY", ["LONG_WAIT"]),
        (set(), 1990, LONG_AGO, NOW - timedelta(days=10), "GENERAL", []),
        (set(), 1990, LONG_AGO, NOW - timedelta(days=181), "KEY", ["LONG_WAIT"]),
        ({"LOW_INCOME"}, 1970, RECENT, None, "ASSISTED", ["CATEGORY", "AGE"]),
        ({"LONG_WAITING"}, 1990, LONG_AGO, None, "KEY", ["CATEGORY"]),
        ({"LOW_INCOME", "LONG_WAITING"}, None, RECENT, None, "ASSISTED", ["CATEGORY", "CATEGORY"]),
    ],
)
def test_the_rules(categories, born, registered, last, expected, codes):
    result = tier.derive(categories, born, registered, last, NOW)

    assert (result.tier, [r.code for r in result.reasons]) == (expected, codes)


def test_reasons_read_in_chinese():
    result = tier.derive({"DISABLED", "OLDER"}, 1960, LONG_AGO, None, NOW)

    assert [r.text for r in result.reasons] == [
        "援助类别：大龄",
        "援助类别：残疾",
        "登记超过 180 天仍未完工过零工",
    ]


async def test_tiers_come_from_the_stored_worker_and_their_shifts():
    # given: an older worker with a low income, a worker registered long ago who completed a
    # shift last week, and one who never worked
    older, _ = await make_worker(
        assistance=("LOW_INCOME",), resident_id=next_resident_id("19600101")
    )
    cast = await make_cast()
    waiting, _ = await make_worker()
    await Worker.update({Worker.created_at: datetime.now(UTC) - timedelta(days=300)}).where(
        Worker.id.is_in([waiting, cast.worker_id])
    )
    posting = await make_posting(cast.employer_id)
    shift = await make_application(cast.worker_id, posting, cast.employer_id, status="COMPLETED")
    await jp.JobApplication.update(
        {jp.JobApplication.completed_at: datetime.now(UTC) - timedelta(days=7)}
    ).where(jp.JobApplication.id == shift)

    # when
    found = await tier.tiers([older, waiting, cast.worker_id])

    # then
    assert {k: v.tier for k, v in found.items()} == {
        older: "ASSISTED",
        waiting: "KEY",
        cast.worker_id: "GENERAL",
    }


async def test_staff_override_and_remove_with_a_reason_audited():
    worker_id, _ = await make_worker()
    staff = await make_staff_user()

    await tier.set_override(staff, worker_id, "ASSISTED", " 家庭突发变故，需一对一帮扶 ")
    overridden = await tier.tier_of(worker_id)
    await tier.set_override(staff, worker_id, None, "变故已解决")
    restored = await tier.tier_of(worker_id)

    assert overridden is not None and restored is not None
    assert (overridden.tier, overridden.derived, overridden.override.reason) == (  # type: ignore[union-attr]
        "ASSISTED",
        "GENERAL",
        "家庭突发变故，需一对一帮扶",
    )
    assert (restored.tier, restored.override) == ("GENERAL", None)
    audited = await AuditLog.select(
        AuditLog.actor_type, AuditLog.actor_id, AuditLog.action, AuditLog.entity_type
    ).order_by(AuditLog.id)
    assert audited == [
        {"actor_type": "STAFF", "actor_id": staff, "action": a, "entity_type": "worker"}
        for a in ("assistance.tier_override", "assistance.tier_override_removed")
    ]


@pytest.mark.parametrize(
    ("worker", "chosen", "reason", "problems"),
    [
        (
            True,
            "VIP",
            "理由充分",
            [Problem("INVALID_TIER", "服务等级须为普通服务、重点服务或援助服务", ("tier",))],
        ),
        (True, "KEY", " ", [Problem("INVALID_REASON", "请填写 2 到 200 个字的理由", ("reason",))]),
        (False, "KEY", "理由充分", [Problem("NOT_FOUND", "零工不存在", ("workerId",))]),
        (
            True,
            None,
            "理由充分",
            [Problem("NOT_OVERRIDDEN", "该零工的服务等级未被人工调整", ("tier",))],
        ),
    ],
)
async def test_a_refused_override_changes_nothing(worker, chosen, reason, problems):
    worker_id = (await make_worker())[0] if worker else 999999

    with pytest.raises(ServiceError) as refused:
        await tier.set_override(1, worker_id, chosen, reason)

    assert refused.value.problems == problems
    assert await WorkerServiceTier.count() == 0
    assert await AuditLog.count() == 0


async def test_a_walk_in_worker_has_a_tier_too():
    cast = await make_cast()
    from tests.fixtures.worker import make_walk_in

    walk_in = await make_walk_in(cast.operator_id, cast.market_id)
    await worker_rules.update_profile(walk_in, worker_rules.ProfileChanges(assistance=["DISABLED"]))

    assert (await tier.tier_of(walk_in)).tier == "ASSISTED"  # type: ignore[union-attr]
