#!/usr/bin/env bash
# Refreshes the list snapshots shipped in the engine jar from their npm packages.
#   validation-engine/scripts/refresh-lists.sh [DISPOSABLE_VERSION] [FREE_VERSION] [ROLE_VERSION] [TLDS_VERSION]
# Without arguments it takes each package's latest version. Needs npm and node.
# Writes one lower-case entry per line (sorted, deduplicated) plus a header comment naming source,
# version and licence. Record the new versions in docs/engine.md. At run time the same files can be
# overridden without a rebuild: see ListSnapshots / --lists-dir.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/main/resources/dev/mailsift/engine/lists"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

fetch() { # name version -> extracted dir
  local spec="$1${2:+@$2}"
  local tgz
  tgz="$(npm pack --silent "$spec" | tail -1)"
  mkdir -p "$1" && tar xzf "$tgz" -C "$1"
  node -e "console.log(require('./$1/package/package.json').version + ' ' + require('./$1/package/package.json').license)"
}

write() { # file source meta < entries
  { echo "# source: npm $2 $3"; tr 'A-Z' 'a-z' | sed 's/^ *//; s/ *$//' | grep -v '^$' | LC_ALL=C sort -u; } > "$out/$1"
  echo "$1: $(grep -vc '^#' "$out/$1") entries ($2 $3)"
}

meta="$(fetch disposable-email-domains-js "${1:-}")"
node -e "for (const d of require('./disposable-email-domains-js/package/dist/dict/disposable_email_blocklist.json')) console.log(d)" \
  | write disposable-domains.txt disposable-email-domains-js "$meta"

meta="$(fetch free-email-domains "${2:-}")"
node -e "for (const d of require('./free-email-domains/package/domains.json')) console.log(d)" \
  | write free-provider-domains.txt free-email-domains "$meta"

meta="$(fetch role-based-email-addresses "${3:-}")"
node -e "for (const d of require('./role-based-email-addresses/package/src/index.js')) console.log(d)" \
  | write role-local-parts.txt role-based-email-addresses "$meta"

meta="$(fetch tlds "${4:-}")"
node -e "for (const d of require('./tlds/package/index.json')) console.log(d)" \
  | write tlds.txt tlds "$meta"
