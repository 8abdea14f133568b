#!/usr/bin/env bash
# Every benchmark of bench/, one after the other on a quiet machine, each script's full output kept in one dated
# directory, and one summary.md there with the goal figures and their ratios.
#
# Runs, in this order (the names ONLY and SKIP take):
#   startup       bench/startup/run.sh            first 200 and RSS, OpenMail next to the bare baseline app
#   events        bench/events/run.sh             SMTP 250 -> WebSocket / webhook event, p50/p99; fan-out
#   search        bench/search/run.sh             search latency on MariaDB, p50/p99 per query shape
#   hostile       bench/hostile/run.sh            seconds one send takes on bodies shaped to be slow to read
#   extract       bench/extract/run.sh            attachment text: pages/s (PDF), images/s (OCR)
#   extract-load  bench/extract/load.sh           what reading attachments costs the API and SMTP
#   http          bench/http/run.sh               HTTP API on MariaDB, 1,000,000 inboxes: api/db per scenario
#   smtp-h2       bench/smtp/run.sh --db h2       SMTP receiving, ours vs Postfix, stored/s
#   smtp-mysql    bench/smtp/run.sh --db mysql    the same on MariaDB
#   delivery      bench/delivery/run.sh           direct delivery vs Postfix, delivered/s at 1/10/100 domains
# and, only when named in ONLY: events-mysql (bench/events/run.sh --db mysql).
# One script at a time. Before each, it waits until the 1-minute load average is below LOAD_MAX and no benchmark
# script, `java -jar` (a server) or Maven build is running, for at most LOAD_WAIT seconds (then it runs anyway, and
# the summary says so); it records the load averages before and after each script. A script that fails is reported
# as failed with its exit code, and the next one still runs. Ctrl-C stops the script under way and writes the
# summary of what ran. Exits 0 when every script did, 1 when one failed.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/run-all.sh          (as root: smtp and delivery need it)
#   bench/run-all.sh --summarize DIR    only parses the outputs in DIR again and writes DIR/summary.md
#   bench/run-all.sh --list             the names, the commands and the QUICK settings
#
# Settings (environment):
#   ONLY="http smtp-h2"   run these only (in the order above); SKIP="delivery" leaves these out
#   QUICK=1               short runs for checking this script, not for figures: sets each script's own size and
#                         duration variables small (see --list; a variable set in the environment wins)
#   LOAD_MAX=1.0          the 1-minute load average to wait for before each script; LOAD_WAIT=600 (seconds at most)
#   RESULTS=bench/results/<UTC date-time>   where the outputs and summary.md go (bench/results/ is git-ignored)
#   SCRIPT_TIMEOUT=0      seconds after which a script is stopped (SIGTERM, SIGKILL a minute later); 0: never
#                         (the script stays in the foreground: a Ctrl-C reaches it either way)
#   EXTRACT_ARGS="50 20 10"  arguments of bench/extract/run.sh; HTTP_ARGS="--reseed" arguments of bench/http/run.sh
#   Every other variable passes through to every script (DURATION, CONNECTIONS, JAVA_OPTS, ...). A variable for one
#   script only is written NAME__VAR, the name in capitals with "-" as "_": HTTP__WARMUP=10 gives bench/http WARMUP=10
#   and bench/delivery (whose WARMUP counts messages) nothing; SMTP_MYSQL__SESSIONS="8".
#
# Output: RESULTS/<name>.out and <name>.err (the script's stdout and stderr), runs.tsv (exit code, start, seconds,
# load averages, settings of each script), meta.txt (machine, java, commit), summary.md (printed at the end).
# A full run takes about an hour and a half on the 2-core machine of BENCHMARKS.md: startup about 25 min, smtp-h2
# and smtp-mysql about 10 each, http 6 (plus its seeding the first time), delivery, search and extract-load about 5
# each, the others 1-3, and the waits for the load to fall after each. QUICK=1 runs for roughly a quarter of an hour
# plus the waits (ONLY=startup: 22 s); the seeding of http and search and the server starts do not get shorter.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
all_items="startup events search hostile extract extract-load http smtp-h2 smtp-mysql delivery"
known_items="$all_items events-mysql"

die() { echo "run-all.sh: $*" >&2; exit 2; }
has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }

# item_command NAME -> the command, one word a line
item_command() {
    case "$1" in
        startup) echo "bench/startup/run.sh" ;;
        events) echo "bench/events/run.sh" ;;
        events-mysql) printf '%s\n' bench/events/run.sh --db mysql ;;
        search) echo "bench/search/run.sh" ;;
        hostile) echo "bench/hostile/run.sh" ;;
        extract)
            echo "bench/extract/run.sh"
            # shellcheck disable=SC2086 # a list of numbers
            if [ -n "${EXTRACT_ARGS:-}" ]; then printf '%s\n' $EXTRACT_ARGS
            elif [ "${QUICK:-0}" = 1 ]; then printf '%s\n' 5 4 2; fi ;;
        extract-load) echo "bench/extract/load.sh" ;;
        http)
            echo "bench/http/run.sh"
            # shellcheck disable=SC2086 # a list of options
            [ -z "${HTTP_ARGS:-}" ] || printf '%s\n' $HTTP_ARGS ;;
        smtp-h2) printf '%s\n' bench/smtp/run.sh --db h2 ;;
        smtp-mysql) printf '%s\n' bench/smtp/run.sh --db mysql ;;
        delivery) echo "bench/delivery/run.sh" ;;
        *) die "unknown benchmark $1 (known: $known_items)" ;;
    esac
}

# quick_env NAME -> VAR=value lines: the script's own size and duration settings, small
quick_env() {
    case "$1" in
        startup) printf '%s\n' RUNS=1 LOAD_SECONDS=2 DBS=h2 JVMS=jdk17 ;;
        events|events-mysql) printf '%s\n' "RATES=1 10" SECONDS_PER_RATE=2 FAN_OUT_MESSAGES=50 ;;
        search) printf '%s\n' REQUESTS=20 ;;
        hostile) printf '%s\n' TIMEOUT=60 ;;
        extract) ;;
        extract-load) printf '%s\n' DURATION=5 WARMUP=3 PAGES=2 ;;
        http) printf '%s\n' DURATION=3 WARMUP=1 REPEAT=20 ;;
        smtp-h2|smtp-mysql) printf '%s\n' MESSAGES_10K=200 MESSAGES_1M=10 WARMUP_10K=50 WARMUP_1M=5 "SESSIONS=1 8" ;;
        delivery) printf '%s\n' MESSAGES=100 "DOMAINS=1 10" WARMUP=50 DRAIN_WARMUP=20 DELIVERY_TIMEOUT=120 ;;
    esac
}

# item_env NAME -> VAR=value lines for this script only: QUICK's (unless the environment sets the variable), then
# the NAME__VAR variables
item_env() {
    local prefix line var name
    prefix="$(tr 'a-z-' 'A-Z_' <<<"$1")__"
    if [ "${QUICK:-0}" = 1 ]; then
        while IFS= read -r line; do
            var="${line%%=*}"
            printenv "$var" >/dev/null && continue
            printenv "$prefix$var" >/dev/null && continue
            echo "$line"
        done < <(quick_env "$1")
    fi
    while IFS= read -r name; do
        echo "${name#"$prefix"}=$(printenv "$name")"
    done < <(compgen -e | grep "^$prefix." || true)
}

# ------------------------------------------------------------------------------------------------------ summary
# summarize DIR: parses DIR/<name>.out of every benchmark found there into DIR/summary.md
summarize() {
    python3 - "$1" "$known_items" <<'PY'
import os, re, sys

d, known = sys.argv[1], sys.argv[2].split()


def read(name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return None
    with open(path, errors="replace") as f:
        return f.read()


def num(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def ratio(a, b):
    a, b = num(a), num(b)
    return "%.2f" % (a / b) if a is not None and b else "-"


def first(text):  # "7354 (6742-7603)" -> "7354"
    return text.split()[0] if text.split() else "-"


# --- one parser per script: text -> rows of (case, figure, value, reference, ratio, note) -------------------------
def http(text):
    rows, table = [], False
    for line in text.splitlines():
        if line.startswith("scenario") and "api_req/s" in line:
            table = True
            continue
        if table:
            if not line.strip():
                break
            f = line.split()
            if len(f) < 8:
                continue
            api, p50, p99, db, api_db, _repeat, non2xx = f[-7:]
            if num(api) is None or num(db) is None:  # a line cut short
                continue
            rows.append((" ".join(f[:-7]), "API req/s vs the same SQL alone (mysqlslap)", api, db, api_db,
                         "p50 %s, p99 %s%s" % (p50, p99, "" if non2xx == "0" else ", %s non-2xx" % non2xx)))
    return rows


def smtp(text):
    rows = []
    for line in text.splitlines():
        m = re.match(r"^(\S+)\s+(\d+)\s+(\d+)\s*\|(.*)\|(.*)\|(.*)$", line)
        if not m:
            continue
        size, sessions, msgs = m.group(1, 2, 3)
        ours, pf, ratios = (part.split() for part in m.group(4, 5, 6))
        if len(ours) < 4 or len(pf) < 4 or len(ratios) < 2:
            continue
        rows.append(("%s x %s, sessions %s" % (size, msgs, sessions), "stored/s, ours vs Postfix", ours[1], pf[1],
                     ratios[1], "accepted/s ratio %s; stored %s and %s of %s" % (ratios[0], ours[2], pf[2], msgs)))
    return rows


def startup(text):
    runs = re.search(r"^runs:\s+(\d+) per configuration", text, re.M)
    cells, order = {}, []
    for line in text.splitlines():
        f = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(f) < 8 or f[0] not in ("openmail", "baseline"):
            continue
        cells[(f[0], f[1], f[2])] = f[3:]
        if (f[1], f[2]) not in order:
            order.append((f[1], f[2]))
    rows = []
    for db, jvm in order:
        ours, base = cells.get(("openmail", db, jvm)), cells.get(("baseline", db, jvm))
        for index, figure in ((0, "first 200 ms, median (min-max)"), (2, "RSS idle MiB, median (min-max)"),
                              (3, "RSS after load MiB, median (min-max)")):
            value = ours[index] if ours else "-"
            reference = base[index] if base else "-"
            if value == "-" and reference == "-":
                continue
            rows.append(("%s, %s" % (db, jvm), figure + ", OpenMail vs baseline", value, reference,
                         ratio(first(value), first(reference)), "runs: %s" % runs.group(1) if runs else ""))
    return rows


def delivery(text):
    cells, order, table = {}, [], False
    for line in text.splitlines():
        if line.lstrip().startswith("domains") and "target" in line:
            table = True
            continue
        f = line.split()
        if table and len(f) == 8 and f[0].isdigit():
            cells[(f[0], f[1])] = f
            if f[0] not in order:
                order.append(f[0])
    rows = []
    for domains in order:
        pf = cells.get((domains, "postfix"))
        for (dom, target), f in cells.items():
            if dom != domains or target == "postfix":
                continue
            shown = f[7] if f[7] != "-" else ratio(f[4], pf[4] if pf else None)
            rows.append(("domains %s, %s" % (domains, target), "delivered/s, ours vs Postfix", f[4],
                         pf[4] if pf else "-", shown,
                         "%s msgs in %s s, accepted/s %s, got/dom %s" % (f[2], f[3], f[5], f[6])))
    return rows


def events(text):
    rows, table = [], False
    for line in text.splitlines():
        if line.startswith("rate/s"):
            table = True
            continue
        f = line.split()
        if table and len(f) == 7 and f[0].isdigit():
            rate, path, count, p50, p99, top, lost = f
            goal = path == "websocket"  # the goal: p99 under 100 ms from the 250 to the WebSocket
            rows.append(("%s/s, %s" % (rate, path), "p50 / p99 ms, SMTP 250 to the event" +
                         (", p99 vs the 100 ms goal" if goal else ""), "%s / %s" % (p50, p99),
                         "100" if goal else "-", ratio(p99, 100) if goal else "-",
                         "max %s ms, %s events, %s lost" % (top, count, lost)))
        m = re.search(r"fan-out: (\d+) messages .*?: (\d+) events received( \(INCOMPLETE\))? in ([\d.]+) s = (\d+) "
                      r"events/s delivered \((\d+) messages/s", line)
        if m:
            rows.append(("fan-out, 10 WebSocket connections", "events/s delivered", m.group(5), "-", "-",
                         "%s of %d events%s in %s s; %s messages/s accepted" % (
                             m.group(2), 10 * int(m.group(1)), m.group(3) or "", m.group(4), m.group(6))))
    return rows


def search(text):
    rows, table = [], False
    for line in text.splitlines():
        if line.startswith("route") and "p99 ms" in line:
            table = True
            continue
        f = line.split()
        if table and len(f) >= 5 and line.startswith("GET "):
            matches, p50, p99 = f[-3:]
            rows.append(("%s, %s" % (line[:32].strip(), line[33:57].strip()), "p50 / p99 ms", "%s / %s" % (p50, p99),
                         "-", "-", "%s matches, q %s" % (matches, line[58:86].strip())))
    return rows


def hostile(text):
    rows = []
    for line in text.splitlines():
        if line.startswith(("send, ", "reply ")) and len(line) > 48:
            rows.append((line[:48].strip(), "seconds of the request", line[48:].strip(), "-", "-", ""))
    return rows


def extract(text):
    rows, workers = [], "?"
    for line in text.splitlines():
        m = re.search(r"workers=(\d+)", line)
        if line.startswith("==") and m:
            workers = m.group(1)
        m = re.match(r"text PDF: (.*) in ([\d.]+) s: ([\d.]+) pages/s, ([\d.]+) files/s", line)
        if m:
            rows.append(("text PDF, workers %s" % workers, "pages/s", m.group(3), "-", "-",
                         "%s in %s s, %s files/s" % (m.group(1), m.group(2), m.group(4))))
        m = re.match(r"OCR: (.*) in ([\d.]+) s: ([\d.]+) images/s", line)
        if m:
            rows.append(("OCR, workers %s" % workers, "images/s", m.group(3), "-", "-",
                         "%s in %s s" % (m.group(1), m.group(2))))
        elif line.startswith("OCR: tesseract not installed"):
            rows.append(("OCR, workers %s" % workers, "images/s", "-", "-", "-", "tesseract not installed"))
    return rows


def extract_load(text):
    cells, drain = {}, None
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 3 and f[0] in ("off", "on"):
            if f[1] == "drain":
                m = re.search(r"every text read ([\d.]+) s", line)
                drain = (m.group(1) if m else "-", " ".join(f[2:]))
            else:
                cells[(f[0], f[1])] = f
    rows = []
    for run, case in (("api", "API alone"), ("stream", "API while the SMTP stream runs")):
        on, off = cells.get(("on", run)), cells.get(("off", run))
        if on or off:
            rows.append((case, "API req/s, extraction on vs off", on[2] if on else "-", off[2] if off else "-",
                         ratio(on[2] if on else None, off[2] if off else None),
                         "p99 %s ms on, %s ms off" % (on[4] if on else "-", off[4] if off else "-")))
    on, off = cells.get(("on", "stream")), cells.get(("off", "stream"))
    if on or off:
        p99 = lambda f: f[7] if f and len(f) > 7 else "-"
        rows.append(("SMTP stream", "SMTP transaction p99 ms, extraction on vs off", p99(on), p99(off),
                     ratio(p99(on), p99(off)), "texts read when the stream stopped: %s on, %s off" % (
                         on[-1] if on else "-", off[-1] if off else "-")))
    on, off = cells.get(("on", "max")), cells.get(("off", "max"))
    if on or off:
        rows.append(("SMTP as fast as it goes", "messages/s answered 250, extraction on vs off",
                     on[6] if on else "-", off[6] if off else "-",
                     ratio(on[6] if on else None, off[6] if off else None), ""))
    if drain:
        rows.append(("drain", "seconds until every text is read after the stream", drain[0], "-", "-", ""))
    return rows


parsers = {"startup": startup, "events": events, "events-mysql": events, "search": search, "hostile": hostile,
           "extract": extract, "extract-load": extract_load, "http": http, "smtp-h2": smtp, "smtp-mysql": smtp,
           "delivery": delivery}

# --- what ran -----------------------------------------------------------------------------------------------------
meta = {}
for line in (read("meta.txt") or "").splitlines():
    key, _, value = line.partition(":")
    if value:
        meta[key.strip()] = value.strip()
runs = {}
for line in (read("runs.tsv") or "").splitlines():
    f = line.split("\t")
    if len(f) >= 10 and f[0] != "name":
        runs[f[0]] = dict(zip(("name", "rc", "started", "seconds", "load_before", "load_after", "waited", "note",
                               "settings", "command"), f))
names = [n for n in runs] + [n for n in known if n not in runs and read(n + ".out") is not None]


def date_of(name, text):
    if name in runs:
        return runs[name]["started"]
    m = re.search(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})", text or "")
    return "%s %s" % m.group(1, 2) if m else "-"


def status(name):
    run = runs.get(name)
    if not run:
        return "?"
    rc = run["rc"]
    if rc == "0":
        return "ok"
    if rc == "130":
        return "interrupted (exit 130)"
    if rc == "124" and run["note"].startswith("stopped"):
        return "FAILED (stopped after SCRIPT_TIMEOUT)"
    return "FAILED (exit %s)" % rc


def minutes(seconds):
    s = int(float(seconds or 0))
    return "%dm%02ds" % (s // 60, s % 60)


out = ["# bench/run-all.sh: summary", ""]
out.append("| | |")
out.append("|---|---|")
for key in ("date", "machine", "java", "commit", "jar", "settings"):
    out.append("| %s | %s |" % (key, meta.get(key, "not recorded")))
out.append("| results | `%s` |" % os.path.abspath(d))
out.append("")
out.append("## Scripts")
out.append("")
out.append("| script | status | started (UTC) | took | load before | load after | waited | settings | note |")
out.append("|---|---|---|---:|---|---|---:|---|---|")
for name in names:
    run = runs.get(name)
    if run:
        out.append("| %s | %s | %s | %s | %s | %s | %s s | %s | %s |" % (
            name, status(name), run["started"], minutes(run["seconds"]), run["load_before"], run["load_after"],
            run["waited"], "`%s`" % run["settings"] if run["settings"] else "-", run["note"] or "-"))
    else:
        out.append("| %s | ? (no runs.tsv entry) | %s | - | - | - | - | - | - |" % (
            name, date_of(name, read(name + ".out"))))
out.append("")
out.append("Load averages are 1 / 5 / 15 minutes, read before each script (after the wait) and right after it.")
out.append("")
out.append("## Goal figures")
out.append("")
out.append("Ratio: value / reference; for the startup rows OpenMail / the baseline app, for smtp and delivery ours / "
           "Postfix, for http the API / the database alone.")
out.append("")
out.append("| date (UTC) | bench | case | figure | value | reference | ratio | note |")
out.append("|---|---|---|---|---:|---:|---:|---|")
for name in names:
    text = read(name + ".out") or ""
    date = date_of(name, text)
    try:
        rows = parsers[name](text)
    except Exception as error:  # a half-written output must not cost the summary of the others
        rows = [("-", "could not parse the output: %s" % error, "-", "-", "-", "")]
    state = status(name)
    if state not in ("ok", "?"):
        rows.insert(0, ("-", state, "-", "-", "-", "see %s.out and %s.err" % (name, name)))
    elif not rows:
        rows = [("-", "no figures found in the output", "-", "-", "-", "see %s.out and %s.err" % (name, name))]
    for row in rows:
        out.append("| %s | %s | %s |" % (date, name, " | ".join(cell.replace("|", "\\|") for cell in row)))
with open(os.path.join(d, "summary.md"), "w") as f:
    f.write("\n".join(out) + "\n")
PY
}

# ---------------------------------------------------------------------------------------------------------- main
# All in one function, read whole before it runs: the file may change under a run of an hour (a checkout, an edit).
main() {
    case "${1:-}" in
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        --list)
            for item in $known_items; do
                printf '%-13s %s\n' "$item" "$(item_command "$item" | tr '\n' ' ')"
                printf '%-13s QUICK=1: %s%s\n' "" "$(QUICK=1 item_env "$item" | sed 's/=\(.* .*\)/="\1"/' | tr '\n' ' ')" \
                    "$(QUICK=1 item_command "$item" | tr '\n' ' ')"
            done
            exit 0 ;;
        --summarize)
            [ -d "${2:-}" ] || die "--summarize needs a results directory"
            summarize "$2"
            cat "$2/summary.md"
            exit 0 ;;
        "") ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac

    only="${ONLY:-}"
    skip="${SKIP:-}"
    for item in $only $skip; do has "$known_items" "$item" || die "unknown benchmark $item (known: $known_items)"; done
    selected=""
    for item in $known_items; do
        if [ -n "$only" ]; then has "$only" "$item" || continue; else has "$all_items" "$item" || continue; fi
        has "$skip" "$item" && continue
        selected="$selected $item"
    done
    selected="${selected# }"
    [ -n "$selected" ] || die "nothing to run (ONLY=\"$only\", SKIP=\"$skip\")"
    load_max="${LOAD_MAX:-1.0}"
    load_wait="${LOAD_WAIT:-600}"
    script_timeout="${SCRIPT_TIMEOUT:-0}"
    command -v python3 >/dev/null || die "python3 is needed (it reads the outputs)"
    jar="$root/bootstrap/target/openmail-server.jar"
    if [ "$selected" != extract ] && [ ! -f "$jar" ]; then
        die "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests"
    fi

    # the lock is held by this shell only (9>&- for what it starts)
    exec 9>"${TMPDIR:-/tmp}/om-bench-run-all.lock"
    flock -n 9 || die "another bench/run-all.sh is running"
    results="${RESULTS:-$root/bench/results/$(date -u '+%Y-%m-%dT%H%M%SZ')}"
    mkdir -p "$results"
    results="$(cd "$results" && pwd -P)"

    # ------------------------------------------------------------------------------------------------ waiting quiet
    loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
    # others -> "pid command" lines of what would disturb a measurement, running now (none of it ours, between two
    # scripts): the benchmark scripts, any `java -jar` (the servers, the baseline, copies of them), Maven builds
    others() {
        pgrep -af 'bench/[a-z]+/(run|load)\.sh|bench/(api-read|startup)\.sh|java .*-jar |ExtractionBenchmark|plexus-classworlds|surefire' \
            | cut -c1-160 || true
    }
    # wait_quiet LABEL -> sets waited (seconds) and wait_note
    wait_quiet() {
        local started now busy shown=0
        started=$(date +%s)
        wait_note=""
        while :; do
            busy="$(others)"
            now=$(date +%s)
            if [ -z "$busy" ] && awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$load_max" 'BEGIN { exit !(l < m) }'; then
                break
            fi
            if [ $((now - started)) -ge "$load_wait" ]; then
                wait_note="not quiet after $load_wait s: load $(cut -d' ' -f1 /proc/loadavg) (want < $load_max)"
                [ -z "$busy" ] || wait_note="$wait_note, still running: $(awk '{ print $1 }' <<<"$busy" | paste -sd ' ')"
                echo "       $wait_note: running anyway" >&2
                [ -z "$busy" ] || while IFS= read -r line; do echo "         $line" >&2; done <<<"$busy"
                break
            fi
            if [ $((now - shown)) -ge 60 ]; then
                echo "       $1: waiting for a quiet machine (load $(loadavg), want < $load_max$([ -z "$busy" ] \
                    || echo "; running: $(awk '{ print $1 }' <<<"$busy" | paste -sd ' ')"))" >&2
                shown=$now
            fi
            sleep 5 9>&-
        done
        waited=$(( $(date +%s) - started ))
    }

    # ---------------------------------------------------------------------------------------------------------- run
    git_commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
    if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        git_commit="$git_commit + local changes"
    fi
    {
        echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
        echo "machine: $(hostname), $(uname -srm), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
            "x $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
        echo "java: $(java -version 2>&1 | head -n 1)"
        echo "commit: $git_commit ($(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?'))"
        if [ -f "$jar" ]; then
            echo "jar: $(du -m "$jar" | cut -f1) MB, built $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')"
        else
            echo "jar: not built"
        fi
        echo "settings: QUICK=${QUICK:-0} ONLY=\"$only\" SKIP=\"$skip\" LOAD_MAX=$load_max LOAD_WAIT=$load_wait" \
            "SCRIPT_TIMEOUT=$script_timeout"
    } >"$results/meta.txt"
    printf 'name\trc\tstarted\tseconds\tload_before\tload_after\twaited\tnote\tsettings\tcommand\n' >"$results/runs.tsv"

    # shown VAR=value... -> one line, a value with a space in quotes
    shown() {
        local word out=""
        for word in "$@"; do
            case "$word" in *" "*) word="${word%%=*}=\"${word#*=}\"" ;; esac
            out="$out $word"
        done
        echo "${out# }"
    }
    count=$(wc -w <<<"$selected")
    echo "bench/run-all.sh: $selected"
    echo "results: $results"
    index=0
    interrupted=false
    for item in $selected; do
        index=$((index + 1))
        mapfile -t cmd < <(item_command "$item")
        mapfile -t envs < <(item_env "$item")
        wait_quiet "$item"
        before="$(loadavg)"
        started_at="$(date -u '+%Y-%m-%d %H:%M:%S')"
        t0=$(date +%s)
        settings="$(shown "${envs[@]}")"
        echo "[$index/$count] $item: ${settings:+$settings }${cmd[*]} (load $before)"
        run=(env "${envs[@]}" "${cmd[@]}")
        if [ "$script_timeout" != 0 ]; then run=(timeout --foreground --kill-after=60 "$script_timeout" "${run[@]}"); fi
        # in the foreground: a Ctrl-C reaches the script as well (same process group), which cleans up and ends; then
        # the trap notes it here, and the summary is written of what ran
        trap 'interrupted=true' INT
        set +e
        (cd "$root" && exec "${run[@]}") >"$results/$item.out" 2>"$results/$item.err" </dev/null 9>&-
        rc=$?
        set -e
        trap - INT
        if [ "$interrupted" = true ] && [ "$rc" = 0 ]; then rc=130; fi
        seconds=$(( $(date +%s) - t0 ))
        after="$(loadavg)"
        note="$wait_note"
        if [ "$rc" = 124 ] && [ "$script_timeout" != 0 ]; then note="stopped after $script_timeout s${note:+; $note}"; fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$item" "$rc" "$started_at" "$seconds" "$before" "$after" \
            "$waited" "$note" "$settings" "${cmd[*]}" >>"$results/runs.tsv"
        echo "[$index/$count] $item: $([ "$rc" = 0 ] && echo ok || echo "FAILED, exit $rc")," \
            "$((seconds / 60))m$(printf '%02d' $((seconds % 60)))s, load $after$([ "$rc" = 0 ] \
            || echo "; see $results/$item.out and .err")"
        [ "$interrupted" = false ] || { echo "interrupted: the remaining benchmarks are not run" >&2; break; }
    done

    summarize "$results"
    echo
    cat "$results/summary.md"
    [ "$interrupted" = false ] || exit 130
    # 1 when a script failed
    awk -F'\t' 'NR > 1 && $2 != 0 { failed = 1 } END { exit failed }' "$results/runs.tsv"
}

main "$@"
exit
