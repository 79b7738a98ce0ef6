#!/usr/bin/env bash
# Starts the whole system as a newcomer would (`npm start`, embedded PostgreSQL, fresh data directory),
# asks the gateway for providers, and stops it. Prints the time to a ready gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
export KINGA_DATA_DIR
KINGA_DATA_DIR="$(mktemp -d)"
log="$KINGA_DATA_DIR/start.out"
started=$(date +%s.%N)
npm start > "$log" 2>&1 &
pid=$!
cleanup() {
  kill -INT "$pid" 2>/dev/null || true
  pkill -INT -P "$pid" 2>/dev/null || true
  sleep 2
  pkill -f "$KINGA_DATA_DIR" 2>/dev/null || true
  rm -rf "$KINGA_DATA_DIR"
}
trap cleanup EXIT
for _ in $(seq 1 180); do
  grep -q 'Kinga is ready' "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start exited before the gateway was ready"; exit 1; fi
  sleep 1
done
grep -q 'Kinga is ready' "$log" || { cat "$log"; echo "the gateway was not ready within 180 s"; exit 1; }
ready=$(date +%s.%N)
grep 'Kinga is ready' "$log"
response=$(curl -s http://127.0.0.1:4000/graphql -H 'content-type: application/json' \
  -d '{"query":"{ serviceProviders(filter: {county: \"003\", services: [PSYCHOSOCIAL_SUPPORT]}, first: 10) { edges { node { name phone agency { name } county { name } } } } }"}')
echo "$response" | head -c 600; echo
echo "$response" | grep -q '"county":{"name":"Kilifi"}' || { echo "the gateway did not return Kilifi providers"; exit 1; }
printf 'smoke: npm start to a ready gateway in %.1f s (including the build check)\n' "$(echo "$ready - $started" | bc)"
