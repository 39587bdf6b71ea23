#!/usr/bin/env bash
# What `npm test` runs: make sure Kafka and MongoDB exist, build, run jest, print a summary.
#   npm test [-- <jest args>]
# Kafka/MongoDB, in order of preference:
#   1. KAFKA_BROKERS / MONGODB_URI already set: used as they are;
#   2. a Docker engine answers: left unset, jest's global setup starts testcontainers;
#   3. otherwise deploy/local/infra.sh starts local servers (memory database) and they are used.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mkdir -p .local

if [[ ! -d node_modules ]]; then
  echo "test: installing dependencies (npm ci, about a minute the first time)"
  npm ci --no-audit --no-fund
fi

# What runs before the test run is left running; what it starts, it stops at the end (KEEP_INFRA=1 keeps it).
BEFORE="$(bash deploy/local/infra.sh status 2>/dev/null || true)"
STARTED_HERE=()
started_here() { for name in "$@"; do grep -q "$name running" <<<"$BEFORE" || STARTED_HERE+=("$name"); done; }

if [[ -n "${KAFKA_BROKERS:-}" || -n "${MONGODB_URI:-}" ]]; then
  # infra.sh ensure waits for whichever is set and starts the other one locally.
  [[ -n "${KAFKA_BROKERS:-}" ]] || started_here kafka
  [[ -n "${MONGODB_URI:-}" ]] || started_here mongo
  MONGO_BACKEND=memory bash deploy/local/infra.sh ensure
  export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
  export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:${MONGO_PORT:-27017}}"
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "test: Docker engine found; jest's global setup starts Kafka and MongoDB with testcontainers"
else
  # The memory backend keeps test runs fast; if an h2 server is already running, ensure reuses it.
  started_here kafka mongo
  MONGO_BACKEND=memory bash deploy/local/infra.sh ensure
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
  export MONGODB_URI="mongodb://127.0.0.1:${MONGO_PORT:-27017}"
fi

leave_or_stop() {
  trap - EXIT
  if [[ ${#STARTED_HERE[@]} -eq 0 ]]; then
    echo "test: the local Kafka/MongoDB that ran before this run stay running (npm run infra:stop stops them)"
  elif [[ "${KEEP_INFRA:-0}" == 1 ]]; then
    echo "test: left running for the next run (KEEP_INFRA=1): ${STARTED_HERE[*]} (two JVMs, about 500 MB); stop with: npm run infra:stop"
  else
    echo "test: stopping what this run started: ${STARTED_HERE[*]} (KEEP_INFRA=1 keeps them for a faster next run)"
    bash deploy/local/infra.sh stop "${STARTED_HERE[@]}" >/dev/null
  fi
}
trap leave_or_stop EXIT

echo "test: building (tsc -p tsconfig.build.json)"
# System tests spawn the services from dist/, so a build error stops the run here.
npm run -s build || { leave_or_stop; echo "test: build failed (see the tsc errors above); 0 passed, 0 failed" >&2; exit 1; }

# The contract fuzz and the manifests' check drive Python tools (Schemathesis, kubernetes-validate), kept in .local/venv.
bash deploy/local/python-tools.sh >/dev/null || { leave_or_stop; echo "test: the Python tools could not be installed (see above); 0 passed, 0 failed" >&2; exit 1; }

# jest's global setup (test/support) starts every service from dist/ and stops them afterwards.

rm -f .local/jest-results.json
set +e
# --json goes to the file; the usual human-readable report still goes to stderr.
npx jest --ci --json --outputFile=.local/jest-results.json "$@"
JEST_RC=$?
set -e
leave_or_stop

if [[ -f .local/jest-results.json ]]; then
  node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  ' "$ROOT/.local/jest-results.json"
else
  echo "0 passed, 0 failed (jest wrote no results; see the output above)"
fi
exit $JEST_RC
