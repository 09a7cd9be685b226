#!/usr/bin/env bash
# The browser tests: real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
# against the built server and real Java kernels. Starts the server on a free port with a fixed token,
# a scratch JOTTER_HOME and the database in JOTTER_DB_URL, runs `node --test` on tests/e2e, then stops
# the server (which stops its kernels). ./jotter test runs it after the Maven build.
#
# Needs: the server built with the frontend (mvn package), JOTTER_DB_URL (with JOTTER_DB_USER /
# JOTTER_DB_PASSWORD if the database wants them), Node 20.14 or later, web-frontend's node_modules
# (the Maven build installs them), and Chromium (`apt-get install chromium`; CHROMIUM names another).
# Each test leaves a screenshot of its final state in web-frontend/target/e2e-screenshots/.
# Extra arguments go to `node --test`: a file (tests/e2e/xss.test.mjs), --test-name-pattern=restart, ...
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FRONTEND="$(cd "$HERE/../.." && pwd)"
# Fixed, so a failed run can be replayed by hand against the same server; it guards only 127.0.0.1.
TOKEN="e2e-test-token-0123456789abcdef0123456789abcdef"
SHOTS="$FRONTEND/target/e2e-screenshots"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
SCRATCH_WHO="browser tests"
# shellcheck source=SCRIPTDIR/../../../infra/local/scratch-server.sh
source "$FRONTEND/../infra/local/scratch-server.sh"

scratch_node_ready
[[ -x $CHROMIUM ]] || scratch_die "needs Chromium at $CHROMIUM: sudo apt-get install chromium"
[[ -d $FRONTEND/node_modules/playwright-core ]] || (cd "$FRONTEND" && node scripts/ensure-deps.mjs)
# The access log lets the XSS test see every request the server received (its observable: a marker
# path that must never arrive).
# No warm kernel: the tests watch kernels start (one presses Shift+Enter before its kernel is ready).
# Two "gpu-t4" runtimes that stand in for GPUs on the CPU (JOTTER_CPU_STAND_INS: the Java kernel runs TensorFlow's
# CPU build, CUDA_VISIBLE_DEVICES empty): runtimes.test.mjs fills the type to watch a request queue, and books the
# one a reservable share of 0.5 leaves. One "gpu-l4" that is a real GPU type: on this machine, which has none, its
# kernel refuses to start, and the notebook says why.
scratch_server_start "$TOKEN" QUARKUS_HTTP_ACCESS_LOG_ENABLED=true JOTTER_KERNELS_WARM_POOL=0 JOTTER_GPU_T4_RUNTIMES=2 \
    JOTTER_CPU_STAND_INS=gpu-t4 JOTTER_GPU_L4_RUNTIMES=1
curl -fsS -o /dev/null -H "Authorization: token $TOKEN" "$SCRATCH_URL/" ||
    scratch_die "the server at $SCRATCH_URL does not serve the browser notebook at /"

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
printf 'browser tests: Chromium against %s (screenshots: %s)\n' "$SCRATCH_URL" "$SHOTS"
cd "$FRONTEND"
if (($# == 0)); then
    set -- tests/e2e/*.test.mjs
fi
# Two files at a time: most of a test's time is spent waiting on a kernel, not on the CPU.
JOTTER_URL="$SCRATCH_URL" JOTTER_TOKEN="$TOKEN" JOTTER_SERVER_LOG="$SCRATCH_LOG" JOTTER_E2E_SHOTS="$SHOTS" \
    node --test --test-force-exit --test-concurrency=2 --test-reporter=spec "$@"
