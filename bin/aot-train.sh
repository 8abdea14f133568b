#!/usr/bin/env bash
# Trains the JDK 25 AOT cache of the OpenMail fat jar (JEP 483 class loading and linking, JEP 515 method profiles,
# made in one step with -XX:AOTCacheOutput, JEP 514). It starts the jar on a throwaway database, drives a short
# scripted workload through the REST API and SMTP (create a pod and an inbox, list them, receive one message over
# SMTP, read it back, send one to the inbox, a few errors), then stops the JVM with SIGTERM: the cache is written
# as the JVM exits. bin/openmail-aot.sh then runs the server with it.
#
#   bin/aot-train.sh            # writes bootstrap/target/openmail-server.aot, next to the jar
#
#   OPENMAIL_JAR, OPENMAIL_AOT_CACHE, JAVA   as for bin/openmail-aot.sh (the same jar path must be used in both)
#   DATASOURCES_DEFAULT_URL (+ _USERNAME, _PASSWORD)
#                       train on this database instead of an embedded H2 in a temporary directory. It must be a
#                       throwaway database: the training opens an account and writes pods, inboxes and mail to it.
#                       Train on the kind of database you run on (H2 or MySQL/MariaDB): the cache then holds its driver.
#   TRAIN_HTTP_PORT, TRAIN_SMTP_PORT   ports of the training server (default 18079, 12579)
#   TRAIN_ROUNDS        how many times the workload runs (default 3)
#   JAVA_OPTS           more JVM options for the training run
#
# Needs JDK 25+, curl and bash; nothing else (SMTP is spoken through bash's /dev/tcp).
set -euo pipefail

# shellcheck source=aot-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/aot-common.sh"

http_port="${TRAIN_HTTP_PORT:-18079}"
smtp_port="${TRAIN_SMTP_PORT:-12579}"
rounds="${TRAIN_ROUNDS:-3}"
base="http://127.0.0.1:$http_port"

die() { echo "aot-train: $*" >&2; exit 1; }

[ -f "$jar" ] || die "no jar at $jar; build it: ./mvnw -q -pl bootstrap -am package -DskipTests"
feature="$(java_feature_version)"
[ "$feature" -ge 25 ] || die "$java is JDK $feature; an AOT cache needs JDK 25 or newer (set JAVA=/path/to/jdk-25/bin/java)"
command -v curl >/dev/null || die "curl is needed"
if (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null; then die "port $http_port is in use (TRAIN_HTTP_PORT)"; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then die "port $smtp_port is in use (TRAIN_SMTP_PORT)"; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/openmail-aot-train.XXXXXX")"
partial="$cache.partial.$$"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
    rm -rf "$work"
    rm -f "$partial" "$partial.config"
}
trap cleanup EXIT

# A key of our own: opens the training account on a fresh database, and works on one already trained on.
key="om_aottrain_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
auth="Authorization: Bearer $key"

echo "aot-train: $("$java" -version 2>&1 | head -n 1)"
echo "aot-train: jar   $jar"
echo "aot-train: cache $cache"
echo "aot-train: database ${DATASOURCES_DEFAULT_URL:-embedded H2 in $work/data}"
started=$(date +%s)
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
(cd "$work" && exec env MICRONAUT_SERVER_PORT="$http_port" OPENMAIL_SMTP_PORT="$smtp_port" \
    OPENMAIL_BOOTSTRAP_API_KEY="$key" \
    "$java" "-XX:AOTCacheOutput=$partial" ${JAVA_OPTS:-} -jar "$jar" >"$work/server.log" 2>&1) &
server=$!

fail() {
    echo "aot-train: $*" >&2
    echo "--- server log (last 40 lines)" >&2
    tail -n 40 "$work/server.log" >&2 || true
    exit 1
}

for _ in $(seq 1 1200); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || fail "the server stopped during start-up"
    sleep 0.1
done
curl -sf "$base/health" >/dev/null 2>&1 || fail "the server did not answer /health within 120 s"

# api METHOD PATH [JSON body] [more curl args]: the body of the answer on stdout; fails on a status >= 400.
api() {
    local method="$1" path="$2" body="${3:-}"
    shift 3 2>/dev/null || shift $#
    if [ -n "$body" ]; then
        curl -sf -X "$method" "$base$path" -H "$auth" -H 'Content-Type: application/json' -d "$body" "$@"
    else
        curl -sf -X "$method" "$base$path" -H "$auth" "$@"
    fi || fail "$method $path failed"
}
# expect STATUS METHOD PATH [curl args]: a request that should fail with this status (the error paths).
expect() {
    local status="$1" method="$2" path="$3" got
    shift 3
    got="$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "$base$path" "$@")"
    [ "$got" = "$status" ] || fail "$method $path answered $got, expected $status"
}
# The first value of a JSON string field: json_field NAME PREFIX < json (no jq needed).
json_field() { grep -o "\"$1\":\"$2[^\"]*\"" | head -n 1 | cut -d'"' -f4; }

smtp_expect() {
    local code="$1" line
    while IFS= read -r -t 30 line <&3; do
        line="${line%$'\r'}"
        case "$line" in
            "$code "*) return 0 ;;
            "$code-"*) ;;
            *) fail "SMTP: expected $code, got '$line'" ;;
        esac
    done
    fail "SMTP: no answer (expected $code)"
}
smtp_cmd() { printf '%s\r\n' "$1" >&3; smtp_expect "$2"; }
# smtp_send TO SUBJECT BODY: one message to the server's SMTP listener.
smtp_send() {
    local to="$1" subject="$2" body="$3"
    exec 3<>"/dev/tcp/127.0.0.1/$smtp_port" || fail "cannot connect to SMTP port $smtp_port"
    smtp_expect 220
    smtp_cmd "EHLO trainer.localhost" 250
    smtp_cmd "MAIL FROM:<trainer@example.com>" 250
    smtp_cmd "RCPT TO:<$to>" 250
    smtp_cmd "DATA" 354
    printf '%s\r\n' "From: Trainer <trainer@example.com>" "To: <$to>" "Subject: $subject" \
        "Date: $(LC_ALL=C date -R)" "Message-ID: <$(date +%s%N).$RANDOM@trainer.localhost>" \
        "MIME-Version: 1.0" "Content-Type: text/plain; charset=UTF-8" "" "$body" "." >&3
    smtp_expect 250
    smtp_cmd "QUIT" 221
    exec 3<&- 3>&-
}

run_id="$(date +%s)"
for round in $(seq 1 "$rounds"); do
    client="aot-$run_id-$round"
    mailbox="aot$round-$((run_id % 100000))"
    api GET /health '' >/dev/null
    api GET /v1/pods '' >/dev/null
    api POST /v1/pods "{\"clientId\":\"$client\",\"name\":\"AOT training $round\"}" >/dev/null
    api GET "/v1/pods/$client" '' >/dev/null
    api PATCH "/v1/pods/$client" "{\"name\":\"AOT training pod $round\"}" >/dev/null
    inbox_json="$(api POST /v1/inboxes "{\"podId\":\"$client\",\"mailboxName\":\"$mailbox\",\"displayName\":\"Trainer $round\"}")"
    inbox="$(json_field id inb_ <<<"$inbox_json")"
    address="$(json_field address '' <<<"$inbox_json")"
    [ -n "$inbox" ] && [ -n "$address" ] || fail "no inbox id/address in: $inbox_json"
    api GET "/v1/inboxes?podId=$client" '' >/dev/null
    api GET /v1/inboxes '' >/dev/null
    api GET "/v1/inboxes/$inbox" '' >/dev/null

    smtp_send "$address" "Training message $round" "Hello from the AOT training, round $round."
    message=""
    for _ in $(seq 1 50); do
        message="$(api GET "/v1/inboxes/$inbox/messages" '' | json_field id msg_)"
        [ -n "$message" ] && break
        sleep 0.1
    done
    [ -n "$message" ] || fail "the SMTP message did not show up in $inbox"
    thread="$(api GET "/v1/inboxes/$inbox/threads" '' | json_field id thr_)"
    [ -n "$thread" ] || fail "no thread in $inbox"
    api GET "/v1/threads/$thread/messages" '' >/dev/null
    api GET "/v1/messages/$message/raw" '' >/dev/null
    api PATCH "/v1/threads/$thread" '{"is_read":true}' >/dev/null
    # A send to the inbox itself (delivered locally). Best effort: the workload still trains the rest without it.
    sent="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/v1/inboxes/$inbox/send" -H "$auth" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: aot-$run_id-$round" \
        -d "{\"to\":\"$address\",\"subject\":\"Self $round\",\"body\":\"<p>Round $round</p>\"}")"
    case "$sent" in 2??) ;; *) echo "aot-train: warning: POST /v1/inboxes/$inbox/send answered $sent; training goes on without it" >&2 ;; esac

    expect 401 GET /v1/pods
    expect 404 GET /v1/pods/no-such-pod -H "$auth"
    expect 400 POST /v1/pods -H "$auth" -H 'Content-Type: application/json' -d '{"clientId":"pod_bad"}'
    curl -s -o /dev/null "$base/console" || true
    # Repeated reads, so that the profiles recorded for the hot paths (JEP 515) are worth something.
    for _ in $(seq 1 40); do
        api GET /v1/pods '' >/dev/null
        api GET "/v1/pods/$client" '' >/dev/null
    done
    echo "aot-train: round $round done (pod $client, inbox $address, message $message)"
done

echo "aot-train: stopping the server (SIGTERM); the JVM writes the cache as it exits"
kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
# 143 = ended by SIGTERM, the normal way for this server to stop.
[ "$status" = 0 ] || [ "$status" = 143 ] || fail "the training JVM exited with status $status"
grep -q 'AOTCache creation is complete' "$work/server.log" && [ -s "$partial" ] || fail "the JVM wrote no AOT cache"
mv -f "$partial" "$cache"
echo "aot-train: $(grep -o 'AOTCache creation is complete.*' "$work/server.log" | sed "s|$partial|$cache|")"
echo "aot-train: done in $(( $(date +%s) - started )) s; run the server with: bin/openmail-aot.sh"
