// Trusted documents: in production the API runs, for apps, only the documents of
// frontend_queries/manifest.json. An app sends the document's SHA-256 instead of its text
// (the Apollo persisted-query format); an unknown hash answers PERSISTED_QUERY_NOT_FOUND.
import manifest from "../../frontend_queries/manifest.json";
import type { MarketDirectoryQuery, MarketDirectoryQueryVariables } from "./generated/operations";

type Entry = { operationName: string; document: string };
const HASHES: ReadonlyMap<string, string> = new Map(
  Object.entries(manifest as Record<string, Entry>).map(([hash, e]) => [e.operationName, hash]),
);

export function sha256Of(operationName: string): string {
  const hash = HASHES.get(operationName);
  if (hash === undefined) throw new Error(`${operationName} 不在 frontend_queries/manifest.json 中`);
  return hash;
}

// POST body: the hash instead of `query` (GET: the same fields as URL parameters, JSON-encoded).
export function persistedBody<TVariables>(operationName: string, variables: TVariables) {
  return {
    operationName,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256Of(operationName) } },
  };
}

export async function marketNamesByHash(endpoint: string): Promise<string[]> {
  const variables: MarketDirectoryQueryVariables = { first: 20, where: { regionCode: "330100" } };
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(persistedBody("MarketDirectory", variables)),
  });
  const body = (await response.json()) as { data?: MarketDirectoryQuery; errors?: unknown[] };
  return body.data?.markets.nodes.map((m) => m.name) ?? [];
}
