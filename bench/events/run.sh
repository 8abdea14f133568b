#!/usr/bin/env bash
# Event latency: the time from the SMTP 250 to the event, at a WebSocket client and at a webhook receiver, p50/p99 at
# 1, 10 and 100 messages per second; and events per second fanned out to 10 WebSocket connections.
# EventLatency.java (run as a single-file Java program, no dependencies) is the client: it sends over SMTP, listens on
# the WebSocket (java.net.http) and receives the webhooks (com.sun.net.httpserver) on 127.0.0.1.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/events/run.sh [--db h2|mysql]
#
# Settings (environment):
#   RATES="1 10 100"  SECONDS_PER_RATE=20  sending rates, and seconds of sending at each (at least 20 messages per rate)
#   FAN_OUT_MESSAGES=500           messages for the fan-out figure
#   WEBHOOK_POLL=100ms             the server's openmail.webhooks.poll-interval
#   MYSQL_HOST=127.0.0.1 MYSQL_PORT=3306 MYSQL_USER=root MYSQL_PASSWORD= MYSQL_DATABASE=om_bench_events (--db mysql;
#                                  the database is dropped and created anew)
#   JAVA_OPTS=""                   extra JVM options for the server
set -euo pipefail

db=h2
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db="${2:?--db needs h2 or mysql}"; shift 2 ;;
        --db=*) db="${1#--db=}"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/bootstrap/target/openmail-server.jar"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port="$(free_port)"
smtp_port="$(free_port)"
key="om_bench_events_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
admin="bench-admin-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

env_db=()
if [ "$db" = mysql ]; then
    name="${MYSQL_DATABASE:-om_bench_events}"
    mysql -h "${MYSQL_HOST:-127.0.0.1}" -P "${MYSQL_PORT:-3306}" -u "${MYSQL_USER:-root}" ${MYSQL_PASSWORD:+-p"$MYSQL_PASSWORD"} \
        -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name"
    env_db=(DATASOURCES_DEFAULT_URL="jdbc:mysql://${MYSQL_HOST:-127.0.0.1}:${MYSQL_PORT:-3306}/$name?useSSL=false&allowPublicKeyRetrieval=true"
            DATASOURCES_DEFAULT_USERNAME="${MYSQL_USER:-root}" DATASOURCES_DEFAULT_PASSWORD="${MYSQL_PASSWORD:-}")
fi

echo "== $(date -u +%FT%TZ)  db=$db  $(nproc) cores  load average:$(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$work" && env "${env_db[@]}" MICRONAUT_SERVER_PORT="$http_port" OPENMAIL_SMTP_PORT="$smtp_port" \
    OPENMAIL_BOOTSTRAP_API_KEY="$key" OPENMAIL_ADMIN_TOKEN="$admin" OPENMAIL_RATE_LIMIT_PER_SECOND=0 \
    OPENMAIL_WEBHOOK_ALLOW_PRIVATE_TARGETS=true OPENMAIL_WEBHOOKS_POLL_INTERVAL="${WEBHOOK_POLL:-100ms}" \
    OPENMAIL_SMTP_LIMIT_EXEMPT=127.0.0.1 \
    java ${JAVA_OPTS:-} -jar "$jar" > "$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$http_port/health" > /dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.1
done

java "$root/bench/events/EventLatency.java" "http://127.0.0.1:$http_port" "$smtp_port" "$key" "$admin" \
    "${RATES:-1 10 100}" "${SECONDS_PER_RATE:-20}" "${FAN_OUT_MESSAGES:-500}"
echo "== load average after:$(cut -d' ' -f1-3 /proc/loadavg)"
