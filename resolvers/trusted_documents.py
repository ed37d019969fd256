"""Trusted documents: the frontend contract registered by SHA-256, and who may send others."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    OperationDefinitionNode,
    Visitor,
    parse,
    visit,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.types import ExecutionResult

from resolvers.context import resolve_viewer
from resolvers.document_text import print_document
from resolvers.errors import RequestError

CONTRACT = Path(__file__).resolve().parents[1] / "frontend_queries"
MANIFEST = CONTRACT / "manifest.json"
MODES = ("required", "optional")
# Operators and staff run their own tools against the API (reports, checks): they may still
# send ad-hoc documents. The public apps of workers and employers, and anonymous callers, may not.
AD_HOC_ROLES = frozenset({"OPERATOR", "STAFF"})
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _spreads(node: Any) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
            names.add(spread.name.value)

    visit(node, Collect())
    return names


def canonical_documents(root: Path = CONTRACT) -> dict[str, str]:
    """Each operation of the contract as clients send it: its file's definitions (the operation,
    fragments of its own), then every shared fragment it uses (also through other fragments)
    sorted by name, printed as graphql-js 16 `print` prints them (no comments, fixed layout;
    resolvers/document_text.py), by operation name."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    for path in sorted((root / "fragments").glob("*.graphql")):
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
    documents: dict[str, str] = {}
    for path in sorted(root.rglob("*.graphql")):
        if path.parent.name == "fragments":
            continue
        document = parse(path.read_text(encoding="utf-8"))
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) != 1 or operations[0].name is None:
            raise ValueError(f"{path}: one named operation per file")
        local = {
            d.name.value for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        needed: set[str] = set()
        todo = _spreads(document) - local
        while todo:  # shared fragments may use shared fragments
            name = todo.pop()
            if name not in needed:
                needed.add(name)
                todo |= _spreads(fragments[name]) - local
        definitions = [*document.definitions, *(fragments[n] for n in sorted(needed))]
        name = operations[0].name.value
        if name in documents:
            raise ValueError(f"{path}: operation {name} is defined twice")
        documents[name] = print_document(DocumentNode(definitions=tuple(definitions)))
    return documents


def manifest_text(root: Path = CONTRACT) -> str:
    """frontend_queries/manifest.json: sha256 → {operationName, document}, by operation name."""
    entries = {
        sha256(text): {"operationName": name, "document": text}
        for name, text in sorted(canonical_documents(root).items())
    }
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def not_found() -> GraphQLError:
    # Apollo's persisted-query link recognises the code and resends with the full text.
    return RequestError(
        "persistedQuery：未登记的文档哈希（已登记的见 frontend_queries/manifest.json）",
        code="PERSISTED_QUERY_NOT_FOUND",
        field=["extensions", "persistedQuery", "sha256Hash"],
    )


@dataclass(frozen=True)
class Admission:
    """The document to run, or the error that refuses the request."""

    query: str | None
    error: GraphQLError | None = None


@dataclass(frozen=True)
class TrustedDocuments:
    """The registry of trusted documents and the rule (required or optional) for others."""

    by_hash: Mapping[str, str]
    mode: str = "optional"
    texts: frozenset[str] = field(init=False, repr=False)

    @classmethod
    def load(cls, mode: str, path: Path = MANIFEST) -> TrustedDocuments:
        if mode not in MODES:
            raise RuntimeError(f"LINGONG_TRUSTED_DOCUMENTS must be one of {', '.join(MODES)}")
        if not path.exists():
            if mode == "required":  # an empty registry would refuse every public client
                raise RuntimeError(f"{path} is missing: run `lingong export-documents`")
            return cls({}, mode)
        entries = json.loads(path.read_text(encoding="utf-8"))
        return cls({h: e["document"] for h, e in entries.items()}, mode)

    def __post_init__(self) -> None:
        # Trusted by content: the text sent without its hash (a set lookup, no hashing).
        object.__setattr__(self, "texts", frozenset(self.by_hash.values()))

    def is_trusted(self, query: str) -> bool:
        return query in self.texts

    def needs_role(self, payload: Mapping[str, Any]) -> bool:
        """Whether `admit` depends on the viewer: an ad-hoc text under "required"."""
        query = payload.get("query")
        return self.mode == "required" and isinstance(query, str) and not self.is_trusted(query)

    def admit(self, payload: Mapping[str, Any], role: str | None) -> Admission:
        """Which document a request runs (`query`, `extensions.persistedQuery`), given the
        viewer's role, or why it is refused."""
        query = payload.get("query")
        extensions = payload.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is not None:
            digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
            version = persisted.get("version") if isinstance(persisted, dict) else None
            if version != 1 or not isinstance(digest, str) or not _SHA256.fullmatch(digest):
                message = "persistedQuery：须为 {version: 1, sha256Hash: 64 位小写十六进制}"
                where = ["extensions", "persistedQuery"]
                return Admission(None, RequestError(message, field=where))
            if not isinstance(query, str):
                registered = self.by_hash.get(digest)
                return Admission(registered, None if registered is not None else not_found())
            if sha256(query) != digest:
                message = "persistedQuery：sha256Hash 与 query 的 SHA-256 不一致"
                error = RequestError(
                    message,
                    code="PERSISTED_QUERY_HASH_MISMATCH",
                    field=["extensions", "persistedQuery", "sha256Hash"],
                )
                return Admission(None, error)
        if (
            self.mode == "required"
            and isinstance(query, str)
            and role not in AD_HOC_ROLES
            and not self.is_trusted(query)
        ):
            message = (
                "query：只接受已登记的文档（frontend_queries/manifest.json），"
                "请发送其 sha256Hash 或原文"
            )
            error = RequestError(message, code="TRUSTED_DOCUMENT_REQUIRED", field="query")
            return Admission(None, error)
        return Admission(query if isinstance(query, str) else None)


def _role(context: Any) -> str | None:
    viewer = getattr(context, "viewer", None)
    return getattr(viewer, "role", None)


async def admit_http(
    trusted: TrustedDocuments, request_data: Any, context: Any
) -> ExecutionResult | None:
    """Fills in the registered text of a hash-only request; the refusal to answer, if any
    (HTTP 200 with `errors`, like every other request error of this API)."""
    if isinstance(request_data, list):  # batches are refused by the view before this
        return None
    payload = {"query": request_data.query, "extensions": request_data.extensions}
    if trusted.needs_role(payload):
        # Only an ad-hoc document under "required" depends on who sends it: the token is looked
        # up here for it, and otherwise just before execution (resolvers/context.py).
        await resolve_viewer(context)
    admission = trusted.admit(payload, _role(context))
    if admission.error is not None:
        return ExecutionResult(data=None, errors=[admission.error])
    request_data.query = admission.query
    return None


class TrustedTransportWSHandler(BaseGraphQLTransportWSHandler):
    """graphql-transport-ws `subscribe` messages follow the same rule as HTTP requests."""

    async def handle_subscribe(self, message: Any) -> None:
        payload = message.get("payload")
        if self.connection_acknowledged and isinstance(payload, dict):
            admission = self.view.trusted.admit(payload, _role(self.context))  # type: ignore[attr-defined]
            if admission.error is not None:
                error = {
                    "id": message["id"],
                    "type": "error",
                    "payload": [admission.error.formatted],
                }
                await self.send_message(error)  # type: ignore[arg-type]
                return
            if admission.query is not None:
                payload["query"] = admission.query
        await super().handle_subscribe(message)


class TrustedWSHandler(BaseGraphQLWSHandler):
    """The legacy graphql-ws protocol's `start` messages follow the same rule."""

    async def handle_start(self, message: Any) -> None:
        payload = message.get("payload")
        if self.connection_acknowledged and isinstance(payload, dict):
            admission = self.view.trusted.admit(payload, _role(self.context))  # type: ignore[attr-defined]
            if admission.error is not None:
                error = {"id": message["id"], "type": "error", "payload": admission.error.formatted}
                await self.send_message(error)  # type: ignore[arg-type]
                return
            if admission.query is not None:
                payload["query"] = admission.query
        await super().handle_start(message)
