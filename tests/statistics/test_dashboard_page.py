"""The staff targets dashboard page: behind the admin session, figures rendered as SVG bars."""

from datetime import date

from piccolo.apps.user.tables import BaseUser

from tests.certification.test_admin_forms import PASSWORD, login
from tests.fixtures.certification import make_application, make_staff
from tests.fixtures.market import make_market

PAGE = "/admin-dashboard/targets"


async def test_signed_in_staff_see_targets_charts_and_missing_counties(client):
    await make_staff("chen")
    await login(client, "chen")
    market_id = await make_market(established_on=date(2023, 5, 1))
    await make_application(market_id, year=2025, stage="CERTIFIED")

    response = await client.get(PAGE)

    html = response.text
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "浙江省零工市场建设目标进度" in html
    assert "当前用户：chen" in html
    assert 'aria-label="2023年全省建成各类零工市场200家 1/200"' in html
    assert 'aria-label="2025年底认定省级示范零工市场100家 1/100"' in html
    assert html.count("<svg") == 5 + 3  # one bar per target, three city charts
    assert "<li><b>杭州市</b>（12）：拱墅区、西湖区" in html  # 上城区 has its market
    assert "http://" not in html and "https://" not in html  # nothing loaded from outside


async def test_as_of_changes_the_figures_and_a_bad_date_is_a_400(client):
    await make_staff("sun")
    await login(client, "sun")
    await make_market(established_on=date(2024, 5, 1))

    before = await client.get(PAGE, params={"as_of": "2023-12-31"})
    bad = await client.get(PAGE, params={"as_of": "2023-13-01"})

    assert 'value="2023-12-31"' in before.text
    assert 'aria-label="2023年全省建成各类零工市场200家 0/200"' in before.text
    assert bad.status_code == 400
    assert "日期须为 YYYY-MM-DD" in bad.text


async def test_without_an_admin_session_the_page_redirects_to_the_admin_login(client):
    anonymous = await client.get(PAGE)
    user = await BaseUser.create_user(
        username="plain", password=PASSWORD, email="plain@example.invalid", active=True, admin=False
    )
    assert user.id
    await client.get("/admin/")
    await client.post(
        "/admin/public/login/",
        json={"username": "plain", "password": PASSWORD},
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )
    not_admin = await client.get(PAGE)
    client.cookies.set("id", "forged-session-token")
    forged = await client.get(PAGE)

    for response in (anonymous, not_admin, forged):
        assert (response.status_code, response.headers["location"]) == (303, "/admin/")
