"""Staff workflow in the admin: verification and wage-arrears forms, and direct-edit guards."""

from __future__ import annotations

import httpx
import pytest

from resolvers.global_ids import encode_id
from services.account import rules as accounts
from services.problems import ServiceError
from tables.account import Account
from tables.audit import AuditLog
from tables.employer import Employer, WageArrearsFlag
from tables.worker import Worker
from tests.fixtures.account import PASSWORD, next_phone
from tests.fixtures.employer import flag_arrears, make_employer
from tests.fixtures.job_posting import make_application, make_cast, make_posting, snapshot
from tests.fixtures.worker import make_worker
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = iter(range(1, 10_000))


@pytest.fixture
async def client(app):
    # Own client address per test: the admin rate-limits logins per address.
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.33.{n % 250}.{n // 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_staff_verify_an_employer_through_the_form(client):
    # given
    employer_id, _ = await make_employer(verified=False)
    headers = await staff_session(client)

    # when
    response = await admin_form(
        client,
        headers,
        "审核用工主体",
        {"employer_id": employer_id, "decision": "VERIFIED", "note": "营业执照核验通过"},
    )

    # then
    assert response.status_code == 200, response.text
    assert response.json() == {"custom_form_success": f"用工主体 {employer_id} 审核结果：通过"}
    row = await Employer.select(Employer.verification_status, Employer.verified_at).first()
    assert row["verification_status"] == "VERIFIED" and row["verified_at"] is not None
    audit = await AuditLog.select(AuditLog.action, AuditLog.entity_id).first()
    assert audit == {"action": "employer.verification", "entity_id": employer_id}


async def test_the_form_refuses_an_unknown_employer(client):
    headers = await staff_session(client)
    before = await snapshot()

    response = await admin_form(
        client, headers, "审核用工主体", {"employer_id": 999999, "decision": "VERIFIED"}
    )

    assert (response.status_code, response.json()) == (
        422,
        {"custom_form_error": "用工主体不存在"},
    )
    assert await snapshot() == before


async def test_verification_status_cannot_be_edited_directly(client):
    # given
    employer_id, _ = await make_employer(verified=False)
    headers = await staff_session(client)
    before = await snapshot()

    # when
    patched = await client.patch(
        f"/admin/api/tables/employer/{employer_id}/",
        json={"verification_status": "VERIFIED"},
        headers=headers,
    )

    # then
    assert patched.status_code == 422
    assert patched.json() == {"detail": "审核状态不能直接修改，请使用“审核用工主体”表单"}
    assert await snapshot() == before


async def test_other_employer_columns_can_still_be_corrected(client):
    employer_id, _ = await make_employer(verified=False)
    headers = await staff_session(client)

    patched = await client.patch(
        f"/admin/api/tables/employer/{employer_id}/",
        json={"contact_name": "钱经理"},
        headers=headers,
    )

    assert patched.status_code == 200, patched.text
    assert (await Employer.select(Employer.contact_name).first())["contact_name"] == "钱经理"


async def test_wage_arrears_flag_and_clear_through_the_forms(client, gql):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, publish=False)
    headers = await staff_session(client)

    # when: flagged, the employer cannot publish
    flagged = await admin_form(
        client,
        headers,
        "标记恶意欠薪",
        {"employer_id": cast.employer_id, "reason": "拖欠 3 名零工工资，经调解查实"},
    )
    publish = "mutation($id: ID!) { jobPostingPublish(id: $id) { userErrors { code } } }"
    blocked = await gql(
        publish, {"id": encode_id("JobPosting", posting_id)}, token=cast.token["employer"]
    )
    cleared = await admin_form(
        client, headers, "解除欠薪标记", {"employer_id": cast.employer_id, "note": "工资已足额支付"}
    )
    allowed = await gql(
        publish, {"id": encode_id("JobPosting", posting_id)}, token=cast.token["employer"]
    )

    # then
    assert flagged.status_code == 200 and cleared.status_code == 200
    assert blocked["data"]["jobPostingPublish"]["userErrors"] == [{"code": "EMPLOYER_WAGE_ARREARS"}]
    assert allowed["data"]["jobPostingPublish"]["userErrors"] == []
    flag = await WageArrearsFlag.select(
        WageArrearsFlag.reason, WageArrearsFlag.clear_note, WageArrearsFlag.cleared_at
    ).first()
    assert (
        flag["reason"] == "拖欠 3 名零工工资，经调解查实" and flag["clear_note"] == "工资已足额支付"
    )
    assert flag["cleared_at"] is not None


async def test_flagging_twice_or_clearing_nothing_is_refused(client):
    employer_id, _ = await make_employer()
    await flag_arrears(employer_id)
    other, _ = await make_employer()
    headers = await staff_session(client)
    before = await snapshot()

    again = await admin_form(
        client, headers, "标记恶意欠薪", {"employer_id": employer_id, "reason": "再次"}
    )
    nothing = await admin_form(
        client, headers, "解除欠薪标记", {"employer_id": other, "note": "无"}
    )
    empty = await admin_form(client, headers, "标记恶意欠薪", {"employer_id": other, "reason": " "})

    assert (again.status_code, again.json()) == (
        422,
        {"custom_form_error": "该用工主体已有未解除的欠薪标记"},
    )
    assert (nothing.status_code, nothing.json()) == (
        422,
        {"custom_form_error": "该用工主体没有未解除的欠薪标记"},
    )
    assert (empty.status_code, empty.json()) == (422, {"custom_form_error": "请填写说明"})
    assert await snapshot() == before


async def test_flags_postings_and_applications_are_not_edited_directly(client):
    # given
    cast = await make_cast()
    await flag_arrears(cast.employer_id)
    posting_id = await make_posting(cast.employer_id, publish=False)
    flag_id = (await WageArrearsFlag.select(WageArrearsFlag.id).first())["id"]
    headers = await staff_session(client)
    account = await _account()
    before = await snapshot()

    # when
    attempts = [
        await client.patch(
            f"/admin/api/tables/wage_arrears_flag/{flag_id}/",
            json={"clear_note": "x"},
            headers=headers,
        ),
        await client.delete(f"/admin/api/tables/wage_arrears_flag/{flag_id}/", headers=headers),
        await client.patch(
            f"/admin/api/tables/job_posting/{posting_id}/", json={"status": "OPEN"}, headers=headers
        ),
        await client.patch(
            f"/admin/api/tables/job_posting/{posting_id}/",
            json={"confirmed_count": 5},
            headers=headers,
        ),
        await client.patch(
            f"/admin/api/tables/worker/{cast.worker_id}/",
            json={"prioritised": True},
            headers=headers,
        ),
        # a real change of role (sending the stored role back is no edit)
        await client.patch(
            f"/admin/api/tables/account/{account['id']}/",
            json={"role": "WORKER" if account["role"] == "EMPLOYER" else "EMPLOYER"},
            headers=headers,
        ),
    ]

    # then
    assert [a.status_code for a in attempts] == [422] * 6
    assert await snapshot() == before


async def test_applications_are_read_only_in_the_admin(client):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    application_id = await make_application(cast.worker_id, posting_id, cast.employer_id)
    headers = await staff_session(client)
    before = await snapshot()

    patched = await client.patch(
        f"/admin/api/tables/job_application/{application_id}/",
        json={"status": "CONFIRMED"},
        headers=headers,
    )

    assert patched.status_code == 422
    assert await snapshot() == before


async def test_staff_can_unlock_an_account(client):
    # given: a worker's account locked by wrong passwords, so the right one is refused too
    phone = next_phone()
    worker_id, _ = await make_worker(phone=phone)
    for _ in range(accounts.lockout.MAX_FAILURES):
        with pytest.raises(ServiceError):
            await accounts.sign_in(phone, "wrong-password")
    with pytest.raises(ServiceError):
        await accounts.sign_in(phone, PASSWORD)
    account_id = (await Worker.select(Worker.account).where(Worker.id == worker_id).first())[
        "account"
    ]
    headers = await staff_session(client)

    # when: staff clear the lock in the admin
    patched = await client.patch(
        f"/admin/api/tables/account/{account_id}/",
        json={"locked_until": None, "failed_logins": 0},
        headers=headers,
    )

    # then: the lock is gone and the right password signs in again
    assert patched.status_code == 200, patched.text
    assert await Account.select(Account.failed_logins, Account.locked_until).where(
        Account.id == account_id
    ) == [{"failed_logins": 0, "locked_until": None}]
    assert (await accounts.sign_in(phone, PASSWORD)).subject_id == worker_id


async def _account() -> dict:
    from tables.account import Account

    return await Account.select(Account.id, Account.role).order_by(Account.id).first()
