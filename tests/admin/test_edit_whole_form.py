"""An edit form sends every field back, changed or not: guards refuse only real changes to
the columns the workflow or the record's owner keeps, so staff can still edit the rest."""

from __future__ import annotations

import pytest

from tables.employer import Employer
from tables.job_posting import JobPosting
from tables.worker import Worker
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_cast, make_posting


async def _form(client, table: str, row_id: int) -> dict:
    """The record as the edit form holds it (what it sends back on save)."""
    row = (await client.get(f"/admin/api/tables/{table}/{row_id}/")).json()
    return {k: v for k, v in row.items() if k != "id" and not k.endswith("_readable")}


async def test_staff_rename_an_employer_through_its_whole_form(client, staff):
    employer_id, _ = await make_employer(name="杭州望江物流有限公司")
    form = await _form(client, "employer", employer_id)

    response = await client.patch(
        f"/admin/api/tables/employer/{employer_id}/",
        json={**form, "name": "杭州望江物流集团有限公司"},
        headers=staff,
    )

    assert response.status_code == 200, response.text
    row = await Employer.select(Employer.name, Employer.verification_status).where(
        Employer.id == employer_id
    )
    assert row == [{"name": "杭州望江物流集团有限公司", "verification_status": "VERIFIED"}]


async def test_a_changed_workflow_column_is_still_refused_in_a_whole_form(client, staff):
    employer_id, _ = await make_employer(name="杭州望江物流有限公司")
    form = await _form(client, "employer", employer_id)

    response = await client.patch(
        f"/admin/api/tables/employer/{employer_id}/",
        json={**form, "verification_status": "REJECTED", "name": "改名"},
        headers=staff,
    )

    assert response.status_code == 422
    assert response.json() == {"detail": "审核状态不能直接修改，请使用“审核用工主体”表单"}
    row = await Employer.select(Employer.name, Employer.verification_status).where(
        Employer.id == employer_id
    )
    assert row == [{"name": "杭州望江物流有限公司", "verification_status": "VERIFIED"}]


@pytest.mark.parametrize("table", ["job_posting", "worker"])
async def test_postings_and_workers_take_a_whole_form_with_a_harmless_change(client, staff, table):
    cast = await make_cast()
    row_id = (
        await make_posting(cast.employer_id, title="装卸工")
        if table == "job_posting"
        else cast.worker_id
    )
    form = await _form(client, table, row_id)
    change = {"description": "周末加班另计"} if table == "job_posting" else {"availability": "周末"}

    response = await client.patch(
        f"/admin/api/tables/{table}/{row_id}/", json={**form, **change}, headers=staff
    )

    assert response.status_code == 200, response.text
    model = JobPosting if table == "job_posting" else Worker
    column = next(iter(change))
    stored = await model.select(getattr(model, column)).where(model.id == row_id).first()
    assert stored == change
