"""frontend_queries/certification/: each document validates, runs and stays in its SQL budget."""

from __future__ import annotations

from pathlib import Path

from graphql import OperationDefinitionNode, parse, validate

from resolvers.global_ids import encode_id
from schema.root import schema
from tests.fixtures.certification import (
    default_standard,
    make_application,
    matrix_tokens,
    submit_input,
)
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.sql import count_sql
from tools.demo import seed_demo

FOLDER = Path(__file__).resolve().parents[2] / "frontend_queries" / "certification"
DOCUMENTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(FOLDER.glob("*.graphql"))}

# SQL statements per operation, whatever the page size (N+1 would blow these at once).
SQL_BUDGET = {
    # page (with each market's hours and certificate: resolvers/prefetch.py), count
    "DemonstrationMarkets": 2,
    # regions, built markets, valid certificates
    "TargetProgress": 3,
    # token, page (with each application's market, standard with items and criteria, scores,
    # evidence and certificate number: resolvers/certification/pages.py), count
    "MyCertificationApplications": 3,
    # standard in force, then the standard's row, items, criteria
    "CertificationStandard": 4,
    # token; market, standard (4), cases, assessments; duplicate check, 3 inserts, audit
    # chain (read + append; PostgreSQL adds its advisory lock); then the new row, its market,
    # scores and evidence
    "SubmitCertificationApplication": 19,
}


def test_one_named_operation_per_file_and_every_document_validates():
    assert sorted(DOCUMENTS) == sorted(SQL_BUDGET)
    for name, text in DOCUMENTS.items():
        operations = [d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode)]
        assert [o.name.value for o in operations] == [name]
        assert [e.message for e in validate(schema._schema, parse(text))] == [], name


async def _seed() -> dict:
    """Demo markets (some certified by the seed) plus an operator with applications at every stage."""
    await seed_demo(markets=40)
    operator_id = await make_operator()
    markets = [
        await make_market(name=f"上城区望江{n}号综合零工市场", operator_id=operator_id)
        for n in range(4)
    ]
    for market_id, stage in zip(markets[:3], ("SUBMITTED", "PUBLICISED", "CERTIFIED"), strict=True):
        await make_application(market_id, year=2025, stage=stage)
    standard = await default_standard()
    tokens = await matrix_tokens(operator_id)
    return {
        "DemonstrationMarkets": ({"year": None, "first": 20}, None),
        "TargetProgress": ({"asOf": "2025-12-31"}, None),
        "MyCertificationApplications": ({"first": 20, "where": {"year": 2025}}, tokens["operator"]),
        "CertificationStandard": ({"year": 2025}, None),
        "SubmitCertificationApplication": (
            {"input": submit_input(encode_id("Market", markets[3]), standard)},
            tokens["operator"],
        ),
    }


async def _run(client, name: str, variables: dict, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": DOCUMENTS[name], "operationName": name, "variables": variables}
    with count_sql() as statements:
        response = await client.post("/graphql", json=payload, headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), statements[0]


async def test_every_document_runs_within_its_sql_budget_and_returns_the_seeded_data(client):
    cases = await _seed()
    bodies, counts = {}, {}

    for name, (variables, token) in cases.items():
        bodies[name], counts[name] = await _run(client, name, variables, token)
        assert "errors" not in bodies[name], (name, bodies[name])

    print("SQL statements per operation:", counts)
    assert {n: c for n, c in counts.items() if c > SQL_BUDGET[n]} == {}, counts
    demos = bodies["DemonstrationMarkets"]["data"]["demonstrationMarkets"]
    assert demos["totalCount"] == 6  # five certified by seed_demo and the one certified here
    mine = bodies["MyCertificationApplications"]["data"]["myCertificationApplications"]
    assert [n["status"] for n in mine["nodes"]] == ["CERTIFIED", "PUBLICISED", "SUBMITTED"]
    assert all(len(n["scores"]) == 20 for n in mine["nodes"])
    progress = bodies["TargetProgress"]["data"]["targetProgress"]
    assert (progress["overall"]["marketsBuilt"], len(progress["cities"])) == (
        progress["targets"][0]["achieved"],
        11,
    )
    standard = bodies["CertificationStandard"]["data"]["certificationStandard"]
    assert [i["title"] for i in standard["items"]][0] == "总则"
    submitted = bodies["SubmitCertificationApplication"]["data"]["certificationApplicationSubmit"]
    assert (submitted["userErrors"], submitted["application"]["status"]) == ([], "SUBMITTED")


async def test_list_statements_do_not_grow_with_the_page(client):
    cases = await _seed()
    variables, token = cases["MyCertificationApplications"]

    _, one = await _run(client, "MyCertificationApplications", {**variables, "first": 1}, token)
    _, three = await _run(client, "MyCertificationApplications", {**variables, "first": 3}, token)

    assert one == three
