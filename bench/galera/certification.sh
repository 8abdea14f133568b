#!/usr/bin/env bash
# The cost of certification: the same load, with no fault, on one MariaDB and on a three-node MariaDB Galera cluster.
#
# Runs the fat jar (JAR, default the built one) on one database at a time, one server process at a time, with the
# background pollers (outbox, webhooks, attachment text) slowed to once an hour as bench/http/run.sh does:
#   single  the system MariaDB on 127.0.0.1:3306 (root, empty password), database om_bench_cert dropped and created;
#   galera  the cluster of bench/galera/cluster.sh (127.0.0.1:3311-3313, user openmail), database om_bench_cert
#           dropped and created on node 1, the server on a Connector/J load-balanced URL over the three nodes with
#           wsrep_sync_wait=1 (reads wait until the node has applied every write it has seen committed elsewhere).
# Each round starts a fresh database and a fresh server (a bootstrap API key, OPENMAIL_BOOTSTRAP_API_KEY, and a pod
# tenant-2 created through the API), then measures three loads:
#   1. HTTP writes: POST /v1/inboxes into pod tenant-2 (bench/http/create-inbox.lua), wrk -t2 -c16: requests/s, p99;
#   2. HTTP reads:  GET /v1/pods/tenant-2, wrk -t2 -c16: requests/s;
#   3. SMTP:        Postfix's smtp-source, 10 KB messages (-l 10240), 2,000 messages over 8 sessions into one new
#                   inbox: messages stored per second (the count stored is read through the API afterwards, as
#                   bench/smtp/run.sh does; our server answers 250 only once the message is stored).
# Each wrk run follows an unmeasured warm-up of WARMUP seconds; the SMTP load follows 200 unmeasured messages.
# Rounds alternate single, galera, single, galera (ROUNDS=2 pairs); a figure in the table is the mean over the rounds
# of its database, the rounds one by one are printed below it. Also printed: wrk's non-2xx answers and socket errors,
# the messages not stored, and for each Galera node the deltas of wsrep_local_cert_failures (local transactions that
# failed certification) and wsrep_local_bf_aborts (local transactions aborted by a replicated one) over each load.
# The inbound checks (SPF, DKIM, DMARC) look up bench/smtp/dns.py on loopback (SPF pass for 127.0.0.0/8, a DMARC
# record), so they never wait on the network.
#
# Run by hand, as root, with the cluster up (bench/galera/cluster.sh start):
#
#   ./mvnw -B -q -o -pl bootstrap -am package -DskipTests && bench/galera/certification.sh
#
# Settings (environment): ROUNDS (pairs single+galera, default 2), DURATION (s per measured wrk run, default 20),
# WARMUP (s, default 10), CONNECTIONS (default 16), MESSAGES (default 2000), SESSIONS (default 8), PORT (HTTP, default
# 18380; SMTP PORT+1), JAR, JAVA_OPTS, CLUSTER_WAIT (s to wait for the three nodes to be Synced when they are not, e.g.
# while a fault test restarts one, before `cluster.sh start` is run; default 300).
# Both bench databases are dropped at the end; the cluster is left running.
set -euo pipefail
shopt -s inherit_errexit

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${JAR:-$root/bootstrap/target/openmail-server.jar}"
rounds="${ROUNDS:-2}"
duration="${DURATION:-20}"
warmup="${WARMUP:-10}"
connections="${CONNECTIONS:-16}"
messages="${MESSAGES:-2000}"
sessions="${SESSIONS:-8}"
port="${PORT:-18380}"
smtp_port=$((port + 1))
cluster_wait="${CLUSTER_WAIT:-300}"
db=om_bench_cert
key=om_bench_cert_key_00000000000000000001
auth="Authorization: Bearer $key"
base="http://127.0.0.1:$port"
sender="bench@example.com"
helo="bench-client.localhost"
galera_url="jdbc:mysql:loadbalance://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/$db?useSSL=false&allowPublicKeyRetrieval=true&sessionVariables=wsrep_sync_wait=1&loadBalanceBlocklistTimeout=5000&connectTimeout=2000"
galera_ports=(3311 3312 3313)

die() { echo "bench/galera/certification.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (cluster.sh needs it)"
[ -f "$jar" ] || die "build the jar first: ./mvnw -B -q -o -pl bootstrap -am package -DskipTests"
for tool in wrk jq curl mariadb /usr/sbin/smtp-source; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install wrk jq curl mariadb-client postfix)"
done

single_sql() { mariadb --no-defaults -h127.0.0.1 -P3306 -uroot -N -B "$@"; }
node_sql() { # port, mariadb arguments
    local p="$1"; shift
    MYSQL_PWD=openmail mariadb --no-defaults -h127.0.0.1 -P"$p" -uopenmail --connect-timeout=3 -N -B "$@"
}

work="$(mktemp -d /tmp/om-bench-cert.XXXXXX)"
server=""
dns=""
stop_server() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    server=""
}
cleanup() {
    stop_server
    if [ -n "$dns" ]; then kill "$dns" 2>/dev/null || true; wait "$dns" 2>/dev/null || true; fi
    single_sql -e "DROP DATABASE IF EXISTS $db" 2>/dev/null || echo "note: could not drop $db on 3306" >&2
    node_sql 3311 -e "DROP DATABASE IF EXISTS $db" 2>/dev/null || echo "note: could not drop $db on node 1" >&2
    rm -rf "$work"
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------------------------- cluster
cluster_ready() {
    local deadline=$(( $(date +%s) + cluster_wait ))
    until bash "$here/cluster.sh" status >/dev/null 2>&1; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "the cluster is not Synced after ${cluster_wait} s: bench/galera/cluster.sh start" >&2
            bash "$here/cluster.sh" start >&2
            return
        fi
        sleep 2
    done
}

# "cert bf" of every node, in node order, on one line
wsrep_counters() {
    local p
    for p in "${galera_ports[@]}"; do
        node_sql "$p" -e "SELECT MAX(IF(variable_name = 'WSREP_LOCAL_CERT_FAILURES', variable_value, NULL)),
                MAX(IF(variable_name = 'WSREP_LOCAL_BF_ABORTS', variable_value, NULL))
            FROM information_schema.global_status
            WHERE variable_name IN ('WSREP_LOCAL_CERT_FAILURES', 'WSREP_LOCAL_BF_ABORTS')" | tr '\t' ' ' \
            || echo "? ?"
    done | tr '\n' ' '
}
# the deltas of two wsrep_counters lines: "n1cert/n1bf n2cert/n2bf n3cert/n3bf"
wsrep_delta() {
    awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " ");
        for (i = 1; i <= n; i += 2) printf "%s%d/%d", (i > 1 ? " " : ""), y[i] - x[i], y[i + 1] - x[i + 1] }'
}

# ------------------------------------------------------------------------------------------------------- server
# The inbound checks' DNS: SPF passes for loopback, DMARC published, every other name NXDOMAIN at once.
python3 "$root/bench/smtp/dns.py" 0 "${sender#*@}=v=spf1 ip4:127.0.0.0/8 -all" "$helo=v=spf1 ip4:127.0.0.0/8 -all" \
    "_dmarc.${sender#*@}=v=DMARC1; p=reject" >"$work/dns.log" 2>&1 &
dns=$!
dns_port=""
for _ in $(seq 1 100); do
    dns_port="$(head -n 1 "$work/dns.log")"
    [ -n "$dns_port" ] && break
    sleep 0.05
done
[ -n "$dns_port" ] || { cat "$work/dns.log" >&2; die "bench/smtp/dns.py did not start"; }

# a copy: a build running meanwhile may rewrite the jar under the running server
cp "$jar" "$work/openmail-server.jar"

fresh_database() { # single|galera
    if [ "$1" = single ]; then
        single_sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4"
    else
        node_sql 3311 -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4"
    fi
}

start_server() { # single|galera
    local env=(MICRONAUT_SERVER_PORT="$port" OPENMAIL_SMTP_PORT="$smtp_port" OPENMAIL_SMTP_LIMIT_EXEMPT=127.0.0.1
        OPENMAIL_DNS_SERVER="127.0.0.1:$dns_port" OPENMAIL_BOOTSTRAP_API_KEY="$key" OPENMAIL_RATE_LIMIT_PER_SECOND=0
        OPENMAIL_RATE_LIMIT_ACCOUNT_PER_SECOND=0 OPENMAIL_DEFAULT_INBOX_LIMIT=1000000
        OPENMAIL_OUTBOX_POLL_INTERVAL=1h OPENMAIL_WEBHOOKS_POLL_INTERVAL=1h OPENMAIL_EXTRACTION_POLL_INTERVAL=1h)
    if [ "$1" = single ]; then
        env+=(DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:3306/$db" DATASOURCES_DEFAULT_USERNAME=root
              DATASOURCES_DEFAULT_PASSWORD=)
    else
        env+=(DATASOURCES_DEFAULT_URL="$galera_url" DATASOURCES_DEFAULT_USERNAME=openmail
              DATASOURCES_DEFAULT_PASSWORD=openmail)
    fi
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    (cd "$work" && exec env "${env[@]}" java ${JAVA_OPTS:-} -Dmicronaut.server.host=127.0.0.1 \
        -Dopenmail.smtp.bind-address=127.0.0.1 -jar "$work/openmail-server.jar" >"$work/server-$1.log" 2>&1) &
    server=$!
    for _ in $(seq 1 1200); do
        curl -sf "$base/health" >/dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || { tail -50 "$work/server-$1.log" >&2; die "the server stopped while starting"; }
        sleep 0.1
    done
    curl -sf "$base/health" >/dev/null || { tail -50 "$work/server-$1.log" >&2; die "the server is not healthy"; }
    local status
    status="$(curl -s -o "$work/pod.json" -w '%{http_code}' -X POST "$base/v1/pods" -H "$auth" \
        -H 'Content-Type: application/json' -d '{"clientId":"tenant-2","name":"bench"}')"
    [ "$status" = 201 ] || { cat "$work/pod.json" >&2; die "creating pod tenant-2 answered $status"; }
}

# ------------------------------------------------------------------------------------------------------- loads
# wrk_run PATH [SCRIPT] -> result=(requests/s p99 non2xx socket_errors)
wrk_run() {
    local args=(-t2 -c"$connections" -H "$auth")
    [ -n "${2:-}" ] && args+=(-s "$2")
    wrk "${args[@]}" -d"${warmup}s" "$base$1" >/dev/null
    local out
    out="$(wrk "${args[@]}" -d"${duration}s" --latency "$base$1")"
    echo "$out" >>"$work/wrk.log"
    local rps p99 non2xx errors
    rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
    errors="$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")"
    result=("$rps" "$p99" "${non2xx:-0}" "${errors:-0}")
}

new_inbox() { # mailbox name -> "id address"
    curl -sf -X POST "$base/v1/inboxes" -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"mailboxName\":\"$1\"}" | jq -r '.id + " " + .address'
}
stored() { curl -sf "$base/v1/inboxes/$1/messages?limit=1" -H "$auth" | jq -r '.total'; }
# -A: go on after a reply that is not positive, so that refused messages show as not stored
smtp_send() { # address count
    /usr/sbin/smtp-source -A -d -s "$sessions" -m "$2" -l 10240 -f "$sender" -t "$1" -M "$helo" \
        "127.0.0.1:$smtp_port" >"$work/source.log" 2>&1
}

# smtp_run ROUND -> result=(stored/s stored)
smtp_run() {
    local id address t0 t1 count
    read -r _ address <<<"$(new_inbox "warmup-$1")"
    [ -n "$address" ] || die "could not create the warm-up inbox"
    smtp_send "$address" 200 || echo "note: the SMTP warm-up failed: $(tail -2 "$work/source.log")" >&2
    read -r id address <<<"$(new_inbox "bench-$1")"
    [ -n "$address" ] || die "could not create the inbox"
    t0="$(date +%s%N)"
    smtp_send "$address" "$messages" || echo "note: smtp-source: $(tail -2 "$work/source.log" | tr '\n' ' ')" >&2
    t1="$(date +%s%N)"
    count="$(stored "$id")"
    result=("$(awk -v n="$count" -v ns=$((t1 - t0)) 'BEGIN {printf "%.1f", n / (ns / 1e9)}')" "$count")
}

# p99 of wrk ("12.34ms", "1.20s", "850.00us") in ms
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000;
        printf "%.1f", n }'
}

# ------------------------------------------------------------------------------------------------------- main
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
cluster_ready
echo "# bench/galera/certification.sh, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "# java: $(java -version 2>&1 | head -n 1); single: MariaDB $(single_sql -e 'SELECT VERSION()') on 3306;" \
     "galera: 3 nodes $(node_sql 3311 -e "SELECT VERSION()"), wsrep_provider $(node_sql 3311 -e "SHOW STATUS LIKE 'wsrep_provider_version'" | cut -f2)"
echo "# load: wrk -t2 -c$connections ${warmup} s warm-up + ${duration} s; smtp-source -d -s$sessions -l10240, 200 warm-up + $messages messages; $rounds round(s) per database, alternating"
echo "# load average before: $load_before"
echo

declare -A sum count
rows=()
deltas=()
for ((r = 1; r <= rounds; r++)); do
    for target in single galera; do
        [ "$target" = galera ] && cluster_ready
        fresh_database "$target"
        start_server "$target"
        load1="$(cut -d' ' -f1 /proc/loadavg)"
        echo "round $r $target: started; load average $load1" >&2
        w0="$(wsrep_counters)"
        wrk_run /v1/inboxes "$root/bench/http/create-inbox.lua"; write=("${result[@]}")
        w1="$(wsrep_counters)"
        wrk_run /v1/pods/tenant-2; read_=("${result[@]}")
        w2="$(wsrep_counters)"
        smtp_run "$r"; smtp=("${result[@]}")
        w3="$(wsrep_counters)"
        stop_server
        p99="$(to_ms "${write[1]}")"
        rows+=("$(printf '%-6s %2s %5s | %9s %9s %6s %5s | %9s %6s %5s | %8s %6s' "$target" "$r" "$load1" "${write[0]}" \
            "$p99" "${write[2]}" "${write[3]}" "${read_[0]}" "${read_[2]}" "${read_[3]}" "${smtp[0]}" "${smtp[1]}")")
        [ "$target" = galera ] && deltas+=("$(printf '%2s | %-26s | %-26s | %-26s' "$r" "$(wsrep_delta "$w0" "$w1")" \
            "$(wsrep_delta "$w1" "$w2")" "$(wsrep_delta "$w2" "$w3")")")
        for pair in "write:${write[0]}" "p99:$p99" "read:${read_[0]}" "smtp:${smtp[0]}"; do
            sum[$target.${pair%%:*}]=$(awk -v a="${sum[$target.${pair%%:*}]:-0}" -v b="${pair#*:}" 'BEGIN {print a + b}')
        done
        count[$target]=$(( ${count[$target]:-0} + 1 ))
        echo "round $r $target: ${rows[-1]}" >&2
    done
done

mean() { awk -v s="${sum[$1.$2]}" -v n="${count[$1]}" -v f="$3" 'BEGIN {printf f, s / n}'; }
line() { # label key format
    local s g
    s="$(mean single "$2" "$3")"; g="$(mean galera "$2" "$3")"
    printf '| %-50s | %14s | %16s | %13s |\n' "$1" "$s" "$g" "$(awk -v a="$g" -v b="$s" 'BEGIN {printf "%.2f", a / b}')"
}
printf '| %-50s | %14s | %16s | %13s |\n' load "single MariaDB" "Galera (3 nodes)" "Galera/single"
echo "|----------------------------------------------------|----------------|------------------|---------------|"
line "HTTP POST /v1/inboxes, req/s (c$connections)" write "%.0f"
line "HTTP POST /v1/inboxes, p99 ms" p99 "%.1f"
line "HTTP GET /v1/pods/{clientId}, req/s (c$connections)" read "%.0f"
line "SMTP 10 KB x $messages over $sessions sessions, stored/s" smtp "%.1f"
echo
echo "rounds one by one (load: 1-min load average when the round's server had started; non2xx and sock: wrk's"
echo "non-2xx answers and socket errors; stored: messages counted in the inbox, of $messages):"
printf '%-6s %2s %5s | %9s %9s %6s %5s | %9s %6s %5s | %8s %6s\n' db r load post/s p99ms non2xx sock get/s non2xx sock smtp/s stored
printf '%s\n' "${rows[@]}"
echo
echo "Galera nodes, wsrep_local_cert_failures/wsrep_local_bf_aborts deltas per load, warm-up included (node1 node2 node3):"
printf '%2s | %-26s | %-26s | %-26s\n' r "POST inboxes" "GET pod" "SMTP"
printf '%s\n' "${deltas[@]}"
echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
