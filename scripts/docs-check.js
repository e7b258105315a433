// Fails when docs/reference (the TypeDoc API reference) no longer matches the source: regenerate it with
// `npm run docs`. The reference is generated against the pinned @pulumi/pulumi (inherited members come from it),
// so CI's pass with the newest SDK sets CERTMANAGER_KR_SKIP_DOCS_CHECK=1.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
if (process.env.CERTMANAGER_KR_SKIP_DOCS_CHECK === "1") {
  console.log("docs:check skipped (CERTMANAGER_KR_SKIP_DOCS_CHECK=1)");
  process.exit(0);
}
const fresh = path.join(ROOT, ".tmp", "reference-check");
fs.rmSync(fresh, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--out", fresh, "--logLevel", "Warn"],
  {
    cwd: ROOT,
    stdio: "inherit",
  },
);

function files(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}
const committed = path.join(ROOT, "docs", "reference");
const names = new Set([...files(committed), ...files(fresh)]);
const stale = [...names].filter((f) => {
  const a = path.join(committed, f);
  const b = path.join(fresh, f);
  return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
});
if (stale.length > 0) {
  console.error(
    `docs/reference is stale (${stale.length} files differ, e.g. ${stale.slice(0, 3).join(", ")}): run \`npm run docs\` and commit.`,
  );
  process.exit(1);
}
console.log(`docs/reference is up to date (${names.size} files)`);
