/**
 * Another language through the native plugin, under the real CLI: a Pulumi YAML program (language host built by
 * scripts/pulumi-yaml.sh) drives `pulumi-resource-certmanager-kr` against the emulator, as users get it: the single
 * executable of `npm run build:plugin`, installed with `pulumi plugin install --file`, with no node on the engine's
 * PATH. One `up` from nothing to an issued certificate (order, Global DNS records, validation), a refreshed preview
 * with no changes, a record deleted in the console (explained under its resource, put back), a data source through
 * `fn::invoke`, `pulumi import` of a certificate ordered outside Pulumi, and destroy; the state keeps the key and the
 * credentials encrypted.
 *
 * The YAML host is found like the CLI: missing, the file is skipped, unless CERTMANAGER_KR_REQUIRE_E2E=1 (CI),
 * which builds it and fails if that fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { order } from "../helpers/ncloud";
import { PLUGIN_VERSION, pathWithoutNode, pluginTarball } from "../helpers/pluginBuild";
import { E2EProject, findPulumiYaml } from "../helpers/pulumiCli";
import { e2eFile } from "./programs";

const ROOT = path.resolve(__dirname, "..", "..");
const e2e = e2eFile({ validateFromDns: true, dnsValidationDelayMs: 300, globalDnsZones: ["example.com"] });
const yamlBin = e2e.bin ? findPulumiYaml(process.env.CERTMANAGER_KR_REQUIRE_E2E === "1") : undefined;
if (e2e.bin && !yamlBin)
  console.warn("e2e: no pulumi-language-yaml (run scripts/pulumi-yaml.sh); the YAML e2e is skipped");

const CERT = "certmanager-kr:ncloud:AdvancedCertificate";

function pulumiYaml(extraResources = ""): string {
  return `name: yaml-native
runtime: yaml
variables:
  inventory:
    fn::invoke:
      function: certmanager-kr:nhncloud:getCertificates
      arguments:
        status: ALL
resources:
  site:
    type: ${CERT}
    properties:
      commonName: example.com
      dnsNames: [www.example.com]
      key: { algorithm: ECDSA }
  apexRecord:
    type: certmanager-kr:ncloud:GlobalDnsRecord
    properties: { zone: example.com, host: _dnsauth, type: TXT, ttl: 60, content: "\${site.dcvRecords[0].value}" }
  wwwRecord:
    type: certmanager-kr:ncloud:GlobalDnsRecord
    properties: { zone: example.com, host: _dnsauth.www, type: TXT, ttl: 60, content: "\${site.dcvRecords[1].value}" }
  issued:
    type: certmanager-kr:ncloud:AdvancedCertificateValidation
    properties:
      certificateNo: \${site.certificateNo}
      validationRecordFqdns: ["\${apexRecord.fqdn}", "\${wwwRecord.fqdn}"]
      timeoutMinutes: 2
      pollIntervalSeconds: 1
${extraResources}outputs:
  serialNumber: \${issued.serialNumber}
  statusCode: \${issued.statusCode}
  privateKeyPem: \${site.privateKeyPem}
  nhnCertificates: \${inventory.totalCount}
`;
}

describe.skipIf(!e2e.bin || !yamlBin)("Pulumi YAML through the native plugin", () => {
  it("up → issued; preview --refresh changes nothing; drift; fn::invoke; import of an outside certificate; destroy", async () => {
    expect(fs.existsSync(path.join(ROOT, "dist", "native", "main.js")), "npm run build first").toBe(true);
    const em = e2e.emulator;
    const p = await E2EProject.create(inject("fixtureDir"), e2e.bin, "yaml-native", {
      pulumiYaml: pulumiYaml(),
      config: {
        "certmanager-kr:accessKey": { secret: em.ncloudCredentials.accessKey },
        "certmanager-kr:secretKey": { secret: em.ncloudCredentials.secretKey },
        "certmanager-kr:certificateManagerEndpoint": em.url,
        "certmanager-kr:globalDnsEndpoint": em.globalDnsEndpoint,
        "certmanager-kr:nhncloudAppKey": { secret: em.nhncloud.appKey },
        "certmanager-kr:nhncloudCertificateManagerEndpoint": em.url,
      },
    });
    // The plugin as users get it: the single executable, installed from its tarball into the project's PULUMI_HOME,
    // run by an engine whose PATH holds no node (only the CLI's and the YAML host's folders).
    await p.ok(["plugin", "install", "resource", "certmanager-kr", PLUGIN_VERSION, "--file", pluginTarball()]);
    p.env.PATH = pathWithoutNode(yamlBin as string, e2e.bin as string);

    const up = await p.up();
    // The validation's progress lines are attached to it (the engine's Log RPC with its URN).
    expect(up.output).toMatch(
      /certmanager-kr:ncloud:AdvancedCertificateValidation \(issued\):\n(\s+.*\n)*?\s+.*issued/,
    );
    expect(await p.output("statusCode")).toBe("2");
    expect(await p.output("serialNumber")).toMatch(/^[0-9A-F]+$/);
    expect(Number(await p.output("nhnCertificates"))).toBeGreaterThan(0);
    expect(await p.output("privateKeyPem", true)).toContain("PRIVATE KEY");
    const applied = (await em.control.globalDns.appliedRecords("example.com")).filter((r) => r.type === "TXT");
    expect(applied.map((r) => r.host).sort()).toEqual(["_dnsauth", "_dnsauth.www"]);

    const quiet = await p.preview("--refresh", "--expect-no-changes");
    expect(quiet.code, quiet.output).toBe(0);

    // Drift: a record deleted in the console is explained under its resource by refresh, and put back by up.
    await em.control.globalDns.deleteRecord("example.com", applied.find((r) => r.host === "_dnsauth")?.id as number);
    const refresh = await p.refresh();
    expect(refresh.output).toMatch(/GlobalDnsRecord \(apexRecord\):\n\s+.*no longer exists in NCP Global DNS/);
    await p.up();
    expect((await em.control.globalDns.appliedRecords("example.com")).filter((r) => r.type === "TXT")).toHaveLength(2);

    // A certificate ordered outside Pulumi, imported by its number, then declared: no change, no new order.
    const client = new NcloudCertificateManagerClient({ credentials: em.ncloudCredentials, endpoint: em.url });
    const outside = await order(client, "outside-1", "import.example.com", ["www.import.example.com"]);
    await em.control.ncloud.issue(outside.certificateNo);
    const imported = await p.ok(["import", CERT, "adopted", String(outside.certificateNo), "--yes"]);
    expect(imported.output).toMatch(/commonName\s*:\s*import\.example\.com/);
    fs.writeFileSync(
      path.join(p.dir, "Pulumi.yaml"),
      pulumiYaml(`  adopted:
    type: ${CERT}
    properties:
      certificateName: outside-1
      commonName: import.example.com
      dnsNames: [www.import.example.com]
`),
    );
    const ordersBefore = await e2e.orders();
    const afterImport = await p.preview("--expect-no-changes");
    expect(afterImport.code, afterImport.output).toBe(0);

    // State: the generated key and the credentials only as ciphertext.
    const state = await p.exportState();
    const site = state.deployment.resources?.find((r) => r.type === CERT && r.urn.endsWith("::site"));
    expect(site?.outputs?.privateKeyPem).toMatchObject({ "4dabf18193072939515e22adb298388d": expect.any(String) });
    expect(JSON.stringify(site?.outputs?.privateKeyPem)).not.toContain("PRIVATE KEY");
    const text = p.backendText();
    for (const secret of [em.ncloudCredentials.secretKey, em.ncloudCredentials.accessKey, em.nhncloud.appKey]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain("PRIVATE KEY");

    const adoptedUrn = state.deployment.resources?.find((r) => r.urn.endsWith("::adopted"))?.urn as string;
    await p.ok(["state", "unprotect", adoptedUrn, "--yes"]);
    await p.destroy();
    expect(await e2e.orders()).toBe(ordersBefore);
    const left = (await em.control.ncloud.listCertificates()).filter((c) => c.statusCode !== "-6");
    expect(left).toEqual([]);
  });
});
