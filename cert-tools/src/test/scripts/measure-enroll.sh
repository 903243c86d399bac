#!/usr/bin/env bash
# Cold `cert-tools enroll` against a local-hub EST server: 5 fresh JVMs, median wall time; for scale, the median of
# 5 cold `cert-tools --version`. Needs `mvn -pl cert-tools,local-hub package -DskipTests` first. Binds 127.0.0.94:8883,
# :8443 and :9443 (on a shared machine run it in a private network namespace, e.g. /work/wt/netns-run).
set -euo pipefail
REPO=${REPO:-$(cd "$(dirname "$0")/../../../.." && pwd)}
W=$(mktemp -d)
HUB=
trap '[ -n "$HUB" ] && kill "$HUB" 2>/dev/null && wait "$HUB" 2>/dev/null; rm -rf "$W"' EXIT
"$REPO/local-hub/target/local-hub" serve --bind 127.0.0.94 --data-dir "$W/hub" --est-port 9443 --est-validity 10m >"$W/hub.log" 2>&1 &
HUB=$!
for _ in $(seq 1 300); do grep -q "EST server:" "$W/hub.log" && break; sleep 0.1; done
grep -q "EST server:" "$W/hub.log" || { cat "$W/hub.log"; exit 1; }
printf 'measure-pass-1\n' > "$W/pw"
"$REPO/local-hub/target/local-hub" est credentials --data-dir "$W/hub" --username factory --password-file "$W/pw" >/dev/null
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
enroll=() version=()
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$REPO/cert-tools/target/cert-tools" enroll --url https://127.0.0.94:9443/.well-known/est --trust "$W/hub/ca/ca.cert.pem" \
      --device dev1 --module "mod$i" --username factory --password-file "$W/pw" --key-out "$W/k$i.pem" --out "$W/c$i.pem" >"$W/out$i.txt"
  enroll+=("$(ms "$start" "$(date +%s%N)")")
  start=$(date +%s%N)
  "$REPO/cert-tools/target/cert-tools" --version >/dev/null
  version+=("$(ms "$start" "$(date +%s%N)")")
done
cat "$W/out1.txt"
echo "enroll runs (ms):    ${enroll[*]}   median $(median "${enroll[@]}")"
echo "--version runs (ms): ${version[*]}   median $(median "${version[@]}")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
