#!/usr/bin/env bash
# Installs what `npm start` and the tests need on a fresh Debian 12 clone:
# the Debian packages (as root only), Node 24 into .tools/ when the system
# Node is older (npm registry, no root needed), then node_modules (npm ci).
# The same installer .ci/run uses (scripts/setup-env.sh). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-env.sh
source scripts/node24.sh
ix_node_is_24 || { echo "setup: installing Node 24 into .tools/ failed (is registry.npmjs.org reachable?)" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --prefer-offline
fi
if [ -n "$missing" ] && [ "$(id -u)" != 0 ]; then
  echo "setup: Debian packages missing (only root installs them): sudo bash scripts/setup.sh" >&2
  exit 1
fi
echo "== ready: npm start  (node $(node --version) on PATH after \`source scripts/setup-env.sh\`)"
