#!/usr/bin/env bash
# Read throughput of the HTTP API on the embedded default database: the fat jar on an empty data directory, one
# account with 50 pods, then wrk (Debian package `wrk`) against GET /v1/pods and GET /v1/pods/{clientId}, each for
# a fixed time after a warm-up. Prints requests per second and latency percentiles as wrk reports them.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/api-read.sh [seconds] [connections]
set -euo pipefail

seconds="${1:-15}"
connections="${2:-16}"
jar="$(cd "$(dirname "$0")/.." && pwd)/bootstrap/target/openmail-server.jar"
port="${PORT:-18080}"
base="http://127.0.0.1:$port"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d)"
(cd "$work" && exec env MICRONAUT_SERVER_PORT="$port" java -jar "$jar" >"$work/out.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    sleep 0.05
done
token="$(grep -o 'om_[A-Za-z0-9_-]*' "$work/out.log" | head -n 1)"
[ -n "$token" ] || { cat "$work/out.log" >&2; exit 1; }
auth="Authorization: Bearer $token"
for i in $(seq 1 50); do
    curl -sf -X POST "$base/v1/pods" -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"clientId\":\"tenant-$i\",\"name\":\"Tenant $i\"}" >/dev/null
done

echo "cores: $(nproc); connections: $connections; $seconds s per run after a ${seconds} s warm-up"
for path in /v1/pods /v1/pods/tenant-25; do
    wrk -t2 -c"$connections" -d"${seconds}s" -H "$auth" "$base$path" >/dev/null
    echo "== GET $path"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$auth" "$base$path" \
        | grep -E 'Requests/sec|Latency  |50%|90%|99%|Non-2xx|requests in'
done
