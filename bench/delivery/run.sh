#!/usr/bin/env bash
# Outgoing delivery throughput: our direct delivery against Postfix relaying the same stream, to the same fake mail
# exchanger, at 1, 10 and 100 recipient domains.
#   - The fake mail exchanger is Postfix's smtp-sink on 127.0.0.1:$SINK_PORT: it answers 250 to everything, counts
#     messages (-c) and dumps each to a file (-d, on a tmpfs), which the script reads afterwards to check how many
#     messages and recipient domains arrived.
#   - bench/delivery/dns.py is the DNS server: d<N>.bench.test has MX mx.d<N>.bench.test, whose A is 127.0.0.1; every
#     other name (_mta-sts.*, ...) is NXDOMAIN at once. It prints how many questions of each kind it answered.
#   - Ours ("ours"): the fat jar on an empty temp data directory (embedded H2), with no relay, so that the outbox
#     delivers every message to its domain's MX itself (OPENMAIL_DNS_SERVER at dns.py, OPENMAIL_DELIVERY_PORT at the
#     sink, OPENMAIL_DELIVERY_ALLOW_PRIVATE_TARGETS=true, all send caps off). bench/delivery/send.py sends the messages
#     through POST /v1/inboxes/{id}/send, CONCURRENCY at a time, from one new inbox per cell: message i to
#     user<i>@d<i mod D>.bench.test, a plain-text body of BODY_BYTES bytes. Sending and delivering run at once, in one
#     JVM, so the time is the slower of the two.
#   - The outbox alone ("queued"): a second server, on a data directory of its own per cell, started without its
#     outbox worker (OPENMAIL_OUTBOX_ENABLED=false), takes DRAIN_WARMUP messages (10 domains) and then the cell's
#     messages; it is stopped and started again on the same data with its worker, which delivers the warm-up first
#     (the outbox is served oldest first) and then the cell's messages. Timed from the moment the sink has the warm-up
#     until it has everything: delivery alone, without the API's work on the same two cores.
#   - Postfix: the machine's Postfix (Debian package) takes the same stream over SMTP on 127.0.0.1:$POSTFIX_PORT and
#     relays it to the sink. The stream comes from bench/delivery/smtp_feed.py: CONCURRENCY sessions, each kept open
#     and sending to every domain in turn, message i to user<i>@d<i mod D>.bench.test with the same body as send.py's:
#     the same pattern and client language as ours gets. FEEDER=smtp-source uses Postfix's smtp-source instead, which
#     takes one recipient per run: each of the CONCURRENCY sessions then runs one smtp-source -d per domain it sends
#     to, so the number of SMTP connections grows with the domains (8 at 1 domain, 200 at 100) and the feed, not
#     Postfix, slows down as they grow.
#     Postfix resolves through the system resolver, which cannot be pointed at dns.py's port without changing the
#     whole machine's DNS, so it does not look up MX records here: transport_maps sends every *.bench.test domain to
#     smtp:[127.0.0.1]:$SINK_PORT. That spares Postfix the DNS round trips ours makes (an MX, an A, an AAAA and an
#     MTA-STS TXT lookup for each message: ours caches no answers), and puts all domains behind one next hop, so
#     Postfix's per-destination concurrency (smtp_destination_concurrency_limit, 20 by default) applies to the stream
#     as a whole where ours opens at most OPENMAIL_DELIVERY_CONNECTIONS_PER_DOMAIN per domain and delivers
#     OPENMAIL_OUTBOX_PARALLEL messages at once. Everything else is Postfix as Debian ships it ("Local only").
#   - Optional "relay": ours again, handing everything to the sink as its relay (OPENMAIL_SMTP_RELAY_HOST), which
#     shows what direct delivery costs over the relay path.
# Each cell measures from the first message sent until the sink has counted all of them ("deliv/s"; "queued": see
# above), and the rate sends were accepted ("acc/s": the API's 2xx answers over send.py's run; for Postfix, 250
# answers over the feed's run). Ours gets an unmeasured warm-up of WARMUP messages over 10 domains first (JIT),
# Postfix a tenth.
#
# Run by hand, as root (it installs postfix, jq and curl when missing, configures and starts the system Postfix, and
# puts Postfix's configuration back and leaves it running or stopped as it was when it ends, also when interrupted:
# then once the step under way, a send or a feed, has ended):
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/delivery/run.sh
#
# Settings (environment):
#   MESSAGES=2000  DOMAINS="1 10 100"   messages per cell, and the cells (numbers of recipient domains)
#   TARGETS="ours queued postfix"       any of ours, queued, postfix, relay (in the order given)
#   CONCURRENCY=8                       parallel API requests (ours), SMTP sessions (Postfix)
#   FEEDER=python                       python (smtp_feed.py) or smtp-source: what feeds Postfix
#   BODY_BYTES=2048                     body of each message
#   WARMUP=1000                         unmeasured messages sent through ours first (Postfix gets a tenth)
#   DRAIN_WARMUP=500                    the "queued" server's warm-up, delivered before its timed messages
#   OUTBOX_PARALLEL=8  CONNECTIONS_PER_DOMAIN=8  POLL_INTERVAL=2s
#                                       our OPENMAIL_OUTBOX_PARALLEL, OPENMAIL_DELIVERY_CONNECTIONS_PER_DOMAIN and
#                                       OPENMAIL_OUTBOX_POLL_INTERVAL
#   POSTFIX_PORT=25  SINK_PORT=(free port from 12625)
#   DELIVERY_TIMEOUT=600                seconds a cell may take before it is reported as FAIL
#   JAVA_OPTS=""                        extra JVM options for our server
#   JAR=bootstrap/target/openmail-server.jar   the server to measure
set -euo pipefail
shopt -s inherit_errexit

case "${1:-}" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac

messages="${MESSAGES:-2000}"
domains_list="${DOMAINS:-1 10 100}"
targets="${TARGETS:-ours queued postfix}"
concurrency="${CONCURRENCY:-8}"
body_bytes="${BODY_BYTES:-2048}"
warmup="${WARMUP:-1000}"
drain_warmup="${DRAIN_WARMUP:-500}"
feeder="${FEEDER:-python}"
outbox_parallel="${OUTBOX_PARALLEL:-8}"
per_domain="${CONNECTIONS_PER_DOMAIN:-8}"
poll_interval="${POLL_INTERVAL:-2s}"
pf_port="${POSTFIX_PORT:-25}"
delivery_timeout="${DELIVERY_TIMEOUT:-600}"
java_opts="${JAVA_OPTS:-}"
sender="bench@openmail.localhost"
helo="bench-client.localhost"

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/delivery"
jar="${JAR:-$root/bootstrap/target/openmail-server.jar}"
wants() { case " $targets " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
die() { echo "bench/delivery/run.sh: $*" >&2; exit 1; }
now_ns() { date +%s%N; }
for target in $targets; do
    case "$target" in ours|queued|postfix|relay) ;; *) die "unknown target $target (ours, queued, postfix, relay)" ;; esac
done
case "$feeder" in python|smtp-source) ;; *) die "FEEDER is python or smtp-source, not $feeder" ;; esac

# ---------------------------------------------------------------------------------------------------------- tools
[ "$(id -u)" = 0 ] || die "run as root: it installs and configures the system Postfix"
if wants ours || wants queued || wants relay; then
    [ -f "$jar" ] || die "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests"
fi
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "$@" >/tmp/om-bench-apt.log 2>&1 \
        || { apt-get update -q >>/tmp/om-bench-apt.log 2>&1 && apt-get install -y -q "$@" >>/tmp/om-bench-apt.log 2>&1; } \
        || { cat /tmp/om-bench-apt.log >&2; die "apt-get install $* failed"; }
}
if [ ! -x /usr/sbin/smtp-sink ] || [ ! -x /usr/sbin/smtp-source ] || ! command -v postfix >/dev/null; then
    echo "installing postfix (Local only) ..." >&2
    debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string $(hostname)
EOF
    apt_install postfix
fi
for tool in jq curl; do command -v "$tool" >/dev/null || apt_install "$tool"; done
# the interpreter itself, not a version manager's shim: helpers start in milliseconds
python="$(python3 -c 'import sys; print(sys.executable)')"

free_port() {
    local port=$1
    while ss -Htln "sport = :$port" | grep -q . ; do port=$((port + 1)); done
    echo "$port"
}
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { if (ns > 0 && n > 0) printf "%.1f", n / (ns / 1e9); else printf "-" }'; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }

work="$(mktemp -d /tmp/om-bench-delivery.XXXXXX)"
chmod 711 "$work"   # the sink runs as nobody and writes its dumps below
dns=""; sink=""; servers=(); waiter=""
pf_backup="$work/postfix-etc"
pf_touched=false; pf_was_running=false
cleanup() {
    set +e
    local pid
    if [ -n "$waiter" ]; then kill "$waiter" 2>/dev/null; wait "$waiter" 2>/dev/null; fi
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    if [ "$pf_touched" = true ]; then postfix_restore; fi
    if [ -n "$sink" ]; then kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null; fi
    if [ -n "$dns" ]; then kill "$dns" 2>/dev/null; wait "$dns" 2>/dev/null; fi
    rm -rf "$work" "$dumps"
}
dumps="$(mktemp -d /dev/shm/om-bench-delivery.XXXXXX)"
trap cleanup EXIT
trap 'exit 130' INT TERM   # so that the cleanup runs on these too

# --------------------------------------------------------------------------------------------- DNS and the sink
python_ready() { # FILE PID -> first line once written
    local line=""
    for _ in $(seq 1 200); do
        line="$(head -n 1 "$1" 2>/dev/null || true)"
        [ -n "$line" ] && { echo "$line"; return 0; }
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}
"$python" "$here/dns.py" 0 >"$work/dns.out" 2>"$work/dns.err" &
dns=$!
dns_port="$(python_ready "$work/dns.out" "$dns")" || { cat "$work/dns.err" >&2; die "dns.py did not start"; }

sink_port="${SINK_PORT:-$(free_port 12625)}"
chown nobody "$dumps"
/usr/sbin/smtp-sink -u nobody -c -d "$dumps/current/m." "127.0.0.1:$sink_port" 256 >"$work/sink.out" 2>"$work/sink.err" &
sink=$!
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$sink_port") 2>/dev/null && break
    kill -0 "$sink" 2>/dev/null || { cat "$work/sink.err" >&2; die "smtp-sink did not start"; }
    sleep 0.05
done
sink_count() { "$python" "$here/sink.py" count "$work/sink.out"; }
# sink_wait_start TARGET... -> starts the waiter in the background ($waiter), its output in $work/wait.out
waiting=0
sink_wait_start() {
    "$python" "$here/sink.py" wait "$work/sink.out" "$delivery_timeout" "$@" >"$work/wait.out" &
    waiter=$!; waiting=$#
}
# sink_wait_end -> result=(count ns|- ...), one time for each target
sink_wait_end() {
    wait "$waiter" || true
    read -r -a result <"$work/wait.out" || true
    if [ "${#result[@]}" != $((waiting + 1)) ]; then
        result=("$(sink_count)"); for _ in $(seq 1 "$waiting"); do result+=(-); done
    fi
}
# sink_collect NAME -> "messages/domains" found in the dumps since the last call (then deleted)
sink_collect() {
    local files domains
    files="$(find "$dumps/current" -type f 2>/dev/null | wc -l)"
    domains="$(find "$dumps/current" -type f -exec grep -h -m1 '^X-Rcpt-Args:' {} + 2>/dev/null \
        | sed 's/.*@//; s/>.*//' | sort -u | wc -l)"
    rm -rf "$dumps/current"
    echo "$files/$domains"
}

# --------------------------------------------------------------------------------------------------------- Postfix
spool="$(postconf -h queue_directory)"
postfix_setup() {
    postfix status >/dev/null 2>&1 && pf_was_running=true
    mkdir -p "$pf_backup"
    cp -p /etc/postfix/main.cf /etc/postfix/master.cf "$pf_backup/"
    pf_touched=true
    # every bench.test domain to the sink, as the only next hop (see the top of this file)
    postconf -e "inet_interfaces = loopback-only" \
        "transport_maps = inline:{ .bench.test=smtp:[127.0.0.1]:$sink_port }" \
        "content_filter =" "smtpd_milters =" "non_smtpd_milters =" "always_bcc ="
    # no syslog daemon here: Postfix logs to a file of its own
    [ -n "$(postconf -h maillog_file)" ] || postconf -e "maillog_file = /var/log/postfix.log"
    if [ "$pf_port" != 25 ]; then
        postconf -Me "127.0.0.1:$pf_port/inet = 127.0.0.1:$pf_port inet n - y - - smtpd"
    fi
    if [ "$pf_was_running" = true ]; then postfix stop >/dev/null 2>&1; sleep 1; fi
    # what Debian's service unit does first: copies resolv.conf and friends into the chroot of smtpd
    if [ -x /usr/lib/postfix/configure-instance.sh ]; then /usr/lib/postfix/configure-instance.sh - >/dev/null 2>&1 || true; fi
    postfix start >/dev/null 2>&1 || die "postfix start failed: see postfix check; tail $(postconf -h maillog_file)"
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$pf_port") 2>/dev/null && return 0
        sleep 0.1
    done
    die "Postfix does not listen on 127.0.0.1:$pf_port"
}
postfix_restore() {
    # mail for bench.test still queued (a failed run) is deleted, nothing else
    if postfix status >/dev/null 2>&1; then
        postqueue -j 2>/dev/null \
            | jq -r 'select(any(.recipients[]; .address | endswith(".bench.test"))) | .queue_id' 2>/dev/null \
            | postsuper -d - >/dev/null 2>&1
        postfix stop >/dev/null 2>&1
    fi
    cp -p "$pf_backup/main.cf" "$pf_backup/master.cf" /etc/postfix/
    if [ "$pf_was_running" = true ]; then postfix start >/dev/null 2>&1 || echo "note: Postfix did not start again" >&2; fi
    pf_touched=false
}
postfix_queue_empty() {
    [ -z "$(find "$spool/maildrop" "$spool/incoming" "$spool/active" "$spool/deferred" "$spool/hold" -type f \
        -print -quit 2>/dev/null)" ]
}
# postfix_feed COUNT DOMAINS -> 0 when every message was answered 250. Message i of the stream goes to domain
# d<i mod DOMAINS>, in session i mod CONCURRENCY; each session sends its messages one domain after the other, one
# smtp-source -d (a single connection) per domain.
postfix_feed() {
    local count=$1 domains=$2 lane
    if [ "$feeder" = python ]; then
        "$python" "$here/smtp_feed.py" "127.0.0.1:$pf_port" "$count" "$domains" "$concurrency" "$body_bytes" \
            "$sender" "$helo" >"$work/source.0.log" 2>&1
        return
    fi
    awk -v m="$count" -v d="$domains" -v c="$concurrency" 'BEGIN {
        for (k = 0; k < c; k++) {
            n = 0; delete seen; delete order
            for (i = k; i < m; i += c) { dom = i % d; if (!(dom in seen)) { order[n++] = dom; seen[dom] = 0 } seen[dom]++ }
            for (j = 0; j < n; j++) print k, order[j], seen[order[j]]
        }
    }' >"$work/plan"
    local pids=()
    for ((lane = 0; lane < concurrency; lane++)); do
        (
            awk -v k="$lane" '$1 == k { print $2, $3 }' "$work/plan" | while read -r dom n; do
                /usr/sbin/smtp-source -d -s 1 -m "$n" -l "$body_bytes" -f "$sender" -t "user@d$dom.bench.test" \
                    -M "$helo" -S "Benchmark message" "127.0.0.1:$pf_port" >>"$work/source.$lane.log" 2>&1 || exit 1
            done
        ) &
        pids+=($!)
    done
    local ok=0 pid
    for pid in "${pids[@]}"; do wait "$pid" || ok=1; done
    return $ok
}

# ------------------------------------------------------------------------------------------------------ our server
key="om_bench_delivery_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
declare -A base_of pid_of
# ours_start NAME MODE DIR: starts a server called NAME on data directory DIR; MODE direct (no relay: direct
# delivery), relay (the sink as relay) or held (direct, but no outbox worker: sends stay queued). -> base_of[NAME]
ours_start() {
    local name=$1 mode=$2 dir=$3 http_port smtp_port
    http_port="$(free_port 18280)"
    smtp_port="$(free_port 12725)"
    mkdir -p "$dir"
    local env=(MICRONAUT_SERVER_PORT="$http_port" OPENMAIL_SMTP_PORT="$smtp_port" OPENMAIL_BOOTSTRAP_API_KEY="$key"
        OPENMAIL_RATE_LIMIT_PER_SECOND=0 OPENMAIL_RATE_LIMIT_ACCOUNT_PER_SECOND=0
        OPENMAIL_DNS_SERVER="127.0.0.1:$dns_port"
        OPENMAIL_SEND_BURST_PER_MINUTE=0 OPENMAIL_SEND_DAILY_PER_INBOX=0
        OPENMAIL_COLD_PER_INBOX_NEW=0 OPENMAIL_COLD_PER_ACCOUNT_NEW=0 OPENMAIL_COLD_PER_ACCOUNT=0
        OPENMAIL_OUTBOX_PARALLEL="$outbox_parallel" OPENMAIL_OUTBOX_POLL_INTERVAL="$poll_interval"
        OPENMAIL_DELIVERY_CONNECTIONS_PER_DOMAIN="$per_domain")
    case "$mode" in
        direct) env+=(OPENMAIL_DELIVERY_PORT="$sink_port" OPENMAIL_DELIVERY_ALLOW_PRIVATE_TARGETS=true) ;;
        held) env+=(OPENMAIL_DELIVERY_PORT="$sink_port" OPENMAIL_DELIVERY_ALLOW_PRIVATE_TARGETS=true
                    OPENMAIL_OUTBOX_ENABLED=false) ;;
        relay) env+=(OPENMAIL_SMTP_RELAY_HOST=127.0.0.1 OPENMAIL_SMTP_RELAY_PORT="$sink_port") ;;
    esac
    # a copy: a build running meanwhile may rewrite the jar under the running server
    [ -f "$dir/openmail-server.jar" ] || cp "$jar" "$dir/openmail-server.jar"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    (cd "$dir" && exec env "${env[@]}" java $java_opts -Dmicronaut.server.host=127.0.0.1 \
        -Dopenmail.smtp.bind-address=127.0.0.1 -jar "$dir/openmail-server.jar" >>"$dir/server.log" 2>&1) &
    local pid=$! base="http://127.0.0.1:$http_port"
    servers+=("$pid")
    pid_of[$name]=$pid
    for _ in $(seq 1 1200); do
        curl -sf "$base/health" >/dev/null 2>&1 && break
        kill -0 "$pid" 2>/dev/null || { tail -50 "$dir/server.log" >&2; die "our server ($name) stopped while starting"; }
        sleep 0.1
    done
    curl -sf "$base/health" >/dev/null || { tail -50 "$dir/server.log" >&2; die "our server ($name) is not healthy"; }
    base_of[$name]="$base"
}
ours_stop() { # NAME
    local pid=${pid_of[$1]}
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local left=() p
    for p in "${servers[@]}"; do [ "$p" = "$pid" ] || left+=("$p"); done
    servers=("${left[@]}")
}
ours_inbox() { # NAME MAILBOX -> inbox id
    curl -sf -X POST "${base_of[$1]}/v1/inboxes" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -d "{\"mailboxName\":\"$2\"}" | jq -r '.id'
}
# ours_send NAME INBOX COUNT DOMAINS RUN -> sent=(accepted refused first_ns last_ns); 1 when any was refused
ours_send() {
    local ok=0
    "$python" "$here/send.py" "${base_of[$1]}" "$key" "$2" "$3" "$4" "$concurrency" "$body_bytes" "$5" \
        >"$work/send.out" 2>"$work/send.err" || ok=1
    read -r -a sent <"$work/send.out" || die "send.py: $(cat "$work/send.err")"
    [ "$ok" = 0 ] || echo "$1, $4 domains: $(head -c 400 "$work/send.err")" >&2
    return $ok
}

# -------------------------------------------------------------------------------------------------------- one cell
# Each sets result=(msgs secs deliv/s acc/s got/dom): messages delivered, seconds from the first sent to the last
# delivered, their rate, the rate sends were accepted, and the sink's check; FAIL where it failed.

# run_ours NAME DOMAINS COUNT RUN: sending and delivering at once
run_ours() {
    local name=$1 domains=$2 count=$3 run=$4 id
    id="$(ours_inbox "$name" "$run")"
    [ -n "$id" ] && [ "$id" != null ] || die "could not create inbox $run"
    local base; base="$(sink_count)"
    sink_wait_start $((base + count))
    local ok=true
    ours_send "$name" "$id" "$count" "$domains" "$run" || ok=false
    local accepted=${sent[0]} refused=${sent[1]} first=${sent[2]} last=${sent[3]}
    if [ "$refused" != 0 ]; then  # what was refused never reaches the sink: wait for what was accepted
        kill "$waiter" 2>/dev/null || true; wait "$waiter" 2>/dev/null || true
        sink_wait_start $((base + accepted))
    fi
    sink_wait_end
    local delivered=$(( result[0] - base )) done_ns=${result[1]}
    local check; check="$(sink_collect)"
    local acc; acc="$(rate "$accepted" $((last - first)))"
    [ "$ok" = true ] || acc=FAIL
    if [ "$done_ns" = - ]; then
        echo "$name, $domains domains: $delivered of $accepted delivered after $delivery_timeout s" >&2
        result=("$delivered" - FAIL "$acc" "$check"); return
    fi
    result=("$delivered" "$(seconds $((done_ns - first)))" "$(rate "$delivered" $((done_ns - first)))" "$acc" "$check")
}

# run_queued DOMAINS COUNT RUN: the outbox alone. A server without its outbox worker takes DRAIN_WARMUP messages
# (10 domains) and then COUNT messages (DOMAINS domains); it is stopped and started again on the same data with its
# worker, which delivers the warm-up first (they were queued first) and then the COUNT, timed from the moment the
# sink has the warm-up to the moment it has all. "acc/s" is the rate the COUNT sends were accepted with no delivery
# running.
run_queued() {
    local domains=$1 count=$2 run=$3 dir="$work/queued-d$1" id
    rm -rf "$dir"
    ours_start held held "$dir"
    id="$(ours_inbox held "$run")"
    [ -n "$id" ] && [ "$id" != null ] || die "could not create inbox $run"
    ours_send held "$id" "$drain_warmup" 10 "$run-warmup" || die "queued, $domains domains: warm-up sends refused"
    local warm=$drain_warmup ok=true
    ours_send held "$id" "$count" "$domains" "$run" || ok=false
    local accepted=${sent[0]} acc; acc="$(rate "${sent[0]}" $((sent[3] - sent[2])))"
    [ "$ok" = true ] || acc=FAIL
    ours_stop held
    local base; base="$(sink_count)"
    sink_wait_start $((base + warm)) $((base + warm + accepted))
    ours_start queued direct "$dir"
    sink_wait_end
    local delivered=$(( result[0] - base - warm )) from_ns=${result[1]} done_ns=${result[2]}
    ours_stop queued
    local check; check="$(sink_collect)"
    if [ "$done_ns" = - ] || [ "$from_ns" = - ]; then
        echo "queued, $domains domains: $delivered of $accepted delivered after $delivery_timeout s" >&2
        result=("$delivered" - FAIL "$acc" "$check"); return
    fi
    result=("$delivered" "$(seconds $((done_ns - from_ns)))" "$(rate "$delivered" $((done_ns - from_ns)))" "$acc" \
        "$check")
}

# run_postfix DOMAINS COUNT
run_postfix() {
    local domains=$1 count=$2
    local base; base="$(sink_count)"
    rm -f "$work"/source.*.log
    sink_wait_start $((base + count))
    local t0 t1 ok=true
    t0="$(now_ns)"
    postfix_feed "$count" "$domains" || ok=false
    t1="$(now_ns)"
    if [ "$ok" != true ]; then
        kill "$waiter" 2>/dev/null || true
        echo "postfix, $domains domains: the feed failed: $(cat "$work"/source.*.log | tail -3 | tr '\n' ' ')" >&2
    fi
    sink_wait_end
    local delivered=$(( result[0] - base )) done_ns=${result[1]}
    local check; check="$(sink_collect)"
    postqueue -p 2>/dev/null | grep -q 'Mail queue is empty' || echo "Postfix: the queue is not empty after the cell" >&2
    if [ "$ok" != true ] || [ "$done_ns" = - ]; then
        result=("$delivered" - FAIL FAIL "$check"); return
    fi
    result=("$delivered" "$(seconds $((done_ns - t0)))" "$(rate "$delivered" $((done_ns - t0)))" \
        "$(rate "$count" $((t1 - t0)))" "$check")
}

# ----------------------------------------------------------------------------------------------------------- main
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
wants postfix && postfix_setup
wants ours && ours_start ours direct "$work/ours"
wants relay && ours_start relay relay "$work/relay"

echo "== Direct delivery: ours vs Postfix, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
echo "java:     $(java -version 2>&1 | head -n 1)${java_opts:+ ($java_opts)}"
echo "sink:     smtp-sink -c -d on 127.0.0.1:$sink_port (dumps on tmpfs); DNS: bench/delivery/dns.py on 127.0.0.1:$dns_port"
if wants ours || wants queued || wants relay; then
    echo "ours:     $(basename "$jar") on H2; OUTBOX_PARALLEL=$outbox_parallel DELIVERY_CONNECTIONS_PER_DOMAIN=$per_domain" \
        "OUTBOX_POLL_INTERVAL=$poll_interval, send caps off; send.py, $concurrency requests at a time, one new inbox per cell"
fi
wants postfix && echo "postfix:  $(postconf -h mail_version) on 127.0.0.1:$pf_port, transport_maps .bench.test ->" \
    "smtp:[127.0.0.1]:$sink_port, smtp_destination_concurrency_limit=$(postconf -xh smtp_destination_concurrency_limit);" \
    "fed by $([ "$feeder" = python ] && echo smtp_feed.py || echo "smtp-source -d"), $concurrency sessions"
echo "stream:   $messages messages per cell, message i to user<i>@d<i mod D>.bench.test, body $body_bytes bytes"
echo "load:     before $load_before (1/5/15 min)"

for name in ours relay; do
    if wants "$name"; then
        echo "warm-up:  $name, $warmup messages over 10 domains, not measured ..." >&2
        run_ours "$name" 10 "$warmup" "warmup-$name"
        [ "${result[0]}" = "$warmup" ] || die "warm-up ($name): ${result[0]} of $warmup delivered"
    fi
done
if wants postfix; then
    run_postfix 10 $(( warmup / 10 + 1 ))
    [ "${result[0]}" = $(( warmup / 10 + 1 )) ] || die "Postfix warm-up: ${result[0]} delivered"
fi

echo
printf '%7s  %-8s %6s %7s %8s %8s %9s %8s\n' domains target msgs secs deliv/s acc/s got/dom "÷postfix"
for domains in $domains_list; do
    declare -A row=()
    for target in $targets; do
        case "$target" in
            ours|relay) run_ours "$target" "$domains" "$messages" "$target-d$domains" ;;
            queued) run_queued "$domains" "$messages" "queued-d$domains" ;;
            postfix) run_postfix "$domains" "$messages" ;;
        esac
        row[$target]="${result[*]}"
    done
    for target in $targets; do
        read -r -a cell <<<"${row[$target]}"
        shown="-"
        if wants postfix && [ "$target" != postfix ]; then
            read -r -a pf <<<"${row[postfix]}"
            shown="$(ratio "${cell[2]}" "${pf[2]}")"
        fi
        printf '%7s  %-8s %6s %7s %8s %8s %9s %8s\n' "$domains" "$target" "${cell[@]}" "$shown"
    done
done
echo
echo "msgs: messages the sink received; secs: from the first one sent until the sink had them all (queued: from the"
echo "sink having the warm-up until it had them all); deliv/s: msgs/secs; acc/s: sends answered 2xx per second of"
echo "send.py's run (queued: with no delivery running; Postfix: 250 answers per second of the feed's run); got/dom:"
echo "messages dumped by the sink / distinct recipient domains among them; ÷postfix > 1: faster than Postfix."
echo "done:     $(date -u '+%H:%M:%S UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$dns" 2>/dev/null && wait "$dns" 2>/dev/null; dns=""
grep -h 'answered' "$work/dns.err" | sed 's/^/dns:      /' || true
if awk -v cores="$(nproc)" -v before="${load_before%% *}" '{ exit !(before > cores || $2 > 2 * cores) }' /proc/loadavg; then
    echo "note:     load before $load_before, 5-min load now $(cut -d' ' -f2 /proc/loadavg) on $(nproc) cores:" \
        "other work shared the machine, the figures are noisy"
fi
