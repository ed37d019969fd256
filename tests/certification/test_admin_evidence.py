"""Evidence files uploaded in the admin (Chinese file names), and when the list is closed."""

from services.certification import workflow
from settings import get_settings
from tables.certification import CertificationEvidence
from tests.certification.test_admin_forms import login
from tests.fixtures.certification import STAFF, make_application, make_staff, token
from tests.fixtures.market import make_market

MEDIA = {"table_name": "certification_evidence", "column_name": "file"}


async def _add_evidence(client, headers, app_id: int, file_key: str):
    return await client.post(
        "/admin/api/tables/certification_evidence/",
        json={
            "application": app_id,
            "criterion": None,
            "title": "营业执照",
            "file": file_key,
            "uploaded_at": "2025-06-01T08:00:00+08:00",
        },
        headers=headers,
    )


async def test_staff_attach_a_file_with_a_chinese_name_and_graphql_shows_it(client, gql):
    staff_id = await make_staff("qian")
    headers = await login(client, "qian")
    app_id = await make_application(await make_market(), year=2025)

    upload = await client.post(
        "/admin/api/media/",
        data=MEDIA,
        files={"file": ("营业执照.pdf", b"%PDF-1.4 demo", "application/pdf")},
        headers=headers,
    )
    file_key = upload.json()["file_key"]
    added = await _add_evidence(client, headers, app_id, file_key)

    assert (
        upload.status_code == 200 and file_key.startswith("营业执照-") and file_key.endswith(".pdf")
    )
    assert added.status_code == 201, added.text
    media = get_settings().sqlite_path.parent / "media" / "certification_evidence" / file_key
    assert media.read_bytes() == b"%PDF-1.4 demo"
    body = await gql(
        "{ myCertificationApplications { nodes { evidence { title hasFile } } } }",
        token=await token("STAFF", staff_id),
    )
    assert body == {
        "data": {
            "myCertificationApplications": {
                "nodes": [{"evidence": [{"title": "营业执照", "hasFile": True}]}]
            }
        }
    }


async def test_evidence_is_closed_once_the_province_assesses(client):
    await make_staff("zheng")
    headers = await login(client, "zheng")
    app_id = await make_application(await make_market(), year=2025, stage="CITY_RECOMMENDED")
    assert (await _add_evidence(client, headers, app_id, "")).status_code == 201
    scores = {r["criterion"]: 1 for r in await _criteria(app_id)}
    await workflow.assess(app_id, scores, STAFF)

    refused = await _add_evidence(client, headers, app_id, "")

    assert (refused.status_code, refused.json()) == (
        422,
        {"detail": "申报已进入省级评审，不能再增改证明材料"},
    )
    assert await CertificationEvidence.count() == 1


async def _criteria(app_id: int) -> list[dict]:
    from tables.certification import CertificationScore

    return await CertificationScore.select(CertificationScore.criterion).where(
        CertificationScore.application == app_id
    )
