#!/usr/bin/env bash
# Three-node MariaDB Galera cluster on loopback, for system tests, CI and the fault benchmark.
#
# Usage: bench/galera/cluster.sh start|stop|destroy|status|nodes|kill N|restart N
#
#   start      create the nodes if needed, bring the cluster up (bootstrapping from the most advanced node
#              when all are down), wait until it has 3 members that are all Synced, create the openmail user,
#              print GALERA_NODES=... . Exits 0 at once when the cluster already is up and synced.
#   stop       shut every node down cleanly (SIGKILL after 60 s); the data stays.
#   destroy    stop, then delete the base directory.
#   status     one line per node: running or not, cluster size, state. Exits 0 only when all three are Synced.
#   nodes      print the GALERA_NODES=... line.
#   kill N     SIGKILL node N (1..3) and wait until it is gone.
#   restart N  start node N again so that it rejoins the running cluster; wait until it is Synced and the
#              cluster has 3 members again. When no node runs at all, this does what `start` does.
#
# Environment:
#   OPENMAIL_GALERA_DIR        base directory (default /tmp/openmail-galera); node N lives in $DIR/nodeN
#   OPENMAIL_GALERA_BASE_PORT  SQL port of node 1 (default 3311); nodes use +0/+1/+2. The other ports follow
#                              from it: galera group port +1260 (4571..), IST +1270 (4581..), SST +1280 (4591..)
#   OPENMAIL_GALERA_PASSWORD   password of 'openmail'@'127.0.0.1' and 'openmail'@'localhost' (default openmail)
#   OPENMAIL_GALERA_TIMEOUT    seconds to wait for the cluster or a node to be Synced (default 120)
#   OPENMAIL_GALERA_PROVIDER_OPTIONS  extra wsrep_provider_options, ';'-separated, e.g. evs.suspect_timeout=PT2S
#                              (writes on the other nodes stall ~5 s after a node is SIGKILLed: the default
#                              suspect timeout). Applied when a node is (re)started.
#
# Needs (Debian 12): mariadb-server, mariadb-client, galera-4, rsync (SST), iproute2 (ss, used by the SST
# script). Must run as root: the nodes run as the mysql user (--user=mysql).
set -euo pipefail

BASE_DIR="${OPENMAIL_GALERA_DIR:-/tmp/openmail-galera}"
BASE_PORT="${OPENMAIL_GALERA_BASE_PORT:-3311}"
PASSWORD="${OPENMAIL_GALERA_PASSWORD:-openmail}"
TIMEOUT="${OPENMAIL_GALERA_TIMEOUT:-120}"
PROVIDER_OPTIONS="${OPENMAIL_GALERA_PROVIDER_OPTIONS:-}"
STOP_TIMEOUT=60
MARIADBD=/usr/sbin/mariadbd
GALERA_LIB=/usr/lib/galera/libgalera_smm.so
CLUSTER_NAME=openmail-galera
NODES=(1 2 3)

log() { printf '[galera] %s\n' "$*"; }
die() { printf '[galera] ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

case "$BASE_PORT" in ''|*[!0-9]*) die "OPENMAIL_GALERA_BASE_PORT must be a number, got '$BASE_PORT'" ;; esac
case "$TIMEOUT" in ''|*[!0-9]*) die "OPENMAIL_GALERA_TIMEOUT must be a number, got '$TIMEOUT'" ;; esac
# The base directory ends up in option files and in a pattern; keep it to plain path characters.
case "$BASE_DIR" in /*) ;; *) die "OPENMAIL_GALERA_DIR must be an absolute path, got '$BASE_DIR'" ;; esac
case "$BASE_DIR" in *[!A-Za-z0-9/._-]*) die "OPENMAIL_GALERA_DIR may only hold letters, digits and / . _ -" ;; esac
case "$BASE_DIR" in /|/*/..|/*/../*) die "OPENMAIL_GALERA_DIR must be a folder of its own, not '$BASE_DIR'" ;; esac
BASE_DIR="${BASE_DIR%/}"

# --- per-node names -----------------------------------------------------------------------------------------
node_dir() { printf '%s/node%s' "$BASE_DIR" "$1"; }
node_cnf() { printf '%s/my.cnf' "$(node_dir "$1")"; }
node_data() { printf '%s/data' "$(node_dir "$1")"; }
node_sock() { printf '%s/mariadbd.sock' "$(node_dir "$1")"; }
node_pidfile() { printf '%s/mariadbd.pid' "$(node_dir "$1")"; }
node_log() { printf '%s/mariadbd.log' "$(node_dir "$1")"; }
node_console() { printf '%s/console.log' "$(node_dir "$1")"; }
sql_port() { echo $((BASE_PORT + $1 - 1)); }
gcomm_port() { echo $((BASE_PORT + 1260 + $1 - 1)); }
ist_port() { echo $((BASE_PORT + 1270 + $1 - 1)); }
sst_port() { echo $((BASE_PORT + 1280 + $1 - 1)); }

nodes_line() {
    local n list=""
    for n in "${NODES[@]}"; do list="${list:+$list,}127.0.0.1:$(sql_port "$n")"; done
    echo "GALERA_NODES=$list"
}

check_node_arg() {
    case "${1:-}" in 1|2|3) ;; *) die "node number must be 1, 2 or 3, got '${1:-}'" ;; esac
}

# --- prerequisites ------------------------------------------------------------------------------------------
check_prerequisites() {
    local missing=()
    [ "$(id -u)" = 0 ] || die "must run as root (the nodes are started with --user=mysql)"
    [ -x "$MARIADBD" ] || missing+=(mariadb-server)
    command -v mariadb-install-db >/dev/null || missing+=(mariadb-server)
    command -v mariadb >/dev/null || missing+=(mariadb-client)
    command -v mariadb-admin >/dev/null || missing+=(mariadb-client)
    [ -f "$GALERA_LIB" ] || missing+=(galera-4)
    command -v wsrep_sst_rsync >/dev/null || missing+=(mariadb-server)
    command -v rsync >/dev/null || missing+=(rsync)
    command -v ss >/dev/null || command -v lsof >/dev/null || missing+=(iproute2)
    if [ "${#missing[@]}" -gt 0 ]; then
        die "missing Debian package(s): $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')(apt-get install -y ...)"
    fi
    id mysql >/dev/null 2>&1 || die "there is no 'mysql' user (it comes with mariadb-server)"
}

# --- processes ----------------------------------------------------------------------------------------------
# Pid of node N's mariadbd (including a --wsrep-recover run), found by its exact --defaults-file argument so
# that neither the system MariaDB nor another cluster's nodes can match. Zombies do not count. Empty: none.
node_pid() {
    local want p state args=()
    want="--defaults-file=$(node_cnf "$1")"
    for p in /proc/[0-9]*; do
        args=()
        mapfile -d '' -n 2 -t args 2>/dev/null <"$p/cmdline" || continue
        if [ "${#args[@]}" -ne 2 ] || [ "${args[0]}" != "$MARIADBD" ] || [ "${args[1]}" != "$want" ]; then
            continue
        fi
        state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$p/status" 2>/dev/null)" || continue
        [ "$state" = Z ] && continue
        echo "${p#/proc/}"
        return 0
    done
    return 0
}

node_running() { [ -n "$(node_pid "$1")" ]; }

# Root over the node's own socket (unix_socket authentication; --no-defaults keeps /etc/mysql out of it).
node_sql() {
    local n="$1"
    shift
    timeout 30 mariadb --no-defaults --protocol=socket -S "$(node_sock "$n")" -uroot \
        --connect-timeout=3 --batch --skip-column-names "$@" </dev/null
}

# Prints "<cluster_size>\t<state_comment>\t<cluster_status>\t<ready>" (tab-separated: a state comment such as
# "Waiting on SST" has blanks) or nothing when the node does not answer.
node_wsrep() {
    node_sql "$1" -e "SELECT
          MAX(IF(variable_name='WSREP_CLUSTER_SIZE', variable_value, NULL)),
          MAX(IF(variable_name='WSREP_LOCAL_STATE_COMMENT', variable_value, NULL)),
          MAX(IF(variable_name='WSREP_CLUSTER_STATUS', variable_value, NULL)),
          MAX(IF(variable_name='WSREP_READY', variable_value, NULL))
        FROM information_schema.global_status
        WHERE variable_name IN ('WSREP_CLUSTER_SIZE','WSREP_LOCAL_STATE_COMMENT','WSREP_CLUSTER_STATUS',
                                'WSREP_READY')" 2>/dev/null || true
}

# True when node N is a Synced member of a primary component of 3 nodes.
node_synced3() {
    local size state status ready
    IFS=$'\t' read -r size state status ready <<<"$(node_wsrep "$1")" || true
    [ "${size:-}" = 3 ] && [ "${state:-}" = Synced ] && [ "${status:-}" = Primary ] && [ "${ready:-}" = ON ]
}

# True when node N is Synced in a primary component (of any size).
node_primary_synced() {
    local size state status ready
    IFS=$'\t' read -r size state status ready <<<"$(node_wsrep "$1")" || true
    [ "${state:-}" = Synced ] && [ "${status:-}" = Primary ] && [ "${ready:-}" = ON ]
}

all_synced() {
    local n
    for n in "${NODES[@]}"; do node_synced3 "$n" || return 1; done
}

dump_logs() {
    local n
    for n in "${NODES[@]}"; do
        printf '[galera] --- node%s: %s (last 25 lines) ---\n' "$n" "$(node_log "$n")" >&2
        tail -n 25 "$(node_log "$n")" >&2 2>/dev/null || echo "(no log)" >&2
        if [ -s "$(node_console "$n")" ]; then
            printf '[galera] --- node%s: %s (last 5 lines) ---\n' "$n" "$(node_console "$n")" >&2
            tail -n 5 "$(node_console "$n")" >&2
        fi
    done
}

# Wait until the node passes `check` (a function taking the node number); fail with the logs after the deadline
# (seconds since the epoch). Gives up early when the node's process is gone.
wait_node() {
    local n="$1" check="$2" deadline="$3" what="$4"
    while :; do
        "$check" "$n" && return 0
        if ! node_running "$n"; then
            dump_logs
            die "node$n exited while waiting for it to be $what (see $(node_log "$n"))"
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            status_lines >&2 || true
            dump_logs
            die "node$n was not $what within ${TIMEOUT} s"
        fi
        sleep 1
    done
}

wait_gone() {
    local n="$1" seconds="$2" i
    for ((i = 0; i < seconds * 5; i++)); do
        node_running "$n" || return 0
        sleep 0.2
    done
    return 1
}

# --- node setup ---------------------------------------------------------------------------------------------
write_cnf() {
    local n="$1" n2 cluster=""
    for n2 in "${NODES[@]}"; do cluster="${cluster:+$cluster,}127.0.0.1:$(gcomm_port "$n2")"; done
    cat >"$(node_cnf "$n")" <<EOF
# Generated by bench/galera/cluster.sh; rewritten on every start.
[mysqld]
user = mysql
datadir = $(node_data "$n")
socket = $(node_sock "$n")
pid-file = $(node_pidfile "$n")
log-error = $(node_log "$n")
port = $(sql_port "$n")
bind-address = 127.0.0.1
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
innodb_buffer_pool_size = 64M
innodb_log_file_size = 16M
innodb_flush_log_at_trx_commit = 1

wsrep_on = ON
wsrep_provider = $GALERA_LIB
wsrep_cluster_name = $CLUSTER_NAME
wsrep_cluster_address = gcomm://$cluster
wsrep_node_name = node$n
wsrep_node_address = 127.0.0.1:$(gcomm_port "$n")
wsrep_node_incoming_address = 127.0.0.1:$(sql_port "$n")
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$(sst_port "$n")
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=64M${PROVIDER_OPTIONS:+;$PROVIDER_OPTIONS}"
EOF
}

# Creates the node directories. Only node 1 gets a system schema of its own (mariadb-install-db): the others
# receive everything through their first state transfer (SST) when they join.
prepare_nodes() {
    local n
    install -d -m 0755 "$BASE_DIR"
    # destroy removes only a folder that holds this mark
    touch "$BASE_DIR/.openmail-galera"
    for n in "${NODES[@]}"; do
        install -d -o mysql -g mysql -m 0750 "$(node_dir "$n")"
        install -d -o mysql -g mysql -m 0750 "$(node_data "$n")"
        write_cnf "$n"
        chmod 0644 "$(node_cnf "$n")"
    done
    if [ ! -d "$(node_data 1)/mysql" ]; then
        log "initialising node1's data directory $(node_data 1)"
        if ! mariadb-install-db --no-defaults --user=mysql --datadir="$(node_data 1)" \
                --auth-root-authentication-method=socket --skip-test-db \
                --innodb-log-file-size=16M --innodb-buffer-pool-size=64M >"$(node_dir 1)/install-db.log" 2>&1; then
            tail -n 30 "$(node_dir 1)/install-db.log" >&2
            die "mariadb-install-db failed for node1"
        fi
    fi
}

# grastate.dat fields of node N.
grastate_field() {
    local f
    f="$(node_data "$1")/grastate.dat"
    [ -f "$f" ] || return 0
    sed -n "s/^$2:[[:space:]]*//p" "$f" | head -n 1
}

# Position (uuid:seqno) recovered from InnoDB with --wsrep-recover; empty when none could be found.
recover_position() {
    local n="$1" rlog
    rlog="$(node_dir "$n")/recover.log"
    : >"$rlog"
    chown mysql:mysql "$rlog"
    timeout 120 "$MARIADBD" --defaults-file="$(node_cnf "$n")" --user=mysql --wsrep-recover \
        --log-error="$rlog" </dev/null >/dev/null 2>&1 || true
    sed -n 's/.*WSREP: Recovered position: *\([0-9a-f-]*:-\{0,1\}[0-9]*\).*/\1/p' "$rlog" | tail -n 1
}

# Seqno node N would report: grastate.dat when it holds one, otherwise what --wsrep-recover finds.
# Prints "<seqno>" (-1 when unknown).
node_seqno() {
    local n="$1" seqno pos
    seqno="$(grastate_field "$n" seqno)"
    if [ -z "$seqno" ] || [ "$seqno" = -1 ]; then
        pos="$(recover_position "$n")"
        seqno="${pos##*:}"
    fi
    echo "${seqno:--1}"
}

launch() {
    local n="$1"
    shift
    local console
    console="$(node_console "$n")"
    : >"$console"
    chown mysql:mysql "$console"
    rm -f "$(node_sock "$n")" "$(node_sock "$n").lock"
    # setsid + all descriptors redirected: the node must neither die with this shell nor hold a caller's pipe open.
    setsid "$MARIADBD" --defaults-file="$(node_cnf "$n")" --user=mysql "$@" </dev/null >>"$console" 2>&1 &
    # Until the forked shell has exec'd mariadbd the node does not look running; wait for that (a node that
    # dies at once is reported by wait_node).
    local i
    for ((i = 0; i < 50; i++)); do
        node_running "$n" && return 0
        sleep 0.1
    done
}

# Starts node N so that it joins the cluster through gcomm://. After a crash its grastate.dat says seqno -1;
# the position is then recovered from InnoDB first so that the node can ask for an incremental transfer (IST)
# instead of a full copy (SST). Galera falls back to SST when IST is impossible.
start_joiner() {
    local n="$1" seqno pos args=()
    seqno="$(grastate_field "$n" seqno)"
    if [ -d "$(node_data "$n")/mysql" ] && [ "$seqno" = -1 ]; then
        pos="$(recover_position "$n")"
        if [ -n "$pos" ] && [ "${pos##*:}" != -1 ]; then
            log "node$n: recovered position $pos"
            args+=("--wsrep-start-position=$pos")
        fi
    fi
    log "starting node$n (joining on 127.0.0.1:$(gcomm_port "$n"), SQL port $(sql_port "$n"))"
    launch "$n" ${args[@]+"${args[@]}"}
}

# Picks the node to bootstrap when none runs: a fresh cluster starts from node 1; otherwise the node whose
# grastate.dat says safe_to_bootstrap: 1, else the one with the highest recovered seqno (its grastate.dat is
# then marked safe to bootstrap, which is what an operator does after all nodes crashed).
choose_bootstrap_node() {
    local n best="" best_seqno=-2 seqno
    if [ ! -f "$(node_data 1)/grastate.dat" ] && [ ! -f "$(node_data 2)/grastate.dat" ] \
            && [ ! -f "$(node_data 3)/grastate.dat" ]; then
        echo 1
        return 0
    fi
    for n in "${NODES[@]}"; do
        if [ "$(grastate_field "$n" safe_to_bootstrap)" = 1 ]; then
            echo "$n"
            return 0
        fi
    done
    for n in "${NODES[@]}"; do
        [ -d "$(node_data "$n")/mysql" ] || continue
        seqno="$(node_seqno "$n")"
        log "node$n: last committed seqno $seqno" >&2
        if [ "$seqno" -gt "$best_seqno" ]; then
            best="$n"
            best_seqno="$seqno"
        fi
    done
    [ -n "$best" ] || die "no node has a data directory to bootstrap from; run '$0 destroy' and start again"
    sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$(node_data "$best")/grastate.dat"
    log "node$best is the most advanced node (seqno $best_seqno): marked safe_to_bootstrap" >&2
    echo "$best"
}

ensure_user() {
    local n="$1" pw
    pw="${PASSWORD//\\/\\\\}"
    pw="${pw//\'/\\\'}"
    node_sql "$n" -e "
        CREATE USER IF NOT EXISTS 'openmail'@'127.0.0.1' IDENTIFIED BY '$pw';
        CREATE USER IF NOT EXISTS 'openmail'@'localhost' IDENTIFIED BY '$pw';
        ALTER USER 'openmail'@'127.0.0.1' IDENTIFIED BY '$pw';
        ALTER USER 'openmail'@'localhost' IDENTIFIED BY '$pw';
        GRANT ALL PRIVILEGES ON *.* TO 'openmail'@'127.0.0.1';
        GRANT ALL PRIVILEGES ON *.* TO 'openmail'@'localhost';" \
        || die "could not create the openmail user on node$n"
}

# --- commands -----------------------------------------------------------------------------------------------
cmd_start() {
    check_prerequisites
    if all_synced; then
        log "cluster is already up: 3 nodes, all Synced"
        nodes_line
        return 0
    fi
    local started deadline n running=() primary=""
    started="$(date +%s)"
    deadline=$((started + TIMEOUT))
    prepare_nodes

    for n in "${NODES[@]}"; do
        if node_running "$n"; then
            running+=("$n")
            node_primary_synced "$n" && [ -z "$primary" ] && primary="$n"
        fi
    done

    if [ "${#running[@]}" -eq 0 ]; then
        n="$(choose_bootstrap_node)"
        log "bootstrapping a new cluster from node$n (--wsrep-new-cluster, SQL port $(sql_port "$n"))"
        launch "$n" --wsrep-new-cluster
        wait_node "$n" node_primary_synced "$deadline" "Synced (bootstrap)"
        primary="$n"
    elif [ -z "$primary" ]; then
        # Nodes run but none is in a primary component (e.g. the other two were killed): wait for a state
        # transfer in progress to finish, then, if there still is no primary component, make one from the
        # running node that is most advanced.
        log "node(s) ${running[*]} running but none Synced in a primary component; waiting"
        while [ -z "$primary" ] && [ "$(date +%s)" -lt $((started + 20)) ]; do
            sleep 1
            for n in "${running[@]}"; do node_primary_synced "$n" && primary="$n" && break; done
        done
        if [ -z "$primary" ]; then
            n="${running[0]}"
            log "forcing a primary component on node$n (pc.bootstrap=YES)"
            node_sql "$n" -e "SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'" \
                || die "node$n does not answer; stop the cluster ('$0 stop') and start it again"
            wait_node "$n" node_primary_synced "$deadline" "Synced in a primary component"
            primary="$n"
        fi
    fi

    # Start the others together; when both need a full state transfer (SST) the second one waits for the donor.
    for n in "${NODES[@]}"; do
        node_running "$n" || start_joiner "$n"
    done
    for n in "${NODES[@]}"; do
        wait_node "$n" node_synced3 "$deadline" "Synced in a cluster of 3"
    done
    ensure_user "$primary"
    log "cluster up in $(($(date +%s) - started)) s: 3 nodes Synced"
    nodes_line
}

stop_node() {
    local n="$1" pid
    pid="$(node_pid "$n")"
    [ -n "$pid" ] || return 0
    log "stopping node$n (pid $pid)"
    # mariadb-admin shutdown returns once the server has removed its pid file; the process may take a moment
    # longer. Without an answer on the socket (hung or still starting), fall back to SIGTERM.
    if ! timeout "$STOP_TIMEOUT" mariadb-admin --no-defaults --protocol=socket -S "$(node_sock "$n")" -uroot \
            --connect-timeout=3 shutdown >/dev/null 2>&1; then
        log "node$n: shutdown over the socket failed; sending SIGTERM"
        kill -TERM "$pid" 2>/dev/null || true
    fi
    if ! wait_gone "$n" "$STOP_TIMEOUT"; then
        log "node$n still running after ${STOP_TIMEOUT} s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$n" 10 || die "node$n (pid $pid) does not go away"
    fi
}

cmd_stop() {
    local n
    # Reverse order: the node leaving last (node1) is marked safe_to_bootstrap, and `start` bootstraps from it.
    for n in 3 2 1; do stop_node "$n"; done
    log "all nodes stopped (data kept in $BASE_DIR)"
}

cmd_destroy() {
    if [ ! -e "$BASE_DIR" ]; then
        log "nothing to remove at $BASE_DIR"
        return 0
    fi
    [ -f "$BASE_DIR/.openmail-galera" ] || die "$BASE_DIR holds no cluster of this script (no .openmail-galera); not removing it"
    cmd_stop
    rm -rf -- "$BASE_DIR"
    log "removed $BASE_DIR"
}

status_lines() {
    local n pid size state status ready all=0
    for n in "${NODES[@]}"; do
        pid="$(node_pid "$n")"
        if [ -z "$pid" ]; then
            printf 'node%s 127.0.0.1:%s down\n' "$n" "$(sql_port "$n")"
            all=1
            continue
        fi
        IFS=$'\t' read -r size state status ready <<<"$(node_wsrep "$n")" || true
        printf 'node%s 127.0.0.1:%s running pid=%s cluster_size=%s state=%s cluster_status=%s ready=%s\n' \
            "$n" "$(sql_port "$n")" "$pid" "${size:-?}" "${state:-?}" "${status:-?}" "${ready:-?}"
        [ "${size:-}" = 3 ] && [ "${state:-}" = Synced ] && [ "${status:-}" = Primary ] || all=1
    done
    return "$all"
}

cmd_status() {
    if status_lines; then
        echo "cluster: 3 nodes Synced"
    else
        echo "cluster: not all 3 nodes Synced"
        return 1
    fi
}

cmd_kill() {
    local n="$1" pid
    check_node_arg "$n"
    pid="$(node_pid "$n")"
    if [ -z "$pid" ]; then
        log "node$n is not running"
        return 0
    fi
    kill -KILL "$pid"
    wait_gone "$n" 30 || die "node$n (pid $pid) still there after SIGKILL"
    log "node$n (pid $pid) killed"
}

cmd_restart() {
    local n="$1" other alive="" deadline started
    check_node_arg "$n"
    check_prerequisites
    started="$(date +%s)"
    deadline=$((started + TIMEOUT))
    for other in "${NODES[@]}"; do
        [ "$other" = "$n" ] && continue
        node_running "$other" && alive="$alive $other"
    done
    if [ -z "$alive" ]; then
        log "no other node is running: starting the whole cluster"
        cmd_start
        return
    fi
    if node_running "$n"; then
        log "node$n is already running"
    else
        [ -d "$(node_data "$n")" ] || die "node$n has no data directory; run '$0 start'"
        write_cnf "$n"
        start_joiner "$n"
    fi
    wait_node "$n" node_synced3 "$deadline" "Synced in a cluster of 3"
    for other in "${NODES[@]}"; do
        wait_node "$other" node_synced3 "$deadline" "Synced in a cluster of 3"
    done
    log "node$n rejoined in $(($(date +%s) - started)) s: 3 nodes Synced"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    destroy) cmd_destroy ;;
    status) cmd_status ;;
    nodes) nodes_line ;;
    kill) cmd_kill "${2:-}" ;;
    restart) cmd_restart "${2:-}" ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
esac
