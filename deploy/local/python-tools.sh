#!/usr/bin/env bash
# Installs the tests' Python tools (PyPI, pinned) into .local/venv once (git-ignored, reused): Schemathesis,
# the contract fuzz's driver (test/system/contract-fuzz.spec.ts, `npm run fuzz:api`), and kubernetes-validate,
# which checks deploy/kubernetes against the Kubernetes schemas it ships (test/deploy/kubernetes.spec.ts, offline).
# Needs python3 with venv.
#   deploy/local/python-tools.sh [TOOL]              installs if needed; prints the path of TOOL (a venv program: st, kubernetes-validate, python)
#   deploy/local/python-tools.sh --installed [TOOL]  the same without installing: exit 1 and what to do when missing
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REQUIREMENTS="schemathesis==4.32.5 kubernetes-validate==1.37.0"
VENV="$ROOT/.local/venv"

CHECK_ONLY=0
if [[ "${1:-}" == --installed ]]; then CHECK_ONLY=1; shift; fi
TOOL="${1:-st}"

# The stamp names what a complete install holds; an interrupted or older one is installed again.
if [[ "$(cat "$VENV/.requirements" 2>/dev/null)" != "$REQUIREMENTS" || ! -x "$VENV/bin/python" ]]; then
  if [[ $CHECK_ONLY == 1 ]]; then
    echo "python-tools: $REQUIREMENTS are not installed in .local/venv: run 'bash deploy/local/python-tools.sh' (npm test does it before jest)" >&2
    exit 1
  fi
  command -v python3 >/dev/null 2>&1 || { echo "python-tools: python3 not found: apt-get install -y python3 python3-venv" >&2; exit 1; }
  echo "python-tools: installing $REQUIREMENTS into .local/venv (pip, about 30 s the first time)" >&2
  # pip keeps what is already there at the pinned version, so adding a tool does not reinstall the others.
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" >&2 || { echo "python-tools: python3 cannot make a venv: apt-get install -y python3-venv" >&2; exit 1; }
  # shellcheck disable=SC2086 # one word a requirement
  "$VENV/bin/pip" install --quiet --disable-pip-version-check $REQUIREMENTS >&2
  echo "$REQUIREMENTS" >"$VENV/.requirements"
fi
[[ -x "$VENV/bin/$TOOL" ]] || { echo "python-tools: .local/venv has no program '$TOOL'" >&2; exit 1; }
echo "$VENV/bin/$TOOL"
