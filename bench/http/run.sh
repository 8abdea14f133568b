#!/usr/bin/env bash
# HTTP API throughput on MySQL/MariaDB against a realistic data set, and the same SQL straight against the database.
#
# Starts the fat jar (JAR, default the built one) on MariaDB (127.0.0.1:3306; set up as root over the local socket),
# seeds 1,000 accounts, 100,000 pods and 1,000,000 inboxes (seed.sql; one account holds 10% of the inboxes, and the
# benchmark runs as that account), then for each scenario:
#   1. records the SQL one request sends (MariaDB's general log, filtered to the server's own database user), from a
#      second server on PORT+1 that uses client-side prepared statements so that the log holds their values;
#   2. drives the API with wrk at a fixed concurrency: warm-up, then a measured run (requests/s, p50, p99);
#   3. replays the recorded SQL with mysqlslap at the same concurrency, over TCP like the server's pool, and prints
#      requests/s of the API over requests/s of the database alone (one request = its recorded statements).
# The data set is seeded once and kept in database DB (default om_bench_http); --reseed drops and seeds it again;
# --seed-only stops after seeding.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/http/run.sh [--reseed] [--seed-only]
# Settings (environment): DURATION (s per measured run, default 20), WARMUP (s, default 10), CONNECTIONS (default 16),
# REPEAT (requests per mysqlslap client; default auto: about 10 s at the API's rate, at least 20), PORT (HTTP,
# default 18080; the recording server takes the next one). The servers' background pollers (outbox, webhooks,
# attachment text) are slowed to once an hour, so that the recorded SQL is only the request's.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${JAR:-$root/bootstrap/target/openmail-server.jar}"
db="${DB:-om_bench_http}"
user=om_bench
password=om_bench
key=om_bench_http_key_000000000000000001
duration="${DURATION:-20}"
warmup="${WARMUP:-10}"
connections="${CONNECTIONS:-16}"
repeat_setting="${REPEAT:-auto}"
port="${PORT:-18080}"
base="http://127.0.0.1:$port"
capture_port=$((port + 1))
capture_base="http://127.0.0.1:$capture_port"
auth="Authorization: Bearer $key"
reseed=false
seed_only=false
for arg in "$@"; do
    case "$arg" in
        --reseed) reseed=true ;;
        --seed-only) seed_only=true ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v mysqlslap >/dev/null || apt-get install -y mariadb-client >/dev/null
sql() { mariadb -uroot -N -B "$@"; }

work="$(mktemp -d)"
server=
servers=()
stop_server() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    servers=()
}
cleanup() {
    stop_server
    sql -e "SET GLOBAL general_log = OFF" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

seeded=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$db' AND table_name = 'inboxes'")
if [ "$seeded" = 1 ] && [ "$reseed" = false ]; then
    seeded=$(sql -e "SELECT COUNT(*) >= 1000000 FROM $db.inboxes")
fi
if [ "$seeded" != 1 ] || [ "$reseed" = true ]; then
    sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
    seeded=0
fi
sql -e "CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
        CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
        GRANT ALL ON $db.* TO '$user'@'127.0.0.1'; GRANT ALL ON $db.* TO '$user'@'localhost'"

# The measured server, and a second one on the next port that only answers the requests whose SQL is recorded: it
# uses client-side prepared statements, so that MariaDB's general log holds each statement with its values (the
# measured server's server-side prepared statements are logged with '?' in place of them). The statements are the same.
start_server() {
    local on_port="$1" url_options="$2"
    (cd "$work" && exec env MICRONAUT_SERVER_PORT="$on_port" OPENMAIL_SMTP_PORT=0 \
        DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:3306/$db$url_options" DATASOURCES_DEFAULT_USERNAME="$user" \
        DATASOURCES_DEFAULT_PASSWORD="$password" OPENMAIL_BOOTSTRAP_API_KEY="$key" \
        OPENMAIL_RATE_LIMIT_PER_SECOND=0 OPENMAIL_OUTBOX_POLL_INTERVAL=1h OPENMAIL_WEBHOOKS_POLL_INTERVAL=1h \
        OPENMAIL_EXTRACTION_POLL_INTERVAL=1h \
        java ${JAVA_OPTS:-} -jar "$jar" >"$work/server-$on_port.log" 2>&1) &
    servers+=($!)
    for _ in $(seq 1 3000); do
        curl -sf "http://127.0.0.1:$on_port/health" >/dev/null 2>&1 && return 0
        kill -0 "${servers[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    cat "$work/server-$on_port.log" >&2
    exit 1
}
start_server "$port" ""
server="${servers[0]}"
start_server "$capture_port" "?useServerPrepStmts=false"

echo "# bench/http, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "# java: $(java -version 2>&1 | head -n 1); database: $(sql -e 'SELECT VERSION()')"
if [ "$seeded" != 1 ]; then
    started=$(date +%s)
    sql "$db" -e "SET @bench_key = '$key'; SOURCE $here/seed.sql;" >/dev/null
    if [ "$(sql -e "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '$db'
                    AND table_name = 'pods' AND column_name = 'inbox_count'")" = 1 ]; then
        sql "$db" -e "SOURCE $here/seed-counts.sql;" >/dev/null
    fi
    echo "# seeded in $(( $(date +%s) - started )) s"
fi
echo "# data: $(sql "$db" -e "SELECT CONCAT((SELECT COUNT(*) FROM accounts), ' accounts, ', (SELECT COUNT(*) FROM pods),
    ' pods, ', (SELECT COUNT(*) FROM inboxes), ' inboxes; the bench account: ',
    (SELECT COUNT(*) FROM pods p JOIN api_keys k ON k.account_id = p.account_id WHERE k.token_hash = SHA2('$key', 256)),
    ' pods, ', (SELECT COUNT(*) FROM inboxes i JOIN api_keys k ON k.account_id = i.account_id
                WHERE k.token_hash = SHA2('$key', 256)), ' inboxes')")"
[ "$seed_only" = true ] && exit 0
echo "# load: wrk -t2 -c$connections, ${warmup} s warm-up then ${duration} s measured; mysqlslap -c$connections, $repeat_setting requests per client"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# One request of the scenario, sent before and while the general log records; prints its answer body.
capture() {
    local method="$1" path="$2" body="${3:-}"
    local args=(-s -X "$method" "$capture_base$path" -H "$auth")
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
    sql -e "SET GLOBAL log_output = 'TABLE'; TRUNCATE TABLE mysql.general_log; SET GLOBAL general_log = ON"
    curl "${args[@]}"
    sql -e "SET GLOBAL general_log = OFF"
}
captured_sql() {
    sql -r -e "SELECT argument FROM mysql.general_log WHERE command_type IN ('Query', 'Execute') AND user_host LIKE '$user[$user]%'"
}

printf '%-34s %10s %9s %9s %12s %8s %7s %7s\n' scenario api_req/s p50 p99 db_req/s api/db repeat non2xx
run() {
    local name="$1" script="$2" path="$3" slapfile="$4" per_request="${5:-1}" threads="${6:-2}"
    local args=(-t"$threads" -c"$connections" -H "$auth")
    [ -n "$script" ] && args+=(-s "$here/$script")
    wrk "${args[@]}" -d"${warmup}s" "$base$path" >/dev/null
    local out
    out=$(wrk "${args[@]}" -d"${duration}s" --latency "$base$path")
    local errors
    errors=$(awk '/Non-2xx/{print $5}' <<<"$out")
    errors="${errors:-0}"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
    rps=$(awk -v r="$rps" -v n="$per_request" 'BEGIN{printf "%.0f", r / n}')
    p50=$(awk '$1=="50%"{print $2}' <<<"$out")
    p99=$(awk '$1=="99%"{print $2}' <<<"$out")
    local repeat="$repeat_setting"
    [ "$repeat" = auto ] && repeat=$(awk -v r="$rps" -v c="$connections" 'BEGIN{n = int(r * 10 / c); print (n < 20 ? 20 : n)}')
    local block
    block=$(cat "$slapfile")
    for _ in $(seq 1 "$repeat"); do printf '%s\n' "$block"; done >"$slapfile.repeated"
    local slap seconds db_rps
    slap=$(mysqlslap -h127.0.0.1 -P3306 -u"$user" -p"$password" --create-schema="$db" --no-drop \
        --query="$slapfile.repeated" --delimiter=';' --concurrency="$connections" --iterations=1 2>&1)
    seconds=$(awk '/Average number of seconds to run all queries/{print $9}' <<<"$slap")
    [ -n "$seconds" ] || { echo "$slap" >&2; exit 1; }
    db_rps=$(awk -v c="$connections" -v r="$repeat" -v s="$seconds" 'BEGIN{printf "%.0f", c * r / s}')
    printf '%-34s %10s %9s %9s %12s %8s %7s %7s\n' "$name" "$rps" "$p50" "$p99" "$db_rps" \
        "$(awk -v a="$rps" -v d="$db_rps" 'BEGIN{printf "%.2f", a / d}')" "$repeat" "$errors"
}

# Read scenarios: the recorded SQL replays as it is.
read_scenario() {
    local name="$1" path="$2"
    # The key's last-used time is written at most once a minute, and a key read less than a second ago is not read
    # again: one request first, so that the recorded one does what nearly every measured request does.
    curl -sf "$capture_base$path" -H "$auth" >/dev/null
    capture GET "$path" >/dev/null
    captured_sql | python3 "$here/capture.py" "$work/slap.sql" 1 >"$work/count"
    echo "$name: $(cat "$work/count") statements per request:" >>"$work/statements"
    captured_sql | sed 's/^/    /' >>"$work/statements"
    run "$name" "" "$path" "$work/slap.sql"
}
read_scenario "GET pod by clientId" /v1/pods/tenant-5000
read_scenario "GET pod inboxes, first page" "/v1/inboxes?podId=tenant-1&limit=50"
read_scenario "GET pod inboxes, offset 45000" "/v1/inboxes?podId=tenant-1&limit=50&offset=45000"

# Create an inbox: the new inbox's id and address become fresh values in each replayed request. Values compared with
# ascii_bin columns get that collation, or MariaDB could not look them up in the index.
curl -sf "$capture_base/v1/pods/tenant-2" -H "$auth" >/dev/null   # the key, as above
answer=$(capture POST /v1/inboxes '{"podId":"tenant-2","displayName":"wrk"}')
inbox_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$answer")
address=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["address"])' <<<"$answer")
captured_sql | python3 "$here/capture.py" "$work/slap.sql" 1 \
    "i=$inbox_id:CONVERT(CONCAT('inb_', REPLACE(UUID(), '-', '')) USING ascii) COLLATE ascii_bin" \
    "a=$address:CONCAT(REPLACE(UUID(), '-', ''), '@openmail.localhost')" >"$work/count"
echo "POST inbox: $(cat "$work/count") statements per request:" >>"$work/statements"
captured_sql | sed 's/^/    /' >>"$work/statements"
run "POST inbox (pod tenant-2)" create-inbox.lua /v1/inboxes "$work/slap.sql"

# Create a pod and delete it: two requests per cycle.
client_id="capture-$(date +%s%N)"
curl -sf "$capture_base/v1/pods/tenant-2" -H "$auth" >/dev/null   # the key, as above
sql -e "SET GLOBAL log_output = 'TABLE'; TRUNCATE TABLE mysql.general_log; SET GLOBAL general_log = ON"
answer=$(curl -s -X POST "$capture_base/v1/pods" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"clientId\":\"$client_id\",\"name\":\"wrk\"}")
curl -s -X DELETE "$capture_base/v1/pods/$client_id" -H "$auth"
sql -e "SET GLOBAL general_log = OFF"
pod_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$answer")
captured_sql | python3 "$here/capture.py" "$work/slap.sql" 1 \
    "p=$pod_id:CONVERT(CONCAT('pod_', REPLACE(UUID(), '-', '')) USING ascii) COLLATE ascii_bin" \
    "c=$client_id:CONVERT(CONCAT('c', REPLACE(UUID(), '-', '')) USING ascii) COLLATE ascii_bin" >"$work/count"
echo "POST+DELETE pod: $(cat "$work/count") statements per cycle:" >>"$work/statements"
captured_sql | sed 's/^/    /' >>"$work/statements"
run "POST+DELETE pod (cycles)" pod-cycle.lua /v1/pods "$work/slap.sql" 2 "$connections"

echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# server RSS after the run: $(awk '{printf "%.0f MiB", $2 * 4096 / 1048576}' "/proc/$server/statm")"
echo "# statements recorded per request (what the database column replays):"
cat "$work/statements"
