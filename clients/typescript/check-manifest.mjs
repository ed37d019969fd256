// The manifest's hashes are what Apollo's persisted-query link computes: sha256 of graphql-js
// `print` of the document. Fails if any document is not already in printed form or its hash differs.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse, print } from "graphql";

const manifest = JSON.parse(readFileSync("../../frontend_queries/manifest.json", "utf8"));
let bad = 0;
for (const [hash, { operationName, document }] of Object.entries(manifest)) {
  const printed = print(parse(document));
  const digest = createHash("sha256").update(printed, "utf8").digest("hex");
  if (printed !== document || digest !== hash) {
    console.error(`${operationName}: graphql-js prints or hashes it differently`);
    bad += 1;
  }
}
console.log(`${Object.keys(manifest).length} trusted documents, ${bad} differ`);
process.exit(bad ? 1 : 0);
