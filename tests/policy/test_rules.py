"""Policy item rules: every problem of a draft at once, in Chinese; publish and withdraw; audit."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from services.audit.rules import Actor
from services.policy import rules
from services.problems import Problem, ServiceError
from tables.audit import AuditLog
from tables.policy import PolicyItem
from tests.fixtures.account import make_staff_user
from tests.fixtures.policy import days_from_today, make_policy, policy_rows


def good(**changes) -> rules.PolicyDraft:
    values = {
        "title": "职业培训补贴",
        "summary": "参加培训可享受补贴。",
        "body": "正文",
        "issuing_document": "浙人社发〔2023〕5号",
        "clause": "（九）",
        "effective_from": date(2023, 1, 19),
        "regions": ["330000"],
        "roles": ["WORKER"],
        **changes,
    }
    return rules.PolicyDraft(**values)


def test_a_draft_is_stored_trimmed_and_normalised():
    cleaned, problems = rules.clean(
        good(
            title="  职业培训补贴 ",
            issuing_document="浙人社发 [2023] 5号",
            clause="(十一)",
            regions=["330102", "330102", "330100"],
            roles=["WORKER", "WORKER"],
        )
    )

    assert not problems
    assert (cleaned.title, cleaned.issuing_document, cleaned.clause) == (
        "职业培训补贴",
        "浙人社发〔2023〕5号",
        "（十一）",
    )
    assert (cleaned.regions, cleaned.roles) == (["330102", "330100"], ["WORKER"])


def test_every_problem_is_named_at_once():
    _, problems = rules.clean(
        rules.PolicyDraft(
            title="",
            summary="长" * 301,
            issuing_document="五号文件",
            clause="第十一条",
            effective_from=date(2024, 1, 1),
            effective_to=date(2023, 12, 31),
            regions=["110101"],
            assistance_categories=["RICH"],
            occupations=["宇航员"],
            roles=[],
        )
    )

    assert problems.items == [
        Problem("REQUIRED", "请填写此项", ("title",)),
        Problem("TOO_LONG", "不超过 300 个字", ("summary",)),
        Problem("INVALID_DOCUMENT", "发文字号格式应如“浙人社发〔2023〕5号”", ("issuingDocument",)),
        Problem("INVALID_CLAUSE", "条款应写作“（十一）”这样的序号", ("clause",)),
        Problem("INVALID_DATES", "失效日期不能早于生效日期", ("effectiveTo",)),
        Problem("INVALID_AUDIENCE", "地区“110101”不存在", ("regions",)),
        Problem("REQUIRED", "请至少选择一类适用对象（零工、用工主体或运营机构）", ("roles",)),
        Problem("INVALID_AUDIENCE", "援助类别“RICH”不存在", ("assistanceCategories",)),
        Problem("INVALID_AUDIENCE", "工种“宇航员”不存在", ("occupations",)),
    ]


def test_missing_values():
    _, problems = rules.clean(rules.PolicyDraft())

    assert [(p.code, p.field) for p in problems.items] == [
        ("REQUIRED", ("title",)),
        ("REQUIRED", ("summary",)),
        ("REQUIRED", ("issuingDocument",)),
        ("REQUIRED", ("effectiveFrom",)),
        ("REQUIRED", ("regions",)),
        ("REQUIRED", ("roles",)),
    ]
    assert problems.items[4].message == "请至少选择一个适用地区（全省适用请选“浙江省”）"


def test_audience_criteria_must_fit_the_roles():
    _, problems = rules.clean(
        good(
            roles=["OPERATOR"],
            assistance_categories=["OLDER"],
            occupations=["保洁员"],
            service_tiers=["KEY", "VIP"],
        )
    )

    assert problems.items == [
        Problem("INVALID_AUDIENCE", "服务等级“VIP”不存在", ("serviceTiers",)),
        Problem(
            "INVALID_AUDIENCE", "按就业援助类别推送的政策须面向零工", ("assistanceCategories",)
        ),
        Problem("INVALID_AUDIENCE", "按分级服务等级推送的政策须面向零工", ("serviceTiers",)),
        Problem("INVALID_AUDIENCE", "按工种推送的政策须面向零工或用工主体", ("occupations",)),
    ]


async def test_a_refused_draft_stores_nothing():
    with pytest.raises(ServiceError) as refused:
        await rules.create(Actor("STAFF", 1), good(title=""))

    assert [p.code for p in refused.value.problems] == ["REQUIRED"]
    assert await policy_rows() == []
    assert await AuditLog.count() == 0


async def test_publish_and_withdraw_are_audited_with_the_staff_member():
    staff = Actor("STAFF", await make_staff_user())
    policy_id = await rules.create(staff, good())

    await rules.publish(staff, policy_id)
    await rules.withdraw(staff, policy_id)
    await rules.publish(staff, policy_id)

    row = await PolicyItem.select().where(PolicyItem.id == policy_id).first()
    assert (row["status"], row["version"], row["withdrawn_at"]) == ("PUBLISHED", 3, None)
    audited = await AuditLog.select(
        AuditLog.actor_type, AuditLog.actor_id, AuditLog.action, AuditLog.entity_id
    ).order_by(AuditLog.id)
    assert audited == [
        {"actor_type": "STAFF", "actor_id": staff.id, "action": a, "entity_id": policy_id}
        for a in ("policy.create", "policy.publish", "policy.withdraw", "policy.publish")
    ]


@pytest.mark.parametrize(
    ("status", "step", "problem"),
    [
        ("PUBLISHED", "publish", Problem("INVALID_STATE", "该政策已发布", ("id",))),
        ("DRAFT", "withdraw", Problem("INVALID_STATE", "只有已发布的政策可以撤回", ("id",))),
        ("WITHDRAWN", "withdraw", Problem("INVALID_STATE", "只有已发布的政策可以撤回", ("id",))),
    ],
)
async def test_steps_from_the_wrong_state_change_nothing(status, step, problem):
    policy_id = await make_policy(status=status)
    before = await policy_rows()

    with pytest.raises(ServiceError) as refused:
        await getattr(rules, step)(Actor("STAFF", 1), policy_id)

    assert refused.value.problems == [problem]
    assert await policy_rows() == before


async def test_an_expired_item_cannot_be_published():
    policy_id = await make_policy(status="DRAFT", starts=-60, ends=-1)
    before = await policy_rows()

    with pytest.raises(ServiceError) as refused:
        await rules.publish(Actor("STAFF", 1), policy_id)

    assert refused.value.problems == [
        Problem("EXPIRED", "该政策已过失效日期，不能发布", ("effectiveTo",))
    ]
    assert await policy_rows() == before


async def test_an_unknown_item():
    with pytest.raises(ServiceError) as refused:
        await rules.publish(Actor("STAFF", 1), 999)

    assert refused.value.problems == [Problem("NOT_FOUND", "政策条目不存在", ("id",))]


def test_today_is_the_day_in_shanghai():
    assert days_from_today(0) == rules.today()


def test_the_audience_choices_are_the_workers_categories_and_the_reference_data():
    from services.worker.personal import ASSISTANCE_CATEGORIES

    assert rules.CATEGORIES == ASSISTANCE_CATEGORIES
    assert len(rules.REGIONS) == 102 and "330000" in rules.REGIONS
    assert "装卸搬运工" in rules.OCCUPATIONS


async def test_two_simultaneous_publishes_publish_once():
    for _ in range(5):
        policy_id = await make_policy(status="DRAFT")
        staff = Actor("STAFF", 1)

        results = await asyncio.gather(
            rules.publish(staff, policy_id), rules.publish(staff, policy_id), return_exceptions=True
        )

        refused = [r for r in results if isinstance(r, ServiceError)]
        assert sorted(map(type, results), key=str) == sorted([int, ServiceError], key=str), results
        assert refused[0].problems == [Problem("INVALID_STATE", "该政策已发布", ("id",))]
        row = await PolicyItem.select(PolicyItem.version).where(PolicyItem.id == policy_id).first()
        assert row == {"version": 1}
        published = await AuditLog.count().where(
            (AuditLog.action == "policy.publish") & (AuditLog.entity_id == policy_id)
        )
        assert published == 1
