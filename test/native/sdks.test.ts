/**
 * Issue 23 §5: the SDKs generated from schema.json (scripts/build-sdks.sh, sdkgen/ on pulumi/pkg's generators) are
 * usable code in their languages. Go: examples/go, which uses every resource and function, builds and vets against
 * the generated SDK and github.com/pulumi/pulumi/sdk/v3 from the module proxy. Python: the package byte-compiles, and
 * so does the README's Python example, whose calls, keywords and properties must be the SDK's.
 * Node.js: the package type-checks against this repo's @pulumi/pulumi. Needs `go` and `python3` on PATH.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTIONS, RESOURCES } from "../../provider/native/registry";

const ROOT = path.resolve(__dirname, "../..");
const SDK = path.join(ROOT, "build", "sdk");
const GO_EXAMPLE = path.join(ROOT, "examples", "go");
const TSC = require.resolve("typescript/bin/tsc");
// Cold (empty Go build cache) the Go steps take minutes; warm, seconds.
const COLD = 15 * 60_000;
// Flags as scripts/pulumi-cli.sh builds with; -mod=readonly so that an incomplete go.sum fails instead of growing.
const GO_ENV = {
  ...process.env,
  GOTOOLCHAIN: "local",
  CGO_ENABLED: "0",
  GOFLAGS: `${process.env.GOFLAGS ?? ""} -mod=readonly`.trim(),
};

function run(cmd: string, args: string[], cwd: string, env = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function expectOk(r: SpawnSyncReturns<string>, what: string): void {
  if (r.error) throw new Error(`${what}: ${r.error.message} (is it installed and on PATH?)`);
  expect(r.status, `${what} failed:\n${r.stdout}${r.stderr}`).toBe(0);
}

/** `certmanager-kr:ncloud:GlobalDnsRecord` → `GlobalDnsRecord`; `…:getCertificates` → `GetCertificates`. */
function goName(token: string): string {
  const name = token.split(":")[2];
  return name[0].toUpperCase() + name.slice(1);
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "dist", "native", "schema.js"))) throw new Error("npm run build first");
  expectOk(run("bash", [path.join(ROOT, "scripts", "build-sdks.sh")], ROOT, GO_ENV), "scripts/build-sdks.sh");
}, COLD);

describe("SDKs generated from the schema", () => {
  it("examples/go uses every resource and function of the schema", () => {
    const program = fs.readFileSync(path.join(GO_EXAMPLE, "main.go"), "utf8");
    const missing = [
      ...Object.keys(RESOURCES).map((t) => `${t.split(":")[1]}.New${goName(t)}(`),
      ...Object.keys(FUNCTIONS).map((t) => `${t.split(":")[1]}.${goName(t)}`),
    ].filter((call) => !program.includes(call));
    expect(missing, "add these to examples/go/main.go").toEqual([]);
  });

  it(
    "Go: examples/go and every package of the SDK build and vet against github.com/pulumi/pulumi/sdk/v3",
    () => {
      const packages = [".", "example.com/pulumi-certmanager-kr/sdk/go/certmanagerkr/..."];
      expectOk(run("go", ["build", ...packages], GO_EXAMPLE, GO_ENV), "go build");
      expectOk(run("go", ["vet", ...packages], GO_EXAMPLE, GO_ENV), "go vet");
    },
    COLD,
  );

  it("Python: the package and the README's Python example byte-compile; the example calls what the SDK defines", () => {
    const pkg = path.join(SDK, "python", "pulumi_certmanager_kr");
    expect(fs.existsSync(path.join(pkg, "ncloud", "advanced_certificate.py"))).toBe(true);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/^```python\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    const examples = path.join(SDK, "readme-python");
    fs.rmSync(examples, { recursive: true, force: true });
    fs.mkdirSync(examples);
    for (const [i, code] of blocks.entries()) fs.writeFileSync(path.join(examples, `block_${i + 1}.py`), code);
    const dirs = [path.join(SDK, "python"), examples];
    expectOk(run("python3", ["-m", "compileall", "-q", ...dirs], ROOT), "python3 -m compileall");
    // Names, keyword arguments and properties the example uses must be the SDK's (it cannot be imported here).
    const programs = blocks.map((_, i) => path.join(examples, `block_${i + 1}.py`));
    expectOk(run("python3", [path.join(__dirname, "python_sdk_calls.py"), pkg, ...programs], ROOT), "README's Python");
  });

  it("Node.js: the package type-checks against this repo's @pulumi/pulumi", () => {
    expectOk(
      run(process.execPath, [TSC, "-p", path.join(SDK, "nodejs", "tsconfig.json"), "--noEmit"], ROOT),
      "tsc --noEmit",
    );
  });
});
