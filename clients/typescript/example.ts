// How an app uses the generated types: the operation's name and variables in, typed data out.
// Compiled with `tsc --strict` in CI, so a document change that breaks a screen's use of it
// (a field renamed, made nullable, an enum value gone) fails here before it reaches an app.
import type {
  ApplyToPostingMutation,
  ApplyToPostingMutationVariables,
  MarketDirectoryQuery,
  MarketDirectoryQueryVariables,
} from "./generated/operations";

type GraphQLResponse<TData> = { data?: TData; errors?: { message: string }[] };

// The app sends the document's text with its operation name (the committed document's file name).
export async function request<TData, TVariables>(
  endpoint: string,
  document: string,
  operationName: string,
  variables: TVariables,
  token?: string,
): Promise<TData> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<TData>;
  if (body.errors?.length || !body.data) {
    throw new Error(body.errors?.map((e) => e.message).join("；") ?? "无数据");
  }
  return body.data;
}

export async function marketNames(endpoint: string, document: string): Promise<string[]> {
  const variables: MarketDirectoryQueryVariables = { first: 20, where: { regionCode: "330100" } };
  const data = await request<MarketDirectoryQuery, MarketDirectoryQueryVariables>(
    endpoint,
    document,
    "MarketDirectory",
    variables,
  );
  return data.markets.nodes.map((m) => `${m.name}（${m.region.name}）${m.isOpenNow ? "营业中" : ""}`);
}

// A mutation answers with userErrors (code, field, Chinese message) instead of throwing.
export async function apply(
  endpoint: string,
  document: string,
  token: string,
  jobPostingId: string,
): Promise<string> {
  const data = await request<ApplyToPostingMutation, ApplyToPostingMutationVariables>(
    endpoint,
    document,
    "ApplyToPosting",
    { jobPostingId },
    token,
  );
  const { jobApplication, userErrors } = data.jobApplicationCreate;
  if (userErrors.length > 0 || jobApplication === null) {
    return userErrors.map((e) => `${e.code}: ${e.message}`).join("\n");
  }
  return `${jobApplication.jobPosting.title}：${jobApplication.status}`;
}
