#!/usr/bin/env bash
# Attachment text under load: what reading attachments costs the SMTP accept rate and the API's latency.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/extract/load.sh [jar]
#
# Two servers in turn (the fat jar on an empty embedded H2 directory each), the same load on both:
#   off  extraction does no work: OPENMAIL_EXTRACTION_MAX_FILE_BYTES=1 skips every file unread (the jobs, the held
#        event and its webhook-free bookkeeping still run, so only the reading itself is left out);
#   on   the default settings: Tika reads every PDF and CSV in its worker process.
# On each, after 50 plain messages to give the list something to page:
#   1. api      wrk on GET /v1/inboxes/{id}/threads?limit=10 alone (after an unmeasured warm-up run of WARMUP s):
#               requests/s, p50, p99;
#   2. stream   the same wrk run while bench/extract/stream.py sends a steady RATE messages/s, each with a PAGES-page text
#               PDF and a 200-line CSV: the API's figures, and the stream's accepted messages and SMTP transaction p99;
#   3. drain    (on) seconds until every attachment of the stream has its text, after the stream stops;
#   4. max      the stream as fast as SESSIONS sessions can send, no wrk: messages/s answered 250.
# Settings (environment): DURATION=30 (s per measured run), WARMUP=15 (s), RATE=4, SESSIONS=4, PAGES=10, CONNECTIONS=8 (wrk),
# PORT=18190 (HTTP), SMTP_PORT=12690, JAVA_OPTS.
# Needs curl, jq, python3 and wrk (Debian packages curl, jq, python3, wrk).
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${1:-$root/bootstrap/target/openmail-server.jar}"
duration="${DURATION:-30}"
warmup="${WARMUP:-15}"
rate="${RATE:-4}"
sessions="${SESSIONS:-4}"
pages="${PAGES:-10}"
connections="${CONNECTIONS:-8}"
port="${PORT:-18190}"
smtp_port="${SMTP_PORT:-12690}"
java_opts="${JAVA_OPTS:-}"
base="http://127.0.0.1:$port"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }
for tool in curl jq python3 wrk; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (Debian package $tool)" >&2; exit 1; }
done

work="$(mktemp -d)"
server=""
dns=""
stop_server() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=""
    fi
}
trap 'stop_server; [ -z "$dns" ] || kill "$dns" 2>/dev/null; rm -rf "$work"' EXIT

# a DNS server that answers every name at once with nothing, so the inbound SPF/DKIM/DMARC checks never wait
python3 "$root/bench/smtp/dns.py" 0 >"$work/dns.log" 2>&1 &
dns=$!
dns_port=""
for _ in $(seq 1 100); do
    dns_port="$(head -n 1 "$work/dns.log")"
    [ -n "$dns_port" ] && break
    sleep 0.05
done
[ -n "$dns_port" ] || { cat "$work/dns.log" >&2; exit 1; }
cp "$jar" "$work/openmail-server.jar"

# $1: off|on
start_server() {
    stop_server
    rm -rf "$work/run" && mkdir -p "$work/run"
    local env=(MICRONAUT_SERVER_PORT="$port" OPENMAIL_SMTP_PORT="$smtp_port" OPENMAIL_RATE_LIMIT_PER_SECOND=0
        OPENMAIL_SMTP_LIMIT_EXEMPT=127.0.0.1 OPENMAIL_DNS_SERVER="127.0.0.1:$dns_port" OPENMAIL_DEFAULT_DOMAIN=bench.test)
    [ "$1" = off ] && env+=(OPENMAIL_EXTRACTION_MAX_FILE_BYTES=1)
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    (cd "$work/run" && exec env "${env[@]}" java $java_opts -jar "$work/openmail-server.jar" >"$work/run/out.log" 2>&1) &
    server=$!
    for _ in $(seq 1 1200); do
        curl -sf "$base/health" >/dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || { cat "$work/run/out.log" >&2; exit 1; }
        sleep 0.1
    done
    token="$(grep -o 'om_[A-Za-z0-9_-]*' "$work/run/out.log" | head -n 1)"
    [ -n "$token" ] || { cat "$work/run/out.log" >&2; exit 1; }
    local inbox
    inbox="$(curl -sf -X POST "$base/v1/inboxes" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"mailboxName":"bench"}')"
    inbox_id="$(jq -r .id <<<"$inbox")"
    address="$(jq -r .address <<<"$inbox")"
    python3 - "$smtp_port" "$address" <<'PY'
import smtplib, sys
from email.message import EmailMessage
client = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=60)
for n in range(50):
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "seed@sender.test", sys.argv[2], "Seed %d" % n
    mail.set_content("A plain message to page through.\n")
    client.sendmail("seed@sender.test", [sys.argv[2]], mail.as_bytes())
client.quit()
PY
}

# wrk on the thread list for $1 seconds -> "req/s p50 p99" (latencies in ms)
api_run() {
    wrk -t2 -c"$connections" -d"${1}s" --latency -H "Authorization: Bearer $token" \
        "$base/v1/inboxes/$inbox_id/threads?limit=10" >"$work/wrk.out" 2>&1
    python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("%.0f %.1f %.1f %s" % (rps, ms("50"), ms("99"), errors.group(1) if errors else "0"))
PY
}

# attachments of the inbox's messages with and without text so far -> "read unread"
texts_read() {
    local total page=0 read=0 unread=0 reply
    while :; do
        reply="$(curl -sf "$base/v1/inboxes/$inbox_id/messages?limit=100&offset=$((page * 100))" \
            -H "Authorization: Bearer $token")"
        read=$((read + $(jq '[.data[].attachments[] | select(.extractionMethod != null)] | length' <<<"$reply")))
        unread=$((unread + $(jq '[.data[].attachments[] | select(.extractionMethod == null)] | length' <<<"$reply")))
        total="$(jq .total <<<"$reply")"
        page=$((page + 1))
        [ $((page * 100)) -lt "$total" ] || break
    done
    echo "$read $unread"
}

echo "== $(date -u +%FT%TZ)  $(nproc) cores  load average:$(cut -d' ' -f1-3 /proc/loadavg)  $(java -version 2>&1 | head -1)"
echo "   ${duration}s per run; stream: $rate msg/s over $sessions sessions, each a ${pages}-page PDF and a 200-line CSV;"
echo "   API: wrk -c$connections on GET /v1/inboxes/{id}/threads?limit=10; H2; tesseract: $(command -v tesseract >/dev/null && echo installed || echo none)"
printf '%-4s %-7s %9s %9s %9s %7s %10s %9s %11s\n' mode run "api req/s" "p50 ms" "p99 ms" non2xx "smtp msg/s" "smtp p99" "texts read"
for mode in off on; do
    start_server "$mode"
    api_run "$warmup" >/dev/null # the JIT's warm-up, unmeasured
    read -r rps p50 p99 bad <<<"$(api_run "$duration")"
    printf '%-4s %-7s %9s %9s %9s %7s %10s %9s %11s\n' "$mode" api "$rps" "$p50" "$p99" "$bad" - - -

    python3 "$here/stream.py" 127.0.0.1 "$smtp_port" "$address" "$duration" "$rate" "$sessions" "$pages" \
        >"$work/stream.json" &
    stream=$!
    read -r rps p50 p99 bad <<<"$(api_run "$duration")"
    wait "$stream"
    accepted="$(jq .accepted "$work/stream.json")"
    smtp_rate="$(jq -r '.accepted / .seconds | . * 10 | round / 10' "$work/stream.json")"
    smtp_p99="$(jq -r '.p99_ms' "$work/stream.json")"
    read -r got missing <<<"$(texts_read)"
    printf '%-4s %-7s %9s %9s %9s %7s %10s %9s %11s\n' "$mode" stream "$rps" "$p50" "$p99" "$bad" "$smtp_rate" \
        "${smtp_p99} ms" "$got/$((got + missing))"

    if [ "$mode" = on ]; then
        began="$(date +%s.%N)"
        for _ in $(seq 1 1200); do
            read -r got missing <<<"$(texts_read)"
            [ "$missing" -eq 0 ] && break
            sleep 0.5
        done
        [ "$missing" -eq 0 ] || echo "     $missing attachments still unread after 10 minutes"
        printf '%-4s %-7s %s\n' "$mode" drain "every text read $(python3 -c "print(round($(date +%s.%N) - $began, 1))") s after the stream stopped ($accepted messages)"
    fi

    python3 "$here/stream.py" 127.0.0.1 "$smtp_port" "$address" "$duration" 0 "$sessions" "$pages" >"$work/max.json"
    printf '%-4s %-7s %9s %9s %9s %7s %10s %9s %11s\n' "$mode" max - - - - \
        "$(jq -r '.accepted / .seconds | . * 10 | round / 10' "$work/max.json")" "$(jq -r .p99_ms "$work/max.json") ms" -
    stop_server
done
