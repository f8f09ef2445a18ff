#!/usr/bin/env bash
# The same memcached USR sweep against three servers, plotted together:
#   1. kernel-loopback  Debian's memcached on 127.0.0.1, kernel TCP (the reference)
#   2. ix-tap           the cluster through its TAP: kernel TCP inside `ip netns exec ix`
#                       (needs root and a running `npm start -- --tap`; skipped otherwise)
#   3. ix-nats-l2       the cluster through the nats-l2 transport (no privileges). Uses
#                       IX_NATS_URL/USER/PASSWORD (a "host" user) when set, otherwise
#                       starts its own cluster with scripts/with-cluster.ts.
# Results: results/usr-sweep-<case>.json and results/usr-sweep.svg (repo root); the
# plot shows every case's latest JSON in OUT, including ones from earlier runs.
# Cases 2 and 3 against one fresh cluster with a TAP (root):
#   node services/loadgen/scripts/with-cluster.ts --tap -- env CASES="tap nats-l2" bash $0
# Knobs (environment): SLO_US START FACTOR MAX DURATION WARMUP CONNECTIONS DEPTH KEYS
#                      CASES ("loopback tap nats-l2"), NS (ix), OUT (results).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
CLI="$ROOT/services/loadgen/src/cli.ts"
OUT="${OUT:-$ROOT/results}"
NS="${NS:-ix}"
CASES="${CASES:-loopback tap nats-l2}"
SERVER_IP=10.77.0.2
SWEEP=(--workload usr --mode sweep
  --sweep-start "${START:-1000}" --sweep-factor "${FACTOR:-1.5}" --sweep-max "${MAX:-200000}"
  --duration "${DURATION:-2}" --warmup "${WARMUP:-0.5}" --connections "${CONNECTIONS:-16}"
  --depth "${DEPTH:-4}" --keys "${KEYS:-10000}" --slo-us "${SLO_US:-2000}" --quiet)
mkdir -p "$OUT"
plotted=()

summary() { # file -> one line
  node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
    console.log(`${process.argv[2]}: maxRateUnderSlo ${r.maxRateUnderSlo ?? "none"} req/s (p99 <= ${r.sloUs} us), stopped by ${r.stoppedBy}, steps ${r.steps.length}`)' "$1" "$2"
}

for c in $CASES; do
  case "$c" in
  loopback)
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    memcached -l 127.0.0.1 -p "$port" -U 0 -u root &
    mc=$!
    trap 'kill $mc 2>/dev/null || true' EXIT
    for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
    f="$OUT/usr-sweep-kernel-loopback.json"
    node "$CLI" --server "127.0.0.1:$port" "${SWEEP[@]}" --json "$f"
    kill "$mc"; wait "$mc" 2>/dev/null || true
    trap - EXIT
    ;;
  tap)
    if [ "$(id -u)" != 0 ] || ! ip netns list 2>/dev/null | grep -qw "^$NS"; then
      echo "usr-sweep: skipping tap (needs root and \`npm start -- --tap\` running: namespace $NS)" >&2
      continue
    fi
    f="$OUT/usr-sweep-ix-tap.json"
    ip netns exec "$NS" node "$CLI" --server "$SERVER_IP:11211" "${SWEEP[@]}" --json "$f"
    ;;
  nats-l2)
    f="$OUT/usr-sweep-ix-nats-l2.json"
    run=(node "$CLI" --server "$SERVER_IP:11211" --transport nats-l2 "${SWEEP[@]}" --ceiling off --json "$f")
    if [ -n "${IX_NATS_URL:-}" ]; then "${run[@]}"
    else node "$ROOT/services/loadgen/scripts/with-cluster.ts" -- "${run[@]}"; fi
    ;;
  *) echo "usr-sweep: unknown case $c" >&2; exit 2 ;;
  esac
  summary "$f" "$c"
done

# Plot every case's latest result in $OUT, so cases may run separately (the
# loopback reference is best measured with no cluster running).
for f in "$OUT"/usr-sweep-{kernel-loopback,ix-tap,ix-nats-l2}.json; do [ -f "$f" ] && plotted+=("$f"); done
[ ${#plotted[@]} -gt 0 ] || { echo "usr-sweep: nothing ran" >&2; exit 1; }
node "$CLI" plot "${plotted[@]}" --out "$OUT/usr-sweep.svg"
echo "usr-sweep: wrote $OUT/usr-sweep.svg"
