#!/usr/bin/env bash
# Outside testers (issue 16): the graphql-http audit and schemathesis, against our own server
# on a free loopback port with a fresh migrated SQLite database; every step under a timeout.
# Exits non-zero if a MUST of the audit fails, schemathesis finds a 5xx or a masked internal
# error, or the server logs a traceback. Needs `pip install -e '.[test]'` and node/npm.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
EXAMPLES=${OUTSIDE_EXAMPLES:-5}   # schemathesis cases per operation and role
RUN_SECONDS=${OUTSIDE_RUN_SECONDS:-150}  # hard bound on each schemathesis run
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Serves app:app on 127.0.0.1:$1 with the environment given after it; waits until ready.
start_server() {
  local port=$1 log=$2
  shift 2
  env "$@" "$VENV/bin/uvicorn" app:app --host 127.0.0.1 --port "$port" --no-server-header \
    --log-level warning >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 60); do
    "$VENV/bin/python" -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=2)' \
      "http://127.0.0.1:$port/health/ready" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "server on port $port did not become ready:" >&2
  cat "$log" >&2
  return 1
}

# Same database for both servers: development mode (introspection on, which schemathesis
# needs) and production mode (what the public meets).
unset DATABASE_URL LINGONG_PRODUCTION
export LINGONG_SQLITE_PATH="$work/outside.sqlite3"
# The testers send bursts from one address and one token: rate limits (tests/test_rate_limits.py
# checks them) would answer most of their requests with 429 instead of exercising the schema.
export LINGONG_RATE_LIMIT_TOKEN="100000 per 1 second" LINGONG_RATE_LIMIT_ANONYMOUS="100000 per 1 second"
export LINGONG_RATE_LIMIT_ADDRESS="100000 per 1 second" LINGONG_FAILED_LOOKUP_BUDGET="100000 per 1 second"
echo "-- preparing the database (migrate, demo data, one token per role)"
SECONDS=0
timeout 120 "$VENV/bin/python" -m tests.outside.prepare >"$work/tokens"
dev_port=$(free_port)
prod_port=$(free_port)
start_server "$dev_port" "$work/dev.log"
# Production as the public meets it, except that the audit's own ad-hoc documents are let
# through (the trusted-documents rule is tested in tests/test_trusted_documents.py).
start_server "$prod_port" "$work/prod.log" LINGONG_PRODUCTION=1 LINGONG_TRUSTED_DOCUMENTS=optional \
  LINGONG_SECRET_KEY="$(cat "$work/.lingong-secret")"
echo "   ready in ${SECONDS}s"

status=0
echo "-- graphql-http audit (GraphQL over HTTP)"
if [ ! -d clients/audit/node_modules ]; then
  (cd clients/audit && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
fi
for mode in development production; do
  port=$dev_port production=0
  [ "$mode" = production ] && port=$prod_port production=1
  echo "   $mode mode:"
  SECONDS=0
  (cd clients/audit && AUDIT_URL="http://127.0.0.1:$port/graphql" AUDIT_PRODUCTION="$production" \
    timeout 120 node audit.mjs) \
    || status=1
  echo "   in ${SECONDS}s"
done

echo "-- schemathesis (GraphQL mode, $EXAMPLES examples per operation) anonymous and per role"
run_schemathesis() {
  local role=$1
  shift
  SECONDS=0
  if SCHEMATHESIS_HOOKS=tests.outside.schemathesis_hooks timeout "$RUN_SECONDS" \
    "$VENV/bin/schemathesis" run "http://127.0.0.1:$dev_port/graphql" "$@" \
    --checks no_internal_error --max-examples "$EXAMPLES" --phases fuzzing \
    --request-timeout 10 --generation-database none --no-color >"$work/st-$role.log" 2>&1; then
    echo "   $role: $(grep -E '^ +[0-9]+ generated' "$work/st-$role.log" | xargs) in ${SECONDS}s"
  else
    echo "   $role: FAILED (exit $?) in ${SECONDS}s"
    tail -n 80 "$work/st-$role.log"
    status=1
  fi
}
run_schemathesis ANONYMOUS
while read -r role token; do
  run_schemathesis "$role" -H "Authorization: Bearer $token"
done <"$work/tokens"

# A masked error answers INTERNAL_SERVER_ERROR (the hook fails on it) and logs its traceback.
if grep -l "Traceback" "$work/dev.log" "$work/prod.log"; then
  echo "the server logged a traceback:"
  grep -B2 -A30 "Traceback" "$work/dev.log" "$work/prod.log" | head -n 120
  status=1
fi
[ "$status" = 0 ] && echo "outside testers: passed" || echo "outside testers: FAILED"
exit "$status"
