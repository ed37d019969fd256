"""Admin tables: workflow tables read-only, scheme and contract edits under the service rules."""

from __future__ import annotations

from datetime import date

from services.assessment import decisions
from tables.assessment import (
    Assessment,
    AssessmentIndicator,
    AssessmentScheme,
    ContractBudgetUsage,
    Payout,
    WorkloadReport,
)
from tables.audit import AuditLog
from tables.operator import OperatingContract
from tests.assessment.admin_helpers import USE_FORMS, signed_in
from tests.fixtures.assessment import assessed
from tests.fixtures.market import make_market, make_operator


async def test_workflow_tables_are_read_only(browser):
    # given: one approved assessment with its payout, usage, reports and audit rows
    case = await assessed()
    _, _, approver = await signed_in(browser, "dave")
    await decisions.approve(case["assessment"]["id"], 1, approver, "已核实")
    client, headers, _ = await signed_in(browser, "erin")
    ids = {
        "assessment": case["assessment"]["id"],
        "workload_report": case["report"],
        "payout": (await Payout.select(Payout.id).first())["id"],
        "audit_log": (await AuditLog.select(AuditLog.id).first())["id"],
        "contract_budget_usage": (await ContractBudgetUsage.select().first())["id"],
    }
    tables = [Assessment, WorkloadReport, Payout, AuditLog, ContractBudgetUsage]
    before = [await table.select().order_by(table.id) for table in tables]
    edits = {
        "assessment": {"status": "DRAFT", "decided_by": None},
        "workload_report": {"locked_at": None},
        "payout": {"amount_fen": 1},
        "audit_log": {"after": "{}"},
        "contract_budget_usage": {"committed_fen": 0},
    }

    for table, row_id in ids.items():
        url = f"/admin/api/tables/{table}/"
        # when
        answers = [
            await client.patch(f"{url}{row_id}/", json=edits[table], headers=headers),
            await client.delete(f"{url}{row_id}/", headers=headers),
            await client.post(url, json=edits[table], headers=headers),
        ]

        # then
        assert [(a.status_code, a.json()) for a in answers] == [(403, {"detail": USE_FORMS})] * 3, (
            table
        )
    put = await client.put(
        f"/admin/api/tables/assessment/{ids['assessment']}/", json={}, headers=headers
    )
    assert put.status_code == 405
    assert [await table.select().order_by(table.id) for table in tables] == before


async def test_scheme_workflow_columns_cannot_be_edited(browser):
    # given: a scheme with 10 000 yuan committed
    case = await assessed()
    scheme = await AssessmentScheme.select().first()
    client, headers, staff_id = await signed_in(browser, "frank")
    url = f"/admin/api/tables/assessment_scheme/{scheme['id']}/"
    await decisions.approve(case["assessment"]["id"], 1, staff_id, "已核实")

    # when
    forged = await client.patch(url, json={"committed_fen": 0}, headers=headers)
    too_low = await client.patch(url, json={"budget_fen": 999_999}, headers=headers)
    renamed = await client.patch(
        url, json={"name": "修订后的考核办法", "committed_fen": 1_000_000}, headers=headers
    )

    # then
    assert (forged.status_code, forged.json()) == (
        403,
        {"detail": "committed_fen 由审批流程维护，不能直接修改"},
    )
    assert (too_low.status_code, too_low.json()) == (
        422,
        {"detail": "年度预算不能低于已批准的奖励总额"},
    )
    assert renamed.status_code == 200, renamed.text
    after = await AssessmentScheme.select().first()
    assert (after["name"], after["committed_fen"], after["last_edited_by"]) == (
        "修订后的考核办法",
        1_000_000,
        staff_id,
    )

    # when: a new scheme claiming money already committed, and an invalid indicator
    new = (await client.get("/admin/api/tables/assessment_scheme/new/")).json()
    new.pop("id")
    claimed = await client.post(
        "/admin/api/tables/assessment_scheme/",
        json={**new, "year": 2030, "name": "2030", "committed_fen": 5},
        headers=headers,
    )
    created = await client.post(
        "/admin/api/tables/assessment_scheme/",
        json={**new, "year": 2030, "name": "2030 年办法", "budget_fen": 100},
        headers=headers,
    )
    heavy = await client.post(
        "/admin/api/tables/assessment_indicator/",
        json={"scheme": scheme["id"], "indicator": "registrations", "weight": 120, "target": 0},
        headers=headers,
    )

    # then
    assert (claimed.status_code, claimed.json()) == (
        403,
        {"detail": "已批准奖励由审批自动累计，不能手工填写"},
    )
    assert created.status_code == 201, created.text
    fresh = await AssessmentScheme.select().where(AssessmentScheme.year == 2030).first()
    assert (fresh["committed_fen"], fresh["last_edited_by"]) == (0, staff_id)
    assert (heavy.status_code, heavy.json()) == (
        422,
        {"detail": "权重须在 0 到 100 之间（各指标合计 100，运行考核时检查）；月度目标值须大于 0"},
    )
    assert await AssessmentIndicator.count().where(AssessmentIndicator.scheme == scheme["id"]) == 7


async def test_contracts_follow_the_same_rules_in_the_admin(browser):
    # given: an assessed contract on one market
    case = await assessed()
    client, headers, _ = await signed_in(browser, "grace")
    new = (await client.get("/admin/api/tables/operating_contract/new/")).json()
    new.pop("id")
    other_operator, free_market = await make_operator(), await make_market()

    def contract(**values) -> dict:
        return {
            **new,
            "operator": other_operator,
            "market": free_market,
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
            "yearly_budget_fen": 100,
            **values,
        }

    url = "/admin/api/tables/operating_contract/"
    before = await OperatingContract.count()

    # when
    overlapping = await client.post(
        url,
        json=contract(market=case["market"], starts_on="2026-01-01", ends_on="2026-12-31"),
        headers=headers,
    )
    backwards = await client.post(url, json=contract(ends_on="2024-12-31"), headers=headers)
    created = await client.post(url, json=contract(), headers=headers)
    moved = await client.patch(
        f"{url}{case['contract']}/", json={"operator": other_operator}, headers=headers
    )
    deleted = await client.delete(f"{url}{case['contract']}/", headers=headers)

    # then
    assert (overlapping.status_code, overlapping.json()) == (
        422,
        {"detail": f"与该市场的第 {case['contract']} 号合同日期重叠"},
    )
    assert (backwards.status_code, backwards.json()) == (
        422,
        {"detail": "合同结束日期不能早于开始日期"},
    )
    assert created.status_code == 201, created.text
    assert (moved.status_code, moved.json()) == (
        422,
        {"detail": "该合同已有考核记录，不能更换运营机构或市场"},
    )
    assert (deleted.status_code, deleted.json()) == (
        422,
        {"detail": "该合同已有考核记录，不能删除"},
    )
    assert await OperatingContract.count() == before + 1
    kept = await OperatingContract.select().where(OperatingContract.id == case["contract"]).first()
    assert (kept["operator"], kept["starts_on"]) == (case["operator"], date(2024, 1, 1))
