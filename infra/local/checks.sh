# shellcheck shell=bash
# Sourced by the scripts that test infra/local for real (test-postgres.sh, test-up.sh): one line per
# check, "ok   ..." or "FAIL ...", and a last line "N passed, M failed" that the exit status agrees with.
# A script may define on_fatal to show what explains a fatal failure (a log's last lines).

PASSED=0
FAILED=0

pass() {
    PASSED=$((PASSED + 1))
    printf 'ok   %s\n' "$*"
}

fail() {
    FAILED=$((FAILED + 1))
    printf 'FAIL %s\n' "$*" >&2
}

# check WHAT COMMAND...: passes when the command succeeds.
check() {
    local what="$1"
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# A failure after which nothing else makes sense.
fatal() {
    fail "$*"
    if declare -F on_fatal >/dev/null; then
        on_fatal
    fi
    summary
    exit 1
}

# The last line, and the status: 0 only when nothing failed.
summary() {
    printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
    ((FAILED == 0))
}
