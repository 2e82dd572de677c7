#!/usr/bin/env bash
# Proves the certification path against the built mockserver, started here
# on loopback and standing in for the providers' real sandboxes:
#  1. the committed example profile (live.example.yaml, OTP codes read by
#     scripts/read-otp.sh from the stand-in's control API): every provider
#     certified, and the report's counts equal what Ginkgo ran;
#     drift.json counts no drift against the contract nor the fake (the
#     fake answers the replayed requests as the stand-in does);
#  2. no profile and no variables: a non-zero exit, every provider not-run;
#  3. a typo'd PAYSANDBOX_LIVE_ variable: a non-zero exit naming it;
#  4. a proxy (scripts/tamper) between the run and the stand-in changing
#     the requisites payment answer (doc_id renamed, payment_status a
#     number, status "ok"): requisites failed, the report and
#     exchanges.jsonl name the operation and the field, and drift.json
#     names each field with its kind;
#  5. remote mode (not live) against a second stand-in started with
#     -admin-token: refused at once without PAYSANDBOX_ADMIN_TOKEN, every
#     spec passes with it.
# Reports go to reports/live/ (run 1) and reports/live-*/ (runs 2, 3, 4).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=${1:-bin/mockserver}
suite=bin/suite.test
# make passes its prebuilt CLI (GINKGO=bin/ginkgo): `go tool ginkgo` spends
# 1-4 s deciding whether its build is current on every one of the runs here.
ginkgo=${GINKGO:-go tool ginkgo}
$ginkgo build -o "$suite" ./testsuite >/dev/null
out=$(mktemp)
"$bin" -addr 127.0.0.1:0 -log-level warn >"$out" 2>&1 &
pid=$!
tpid= rpid=
trap 'kill $pid $tpid $rpid 2>/dev/null || true; rm -f "$out" "$out.tamper" "$out.remote"' EXIT
for _ in $(seq 200); do
  grep -q 'listening on' "$out" && break
  sleep 0.05
done
base=$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$out" | head -1)
[ -n "$base" ] || { echo "mockserver did not start:"; cat "$out"; exit 1; }
case $base in http://127.0.0.1:*) ;; *) echo "refusing a non-loopback stand-in: $base"; exit 1 ;; esac

# Nothing from the caller's environment may configure these runs.
unset PAYSANDBOX_PROFILE $(env | sed -n 's/^\(PAYSANDBOX_LIVE_[A-Z_]*\)=.*/\1/p')

# run DIR EXPECT [ginkgo flags...]: one live run; EXPECT is pass or fail.
run() {
  local name=$1 dir=$root/$1 expect=$2 rc=0
  shift 2
  rm -rf "$dir" && mkdir -p "$dir"
  PAYSANDBOX_TARGET=live PAYSANDBOX_REPORT_DIR=$dir $ginkgo --no-color \
    --label-filter="${FILTER:-!needs-control && !needs-magic}" --json-report="$dir/ginkgo.json" "$@" "$suite" >"$dir/ginkgo.log" 2>&1 || rc=$?
  if { [ "$expect" = pass ] && [ $rc -ne 0 ]; } || { [ "$expect" = fail ] && [ $rc -eq 0 ]; }; then
    echo "live-smoke: $name: exit $rc, want $expect"; tail -60 "$dir/ginkgo.log"; exit 1
  fi
}

echo "== 1. example profile against the stand-in at $base"
PAYSANDBOX_PROFILE=$root/live.example.yaml PAYSANDBOX_STANDIN_URL=$base \
  STANDIN_ANOR_PASSWORD=sandbox STANDIN_ALOQA_PASSWORD=sandbox STANDIN_PAYSYS_SECRET=sandbox STANDIN_REQUISITES_PASSWORD='p@ssw0rd' \
  run reports/live pass -v
grep -E '^(Ran|certification:)' reports/live/ginkgo.log || true
go run ./scripts/certcheck -dir reports/live -ginkgo reports/live/ginkgo.json -result PASS \
  -want anorbank=certified,aloqa=certified,paysys=certified,requisites=certified -contract-drift 0 -fake-drift 0

echo "== 2. no profile, no variables"
run reports/live-unconfigured fail
grep -q 'nothing to certify' reports/live-unconfigured/ginkgo.log || { echo "live-smoke: the unconfigured run does not say why"; exit 1; }
go run ./scripts/certcheck -dir reports/live-unconfigured -ginkgo reports/live-unconfigured/ginkgo.json -result FAIL \
  -want anorbank=not-run,aloqa=not-run,paysys=not-run,requisites=not-run

echo "== 3. a typo'd variable"
PAYSANDBOX_LIVE_ANORBANK_URL=$base/anorbank PAYSANDBOX_LIVE_ANORBANK_USERNAME=sandbox PAYSANDBOX_LIVE_ANORBANK_PASWORD=sandbox \
  run reports/live-typo fail
grep -q 'PAYSANDBOX_LIVE_ANORBANK_PASWORD: unknown variable' reports/live-typo/ginkgo.log || { echo "live-smoke: the typo is not named"; exit 1; }
echo "== 4. a proxy changes one answer: requisites payment, a field renamed, a string a number, a status string"
go build -o bin/tamper ./scripts/tamper
bin/tamper -to "$base" -method POST -path /requisites/api/v2/payment \
  -edit 'data.doc_id=>document_id' -edit 'data.payment_status=42' -edit 'status="ok"' >"$out.tamper" 2>&1 &
tpid=$!
for _ in $(seq 100); do grep -q 'listening on' "$out.tamper" && break; sleep 0.05; done
proxy=$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$out.tamper" | head -1)
[ -n "$proxy" ] || { echo "tamper did not start:"; cat "$out.tamper"; exit 1; }
PAYSANDBOX_PROFILE=$root/live.example.yaml PAYSANDBOX_STANDIN_URL=$base PAYSANDBOX_LIVE_REQUISITES_URL=$proxy/requisites \
  STANDIN_ANOR_PASSWORD=sandbox STANDIN_ALOQA_PASSWORD=sandbox STANDIN_PAYSYS_SECRET=sandbox STANDIN_REQUISITES_PASSWORD='p@ssw0rd' \
  FILTER='provider:requisites && !needs-control && !needs-magic' run reports/live-tampered fail
op=payment
go run ./scripts/certcheck -dir reports/live-tampered -ginkgo reports/live-tampered/ginkgo.json -result FAIL \
  -want requisites=failed,anorbank=not-run -failed-with requisites:document_id -violation "$op:document_id" \
  -drift "requisites $op /data/doc_id missing" -drift "requisites $op /data/document_id extra" \
  -drift "requisites $op /data/payment_status type" -drift "requisites $op /status enum" \
  -drift "requisites $op /data/document_id shape-vs-fake"
echo "== 5. remote mode against a stand-in with an admin token"
"$bin" -addr 127.0.0.1:0 -log-level warn -admin-token smoke-token >"$out.remote" 2>&1 &
rpid=$!
for _ in $(seq 200); do grep -q 'listening on' "$out.remote" && break; sleep 0.05; done
remote=$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$out.remote" | head -1)
[ -n "$remote" ] || { echo "mockserver did not start:"; cat "$out.remote"; exit 1; }
rc=0
PAYSANDBOX_TARGET=$remote PAYSANDBOX_REPORT_DIR=$root/reports/remote-notoken $ginkgo --no-color "$suite" >reports/remote-notoken.log 2>&1 || rc=$?
[ $rc -ne 0 ] && grep -q 'export PAYSANDBOX_ADMIN_TOKEN' reports/remote-notoken.log || { echo "live-smoke: a remote run without the token did not stop with the fix"; tail -30 reports/remote-notoken.log; exit 1; }
PAYSANDBOX_TARGET=$remote PAYSANDBOX_ADMIN_TOKEN=smoke-token PAYSANDBOX_REPORT_DIR=$root/reports/remote-token \
  $ginkgo -p --no-color "$suite" >reports/remote-token.log 2>&1 || { echo "live-smoke: remote run with the token failed"; grep -A12 '\[FAIL' reports/remote-token.log | head -60; exit 1; }
grep -E '^Ran ' reports/remote-token.log
echo "live-smoke: ok"
