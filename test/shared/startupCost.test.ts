/**
 * What a provider host loads before its first call. Every `pulumi preview` starts one, so the implementation loads
 * only the parts of undici and node-forge it uses (see shared/undiciAgent.ts, crypto/asn1.ts) — checked on the
 * built dist/ in a fresh Node process, together with the fact that those parts still work.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const DIST = path.resolve(__dirname, "../../dist");

function inFreshNode(script: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ["-e", script], { cwd: path.dirname(DIST), encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop() as string);
}

describe("provider start-up", () => {
  it("loading the implementation pulls in neither undici's index nor forge's TLS/PKI code", () => {
    const seen = inFreshNode(`
      require(${JSON.stringify(path.join(DIST, "runtime", "index.js"))});
      const files = Object.keys(require.cache);
      const has = (p) => files.some((f) => f.includes(p));
      console.log(JSON.stringify({
        undiciIndex: has("/node_modules/undici/index.js"),
        undiciAny: has("/node_modules/undici/"),
        forgeIndex: has("/node_modules/node-forge/lib/index.js"),
        forgeTls: has("/node_modules/node-forge/lib/tls.js"),
        forgeAsn1: has("/node_modules/node-forge/lib/asn1.js"),
      }));`);
    expect(seen).toEqual({
      undiciIndex: false,
      undiciAny: false, // not even the Agent until the first call
      forgeIndex: false,
      forgeTls: false,
      forgeAsn1: true,
    });
  });

  it("the Agent loaded on the first call is undici's own class, with its request API", () => {
    const seen = inFreshNode(`
      const { undiciAgentClass } = require(${JSON.stringify(path.join(DIST, "shared", "undiciAgent.js"))});
      const Light = undiciAgentClass();
      const agent = new Light();
      const light = { request: typeof agent.request, stream: typeof agent.stream };
      const indexLoaded = Object.keys(require.cache).some((f) => f.endsWith("/node_modules/undici/index.js"));
      console.log(JSON.stringify({ ...light, indexLoaded, same: Light === require("undici").Agent }));`);
    expect(seen).toEqual({ request: "function", stream: "function", indexLoaded: false, same: true });
  });

  it("CSRs built with forge's asn1 module alone pass openssl's verification", () => {
    const seen = inFreshNode(`
      const { generateKeyPair } = require(${JSON.stringify(path.join(DIST, "crypto", "keys.js"))});
      const { buildCsr } = require(${JSON.stringify(path.join(DIST, "crypto", "csr.js"))});
      generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" }).then((k) => {
        const csr = buildCsr({ privateKey: k.privateKey, commonName: "example.com", dnsNames: ["www.example.com"], subject: { organization: "주식회사 예제" } });
        const verdict = require("node:child_process").execFileSync("openssl", ["req", "-verify", "-noout", "-subject", "-nameopt", "utf8"], { input: csr, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
        const forgeIndex = Object.keys(require.cache).some((f) => f.endsWith("/node-forge/lib/index.js"));
        console.log(JSON.stringify({ subject: verdict.trim(), forgeIndex }));
      });`);
    expect(seen.forgeIndex).toBe(false);
    expect(seen.subject).toMatch(/O ?= ?주식회사 예제, CN ?= ?example\.com/);
  });
});
