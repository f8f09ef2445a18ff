#!/usr/bin/env bash
# `npm start [-- --cores N --batch B --tap ...]`: the cluster on this machine
# (scripts/start.ts), from a fresh clone too. A fresh Debian 12 has Node 20,
# which cannot run the .ts sources, so first install what is missing through
# scripts/setup-env.sh, the installer .ci/run uses (Debian packages as root;
# Node 24 from the npm registry into .tools/, no root needed), then
# node_modules (npm ci) when this clone has none. What cannot be installed
# (not root, no network) ends in one line on stderr naming the command to run.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
mkdir -p .ix
log=.ix/setup.log # the installers' own messages, for when something fails
source scripts/setup-env.sh 2>>"$log"
source scripts/node24.sh
if ! ix_node_is_24; then
  echo "npm start: needs Node >= 24 (the node on PATH is $(node --version 2>/dev/null || echo missing)) and installing it into .tools/ failed (see $log): run \`bash $root/scripts/setup.sh\` where registry.npmjs.org is reachable, or put Node 24 first on PATH" >&2
  exit 1
fi
# Debian installs nats-server (and ip, socat for --tap) in /usr/sbin, which a
# user's PATH often lacks.
case ":$PATH:" in *:/usr/sbin:*) ;; *) export PATH="$PATH:/usr/sbin:/sbin" ;; esac
if ! command -v nats-server >/dev/null; then
  echo "npm start: nats-server is not installed and only root can install it: run \`sudo bash $root/scripts/setup.sh\`" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ]; then
  echo "== npm ci (first start of this clone)"
  if ! npm ci --no-audit --no-fund --prefer-offline >>"$log" 2>&1; then
    echo "npm start: npm ci failed (see $log): run \`bash $root/scripts/setup.sh\` where registry.npmjs.org is reachable" >&2
    exit 1
  fi
fi
exec node scripts/start.ts "$@"
