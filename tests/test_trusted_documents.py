"""Trusted documents: the manifest, persisted-query requests, and the production rule."""

from __future__ import annotations

import json

import httpx
import pytest

from resolvers.global_ids import encode_id
from resolvers.trusted_documents import (
    MANIFEST,
    TrustedDocuments,
    canonical_documents,
    manifest_text,
    sha256,
)
from schema.root import schema
from services.auth.rules import authenticate
from tests.fixtures.job_posting import ROLES, make_cast
from tests.test_frontend_queries import DOCUMENTS, seed, variables_for

REGISTERED = {
    e["operationName"]: (h, e["document"]) for h, e in json.loads(MANIFEST.read_text()).items()
}
VIEWER_HASH, VIEWER_TEXT = REGISTERED["Viewer"]
AD_HOC = "query Mine { viewer { role } }"
UNKNOWN = "0" * 64
PUBLIC = ("anonymous", "worker", "employer")


@pytest.fixture(scope="session")
def trusted_app():
    """The app as production runs it: trusted documents required."""
    from app import RequestIdMiddleware, create_app

    return RequestIdMiddleware(create_app(production=True, trusted_documents="required"))


@pytest.fixture
async def trusted_client(trusted_app):
    transport = httpx.ASGITransport(app=trusted_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def by_hash(digest: str, **payload) -> dict:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}, **payload}


async def post(client, payload: dict, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json=payload, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def refused(code: str, message: str, field: list[str]) -> dict:
    return {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": code, "field": field}}],
    }


NOT_FOUND = refused(
    "PERSISTED_QUERY_NOT_FOUND",
    "persistedQuery：未登记的文档哈希（已登记的见 frontend_queries/manifest.json）",
    ["extensions", "persistedQuery", "sha256Hash"],
)
MISMATCH = refused(
    "PERSISTED_QUERY_HASH_MISMATCH",
    "persistedQuery：sha256Hash 与 query 的 SHA-256 不一致",
    ["extensions", "persistedQuery", "sha256Hash"],
)
REQUIRED = refused(
    "TRUSTED_DOCUMENT_REQUIRED",
    "query：只接受已登记的文档（frontend_queries/manifest.json），请发送其 sha256Hash 或原文",
    ["query"],
)


# --- the manifest ----------------------------------------------------------------------------


def test_the_manifest_is_current():
    # Regenerate with `lingong export-documents` after changing frontend_queries/.
    assert MANIFEST.read_text(encoding="utf-8") == manifest_text()


def test_the_manifest_registers_every_document_by_the_sha256_of_its_text():
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))

    assert sorted(e["operationName"] for e in entries.values()) == sorted(d.name for d in DOCUMENTS)
    assert {h: sha256(e["document"]) for h, e in entries.items()} == {h: h for h in entries}
    assert canonical_documents() == {e["operationName"]: e["document"] for e in entries.values()}


def test_a_registered_document_is_the_operation_and_its_fragments_without_comments():
    _, text = REGISTERED["PostingSearch"]

    assert text.startswith("query PostingSearch(")
    assert "\n\nfragment JobPostingCard on JobPosting {" in text
    assert "#" not in text
    assert text.count("fragment JobPostingCard") == 1


def test_an_unknown_mode_or_a_missing_manifest_in_required_mode_stops_the_server(tmp_path):
    with pytest.raises(RuntimeError, match="LINGONG_TRUSTED_DOCUMENTS"):
        TrustedDocuments.load("strict")
    with pytest.raises(RuntimeError, match="export-documents"):
        TrustedDocuments.load("required", tmp_path / "manifest.json")
    assert TrustedDocuments.load("optional", tmp_path / "manifest.json").by_hash == {}


def test_production_requires_trusted_documents_unless_told_otherwise(monkeypatch):
    from settings import get_settings

    monkeypatch.setenv("LINGONG_PRODUCTION", "1")
    assert get_settings.__wrapped__().trusted_documents == "required"
    monkeypatch.setenv("LINGONG_TRUSTED_DOCUMENTS", "Optional")
    assert get_settings.__wrapped__().trusted_documents == "optional"
    monkeypatch.delenv("LINGONG_PRODUCTION")
    monkeypatch.delenv("LINGONG_TRUSTED_DOCUMENTS")
    assert get_settings.__wrapped__().trusted_documents == "optional"


# --- persisted-query requests ------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["optional", "required"])
async def test_a_document_runs_by_hash_over_post_and_get(client, trusted_client, mode):
    http = trusted_client if mode == "required" else client
    cast = await make_cast()
    token = cast.token["operator"]
    expected = {
        "data": {
            "viewer": {"role": "OPERATOR", "subjectId": encode_id("Operator", cast.operator_id)}
        }
    }

    posted = await post(http, by_hash(VIEWER_HASH, operationName="Viewer"), token)
    with_text = await post(http, by_hash(VIEWER_HASH, query=VIEWER_TEXT), token)
    got = await http.get(
        "/graphql",
        params={
            "operationName": "Viewer",
            "extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": VIEWER_HASH}}),
        },
        headers={"Authorization": f"Bearer {token}"},
    )

    for body in (posted, with_text, got.json()):
        body["data"]["viewer"].pop("tokenExpiresAt")
        assert body == expected
    assert got.status_code == 200


async def test_an_unknown_hash_is_not_found_over_post_and_get(client, trusted_client):
    for http in (client, trusted_client):
        assert await post(http, by_hash(UNKNOWN)) == NOT_FOUND
        got = await http.get(
            "/graphql",
            params={
                "extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": UNKNOWN}})
            },
        )
        assert (got.status_code, got.json()) == (200, NOT_FOUND)


async def test_a_query_that_does_not_match_its_hash_is_refused_and_nothing_runs(client):
    # given: a worker's sign-out sent with the hash of Viewer
    cast = await make_cast()
    _, sign_out = REGISTERED["SignOut"]

    # when
    body = await post(client, by_hash(VIEWER_HASH, query=sign_out), cast.token["worker"])

    # then: refused, and the token still works
    assert body == MISMATCH
    assert await authenticate(cast.token["worker"]) is not None


@pytest.mark.parametrize(
    "persisted",
    [{"version": 2, "sha256Hash": VIEWER_HASH}, {"version": 1, "sha256Hash": "ABC"}, "Viewer"],
)
async def test_a_malformed_persisted_query_is_a_bad_request(client, persisted):
    body = await post(client, {"extensions": {"persistedQuery": persisted}})

    assert body == refused(
        "BAD_USER_INPUT",
        "persistedQuery：须为 {version: 1, sha256Hash: 64 位小写十六进制}",
        ["extensions", "persistedQuery"],
    )


# --- the production rule ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
async def test_only_operators_and_staff_may_send_ad_hoc_documents(trusted_client, role):
    cast = await make_cast()
    token = cast.token[role]

    ad_hoc = await post(trusted_client, {"query": AD_HOC}, token)

    if role in PUBLIC:
        assert ad_hoc == REQUIRED
    else:
        assert ad_hoc == {"data": {"viewer": {"role": "STAFF" if role == "staff" else "OPERATOR"}}}


@pytest.mark.parametrize("role", ROLES)
async def test_every_role_may_send_a_registered_document_by_hash_or_by_its_text(
    trusted_client, role
):
    cast = await make_cast()
    token = cast.token[role]

    texts = [
        await post(trusted_client, {"query": VIEWER_TEXT}, token),
        await post(trusted_client, by_hash(VIEWER_HASH), token),
        await post(trusted_client, by_hash(VIEWER_HASH, query=VIEWER_TEXT), token),
    ]

    roles = [(b.get("errors"), (b["data"]["viewer"] or {}).get("role")) for b in texts]
    expected = {"anonymous": None, "other_operator": "OPERATOR"}.get(role, role.upper())
    assert roles == [(None, expected)] * 3


@pytest.mark.parametrize("role", PUBLIC[1:])
async def test_a_refused_ad_hoc_mutation_changes_nothing(trusted_client, role):
    cast = await make_cast()
    token = cast.token[role]

    body = await post(trusted_client, {"query": "mutation { tokenRevoke { revoked } }"}, token)

    assert body == REQUIRED
    assert await authenticate(token) is not None


async def test_the_files_own_text_with_comments_is_ad_hoc(trusted_client):
    # Only the manifest's text is trusted by content; clients send that (or its hash).
    raw = (MANIFEST.parent / "auth" / "Viewer.graphql").read_text(encoding="utf-8")

    assert await post(trusted_client, {"query": raw}) == REQUIRED


# --- every document of the contract ------------------------------------------------------------


async def test_every_frontend_document_runs_by_hash_as_it_does_by_text(client, trusted_client):
    """In production (trusted documents required) each screen's token runs its document by
    hash; queries answer exactly as the file's own text does without the rule."""
    from tests.test_frontend_queries import TOKENS, is_subscription, run

    seeded = await seed()
    ran = []
    for d in DOCUMENTS:
        if is_subscription(d):
            continue  # over WebSocket: test_a_subscription_runs_by_hash_over_websocket
        digest, _ = REGISTERED[d.name]
        variables = variables_for(d.name, seeded)
        role = TOKENS[d.name]
        token = seeded["token"][role] if role else None
        payload = by_hash(digest, operationName=d.name, variables=variables)

        hashed = await post(trusted_client, payload, token)

        assert "errors" not in hashed, (d.name, hashed)
        if _is_mutation(d.text):
            for result in hashed["data"].values():
                assert not isinstance(result, dict) or result.get("userErrors", []) == [], result
        else:
            by_text, _ = await run(client, d, variables, token)
            assert hashed == by_text, d.name
        ran.append(d.name)
    assert len(ran) == len(DOCUMENTS) - 1


def _is_mutation(text: str) -> bool:
    from graphql import OperationDefinitionNode, parse

    operations = [o for o in parse(text).definitions if isinstance(o, OperationDefinitionNode)]
    return operations[0].operation.value == "mutation"


# --- subscriptions over WebSocket --------------------------------------------------------------


async def test_a_subscription_runs_by_hash_over_websocket_and_ad_hoc_ones_are_refused(
    trusted_app,
):
    from websockets.asyncio.client import connect

    from services.job_posting import board
    from tests.fixtures.job_posting import make_posting
    from tests.job_posting.subscriptions.live import receive, serve_in_process, until

    cast = await make_cast()
    draft = await make_posting(
        cast.employer_id, publish=False, title="看板", market_id=cast.market_id
    )
    digest, _ = REGISTERED["PostingBoard"]
    market = encode_id("Market", cast.market_id)

    async def listening() -> bool:
        return board.broker.ready_count > 0

    async with serve_in_process(trusted_app) as port:
        async with connect(
            f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"], open_timeout=10
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv()) == {"type": "connection_ack"}
            for n, payload in (
                ("ad hoc", {"query": "subscription { jobPostingPublished { id } }"}),
                ("unknown", by_hash(UNKNOWN)),
                ("board", by_hash(digest, variables={"marketId": market})),
            ):
                await ws.send(json.dumps({"id": n, "type": "subscribe", "payload": payload}))
            refusals = [await receive(ws), await receive(ws)]
            await until(listening)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                publish = REGISTERED["PublishPosting"][0]
                variables = {"id": encode_id("JobPosting", draft)}
                published = await post(
                    http, by_hash(publish, variables=variables), cast.token["employer"]
                )
            event = await receive(ws)

    assert refusals == [
        {"id": "ad hoc", "type": "error", "payload": REQUIRED["errors"]},
        {"id": "unknown", "type": "error", "payload": NOT_FOUND["errors"]},
    ]
    assert "errors" not in published
    assert event["id"] == "board" and event["type"] == "next"
    assert event["payload"]["data"]["jobPostingPublished"]["title"] == "看板"


def test_schema_is_the_one_the_documents_were_checked_against():
    # The manifest's documents validate against the served schema (a stale manifest would not).
    from graphql import parse, validate

    problems = {n: validate(schema._schema, parse(t)) for n, (_, t) in REGISTERED.items()}

    assert {n: p for n, p in problems.items() if p} == {}


def test_lingong_export_documents_writes_the_manifest(tmp_path):
    from tests.test_cli import lingong

    target = tmp_path / "manifest.json"

    result = lingong("export-documents", "--output", str(target))

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{len(REGISTERED)} trusted documents written to {target}\n"
    assert target.read_text(encoding="utf-8") == MANIFEST.read_text(encoding="utf-8")


async def test_the_legacy_graphql_ws_protocol_follows_the_same_rule(trusted_app):
    from websockets.asyncio.client import connect

    from tests.job_posting.subscriptions.live import receive, serve_in_process

    async with serve_in_process(trusted_app) as port:
        async with connect(
            f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-ws"], open_timeout=10
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert (await receive(ws))["type"] == "connection_ack"
            payload = {"query": "subscription { jobPostingPublished { id } }"}
            await ws.send(json.dumps({"id": "1", "type": "start", "payload": payload}))
            refusal = await receive(ws)

    assert refusal == {"id": "1", "type": "error", "payload": REQUIRED["errors"][0]}
