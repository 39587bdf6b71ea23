#!/usr/bin/env bash
# Installs Schemathesis (PyPI), the contract fuzz's driver, into .local/venv once (git-ignored, reused),
# for `npm test` (test/system/contract-fuzz.spec.ts) and `npm run fuzz:api`. Needs python3 with venv.
#   deploy/local/schemathesis.sh              prints the path of its `st`, installing it if needed
#   deploy/local/schemathesis.sh --installed  the same without installing: exit 1 and what to do when missing
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION=4.32.5
VENV="$ROOT/.local/venv"
ST="$VENV/bin/st"

# The stamp names the version a complete install holds; an interrupted one is installed again.
if [[ "$(cat "$VENV/.schemathesis" 2>/dev/null)" != "$VERSION" || ! -x "$ST" ]]; then
  if [[ "${1:-}" == --installed ]]; then
    echo "schemathesis: $VERSION is not installed in .local/venv: run 'bash deploy/local/schemathesis.sh' (npm test does it before jest)" >&2
    exit 1
  fi
  command -v python3 >/dev/null 2>&1 || { echo "schemathesis: python3 not found: apt-get install -y python3 python3-venv" >&2; exit 1; }
  echo "schemathesis: installing schemathesis $VERSION into .local/venv (pip, about 30 s the first time)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2 || { echo "schemathesis: python3 cannot make a venv: apt-get install -y python3-venv" >&2; exit 1; }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
  echo "$VERSION" >"$VENV/.schemathesis"
fi
echo "$ST"
