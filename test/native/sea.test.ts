/**
 * The plugin as a single executable (npm run build:plugin): a Node 24 SEA that needs no Node.js and no node_modules.
 * The tarball is built here, or reused when the bundle, the Node version and the build script are unchanged
 * (scripts/build-plugin.js keeps a stamp per platform): cold about 30-50 s (plus the Node download the first time),
 * warm a few seconds. The executable is started from a folder outside the repo with no `node` on PATH; it answers
 * GetSchema, and orders a certificate and reads NHN's inventory from the emulator (crypto, CSR and HTTPS client all
 * inside the bundle). `pulumi plugin install --file` must accept the tarball (with the CLI of scripts/pulumi-cli.sh,
 * when there is one, and a temporary PULUMI_HOME).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { ProviderHost } from "../helpers/host";
import { pathWithoutNode, pluginTarball, PLUGIN_VERSION as VERSION } from "../helpers/pluginBuild";
import { findPulumiCli } from "../helpers/pulumiCli";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const NO_NODE = { PATH: pathWithoutNode(), NODE_OPTIONS: undefined, NODE_PATH: undefined };

const cli = findPulumiCli(process.env.CERTMANAGER_KR_REQUIRE_E2E === "1");
let tarball: string;
let home: string;
let emulator: RunningEmulator;

beforeAll(() => {
  tarball = pluginTarball();
  home = fs.mkdtempSync(path.join(os.tmpdir(), "certmanager-kr-sea-"));
}, 600_000);

afterAll(async () => {
  await emulator?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** The tarball unpacked into a folder of its own, outside the repo (so no node_modules anywhere above it). */
function unpacked(): string {
  const dir = path.join(home, "unpacked");
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir);
    const tar = spawnSync("tar", ["-xzf", tarball, "-C", dir], { encoding: "utf8" });
    expect(tar.status, tar.stderr).toBe(0);
  }
  return path.join(dir, "pulumi-resource-certmanager-kr");
}

describe("the plugin as a single executable", () => {
  it("is named for Pulumi's plugin install and holds one native executable", () => {
    expect(path.basename(tarball)).toBe(`pulumi-resource-certmanager-kr-v${VERSION}-linux-amd64.tar.gz`);
    const listing = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
    expect(listing.stdout.trim().split("\n")).toEqual(["pulumi-resource-certmanager-kr"]);
    const head = Buffer.alloc(4);
    const fd = fs.openSync(unpacked(), "r");
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    expect(head.toString("latin1")).toBe("\x7fELF"); // not a script that needs an interpreter
  });

  it("answers GetSchema, orders a certificate and reads NHN's inventory with no node on PATH", async () => {
    emulator = await startEmulator();
    const plugin = await ProviderHost.startNative("127.0.0.1:1", NO_NODE, unpacked());
    try {
      expect(await plugin.pluginVersion()).toBe(VERSION);
      const schema = (await plugin.schema()) as { name: string; version: string; resources: object };
      expect(schema.name).toBe("certmanager-kr");
      expect(Object.keys(schema.resources)).toContain("certmanager-kr:ncloud:AdvancedCertificate");
      await plugin.configure({
        accessKey: emulator.ncloudCredentials.accessKey,
        secretKey: secret(emulator.ncloudCredentials.secretKey),
        certificateManagerEndpoint: emulator.url,
        nhncloudAppKey: secret(emulator.nhncloud.appKey),
        nhncloudCertificateManagerEndpoint: emulator.url,
      } as unknown as Record<string, string>);
      const checked = await plugin.check({}, { commonName: "sea.example.com", key: { algorithm: "ECDSA" } });
      expect(checked.failures).toEqual([]);
      const created = await plugin.create(checked.inputs);
      expect(JSON.stringify(created.properties.privateKeyPem)).toContain("PRIVATE KEY");
      const list = await plugin.invoke("certmanager-kr:nhncloud:getCertificates", { status: "ALL" });
      expect((list.outputs.certificates as unknown[]).length).toBeGreaterThan(0);
      expect(plugin.stderr).toBe("");
    } finally {
      await plugin.stop();
    }
  }, 60_000);

  it.skipIf(!cli)("is accepted by `pulumi plugin install resource certmanager-kr <version> --file`", () => {
    const env = {
      ...NO_NODE,
      PULUMI_HOME: path.join(home, "pulumi-home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      HOME: home,
    };
    const pulumi = path.join(cli as string, "pulumi");
    const install = spawnSync(pulumi, ["plugin", "install", "resource", "certmanager-kr", VERSION, "--file", tarball], {
      encoding: "utf8",
      env,
    });
    expect(install.status, install.stderr).toBe(0);
    const installed = path.join(env.PULUMI_HOME, "plugins", `resource-certmanager-kr-v${VERSION}`);
    expect(fs.existsSync(path.join(installed, "pulumi-resource-certmanager-kr"))).toBe(true);
    const ls = spawnSync(pulumi, ["plugin", "ls", "--json"], { encoding: "utf8", env });
    expect(ls.status, ls.stderr).toBe(0);
    expect(JSON.parse(ls.stdout)).toContainEqual(
      expect.objectContaining({ name: "certmanager-kr", kind: "resource", version: VERSION }),
    );
  });
});
