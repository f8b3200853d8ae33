#!/usr/bin/env bash
# Rebuild the partial plotly.js bundle from the locked npm packages (package-lock.json):
#   cd components/plotly_bundle && ./build.sh
# Writes ../assets/vendor/plotly-<version>-partial.<sha256:12>.min.js (and removes older builds). The file is
# committed; the app serves it with a long max-age because its name changes with its content.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
version=$(node -p "require('plotly.js/package.json').version")
out=$(mktemp)
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --define:global=window \
  --legal-comments=eof --log-level=warning --outfile="$out"
hash=$(sha256sum "$out" | cut -c1-12)
mkdir -p ../assets/vendor
rm -f ../assets/vendor/plotly-*-partial.*.min.js
install -m 644 "$out" "../assets/vendor/plotly-${version}-partial.${hash}.min.js"
rm -f "$out"
echo "../assets/vendor/plotly-${version}-partial.${hash}.min.js"
