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
# Fixed, so a failed run can be replayed by hand against the same server; it guards only 127.0.0.1.
TOKEN="node-test-token-0123456789abcdef0123456789abcdef"
SCRATCH_WHO="node tests"
# shellcheck source=SCRIPTDIR/../../../../infra/local/scratch-server.sh
source "$ROOT/infra/local/scratch-server.sh"
scratch_node_ready

# Dependencies from the lock file, again only when it changed since the last install.
if [[ ! -f $HERE/node_modules/.package-lock.json || $HERE/package-lock.json -nt $HERE/node_modules/.package-lock.json ]]; then
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

scratch_server_start "$TOKEN"

printf 'node tests: @jupyterlab/services against %s\n' "$SCRATCH_URL"
cd "$HERE"
# --test-force-exit: lumino's Poll.dispose() leaves its last timer pending (KernelSpecManager's: 61 s),
# which would hold each test file's process open long after its tests are done.
JOTTER_URL="$SCRATCH_URL" JOTTER_TOKEN="$TOKEN" node --test --test-force-exit --test-reporter=spec "$@"
