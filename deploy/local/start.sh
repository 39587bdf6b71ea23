#!/usr/bin/env bash
# `npm start`: the whole system on this machine — Kafka and MongoDB (durable H2 file),
# every service as its own process, a small demo data set — then the URLs.
# Stop it all with `npm stop`. Running it again restarts the services whose build changed.
#   KAFKA_BROKERS / MONGODB_URI set: those servers are used (nothing of ours is started for them).
#   SYSTEM_PORT_OFFSET / SYSTEM_TAG: another instance beside the default one (ports + offset).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
say() { echo "start: $*"; }
die() { echo "start: $*" >&2; exit 1; }

export ADMIN_USERNAME="${ADMIN_USERNAME:-admin}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-change-me}"
DEMO_SCALE="${DEMO_SCALE:-0.02}"
OFFSET="${SYSTEM_PORT_OFFSET:-0}"
TAG="${SYSTEM_TAG:-system}"
GATEWAY="http://127.0.0.1:$((3000 + OFFSET))"
STARTED=$(date +%s)

if [[ ! -d node_modules ]]; then
  say "installing dependencies (npm ci, about a minute the first time)"
  npm ci --no-audit --no-fund
fi

# The database started here (no MONGODB_URI) is the durable one: a test run's in-memory one is restarted
# on it, but not while a test system uses it (a test run uses the default pair, not an INFRA_STATE_DIR's).
if [[ -z "${MONGODB_URI:-}" && -z "${INFRA_STATE_DIR:-}" ]] && tests="$(node deploy/local/services.js running --tag test 2>/dev/null)"; then
  die "a test run (npm test) is using this checkout's servers (services: $tests); wait until it ends, then run npm start again"
fi
if [[ -n "${KAFKA_BROKERS:-}" || -n "${MONGODB_URI:-}" ]]; then
  # Servers named by the environment are someone else's: only waited for (the other one is started here).
  INFRA_SWITCH_TO_DURABLE=1 MONGO_BACKEND=h2 bash deploy/local/infra.sh ensure
else
  INFRA_SWITCH_TO_DURABLE=1 MONGO_BACKEND=h2 bash deploy/local/infra.sh start
fi
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:${MONGO_PORT:-27017}}"

say "building (tsc -p tsconfig.build.json)"
npm run -s build || die "the build failed; see the errors above"

node deploy/local/services.js start --port-offset "$OFFSET" --tag "$TAG" || die "the services did not start (see above); npm stop stops what is left"

if [[ "$DEMO_SCALE" != "0" ]]; then
  say "loading the demo data (scale $DEMO_SCALE of one province; DEMO_SCALE=0 skips it)"
  node -r ./deploy/register-paths.js dist/tools/demo-load.js --scale "$DEMO_SCALE" --gateway "$GATEWAY" ||
    die "the demo data did not load (the reason is above); the services are still running: fix it and run npm start again, or npm stop"
fi

# INSTANCES=2 (deploy/local/services.js): say where the other instances are.
INSTANCES_LINE=""
if ((${INSTANCES:-1} > 1)); then
  INSTANCES_LINE=$'\n'"  instances            ${INSTANCES} of each service: instance i on its port + (i-1)*10; the gateway takes a service's instances in turn"
fi
cat <<MSG

The job-fair platform is running (ready in $(($(date +%s) - STARTED)) s):
  admin web UI         $GATEWAY/
  API (one origin)     $GATEWAY/api
  API documentation    $GATEWAY/api/docs
  sign in              $ADMIN_USERNAME / $ADMIN_PASSWORD (POST /api/auth/token)
  services             employers :$((3001 + OFFSET)), seekers :$((3002 + OFFSET)), fairs :$((3003 + OFFSET)), matcher :$((3004 + OFFSET)) (each with /health and /docs)${INSTANCES_LINE}
  Kafka                $KAFKA_BROKERS    MongoDB  $MONGODB_URI
  logs                 .local/logs/$TAG/<service>.log, .local/logs/kafka.log, .local/logs/mongo.log
  first steps          README.md, "A tour in ten minutes"
Stop everything with: npm stop
MSG
