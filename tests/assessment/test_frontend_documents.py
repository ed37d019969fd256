"""The operator portal's documents (frontend_queries/operator/): valid, runnable, within budget."""

from __future__ import annotations

from pathlib import Path

from graphql import OperationDefinitionNode, parse, validate

from resolvers.global_ids import encode_id
from resolvers.user_errors import camel
from schema.root import schema
from services.assessment import runs
from services.audit.rules import Actor
from tests.fixtures.assessment import FULL, make_scheme, make_staff, submit, token
from tests.fixtures.market import make_market
from tests.fixtures.operator import contracted_market, make_contract
from tests.fixtures.sql import count_sql

FOLDER = Path(__file__).resolve().parents[2] / "frontend_queries" / "operator"
MONTHS = ("2025-01", "2025-02", "2025-03", "2025-04")
SUBMIT_MONTH = "2025-05"

# SQL statements per operation whatever the page size; N+1 over rows or months would blow them.
SQL_BUDGET = {
    # token; in one transaction: key lookup, contract (2), lock check, previous version,
    # insert, read back, audit (last hash, insert; on PostgreSQL also 2 chain locks); then the
    # market of the answer
    "SubmitWorkloadReport": 13,
    # token, page (with each report's market and tolerance: resolvers/assessment/pages.py, and
    # the count), the observed figures of every report on the page (one UNION ALL statement)
    "WorkloadReports": 3,
    # token, page (with each assessment's market, report and payout), count
    "MyAssessments": 3,
    "MyOperatingContracts": 3,  # token, page (with each contract's market), count
}


def document(name: str) -> str:
    return (FOLDER / f"{name}.graphql").read_text(encoding="utf-8")


def variables(name: str, market_id: int, first: int = 20) -> dict:
    """The variables each document needs (also handed to the frontend_queries contract test)."""
    if name == "SubmitWorkloadReport":
        return {
            "input": {
                "marketId": encode_id("Market", market_id),
                "period": SUBMIT_MONTH,
                "idempotencyKey": "3f0c9a52-4b8e-4c1e-9a57-portal",
                "notes": "含线下登记",
                **{camel(k): v for k, v in FULL.items()},
            }
        }
    return {"first": first, "where": None, "after": None}


async def seed() -> dict:
    """An operator running three markets, four months of reports each, all assessed."""
    await make_scheme(2025)
    operator_id, first_market, _ = await contracted_market()
    markets = [first_market]
    for _ in range(2):
        market_id = await make_market()
        await make_contract(operator_id, market_id)
        markets.append(market_id)
    for period in MONTHS:
        for market_id in markets:
            await submit(operator_id, market_id, period)
    runner = Actor("STAFF", await make_staff())
    for period in MONTHS:
        await runs.run(period, runner, markets)
    await contracted_market()  # someone else's market, never in the answers
    return {"token": await token("OPERATOR", operator_id), "market": first_market}


async def run(client, name: str, variables: dict, token: str) -> tuple[dict, int]:
    payload = {"query": document(name), "operationName": name, "variables": variables}
    with count_sql() as statements:
        response = await client.post(
            "/graphql", json=payload, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 200, response.text
    return response.json(), statements[0]


def test_each_document_is_one_operation_named_after_its_file_and_valid():
    names = sorted(p.stem for p in FOLDER.glob("*.graphql"))

    assert names == sorted(SQL_BUDGET)
    for name in names:
        definitions = parse(document(name)).definitions
        assert [d.name.value for d in definitions if isinstance(d, OperationDefinitionNode)] == [
            name
        ]
        assert len(definitions) == 1, name
        assert validate(schema._schema, parse(document(name))) == [], name


async def test_documents_run_for_an_operator_within_their_sql_budget(client):
    # given
    seeded = await seed()
    counts = {}

    for name in SQL_BUDGET:
        # when
        body, counts[name] = await run(
            client, name, variables(name, seeded["market"]), seeded["token"]
        )

        # then
        assert "errors" not in body, (name, body)

    print("SQL statements per operation:", counts)
    assert {n: c for n, c in counts.items() if c > SQL_BUDGET[n]} == {}, counts


async def test_documents_return_the_operators_data(client):
    # given
    seeded = await seed()

    # when
    submitted, _ = await run(
        client,
        "SubmitWorkloadReport",
        variables("SubmitWorkloadReport", seeded["market"]),
        seeded["token"],
    )
    reports, _ = await run(client, "WorkloadReports", {"first": 20}, seeded["token"])
    assessments, _ = await run(client, "MyAssessments", {"first": 20}, seeded["token"])
    contracts, _ = await run(client, "MyOperatingContracts", {"first": 2}, seeded["token"])

    # then
    payload = submitted["data"]["workloadReportSubmit"]
    assert payload["userErrors"] == []
    assert (payload["workloadReport"]["period"], payload["workloadReport"]["notes"]) == (
        SUBMIT_MONTH,
        "含线下登记",
    )
    listing = reports["data"]["workloadReports"]
    assert listing["totalCount"] == 13
    assert [n["period"] for n in listing["nodes"]] == [SUBMIT_MONTH] + [
        p for p in reversed(MONTHS) for _ in range(3)
    ]
    assert all(n["reconciliation"]["flagged"] for n in listing["nodes"])
    mine = assessments["data"]["myAssessments"]
    assert mine["totalCount"] == 12
    assert {(n["status"], n["score"], n["proposedReward"]) for n in mine["nodes"]} == {
        ("DRAFT", "100.00", "10000.00")
    }
    # the three markets under contract, two to a page; never the other operator's market
    contract_page = contracts["data"]["myOperatingContracts"]
    assert (contract_page["totalCount"], contract_page["pageInfo"]["hasNextPage"]) == (3, True)
    assert len(contract_page["nodes"]) == 2


async def test_list_documents_take_as_many_statements_for_2_as_for_20_results(client):
    # given
    seeded = await seed()
    counts = {}

    for name in ("WorkloadReports", "MyAssessments"):
        for first in (2, 20):
            # when
            body, counts[name, first] = await run(
                client, name, variables(name, seeded["market"], first), seeded["token"]
            )

            # then
            key = "workloadReports" if name == "WorkloadReports" else "myAssessments"
            assert len(body["data"][key]["nodes"]) == min(first, 12), (name, first)
        assert counts[name, 2] == counts[name, 20], counts
