// GraphQL Code Generator: TypeScript types for every committed document, from the committed SDL.
// Frontend teams copy this file (and point `schema`/`documents` at their copy of the contract).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema/schema.graphql",
  documents: ["../../frontend_queries/**/*.graphql"],
  generates: {
    "generated/operations.ts": {
      plugins: ["typescript", "typescript-operations"],
      config: {
        // Money and times travel as strings: exact decimals in 元, ISO 8601 with offset.
        scalars: {
          Date: "string",
          DateTime: "string",
          Decimal: "string",
          JSON: "unknown",
        },
        enumsAsTypes: true,
        strictScalars: true,
        // Nullable fields are present (null), not optional; nullable variables may be left out.
        avoidOptionals: { field: true, object: false, inputValue: false, defaultValue: false },
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
  hooks: {},
};

export default config;
