#!/usr/bin/env bash
# Writes schema.json of package certmanager-kr (from dist/: `npm run build` first) and its Go, Python and Node.js
# SDKs into build/sdk/{go,python,nodejs} (git-ignored; a release would publish them, README "Other languages").
# sdkgen/ is a small Go tool on pulumi/pkg's code generators, built with the flags scripts/pulumi-cli.sh builds the
# CLI with, so its packages come from the same Go build cache.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/sdk"
mkdir -p "$out"
node -e '
  const { buildSchema } = require(process.argv[1] + "/dist/native/schema.js");
  const schema = buildSchema(require(process.argv[1] + "/package.json").version);
  require("node:fs").writeFileSync(process.argv[2], `${JSON.stringify(schema, null, 2)}\n`);
' "$root" "$out/schema.json"
export GOTOOLCHAIN=local CGO_ENABLED=0
(cd "$root/sdkgen" && go build -trimpath -o "$root/build/sdkgen" .)
"$root/build/sdkgen" "$out/schema.json" "$out"
