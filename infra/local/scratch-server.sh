# shellcheck shell=bash
# Sourced by the tests that drive the built server from Node (server/src/test/node/run.sh,
# web-frontend/tests/e2e/run.sh): the server on a free port with a fixed token, a scratch JOTTER_HOME
# and the database in JOTTER_DB_URL, stopped (with its kernels) when the script exits. Sets
# SCRATCH_URL, SCRATCH_LOG; extra NAME=VALUE arguments to scratch_server_start go to the server's
# environment. SCRATCH_WHO names the caller in error messages.

SCRATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH_PID=""
SCRATCH_HOME=""
SCRATCH_URL=""
SCRATCH_LOG=""

scratch_die() {
    printf '%s: %s\n' "${SCRATCH_WHO:-scratch server}" "$*" >&2
    exit 1
}

# Stops the server (TERM, then KILL after 30 s); on failure shows the end of its log.
scratch_server_stop() {
    local rc=$?
    if [[ -n $SCRATCH_PID ]] && kill -0 "$SCRATCH_PID" 2>/dev/null; then
        kill -TERM "$SCRATCH_PID" 2>/dev/null || true
        local waited=0
        while kill -0 "$SCRATCH_PID" 2>/dev/null && ((waited < 150)); do
            sleep 0.2
            waited=$((waited + 1))
        done
        kill -KILL "$SCRATCH_PID" 2>/dev/null || true
        wait "$SCRATCH_PID" 2>/dev/null || true
    fi
    if ((rc != 0)) && [[ -f $SCRATCH_LOG ]]; then
        printf -- '--- last lines of the server log (%s) ---\n' "$SCRATCH_LOG" >&2
        tail -n 40 "$SCRATCH_LOG" >&2
    fi
    [[ -z $SCRATCH_HOME ]] || rm -rf "$SCRATCH_HOME"
    exit "$rc"
}

# scratch_server_start TOKEN [NAME=VALUE...]: starts the server and waits until it is ready.
scratch_server_start() {
    local token="$1"
    shift
    local jar="$SCRATCH_ROOT/server/target/quarkus-app/quarkus-run.jar"
    local launcher="$SCRATCH_ROOT/notebook-kernel/kernel/bin/jotter-kernel"
    [[ -f $jar ]] || scratch_die "the server is not built ($jar is missing): mvn package -DskipTests first"
    [[ -x $launcher ]] || scratch_die "the kernel launcher $launcher is missing"
    [[ -n ${JOTTER_DB_URL:-} ]] || scratch_die "JOTTER_DB_URL must name a PostgreSQL database (infra/local/postgres start prints one)"
    command -v curl >/dev/null || scratch_die "needs curl"
    trap scratch_server_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # Its own JOTTER_HOME: the server's runtime folder (kernels' connection files) is nobody else's.
    SCRATCH_HOME="$(mktemp -d "${TMPDIR:-/tmp}/jotter-frontend.XXXXXX")"
    SCRATCH_LOG="$SCRATCH_HOME/server.log"
    local port
    port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
    SCRATCH_URL="http://127.0.0.1:$port"
    # Tests start many kernels side by side: room for them beyond a laptop's default of 8 (a caller's env wins).
    env JOTTER_HOME="$SCRATCH_HOME" JOTTER_PORT="$port" JOTTER_TOKEN="$token" JOTTER_KERNEL_LAUNCHER="$launcher" \
        JOTTER_CPU_RUNTIMES="${JOTTER_CPU_RUNTIMES:-64}" \
        QUARKUS_HTTP_HOST=127.0.0.1 "$@" java -jar "$jar" >"$SCRATCH_LOG" 2>&1 &
    SCRATCH_PID=$!
    local deadline=$((SECONDS + 90))
    until curl -fsS -o /dev/null --max-time 2 "$SCRATCH_URL/q/health/ready" 2>/dev/null; do
        kill -0 "$SCRATCH_PID" 2>/dev/null || scratch_die "the server stopped before it was ready"
        ((SECONDS < deadline)) || scratch_die "the server was not ready within 90 s"
        sleep 0.3
    done
}

# Node 20.14 or later, with npm: the tests run with `node --test --test-force-exit`.
scratch_node_ready() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        scratch_die "needs Node 20.14 or later with npm"
    fi
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 14) ? 0 : 1)' ||
        scratch_die "needs Node 20.14 or later; this is $(node --version)"
}
