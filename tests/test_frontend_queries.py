"""The frontend contract: every document in frontend_queries/ validates, runs and stays in budget."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
from graphql import FragmentSpreadNode, OperationDefinitionNode, parse, validate, visit
from graphql.language import FragmentDefinitionNode, Visitor

from admin.demo import seed_demo
from resolvers.auth.services import issue
from resolvers.ids import encode_id
from schema.root import schema
from tables import market as t
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.sql import count_sql

ROOT = Path(__file__).resolve().parents[1] / "frontend_queries"
FRAGMENTS = ROOT / "fragments"
SEEDED_MARKET = "<the seeded market that has stations>"
COMMITTED_SDL = (ROOT.parent / "schema" / "schema.graphql").read_text(encoding="utf-8")

# Realistic variables per operation; every document must have an entry.
VARIABLES: dict[str, dict] = {
    "MarketDirectory": {
        "first": 20,
        "where": {"regionCode": "330000", "status": ["ACTIVE", "SUSPENDED"]},
        "search": "零工",
        "orderBy": {"field": "NAME", "direction": "ASC"},
    },
    "NearbyMarkets": {"latitude": 30.27, "longitude": 120.15, "radiusKm": 80, "first": 20},
    "MarketDetail": {"id": SEEDED_MARKET},
    "MarketMap": {"where": {"regionCode": "330100"}},
    "Regions": {"parentCode": "330100"},
    "Occupations": {"first": 20, "search": "工"},
    "Viewer": {},
}

# SQL statements per operation, whatever the page size: N+1 would blow these at once.
SQL_BUDGET: dict[str, int] = {
    # page, count, opening hours, occupations, certificates, parent markets not on the page
    "MarketDirectory": 6,
    # candidates in the radius, their rows, hours, occupations, certificates, parent markets
    "NearbyMarkets": 6,
    # the market, its hours, occupations, certificate, stations, the stations' hours
    "MarketDetail": 6,
    "MarketMap": 2,  # markets, certificates
    "Regions": 1,
    "Occupations": 2,  # page, count
    "Viewer": 1,  # the token lookup
}


@dataclass(frozen=True)
class Document:
    name: str
    path: Path
    text: str  # the operation followed by every fragment it uses


def _fragments() -> dict[str, tuple[FragmentDefinitionNode, str]]:
    found = {}
    for path in sorted(FRAGMENTS.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        definitions = parse(text).definitions
        assert len(definitions) == 1, f"{path}: one fragment per file"
        fragment = definitions[0]
        assert isinstance(fragment, FragmentDefinitionNode), f"{path}: not a fragment"
        assert fragment.name.value == path.stem, f"{path}: fragment name must equal file stem"
        found[fragment.name.value] = (fragment, text)
    return found


def _spreads(node) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_):
            names.add(spread.name.value)

    visit(node, Collect())
    return names


def _documents() -> list[Document]:
    fragments = _fragments()
    documents = []
    for path in sorted(ROOT.rglob("*.graphql")):
        if FRAGMENTS in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        needed, todo = set(), _spreads(parse(text))
        while todo:  # fragments may use fragments
            name = todo.pop()
            if name not in needed and name in fragments:
                needed.add(name)
                todo |= _spreads(fragments[name][0])
        full = "\n".join([text, *(fragments[n][1] for n in sorted(needed))])
        documents.append(Document(path.stem, path, full))
    return documents


DOCUMENTS = _documents()


def variables_for(name: str, seeded_market: int) -> dict:
    return {
        k: encode_id("Market", seeded_market) if v == SEEDED_MARKET else v
        for k, v in VARIABLES[name].items()
    }


async def seed() -> dict:
    """40 demo markets (one per county, some certified) plus stations of the first of them."""
    await seed_demo(markets=40)
    first = await t.Market.select(t.Market.id).order_by(t.Market.id).first()
    parent = first["id"]
    for n, kind in enumerate(["RURAL_STATION", "GIG_SUPERMARKET", "RURAL_STATION"]):
        await make_market(
            name=f"上城区望江{n}号{'零工驿站' if kind == 'RURAL_STATION' else '零工超市'}",
            station_type=kind,
            parent_market_id=parent,
            occupations=("装卸搬运工",),
            latitude=30.24 + n / 100,
        )
    await make_market(
        name="上城区旧址零工驿站",
        station_type="RURAL_STATION",
        parent_market_id=parent,
        status="CLOSED",
    )
    token, _ = await issue("OPERATOR", await make_operator())
    return {"parent": parent, "token": token}


async def run(client, document: Document, variables: dict, token: str | None = None):
    """POST one document; returns (decoded body, SQL statements it took)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": document.text, "operationName": document.name, "variables": variables}
    with count_sql() as statements:
        response = await client.post("/graphql", json=payload, headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), statements[0]


def document(name: str) -> Document:
    return next(d for d in DOCUMENTS if d.name == name)


def test_every_document_is_one_operation_named_after_its_file():
    # given
    names = [d.name for d in DOCUMENTS]

    # then
    assert sorted(names) == sorted(VARIABLES) == sorted(SQL_BUDGET)
    assert len(set(names)) == len(names), "operation names must be unique"
    for d in DOCUMENTS:
        operations = [
            o for o in parse(d.text).definitions if isinstance(o, OperationDefinitionNode)
        ]
        assert len(operations) == 1, f"{d.path}: exactly one operation per file"
        assert operations[0].name and operations[0].name.value == d.path.stem, d.path
        assert d.path.parent.parent == ROOT, f"{d.path}: documents live in a domain folder"


def test_every_fragment_is_used_by_a_document():
    used = set().union(*(_spreads(parse(d.text)) for d in DOCUMENTS))

    assert set(_fragments()) <= used
    assert "...MarketCard" in document("MarketDirectory").text
    assert "...MarketCard" in document("NearbyMarkets").text


def test_every_document_validates_against_the_schema():
    problems = {
        d.name: [e.message for e in validate(schema._schema, parse(d.text))] for d in DOCUMENTS
    }

    assert problems == {d.name: [] for d in DOCUMENTS}


async def test_every_document_runs_over_http_without_errors_within_its_sql_budget(client):
    # given
    seeded = await seed()
    counts = {}

    for d in DOCUMENTS:
        # when
        token = seeded["token"] if d.name == "Viewer" else None
        body, counts[d.name] = await run(client, d, variables_for(d.name, seeded["parent"]), token)

        # then
        assert "errors" not in body, (d.name, body)
        assert all(v is not None for v in body["data"].values()), (d.name, body)

    print("SQL statements per operation:", counts)
    assert {n: c for n, c in counts.items() if c > SQL_BUDGET[n]} == {}, counts


async def test_documents_return_the_seeded_data(client):
    seeded = await seed()

    results = {
        d.name: (await run(client, d, variables_for(d.name, seeded["parent"]), seeded["token"]))[0]
        for d in DOCUMENTS
    }

    directory = results["MarketDirectory"]["data"]["markets"]
    assert directory["totalCount"] == 43  # 40 markets and 3 open stations; the closed one hidden
    assert len(directory["nodes"]) == 20
    assert directory["pageInfo"]["hasNextPage"] is True
    nearby = results["NearbyMarkets"]["data"]["markets"]["edges"]
    assert nearby and [e["node"]["distanceKm"] for e in nearby] == sorted(
        e["node"]["distanceKm"] for e in nearby
    )
    detail = results["MarketDetail"]["data"]["market"]
    assert detail["id"] == encode_id("Market", seeded["parent"])
    assert [s["stationType"] for s in detail["stations"]] == [
        "RURAL_STATION",
        "GIG_SUPERMARKET",
        "RURAL_STATION",
    ]
    assert len(results["Regions"]["data"]["regions"]) == 13
    assert results["Viewer"]["data"]["viewer"]["role"] == "OPERATOR"
    features = results["MarketMap"]["data"]["marketMap"]["features"]
    assert {f["properties"]["regionCode"][:4] for f in features} == {"3301"}


async def test_list_operations_take_as_many_statements_for_5_as_for_40_results(client):
    # given
    seeded = await seed()
    counts = {}

    for name in ("MarketDirectory", "NearbyMarkets"):
        for first in (5, 40):
            # when
            variables = {**variables_for(name, seeded["parent"]), "first": first}
            if name == "NearbyMarkets":
                variables["radiusKm"] = 300  # the whole seeded area
            body, counts[name, first] = await run(client, document(name), variables)

            # then
            assert "errors" not in body, body
            connection = body["data"]["markets"]
            items = connection.get("nodes") or connection["edges"]
            assert len(items) == first, (name, first, len(items))

    assert counts["MarketDirectory", 5] == counts["MarketDirectory", 40], counts
    assert counts["NearbyMarkets", 5] == counts["NearbyMarkets", 40], counts
    assert counts["MarketDirectory", 40] <= SQL_BUDGET["MarketDirectory"], counts
    assert counts["NearbyMarkets", 40] <= SQL_BUDGET["NearbyMarkets"], counts


async def test_market_directory_through_the_gql_client(app, gql):
    # given: the third-party client, talking to the ASGI app in process through httpx
    from gql import Client, GraphQLRequest
    from gql.transport.httpx import HTTPXAsyncTransport

    seeded = await seed()
    d = document("MarketDirectory")
    variables = variables_for("MarketDirectory", seeded["parent"])
    transport = HTTPXAsyncTransport(
        url="http://testserver/graphql", transport=httpx.ASGITransport(app=app)
    )

    # when: the client validates the document against the committed SDL, then sends it
    async with Client(transport=transport, schema=COMMITTED_SDL) as session:
        result = await session.execute(
            GraphQLRequest(d.text, variable_values=variables, operation_name=d.name)
        )

    # then: exactly what a plain POST returns
    assert {"data": result} == await gql(d.text, variables)
    assert result["markets"]["totalCount"] == 43
    assert len(result["markets"]["nodes"]) == 20
