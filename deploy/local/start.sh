#!/usr/bin/env bash
# `npm start`: the whole system on this machine — Kafka and MongoDB (durable H2 file),
# every service as its own process, a small demo data set — then the URLs.
# Stop it all with `npm stop`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
say() { echo "start: $*"; }

export ADMIN_USERNAME="${ADMIN_USERNAME:-admin}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-change-me}"
DEMO_SCALE="${DEMO_SCALE:-0.02}"

if [[ ! -d node_modules ]]; then
  say "installing dependencies (npm ci, about a minute the first time)"
  npm ci --no-audit --no-fund
fi

MONGO_BACKEND="${MONGO_BACKEND:-h2}" bash deploy/local/infra.sh start
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:${MONGO_PORT:-27017}}"

say "building (tsc -p tsconfig.build.json)"
npx tsc -p tsconfig.build.json || { echo "start: the build failed; see the errors above" >&2; exit 1; }

node deploy/local/services.js start

if [[ "$DEMO_SCALE" != "0" ]]; then
  say "loading the demo data (scale $DEMO_SCALE of one province; DEMO_SCALE=0 skips it)"
  node -r ./deploy/register-paths.js dist/libs/demo-data/bin/load-demo.js --scale "$DEMO_SCALE" --gateway http://127.0.0.1:3000 ||
    echo "start: the demo data did not load completely (see above); the system is running" >&2
fi

cat <<MSG

The job-fair platform is running:
  admin web UI         http://127.0.0.1:3000/
  API (one origin)     http://127.0.0.1:3000/api
  API documentation    http://127.0.0.1:3000/api/docs
  sign in              POST /api/auth/token {"username": "$ADMIN_USERNAME", "password": "$ADMIN_PASSWORD"}
  services             employers :3001, seekers :3002, fairs :3003, matcher :3004 (each with /health and /docs)
  Kafka                127.0.0.1:${KAFKA_PORT:-9092}    MongoDB  ${MONGODB_URI}
  logs                 .local/logs/system/<service>.log, .local/logs/kafka.log, .local/logs/mongo.log
Stop everything with: npm stop
MSG
