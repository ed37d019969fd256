"""Trusted query documents planned once at start-up and run without graphql-core's per-field work."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graphql import GraphQLSchema

from resolvers.compiled.execute import CompiledExecutor
from resolvers.compiled.plan import CompiledDocument, NotCompiled, compile_document
from resolvers.compiled.texts import TextPlans, plan_manifest
from resolvers.trusted_documents import MANIFEST

log = logging.getLogger("lingong")

__all__ = [
    "CompiledDocuments",
    "CompiledExecutor",
    "CompiledDocument",
    "TextPlans",
    "compile_manifest",
    "text_plans",
]


@dataclass(frozen=True)
class CompiledDocuments:
    """The plans by document text (what a trusted request runs), and why the others have none."""

    by_text: Mapping[str, CompiledDocument]
    refused: Mapping[str, str]  # operation name → reason

    def get(self, text: str | None, operation_name: str | None) -> CompiledDocument | None:
        compiled = self.by_text.get(text) if text is not None else None
        if compiled is None or operation_name not in (None, compiled.name):
            return None  # another operation name: graphql-core reports it
        return compiled


def compile_manifest(schema: GraphQLSchema, path: Path = MANIFEST) -> CompiledDocuments:
    """Plans every query document of frontend_queries/manifest.json."""
    if not path.exists():
        return CompiledDocuments({}, {})
    entries = json.loads(path.read_text(encoding="utf-8"))
    by_text: dict[str, CompiledDocument] = {}
    refused: dict[str, str] = {}
    for entry in entries.values():
        try:
            by_text[entry["document"]] = compile_document(schema, entry["document"])
        except NotCompiled as reason:
            refused[entry["operationName"]] = str(reason)
    return CompiledDocuments(by_text, refused)


def text_plans(schema: object, path: Path = MANIFEST) -> TextPlans:
    """Text plans (resolvers/compiled/texts.py) of the manifest's documents."""
    entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return plan_manifest(schema, entries)
