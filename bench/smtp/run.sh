#!/usr/bin/env bash
# SMTP receiving throughput, ours against Debian's Postfix, side by side in one run. Postfix's own load generator
# smtp-source sends the same stream (same sizes, counts, sessions, sender) to
#   - the fat jar on an empty temp data directory (embedded H2, or MariaDB with --db mysql), into one new inbox per cell;
#   - the machine's Postfix on 127.0.0.1:$POSTFIX_PORT, delivering with local(8) into the Maildir of a local user.
# For each message size and number of concurrent sessions it prints messages per second answered 250 ("acc/s", the
# time smtp-source took) and messages per second stored ("sto/s": stored messages over the time from the first
# connection until the last one is stored), and the ratio ours/Postfix. Ours answers 250 only once the message is
# stored, so both figures are the same for it, and the count stored is checked through the API afterwards; Postfix
# answers 250 once the message is in its queue, so its clock runs on until the queue is empty, and the count stored is
# the number of files in the Maildir.
#
# Run by hand, as root (it installs postfix, jq and curl when missing, and configures and starts the system Postfix):
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/smtp/run.sh [--db h2|mysql]
#
# Settings (environment):
#   MESSAGES_10K=10000 MESSAGES_1M=500   messages per cell for each size (10 KB = 10240 bytes, 1 MB = 1048576 bytes of
#                                       body, smtp-source -l; its few header lines come on top)
#   SIZES="10k 1m"  SESSIONS="1 8 32"   the cells
#   TARGETS="ours postfix"              leave one out to measure only the other
#   WARMUP_10K=1000 WARMUP_1M=50        unmeasured messages sent to each server first (Postfix gets a tenth)
#   PER_MESSAGE_CONNECTION=0            1: a new connection for every message (smtp-source without -d)
#   POSTFIX_PORT=25 POSTFIX_USER=ombench POSTFIX_DOMAIN=bench.localhost POSTFIX_MAILBOX=maildir|mbox
#   JAR=bootstrap/target/openmail-server.jar  the server jar (another build, to compare two)
#   JAVA_OPTS=""                        extra JVM options for our server
#   AUTH_DNS=system                     where our server's inbound authentication (SPF, DKIM, DMARC: always on for mail
#                                       from an SMTP client) looks its records up: "system", the machine's resolver
#                                       (OPENMAIL_DNS_SERVER unset); "local", bench/smtp/dns.py on 127.0.0.1, which
#                                       publishes for the sender's domain an SPF record passing 127.0.0.0/8 and a DMARC
#                                       record (p=reject), and answers every other name at once with NXDOMAIN, so the
#                                       checks run in full (SPF pass, DMARC pass by SPF alignment; DKIM none, since
#                                       smtp-source does not sign) without waiting on the network; "empty", the same
#                                       server with no records (SPF, DKIM and DMARC none: the cheapest the checks get)
#   JFR=""                              a file name: records our server with JFR (settings=profile) over the measured
#                                       cells only, from after the warm-up to the end (jcmd JFR.start / JFR.stop); it
#                                       holds the untimed count check after each cell too (GET .../messages?limit=1)
#   MYSQL_HOST=127.0.0.1 MYSQL_PORT=3306 MYSQL_USER=root MYSQL_PASSWORD= MYSQL_DATABASE=om_bench_smtp (--db mysql;
#                                       the database is dropped and created anew)
set -euo pipefail
shopt -s inherit_errexit

db=h2
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db="${2:?--db needs h2 or mysql}"; shift 2 ;;
        --db=*) db="${1#--db=}"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$db" in h2|mysql) ;; *) echo "--db is h2 or mysql, not $db" >&2; exit 2 ;; esac

messages_10k="${MESSAGES_10K:-10000}"
messages_1m="${MESSAGES_1M:-500}"
sizes="${SIZES:-10k 1m}"
sessions_list="${SESSIONS:-1 8 32}"
targets="${TARGETS:-ours postfix}"
warmup_10k="${WARMUP_10K:-1000}"
warmup_1m="${WARMUP_1M:-50}"
per_message_connection="${PER_MESSAGE_CONNECTION:-0}"
pf_port="${POSTFIX_PORT:-25}"
pf_user="${POSTFIX_USER:-ombench}"
pf_domain="${POSTFIX_DOMAIN:-bench.localhost}"
pf_mailbox="${POSTFIX_MAILBOX:-maildir}"
java_opts="${JAVA_OPTS:-}"
auth_dns="${AUTH_DNS:-system}"
case "$auth_dns" in system|local|empty) ;; *) echo "AUTH_DNS is system, local or empty, not $auth_dns" >&2; exit 2 ;; esac
jfr_file="${JFR:-}"
mysql_host="${MYSQL_HOST:-127.0.0.1}"
mysql_port="${MYSQL_PORT:-3306}"
mysql_user="${MYSQL_USER:-root}"
mysql_password="${MYSQL_PASSWORD:-}"
mysql_database="${MYSQL_DATABASE:-om_bench_smtp}"
sender="bench@example.com"
helo="bench-client.localhost"

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${JAR:-$root/bootstrap/target/openmail-server.jar}"
wants() { case " $targets " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
die() { echo "bench/smtp/run.sh: $*" >&2; exit 1; }
bytes_of() { case "$1" in 10k) echo 10240 ;; 1m) echo 1048576 ;; *) die "unknown size $1 (10k or 1m)" ;; esac; }
count_of() { case "$1" in 10k) echo "$messages_10k" ;; 1m) echo "$messages_1m" ;; esac; }
label_of() { case "$1" in 10k) echo "10 KB" ;; 1m) echo "1 MB" ;; esac; }
now_ns() { date +%s%N; }

# ---------------------------------------------------------------------------------------------------------- tools
[ "$(id -u)" = 0 ] || die "run as root: it installs and configures the system Postfix"
wants ours && { [ -f "$jar" ] || die "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests"; }
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "$@" >/tmp/om-bench-apt.log 2>&1 \
        || { apt-get update -q >>/tmp/om-bench-apt.log 2>&1 && apt-get install -y -q "$@" >>/tmp/om-bench-apt.log 2>&1; } \
        || { cat /tmp/om-bench-apt.log >&2; die "apt-get install $* failed"; }
}
if [ ! -x /usr/sbin/smtp-source ] || ! command -v postfix >/dev/null; then
    echo "installing postfix (Local only) ..." >&2
    debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string $(hostname)
EOF
    apt_install postfix
fi
for tool in jq curl; do command -v "$tool" >/dev/null || apt_install "$tool"; done
[ "$db" = mysql ] && { command -v mysql >/dev/null || apt_install mariadb-client; }

# --------------------------------------------------------------------------------------------------------- Postfix
spool="$(postconf -h queue_directory)"
pf_home="$(getent passwd "$pf_user" | cut -d: -f6 || true)"
pf_started_here=false
postfix_setup() {
    if [ -z "$pf_home" ]; then
        useradd -m -s /usr/sbin/nologin "$pf_user"
        pf_home="$(getent passwd "$pf_user" | cut -d: -f6)"
    fi
    local before after destinations
    before="$(postconf -n; postconf -M)"
    destinations="$(postconf -h mydestination)"
    case ", $destinations," in *", $pf_domain,"*|*" $pf_domain,"*) ;; *) destinations="$destinations, $pf_domain" ;; esac
    local limit; limit="$(postconf -h message_size_limit)"
    [ "$limit" != 0 ] && [ "$limit" -lt 52428800 ] && limit=52428800
    # Local only: no relaying, no filters, the mailbox unbounded, messages up to 50 MB.
    postconf -e "inet_interfaces = loopback-only" "mydestination = $destinations" \
        "message_size_limit = $limit" "mailbox_size_limit = 0" \
        "content_filter =" "smtpd_milters =" "non_smtpd_milters =" "always_bcc =" \
        "home_mailbox = $([ "$pf_mailbox" = maildir ] && echo Maildir/)"
    # no syslog daemon here: Postfix logs to a file of its own
    [ -n "$(postconf -h maillog_file)" ] || postconf -e "maillog_file = /var/log/postfix.log"
    if [ "$pf_port" != 25 ]; then
        postconf -Me "127.0.0.1:$pf_port/inet = 127.0.0.1:$pf_port inet n - y - - smtpd"
    fi
    after="$(postconf -n; postconf -M)"
    if postfix status >/dev/null 2>&1; then
        if [ "$before" != "$after" ]; then postfix stop >/dev/null 2>&1; sleep 1; else return 0; fi
    else
        pf_started_here=true
    fi
    # what Debian's service unit does first: copies resolv.conf and friends into the chroot of smtpd
    if [ -x /usr/lib/postfix/configure-instance.sh ]; then /usr/lib/postfix/configure-instance.sh - >/dev/null 2>&1 || true; fi
    newaliases
    postfix start >/dev/null 2>&1 || die "postfix start failed: see postfix check; tail $(postconf -h maillog_file)"
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$pf_port") 2>/dev/null && return 0
        sleep 0.1
    done
    die "Postfix does not listen on 127.0.0.1:$pf_port"
}
postfix_queue_empty() {
    [ -z "$(find "$spool/maildrop" "$spool/incoming" "$spool/active" "$spool/deferred" "$spool/hold" -type f \
        -print -quit 2>/dev/null)" ]
}
postfix_wait_empty() { # seconds
    local deadline=$(( $(date +%s) + $1 ))
    while ! postfix_queue_empty; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.02
    done
}
postfix_stored() {
    if [ "$pf_mailbox" = maildir ]; then
        find "$pf_home/Maildir/new" "$pf_home/Maildir/cur" -type f 2>/dev/null | wc -l
    else
        local mbox; mbox="$(postconf -h mail_spool_directory)/$pf_user"
        if [ -f "$mbox" ]; then grep -c '^From ' "$mbox" || true; else echo 0; fi
    fi
}
postfix_empty_mailbox() {
    if [ "$pf_mailbox" = maildir ]; then
        if [ -d "$pf_home/Maildir" ]; then
            find "$pf_home/Maildir/new" "$pf_home/Maildir/cur" "$pf_home/Maildir/tmp" -type f -delete 2>/dev/null || true
        fi
    else
        local mbox; mbox="$(postconf -h mail_spool_directory)/$pf_user"
        if [ -f "$mbox" ]; then : >"$mbox"; fi
    fi
}

# ------------------------------------------------------------------------------------------------------ our server
free_port() {
    local port=$1
    while ss -Htln "sport = :$port" | grep -q . ; do port=$((port + 1)); done
    echo "$port"
}
work="$(mktemp -d /tmp/om-bench-smtp.XXXXXX)"
server=""
dns=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [ -n "$dns" ]; then kill "$dns" 2>/dev/null || true; wait "$dns" 2>/dev/null || true; fi
    if wants postfix && [ -n "$pf_home" ]; then postfix_empty_mailbox; fi
    if [ "$pf_started_here" = true ]; then postfix stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

http_port=""; smtp_port=""; base=""; auth=""
ours_start() {
    http_port="$(free_port 18180)"
    smtp_port="$(free_port 12525)"
    base="http://127.0.0.1:$http_port"
    local env=(MICRONAUT_SERVER_PORT="$http_port" OPENMAIL_SMTP_PORT="$smtp_port" OPENMAIL_RATE_LIMIT_PER_SECOND=0
        OPENMAIL_SMTP_LIMIT_EXEMPT=127.0.0.1)
    if [ "$auth_dns" != system ]; then
        local dns_port="" sender_domain="${sender#*@}"
        local records=()
        if [ "$auth_dns" = local ]; then
            records=("$sender_domain=v=spf1 ip4:127.0.0.0/8 -all" "$helo=v=spf1 ip4:127.0.0.0/8 -all"
                "_dmarc.$sender_domain=v=DMARC1; p=reject")
        fi
        python3 "$root/bench/smtp/dns.py" 0 "${records[@]}" >"$work/dns.log" 2>&1 &
        dns=$!
        for _ in $(seq 1 100); do
            dns_port="$(head -n 1 "$work/dns.log")"
            [ -n "$dns_port" ] && break
            sleep 0.05
        done
        [ -n "$dns_port" ] || { cat "$work/dns.log" >&2; die "bench/smtp/dns.py did not start"; }
        env+=(OPENMAIL_DNS_SERVER="127.0.0.1:$dns_port")
    fi
    if [ "$db" = mysql ]; then
        local packet
        packet="$(mysql_cli -N -e 'SELECT @@global.max_allowed_packet')"
        # a message is written in one statement: the packet limit must hold the largest with room to spare
        if [ "$packet" -lt $(( 4 * 1048576 )) ]; then
            echo "note: raising MariaDB's max_allowed_packet from $packet to 64 MiB (until it restarts)" >&2
            mysql_cli -e 'SET GLOBAL max_allowed_packet = 67108864'
        fi
        mysql_cli -e "DROP DATABASE IF EXISTS \`$mysql_database\`; CREATE DATABASE \`$mysql_database\` CHARACTER SET utf8mb4"
        env+=(DATASOURCES_DEFAULT_URL="jdbc:mysql://$mysql_host:$mysql_port/$mysql_database?createDatabaseIfNotExist=true"
              DATASOURCES_DEFAULT_USERNAME="$mysql_user" DATASOURCES_DEFAULT_PASSWORD="$mysql_password")
    fi
    # a copy: a build running meanwhile may rewrite the jar under the running server
    cp "$jar" "$work/openmail-server.jar"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    (cd "$work" && exec env "${env[@]}" java $java_opts -Dmicronaut.server.host=127.0.0.1 \
        -Dopenmail.smtp.bind-address=127.0.0.1 -jar "$work/openmail-server.jar" >"$work/server.log" 2>&1) &
    server=$!
    for _ in $(seq 1 1200); do
        curl -sf "$base/health" >/dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; die "our server stopped while starting"; }
        sleep 0.1
    done
    curl -sf "$base/health" >/dev/null || { tail -50 "$work/server.log" >&2; die "our server is not healthy"; }
    local token
    token="$(grep -o 'om_[A-Za-z0-9_-]*' "$work/server.log" | head -n 1)"
    [ -n "$token" ] || { cat "$work/server.log" >&2; die "no API key in the first start's output"; }
    auth="Authorization: Bearer $token"
}
mysql_cli() { MYSQL_PWD="$mysql_password" mysql -h "$mysql_host" -P "$mysql_port" -u "$mysql_user" "$@"; }
ours_inbox() { # mailbox name -> "id address"
    curl -sf -X POST "$base/v1/inboxes" -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"mailboxName\":\"$1\"}" | jq -r '.id + " " + .address'
}
ours_stored() { curl -sf "$base/v1/inboxes/$1/messages?limit=1" -H "$auth" | jq -r '.total'; }

# -------------------------------------------------------------------------------------------------------- one run
# smtp_send HOST:PORT RECIPIENT BYTES COUNT SESSIONS -> 0 when every message was answered 250
smtp_send() {
    local opts=(-s "$5" -m "$4" -l "$3" -f "$sender" -t "$2" -M "$helo")
    [ "$per_message_connection" = 1 ] || opts=(-d "${opts[@]}")
    # without -A, smtp-source gives up at the first reply that is not positive
    /usr/sbin/smtp-source "${opts[@]}" "$1" >"$work/source.log" 2>&1
}
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { if (ns > 0 && n > 0) printf "%.1f", n / (ns / 1e9); else printf "-" }'; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }

# run_ours SIZE SESSIONS COUNT NAME -> result=(acc/s sto/s stored seconds)
run_ours() {
    local bytes; bytes="$(bytes_of "$1")"
    local id address
    read -r id address <<<"$(ours_inbox "$4")"
    [ -n "$address" ] || die "could not create inbox $4"
    local t0 t1 ok=true
    t0="$(now_ns)"
    smtp_send "127.0.0.1:$smtp_port" "$address" "$bytes" "$3" "$2" || ok=false
    t1="$(now_ns)"
    local stored; stored="$(ours_stored "$id")"
    if [ "$ok" != true ]; then
        echo "ours, $1 x$3, $2 sessions: smtp-source failed: $(tail -3 "$work/source.log" | tr '\n' ' ')" >&2
        result=(FAIL FAIL "$stored" -); return
    fi
    # stored before the 250: the end of smtp-source is the moment the last one is stored
    result=("$(rate "$3" $((t1 - t0)))" "$(rate "$stored" $((t1 - t0)))" "$stored" "$(seconds $((t1 - t0)))")
}

# run_postfix SIZE SESSIONS COUNT -> result=(acc/s sto/s stored seconds)
run_postfix() {
    local bytes; bytes="$(bytes_of "$1")"
    postfix_wait_empty 120 || die "Postfix's queue does not empty (postqueue -p)"
    postfix_empty_mailbox
    local t0 t1 t2 ok=true
    t0="$(now_ns)"
    smtp_send "127.0.0.1:$pf_port" "$pf_user@$pf_domain" "$bytes" "$3" "$2" || ok=false
    t1="$(now_ns)"
    # every message answered 250 is in the queue now: the last one is stored when the queue is empty
    postfix_wait_empty 600 || echo "Postfix: queue not empty after 600 s" >&2
    t2="$(now_ns)"
    local stored; stored="$(postfix_stored)"
    postqueue -p 2>/dev/null | grep -q 'Mail queue is empty' || echo "Postfix: postqueue -p is not empty" >&2
    postfix_empty_mailbox
    if [ "$ok" != true ]; then
        echo "postfix, $1 x$3, $2 sessions: smtp-source failed: $(tail -3 "$work/source.log" | tr '\n' ' ')" >&2
        result=(FAIL FAIL "$stored" -); return
    fi
    result=("$(rate "$3" $((t1 - t0)))" "$(rate "$stored" $((t2 - t0)))" "$stored" "$(seconds $((t2 - t0)))")
}

# ----------------------------------------------------------------------------------------------------------- main
load_before="$(cut -d' ' -f1 /proc/loadavg)"
wants postfix && postfix_setup
wants ours && ours_start

echo "== SMTP receiving: ours ($db) vs Postfix, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
echo "java:     $(java -version 2>&1 | head -n 1)${java_opts:+ ($java_opts)}"
wants postfix && echo "postfix:  $(postconf -h mail_version) on 127.0.0.1:$pf_port, local(8) into $pf_mailbox of $pf_user@$pf_domain"
wants ours && echo "ours:     $(basename "$jar") on $db, SMTP 127.0.0.1:$smtp_port, one new inbox per cell"
wants ours && echo "auth:     SPF, DKIM and DMARC of every message against $(case "$auth_dns" in
    system) echo "the system resolver" ;; local) echo "bench/smtp/dns.py (SPF and DMARC records of ${sender#*@})" ;;
    empty) echo "bench/smtp/dns.py without records" ;; esac)"
[ "$db" = mysql ] && echo "mariadb:  $(mysql_cli -N -e 'SELECT VERSION()') at $mysql_host:$mysql_port/$mysql_database"
echo "load:     smtp-source$([ "$per_message_connection" = 1 ] || echo " -d (one connection per session)") -f $sender, body of -l bytes; $(uptime | sed 's/.*load/load/')"

if wants ours; then
    echo "warm-up:  ours $warmup_10k x 10 KB and $warmup_1m x 1 MB over 8 sessions, not measured ..." >&2
    read -r _ waddress <<<"$(ours_inbox bench-warmup)"
    smtp_send "127.0.0.1:$smtp_port" "$waddress" 10240 "$warmup_10k" 8 || die "warm-up failed: $(cat "$work/source.log")"
    smtp_send "127.0.0.1:$smtp_port" "$waddress" 1048576 "$warmup_1m" 8 || die "warm-up failed: $(cat "$work/source.log")"
fi
if wants postfix; then
    postfix_wait_empty 120 || die "Postfix's queue does not empty (postqueue -p)"
    smtp_send "127.0.0.1:$pf_port" "$pf_user@$pf_domain" 10240 $(( warmup_10k / 10 + 1 )) 8 || die "Postfix warm-up failed: $(cat "$work/source.log")"
    smtp_send "127.0.0.1:$pf_port" "$pf_user@$pf_domain" 1048576 $(( warmup_1m / 10 + 1 )) 8 || die "Postfix warm-up failed: $(cat "$work/source.log")"
    postfix_wait_empty 300 || die "Postfix's queue does not empty (postqueue -p)"
    postfix_empty_mailbox
fi
if wants ours && [ -n "$jfr_file" ]; then
    jcmd "$server" JFR.start name=bench settings=profile filename="$(realpath -m "$jfr_file")" >/dev/null \
        || die "jcmd JFR.start failed"
fi

echo
printf '%-6s %4s %6s | %-31s | %-31s | %s\n' "" "" "" "ours" "Postfix" "ours/Postfix"
printf '%-6s %4s %6s | %8s %8s %6s %6s | %8s %8s %6s %6s | %6s %6s\n' \
    size sess msgs acc/s sto/s stored secs acc/s sto/s stored secs acc sto
for size in $sizes; do
    bytes_of "$size" >/dev/null
    for sessions in $sessions_list; do
        count="$(count_of "$size")"
        ours=(- - - -); pf=(- - - -)
        if wants ours; then run_ours "$size" "$sessions" "$count" "bench-$size-s$sessions"; ours=("${result[@]}"); fi
        if wants postfix; then run_postfix "$size" "$sessions" "$count"; pf=("${result[@]}"); fi
        printf '%-6s %4s %6s | %8s %8s %6s %6s | %8s %8s %6s %6s | %6s %6s\n' "$(label_of "$size" | tr -d ' ')" \
            "$sessions" "$count" "${ours[@]}" "${pf[@]}" "$(ratio "${ours[0]}" "${pf[0]}")" "$(ratio "${ours[1]}" "${pf[1]}")"
    done
done
if wants ours && [ -n "$jfr_file" ]; then
    jcmd "$server" JFR.stop name=bench >/dev/null || die "jcmd JFR.stop failed"
    echo "jfr:      $(realpath -m "$jfr_file") (the measured cells of our server)"
fi
echo
echo "acc/s: messages answered 250 per second of smtp-source's run; sto/s: messages stored per second from the first"
echo "connection until the last one was stored (ours: stored before its 250; Postfix: until its queue was empty);"
echo "stored: messages counted in the inbox (API total) or in the Maildir afterwards; ratio > 1: ours is faster."
echo "done:     $(date -u '+%H:%M:%S UTC'); $(uptime | sed 's/.*load/load/')"
# the bench itself keeps about two cores' worth busy; well beyond that, something else ran too
if awk -v cores="$(nproc)" -v before="$load_before" '{ exit !(before > cores || $2 > 2 * cores) }' /proc/loadavg; then
    echo "note:     load before $load_before, 5-min load now $(cut -d' ' -f2 /proc/loadavg) on $(nproc) cores:" \
        "other work shared the machine, the figures are noisy"
fi
