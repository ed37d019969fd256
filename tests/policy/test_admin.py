"""The policy register in the admin (issue 10, items 3 and 6): staff create and edit items under
the platform's rules (every problem in Chinese, nothing written), publish and withdraw from
the record, audited; the state never moves through a plain edit."""

from __future__ import annotations

import itertools

import httpx
import pytest

from admin.site import row_actions
from tables import policy as t
from tables.audit import AuditLog
from tests.fixtures.policy import make_policy, policy_rows
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = itertools.count(1)
API = "/admin/api/tables/policy_item/"

GOOD = {
    "title": " 职业培训补贴和培训期间生活费补贴 ",
    "summary": "参加培训可享受补贴。",
    "body": "对符合条件的按规定落实职业培训补贴和培训期间生活费补贴。",
    "issuing_document": "浙人社发[2023]5号",
    "clause": "(九)",
    "effective_from": "2023-01-19",
    "effective_to": None,
    "regions": ["330100"],
    "assistance_categories": [],
    "occupations": ["保洁员"],
    "roles": ["WORKER"],
    "status": "DRAFT",
}


@pytest.fixture
async def client(app):
    # Own client address per test: the admin rate-limits logins per address.
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.93.{n % 250}.{n // 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def refused(response, message: str) -> None:
    assert (response.status_code, response.json()) == (422, {"custom_form_error": message})


async def audit_actions() -> list[tuple[str, str, int]]:
    rows = await AuditLog.select(AuditLog.action, AuditLog.actor_type, AuditLog.entity_id).order_by(
        AuditLog.id
    )
    return [(r["action"], r["actor_type"], r["entity_id"]) for r in rows]


def test_publish_and_withdraw_start_from_the_record():
    assert row_actions()["policy_item"] == [
        {"label": "发布政策", "form": "policy-publish", "values": {"policy_id": "$id"}},
        {"label": "撤回政策", "form": "policy-withdraw", "values": {"policy_id": "$id"}},
    ]


async def test_staff_create_a_draft_stored_as_the_rules_normalise_it(client):
    headers = await staff_session(client)

    response = await client.post(API, json=GOOD, headers=headers)

    assert response.status_code == 201, response.text
    [row] = await policy_rows()
    assert {k: row[k] for k in ("title", "issuing_document", "clause", "status", "version")} == {
        "title": "职业培训补贴和培训期间生活费补贴",
        "issuing_document": "浙人社发〔2023〕5号",
        "clause": "（九）",
        "status": "DRAFT",
        "version": 0,
    }
    assert (row["regions"], row["occupations"], row["roles"]) == (
        ["330100"],
        ["保洁员"],
        ["WORKER"],
    )
    assert await audit_actions() == [("admin.create", "STAFF", row["id"])]


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        (
            {"title": "", "issuing_document": "五号文", "regions": [], "roles": []},
            "请填写此项；发文字号格式应如“浙人社发〔2023〕5号”；"
            "请至少选择一个适用地区（全省适用请选“浙江省”）；"
            "请至少选择一类适用对象（零工、用工主体或运营机构）",
        ),
        ({"effective_to": "2023-01-01"}, "失效日期不能早于生效日期"),
        ({"regions": ["110101"]}, "“适用地区”的取值无效"),
        ({"roles": ["STAFF"]}, "“适用对象”的取值无效"),
        (
            {"assistance_categories": ["OLDER"], "roles": ["EMPLOYER"]},
            "按就业援助类别推送的政策须面向零工",
        ),
        ({"status": "PUBLISHED"}, "新建的政策为草稿：保存后请在政策记录的“发布政策”中发布"),
        ({"body": "正文\x00"}, "含有不可见的控制字符"),
    ],
)
async def test_a_bad_item_is_refused_with_every_problem_and_nothing_stored(client, changes, detail):
    headers = await staff_session(client)

    response = await client.post(API, json={**GOOD, **changes}, headers=headers)

    assert (response.status_code, response.json()) == (422, {"detail": detail})
    assert await policy_rows() == []
    assert await AuditLog.count() == 0


async def test_staff_publish_and_withdraw_from_the_record(client):
    policy_id = await make_policy(status="DRAFT")
    headers = await staff_session(client)

    published = await admin_form(client, headers, "policy-publish", {"policy_id": policy_id})
    after_publish = (await policy_rows())[0]["status"]
    withdrawn = await admin_form(client, headers, "policy-withdraw", {"policy_id": policy_id})

    assert published.json() == {
        "custom_form_success": f"政策条目 {policy_id} 已发布，生效期内将推送给适用对象"
    }
    assert after_publish == "PUBLISHED"
    assert withdrawn.json() == {
        "custom_form_success": f"政策条目 {policy_id} 已撤回，不再公开和推送"
    }
    assert (await policy_rows())[0]["status"] == "WITHDRAWN"
    assert [a for a, who, _ in await audit_actions() if who == "STAFF"] == [
        "policy.publish",
        "policy.withdraw",
    ]


async def test_steps_from_the_wrong_state_are_refused_and_change_nothing(client):
    draft = await make_policy(status="DRAFT")
    published = await make_policy("已发布")
    expired = await make_policy("已过期的草稿", status="DRAFT", starts=-60, ends=-1)
    headers = await staff_session(client)
    before = await policy_rows()

    refused(
        await admin_form(client, headers, "policy-publish", {"policy_id": published}),
        "该政策已发布",
    )
    refused(
        await admin_form(client, headers, "policy-withdraw", {"policy_id": draft}),
        "只有已发布的政策可以撤回",
    )
    refused(
        await admin_form(client, headers, "policy-publish", {"policy_id": expired}),
        "该政策已过失效日期，不能发布",
    )
    refused(
        await admin_form(client, headers, "policy-publish", {"policy_id": 999999}),
        "政策条目不存在",
    )
    assert await policy_rows() == before


async def test_an_edit_is_checked_by_the_same_rules(client):
    policy_id = await make_policy()
    headers = await staff_session(client)
    before = await policy_rows()
    url = f"{API}{policy_id}/"

    bad = await client.patch(url, json={"clause": "第九条", "regions": []}, headers=headers)
    state = await client.patch(url, json={"status": "DRAFT"}, headers=headers)
    unchanged = await policy_rows()
    good = await client.patch(url, json={"title": " 新标题 ", "clause": "(九)"}, headers=headers)

    assert (bad.status_code, bad.json()) == (
        422,
        {
            "detail": "条款应写作“（十一）”这样的序号；请至少选择一个适用地区（全省适用请选“浙江省”）"
        },
    )
    assert (state.status_code, state.json()) == (
        422,
        {"detail": "发布和撤回请使用政策记录的“发布政策”“撤回政策”"},
    )
    assert unchanged == before
    assert good.status_code == 200, good.text
    row = (await policy_rows())[0]
    assert (row["title"], row["clause"], row["status"]) == ("新标题", "（九）", "PUBLISHED")


async def test_only_never_published_drafts_can_be_deleted(client):
    draft = await make_policy("草稿", status="DRAFT")
    withdrawn = await make_policy("撤回", status="WITHDRAWN")
    headers = await staff_session(client)

    kept = await client.delete(f"{API}{withdrawn}/", headers=headers)
    gone = await client.delete(f"{API}{draft}/", headers=headers)

    assert (kept.status_code, kept.json()) == (
        422,
        {"detail": "已发布或撤回过的政策不能删除；不再适用的政策请撤回"},
    )
    assert gone.status_code == 204, gone.text
    assert [r["title"] for r in await policy_rows()] == ["撤回"]


async def test_nothing_without_a_staff_session(client):
    await make_policy()

    listed = await client.get(API)
    created = await client.post(API, json=GOOD)

    assert listed.status_code in (401, 403) and created.status_code in (401, 403)
    assert len(await policy_rows()) == 1
    assert await t.PolicyItem.count() == 1
