#!/usr/bin/env bash
# The browser tests of accounts: headless Chromium signs in through the real Keycloak (whose realm URL
# is JOTTER_TEST_OIDC_URL: ./jotter test starts it) to a server with accounts on, started here on a free
# port with a scratch JOTTER_HOME and the database in JOTTER_DB_URL. Same needs as tests/e2e/run.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FRONTEND="$(cd "$HERE/../.." && pwd)"
SHOTS="$FRONTEND/target/e2e-screenshots"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
SCRATCH_WHO="accounts browser tests"
# shellcheck source=SCRIPTDIR/../../../infra/local/scratch-server.sh
source "$FRONTEND/../infra/local/scratch-server.sh"

scratch_node_ready
[[ -n ${JOTTER_TEST_OIDC_URL:-} ]] || scratch_die "JOTTER_TEST_OIDC_URL must name the jotter realm (infra/keycloak/keycloak start prints it)"
[[ -x $CHROMIUM ]] || scratch_die "needs Chromium at $CHROMIUM: sudo apt-get install chromium"
[[ -d $FRONTEND/node_modules/playwright-core ]] || (cd "$FRONTEND" && node scripts/ensure-deps.mjs)
# No single-user token in this mode: the one given to the scratch server is never accepted.
scratch_server_start "unused-in-accounts-mode" JOTTER_OIDC_ENABLED=true JOTTER_OIDC_URL="$JOTTER_TEST_OIDC_URL" \
    JOTTER_KERNELS_WARM_POOL=0

mkdir -p "$SHOTS"
printf 'accounts browser tests: Chromium against %s, Keycloak at %s\n' "$SCRATCH_URL" "$JOTTER_TEST_OIDC_URL"
cd "$FRONTEND"
JOTTER_URL="$SCRATCH_URL" JOTTER_TOKEN="unused-in-accounts-mode" JOTTER_SERVER_LOG="$SCRATCH_LOG" JOTTER_E2E_SHOTS="$SHOTS" \
    node --test --test-force-exit --test-reporter=spec tests/accounts/*.test.mjs
