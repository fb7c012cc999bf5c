# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this
# Shared helpers for bootstrap/up and bootstrap/down. Sourced, not executed.

BOOTSTRAP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$BOOTSTRAP_DIR/.." && pwd -P)"
STATE_DIR="$REPO_ROOT/.bootstrap"
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"
DEMO_APP_SOURCE="$BOOTSTRAP_DIR/demo-app/DemoApp.java"

# Services in start order; `down` stops them in the reverse order.
SERVICES=(query-service notifier-service deployer-worker command-service)

COMMAND_PORT="${STAGECRAFT_COMMAND_PORT:-8080}"
QUERY_PORT="${STAGECRAFT_QUERY_PORT:-8081}"
NOTIFIER_PORT="${STAGECRAFT_NOTIFIER_PORT:-8082}"
WORKER_PORT="${STAGECRAFT_WORKER_PORT:-8083}"

DB_HOST="${STAGECRAFT_DB_HOST:-127.0.0.1}"
DB_PORT="${STAGECRAFT_DB_PORT:-5432}"
DB_NAME="${STAGECRAFT_DB_NAME:-stagecraft}"
DB_USER="${STAGECRAFT_DB_USER:-stagecraft}"
DB_PASSWORD="${STAGECRAFT_DB_PASSWORD:-stagecraft}"
PG_SUPERUSER="${STAGECRAFT_PG_SUPERUSER:-postgres}"

RABBIT_HOST="${STAGECRAFT_RABBIT_HOST:-127.0.0.1}"
RABBIT_PORT="${STAGECRAFT_RABBIT_PORT:-5672}"
RABBIT_USER="${STAGECRAFT_RABBIT_USER:-guest}"
RABBIT_PASSWORD="${STAGECRAFT_RABBIT_PASSWORD:-guest}"
RABBIT_VHOST="${STAGECRAFT_RABBIT_VHOST:-/}"

if [[ -t 1 ]]; then
    C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_OFF=$'\e[0m'
else
    C_BOLD='' C_RED='' C_GREEN='' C_YELLOW='' C_OFF=''
fi

info() { printf '%s==>%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
ok()   { printf '%s  ✓%s %s\n' "$C_GREEN" "$C_OFF" "$*"; }
warn() { printf '%s  !%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; exit 1; }

service_port() {
    case "$1" in
        command-service) echo "$COMMAND_PORT" ;;
        query-service) echo "$QUERY_PORT" ;;
        notifier-service) echo "$NOTIFIER_PORT" ;;
        deployer-worker) echo "$WORKER_PORT" ;;
        *) return 1 ;;
    esac
}

# --- JDK selection ----------------------------------------------------------------

# Prints the major version of the JDK at $1 (a JAVA_HOME), or nothing.
jdk_major() {
    local home="$1" v=''
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
    if [[ -r "$home/release" ]]; then
        v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
    fi
    if [[ -z "$v" ]]; then
        v="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
    fi
    v="${v#1.}"                 # 1.8.0_x -> 8.0_x
    v="${v%%[!0-9]*}"           # 21.0.5 -> 21, 25-ea -> 25
    [[ -n "$v" ]] && echo "$v"
    return 0
}

# Prints a JAVA_HOME of a JDK >= 21: $JAVA_HOME if good enough, else Temurin 25, else the
# newest JDK >= 21 under /usr/lib/jvm. Fails (prints nothing) if there is none.
find_jdk() {
    local c m best='' best_m=0
    for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
        [[ -n "$c" ]] || continue
        m="$(jdk_major "$c")"
        if [[ -n "$m" ]] && (( m >= 21 )); then (cd "$c" && pwd -P); return 0; fi
    done
    for c in /usr/lib/jvm/*; do
        m="$(jdk_major "$c")"
        if [[ -n "$m" ]] && (( m >= 21 && m > best_m )); then best="$c" best_m="$m"; fi
    done
    [[ -n "$best" ]] || return 1
    (cd "$best" && pwd -P)
}

# --- processes ----------------------------------------------------------------------

pid_file() { echo "$PID_DIR/$1.pid"; }

# True when $2 is a live process started for service $1 (guards against recycled pids).
pid_is_service() {
    local svc="$1" pid="$2"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$svc.jar"
}

# Prints the pid of a running service $1 started by `up`, or nothing.
running_pid() {
    local f pid
    f="$(pid_file "$1")"
    [[ -r "$f" ]] || return 0
    pid="$(tr -dc '0-9' <"$f")"
    if pid_is_service "$1" "$pid"; then echo "$pid"; fi
    return 0
}

# Prints pids of demo app processes of this checkout (command line names our DemoApp.java).
demo_pids() {
    local p cmd
    for p in /proc/[0-9]*; do
        p="${p#/proc/}"
        [[ "$p" == "$$" || "$p" == "$BASHPID" ]] && continue
        cmd="$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" || continue
        [[ "$cmd" == *"$DEMO_APP_SOURCE"* ]] && echo "$p"
    done
    return 0
}

port_in_use() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# --- PostgreSQL --------------------------------------------------------------------

# Runs psql as the PostgreSQL superuser against database $1 (further args passed on).
# Tries TCP with the configured host first (trust/.pgpass/PGPASSWORD); when that fails and we
# are root on the database host, falls back to the local socket as the `postgres` OS user.
psql_admin() {
    local db="$1"; shift
    if psql -X -q -w -h "$DB_HOST" -p "$DB_PORT" -U "$PG_SUPERUSER" -d "$db" -c 'select 1' >/dev/null 2>&1; then
        psql -X -q -w -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$PG_SUPERUSER" -d "$db" "$@"
    elif [[ $EUID -eq 0 && "$DB_HOST" =~ ^(127\.0\.0\.1|localhost|::1)$ ]] && id postgres >/dev/null 2>&1; then
        runuser -u postgres -- psql -X -q -w -v ON_ERROR_STOP=1 -p "$DB_PORT" -d "$db" "$@"
    else
        echo "cannot connect to PostgreSQL at $DB_HOST:$DB_PORT as superuser '$PG_SUPERUSER'" \
             "(set PGPASSWORD or STAGECRAFT_PG_SUPERUSER)" >&2
        return 1
    fi
}

check_identifier() {
    [[ "$2" =~ ^[a-z_][a-z0-9_]*$ ]] || die "$1 '$2' must match [a-z_][a-z0-9_]* (lower-case SQL identifier)"
}
