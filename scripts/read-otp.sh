#!/usr/bin/env bash
# An OTP source for a live profile (otp: {command: ./scripts/read-otp.sh {phone}}):
# prints the newest SMS code sent to the phone. This one reads the local
# stand-in's control API (PAYSANDBOX_STANDIN_URL, with PAYSANDBOX_ADMIN_TOKEN
# when the stand-in has one); for a real sandbox, replace the request with
# your SMS gateway's or shared inbox's API. Anything on stderr and a
# non-zero exit fail the spec that asked.
set -euo pipefail
phone=${1:?usage: read-otp.sh PHONE}
base=${PAYSANDBOX_STANDIN_URL:?PAYSANDBOX_STANDIN_URL is not set}
path="/__admin/sms?phone=$phone"
if command -v curl >/dev/null 2>&1; then
  body=$(curl -fsS ${PAYSANDBOX_ADMIN_TOKEN:+-H "Authorization: Bearer $PAYSANDBOX_ADMIN_TOKEN"} "$base$path")
else
  # No curl on a bare CI machine: plain HTTP/1.0 over bash's /dev/tcp (loopback only).
  hostport=${base#http://}; hostport=${hostport%%/*}
  exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}"
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n%s\r\n' "$path" "$hostport" \
    "${PAYSANDBOX_ADMIN_TOKEN:+Authorization: Bearer $PAYSANDBOX_ADMIN_TOKEN$'\r\n'}" >&3
  body=$(cat <&3)
  exec 3<&-
fi
code=$(printf '%s' "$body" | grep -o '"code":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
[ -n "$code" ] || { echo "no SMS to $phone yet" >&2; exit 1; }
echo "$code"
