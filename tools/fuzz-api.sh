#!/usr/bin/env bash
# Contract fuzz of the public API: Schemathesis (PyPI) generates requests from the gateway's
# merged OpenAPI document and checks every answer against it (status codes, bodies, methods).
#   npm run fuzz:api [-- <schemathesis run options>]
# Needs a running system (npm start, or a test run kept with KEEP_SYSTEM=1) and python3.
#   GATEWAY_URL     the gateway (default http://127.0.0.1:3000)
#   ADMIN_USERNAME / ADMIN_PASSWORD  the administrator it signs in as (defaults as npm start)
#   FUZZ_MAX_EXAMPLES  generated requests per operation and phase (default 20)
# Writes .local/fuzz/junit.xml; exits non-zero when a check failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:3000}"
OUT="$ROOT/.local/fuzz"
mkdir -p "$OUT"

if ! command -v st >/dev/null 2>&1; then
  echo "fuzz: installing schemathesis (pip)"
  python3 -m pip install --quiet schemathesis
fi

token="$(curl -fsS -X POST "$GATEWAY_URL/api/auth/token" -H 'content-type: application/json' \
  -d "{\"username\":\"${ADMIN_USERNAME:-admin}\",\"password\":\"${ADMIN_PASSWORD:-admin-change-me}\"}" |
  node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>process.stdout.write(JSON.parse(s).accessToken))')" ||
  { echo "fuzz: could not sign in at $GATEWAY_URL/api/auth/token (is the system running?)" >&2; exit 1; }

# --url: the document's paths already start with /api, so requests go to the gateway's root.
exec st run "$GATEWAY_URL/api/docs-json" --url "$GATEWAY_URL" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-examples "${FUZZ_MAX_EXAMPLES:-20}" \
  --workers 2 \
  --report junit,json --report-dir "$OUT" \
  "$@"
