"""The published market list (（二十）): /exports/markets.csv and `lingong export-directory`."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from services.market import export
from tables import market as t
from tests.fixtures.market import make_market, make_operator, region_id

ROOT = Path(__file__).resolve().parents[2]
BOM = "\ufeff".encode()
HEADER = [
    "名称",
    "类型",
    "性质",
    "站点类型",
    "区划代码",
    "所在县（市、区）",
    "地址",
    "纬度",
    "经度",
    "开放时间",
    "服务工种",
    "联系电话",
    "运营机构",
    "劳务品牌",
    "状态",
]
ALL_WEEK_TEXT = "；".join(f"周{d} 06:00-18:00" for d in "一二三四五六日")


def rows_of(content: bytes) -> list[list[str]]:
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode("utf-8"), newline="")))


async def download(client) -> bytes:
    response = await client.get("/exports/markets.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''zhejiang-gig-markets.csv"
    )
    return response.content


def run_cli(*args: str) -> subprocess.CompletedProcess:
    # The conftest put the test database into the environment; the child inherits it.
    return subprocess.run(
        [sys.executable, "-m", "tools.cli", *args],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        timeout=120,
    )


async def bulk_markets(count: int, status: str = "ACTIVE", start: int = 0) -> None:
    """Many valid-looking markets in a few INSERTs (the service is too slow for hundreds)."""
    region = await region_id("330102")
    rows = [
        t.Market(
            name=f"上城区批量{start + i:04d}号零工市场",
            region=region,
            address=f"杭州市上城区批量路{start + i}号",
            latitude=30.25,
            longitude=120.17,
            established_on=date(2024, 1, 1),
            status=status,
        )
        for i in range(count)
    ]
    for offset in range(0, count, 100):
        await t.Market.insert(*rows[offset : offset + 100])


async def test_empty_list_is_bom_and_header_only(client):
    content = await download(client)
    assert content == BOM + (",".join(HEADER) + "\r\n").encode()


async def test_one_row_per_non_closed_market_with_exact_content(client):
    operator = await make_operator("杭州快聘人力资源有限公司")
    market = await make_market(
        name="上城区望江综合零工市场",
        occupations=("快递员", "装卸搬运工"),
        operator_id=operator,
        labour_brand="上城巧匠",
        address="杭州市上城区望江路1号",
        ownership="MARKET_OPERATED",
    )
    await make_market(
        name="上城区望江一号零工驿站",
        station_type="RURAL_STATION",
        parent_market_id=market,
        opening_hours=[(1, "22:00", "06:00"), (7, "05:30", "11:30")],
        address="杭州市上城区望江路2号",
        kind="INDUSTRY",
        status="SUSPENDED",
        latitude=30.2,
        longitude=120.2,
    )
    await make_market(name="上城区清波综合零工市场", status="CLOSED")

    rows = rows_of(await download(client))

    assert rows == [
        HEADER,
        [
            "上城区望江综合零工市场",
            "综合",
            "市场化",
            "零工市场",
            "330102",
            "上城区",
            "杭州市上城区望江路1号",
            "30.25",
            "120.17",
            ALL_WEEK_TEXT,
            "装卸搬运工、快递员",  # ordered by occupation, not by input order
            "0571-87000000",
            "杭州快聘人力资源有限公司",
            "上城巧匠",
            "运行中",
        ],
        [
            "上城区望江一号零工驿站",
            "行业性",
            "公益性",
            "零工驿站",
            "330102",
            "上城区",
            "杭州市上城区望江路2号",
            "30.2",
            "120.2",
            "周一 22:00-06:00；周日 05:30-11:30",
            "",
            "0571-87000000",
            "",
            "",
            "暂停",
        ],
    ]


async def test_formula_injection_is_neutralised(client):
    operator = await make_operator("@运营机构")
    await make_market(
        name="上城区望江综合零工市场",
        address='=HYPERLINK("http://evil.example","点我")',
        labour_brand="+cmd|' /C calc'!A0",
        operator_id=operator,
    )
    await make_market(name="上城区清波综合零工市场", address="-2+3", labour_brand="@SUM(A1:A9)")
    await make_market(name="上城区湖滨综合零工市场", address="\t=1+1", labour_brand="普通品牌")

    rows = rows_of(await download(client))

    by_name = {r[0]: r for r in rows[1:]}
    first = by_name["上城区望江综合零工市场"]
    assert (first[6], first[12], first[13]) == (
        '\'=HYPERLINK("http://evil.example","点我")',
        "'@运营机构",
        "'+cmd|' /C calc'!A0",
    )
    second = by_name["上城区清波综合零工市场"]
    assert (second[6], second[13]) == ("'-2+3", "'@SUM(A1:A9)")
    third = by_name["上城区湖滨综合零工市场"]
    assert (third[6], third[13]) == ("'\t=1+1", "普通品牌")
    # Nothing anywhere in the file starts with a formula character.
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_safe_cell():
    assert export.safe_cell(None) == ""
    assert export.safe_cell(30.25) == "30.25"
    assert export.safe_cell("=1") == "'=1"
    assert export.safe_cell("a=1") == "a=1"


async def test_streams_in_batches_and_includes_every_market(client):
    assert export.BATCH == 200
    await bulk_markets(450)
    await bulk_markets(5, status="CLOSED", start=1000)

    chunks = [chunk async for chunk in export.csv_chunks()]

    # BOM, then one chunk per batch of 200 (the header rides with the first batch).
    assert chunks[0] == BOM
    assert len(chunks) == 1 + 3
    lines_per_chunk = [chunk.decode().count("\r\n") for chunk in chunks[1:]]
    assert lines_per_chunk == [1 + 200, 200, 50]
    content = b"".join(chunks)
    rows = rows_of(content)
    assert [r[0] for r in rows[1:]] == [f"上城区批量{i:04d}号零工市场" for i in range(450)]
    # The HTTP download is the same stream.
    assert await download(client) == content


async def test_closed_markets_only_with_include_closed():
    await bulk_markets(2)
    await bulk_markets(1, status="CLOSED", start=2)

    default = rows_of(b"".join([c async for c in export.csv_chunks()]))
    everything = rows_of(b"".join([c async for c in export.csv_chunks(include_closed=True)]))

    assert [r[0] for r in default[1:]] == ["上城区批量0000号零工市场", "上城区批量0001号零工市场"]
    assert [(r[0], r[14]) for r in everything[1:]] == [
        ("上城区批量0000号零工市场", "运行中"),
        ("上城区批量0001号零工市场", "运行中"),
        ("上城区批量0002号零工市场", "已关闭"),
    ]


async def test_cli_export_directory_writes_identical_bytes(client, tmp_path):
    operator = await make_operator()
    await make_market(name="上城区望江综合零工市场", occupations=("快递员",), operator_id=operator)
    await make_market(name="上城区清波综合零工市场", address="=1+1")
    await bulk_markets(210)
    target = tmp_path / "markets.csv"

    result = run_cli("export-directory", "-o", str(target))

    assert result.returncode == 0, result.stderr.decode()
    assert target.read_bytes() == await download(client)


async def test_cli_export_directory_to_stdout(client):
    await make_market(name="上城区望江综合零工市场")

    result = run_cli("export-directory")

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == await download(client)
