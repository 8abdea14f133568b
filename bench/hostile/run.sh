#!/usr/bin/env bash
# Hostile bodies through the HTTP API: how long POST /v1/inboxes/{id}/send takes when the body, or the received message
# a reply quotes, is made to be slow to read (unclosed tags, a long run of spaces after a <br>). Each scenario runs on
# a fresh server (the fat jar on an empty embedded H2 directory), so that a request given up at the timeout does not
# keep burning the CPU of the next one.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/hostile/run.sh [jar]
#
# Scenarios: a send whose 100 KB body is the shape (100,000 characters is the most a body may have), and a reply that
# quotes a received HTML-only message of 1 MB of the shape (delivered over SMTP, base64, as anyone could send it).
# Prints the seconds each request took, or "> TIMEOUT" when it was given up after TIMEOUT seconds (default 600).
# Needs curl, python3 and swaks (Debian package `swaks`). Ports: PORT (18090) for HTTP, SMTP_PORT (12590) for SMTP.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${1:-$root/bootstrap/target/openmail-server.jar}"
port="${PORT:-18090}"
smtp_port="${SMTP_PORT:-12590}"
timeout="${TIMEOUT:-600}"
base="http://127.0.0.1:$port"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests" >&2; exit 1; }
for tool in curl python3 swaks; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

work="$(mktemp -d)"
server=""
stop_server() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=""
    fi
}
trap 'stop_server; rm -rf "$work"' EXIT

start_server() {
    stop_server
    rm -rf "$work/run" && mkdir -p "$work/run"
    (cd "$work/run" && exec env MICRONAUT_SERVER_PORT="$port" OPENMAIL_SMTP_PORT="$smtp_port" \
        OPENMAIL_RATE_LIMIT_PER_SECOND=0 OPENMAIL_DEFAULT_DOMAIN=bench.test java -jar "$jar" >"$work/run/out.log" 2>&1) &
    server=$!
    for _ in $(seq 1 1200); do
        curl -sf "$base/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
    token="$(grep -o 'om_[A-Za-z0-9_-]*' "$work/run/out.log" | head -n 1)"
    [ -n "$token" ] || { cat "$work/run/out.log" >&2; exit 1; }
    inbox_json="$(curl -sf -X POST "$base/v1/inboxes" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d '{"mailboxName":"bench"}')"
    inbox_id="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$inbox_json")"
}

# $1: shape name; $2: size in characters; writes the body to $work/body
make_body() {
    python3 - "$1" "$2" "$work/body" <<'PY'
import sys
shape, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if shape == "unclosed-tags":
    body = ("<p " * (size // 3 + 1))[:size]
else:  # br-then-spaces
    body = "<br>" + " " * (size - 5) + "x"
open(path, "w").write(body)
PY
}

# POSTs $work/request.json to the inbox's send route; prints seconds or "> timeout"
timed_send() {
    local result
    result="$(curl -s -o "$work/reply.json" -w '%{http_code} %{time_total}' -m "$timeout" -X POST \
        "$base/v1/inboxes/$inbox_id/send" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -H "Idempotency-Key: $(python3 -c 'import uuid; print(uuid.uuid4())')" --data-binary @"$work/request.json" \
        || true)"
    local status="${result%% *}"
    if [ "$status" = "200" ] || [ "$status" = "201" ] || [ "$status" = "202" ]; then
        printf '%.2f s' "${result##* }"
    elif [ "$status" = "000" ]; then
        printf '> %s s (given up)' "$timeout"
    else
        printf 'HTTP %s: %s' "$status" "$(head -c 300 "$work/reply.json")"
    fi
}

send_scenario() {
    local shape="$1" size="$2"
    start_server
    make_body "$shape" "$size"
    python3 - "$work/body" "$work/request.json" <<'PY'
import json, sys
body = open(sys.argv[1]).read()
json.dump({"to": "someone@example.net", "subject": "hostile", "body": body}, open(sys.argv[2], "w"))
PY
    printf '%-48s %s\n' "send, body $shape $((size / 1000)) KB" "$(timed_send)"
}

quote_scenario() {
    local shape="$1" size="$2"
    start_server
    make_body "$shape" "$size"
    python3 - "$work/body" "$work/message.eml" <<'PY'
import base64, sys
body = open(sys.argv[1], "rb").read()
encoded = base64.encodebytes(body).decode().replace("\n", "\r\n")
open(sys.argv[2], "w", newline="").write("From: sender@example.org\r\nTo: bench@bench.test\r\nSubject: hostile\r\n"
    "Message-ID: <hostile@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n" + encoded)
PY
    swaks --silent 2 --server 127.0.0.1 --port "$smtp_port" --from sender@example.org --to bench@bench.test \
        --data @"$work/message.eml" >/dev/null
    local thread
    thread="$(curl -sf "$base/v1/inboxes/$inbox_id/threads" -H "Authorization: Bearer $token" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')"
    python3 - "$thread" "$work/request.json" <<'PY'
import json, sys
json.dump({"to": "sender@example.org", "threadId": sys.argv[1], "body": "Thanks", "includeQuote": True},
          open(sys.argv[2], "w"))
PY
    printf '%-48s %s\n' "reply quoting HTML-only $shape $((size / 1000)) KB" "$(timed_send)"
}

echo "# bench/hostile, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# jar: $jar"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# java: $(java -version 2>&1 | head -n 1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); each request given up after $timeout s"
echo
send_scenario unclosed-tags 100000
send_scenario br-then-spaces 100000
quote_scenario unclosed-tags 1000000
quote_scenario br-then-spaces 1000000
echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
