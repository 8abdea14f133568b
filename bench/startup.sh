#!/usr/bin/env bash
# Measures the fat jar on the embedded default database: time from `java -jar` to a healthy /health answer, and the
# resident memory of the idle server right after. Each run starts on an empty data directory of its own, so it includes
# creating the schema and the first account.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/startup.sh [runs]
set -euo pipefail

runs="${1:-5}"
jar="$(cd "$(dirname "$0")/.." && pwd)/bootstrap/target/openmail-server.jar"
port="${PORT:-18080}"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }

printf '%-4s %12s %12s %14s\n' run ready_ms micronaut_ms rss_idle_mib
for run in $(seq 1 "$runs"); do
    work="$(mktemp -d)"
    start=$(date +%s%N)
    (cd "$work" && exec env MICRONAUT_SERVER_PORT="$port" java -jar "$jar" >"$work/out.log" 2>&1) &
    pid=$!
    ready=false
    for _ in $(seq 1 600); do
        if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then ready=true; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    end=$(date +%s%N)
    if [ "$ready" != true ]; then
        cat "$work/out.log" >&2
        kill "$pid" 2>/dev/null || true
        exit 1
    fi
    java_pid=$(pgrep -f "java -jar $jar" | head -n 1)
    rss_kib=$(ps -o rss= -p "$java_pid" | tr -d ' ')
    micronaut_ms=$(grep -o 'Startup completed in [0-9]*ms' "$work/out.log" | grep -o '[0-9]*' || echo '?')
    printf '%-4s %12d %12s %14.1f\n' "$run" $(( (end - start) / 1000000 )) "$micronaut_ms" "$(awk -v k="$rss_kib" 'BEGIN{print k/1024}')"
    kill "$java_pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$work"
done
