#!/usr/bin/env bash
# Start-up time and memory of the OpenMail fat jar next to a bare Micronaut app of the same stack (bench/startup/baseline:
# HTTP server Netty, serde, Data JDBC, Hikari, Flyway, H2 + MySQL driver, one table, one GET endpoint), each
#   - on the embedded H2 default and on MariaDB (127.0.0.1:3306, root without password, a fresh database per run),
#   - on JDK 17 (`java`), on JDK 25, and on JDK 25 with an AOT cache (JEP 483/514/515; bin/aot-train.sh for OpenMail).
# Per run: the time from launching java to the first 200 of a real request (OpenMail: GET /v1/pods with the key it
# prints at its first start; baseline: GET /greetings), Micronaut's own "Startup completed in", the resident memory
# right after that first 200, and the resident memory after a short wrk load on the same request. Every run starts on
# an empty data directory or a new database, so creating the schema is part of every start. Prints the median and
# min-max of each configuration.
#
#   ./mvnw -q -pl bootstrap -am package -DskipTests && bench/startup/run.sh [runs]
#
#   RUNS (or $1)      runs per configuration (default 3); the configurations take turns within each round
#   LOAD_SECONDS      wrk duration (default 20; 0 skips the load and the RSS after it), CONNECTIONS (default 16)
#   APPS, DBS, JVMS   subsets (default "openmail baseline", "h2 mariadb", "jdk17 jdk25 jdk25-aot")
#   JAVA17, JAVA25    the two JVMs (default `java` and /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
#   PORT, SMTP_PORT   ports of the measured server (default 18380, 12380); DB_NAME (default om_bench_startup)
#   REBUILD_BASELINE=1  rebuild the baseline jar even if it exists
#
# Needs curl, wrk (Debian package `wrk`; installed when missing and running as root) and, for DBS with mariadb, a
# MariaDB/MySQL on 127.0.0.1:3306 that lets root in without a password plus the `mariadb` client. Both jars are copied
# to a private directory first, so a rebuild in the tree during the run changes nothing (nor invalidates the caches).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd -P)"
root="$(cd "$here/../.." && pwd -P)"
runs="${1:-${RUNS:-3}}"
load_seconds="${LOAD_SECONDS:-20}"
connections="${CONNECTIONS:-16}"
apps="${APPS:-openmail baseline}"
dbs="${DBS:-h2 mariadb}"
jvms="${JVMS:-jdk17 jdk25 jdk25-aot}"
java17="${JAVA17:-java}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
http_port="${PORT:-18380}"
smtp_port="${SMTP_PORT:-12380}"
db_name="${DB_NAME:-om_bench_startup}"
ready_timeout_s=300

our_jar="$root/bootstrap/target/openmail-server.jar"
baseline_dir="$here/baseline"
baseline_jar="$baseline_dir/target/startup-baseline.jar"

die() { echo "run.sh: $*" >&2; exit 1; }
has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }

# --- prerequisites ----------------------------------------------------------------------------------------------
[ -f "$our_jar" ] || die "build the jar first: ./mvnw -q -pl bootstrap -am package -DskipTests"
command -v curl >/dev/null || die "curl is needed"
command -v "$java17" >/dev/null || die "no JDK 17 at $java17 (JAVA17)"
if has "$jvms" jdk25 || has "$jvms" jdk25-aot; then [ -x "$java25" ] || die "no JDK 25 at $java25 (JAVA25)"; fi
if [ "$load_seconds" != 0 ] && ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing wrk (apt-get install -y wrk)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null </dev/null \
            || { apt-get update -q >/dev/null </dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null </dev/null; } \
            || die "could not install wrk"
    else
        die "wrk is needed: apt-get install -y wrk"
    fi
fi
sql() { mariadb -uroot --batch --skip-column-names -e "$1" </dev/null; }
if has "$dbs" mariadb; then
    command -v mariadb >/dev/null || die "the mariadb client is needed for DBS=mariadb (or run with DBS=h2)"
    sql "SELECT 1" >/dev/null || die "cannot log in to MariaDB as root (or run with DBS=h2)"
    mariadb -uroot -h127.0.0.1 -P3306 --protocol=tcp -e "SELECT 1" >/dev/null </dev/null \
        || die "MariaDB on 127.0.0.1:3306 refuses root without password over TCP"
fi
for p in "$http_port" "$smtp_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is in use (PORT / SMTP_PORT)"; fi
done
if has "$apps" baseline && { [ ! -f "$baseline_jar" ] || [ "${REBUILD_BASELINE:-0}" = 1 ]; }; then
    echo "building the baseline: $root/mvnw -q -B -f $baseline_dir/pom.xml package" >&2
    "$root/mvnw" -q -B -f "$baseline_dir/pom.xml" package -DskipTests >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/om-bench-startup.XXXXXX")"
server=""
# stop_server [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 30; a training JVM writes its cache as it exits).
stop_server() {
    [ -n "$server" ] || return 0
    if kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        for _ in $(seq 1 $(( ${1:-30} * 10 ))); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
    server=""
}
cleanup() {
    stop_server
    if has "$dbs" mariadb; then sql "DROP DATABASE IF EXISTS \`$db_name\`" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp "$our_jar" "$work/openmail-server.jar"
[ -f "$baseline_jar" ] && cp "$baseline_jar" "$work/startup-baseline.jar"

fresh_db() { sql "DROP DATABASE IF EXISTS \`$db_name\`; CREATE DATABASE \`$db_name\` CHARACTER SET utf8mb4"; }
drop_db() { sql "DROP DATABASE IF EXISTS \`$db_name\`"; }
# The environment of a run: app_env APP DB -> lines VAR=value
app_env() {
    echo "MICRONAUT_SERVER_PORT=$http_port"
    if [ "$1" = openmail ]; then
        echo "OPENMAIL_SMTP_PORT=$smtp_port"
        echo "OPENMAIL_RATE_LIMIT_PER_SECOND=0"
    fi
    if [ "$2" = mariadb ]; then
        echo "DATASOURCES_DEFAULT_URL=jdbc:mysql://127.0.0.1:3306/$db_name"
        echo "DATASOURCES_DEFAULT_USERNAME=root"
        echo "DATASOURCES_DEFAULT_PASSWORD="
    fi
}
app_url() { if [ "$1" = openmail ]; then echo "http://127.0.0.1:$http_port/v1/pods"; else echo "http://127.0.0.1:$http_port/greetings"; fi; }
jar_of() { if [ "$1" = openmail ]; then echo "$work/openmail-server.jar"; else echo "$work/startup-baseline.jar"; fi; }
cache_of() { echo "$work/$1-$2.aot"; }
java_line() { "$1" -version 2>&1 | sed -n 2p; }
mib() { awk -v k="$1" 'BEGIN { if (k == "" || k == "-") print "-"; else printf "%.0f", k / 1024 }'; }

# --- header -----------------------------------------------------------------------------------------------------
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "== bench/startup/run.sh: start-up time and memory, OpenMail server vs a bare Micronaut + Data JDBC + Flyway app"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(hostname), $(uname -srm), ${cpu:-unknown CPU} x $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "load:      $(uptime | sed 's/.*load average/load average/') (before)"
echo "jdk17:     $java17: $(java_line "$java17")"
if has "$jvms" jdk25 || has "$jvms" jdk25-aot; then echo "jdk25:     $java25: $(java_line "$java25")"; fi
echo "openmail:  $our_jar ($(du -m "$our_jar" | cut -f1) MB, built $(date -u -r "$our_jar" '+%Y-%m-%d %H:%M UTC'), tree at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ] && echo ' + local changes'))"
if has "$apps" baseline; then echo "baseline:  $baseline_jar ($(du -m "$baseline_jar" | cut -f1) MB)"; fi
if has "$dbs" mariadb; then echo "mariadb:   $(sql 'SELECT VERSION()') on 127.0.0.1:3306, database $db_name created and dropped for every run"; fi
echo "runs:      $runs per configuration, the configurations taking turns; wrk -t2 -c$connections -d${load_seconds}s"
echo
echo "Every run starts on an empty H2 data directory or a newly created MariaDB database: Flyway creating the schema"
echo "(and, for OpenMail, opening the first account) is part of every start-up measured here."
echo "  first 200    launching java -> first 200 answer of the request, polled every 20 ms (OpenMail: GET /v1/pods"
echo "               with the key printed at first start; baseline: GET /greetings, a Micronaut Data JDBC findAll)"
echo "  micronaut    what Micronaut logs as 'Startup completed in'"
echo "  rss idle     resident memory of the JVM right after the first 200"
echo "  rss load     resident memory after the wrk load on the same request (OPENMAIL_RATE_LIMIT_PER_SECOND=0)"
echo "JVMs run with default options (no -Xmx: the default max heap is 1/4 of RAM). jdk25-aot runs with"
echo "-XX:AOTCache=<cache> -XX:AOTMode=on (a run that could not map the cache would fail, not be counted); the cache is"
echo "trained first on the same database kind: bin/aot-train.sh for OpenMail, 200 GETs for the baseline."
echo

# --- running one server -----------------------------------------------------------------------------------------
# launch APP DB JVM DIR: starts the server in DIR, sets $server (the java pid: every layer execs).
launch() {
    local app="$1" db="$2" jvm="$3" dir="$4" jar
    jar="$(jar_of "$app")"
    local -a env_vars cmd
    mapfile -t env_vars < <(app_env "$app" "$db")
    case "$app/$jvm" in
        */jdk17) cmd=("$java17" -jar "$jar") ;;
        */jdk25) cmd=("$java25" -jar "$jar") ;;
        openmail/jdk25-aot)
            cmd=(env JAVA="$java25" OPENMAIL_JAR="$jar" OPENMAIL_AOT_CACHE="$(cache_of "$app" "$db")"
                JAVA_OPTS="-XX:AOTMode=on" "$root/bin/openmail-aot.sh") ;;
        baseline/jdk25-aot) cmd=("$java25" "-XX:AOTCache=$(cache_of "$app" "$db")" -XX:AOTMode=on -jar "$jar") ;;
        */train) cmd=("$java25" "-XX:AOTCacheOutput=$(cache_of "$app" "$db")" -jar "$jar") ;;
        *) die "unknown jvm $jvm" ;;
    esac
    (cd "$dir" && exec env "${env_vars[@]}" "${cmd[@]}" >"$dir/server.log" 2>&1) &
    server=$!
}

# wait_ready APP DIR: polls until the request answers 200; sets $auth (OpenMail's key header) and $ready_ns.
wait_ready() {
    local app="$1" dir="$2" url key="" code deadline
    url="$(app_url "$app")"
    auth=""
    deadline=$(( $(date +%s) + ready_timeout_s ))
    while :; do
        if [ "$app" = openmail ] && [ -z "$key" ]; then
            key="$(grep -oE 'Bearer om_[A-Za-z0-9_-]+' "$dir/server.log" 2>/dev/null | head -n 1 | cut -d' ' -f2 || true)"
            [ -n "$key" ] && auth="Authorization: Bearer $key"
        fi
        if [ "$app" = baseline ] || [ -n "$key" ]; then
            if [ -n "$auth" ]; then
                code="$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$url" 2>/dev/null || true)"
            else
                code="$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)"
            fi
            if [ "$code" = 200 ]; then ready_ns=$(date +%s%N); return 0; fi
        fi
        if ! kill -0 "$server" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            echo "run.sh: $app did not answer 200 on $url (last status ${code:-none}); its log:" >&2
            tail -n 40 "$dir/server.log" >&2
            return 1
        fi
        sleep 0.02
    done
}

rss_kib() { ps -o rss= -p "$server" 2>/dev/null | tr -d ' ' || echo "-"; }

# --- AOT training -----------------------------------------------------------------------------------------------
if has "$jvms" jdk25-aot; then
    echo "== training the AOT caches (JDK 25)"
    for app in $apps; do
        for db in $dbs; do
            dir="$work/train-$app-$db"
            mkdir -p "$dir"
            [ "$db" = mariadb ] && fresh_db
            t0=$(date +%s%N)
            if [ "$app" = openmail ]; then
                mapfile -t env_vars < <(app_env "$app" "$db" | grep '^DATASOURCES_' || true)
                env "${env_vars[@]}" JAVA="$java25" OPENMAIL_JAR="$(jar_of "$app")" \
                    OPENMAIL_AOT_CACHE="$(cache_of "$app" "$db")" TRAIN_HTTP_PORT="$http_port" \
                    TRAIN_SMTP_PORT="$smtp_port" "$root/bin/aot-train.sh" >"$dir/train.log" 2>&1 \
                    || { cat "$dir/train.log" >&2; die "bin/aot-train.sh failed for $db"; }
                warnings="$(grep -c 'warning:' "$dir/train.log" || true)"
            else
                launch "$app" "$db" train "$dir"
                wait_ready "$app" "$dir" || die "the baseline did not start for training"
                for _ in $(seq 1 200); do curl -sf -o /dev/null "$(app_url "$app")" || die "baseline GET failed in training"; done
                stop_server 900
                grep -q 'AOTCache creation is complete' "$dir/server.log" || { tail -n 20 "$dir/server.log" >&2; die "no AOT cache for the baseline"; }
                warnings=0
            fi
            [ "$db" = mariadb ] && drop_db
            printf '%-9s %-8s trained in %5.1f s, cache %d MB%s\n' "$app" "$db" \
                "$(awk -v d=$(( $(date +%s%N) - t0 )) 'BEGIN { print d / 1e9 }')" \
                "$(( $(stat -c %s "$(cache_of "$app" "$db")") / 1048576 ))" \
                "$( [ "$warnings" != 0 ] && echo " ($warnings warnings, the first:)")"
            if [ "$warnings" != 0 ]; then grep -m 1 'warning:' "$dir/train.log" | sed 's/^/          /'; fi
        done
    done
    echo
fi

# --- measuring --------------------------------------------------------------------------------------------------
results="$work/results.tsv"
: >"$results"
echo "== runs"
printf '%-4s %-9s %-8s %-10s %10s %10s %9s %9s %9s %7s\n' run app db jvm first200_ms micronaut_ms rss_idle_MiB rss_load_MiB 'req/s' non2xx
for run in $(seq 1 "$runs"); do
    for app in $apps; do
        for db in $dbs; do
            for jvm in $jvms; do
                dir="$work/run-$run-$app-$db-$jvm"
                mkdir -p "$dir"
                [ "$db" = mariadb ] && fresh_db
                start_ns=$(date +%s%N)
                launch "$app" "$db" "$jvm" "$dir"
                wait_ready "$app" "$dir" || die "run $run of $app/$db/$jvm failed"
                ready_ms=$(( (ready_ns - start_ns) / 1000000 ))
                idle="$(rss_kib)"
                micronaut="$(grep -o 'Startup completed in [0-9]*ms' "$dir/server.log" | grep -o '[0-9]*' | head -n 1 || true)"
                load="-" rps="-" non2xx="-"
                if [ "$load_seconds" != 0 ]; then
                    if [ -n "$auth" ]; then
                        wrk -t2 -c"$connections" -d"${load_seconds}s" -H "$auth" "$(app_url "$app")" >"$dir/wrk.txt" 2>&1 || true
                    else
                        wrk -t2 -c"$connections" -d"${load_seconds}s" "$(app_url "$app")" >"$dir/wrk.txt" 2>&1 || true
                    fi
                    load="$(rss_kib)"
                    rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$dir/wrk.txt")"
                    non2xx="$(awk '/Non-2xx/ { print $NF }' "$dir/wrk.txt")"
                    non2xx="${non2xx:-0}"
                fi
                stop_server
                [ "$db" = mariadb ] && drop_db
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$app" "$db" "$jvm" "$run" "$ready_ms" "${micronaut:--}" \
                    "$idle" "$load" "${rps:--}" >>"$results"
                printf '%-4s %-9s %-8s %-10s %10s %10s %9s %9s %9s %7s\n' "$run" "$app" "$db" "$jvm" "$ready_ms" \
                    "${micronaut:--}" "$(mib "$idle")" "$(mib "$load")" "${rps:--}" "$non2xx"
                rm -rf "$dir"
            done
        done
    done
done
echo

# --- summary ----------------------------------------------------------------------------------------------------
# stat COLUMN SCALE: "median (min-max)" of the matching rows' column, divided by SCALE.
summary() {
    local app="$1" db="$2" jvm="$3" col="$4" scale="$5"
    awk -F'\t' -v a="$app" -v d="$db" -v j="$jvm" -v c="$col" '$1 == a && $2 == d && $3 == j && $c != "-" { print $c }' "$results" \
        | sort -n | awk -v s="$scale" '{ v[NR] = $1 / s }
            END {
                if (NR == 0) { print "-"; exit }
                m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                if (NR == 1) printf "%.0f", m; else printf "%.0f (%.0f-%.0f)", m, v[1], v[NR]
            }'
}
echo "== summary: median (min-max) of $runs runs; times in ms, memory in MiB (RSS)"
echo
echo "| app | db | jvm | first 200 ms | micronaut ms | RSS idle MiB | RSS after load MiB | req/s |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
for app in $apps; do
    for db in $dbs; do
        for jvm in $jvms; do
            echo "| $app | $db | $jvm | $(summary "$app" "$db" "$jvm" 5 1) | $(summary "$app" "$db" "$jvm" 6 1) |" \
                "$(summary "$app" "$db" "$jvm" 7 1024) | $(summary "$app" "$db" "$jvm" 8 1024) |" \
                "$(summary "$app" "$db" "$jvm" 9 1 | cut -d' ' -f1) |"
        done
    done
done
echo
echo "load:      $(uptime | sed 's/.*load average/load average/') (after)"
