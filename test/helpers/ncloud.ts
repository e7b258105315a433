import { afterAll, beforeAll } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair, type KeySpec } from "../../provider/crypto/keys";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient, type NcloudClientOptions } from "../../provider/ncloud/api/certificateManager";
import type { PaidCertificateOrder } from "../../provider/ncloud/api/certificateManagerTypes";
import { configureNcloud } from "../../provider/ncloud/api/settings";
import { closeSharedAgents } from "../../provider/shared/http";

export async function emulatorAndClient(
  opts: { emulator?: Parameters<typeof startEmulator>[0]; client?: Partial<NcloudClientOptions> } = {},
): Promise<{ emulator: RunningEmulator; client: NcloudCertificateManagerClient }> {
  const emulator = await startEmulator(opts.emulator);
  const client = new NcloudCertificateManagerClient({
    credentials: emulator.ncloudCredentials,
    endpoint: emulator.url,
    ...opts.client,
  });
  return { emulator, client };
}

/** A fresh key and a CSR for these names (P-256 by default: fast). */
export async function keyAndCsr(
  commonName: string,
  dnsNames: string[] = [],
  spec: KeySpec = { algorithm: "ECDSA", ecdsaCurve: "P256" },
) {
  const key = await generateKeyPair(spec);
  const csr = buildCsr({ privateKey: key.privateKey, commonName, dnsNames });
  return { ...key, csr };
}

export async function order(
  client: NcloudCertificateManagerClient,
  certificateName: string,
  commonName = "example.com",
  dnsNames: string[] = ["www.example.com"],
  extra: Partial<PaidCertificateOrder> = {},
) {
  const kc = await keyAndCsr(commonName, dnsNames);
  const result = await client.requestPaidCertificateIssuance({
    csr: kc.csr,
    certificateType: "NCP_PAID_DV_01",
    certificateName,
    commonName,
    dnsName: dnsNames,
    validationMethod: "D",
    ...extra,
  });
  return { ...kc, result, certificateNo: result.certificateNo as number };
}

/** Points the in-process NCP provider (configure() with stack config) at this emulator; undefined resets it. */
export function configureProviderFor(emulator: RunningEmulator | undefined): void {
  if (!emulator) {
    configureNcloud(undefined);
    return;
  }
  const config: Record<string, string> = {
    "ncloud:accessKey": emulator.ncloudCredentials.accessKey,
    "ncloud:secretKey": emulator.ncloudCredentials.secretKey,
    "ncloud:certificateManagerEndpoint": emulator.url,
  };
  configureNcloud({ get: (k: string) => config[k] });
}

/** For a whole test file: an emulator started before its tests, with the in-process provider pointed at it. */
export function providerWithEmulatorForFile(): { readonly emulator: RunningEmulator } {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator();
    configureProviderFor(running);
  });
  afterAll(async () => {
    configureProviderFor(undefined);
    await running?.close();
    await closeSharedAgents();
  });
  return {
    get emulator(): RunningEmulator {
      if (!running) throw new Error("the emulator starts in beforeAll");
      return running;
    },
  };
}
