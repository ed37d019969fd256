"""The admin home page's work list (待办事项): what waits for staff, with links."""

from __future__ import annotations

from tests.fixtures.employer import make_employer


async def test_the_work_list_counts_what_waits_with_links_to_it(client, staff):
    # given two employers waiting for review and one verified
    await make_employer(verified=False)
    await make_employer(verified=False)
    await make_employer()

    # when the signed-in staff member's home page asks for the list
    response = await client.get("/admin/worklist/")

    # then each item counts what waits and links to the filtered list
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0] == {
        "label": "待审核的用工主体",
        "count": 2,
        "href": "#/employer?verification_status=PENDING",
    }
    assert [(i["label"], i["count"]) for i in items[1:5]] == [
        ("待市级推荐的示范市场申报", 0),
        ("待省级评审的示范市场申报", 0),
        ("公示中、待认定的示范市场申报", 0),
        ("待审批的月度考核", 0),
    ]
    assert [(i["label"], i["count"]) for i in items[5:7]] == [
        ("待审批的补贴申请", 0),
        ("待复核的补贴申请", 0),
    ]
    assert [i["label"] for i in items[7:]] == ["已超期的维权案件", "待处理的招工信息举报与审核"]


async def test_the_work_list_needs_an_admin_session(client):
    await make_employer(verified=False)

    response = await client.get("/admin/worklist/")

    assert response.status_code == 401
    assert response.json() == {"detail": "请先登录管理后台"}
