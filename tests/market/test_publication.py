"""Publications of the market list (（二十）): each kept as published, with its date, counts and
digest; unchanged lists are not published again; the history is public."""

from __future__ import annotations

import hashlib

from resolvers.global_ids import encode_id
from services.market import publication
from services.timeutil import local, now
from tables import market as t
from tables.audit import AuditLog
from tests.fixtures.certification import make_staff
from tests.fixtures.market import make_market
from tests.test_cli import lingong

BOM = "\ufeff".encode()
HISTORY = """query($first: Int, $after: String) {
  directoryPublications(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id publishedOn marketCount stationCount sha256 byteSize downloadPath }
  }
}"""


async def _current_file(client) -> bytes:
    response = await client.get("/exports/markets.csv")
    assert response.status_code == 200
    return response.content


async def _kept(client, number: int) -> bytes:
    response = await client.get(f"/exports/markets/publications/{number}.csv")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        f"attachment; filename*=UTF-8''zhejiang-gig-markets-{number}.csv"
    )
    return response.content


async def test_a_publication_keeps_the_list_as_the_public_download_gave_it(client):
    # given: two markets and a station
    first = await make_market(name="上城区望江综合零工市场")
    await make_market(name="拱墅区城北综合零工市场", region_code="330105")
    await make_market(
        name="上城区近江零工驿站", station_type="RURAL_STATION", parent_market_id=first
    )
    served = await _current_file(client)

    # when
    done = await publication.publish()

    # then
    assert done.changed is True
    row = await t.DirectoryPublication.select().where(t.DirectoryPublication.id == done.id).first()
    body = served.removeprefix(BOM)
    assert {k: row[k] for k in ("published_on", "market_count", "station_count")} == {
        "published_on": local(now()).date(),
        "market_count": 2,
        "station_count": 1,
    }
    assert (row["sha256"], row["byte_size"]) == (hashlib.sha256(body).hexdigest(), len(body))
    assert await _kept(client, done.id) == served


async def test_an_unchanged_list_is_not_published_again_unless_forced(client):
    await make_market(name="上城区望江综合零工市场")
    first = await publication.publish()

    again = await publication.publish()
    forced = await publication.publish(force=True)

    assert (again.id, again.changed) == (first.id, False)
    assert forced.changed is True and forced.id != first.id
    assert await t.DirectoryPublication.count() == 2


async def test_the_history_stays_as_published_when_the_directory_changes(client, gql):
    # given: a publication, then a market closes and another opens
    closing = await make_market(name="上城区望江综合零工市场")
    before = await publication.publish()
    kept_before = await _kept(client, before.id)
    await t.Market.update({t.Market.status: "CLOSED"}).where(t.Market.id == closing)
    await make_market(name="滨江区浦沿综合零工市场", region_code="330108")
    await make_market(name="滨江区长河综合零工市场", region_code="330108")

    # when
    after = await publication.publish()

    # then: the old file is unchanged, the new one lists the new markets only
    assert after.changed is True
    assert await _kept(client, before.id) == kept_before
    new_file = (await _kept(client, after.id)).decode()
    assert "滨江区浦沿综合零工市场" in new_file and "上城区望江综合零工市场" not in new_file
    body = await gql(HISTORY, {"first": 1})
    page = body["data"]["directoryPublications"]
    assert (page["totalCount"], page["pageInfo"]["hasNextPage"]) == (2, True)
    assert page["nodes"] == [
        {
            "id": encode_id("DirectoryPublication", after.id),
            "publishedOn": local(now()).date().isoformat(),
            "marketCount": 2,
            "stationCount": 0,
            "sha256": hashlib.sha256(new_file.encode().removeprefix(BOM)).hexdigest(),
            "byteSize": len(new_file.encode().removeprefix(BOM)),
            "downloadPath": f"/exports/markets/publications/{after.id}.csv",
        }
    ]
    older = await gql(HISTORY, {"first": 1, "after": page["pageInfo"]["endCursor"]})
    assert [n["marketCount"] for n in older["data"]["directoryPublications"]["nodes"]] == [1]
    node = await gql(
        "query($id: ID!) { node(id: $id) { ... on DirectoryPublication { marketCount } } }",
        {"id": encode_id("DirectoryPublication", before.id)},
    )
    assert node == {"data": {"node": {"marketCount": 1}}}


async def test_an_unknown_or_malformed_publication_is_a_chinese_404(client):
    for path in ("9999.csv", "abc.csv", "-1.csv", "1234567890123.csv"):
        response = await client.get(f"/exports/markets/publications/{path}")
        assert (response.status_code, response.text) == (404, "没有这一期清单"), path


async def test_each_publication_is_in_the_audit_chain_with_who_published_it():
    await make_market(name="上城区望江综合零工市场")
    staff = await make_staff()

    scheduled = await publication.publish()
    by_staff = await publication.publish(staff, force=True)

    entries = (
        await AuditLog.select(
            AuditLog.action, AuditLog.actor_type, AuditLog.actor_id, AuditLog.entity_id
        )
        .where(AuditLog.entity_type == "directory_publication")
        .order_by(AuditLog.id)
    )
    assert entries == [
        {
            "action": "market.directory_publish",
            "actor_type": "SYSTEM",
            "actor_id": None,
            "entity_id": scheduled.id,
        },
        {
            "action": "market.directory_publish",
            "actor_type": "STAFF",
            "actor_id": staff,
            "entity_id": by_staff.id,
        },
    ]
    row = await t.DirectoryPublication.select(t.DirectoryPublication.published_by).where(
        t.DirectoryPublication.id == by_staff.id
    )
    assert row == [{"published_by": staff}]


async def test_the_scheduled_command_publishes_once_and_then_reports_no_change():
    await make_market(name="上城区望江综合零工市场")

    first = lingong("publish-directory")
    second = lingong("publish-directory")

    assert first.returncode == second.returncode == 0, (first.stderr, second.stderr)
    (row,) = await t.DirectoryPublication.select()
    tail = (
        f"第 {row['id']} 期零工市场清单（{row['published_on']}）：零工市场 1 家，驿站和超市 0 个，"
        f"sha256 {row['sha256']}，下载 /exports/markets/publications/{row['id']}.csv\n"
    )
    assert first.stdout == "已发布" + tail
    assert second.stdout == "清单未变化，沿用" + tail
