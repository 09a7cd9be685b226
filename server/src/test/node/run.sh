#!/usr/bin/env bash
# JupyterLab's own client (@jupyterlab/services) against the built server: starts it on a free port with
# a fixed token, a scratch JOTTER_HOME and the database in JOTTER_DB_URL, runs `node --test` in this
# folder, then stops the server (which stops its kernels). ./jotter test runs it after the Maven build.
#
# Needs: server/target/quarkus-app/quarkus-run.jar and the kernel (mvn package), JOTTER_DB_URL (with
# JOTTER_DB_USER / JOTTER_DB_PASSWORD if the database wants them), Node 20.14 or later with npm.
# Extra arguments go to `node --test`: a file (session.test.mjs), --test-name-pattern=restart, ...
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
JAR="$ROOT/server/target/quarkus-app/quarkus-run.jar"
LAUNCHER="$ROOT/notebook-kernel/kernel/bin/jotter-kernel"
# Fixed, so a failed run can be replayed by hand against the same server; it guards only 127.0.0.1.
TOKEN="node-test-token-0123456789abcdef0123456789abcdef"

die() {
    printf 'node tests: %s\n' "$*" >&2
    exit 1
}

[[ -f $JAR ]] || die "the server is not built ($JAR is missing): mvn package -DskipTests first"
[[ -x $LAUNCHER ]] || die "the kernel launcher $LAUNCHER is missing"
[[ -n ${JOTTER_DB_URL:-} ]] || die "JOTTER_DB_URL must name a PostgreSQL database (infra/local/postgres start prints one)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    die "needs Node 20.14 or later with npm"
fi
# 20.14: node --test --test-force-exit.
node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 14) ? 0 : 1)' ||
    die "needs Node 20.14 or later; this is $(node --version)"
command -v curl >/dev/null || die "needs curl"

# Dependencies from the lock file, again only when it changed since the last install.
if [[ ! -f $HERE/node_modules/.package-lock.json || $HERE/package-lock.json -nt $HERE/node_modules/.package-lock.json ]]; then
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Its own JOTTER_HOME: the server's runtime folder (kernels' connection files) is nobody else's.
HOME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/jotter-node-test.XXXXXX")"
LOG="$HOME_DIR/server.log"
SERVER_PID=""

stop_server() {
    local rc=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        local waited=0
        while kill -0 "$SERVER_PID" 2>/dev/null && ((waited < 150)); do
            sleep 0.2
            waited=$((waited + 1))
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if ((rc != 0)) && [[ -f $LOG ]]; then
        printf -- '--- last lines of the server log (%s) ---\n' "$LOG" >&2
        tail -n 40 "$LOG" >&2
    fi
    rm -rf "$HOME_DIR"
    exit "$rc"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
BASE="http://127.0.0.1:$PORT"

JOTTER_HOME="$HOME_DIR" JOTTER_PORT="$PORT" JOTTER_TOKEN="$TOKEN" JOTTER_KERNEL_LAUNCHER="$LAUNCHER" \
    QUARKUS_HTTP_HOST=127.0.0.1 java -jar "$JAR" >"$LOG" 2>&1 &
SERVER_PID=$!

deadline=$((SECONDS + 90))
until curl -fsS -o /dev/null --max-time 2 "$BASE/q/health/ready" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped before it was ready"
    ((SECONDS < deadline)) || die "the server was not ready within 90 s"
    sleep 0.3
done

printf 'node tests: @jupyterlab/services against %s\n' "$BASE"
cd "$HERE"
# --test-force-exit: lumino's Poll.dispose() leaves its last timer pending (KernelSpecManager's: 61 s),
# which would hold each test file's process open long after its tests are done.
JOTTER_URL="$BASE" JOTTER_TOKEN="$TOKEN" node --test --test-force-exit --test-reporter=spec "$@"
