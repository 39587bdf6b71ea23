#!/usr/bin/env bash
# `npm stop`: the services (gracefully: they leave their consumer groups and flush their outboxes), then Kafka and MongoDB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
node deploy/local/services.js stop --port-offset "${SYSTEM_PORT_OFFSET:-0}" --tag "${SYSTEM_TAG:-system}"
# Servers named by KAFKA_BROKERS / MONGODB_URI are not ours to stop; a test run's servers stay for the test run.
if [[ -z "${KAFKA_BROKERS:-}${MONGODB_URI:-}" ]] && ! node deploy/local/services.js running --tag test >/dev/null; then
  bash deploy/local/infra.sh stop
fi
