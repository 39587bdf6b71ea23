#!/usr/bin/env bash
# `npm stop`: the services (gracefully: they leave their consumer groups and flush their outboxes), then Kafka and MongoDB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
node deploy/local/services.js stop
bash deploy/local/infra.sh stop
