#!/usr/bin/env node
// Prints the slowest test files of a vitest run from its JSON report (vitest's `json` reporter), so CI shows where
// the suite's time goes: `node scripts/slowest-tests.js report.json [count]`.
const fs = require("node:fs");

const [file, count = "10"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/slowest-tests.js <vitest-json-report> [count]");
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const files = (report.testResults ?? [])
  .map((r) => ({
    name: require("node:path").relative(process.cwd(), r.name),
    seconds: (r.endTime - r.startTime) / 1000,
    tests: (r.assertionResults ?? []).length,
  }))
  .sort((a, b) => b.seconds - a.seconds);
const total = files.reduce((sum, f) => sum + f.seconds, 0);
console.log(
  `slowest ${Math.min(Number(count), files.length)} of ${files.length} test files (${total.toFixed(0)} s of file time in all):`,
);
for (const f of files.slice(0, Number(count))) {
  console.log(`  ${f.seconds.toFixed(1).padStart(7)} s  ${String(f.tests).padStart(4)} tests  ${f.name}`);
}
