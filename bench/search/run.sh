#!/usr/bin/env bash
# Search latency on MariaDB: 100,000 messages in one account (10 inboxes of 10,000), the query shapes of the search
# syntax, each sent REQUESTS times in a row (after 5 warm-up requests) to GET /v1/search (account key) and to one
# inbox's GET /v1/inboxes/{id}/messages?q=; prints p50 and p99 per shape and route, and the number of matches.
#
# Starts the fat jar (JAR, default the built one) on MariaDB (127.0.0.1:3306; set up as root over the local socket),
# which creates the schema and the bench account, then seeds seed.sql into database DB (default om_bench_search),
# dropped and made again on every run. Takes about 3 to 5 minutes on 2 cores.
#
#   ./mvnw -B -q -o -pl bootstrap -am package -DskipTests && bench/search/run.sh
# Settings (environment): REQUESTS (per shape and route, default 200), PORT (HTTP, default 18081).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${JAR:-$root/bootstrap/target/openmail-server.jar}"
db="${DB:-om_bench_search}"
user=om_bench
password=om_bench
key=om_bench_search_key_0000000000000001
requests="${REQUESTS:-200}"
port="${PORT:-18081}"
base="http://127.0.0.1:$port"

[ -f "$jar" ] || { echo "build the jar first: ./mvnw -B -q -o -pl bootstrap -am package -DskipTests" >&2; exit 1; }
sql() { mariadb -uroot -N -B "$@"; }

work="$(mktemp -d)"
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db;
        CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
        CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
        GRANT ALL ON $db.* TO '$user'@'127.0.0.1'; GRANT ALL ON $db.* TO '$user'@'localhost'"

(cd "$work" && exec env MICRONAUT_SERVER_PORT="$port" OPENMAIL_SMTP_PORT=0 \
    DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:3306/$db" DATASOURCES_DEFAULT_USERNAME="$user" \
    DATASOURCES_DEFAULT_PASSWORD="$password" OPENMAIL_BOOTSTRAP_API_KEY="$key" \
    OPENMAIL_RATE_LIMIT_PER_SECOND=0 OPENMAIL_OUTBOX_POLL_INTERVAL=1h \
    java ${JAVA_OPTS:-} -jar "$jar" >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 3000); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done

echo "# bench/search, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "# java: $(java -version 2>&1 | head -n 1); database: $(sql -e 'SELECT VERSION()')"
started=$(date +%s)
sql "$db" -e "SET @bench_key = '$key'; SOURCE $here/seed.sql;" >/dev/null
echo "# seeded in $(( $(date +%s) - started )) s: $(sql "$db" -e "SELECT CONCAT((SELECT COUNT(*) FROM messages),
    ' messages in ', (SELECT COUNT(*) FROM inboxes), ' inboxes, ', (SELECT COUNT(*) FROM attachments), ' attachments')")"
echo "# $requests sequential requests per line over one keep-alive connection, after 5 warm-up requests; pages of 50"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 "$here/drive.py" "$port" "$key" "inb_$(printf '%026d' 1)" "$requests"
echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
