#!/usr/bin/env bash
# Makes the example certificate layout of a gateway with cert-tools (see README.md beside this script):
#   ca/root/, ca/intermediate/        a test CA (CA authentication mode)
#   device01/module01.{key,csr,cert}.pem + device01/chain.pem   module01, CA-signed
#   device01/module02.{key,cert}.pem  module02, self-signed (thumbprint authentication mode)
# Output: certs.example/generated/ (git-ignored), or $CERTS_OUT. Nothing here is committed: keys are always generated.
# Usage: certs.example/make-example.sh [--force] [--hub <hub-name>]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${CERTS_OUT:-$here/generated}"
cert_tools="${CERT_TOOLS:-$here/../cert-tools/target/cert-tools}"
force=""
hub="<hub>"
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force="yes"; shift ;;
    --hub) hub="$2"; shift 2 ;;
    *) echo "make-example.sh: unknown argument '$1' (use --force, --hub NAME)" >&2; exit 2 ;;
  esac
done
if [ ! -x "$cert_tools" ]; then
  echo "make-example.sh: $cert_tools not found; build it first: mvn -B -ntp -pl cert-tools package" >&2
  exit 1
fi
if [ -e "$out" ]; then
  if [ -z "$force" ]; then
    echo "make-example.sh: $out already exists (use --force to make it again)" >&2
    exit 1
  fi
  rm -rf -- "$out"
fi
mkdir -p "$out"
cd "$out"
hub_args=()
[ "$hub" != "<hub>" ] && hub_args=(--hub "$hub")

echo "== CA authentication: test CA, then module01 signed by it"
"$cert_tools" ca init --dir ca --cn "Example Root CA" --intermediate-cn "Example Intermediate CA" "${hub_args[@]}"
"$cert_tools" key --out device01/module01.key.pem
"$cert_tools" csr --key device01/module01.key.pem --device device01 --module module01 --out device01/module01.csr
"$cert_tools" ca sign --ca ca/intermediate --csr device01/module01.csr \
    --out device01/module01.cert.pem --chain-out device01/chain.pem "${hub_args[@]}"

echo
echo "== Thumbprint authentication: module02 with a self-signed certificate"
"$cert_tools" key --out device01/module02.key.pem
"$cert_tools" self-signed --key device01/module02.key.pem --device device01 --module module02 \
    --days 365 --out device01/module02.cert.pem "${hub_args[@]}"

echo
echo "== Checks"
"$cert_tools" verify --cert device01/module01.cert.pem --key device01/module01.key.pem \
    --trust ca/root/ca.cert.pem --device device01 --module module01
"$cert_tools" verify --cert device01/module02.cert.pem --key device01/module02.key.pem \
    --device device01 --module module02
echo
echo "made $out"
