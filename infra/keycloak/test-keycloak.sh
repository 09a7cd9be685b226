#!/usr/bin/env bash
# Test for infra/keycloak/keycloak: a cold start (unpack, build, import), the realm's tokens and
# clients, the browser's login redirect with PKCE, a new user's default role, stop/start (warm),
# and a remembered port that is taken. Uses a throw-away JOTTER_HOME, so the first start builds
# Keycloak there: a few minutes on a busy machine. Prints the cold and warm start times and the
# server's RSS. Last line on success: "N passed, 0 failed".
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly KC="$HERE/keycloak"

# shellcheck source=SCRIPTDIR/../local/checks.sh
source "$HERE/../local/checks.sh"

on_fatal() {
    local log="${JOTTER_HOME:-/nonexistent}/keycloak/keycloak.log"
    if [[ -f $log ]]; then
        printf -- '--- last lines of %s ---\n' "$log" >&2
        tail -n 30 "$log" >&2
    fi
}

[[ -x $KC ]] || {
    echo "FAIL $KC is missing or not executable" >&2
    exit 1
}
command -v python3 >/dev/null || {
    echo "FAIL the test needs python3 (JSON and JWT decoding)" >&2
    exit 1
}

unset JOTTER_KEYCLOAK_PORT KC_BOOTSTRAP_ADMIN_USERNAME KC_BOOTSTRAP_ADMIN_PASSWORD || true
JOTTER_HOME="$(mktemp -d "${TMPDIR:-/tmp}/jotter-kc-test.XXXXXX")"
export JOTTER_HOME
readonly KC_ROOT="$JOTTER_HOME/keycloak"
LISTENER_PID=""

cleanup() {
    local rc=$?
    "$KC" stop >/dev/null 2>&1 || true
    local pid
    pid="$(cat "$KC_ROOT/keycloak.pid" 2>/dev/null || true)"
    if [[ $pid =~ ^[0-9]+$ ]]; then
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    if [[ -n $LISTENER_PID ]]; then
        kill "$LISTENER_PID" 2>/dev/null || true
    fi
    rm -rf "$JOTTER_HOME"
    exit "$rc"
}
trap cleanup EXIT

ISSUER=""
PORT=""
URL_RE='^http://127\.0\.0\.1:([0-9]+)/realms/jotter$'
WORK="$JOTTER_HOME/test"
mkdir -p "$WORK"

# Seconds since a ${EPOCHREALTIME} reading, to a tenth.
since() {
    awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

# run_start LABEL: "keycloak start" must print exactly one line, the issuer URL. Sets ISSUER, PORT.
run_start() {
    local out
    if ! out="$("$KC" start 2>"$WORK/start.err")"; then
        cat "$WORK/start.err" >&2
        fatal "$1: '$KC start' failed"
    fi
    if [[ $(printf '%s\n' "$out" | wc -l) -ne 1 ]] || ! [[ $out =~ $URL_RE ]]; then
        fatal "$1: start printed '$out', expected one line http://127.0.0.1:PORT/realms/jotter"
    fi
    pass "$1: start prints $out"
    ISSUER="$out"
    PORT="${BASH_REMATCH[1]}"
}

# runs PID: the process exists and is not a zombie.
runs() {
    local line
    read -r line 2>/dev/null <"/proc/$1/stat" || return 1
    [[ ${line##*) } != Z* ]]
}

kc_pid() {
    cat "$KC_ROOT/keycloak.pid" 2>/dev/null || true
}

# The JVM: kc.sh's child.
java_pid() {
    local pid
    pid="$(kc_pid)"
    awk '{ print $1 }' "/proc/$pid/task/$pid/children" 2>/dev/null || true
}

# fails COMMAND...: true when the command fails (its output dropped).
fails() {
    ! "$@" >/dev/null 2>&1
}

# json FIELD: a top-level field of the JSON object on stdin (nothing if absent).
json() {
    python3 -c '
import json, sys
v = json.load(sys.stdin).get(sys.argv[1])
if v is not None:
    print(v if isinstance(v, str) else json.dumps(v))
' "$1"
}

# claims TOKEN: fills CLAIM with the access token's payload; aud and roles as ",a,b,".
declare -A CLAIM
claims() {
    CLAIM=([aud]="" [roles]="" [iss]="" [azp]="" [preferred_username]="" [email]="" [name]="")
    local key value
    while IFS='=' read -r key value; do
        CLAIM[$key]="$value"
    done < <(python3 - "$1" 2>/dev/null <<'EOF'
import base64, json, sys
part = sys.argv[1].split(".")[1]
p = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
aud = p.get("aud", [])
aud = [aud] if isinstance(aud, str) else aud
roles = p.get("realm_access", {}).get("roles", [])
print("aud=," + ",".join(aud) + ",")
print("roles=," + ",".join(roles) + ",")
for k in ("iss", "azp", "preferred_username", "email", "name"):
    print(k + "=" + str(p.get(k, "")))
EOF
    )
}

# grant CLIENT USER PASSWORD: the password grant; sets CODE (HTTP status) and BODY.
grant() {
    CODE="$(curl -sS -o "$WORK/grant.json" -w '%{http_code}' \
        --data-urlencode grant_type=password --data-urlencode client_id="$1" \
        --data-urlencode username="$2" --data-urlencode password="$3" --data-urlencode scope=openid \
        "$ISSUER/protocol/openid-connect/token")" || CODE=000
    BODY="$(cat "$WORK/grant.json" 2>/dev/null || true)"
}

# has_roles WANT... : each "role" must be in CLAIM[roles], each "-role" must not.
has_roles() {
    local want
    for want in "$@"; do
        if [[ $want == -* ]]; then
            [[ ${CLAIM[roles]} != *",${want#-},"* ]] || return 1
        else
            [[ ${CLAIM[roles]} == *",$want,"* ]] || return 1
        fi
    done
}

# check_user_token LABEL USER CLIENT ROLES...: the claims every Jotter token must carry.
check_user_token() {
    local label="$1" user="$2" client="$3"
    shift 3
    if [[ ${CLAIM[aud]} == *,jotter-server,* && ${CLAIM[iss]} == "$ISSUER" && ${CLAIM[azp]} == "$client" ]]; then
        pass "$label: aud has jotter-server, iss is the issuer, azp $client"
    else
        fail "$label: aud '${CLAIM[aud]}', iss '${CLAIM[iss]}', azp '${CLAIM[azp]}'"
    fi
    if [[ ${CLAIM[preferred_username]} == "$user" && ${CLAIM[email]} == "$user@example.org" && -n ${CLAIM[name]} ]]; then
        pass "$label: preferred_username, email and name ('${CLAIM[name]}')"
    else
        fail "$label: preferred_username '${CLAIM[preferred_username]}', email '${CLAIM[email]}', name '${CLAIM[name]}'"
    fi
    if has_roles "$@"; then
        pass "$label: realm roles ${CLAIM[roles]} match $*"
    else
        fail "$label: realm roles ${CLAIM[roles]} do not match $*"
    fi
}

# auth_request REDIRECT_URI [PKCE: yes|no]: GET the authorization endpoint as jotter-web; sets
# CODE, LOCATION and leaves the page in $WORK/auth.html (cookies in $WORK/cookies).
readonly VERIFIER=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk # RFC 7636, appendix B
readonly CHALLENGE=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
auth_request() {
    local -a pkce=()
    if [[ ${2:-yes} == yes ]]; then
        pkce=(--data-urlencode code_challenge="$CHALLENGE" --data-urlencode code_challenge_method=S256)
    fi
    rm -f "$WORK/cookies"
    local out
    out="$(curl -sS -G -c "$WORK/cookies" -b "$WORK/cookies" -o "$WORK/auth.html" -w '%{http_code} %{redirect_url}' \
        --data-urlencode client_id=jotter-web --data-urlencode response_type=code \
        --data-urlencode scope=openid --data-urlencode state=s1 --data-urlencode redirect_uri="$1" \
        "${pkce[@]}" "$ISSUER/protocol/openid-connect/auth")" || out="000 "
    CODE="${out%% *}"
    LOCATION="${out#* }"
}

T0=$SECONDS

# 1. Cold start: unpack (the zip from the local Maven repository), build, import the realm.
t="$EPOCHREALTIME"
run_start "cold start"
COLD="$(since "$t")"

discovery="$(curl -fsS "$ISSUER/.well-known/openid-configuration")" || fatal "no discovery document at $ISSUER"
if [[ "$(json issuer <<<"$discovery")" == "$ISSUER" && "$(json token_endpoint <<<"$discovery")" == "$ISSUER/"* ]]; then
    pass "the discovery document names issuer $ISSUER"
else
    fail "the discovery document names issuer '$(json issuer <<<"$discovery")'"
fi

if command -v ss >/dev/null; then
    listeners="$(ss -Htln "sport = :$PORT" | awk '{ print $4 }')"
    # A dual-stack socket bound to 127.0.0.1 shows as [::ffff:127.0.0.1].
    if [[ -n $listeners ]] && ! grep -qvE "^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):$PORT\$" <<<"$listeners"; then
        pass "listens on 127.0.0.1:$PORT only"
    else
        fail "listens on: $(tr '\n' ' ' <<<"$listeners")"
    fi
fi

if [[ "$(stat -c %a "$KC_ROOT/admin" 2>/dev/null)" == 600 ]] && grep -q '^KC_BOOTSTRAP_ADMIN_PASSWORD=.' "$KC_ROOT/admin"; then
    pass "the bootstrap admin is in \$JOTTER_HOME/keycloak/admin (mode 600)"
else
    fail "\$JOTTER_HOME/keycloak/admin is missing, empty or not mode 600"
fi

if [[ "$("$KC" url)" == "$ISSUER" ]]; then
    pass "url prints the issuer"
else
    fail "url printed '$("$KC" url || true)'"
fi

# 2. The demo users' tokens from jotter-cli's password grant.
for spec in "student1 student -instructor -admin" "student2 student -instructor -admin" \
    "instructor1 instructor -admin" "admin1 admin instructor"; do
    read -r user roles <<<"$spec"
    grant jotter-cli "$user" "$user"
    if [[ $CODE != 200 ]]; then
        fail "$user: password grant answered $CODE: $BODY"
        continue
    fi
    claims "$(json access_token <<<"$BODY")"
    # shellcheck disable=SC2086 # roles is a list
    check_user_token "$user" "$user" jotter-cli $roles
done

if token="$("$KC" token student2 2>"$WORK/token.err")"; then
    claims "$token"
    check "'keycloak token student2' prints student2's token" test "${CLAIM[preferred_username]}" = student2
else
    fail "'keycloak token student2' failed: $(cat "$WORK/token.err")"
fi
check "'keycloak token student1 WRONG' fails" fails "$KC" token student1 wrong

grant jotter-cli student1 wrong
if [[ ($CODE == 400 || $CODE == 401) && "$(json error <<<"$BODY")" == invalid_grant ]]; then
    pass "a wrong password is refused ($CODE invalid_grant)"
else
    fail "a wrong password answered $CODE: $BODY"
fi

grant jotter-web student1 student1
if [[ $CODE == 400 && "$(json error <<<"$BODY")" == unauthorized_client ]]; then
    pass "jotter-web refuses the password grant ($CODE unauthorized_client)"
else
    fail "jotter-web's password grant answered $CODE: $BODY"
fi

# 3. The browser's client: the login form for loopback redirect URIs, with PKCE required.
for redirect in http://127.0.0.1:8888/ http://localhost:5173/notebooks/callback; do
    auth_request "$redirect"
    if [[ $CODE == 200 ]] && grep -q 'id="kc-form-login"' "$WORK/auth.html"; then
        pass "jotter-web with redirect_uri $redirect and PKCE gets the login form"
    else
        fail "jotter-web with redirect_uri $redirect: $CODE $(grep -o 'Invalid parameter[^<]*' "$WORK/auth.html" || true)"
    fi
done
auth_request http://evil.example/
if [[ $CODE == 400 ]] && grep -q 'Invalid parameter: redirect_uri' "$WORK/auth.html"; then
    pass "jotter-web refuses redirect_uri http://evil.example/"
else
    fail "jotter-web with redirect_uri http://evil.example/ answered $CODE"
fi
auth_request http://127.0.0.1:8888/ no
if [[ $LOCATION == http://127.0.0.1:8888/?error=invalid_request* && $LOCATION == *code_challenge_method* ]]; then
    pass "jotter-web without PKCE is sent back with error=invalid_request"
else
    fail "jotter-web without PKCE: $CODE $LOCATION"
fi

# The whole login: post the form, take the code, exchange it with the verifier from a page's origin.
auth_request http://127.0.0.1:8888/
action="$(grep -o 'id="kc-form-login"[^>]*action="[^"]*"' "$WORK/auth.html" | sed 's/.*action="//; s/"$//; s/&amp;/\&/g' || true)"
LOCATION="$(curl -sS -c "$WORK/cookies" -b "$WORK/cookies" -o /dev/null -w '%{redirect_url}' \
    --data-urlencode username=student1 --data-urlencode password=student1 "$action" || true)"
code="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$LOCATION")"
if [[ $LOCATION == http://127.0.0.1:8888/?* && -n $code ]]; then
    pass "the login form sends student1 back to the redirect URI with a code"
    CODE="$(curl -sS -D "$WORK/headers" -o "$WORK/code.json" -w '%{http_code}' -H 'Origin: http://127.0.0.1:8888' \
        --data-urlencode grant_type=authorization_code --data-urlencode client_id=jotter-web \
        --data-urlencode code="$code" --data-urlencode redirect_uri=http://127.0.0.1:8888/ \
        --data-urlencode code_verifier="$VERIFIER" "$ISSUER/protocol/openid-connect/token")" || CODE=000
    if [[ $CODE == 200 ]]; then
        pass "the code and the PKCE verifier give tokens"
        claims "$(json access_token <"$WORK/code.json")"
        check_user_token "jotter-web's token" student1 jotter-web student -instructor
        check "the token answer allows the page's origin (CORS)" \
            grep -qi '^access-control-allow-origin: http://127.0.0.1:8888' "$WORK/headers"
    else
        fail "exchanging the code answered $CODE: $(cat "$WORK/code.json")"
    fi
else
    fail "posting the login form led to '$LOCATION'"
fi

for spec in "http://127.0.0.1:8888/bye 302" "http://localhost:3000/ 302" "http://evil.example/ 400"; do
    read -r redirect want <<<"$spec"
    got="$(curl -sS -G -o /dev/null -w '%{http_code}' --data-urlencode client_id=jotter-web \
        --data-urlencode post_logout_redirect_uri="$redirect" "$ISSUER/protocol/openid-connect/logout" || true)"
    check "logout with post_logout_redirect_uri $redirect answers $want" test "$got" = "$want"
done

# 4. A user created later gets the default role, student.
admin_user="$(sed -n 's/^KC_BOOTSTRAP_ADMIN_USERNAME=//p' "$KC_ROOT/admin")"
admin_pass="$(sed -n 's/^KC_BOOTSTRAP_ADMIN_PASSWORD=//p' "$KC_ROOT/admin")"
admin_token="$(curl -sS --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode username="$admin_user" --data-urlencode password="$admin_pass" \
    "http://127.0.0.1:$PORT/realms/master/protocol/openid-connect/token" | json access_token || true)"
created="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    -d '{"username": "newcomer", "enabled": true, "email": "newcomer@example.org", "emailVerified": true,
         "firstName": "Nia", "lastName": "Newcomer",
         "credentials": [{"type": "password", "value": "newcomer", "temporary": false}]}' \
    "http://127.0.0.1:$PORT/admin/realms/jotter/users" || true)"
if [[ $created == 201 ]]; then
    pass "the bootstrap admin creates user 'newcomer' through the admin API"
    grant jotter-cli newcomer newcomer
    claims "$(json access_token <<<"$BODY" || true)"
    check "a new user's token has the default realm role student (${CLAIM[roles]:-none})" has_roles student -instructor -admin
else
    fail "creating a user through the admin API answered '$created'"
fi

# 5. A second start while running: the same URL and process, quickly.
pid_before="$(kc_pid)"
t="$EPOCHREALTIME"
url_before="$ISSUER"
run_start "second start"
check "second start kept the URL and the process, in $(since "$t")s" \
    test "$ISSUER|$(kc_pid)" = "$url_before|$pid_before"

RSS_COLD="$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$(java_pid)/status" 2>/dev/null || echo '?')"

# 6. Stop, twice; then a warm start on the remembered port, with the realm and the new user kept.
jpid="$(java_pid)"
"$KC" stop || fatal "stop failed"
if runs "$pid_before" || { [[ -n $jpid ]] && runs "$jpid"; }; then
    fail "kc.sh or java still runs after stop"
else
    pass "stop ended kc.sh and java"
fi
check "url exits 1 after stop" fails "$KC" url
check "token fails after stop" fails "$KC" token student1
check "stop when stopped is a no-op" "$KC" stop

t="$EPOCHREALTIME"
run_start "warm start"
WARM="$(since "$t")"
check "the warm start kept the port ($PORT)" test "$ISSUER" = "$url_before"
check "the warm start skipped the realm import (it exists)" \
    grep -q "Realm 'jotter' already exists. Import skipped" "$KC_ROOT/keycloak.log"
grant jotter-cli newcomer newcomer
check "the user created before the restart still logs in" test "$CODE" = 200
grant jotter-cli admin1 admin1
claims "$(json access_token <<<"$BODY" || true)"
check "admin1's token after the warm start" test "${CLAIM[iss]:-}" = "$ISSUER"
RSS="$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$(java_pid)/status" 2>/dev/null || echo '?')"

# 7. The remembered port taken by another program: JOTTER_KEYCLOAK_PORT insists and fails, a plain
# start takes the next free port.
"$KC" stop || fatal "stop failed"
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen()
time.sleep(900)
' "$PORT" &
LISTENER_PID=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
done
if JOTTER_KEYCLOAK_PORT="$PORT" "$KC" start >/dev/null 2>"$WORK/taken.err"; then
    fail "start with JOTTER_KEYCLOAK_PORT=$PORT (taken) succeeded"
elif grep -q 'already in use' "$WORK/taken.err"; then
    pass "start with JOTTER_KEYCLOAK_PORT=$PORT (taken) fails: $(cat "$WORK/taken.err")"
else
    fail "start with JOTTER_KEYCLOAK_PORT=$PORT (taken) failed without saying why: $(cat "$WORK/taken.err")"
fi
old_port="$PORT"
run_start "start with port $old_port taken"
check "it moved to another port ($PORT)" test "$PORT" != "$old_port"
grant jotter-cli student1 student1
claims "$(json access_token <<<"$BODY" || true)"
check "tokens name the new issuer" test "${CLAIM[iss]:-}" = "$ISSUER"
kill "$LISTENER_PID" 2>/dev/null || true
LISTENER_PID=""

# 8. Final stop.
"$KC" stop || fatal "final stop failed"
check "url exits 1 after the final stop" fails "$KC" url
check "stop when stopped is a no-op (again)" "$KC" stop

printf 'measured: cold start %ss (unpack, build, first start, import), warm start %ss; RSS %s MB after the first tests, %s MB after the warm start\n' \
    "$COLD" "$WARM" "$RSS_COLD" "$RSS"
printf 'took %ss\n' "$((SECONDS - T0))"
summary
