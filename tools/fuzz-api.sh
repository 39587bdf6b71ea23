#!/usr/bin/env bash
# Contract fuzz of the public API: Schemathesis (PyPI) generates requests from the gateway's
# merged OpenAPI document and checks every answer against it (status codes, bodies, methods).
#   npm run fuzz:api [-- <schemathesis run options>]
# Needs a running system (npm start, or a test run's) and python3 with venv; Schemathesis is
# installed into .local/venv on first use (deploy/local/python-tools.sh). `npm test` runs it too
# (test/system/contract-fuzz.spec.ts), with fewer examples.
#   GATEWAY_URL     the gateway (default http://127.0.0.1:3000)
#   ADMIN_USERNAME / ADMIN_PASSWORD  the administrator it signs in as (defaults as npm start)
#   FUZZ_MAX_EXAMPLES  generated requests per operation and phase (default 20)
#   FUZZ_REPORT_DIR    where junit.xml and report.json go (default .local/fuzz)
# Exits non-zero when a check failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:3000}"
OUT="${FUZZ_REPORT_DIR:-$ROOT/.local/fuzz}"
mkdir -p "$OUT"
ST="$(bash "$ROOT/deploy/local/python-tools.sh" st)"

token="$(curl -fsS -X POST "$GATEWAY_URL/api/auth/token" -H 'content-type: application/json' \
  -d "{\"username\":\"${ADMIN_USERNAME:-admin}\",\"password\":\"${ADMIN_PASSWORD:-admin-change-me}\"}" |
  node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>process.stdout.write(JSON.parse(s).accessToken))')" ||
  { echo "fuzz: could not sign in at $GATEWAY_URL/api/auth/token (is the system running?)" >&2; exit 1; }

# --url: the document's paths already start with /api, so requests go to the gateway's root.
# The hooks accept the one rule the document cannot state (see the file).
SCHEMATHESIS_HOOKS="$ROOT/tools/fuzz-api-hooks.py" exec "$ST" run "$GATEWAY_URL/api/docs-json" --url "$GATEWAY_URL" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-examples "${FUZZ_MAX_EXAMPLES:-20}" \
  --workers 2 \
  --no-color \
  --report junit,json --report-junit-path "$OUT/junit.xml" --report-json-path "$OUT/report.json" \
  "$@"
