#!/usr/bin/env bash
# Test for infra/local/postgres: start, URL, SQL over TCP, stop/start persistence,
# recovery after kill -9 of the postmaster. Uses a throw-away JOTTER_HOME.
# Last line on success: "N passed, 0 failed".
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly PG="$HERE/postgres"

# shellcheck source=SCRIPTDIR/checks.sh
source "$HERE/checks.sh"

on_fatal() {
    local log="${JOTTER_HOME:-/nonexistent}/postgres/log/postgresql.log"
    if [[ -f $log ]]; then
        printf -- '--- last lines of %s ---\n' "$log" >&2
        tail -n 20 "$log" >&2
    fi
}

[[ -x $PG ]] || {
    echo "FAIL $PG is missing or not executable" >&2
    exit 1
}

unset JOTTER_PG_PORT PGHOST PGPORT PGUSER PGDATABASE PGOPTIONS PGSERVICE PGPASSWORD || true
JOTTER_HOME="$(mktemp -d "${TMPDIR:-/tmp}/jotter-pg-test.XXXXXX")"
export JOTTER_HOME
if [[ $(id -u) -eq 0 ]]; then
    chmod 755 "$JOTTER_HOME" # the postgres OS user must reach the cluster below it
fi

cleanup() {
    local rc=$?
    "$PG" stop >/dev/null 2>&1 || true
    local pidfile="$JOTTER_HOME/postgres/data/postmaster.pid" pid
    if [[ -f $pidfile ]]; then
        pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
        if [[ $pid =~ ^[0-9]+$ ]]; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$JOTTER_HOME"
    exit "$rc"
}
trap cleanup EXIT

if [[ -x /usr/lib/postgresql/15/bin/psql ]]; then
    PSQL=/usr/lib/postgresql/15/bin/psql
elif command -v psql >/dev/null 2>&1; then
    PSQL="$(command -v psql)"
else
    fatal "no psql client found"
fi

PORT=""
URL_RE='^jdbc:postgresql://127\.0\.0\.1:([0-9]+)/jotter$'

# sql QUERY: run QUERY over TCP as user jotter on database jotter; unaligned output.
sql() {
    "$PSQL" -X -q -tA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U jotter -d jotter -c "$1"
}

postmaster_pid() {
    head -n 1 "$JOTTER_HOME/postgres/data/postmaster.pid" 2>/dev/null || true
}

# run_start LABEL: run "postgres start"; its stdout must be exactly one line, the URL.
run_start() {
    local out err
    err="$(mktemp)"
    if ! out="$("$PG" start 2>"$err")"; then
        cat "$err" >&2
        rm -f "$err"
        fatal "$1: '$PG start' failed"
    fi
    rm -f "$err"
    if [[ $(printf '%s\n' "$out" | wc -l) -ne 1 ]] || ! [[ $out =~ $URL_RE ]]; then
        fatal "$1: start printed '$out', expected one line jdbc:postgresql://127.0.0.1:PORT/jotter"
    fi
    if [[ -n $PORT && ${BASH_REMATCH[1]} != "$PORT" ]]; then
        fail "$1: port changed from $PORT to ${BASH_REMATCH[1]}"
    else
        pass "$1: start prints $out"
    fi
    PORT="${BASH_REMATCH[1]}"
}

# expect_status WANT_RC LABEL
expect_status() {
    local rc=0 out
    out="$("$PG" status)" || rc=$?
    if [[ $rc -ne $1 ]]; then
        fail "$2: status exited $rc, expected $1"
    elif [[ $1 -eq 0 && $out != "jdbc:postgresql://127.0.0.1:$PORT/jotter" ]]; then
        fail "$2: status printed '$out'"
    else
        pass "$2: status exits $1"
    fi
}

T0=$SECONDS

# 1. First start: initdb + start + create database.
run_start "first start"
expect_status 0 "after first start"

if [[ -f $JOTTER_HOME/postgres/port && "$(<"$JOTTER_HOME/postgres/port")" == "$PORT" ]]; then
    pass "port $PORT remembered in \$JOTTER_HOME/postgres/port"
else
    fail "port file missing or not $PORT"
fi

if [[ "$("$PG" url)" == "jdbc:postgresql://127.0.0.1:$PORT/jotter" ]]; then
    pass "url prints the same URL"
else
    fail "url printed '$("$PG" url)'"
fi

if [[ $(id -u) -eq 0 ]]; then
    owner="$(stat -c %U "$JOTTER_HOME/postgres/data")"
    if [[ $owner == postgres ]]; then
        pass "data dir owned by postgres"
    else
        fail "data dir owned by '$owner', expected postgres"
    fi
fi

# 2. SQL over TCP as jotter on db jotter.
if got="$(sql "CREATE TABLE notes (id int PRIMARY KEY, body text);
               INSERT INTO notes VALUES (1, 'hello'), (2, 'wörld');
               SELECT string_agg(body, ',' ORDER BY id) FROM notes;")" && [[ $got == 'hello,wörld' ]]; then
    pass "create/insert/select over TCP"
else
    fatal "create/insert/select over TCP returned '${got:-}'"
fi

if [[ "$(sql "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'jotter'")" == jotter ]]; then
    pass "database jotter is owned by role jotter"
else
    fail "database jotter is not owned by role jotter"
fi

# 3. A second start is a no-op on the running server.
pid_before="$(postmaster_pid)"
run_start "second start"
if [[ "$(postmaster_pid)" == "$pid_before" && -n $pid_before ]]; then
    pass "second start kept the same postmaster (PID $pid_before)"
else
    fail "second start changed the postmaster ($pid_before -> $(postmaster_pid))"
fi

# 4. Stop; start again; data survives.
"$PG" stop || fatal "stop failed"
expect_status 3 "after stop"
if "$PG" stop; then
    pass "stop when stopped is a no-op"
else
    fail "stop when stopped failed"
fi
run_start "restart"
if [[ "$(sql "SELECT count(*) FROM notes")" == 2 ]]; then
    pass "data survived stop/start"
else
    fail "data lost after stop/start"
fi

# 5. Crash: kill -9 the postmaster, then start again.
pid="$(postmaster_pid)"
[[ $pid =~ ^[0-9]+$ ]] || fatal "cannot read postmaster PID"
kill -9 "$pid"
for _ in $(seq 50); do
    state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo gone)"
    [[ $state == gone || $state == Z ]] && break
    sleep 0.1
done
expect_status 3 "after kill -9 of the postmaster"
run_start "start after kill -9"
if [[ "$(postmaster_pid)" != "$pid" ]]; then
    pass "a new postmaster runs after the crash"
else
    fail "postmaster PID unchanged after the crash"
fi
if [[ "$(sql "INSERT INTO notes VALUES (3, 'after crash'); SELECT count(*) FROM notes")" == 3 ]]; then
    pass "data survived kill -9 and is writable"
else
    fail "data lost or not writable after kill -9"
fi

# 6. Final stop.
"$PG" stop || fatal "final stop failed"
expect_status 3 "after final stop"

printf 'took %ss\n' "$((SECONDS - T0))"
summary
