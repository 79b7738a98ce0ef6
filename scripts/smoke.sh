#!/usr/bin/env bash
# Starts the whole system as a newcomer would (`npm start`, embedded PostgreSQL, fresh data directory),
# asks the gateway for providers, and stops it. Prints the time to a ready gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
export KINGA_DATA_DIR
KINGA_DATA_DIR="$(mktemp -d)"
log="$KINGA_DATA_DIR/start.out"
# Ports of its own: another Kinga on this machine (a developer's, a benchmark's on 4000-4004) must not fail it.
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
export PORT DIRECTORY_PORT CASES_PORT REFERRALS_PORT PROGRAMMES_PORT EMBEDDED_POSTGRES_PORT
PORT=$(free_port) DIRECTORY_PORT=$(free_port) CASES_PORT=$(free_port) REFERRALS_PORT=$(free_port)
PROGRAMMES_PORT=$(free_port) EMBEDDED_POSTGRES_PORT=$(free_port)
started=$(date +%s.%N)
# Its own process group, so that Ctrl-C reaches npm, the launcher and every process it started, as in a terminal.
setsid npm start > "$log" 2>&1 &
pid=$!
cleanup() {
  kill -INT -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 -- "-$pid" 2>/dev/null; then
    echo "smoke: processes still running after Ctrl-C; killing them"
    kill -KILL -- "-$pid" 2>/dev/null || true
    status=1
  fi
  rm -rf "$KINGA_DATA_DIR"
  exit "${status:-0}"
}
status=0
trap 'status=$?; cleanup' EXIT
for _ in $(seq 1 180); do
  grep -q 'Kinga is ready' "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start exited before the gateway was ready"; exit 1; fi
  sleep 1
done
grep -q 'Kinga is ready' "$log" || { cat "$log"; echo "the gateway was not ready within 180 s"; exit 1; }
ready=$(date +%s.%N)
grep 'Kinga is ready' "$log"
response=$(curl -s "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ serviceProviders(filter: {county: \"003\", services: [PSYCHOSOCIAL_SUPPORT]}, first: 10) { edges { node { name phone agency { name } county { name } } } } }"}')
echo "$response" | head -c 600; echo
echo "$response" | grep -q '"county":{"name":"Kilifi"}' || { echo "the gateway did not return Kilifi providers"; exit 1; }
printf 'smoke: npm start to a ready gateway in %.1f s (including the build check)\n' "$(echo "$ready - $started" | bc)"
