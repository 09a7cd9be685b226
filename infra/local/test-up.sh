#!/usr/bin/env bash
# Test for `./jotter up`: starts it on a free port with a scratch JOTTER_HOME, checks the token,
# starts a kernel, sends SIGINT to its process group as Ctrl-C does, checks that the server, the
# kernel and PostgreSQL are gone, then starts it again and finds the data kept; then kills the
# server with SIGKILL and checks that the next start finds the notebooks intact and no orphan kernel;
# with JOTTER_TEST_OIDC_URL (./jotter test's Keycloak), also `up` with accounts against that realm.
# Needs the built server (run after the Maven build). Last line on success: "N passed, 0 failed".
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

UP_PID=""
# shellcheck source=SCRIPTDIR/checks.sh
source "$HERE/checks.sh"

on_fatal() {
    if [[ -f ${LOG:-} ]]; then
        printf -- '--- last lines of %s ---\n' "$LOG" >&2
        tail -n 30 "$LOG" >&2
    fi
}

# `up` must start its own PostgreSQL and token, whatever the caller exports (./jotter test: a database URL).
unset JOTTER_DB_URL JOTTER_DB_USER JOTTER_DB_PASSWORD JOTTER_TOKEN JOTTER_PORT JOTTER_PG_PORT || true
JOTTER_HOME="$(mktemp -d "${TMPDIR:-/tmp}/jotter-up-test.XXXXXX")"
export JOTTER_HOME
# The kernelspec `up` installs goes here, not into the user's own Jupyter folders.
export XDG_DATA_HOME="$JOTTER_HOME/xdg"
if [[ $(id -u) -eq 0 ]]; then
    chmod 755 "$JOTTER_HOME" # the postgres OS user must reach the cluster below it
fi
LOG="$JOTTER_HOME/up.log"

cleanup() {
    local rc=$?
    if [[ -n $UP_PID ]] && kill -0 "$UP_PID" 2>/dev/null; then
        kill -TERM -- "-$UP_PID" 2>/dev/null || true
        sleep 3
        kill -KILL -- "-$UP_PID" 2>/dev/null || true
    fi
    "$ROOT/infra/local/postgres" stop >/dev/null 2>&1 || true
    rm -rf "$JOTTER_HOME"
    exit "$rc"
}
trap cleanup EXIT

[[ -f $ROOT/server/target/quarkus-app/quarkus-run.jar ]] || fatal "the server is not built (mvn package first)"
PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

# Starts `./jotter up` in its own process group (job control), so SIGINT to the group is a Ctrl-C.
start_up() {
    : >"$LOG"
    set -m
    "$ROOT/jotter" up --port "$PORT" --single-user >"$LOG" 2>&1 &
    UP_PID=$!
    set +m
}

# Waits for the URL line; sets URL and TOKEN.
wait_for_url() {
    local deadline=$((SECONDS + 120)) line
    while ((SECONDS < deadline)); do
        line="$(grep -o "Jotter is running at http://127\.0\.0\.1:$PORT/?token=[0-9a-f]*" "$LOG" || true)"
        if [[ -n $line ]]; then
            URL="${line#Jotter is running at }"
            TOKEN="${URL##*token=}"
            return 0
        fi
        kill -0 "$UP_PID" 2>/dev/null || fatal "./jotter up exited before printing its URL"
        sleep 0.3
    done
    fatal "./jotter up printed no URL within 120 s"
}

status_of() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"
}

# Ctrl-C: SIGINT to the whole process group; waits for the script to end.
interrupt_up() {
    kill -INT -- "-$UP_PID"
    local deadline=$((SECONDS + 40)) rc=0
    while kill -0 "$UP_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$UP_PID" 2>/dev/null; then
        fatal "./jotter up still runs 40 s after SIGINT"
    fi
    wait "$UP_PID" || rc=$?
    UP_PID=""
    check "./jotter up ends on SIGINT with status 130 (was $rc)" test "$rc" -eq 130
}

# True if PID has ended: no such process, or a zombie (a daemon's, reparented to a parent that
# does not reap it: postgres after pg_ctl, in some containers).
gone() {
    local pid="$1" stat
    [[ -n $pid ]] || return 1
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 0
    stat="${stat##*) }"
    [[ ${stat%% *} == Z ]]
}

sql() {
    /usr/lib/postgresql/15/bin/psql -X -q -tA -v ON_ERROR_STOP=1 -h 127.0.0.1 \
        -p "$(cat "$JOTTER_HOME/postgres/port")" -U jotter -d jotter -c "$1"
}

# --- First start -------------------------------------------------------------------------------
start_up
wait_for_url
pass "./jotter up printed $BASE/?token=… once the server was ready"
check "the token is 48 hex characters" test "${#TOKEN}" -eq 48
check "/api/status without the token is 401" test "$(status_of "$BASE/api/status")" = 401
check "/api/status with the token is 200" \
    test "$(status_of -H "Authorization: token $TOKEN" "$BASE/api/status")" = 200
check "the printed URL opens the root page (cookie, then redirect)" \
    test "$(status_of -L -c "$JOTTER_HOME/cookies" "$URL")" = 200

out="$("$ROOT/jotter" up --port "$PORT" 2>&1 || true)"
check "a second ./jotter up on the same port says the port is busy" grep -q "port $PORT is busy" <<<"$out"

kernel_id="$(curl -s --max-time 60 -H "Authorization: token $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name": "jotter-java"}' "$BASE/api/kernels" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')" ||
    fatal "could not start a kernel"
kernel_pid="$(pgrep -f "$JOTTER_HOME/runtime/kernel-$kernel_id" | head -n 1 || true)"
check "a Java kernel runs (pid ${kernel_pid:-none})" test -n "$kernel_pid"
server_pid="$(pgrep -f -P "$UP_PID" 'quarkus-run\.jar' | head -n 1 || true)"
check "the server runs (pid ${server_pid:-none})" test -n "$server_pid"
pg_pid="$(head -n 1 "$JOTTER_HOME/postgres/data/postmaster.pid" 2>/dev/null || true)"
check "PostgreSQL runs (pid ${pg_pid:-none})" test -n "$pg_pid"

sql "insert into notebooks (owner, path, content) values ('jotter', 'kept.ipynb', '{\"cells\": []}')"
migrated_at="$(sql "select installed_on from flyway_schema_history where version = '1'")"

interrupt_up
check "the server is gone" gone "$server_pid"
check "the kernel is gone" gone "$kernel_pid"
check "no kernel process is left" test -z "$(pgrep -f "$JOTTER_HOME/runtime/kernel-" || true)"
check "PostgreSQL is gone" gone "$pg_pid"
check "no connection file is left" test -z "$(find "$JOTTER_HOME/runtime" -name 'kernel-*.json' 2>/dev/null)"

# --- Second start: the same data ---------------------------------------------------------------
start_up
wait_for_url
pass "./jotter up started again"
check "the notebook stored before is still there" \
    test "$(sql "select count(*) from notebooks where path = 'kept.ipynb'")" = 1
check "the schema was not migrated again" \
    test "$(sql "select installed_on from flyway_schema_history where version = '1'")" = "$migrated_at"

# --- The server killed with SIGKILL: nothing saved is lost, nothing is left running -------------
api() {
    curl -s --max-time 60 -H "Authorization: token $TOKEN" -H 'Content-Type: application/json' "$@"
}
api -X PUT -d '{"type": "notebook", "format": "json", "content": {"nbformat": 4, "nbformat_minor": 5,
    "metadata": {}, "cells": [{"id": "c1", "cell_type": "code", "metadata": {}, "source": "6 * 7",
    "outputs": [], "execution_count": null}]}}' "$BASE/api/contents/crash.ipynb" >/dev/null
# Training jobs from the command line: one runs to the end; another is still running when the server dies.
job() {
    JOTTER_URL="$BASE" JOTTER_TOKEN="$TOKEN" "$ROOT/jotter" job "$@"
}
job_out="$(job submit crash.ipynb --wait 2>&1)" || fatal "./jotter job submit --wait failed: $job_out"
check "./jotter job submit runs a notebook to the end" grep -q "succeeded (1/1 cells)" <<<"$job_out"
api -X PUT -d '{"type": "notebook", "format": "json", "content": {"nbformat": 4, "nbformat_minor": 5,
    "metadata": {}, "cells": [{"id": "c1", "cell_type": "code", "metadata": {}, "source": "Thread.sleep(600_000)",
    "outputs": [], "execution_count": null}]}}' "$BASE/api/contents/long.ipynb" >/dev/null
long_job="$(job submit long.ipynb | awk '{print $1}')"
deadline=$((SECONDS + 60))
until job list | grep -q "^$long_job  running" || ((SECONDS >= deadline)); do sleep 0.5; done
check "a long job is running (${long_job:-none})" grep -q "^$long_job  running" <<<"$(job list)"
long_runtime="$(job show "$long_job" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["runtime_id"])')"

kernel_id="$(api -d '{"name": "jotter-java"}' "$BASE/api/kernels" |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')" || fatal "could not start a kernel"
kernel_pid="$(pgrep -f "$JOTTER_HOME/runtime/kernel-$kernel_id" | head -n 1 || true)"
server_pid="$(pgrep -f -P "$UP_PID" 'quarkus-run\.jar' | head -n 1 || true)"
[[ -n $kernel_pid && -n $server_pid ]] || fatal "no kernel (${kernel_pid:-none}) or server (${server_pid:-none}) to crash"
kill -KILL "$server_pid"
deadline=$((SECONDS + 30))
while kill -0 "$UP_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
wait "$UP_PID" 2>/dev/null || true
UP_PID=""
deadline=$((SECONDS + 10))
until gone "$kernel_pid" || ((SECONDS >= deadline)); do sleep 0.2; done
check "the kernel ended with its killed server" gone "$kernel_pid"

start_up
wait_for_url
pass "./jotter up started after the server was killed"
check "the notebook saved before the crash is intact" \
    grep -q '"source":"6 \* 7"' <<<"$(api "$BASE/api/contents/crash.ipynb")"
check "no kernel process is left from before the crash" \
    test -z "$(pgrep -f "$JOTTER_HOME/runtime/kernel-$kernel_id" || true)"
check "the killed server's kernel has no connection file left" \
    test ! -e "$JOTTER_HOME/runtime/kernel-$kernel_id.json"
check "its runtime record is closed by the reconciler" \
    test "$(sql "select state || ': ' || stop_reason from runtimes where id = '$kernel_id'")" = "stopped: the server restarted"
check "the job that was running is failed with the reason" \
    grep -q '"error": "the server restarted while the job ran' <<<"$(job show "$long_job")"
check "its runtime was metered once and refunded" \
    test "$(sql "select string_agg(kind, ',' order by kind) from usage_ledger where runtime_id = '$long_runtime'")" = "meter,refund"

pg_pid="$(head -n 1 "$JOTTER_HOME/postgres/data/postmaster.pid" 2>/dev/null || true)"
interrupt_up
check "PostgreSQL is gone again" gone "$pg_pid"

# --- Accounts: up with a given Keycloak (./jotter test's), which it uses and leaves running ------
if [[ -n ${JOTTER_TEST_OIDC_URL:-} ]]; then
    : >"$LOG"
    set -m
    JOTTER_OIDC_URL="$JOTTER_TEST_OIDC_URL" "$ROOT/jotter" up --port "$PORT" >"$LOG" 2>&1 &
    UP_PID=$!
    set +m
    deadline=$((SECONDS + 120))
    until grep -q "Sign in with Keycloak ($JOTTER_TEST_OIDC_URL)" "$LOG" || ((SECONDS >= deadline)); do
        kill -0 "$UP_PID" 2>/dev/null || fatal "./jotter up (accounts) exited before printing its URL"
        sleep 0.3
    done
    check "./jotter up with accounts prints the sign-in and the demo users" \
        grep -q "student1, student2, instructor1, admin1" "$LOG"
    check "the page says how to sign in: accounts, with that realm" \
        grep -q "\"issuer\":\"$JOTTER_TEST_OIDC_URL\"" <<<"$(curl -s --max-time 10 "$BASE/api/jotter/auth")"
    check "the API without a token is 401" test "$(status_of "$BASE/api/contents")" = 401
    bearer="$(curl -s --max-time 30 -d grant_type=password -d client_id=jotter-cli -d username=student1 \
        -d password=student1 "$JOTTER_TEST_OIDC_URL/protocol/openid-connect/token" |
        /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')" || fatal "no token from Keycloak"
    check "the API with student1's token is 200" \
        test "$(status_of -H "Authorization: Bearer $bearer" "$BASE/api/contents")" = 200
    interrupt_up
    check "Keycloak, which up did not start, still runs" \
        test "$(status_of "$JOTTER_TEST_OIDC_URL/.well-known/openid-configuration")" = 200
fi

summary
