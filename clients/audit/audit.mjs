// Runs the graphql-http audit suite (GraphQL over HTTP spec) against AUDIT_URL and prints one
// line per failed audit; exits 1 if any MUST fails (SHOULD and MAY failures are reported, not
// fatal). With AUDIT_PRODUCTION=1 the audits that query `__type` and are refused only because
// production turns introspection off are counted apart: that refusal is our rule, not the spec's.
import { auditServer } from 'graphql-http';

const url = process.env.AUDIT_URL;
if (!url || !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\//.test(url)) {
  console.error('AUDIT_URL must be a loopback URL, e.g. http://127.0.0.1:8000/graphql');
  process.exit(2);
}

const production = process.env.AUDIT_PRODUCTION === '1';
const results = await auditServer({ url });
const counts = {};
let introspectionOff = 0;
for (const result of results) {
  const level = result.name.split(' ')[0];
  let body = '';
  if (result.status !== 'ok') {
    try {
      body = await result.response.text();
    } catch {
      body = '(body already read)';
    }
    if (production && body.includes('introspection has been disabled')) {
      introspectionOff += 1;
      continue;
    }
    body = body.slice(0, 200);
  }
  const key = `${level} ${result.status === 'ok' ? 'passed' : 'failed'}`;
  counts[key] = (counts[key] ?? 0) + 1;
  if (result.status === 'ok') continue;
  console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}\n  ${result.reason}\n  ${result.response.status} ${body}`);
}
const summary = ['MUST', 'SHOULD', 'MAY']
  .map((level) => `${level}: ${counts[`${level} passed`] ?? 0} passed, ${counts[`${level} failed`] ?? 0} failed`)
  .join('; ');
const apart = production ? `; refused as introspection (off in production): ${introspectionOff}` : '';
console.log(`graphql-http audit of ${url}: ${summary}${apart}`);
process.exit(counts['MUST failed'] ? 1 : 0);
