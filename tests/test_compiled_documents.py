"""Compiled trusted documents: which are planned, and byte-identical answers to graphql-core's."""

# Every query of frontend_queries/manifest.json is sent over HTTP twice, once with the plans of
# the application's schema and once without (graphql-core's executor), as every role, with the
# contract's variables and with variants (explicit nulls, one-item pages, the next and the last
# page, a page past the end, a bad cursor, oversize pages, unknown and malformed ids). The two
# responses must have the same status and the same bytes; only the request id that masked
# errors quote differs between two requests, and it is replaced by the response's own header.

from __future__ import annotations

import json
import re
from typing import Any

from graphql import OperationDefinitionNode, parse
from graphql.language import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode
from starlette.routing import Route

from resolvers.compiled import CompiledDocuments
from resolvers.compiled.plan import CompiledDocument
from resolvers.global_ids import encode_id
from resolvers.trusted_documents import MANIFEST
from tests.test_frontend_queries import TOKENS, seed, variables_for

MANIFEST_ENTRIES = json.loads(MANIFEST.read_text(encoding="utf-8"))
DOCUMENTS = {e["operationName"]: e["document"] for e in MANIFEST_ENTRIES.values()}
# The queries run on their plans; a document missing here fell back to graphql-core.
COMPILED = {
    *("ApplicantProfile", "Applicants", "ApplicationDetail", "AssistanceCases", "Candidates"),
    *("CertificationStandard", "DemonstrationMarkets", "DirectoryHistory", "EmployerPostings"),
    *("EnumLabels", "GatheringPlaces", "ManagedTrainings", "MarketDetail", "MarketDirectory"),
    *("MarketMap", "MarketTrainings", "MarketWorkers", "MyApplications", "MyAssessments"),
    *("MyAssistancePlan", "MyCertificationApplications", "MyEmployerProfile"),
    *("MyOperatingContracts", "MyRightsCases", "MySubsidyApplications", "MyTrainingEnrolments"),
    *("MyWorkerProfile", "NearbyMarkets", "OccupationGaps", "OccupationTrend", "Occupations"),
    *("Policies", "PolicyDetail", "PostingDetail", "PostingSearch", "QuietMarkets"),
    *("RecommendedPolicies", "RecommendedPostings", "RecommendedTrainings", "Refetch"),
    *("RegionStatistics", "Regions", "RightsCaseDetail", "RightsCaseQueue", "SubsidyEligibility"),
    *("SubsidyProgrammes", "TargetProgress", "TrainingDetail", "TrainingSearch", "Viewer"),
    "WorkloadReports",
}
ROLES = (None, "worker", "employer", "operator", "staff")
UNKNOWN_IDS = (encode_id("Market", 987654321), "not-a-global-id")


def graphql_view(app: Any) -> Any:
    starlette = app.app  # RequestIdMiddleware → Starlette
    return next(
        r.endpoint for r in starlette.routes if isinstance(r, Route) and r.path == "/graphql"
    )


def _operation(text: str) -> OperationDefinitionNode:
    (operation,) = [d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode)]
    return operation


def _named(type_node: TypeNode) -> str:
    while isinstance(type_node, NonNullTypeNode | ListTypeNode):
        type_node = type_node.type
    assert isinstance(type_node, NamedTypeNode)
    return type_node.name.value


def variants(name: str, base: dict) -> list[dict]:
    """The contract's variables, then the edges each variable of the document invites."""
    definitions = _operation(DOCUMENTS[name]).variable_definitions or ()
    nullable = [
        d.variable.name.value for d in definitions if not isinstance(d.type, NonNullTypeNode)
    ]
    found = [base, {**base, **dict.fromkeys(nullable, None)}]
    names = {d.variable.name.value: _named(d.type) for d in definitions}
    if "first" in names:
        found += [{**base, "first": n} for n in (1, 100, 0, 101)]
        found.append({**base, "after": "bm90IGEgY3Vyc29y"})
    for variable, type_name in names.items():
        if type_name == "ID" and variable != "after":
            found += [{**base, variable: unknown} for unknown in UNKNOWN_IDS]
    return found


def end_cursor(body: Any) -> str | None:
    """The first endCursor of a page that has a next one (else of the last page)."""
    pages: list[dict] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("pageInfo"), dict):
                pages.append(value["pageInfo"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(body)
    cursors = [p.get("endCursor") for p in pages if p.get("endCursor")]
    return cursors[0] if cursors else None


async def send(client, name: str, variables: dict, token: str | None) -> tuple[int, str, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": DOCUMENTS[name], "operationName": name, "variables": variables}
    response = await client.post("/graphql", json=payload, headers=headers)
    # Masked errors quote the request's own id; everything else must be equal byte for byte.
    text = response.text.replace(response.headers["x-request-id"], "<request id>")
    return response.status_code, response.headers["content-type"], text


def test_every_manifest_query_is_compiled_and_only_writes_and_streams_are_not(app):
    compiled: CompiledDocuments = graphql_view(app).schema.compiled

    names = {c.name for c in compiled.by_text.values()}
    kinds = {n: _operation(t).operation.value for n, t in DOCUMENTS.items()}

    assert names == COMPILED
    assert names == {n for n, kind in kinds.items() if kind == "query"}
    assert compiled.refused == {
        n: f"{kind}: stays on the generic executor" for n, kind in kinds.items() if kind != "query"
    }
    # The plan answers the registered text only: a reformatted copy runs on graphql-core.
    text = DOCUMENTS["MarketDirectory"]
    assert compiled.get(text, "MarketDirectory") is compiled.by_text[text]
    assert compiled.get(text, None) is compiled.by_text[text]
    assert compiled.get(text + "\n", "MarketDirectory") is None
    assert compiled.get(text, "PostingSearch") is None


async def test_compiled_answers_are_byte_identical_to_graphql_cores(client, app, monkeypatch):
    # given the contract's scene, and a record of which documents ran on their plans
    seeded = await seed()
    schema = graphql_view(app).schema
    with_plans, without = schema.compiled, CompiledDocuments({}, {})
    texts = schema.texts  # graphql-core's side runs without the text plans too
    planned: set[str] = set()
    plan_for = CompiledDocument.plan_for

    def recording(self: CompiledDocument, variable_values: Any) -> Any:
        planned.add(self.name)
        return plan_for(self, variable_values)

    monkeypatch.setattr(CompiledDocument, "plan_for", recording)
    differences: dict[str, Any] = {}
    requests = 0

    async def both(name: str, variables: dict, role: str | None) -> tuple[int, str, str]:
        nonlocal requests
        token = seeded["token"][role] if role else None
        schema.compiled, schema.texts = without, None
        generic = await send(client, name, variables, token)
        schema.compiled, schema.texts = with_plans, texts
        compiled = await send(client, name, variables, token)
        requests += 1
        if compiled != generic:
            differences.setdefault(f"{name} as {role} with {variables}", (generic, compiled))
        return compiled

    # when every query runs as every role, and with every variant as its own screen's role
    try:
        for name in sorted(COMPILED):
            base = variables_for(name, seeded)
            for role in ROLES:
                await both(name, base, role)
            own = TOKENS[name]
            for variables in variants(name, base):
                _, _, body = await both(name, variables, own)
                if "first" in variables and variables.get("first") == 1:
                    cursor = end_cursor(json.loads(body))
                    if cursor:  # the next page, then the page after the last one
                        await both(name, {**variables, "after": cursor}, own)
                        _, _, last = await both(name, {**base, "first": 100}, own)
                        final = end_cursor(json.loads(last))
                        if final:
                            await both(name, {**base, "after": final}, own)
    finally:
        schema.compiled, schema.texts = with_plans, texts

    # then the bodies are the same bytes, and every query ran on its plan
    assert differences == {}
    assert planned == COMPILED
    assert requests > 10 * len(COMPILED)


async def test_answers_cover_data_nulls_errors_and_refusals(client, app):
    # given the scene: the variants above produce each kind of answer at least once
    seeded = await seed()
    seen: set[str] = set()
    for name in ("MarketDirectory", "PostingSearch", "MarketDetail", "Candidates", "Viewer"):
        base = variables_for(name, seeded)
        for role in ROLES:
            for variables in variants(name, base):
                token = seeded["token"][role] if role else None
                status, _, text = await send(client, name, variables, token)
                body = json.loads(text)
                codes = {e.get("extensions", {}).get("code") for e in body.get("errors", [])}
                seen |= {c for c in codes if c}
                if body.get("data") and not body.get("errors"):
                    seen.add("DATA")
                if re.search(r'"nodes":\[\]', text):
                    seen.add("EMPTY PAGE")
                if status != 200:
                    seen.add(f"HTTP {status}")

    # then the differential test above compares more than successful pages
    assert {"DATA", "EMPTY PAGE", "UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT"} <= seen
